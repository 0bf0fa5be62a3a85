"""The export and import forms of the admin's translation-file pages."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from content.translation_status import CONTENT_LANGUAGES as LANGUAGES

from . import formats
from .checks import RefusedFile, max_bytes, refuse_if_too_large

FORMAT_CHOICES = [
    ("xliff12", _("XLIFF 1.2 (memoQ, Trados, Phrase, OmegaT and most other tools)")),
    ("xliff20", _("XLIFF 2.0")),
    ("po", _("PO (Poedit, Weblate)")),
]


def direction_choices():
    names = dict(settings.LANGUAGES)
    return [
        (target, _("%(source)s → %(target)s") % {"source": names[source], "target": names[target]})
        for target in reversed(LANGUAGES)
        for source in LANGUAGES
        if source != target
    ]


class ExportForm(forms.Form):
    into = forms.ChoiceField(label=_("Translate"), widget=forms.RadioSelect, initial="zh-hant")
    format = forms.ChoiceField(
        label=_("File format"), choices=FORMAT_CHOICES, widget=forms.RadioSelect, initial="xliff12"
    )
    copy_source = forms.BooleanField(
        label=_("Copy the source text into each target"),
        required=False,
        help_text=_(
            "For tools that translate the text of a target rather than the source, as OmegaT does. On import, a "
            "target still equal to its source counts as not translated."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = direction_choices()


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Translated file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "An XLIFF 1.2, XLIFF 2.0 or PO file exported from ecomkb and translated, at most %(size)s KB. "
            "Nothing is changed until you have seen the preview and applied it."
        ) % {"size": max_bytes() // 1024}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            refuse_if_too_large(upload.size)  # before reading a byte of it
            self.delivery = formats.read_file(upload.read())
        except RefusedFile as refused:
            raise forms.ValidationError(refused.message, code="refused") from None
        upload.seek(0)
        return upload
