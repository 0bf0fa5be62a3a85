"""The old addresses that records' history knew before this table existed, as rows of it.

Until this table, a renamed record's old address was found in its history (every version keeps its slug). This
copies what the history knows once, so that pruning the history loses nothing: each slug a record had and no record
has now becomes a redirect to that record (the latest record to hold a slug gets it).

Historical models only, and no dependency on the kinds' apps: a database may lack any of them (then, or their
stable keys, it has no history to copy, as a fresh database has none). The kinds and where their pages were are
frozen here as they were when this was written.
"""

from django.db import migrations
from django.db.models import Max

PAGES = {  # (app label, model name): the path of its records' pages, before the slug
    ("modes", "operationmode"): "/modes/",
    ("modes", "company"): "/companies/",
    ("trends", "trend"): "/trends/",
}
BATCH = 1000


def copy_old_addresses(apps, schema_editor):
    Redirect = apps.get_model("redirects", "Redirect")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for (app_label, model_name), prefix in PAGES.items():
        try:
            model = apps.get_model(app_label, model_name)
            history = apps.get_model(app_label, f"historical{model_name}")
        except LookupError:  # not installed, or not yet created (a fresh database: nothing to copy)
            continue
        if not all(any(f.name == "key" for f in m._meta.fields) for m in (model, history)):
            continue  # before the stable keys: a database this old has them added after, with no redirects
        live = {pk: (key, slug) for pk, key, slug in model.objects.values_list("pk", "key", "slug").iterator()}
        taken = {slug for _key, slug in live.values()}
        holder = {}  # old slug -> the record that held it last
        held = history.objects.values("id", "slug").annotate(last=Max("history_date")).order_by("last", "id")
        for row in held.iterator():
            if row["id"] in live and row["slug"] not in taken:
                holder[row["slug"]] = live[row["id"]][0]
        if not holder:
            continue
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        rows = [
            Redirect(old_path=prefix + slug, content_type=content_type, record_key=key, automatic=True)
            for slug, key in sorted(holder.items())
        ]
        Redirect.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("redirects", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_old_addresses, migrations.RunPython.noop)]
