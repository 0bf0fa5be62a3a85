import simple_history
from modeltranslation.translator import TranslationOptions, register

from content.models import history_excluded_fields

from .models import Trend


@register(Trend)
class TrendTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ()


# History after the translation fields exist, so every version keeps both languages (see modes/translation.py).
simple_history.register(Trend, app="trends", excluded_fields=history_excluded_fields(Trend))
