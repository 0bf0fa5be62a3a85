from django.apps import AppConfig


class BilingualConfig(AppConfig):
    """Reading in two languages and three scripts: languages, fallback, Chinese conversion, Markdown, side by side."""

    name = "bilingual"
    verbose_name = "bilingual reading"
