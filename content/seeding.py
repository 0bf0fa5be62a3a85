"""Deliver the article's records from fixtures/ once each, and never again.

Each fixture record is known by its slug *in the fixture* (its key), which is not the record's
slug once an editor renames it. A SeedRecord remembers every key delivered and the record it
became, so seeding adds only what was never delivered: a renamed record is not duplicated, a
deleted one does not come back, and relations between fixture records follow the records, not
their current slugs. Nothing already in the database is changed, with one addition: a record
that cites no paragraph of the article yet (it predates provenance) gets the fixture's sources.
"""

import json
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps as installed_apps
from django.conf import settings

from .registry import seeding_order


def fixture_entries():
    """(model label, key, fields) for every fixture record, each kind after the kinds it refers to."""
    for kind in seeding_order():
        with open(settings.BASE_DIR / "fixtures" / kind.fixture, encoding="utf-8") as fixture:
            for entry in json.load(fixture):
                yield entry["model"], entry["fields"]["slug"], entry["fields"]


def unique_values(model, fields):
    """The fixture's values for the model's unique columns (slug, code, number): what would clash."""
    return {
        f.name: fields[f.name]
        for f in model._meta.concrete_fields
        if f.unique and not f.primary_key and f.name in fields
    }


def find_existing(model, fields):
    """A record already holding one of these unique values (it would make an insert fail)."""
    for name, value in unique_values(model, fields).items():
        found = model._default_manager.filter(**{name: value}).values_list("pk", flat=True).first()
        if found is not None:
            return found
    return None


@dataclass
class SeedReport:
    added: Counter = field(default_factory=Counter)
    delivered_before: Counter = field(default_factory=Counter)
    adopted: Counter = field(default_factory=Counter)
    cited: Counter = field(default_factory=Counter)

    def lines(self):
        for label in sorted(self.added | self.delivered_before | self.adopted):
            yield (
                f"{label}: {self.added[label]} added, {self.delivered_before[label]} delivered before (kept, "
                f"renamed or deleted by editors), {self.adopted[label]} already present (kept)"
            )
            if self.cited[label]:
                yield f"{label}: source paragraphs linked to {self.cited[label]} that cited none"


def seed(apps=installed_apps):
    """Add every fixture record never delivered before. Call inside a transaction."""
    SeedRecord = apps.get_model("content", "SeedRecord")
    report = SeedReport()
    delivered = {(record.model, record.key): record.object_id for record in SeedRecord.objects.all()}
    for label, key, fields in fixture_entries():
        model = apps.get_model(label)
        if (label, key) in delivered:
            report.delivered_before[label] += 1
            report.cited[label] += _cite_sources_if_none(model, delivered[label, key], fields, delivered)
            continue
        existing = find_existing(model, fields)
        if existing is not None:
            # Made by hand before seeding knew about it (or by an editor): take it as delivered, unchanged.
            SeedRecord.objects.create(model=label, key=key, object_id=existing)
            delivered[label, key] = existing
            report.adopted[label] += 1
            report.cited[label] += _cite_sources_if_none(model, existing, fields, delivered)
            continue
        record = model(**{name: value for name, value in fields.items() if not _is_m2m(model, name)})
        record.save()  # a normal save: timestamps, search text, history and the page cache all follow
        for name, value in fields.items():
            if _is_m2m(model, name):
                getattr(record, name).set(_delivered_related(model, name, value, delivered))
        SeedRecord.objects.create(model=label, key=key, object_id=record.pk)
        delivered[label, key] = record.pk
        report.added[label] += 1
    return report


def _delivered_related(model, name, natural_keys, delivered):
    """The records a fixture's many-to-many value names, as delivered (whatever their slugs are now)."""
    related = _is_m2m(model, name).related_model
    ids = [delivered.get((related._meta.label_lower, natural_key[0])) for natural_key in natural_keys]
    return related._default_manager.filter(pk__in=[pk for pk in ids if pk])


def _cite_sources_if_none(model, pk, fields, delivered):
    """A record that predates provenance gets the fixture's source paragraphs; one citing any keeps its own."""
    if not fields.get("sources"):
        return 0
    record = model._default_manager.filter(pk=pk).first()
    if record is None or record.sources.exists():  # deleted by an editor, or citing sources of its own
        return 0
    record.sources.set(_delivered_related(model, "sources", fields["sources"], delivered))
    return 1


def _is_m2m(model, name):
    model_field = model._meta.get_field(name)
    return model_field if model_field.many_to_many else None


def record_earlier_deliveries(apps):
    """For a database seeded before SeedRecords existed: record what its records were seeded as.

    A fixture key matches the record whose history first carried that slug (even if renamed or
    deleted since), else the record holding the fixture's slug, code or number now. Changes no record.
    """
    SeedRecord = apps.get_model("content", "SeedRecord")
    for label, key, fields in fixture_entries():
        if SeedRecord.objects.filter(model=label, key=key).exists():
            continue
        model = apps.get_model(label)
        app_label, model_name = label.split(".")
        history = apps.get_model(app_label, f"Historical{model.__name__}")
        found = history.objects.filter(slug=key).order_by("history_date").values_list("id", flat=True).first()
        if found is None:
            found = find_existing(model, fields)
        if found is not None:
            SeedRecord.objects.create(model=label, key=key, object_id=found)
