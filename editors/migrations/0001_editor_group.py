from django.db import migrations

EDITOR_GROUP = "Editor"  # editors.roles.EDITOR_GROUP at this migration


def create_editor_group(apps, schema_editor):
    """The Editor group exists from the first migrate. Its permissions are not given here: they follow the kinds
    of content installed, so a receiver of post_migrate (editors) grants them after every migrate."""
    apps.get_model("auth", "Group").objects.get_or_create(name=EDITOR_GROUP)


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    """The Editor group (add, change and publish the kinds of content; nothing else)."""

    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
