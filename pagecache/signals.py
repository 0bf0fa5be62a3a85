"""What a change makes stale, in the page cache (pagecache.generation) and in the shared caches in front of the
app (pagecache.purges): the same surrogate keys (content.cache.changed_keys), or every page after a deploy."""

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
    renew_or_refuse(keys=())  # an editor's form: a refusal is a form error, and the text stays in the form


@receiver(content_changed)
def _content_changed(sender, **kwargs):
    kwargs.pop("signal", None)
    keys = changed_keys(sender, **kwargs)
    start_new_generation(keys)  # refuses (rolls back) the change if the cache cannot follow
    if settings.PURGE_URLS or settings.PURGE_QUEUE_ALWAYS:  # and the shared caches in front, after commit
        queue(keys, using=router.db_for_write(sender))


@receiver(pre_save)
def _before_save(sender, instance, raw=False, **kwargs):
    if not raw:
        remember_listed(instance)  # content records only: is it an edit of its text, or of where it is listed?


@receiver(post_migrate)
def _migrated(sender, **kwargs):
    renew_or_forget({SITE_KEY})  # a deploy runs migrate: templates and static file names may have changed
    if sender.name == "pagecache":
        queue({SITE_KEY}, using=kwargs.get("using"))  # every page in the shared caches, for the same reason
