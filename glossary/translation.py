import simple_history
from modeltranslation.translator import TranslationOptions, register

from content.models import history_excluded_fields

from .models import Term


@register(Term)
class TermTranslation(TranslationOptions):
    fields = ("term", "definition", "background")
    required_languages = ()  # an editor may save one language first; publishing checks both


# History after the translation fields exist, so every version keeps both languages (see modes/translation.py).
simple_history.register(Term, app="glossary", excluded_fields=history_excluded_fields(Term))
