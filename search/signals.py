"""Every save and delete of a content record updates its search entry (search.index), in the same
transaction. Relations (sources, related modes) are not searched, so their changes need nothing."""

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from content.registry import content_models, is_content

from .backends import backend_for
from .index import PUBLISHED, ids_out_of_date, reindex, remove_records, update_records
from .models import SearchEntry


@receiver(post_save, dispatch_uid="search.record_saved")
def _record_saved(sender, instance, **kwargs):
    # raw saves too (loaddata): the record's fields are all there.
    if is_content(sender):
        update_records([instance])


@receiver(post_delete, dispatch_uid="search.record_deleted")
def _record_deleted(sender, instance, **kwargs):
    if is_content(sender):
        remove_records(sender, [instance.pk])


@receiver(post_migrate, dispatch_uid="search.migrated")
def _fill_an_empty_index(sender, app_config, using, **kwargs):
    """An index left empty beside published records (a database older than the index, or restored without it) is
    filled once after migrate, as `reindexsearch` would; a data migration did it once, reading the live registry.
    The lookup structures every registered kind needs (search.backends) are made where missing."""
    if app_config.label != "search":
        return
    models = [SearchEntry, *content_models()]
    if not {model._meta.db_table for model in models} <= set(connections[using].introspection.table_names()):
        return  # migrated part-way (or back): not every table there yet
    backend_for(connections[using].vendor).ensure_structures(using)  # a kind registered since: its index
    if not SearchEntry.objects.using(using).exists() and any(
        model._default_manager.using(using).filter(status=PUBLISHED).exists() for model in content_models()
    ):
        reindex()
    elif ids_out_of_date(using):  # numbered by an older search.index.entry_id
        reindex()
