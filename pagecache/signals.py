"""When the page cache starts a new generation: content changed or is about to change (content.signals),
or a deploy migrated. And what shared caches in front of the app are told to purge (pagecache.purges)."""

from django.conf import settings
from django.db import router
from django.db.models.signals import post_migrate, pre_save
from django.dispatch import receiver

from content.cache import SITE_KEY, changed_keys, remember_listed
from content.signals import content_changed, content_will_change

from .generation import renew_or_forget, renew_or_refuse, start_new_generation
from .purges import queue


@receiver(content_will_change)
def _content_will_change(sender, **kwargs):
    renew_or_refuse()  # an editor's form: a refusal is a form error, and the text stays in the form


@receiver(content_changed)
def _content_changed(sender, **kwargs):
    start_new_generation()  # refuses (rolls back) the change if the cache cannot follow


@receiver(content_changed)
def _purge_shared_caches(sender, **kwargs):
    if settings.PURGE_URLS or settings.PURGE_QUEUE_ALWAYS:  # after _content_changed: nothing for a refused change
        kwargs.pop("signal", None)
        queue(changed_keys(sender, **kwargs), using=router.db_for_write(sender))


@receiver(pre_save)
def _before_save(sender, instance, raw=False, **kwargs):
    if (settings.PURGE_URLS or settings.PURGE_QUEUE_ALWAYS) and not raw:
        remember_listed(instance)  # content records only: is it an edit of its text, or of where it is listed?


@receiver(post_migrate)
def _migrated(sender, **kwargs):
    renew_or_forget()  # a deploy runs migrate: templates and static file names may have changed
    if sender.name == "pagecache":
        queue({SITE_KEY}, using=kwargs.get("using"))  # every page in the shared caches, for the same reason
