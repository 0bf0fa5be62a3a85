"""The table follows the records: a rename leaves the old address, a record given an address takes it back, a
deleted record takes its redirects with it. Every write path sends content.signals.address_changed."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete
from django.dispatch import receiver

from content.registry import is_content
from content.signals import address_changed

from . import paths
from .models import Redirect

CHUNK = 500  # addresses per DELETE (a bulk_create of many records)


@receiver(address_changed)
def _follow_renames(sender, changes, **kwargs):
    taken, left = [], {}
    for record, old_slug in changes:
        new_path = paths.record_path(record)
        if new_path is None:  # a kind without pages of its own
            return
        taken.append(new_path)
        if old_slug is not None:
            left[paths.record_path(record, slug=old_slug)] = record
    for start in range(0, len(taken), CHUNK):  # a record at an address wins over a redirect from it
        Redirect.objects.filter(old_path__in=taken[start : start + CHUNK]).delete()
    for old_path, record in left.items():
        redirect = Redirect.objects.filter(old_path=old_path).first() or Redirect(old_path=old_path)
        redirect.set_target(record=record)
        redirect.automatic = True
        redirect.save()


@receiver(post_delete)
def _forget_deleted_record(sender, instance, **kwargs):
    if is_content(sender) and getattr(instance, "key", None) is not None:
        Redirect.objects.filter(
            content_type=ContentType.objects.get_for_model(sender), record_key=instance.key
        ).delete()
