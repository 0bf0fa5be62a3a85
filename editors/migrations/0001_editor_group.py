from django.db import migrations

from editors.roles import EDITOR_GROUP, grant_editor_permissions


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    """The Editor group: add, change and publish modes, trends and companies; nothing else."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("modes", "0002_alter_company_options_alter_operationmode_options_and_more"),
        ("trends", "0002_alter_trend_options_trend_translation_baseline_and_more"),
    ]

    operations = [migrations.RunPython(grant_editor_permissions, remove_editor_group)]
