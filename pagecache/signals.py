"""When the page cache starts a new generation: content changed or is about to change (content.signals),
or a deploy migrated."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver

from content.signals import content_changed, content_will_change

from .generation import renew_or_forget, renew_or_refuse, start_new_generation


@receiver(content_will_change)
def _content_will_change(sender, **kwargs):
    renew_or_refuse()  # an editor's form: a refusal is a form error, and the text stays in the form


@receiver(content_changed)
def _content_changed(sender, **kwargs):
    start_new_generation()  # refuses (rolls back) the change if the cache cannot follow


@receiver(post_migrate)
def _migrated(sender, **kwargs):
    renew_or_forget()  # a deploy runs migrate: templates and static file names may have changed
