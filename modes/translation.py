from modeltranslation.translator import TranslationOptions, register

from .models import Company, OperationMode


@register(OperationMode)
class OperationModeTranslation(TranslationOptions):
    fields = ("name", "summary", "body", "seller_side", "buyer_side")
    required_languages = ()  # an editor may save one language first; publishing checks both


@register(Company)
class CompanyTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()
