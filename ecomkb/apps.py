from django.apps import AppConfig


class EcomkbConfig(AppConfig):
    name = "ecomkb"
    verbose_name = "ecomkb"
