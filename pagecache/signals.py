"""When the page cache starts a new generation: content changed (content.signals), or a deploy migrated."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver

from content.signals import content_changed

from .generation import start_new_generation


@receiver(content_changed)
def _content_changed(sender, **kwargs):
    start_new_generation()


@receiver(post_migrate)
def _migrated(sender, **kwargs):
    start_new_generation()  # a deploy runs migrate: templates and static file names may have changed
