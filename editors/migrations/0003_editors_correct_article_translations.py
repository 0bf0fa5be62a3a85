from django.db import migrations

from editors.roles import grant_editor_permissions


class Migration(migrations.Migration):
    """Editors may view, correct and publish the article's paragraphs (not add or delete them)."""

    dependencies = [("editors", "0002_translation_baselines"), ("article", "0001_article_paragraphs")]

    operations = [migrations.RunPython(grant_editor_permissions, migrations.RunPython.noop)]
