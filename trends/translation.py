from modeltranslation.translator import TranslationOptions, register

from .models import Trend


@register(Trend)
class TrendTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ()
