"""What every editable record carries for the editors' workflow (no tables of its own)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from . import translation_status


class TranslationTracked(models.Model):
    """Knows which translated fields are missing or possibly out of date, and counts its saves."""

    # Per translated field, both languages' text when they were last known to match.
    translation_baseline = models.JSONField(_("translations last in step"), default=dict, blank=True, editable=False)
    # Optimistic locking: an admin form remembers the version it was opened at (editors.forms).
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    bookkeeping_fields = ("version", "translation_baseline")  # kept out of history (content.models)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.translation_baseline = translation_status.next_baseline(
            self.translation_baseline or {},
            self.translated_texts(),
            confirmed=getattr(self, "_confirmed_translations", ()),
        )
        self._confirmed_translations = set()
        if not self._state.adding:
            self.version = (self.version or 0) + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "translation_baseline", "version"}
        super().save(*args, **kwargs)

    @classmethod
    def translated_field_names(cls):
        translated = translator.get_options_for_model(cls).fields
        return [field.name for field in cls._meta.fields if field.name in translated]  # in form order

    def translated_texts(self):
        """{field: {language: text}} for every translated field, blank text counted as empty."""
        return {
            field: {
                lang: (getattr(self, build_localized_fieldname(field, lang)) or "").strip()
                for lang in translation_status.CONTENT_LANGUAGES
            }
            for field in self.translated_field_names()
        }

    def missing_translations(self):
        return translation_status.missing(self.translated_texts())

    def is_complete(self, lang):
        return all(missing_lang != lang for _field, missing_lang in self.missing_translations())

    def outdated_translations(self):
        return translation_status.outdated(self.translation_baseline or {}, self.translated_texts())

    def needs_translation(self):
        return bool(self.missing_translations() or self.outdated_translations())

    def confirm_translations(self, fields):
        """Declare these fields' two languages in step; takes effect on the next save."""
        self._confirmed_translations = set(fields)
