"""Deliver the article's records from fixtures/ once each, and never again; the same for the links between them.

Each fixture record is known by its slug *in the fixture* (its key), which is not the record's
slug once an editor renames it. A SeedRecord remembers every key delivered and the record it
became, so seeding adds only what was never delivered: a renamed record is not duplicated, a
deleted one does not come back, and relations between fixture records follow the records, not
their current slugs. A SeedRelation remembers every link delivered (record, relation, linked
record, each by key), so a link an editor removed stays removed, and a link the fixtures gain
later is added once. Nothing already in the database is changed: no text, and no link removed.
"""

import json
from collections import Counter, defaultdict
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
    # Links between fixture records, by the kind of the record that holds them.
    linked: Counter = field(default_factory=Counter)
    found_linked: Counter = field(default_factory=Counter)
    links_before: Counter = field(default_factory=Counter)
    links_impossible: Counter = field(default_factory=Counter)

    def lines(self):
        for label in sorted(self.added | self.delivered_before | self.adopted):
            yield (
                f"{label}: {self.added[label]} added, {self.delivered_before[label]} delivered before (kept, "
                f"renamed or deleted by editors), {self.adopted[label]} already present (kept)"
            )
            links = [
                (self.linked[label], "added"),
                (self.found_linked[label], "already there"),
                (self.links_before[label], "delivered before (kept, or removed by editors)"),
                (self.links_impossible[label], "not added (a record at one end was deleted)"),
            ]
            if any(count for count, _ in links):
                yield f"{label}: links to other records: " + ", ".join(f"{n} {what}" for n, what in links if n)


def seed(apps=installed_apps):
    """Add every fixture record and link never delivered before. Call inside a transaction."""
    SeedRecord = apps.get_model("content", "SeedRecord")
    report = SeedReport()
    delivered = {(record.model, record.key): record.object_id for record in SeedRecord.objects.all()}
    links = Links(apps, delivered, report)
    for label, key, fields in fixture_entries():
        model = apps.get_model(label)
        if (label, key) in delivered:
            report.delivered_before[label] += 1
            links.deliver(model, key, fields)
            continue
        existing = find_existing(model, fields)
        if existing is not None:
            # Made by hand before seeding knew about it (or by an editor): take it as delivered, unchanged,
            # links included (the fixture's links to it count as delivered, so they are never added later).
            SeedRecord.objects.create(model=label, key=key, object_id=existing)
            delivered[label, key] = existing
            report.adopted[label] += 1
            links.deliver(model, key, fields, add=False)
            continue
        record = model(**{name: value for name, value in fields.items() if not _is_m2m(model, name)})
        record.save()  # a normal save: timestamps, search text, history and the page cache all follow
        SeedRecord.objects.create(model=label, key=key, object_id=record.pk)
        delivered[label, key] = record.pk
        report.added[label] += 1
        links.deliver(model, key, fields)
    return report


def fixture_links(model, fields):
    """(relation, related model, the linked record's key) for each link a fixture record names."""
    for name, value in fields.items():
        relation = _is_m2m(model, name)
        if relation:
            for natural_key in value:
                yield name, relation.related_model, natural_key[0]


class Links:
    """Delivers each link a fixture names once: between the records as delivered, whatever their slugs are now."""

    def __init__(self, apps, delivered, report):
        self.SeedRelation = apps.get_model("content", "SeedRelation")
        self.delivered, self.report = delivered, report
        self.before = set(self.SeedRelation.objects.values_list("model", "key", "field", "target_key"))

    def deliver(self, model, key, fields, add=True):
        """Link the fixture record `key` as its fixture says, link by link, where never done before. With
        add=False (a record seeding adopted, kept as it is), only remember its links as delivered."""
        label = model._meta.label_lower
        new = defaultdict(list)  # relation: keys of the records it links to, never delivered
        for name, related, target_key in fixture_links(model, fields):
            if (label, key, name, target_key) in self.before:
                self.report.links_before[label] += 1
            else:
                new[name, related].append(target_key)
        record = model._default_manager.filter(pk=self.delivered[label, key]).first() if new else None
        for (name, related), target_keys in new.items():
            if add:
                target_keys = self._link(label, record, name, related, target_keys)
            self.SeedRelation.objects.bulk_create(
                self.SeedRelation(model=label, key=key, field=name, target_key=target_key) for target_key in target_keys
            )
            self.before.update((label, key, name, target_key) for target_key in target_keys)

    def _link(self, label, record, name, related, target_keys):
        """Link `record` through `name` to the records these keys became; the keys now linked (by seeding or
        an editor). A link whose either end an editor deleted cannot be made, and is not remembered."""
        ids = {self.delivered.get((related._meta.label_lower, target_key)): target_key for target_key in target_keys}
        existing = set(related._default_manager.filter(pk__in=[pk for pk in ids if pk]).values_list("pk", flat=True))
        if record is None or not existing:
            self.report.links_impossible[label] += len(target_keys)
            return []
        relation = getattr(record, name)
        linked = set(relation.filter(pk__in=existing).values_list("pk", flat=True))
        if existing - linked:
            relation.add(*sorted(existing - linked))  # m2m_changed: the page cache follows, as for an editor's link
        self.report.linked[label] += len(existing - linked)
        self.report.found_linked[label] += len(linked)
        self.report.links_impossible[label] += len(target_keys) - len(existing)
        return [ids[pk] for pk in sorted(existing)]


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
