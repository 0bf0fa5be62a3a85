from django.db import migrations


class Migration(migrations.Migration):
    """Once gave records written before translation baselines existed their first baseline, naming each kind here.

    Each kind's migration that added the baseline does that now, with its own historical models (modes 0002,
    trends 0002), so that editors' migrations name no kind of content. Kept, empty, so that databases that
    applied it and those that did not share one history."""

    dependencies = [("editors", "0001_editor_group")]

    operations = []
