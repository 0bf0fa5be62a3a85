import simple_history
from modeltranslation.translator import TranslationOptions, register

from content.models import history_excluded_fields

from .models import ArticleParagraph


@register(ArticleParagraph)
class ArticleParagraphTranslation(TranslationOptions):
    fields = ("section_heading", "heading", "text", "note")
    required_languages = ()


# History after the translation fields exist, so every version keeps both languages (see modes/translation.py).
simple_history.register(ArticleParagraph, app="article", excluded_fields=history_excluded_fields(ArticleParagraph))
