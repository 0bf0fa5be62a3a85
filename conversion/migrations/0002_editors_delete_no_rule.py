"""Editors no longer delete conversion rules (conversion.apps): take the permission back from the Editor group of a
database that granted it. The role only ever adds (editors.roles), so nothing else would."""

from django.db import migrations

EDITOR_GROUP = "Editor"  # editors.roles.EDITOR_GROUP; a migration imports nothing of the project


def take_back_delete(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    alias = schema_editor.connection.alias
    delete = Permission.objects.using(alias).filter(
        content_type__app_label="conversion", codename="delete_conversionrule"
    )
    for group in Group.objects.using(alias).filter(name=EDITOR_GROUP):
        group.permissions.remove(*delete)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("conversion", "0001_initial"),
    ]

    operations = [migrations.RunPython(take_back_delete, migrations.RunPython.noop)]
