"""The admin form every mode, trend and company is edited with."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from content.hygiene import text_problems
from content.locking import queue_behind_other_saves
from content.models import Publishable
from content.signals import ChangeRefused, check_change_allowed
from content.translation_status import CONTENT_LANGUAGES, missing


def language_name(lang):
    return dict(settings.LANGUAGES)[lang]


def field_label(model, field):
    return model._meta.get_field(field).verbose_name


def deleted_meanwhile(name):
    return _(
        "“%(name)s” was deleted while you were editing, so it cannot be linked. Your other changes are still in "
        "the form: save again to keep them."
    ) % {"name": name}


def deleted_record_name(model, pk):
    """What a record that is gone was called, from its history (which keeps a line for its deletion), or None."""
    try:
        pk = model._meta.pk.to_python(pk)
    except ValidationError:
        return None
    history = getattr(model, "history", None)
    gone = history.filter(**{model._meta.pk.attname: pk}, history_type="-").first() if history is not None else None
    return str(gone.instance) if gone else None


class ChosenRecordsField(forms.ModelMultipleChoiceField):
    """A relation picker that names a chosen record deleted while the editor was editing, where Django would say
    "Select a valid choice. 14 is not one of the available choices." (EditorialAdmin uses it for every one)."""

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError as error:
            name = None
            if error.code == "invalid_choice":  # an id that is no record (any more)
                name = deleted_record_name(self.queryset.model, error.params["value"])
            if name is None:
                raise
            raise ValidationError(deleted_meanwhile(name), code="deleted") from None


def hold_records(model, pks):
    """Of these records, the ids of those that exist, which no one can delete until this transaction ends.

    PostgreSQL: FOR KEY SHARE, the lock a foreign key's own check takes. It waits for a delete under way and
    holds off one that has not begun, and lets other saves of those records, and other links to them, go on,
    so two saves never wait for each other in a circle. SQLite: a transaction already holds the write lock.
    """
    queryset = model._default_manager.filter(pk__in=pks).order_by("pk").values_list("pk", flat=True)
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return set(queryset)
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} FOR KEY SHARE", params)
        return {pk for (pk,) in cursor.fetchall()}


class EditorialForm(forms.ModelForm):
    """Refuses a stale save, refuses to publish a half-translated record, confirms translations."""

    # The version the editor opened; a save from an older version would overwrite someone's work.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_translations = forms.MultipleChoiceField(
        label=_("Confirm translation is current"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick a field when its other language already says the same as the changed one."),
    )

    # Kept with the version this save makes (django-simple-history's change reason); readers see it on the
    # recent changes page and in the feeds (opendata).
    change_summary = forms.CharField(
        label=_("Summary of this change"),
        max_length=100,
        required=False,
        help_text=_("One line readers see on the recent changes page, e.g. “Corrected the founding year”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = type(self.instance)
        # A draft may be saved in one language first; publishing checks both (_refuse_to_publish_incomplete).
        for field in model.translated_field_names():
            for lang in CONTENT_LANGUAGES:
                name = build_localized_fieldname(field, lang)
                if name in self.fields:
                    self.fields[name].required = False
        self.initial.setdefault("opened_version", self.instance.version)
        self.fields["confirm_translations"].choices = [
            (item.field, capfirst(field_label(model, item.field))) for item in self.instance.outdated_translations()
        ]

    def clean_change_summary(self):
        summary = " ".join(self.cleaned_data["change_summary"].split())
        problems = text_problems(summary, single_line=True)
        if problems:
            raise forms.ValidationError(problems)
        return summary

    def clean(self):
        cleaned_data = super().clean()
        queue_behind_other_saves(type(self.instance))  # the checks below see every earlier save
        self._refuse_if_changed_since_opened()
        self._hold_chosen_records()
        self._refuse_if_readers_would_not_see_it()
        if cleaned_data.get("status", self.instance.status) == Publishable.Status.PUBLISHED:
            self._refuse_to_publish_incomplete()
        return cleaned_data

    def _hold_chosen_records(self):
        """The records chosen in the relation pickers stay until this save commits (the admin runs the request in
        one transaction). One deleted since its picker checked it is a form error that names it, with the rest of
        the form kept, instead of a foreign-key violation when the save commits (a server error on PostgreSQL)."""
        for name, field in self.fields.items():
            chosen = self.cleaned_data.get(name) if isinstance(field, forms.ModelMultipleChoiceField) else None
            if not chosen:
                continue
            with transaction.atomic(using=router.db_for_write(field.queryset.model)):
                held = hold_records(field.queryset.model, [record.pk for record in chosen])
            for record in chosen:
                if record.pk not in held:
                    self.add_error(name, deleted_meanwhile(record))

    def _refuse_if_readers_would_not_see_it(self):
        """Whatever must follow a save (emptying the page cache) is checked now, while the text is still in the form."""
        if self.errors:
            return
        try:
            check_change_allowed(type(self.instance))
        except ChangeRefused as refusal:
            self.add_error(None, str(refusal))

    def _refuse_if_changed_since_opened(self):
        if self.instance._state.adding:
            return
        model = type(self.instance)
        with transaction.atomic():  # inside the admin's transaction the row stays locked until saved
            current = (
                model._default_manager.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
        if current == self.cleaned_data.get("opened_version"):
            return
        latest = self.instance.history.first()
        if latest and latest.history_user:
            message = _(
                "%(user)s saved this record at %(time)s, after you opened it. Your changes were not saved, "
                "so nothing of theirs was lost. Open the record again to see their version, then redo your changes."
            ) % {"user": latest.history_user, "time": date_format(localtime(latest.history_date), "DATETIME_FORMAT")}
        else:
            message = _(
                "Someone saved this record after you opened it. Your changes were not saved, so nothing of theirs "
                "was lost. Open the record again to see their version, then redo your changes."
            )
        self.add_error(None, message)

    def _refuse_to_publish_incomplete(self):
        model = type(self.instance)
        texts = self.instance.translated_texts()
        for field, pair in texts.items():
            for lang in CONTENT_LANGUAGES:
                name = build_localized_fieldname(field, lang)
                if name in self.cleaned_data:
                    pair[lang] = (self.cleaned_data[name] or "").strip()
        gaps = missing(texts, model.optional_translated_field_names())
        for field, lang in gaps:
            message = _("To publish, fill in the %(language)s %(field)s (it is empty).") % {
                "language": language_name(lang),
                "field": field_label(model, field),
            }
            name = build_localized_fieldname(field, lang)
            self.add_error(name if name in self.fields else None, message)
        if gaps:
            self.add_error(
                None,
                _(
                    "This record cannot be published until every field is written in both languages. "
                    "Fill in the fields marked below, or save it as a draft."
                ),
            )

    def save(self, commit=True):
        self.instance.confirm_translations(self.cleaned_data.get("confirm_translations") or ())
        return super().save(commit)
