from django.apps import apps as current_apps
from django.db import migrations

from content.translation_status import CONTENT_LANGUAGES, next_baseline

EDITED_MODELS = [("modes", "OperationMode"), ("modes", "Company"), ("trends", "Trend")]


def record_existing_pairs_as_in_step(apps, schema_editor):
    """Records written before the flag existed: take today's texts as the pairs that match."""
    for app_label, model_name in EDITED_MODELS:
        fields = current_apps.get_model(app_label, model_name).translated_field_names()
        model = apps.get_model(app_label, model_name)
        for record in model.objects.filter(translation_baseline={}):
            texts = {
                field: {
                    lang: (getattr(record, f"{field}_{lang.replace('-', '_')}") or "").strip()
                    for lang in CONTENT_LANGUAGES
                }
                for field in fields
            }
            model.objects.filter(pk=record.pk).update(translation_baseline=next_baseline({}, texts))


class Migration(migrations.Migration):
    dependencies = [("editors", "0001_editor_group")]

    operations = [migrations.RunPython(record_existing_pairs_as_in_step, migrations.RunPython.noop)]
