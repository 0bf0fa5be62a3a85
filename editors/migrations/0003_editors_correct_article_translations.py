from django.db import migrations


class Migration(migrations.Migration):
    """Once granted editors the article's paragraphs. The Editor group's permissions follow the kinds of content
    installed, granted after every migrate by a receiver of post_migrate (editors), not by a migration naming
    each kind. Kept, empty, so that databases that applied it and those that did not share one history."""

    dependencies = [("editors", "0002_translation_baselines")]

    operations = []
