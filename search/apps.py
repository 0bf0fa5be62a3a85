from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search across every kind of content, in any language and either Chinese script."""

    name = "search"
    verbose_name = "search"

    def ready(self):
        from . import signals  # noqa: F401  connects the receivers that keep the search index right
