"""Corrections to seeded text, for databases seeded before the correction: used by data migrations.

`seed` never changes an existing record, so a fixture correction reaches an existing database
only through a data migration. It changes a field only where the text still reads exactly as
it was seeded: a text an editor has changed is the editor's, and is left alone. Every record it
changes gets a version in its history, so editors can see what changed, when and why, and
restore the old text if they must.
"""

from django.utils import timezone

DEFAULT_LANGUAGE_SUFFIX = "_en"  # modeltranslation mirrors the default language into the untranslated column


def correct_seeded_records(apps, app_label, model_name, corrections, reason, translated_fields):
    """Apply `corrections` ({slug: {"text": {column: (seeded, corrected)}, "background": {column: text},
    "background_if_corrected": base column, "modes": (seeded slugs, corrected slugs)}}) to the rows of
    `app_label.model_name` that still hold the seeded value; record each changed row in its history.
    Derived columns (the search text) are the caller's to refresh."""
    from content.translation_status import CONTENT_LANGUAGES as LANGUAGES
    from content.translation_status import next_baseline

    model = apps.get_model(app_label, model_name)
    history = apps.get_model(app_label, f"Historical{model_name}")
    history_columns = {field.attname for field in history._meta.fields} - {"history_id"}
    changed_records = 0
    for slug, change in corrections.items():
        record = model.objects.filter(slug=slug).first()
        if record is None:
            continue
        changed, editors_own = set(), set()
        for column, (seeded, corrected) in change.get("text", {}).items():
            if getattr(record, column) == seeded:
                setattr(record, column, corrected)
                changed.add(column)
            elif getattr(record, column) != corrected:
                editors_own.add(column)
        required = change.get("background_if_corrected")  # background split out of this text
        for column, text in change.get("background", {}).items():
            suffix = column[len("background") :]
            text_column = f"{required}{suffix}" if required else None
            still_seeded_or_corrected = (
                text_column is None or getattr(record, text_column) == (change["text"][text_column][1])
            )
            if not getattr(record, column) and still_seeded_or_corrected:
                setattr(record, column, text)
                changed.add(column)
        relinked = False
        if "modes" in change:
            seeded, corrected = change["modes"]
            if set(record.modes.values_list("slug", flat=True)) == set(seeded):
                record.modes.set(record.modes.model.objects.filter(slug__in=corrected))
                relinked = True
        if not changed and not relinked:
            continue
        for column in changed:  # keep the untranslated column in step, as modeltranslation does
            if column.endswith(DEFAULT_LANGUAGE_SUFFIX):
                setattr(record, column[: -len(DEFAULT_LANGUAGE_SUFFIX)], getattr(record, column))
        texts = {
            field: {lang: (getattr(record, f"{field}_{lang.replace('-', '_')}") or "").strip() for lang in LANGUAGES}
            for field in translated_fields
        }
        columns = {field: {f"{field}_{lang.replace('-', '_')}" for lang in LANGUAGES} for field in translated_fields}
        # Both languages corrected together are in step; beside an editor's own text, the translation
        # status flags the field as usual, so a translator looks at it.
        in_step = {field for field, names in columns.items() if names & changed and not names & editors_own}
        record.translation_baseline = next_baseline(record.translation_baseline or {}, texts, confirmed=in_step)
        record.version = (record.version or 0) + 1
        record.updated_at = timezone.now()
        versions = history.objects.filter(id=record.pk).count()
        record._change_reason = reason[:100]  # read by django-simple-history when the live model is saved
        record.save()
        if history.objects.filter(id=record.pk).count() == versions:  # a migration's model records nothing itself
            history.objects.create(
                **{column: getattr(record, column) for column in history_columns if hasattr(record, column)},
                history_date=record.updated_at,
                history_type="~",
                history_change_reason=reason[:100],
            )
        changed_records += 1
    return changed_records
