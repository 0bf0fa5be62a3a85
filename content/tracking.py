"""What every editable record carries for the editors' workflow (no tables of its own)."""

from django.db import models, router, transaction
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
    # What missing_translations() and outdated_translations() say, stored on every save so that the admin
    # counts and filters translation work with a query (partial indexes: content.models.content_indexes).
    translation_incomplete = models.BooleanField(_("translation incomplete"), default=False, editable=False)
    translation_outdated = models.BooleanField(_("translation may be out of date"), default=False, editable=False)

    bookkeeping_fields = ("version", "translation_baseline", "translation_incomplete", "translation_outdated")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        texts = self.translated_texts()
        baseline = dict(self.translation_baseline or {})
        for field, (language, source_text) in getattr(self, "_translated_from", {}).items():
            baseline[field] = {**texts[field], language: (source_text or "").strip()}
        self._translated_from = {}
        self.translation_baseline = translation_status.next_baseline(
            baseline,
            texts,
            confirmed=getattr(self, "_confirmed_translations", ()),
        )
        self._confirmed_translations = set()
        self.refresh_translation_flags()
        if not self._state.adding:
            self.version = (self.version or 0) + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *TranslationTracked.bookkeeping_fields}
        # One transaction with what follows the write (post_save: history, search, the page cache's generation),
        # on every path: a shell in autocommit committed the row before a refusal (content.signals) could undo it.
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(type(self), instance=self)):
            super().save(*args, **kwargs)

    def refresh_translation_flags(self):
        """Store what the translation rules say of the current texts (save() calls it; bulk writers must)."""
        self.translation_incomplete = bool(self.missing_translations())
        self.translation_outdated = bool(self.outdated_translations())

    @classmethod
    def translated_field_names(cls):
        translated = translator.get_options_for_model(cls).fields
        return [field.name for field in cls._meta.fields if field.name in translated]  # in form order

    @classmethod
    def optional_translated_field_names(cls):
        """Translated fields a record may leave empty in both languages (blank=True)."""
        return [name for name in cls.translated_field_names() if cls._meta.get_field(name).blank]

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
        return translation_status.missing(self.translated_texts(), self.optional_translated_field_names())

    def is_complete(self, lang):
        return all(missing_lang != lang for _field, missing_lang in self.missing_translations())

    def outdated_translations(self):
        return translation_status.outdated(self.translation_baseline or {}, self.translated_texts())

    def needs_translation(self):
        return bool(self.missing_translations() or self.outdated_translations())

    def confirm_translations(self, fields):
        """Declare these fields' two languages in step; takes effect on the next save."""
        self._confirmed_translations = set(fields)

    def translated_from(self, field, language, source_text):
        """The other language's text of `field` was translated from `source_text`; takes effect on save.

        When the `language` text has changed since (an old translation file), the field stays
        flagged "may be out of date", measured against `source_text`.
        """
        self._translated_from = {**getattr(self, "_translated_from", {}), field: (language, source_text)}


def backfill_translation_flags(model, fields, optional=()):
    """Set the stored flags of every row of `model` from its texts (for migrations, whose historical models
    have no save() of ours): `fields` are its translated fields, `optional` those that may be empty in both."""
    columns = [f"{field}_{lang.replace('-', '_')}" for field in fields for lang in translation_status.CONTENT_LANGUAGES]
    for record in model.objects.only("pk", "translation_baseline", *columns).iterator(chunk_size=2000):
        texts = {
            field: {
                lang: (getattr(record, f"{field}_{lang.replace('-', '_')}") or "").strip()
                for lang in translation_status.CONTENT_LANGUAGES
            }
            for field in fields
        }
        incomplete = bool(translation_status.missing(texts, optional))
        outdated = bool(translation_status.outdated(record.translation_baseline or {}, texts))
        if incomplete or outdated:
            model.objects.filter(pk=record.pk).update(translation_incomplete=incomplete, translation_outdated=outdated)
