from django.apps import AppConfig


class ContentConfig(AppConfig):
    """What every kind of record readers see shares: publishing, translation tracking, the registry, seeding."""

    name = "content"
    verbose_name = "content"
