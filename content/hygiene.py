"""Characters no text may hold, and the bounds every text field keeps, whoever writes it.

One rule for every write path — the admin's forms, a shell, a translation file, `seed`, a data migration —
because it is checked by the model itself (content.models.Publishable: `clean_fields()` for forms, `save()` for
everything else):

- No text holds NUL, other C0 control characters, DEL or C1 control characters; multi-line texts (bodies,
  summaries) may hold newlines, carriage returns and tabs.
- Single-line texts (titles, names, slugs) hold no characters that change the direction of what follows
  (U+202A–202E, U+2066–2069, U+200E/F, U+061C) and no invisible ones (zero-width spaces and joiners, word
  joiner, byte-order mark): they can make a name read as another, or reverse the text around it.
- A text made only of spaces and invisible characters is not a text: it is refused, not taken as filled in.
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
DIRECTION_CHANGING = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]}
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e", "\u00ad"}


def _is_control(char):
    return unicodedata.category(char) == "Cc"


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
    controls = [char for char in value if _is_control(char) and (single_line or char not in LINE_BREAKS)]
    if controls:
        problems.append(
            ValidationError(
                _("Contains characters no text may hold: %(chars)s."),
                code="control",
                params={"chars": _named(controls)},
            )
        )
    if single_line:
        hidden = [char for char in value if char in DIRECTION_CHANGING or char in INVISIBLE]
        if hidden:
            problems.append(
                ValidationError(
                    _("Contains invisible or direction-changing characters, which titles, names and slugs may not "
                      "hold: %(chars)s."),
                    code="invisible",
                    params={"chars": _named(hidden)},
                )
            )  # fmt: skip
    if not "".join(char for char in value if char not in INVISIBLE and not char.isspace()):
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
