"""Fill the search index from the records that exist (published ones only), as `reindexsearch` would."""

from django.db import migrations

from search.index import reindex


def fill(apps, schema_editor):
    reindex(apps=apps)


def empty(apps, schema_editor):
    apps.get_model("search", "SearchEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_entries"),
        ("article", "0001_article_paragraphs"),
        ("modes", "0007_description_bounds_and_help_text"),
        ("trends", "0006_provenance_meets_field_bounds"),
    ]

    operations = [migrations.RunPython(fill, empty)]
