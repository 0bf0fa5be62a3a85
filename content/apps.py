from django.apps import AppConfig


class ContentConfig(AppConfig):
    """What every kind of record readers see shares: publishing, translation tracking, the registry, seeding."""

    name = "content"
    verbose_name = "content"

    def ready(self):
        from . import checks, counts, signals  # noqa: F401  registers the checks; connects the receivers (content_changed, counts)
