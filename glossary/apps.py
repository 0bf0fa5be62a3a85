from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    """The article's terms, in English, Traditional and Simplified Chinese: pages, a termbase (TBX), and links
    from every body that uses a term to its page."""

    name = "glossary"
    verbose_name = _("Glossary")

    def ready(self):
        from content import term_links

        from .links import glossary_links
        from .models import Term

        term_links.register_source(glossary_links, models=[Term])
