"""A change to the conversion table changes every Chinese page on /zh-hans/: say so as content does."""

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from content.signals import content_changed

from .models import ConversionRule
from .seeding import seed_conversion_table
from .table import table_changed


@receiver(post_save, sender=ConversionRule)
@receiver(post_delete, sender=ConversionRule)
def _rule_changed(sender, **kwargs):
    content_changed.send(sender=sender)  # a new page-cache generation, or the change is refused
    table_changed()


@receiver(post_migrate)
def _migrated(sender, app_config=None, **kwargs):
    if app_config is not None and app_config.name == "conversion":
        seed_conversion_table()
