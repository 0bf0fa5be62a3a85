from django.apps import AppConfig


class ContentConfig(AppConfig):
    """What every kind of record readers see shares: publishing, translation tracking, the registry, seeding."""

    name = "content"
    verbose_name = "content"

    def ready(self):
        from . import counts, signals  # noqa: F401  connects the receivers that send content_changed and forget counts
