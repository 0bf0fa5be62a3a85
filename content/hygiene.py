"""Characters no text may hold, and the bounds every text field keeps, whoever writes it.

One rule for every write path — the admin's forms, a shell, a translation file, `seed`, a data migration —
because it is checked by the model itself (content.models.Publishable: `clean_fields()` for forms, `save()` for
everything else):

- No text holds a control character (C0, DEL, C1), a lone surrogate or a noncharacter (U+FDD0–FDEF,
  U+xFFFE/xFFFF); multi-line texts (bodies, summaries) may hold newlines, carriage returns and tabs.
- Single-line texts (titles, names, slugs) hold no format character (Unicode category Cf: direction overrides and
  isolates, zero-width spaces and joiners, tags, the soft hyphen…), no line or paragraph separator and no filler
  (Hangul fillers, the braille blank): they can make a name read as another, or reverse the text around it.
- A text made only of spaces and characters that draw nothing is not a text: refused, not taken as filled in.
- No text is longer than its field allows; a multi-line field that names no bound of its own has LONGEST_TEXT.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The longest text any field holds (a long article's body is about 10,000 characters): past it, a pasted book or a
# runaway import is refused rather than stored where no page or form can open it.
LONGEST_TEXT = MaxLengthValidator(100_000)
LINE_BREAKS = {"\n", "\r", "\t"}
# Letters that draw nothing: Hangul and halfwidth fillers, the braille blank. A title of them alone looks empty.
FILLERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def _never_allowed(char):
    """Control characters (C0, DEL, C1), surrogates and noncharacters (U+FDD0–FDEF, U+xFFFE/xFFFF): no text holds
    them, and XML cannot carry them (a translation file of the record could not be made)."""
    code = ord(char)
    return unicodedata.category(char) in ("Cc", "Cs") or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _hidden_in_a_line(char):
    """Format characters (direction overrides and isolates, zero-width spaces and joiners, tags, the soft hyphen…),
    line and paragraph separators, and fillers: in a title, name or slug they hide or reorder what it says."""
    return unicodedata.category(char) in ("Cf", "Zl", "Zp") or char in FILLERS


def _draws_nothing(char):
    return char.isspace() or unicodedata.category(char) in ("Cf", "Mn", "Zl", "Zp") or char in FILLERS


def _named(chars):
    """U+202E RIGHT-TO-LEFT OVERRIDE: the code point and its Unicode name (control characters have none)."""
    return ", ".join(
        f"U+{ord(char):04X} {unicodedata.name(char, None) or gettext('control character')}"
        for char in sorted(set(chars))
    )


def text_problems(value, *, single_line):
    """What is wrong with `value` as the text of a single-line or multi-line field: a list of ValidationErrors."""
    if not isinstance(value, str) or not value:
        return []
    problems = []
    refused = [char for char in value if _never_allowed(char) and (single_line or char not in LINE_BREAKS)]
    if refused:
        problems.append(
            ValidationError(
                _("Contains characters no text may hold: %(chars)s."), code="control", params={"chars": _named(refused)}
            )
        )
    if single_line:
        hidden = [char for char in value if _hidden_in_a_line(char)]
        if hidden:
            problems.append(
                ValidationError(
                    _("Contains invisible or direction-changing characters, which titles, names and slugs may not "
                      "hold: %(chars)s."),
                    code="invisible",
                    params={"chars": _named(hidden)},
                )
            )  # fmt: skip
    if all(_draws_nothing(char) or _never_allowed(char) for char in value):
        problems.append(ValidationError(_("Holds only spaces or invisible characters."), code="blank"))
    return problems


def checked_text_fields(model):
    """The fields an editor or a translator writes text into: every editable CharField and TextField (for a
    translated field, its column in each language, not modeltranslation's alias of the current one)."""
    aliases = set(getattr(model, "translated_field_names", list)())
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and field.editable
        and not field.choices
        and field.name not in aliases
    ]


def field_errors(field, value):
    """What is wrong with `value` as the text of `field`: the rules above and the field's own bounds."""
    found = text_problems(value, single_line=not isinstance(field, models.TextField))
    bounded = any(isinstance(validator, MaxLengthValidator) for validator in field.validators)
    try:
        if value not in field.empty_values:
            field.run_validators(value)
            if not bounded:
                LONGEST_TEXT(value)
    except ValidationError as error:
        found.extend(error.error_list)
    return found


def text_errors(record, exclude=()):
    """{field name: [errors]} for the record's texts."""
    errors = {}
    for field in checked_text_fields(type(record)):
        if field.name not in exclude:
            if found := field_errors(field, getattr(record, field.attname)):
                errors[field.name] = found
    return errors
