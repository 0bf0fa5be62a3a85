from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The whole-page cache for anonymous readers, emptied whenever content changes."""

    name = "pagecache"
    verbose_name = "page cache"

    def ready(self):
        from . import signals  # noqa: F401  connects the receivers that start a new cache generation
