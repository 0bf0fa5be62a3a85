"""The site's conversion table: phrases OpenCC gets wrong for this site, and what a mainland reader writes instead.

OpenCC converts Taiwan text to mainland text character by character and, for phrases its dictionary knows,
phrase by phrase. Its phrase dictionary is general, not ours: it turns 線上 (online) into 在线 and breaks
線上對線下 (O2O), and it leaves Taiwan terms (透過, 營運) that a mainland reader does not write. Each rule here
names a phrase as editors write it and how /zh-hans/ shows it; bilingual.chinese applies the table before
OpenCC, which never sees the phrase. Search folds with it too (search.query). Versioned, as content is.
"""

import unicodedata
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bilingual.chinese import converter
from content.hygiene import text_problems

MAX_PHRASE = 50


# Characters bilingual.chinese applies the table around: the Basic Multilingual Plane's private-use area and planes
# 15–16 (its placeholders are U+F0000…). A rule holding one would corrupt the conversion of every page.
PRIVATE_USE = ((0xE000, 0xF8FF), (0xF0000, 0x10FFFF))
# The table rewrites text that is Markdown and HTML: a rule that adds or drops one of these would make or break
# markup (a link, a tag, emphasis) on every page holding the phrase. A rule keeping them is fine: ")s筆" → ")s条"
# rewrites "%(count)s筆" in the interface.
MARKUP = set("<>[]()*_`#&!|\\")


def _private(char):
    return any(low <= ord(char) <= high for low, high in PRIVATE_USE)


def _chinese(char):
    """A Han character or a Chinese punctuation mark (「 → “ is a rule: the mainland's quotation marks)."""
    return unicodedata.name(char, "").startswith(("CJK ", "IDEOGRAPHIC ")) or 0x3000 <= ord(char) <= 0x303F


def _markup_changed(traditional, simplified):
    """The Markdown or HTML characters the Simplified phrase adds or drops, counted: a sorted list."""
    written, shown = Counter(c for c in traditional if c in MARKUP), Counter(c for c in simplified if c in MARKUP)
    return sorted(((shown - written) + (written - shown)).keys())


def phrase_problems(value, *, simplified=False):
    """What is wrong with `value` as one side of a rule: a list of ValidationErrors, one per problem. An empty or
    over-long phrase is the field's own error (required, max_length), not repeated here."""
    if not value or len(value) > MAX_PHRASE:
        return []
    problems = list(text_problems(value, single_line=True))
    if value != value.strip():
        problems.append(ValidationError(_("A phrase may not begin or end with a space."), code="spaces"))
    if "-{" in value or "}-" in value:
        problems.append(ValidationError(_("A phrase may not hold a conversion marker (-{ or }-)."), code="marker"))
    private = sorted({f"U+{ord(char):04X}" for char in value if _private(char)})
    if private:
        problems.append(
            ValidationError(
                _("A phrase may not hold private-use characters: %(chars)s."),
                code="private_use",
                params={"chars": ", ".join(private)},
            )
        )
    if not simplified and not any(_chinese(char) for char in value):
        message = _("The Traditional phrase must hold a Chinese character or punctuation mark.")
        problems.append(ValidationError(message, code="no_chinese"))
    return problems


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

    def save(self, *args, **kwargs):
        """Every write path keeps the rules, not the admin's form alone (a shell, a script)."""
        self.clean_fields()
        self.clean()
        super().save(*args, **kwargs)

    def clean(self):
        # Checked here rather than as field validators, so the migrations need import nothing of the project.
        errors = {
            name: problems
            for name in ("traditional", "simplified")
            if (problems := phrase_problems(getattr(self, name), simplified=name == "simplified"))
        }
        both = not errors and self.traditional and self.simplified  # each side fine alone: compare them
        if both and (changed := _markup_changed(self.traditional, self.simplified)):
            errors["simplified"] = ValidationError(
                _("The Simplified phrase may not add or drop %(chars)s: on a page they are Markdown or HTML."),
                code="markup",
                params={"chars": " ".join(changed)},
            )
        elif both and self.traditional == self.simplified == converter("tw2sp.json").convert(self.traditional):
            # 建立 → 建立 is a rule: it keeps OpenCC from writing 创建. One OpenCC leaves alone changes nothing.
            errors["simplified"] = ValidationError(
                _("OpenCC already leaves this phrase as it is: a rule that keeps it changes nothing."),
                code="identity",
            )
        if errors:
            raise ValidationError(errors)
