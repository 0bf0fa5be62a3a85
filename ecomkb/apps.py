from django.apps import AppConfig


class EcomkbConfig(AppConfig):
    name = "ecomkb"
    verbose_name = "ecomkb"

    def ready(self):
        from . import pagecache  # noqa: F401  connects the signals that empty the page cache
