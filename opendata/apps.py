from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """The reuser's side of the knowledge base: recent changes and each record's public history, Atom feeds, a
    read-only JSON API and downloadable dumps. Published records and versions only, whatever the path."""

    name = "opendata"
    verbose_name = _("Open knowledge")
