"""The site's conversion table: phrases OpenCC gets wrong for this site, and what a mainland reader writes instead.

OpenCC converts Taiwan text to mainland text character by character and, for phrases its dictionary knows,
phrase by phrase. Its phrase dictionary is general, not ours: it turns 線上 (online) into 在线 and breaks
線上對線下 (O2O), and it leaves Taiwan terms (透過, 營運) that a mainland reader does not write. Each rule here
names a phrase as editors write it and how /zh-hans/ shows it; bilingual.chinese applies the table before
OpenCC, which never sees the phrase. Search folds with it too (search.query). Versioned, as content is.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

MAX_PHRASE = 50


def validate_phrase(value):
    if value != value.strip() or not value:
        raise ValidationError(_("A phrase may not begin or end with a space."), code="spaces")
    if "-{" in value or "}-" in value:
        raise ValidationError(_("A phrase may not hold a conversion marker (-{ or }-)."), code="marker")


class ConversionRule(models.Model):
    """One phrase of Traditional Chinese (as editors write it) and its Simplified Chinese (as /zh-hans/ shows it)."""

    traditional = models.CharField(
        _("Traditional Chinese"),
        max_length=MAX_PHRASE,
        unique=True,
        help_text=_("As editors write it (Taiwan usage), e.g. 線上. The longest phrase that matches wins."),
    )
    simplified = models.CharField(
        _("Simplified Chinese"),
        max_length=MAX_PHRASE,
        help_text=_("As a mainland reader writes it, e.g. 线上. Search finds either."),
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("Why: what OpenCC writes instead, or the mainland usage.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["traditional"]
        verbose_name = _("conversion rule")
        verbose_name_plural = _("conversion table")

    def __str__(self):
        return f"{self.traditional} → {self.simplified}"

    def clean(self):
        # Checked here rather than as field validators, so the migrations need import nothing of the project.
        errors = {}
        for name in ("traditional", "simplified"):
            try:
                validate_phrase(getattr(self, name))
            except ValidationError as error:
                errors[name] = error
        if errors:
            raise ValidationError(errors)
