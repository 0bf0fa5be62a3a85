import simple_history
from modeltranslation.translator import TranslationOptions, register

from content.models import history_excluded_fields

from .models import Company, OperationMode


@register(OperationMode)
class OperationModeTranslation(TranslationOptions):
    fields = ("name", "summary", "body", "seller_side", "buyer_side")
    required_languages = ()  # an editor may save one language first; publishing checks both


@register(Company)
class CompanyTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


# History is registered here, after the translation fields exist, so that every version
# keeps both languages (name_en, name_zh_hant, ...). The bookkeeping fields stay out of it:
# restoring an old version must not roll back the lock counter or the translation baseline.
simple_history.register(OperationMode, app="modes", excluded_fields=history_excluded_fields(OperationMode))
simple_history.register(Company, app="modes", excluded_fields=history_excluded_fields(Company))
