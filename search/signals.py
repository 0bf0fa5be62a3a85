"""Every save and delete of a content record updates its search entry (search.index), in the same
transaction. Relations (sources, related modes) are not searched, so their changes need nothing."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from content.registry import is_content

from .index import remove_records, update_records


@receiver(post_save, dispatch_uid="search.record_saved")
def _record_saved(sender, instance, **kwargs):
    # raw saves too (loaddata): the record's fields are all there.
    if is_content(sender):
        update_records([instance])


@receiver(post_delete, dispatch_uid="search.record_deleted")
def _record_deleted(sender, instance, **kwargs):
    if is_content(sender):
        remove_records(sender, [instance.pk])
