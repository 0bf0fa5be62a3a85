from django.db import migrations


class Migration(migrations.Migration):
    """Issue 13 once corrected seeded texts here, holding each old and new text (a copy of fixtures/ in a migration).

    Corrections of seeded text now travel as content: the fixture holds the corrected text and `seed` delivers it
    to a record that still reads as seeding left it, with a version in its history, and leaves an editor's text
    alone (content.seeding). Kept, empty, so that databases that applied it and those that did not share one
    history."""

    dependencies = [("modes", "0004_background_and_source_paragraphs")]

    operations = []
