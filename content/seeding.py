"""Deliver the article's records from fixtures/ once each, and never again; the same for the links between them.

Each fixture record is known by its slug *in the fixture* (its key), which is not the record's
slug once an editor renames it. A SeedRecord remembers every key delivered and the record it
became, so seeding adds only what was never delivered: a renamed record is not duplicated, a
deleted one does not come back, and relations between fixture records follow the records, not
their current slugs. A SeedRelation remembers every link delivered (record, relation, linked
record, each by key), so a link an editor removed stays removed, and a link the fixtures gain
later is added once; no link is removed.

A correction of the fixtures' text reaches a database seeded before it by a three-way rule: the
SeedRecord keeps a digest of each field as seeding delivered it, and seeding changes a field only
where it still reads exactly so, to the fixture's text now, with a version in the record's history
("corrected from the article's seed"). A field an editor changed is the editor's, and is left alone.
(Corrections once travelled in data migrations, each old and new text copied into them.)
"""

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.apps import apps as installed_apps
from modeltranslation.utils import build_localized_fieldname

from .registry import seeding_order
from .translation_status import CONTENT_LANGUAGES

CORRECTED = "corrected from the article's seed"  # the history's change reason
# Digests of every value the fixtures delivered before seeding recorded its deliveries (its "about" says whence):
# what a field of a record seeded before then may still read as. Frozen: later deliveries are in SeedRecord.texts.
EARLIER_TEXTS = Path(__file__).with_name("earlier_seed_texts.json")


def fixture_entries():
    """(model label, key, fields) for every fixture record, each kind after the kinds it refers to."""
    for kind in seeding_order():
        with open(kind.fixture_path, encoding="utf-8") as fixture:
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


def digest(value):
    """A field's value, fingerprinted as seeding compares it (no value and an empty text alike)."""
    text = "" if value is None else value if isinstance(value, str) else json.dumps(value, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@cache
def earlier_texts():
    """{label: {fixture key: {field: [digests]}}}: what earlier fixtures delivered (EARLIER_TEXTS)."""
    return json.loads(EARLIER_TEXTS.read_text(encoding="utf-8"))["texts"]


def followed_fields(model, fields):
    """The fixture's fields that seeding keeps in step with it: the editable ones, neither a relation nor unique
    (a slug, code or number names the record; changing it would be a rename, which is the editors')."""
    names = []
    for name in fields:
        model_field = model._meta.get_field(name)
        if model_field.concrete and model_field.editable and not model_field.is_relation and not model_field.unique:
            names.append(name)
    return names


@dataclass
class SeedReport:
    added: Counter = field(default_factory=Counter)
    delivered_before: Counter = field(default_factory=Counter)
    adopted: Counter = field(default_factory=Counter)
    corrected: Counter = field(default_factory=Counter)  # records whose seeded text followed the fixture
    editors_texts: Counter = field(default_factory=Counter)  # fields differing from the fixture: the editors'
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
            if self.corrected[label] or self.editors_texts[label]:
                yield (
                    f"{label}: texts: {self.corrected[label]} records corrected from the fixtures (they still read "
                    f"as seeded), {self.editors_texts[label]} fields kept as editors wrote them"
                )


def seed(apps=installed_apps, earlier=None):
    """Add every fixture record and link never delivered before, and bring the texts of those delivered before
    that still read as delivered to the fixture's text now. Call inside a transaction. `earlier`: what fields
    may read as when seeding never recorded it (earlier_texts(), by default)."""
    SeedRecord, SeedRelation = apps.get_model("content", "SeedRecord"), apps.get_model("content", "SeedRelation")
    report = SeedReport()
    record_earlier_deliveries(apps)
    seed_records = {(record.model, record.key): record for record in SeedRecord.objects.all()}
    delivered = {label_key: record.object_id for label_key, record in seed_records.items()}
    # Seeded before links were remembered: the links of what was delivered then count as delivered too.
    earlier_links = bool(delivered) and not SeedRelation.objects.exists()
    links = Links(apps, delivered, report)
    texts = Texts(report, earlier_texts() if earlier is None else earlier)
    for label, key, fields in fixture_entries():
        model = apps.get_model(label)
        if (label, key) in delivered:
            report.delivered_before[label] += 1
            texts.follow(model, seed_records[label, key], fields)
            links.deliver(model, key, fields, add=not earlier_links, only_delivered=earlier_links)
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
        delivered_texts = {name: digest(fields[name]) for name in followed_fields(model, fields)}
        SeedRecord.objects.create(model=label, key=key, object_id=record.pk, texts=delivered_texts)
        delivered[label, key] = record.pk
        report.added[label] += 1
        links.deliver(model, key, fields)
    return report


class Texts:
    """Brings a delivered record's fields to the fixture's text where they still read as seeding delivered them."""

    def __init__(self, report, earlier):
        self.report, self.earlier = report, earlier

    def follow(self, model, seed_record, fields):
        # Locked until seeding commits (PostgreSQL): an editor's save cannot land between this read and the save
        # below and then be overwritten by the fixture's text; theirs waits, and finds the record changed.
        rows = model._default_manager.select_for_update().filter(pk=seed_record.object_id)
        record = rows.first() if seed_record.object_id else None
        if record is None:
            return  # deleted by an editor: it stays deleted
        label = seed_record.model
        recorded = dict(seed_record.texts or {})
        earlier = self.earlier.get(label, {}).get(seed_record.key, {})
        before = record.translated_texts()
        changed = set()
        for name in followed_fields(model, fields):
            now, new = digest(getattr(record, name)), digest(fields[name])
            if now != new:
                as_delivered = recorded[name] == now if name in recorded else now in earlier.get(name, ())
                if not as_delivered:
                    self.report.editors_texts[label] += 1
                    continue
                setattr(record, name, fields[name])
                changed.add(name)
            recorded[name] = new
        if changed:
            self._pair_languages(record, changed, fields, before)
            record._change_reason = CORRECTED  # read by django-simple-history
            record.save()  # a normal save: history, search, the page cache and the translation flags follow
            self.report.corrected[label] += 1
        if recorded != seed_record.texts:
            seed_record.texts = recorded
            seed_record.save(update_fields=["texts"])

    @staticmethod
    def _pair_languages(record, changed, fields, before):
        """A translated field corrected in every language as the fixture has it is a pair in step. One corrected
        beside an editor's text in another language is flagged for a translator: measured against the texts
        before the correction, only the corrected language changed, so the editor's may be out of date."""
        in_step, baseline = [], dict(record.translation_baseline or {})
        for name in record.translated_field_names():
            columns = [build_localized_fieldname(name, lang) for lang in CONTENT_LANGUAGES]
            if not set(columns) & changed:
                continue
            as_fixture = [digest(getattr(record, column)) == digest(fields.get(column)) for column in columns]
            if all(as_fixture):
                in_step.append(name)
            else:
                baseline[name] = before[name]
        record.translation_baseline = baseline
        record.confirm_translations(in_step)


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
        self.delivered_before = set(delivered)
        self.before = set(self.SeedRelation.objects.values_list("model", "key", "field", "target_key"))

    def deliver(self, model, key, fields, add=True, only_delivered=False):
        """Link the fixture record `key` as its fixture says, link by link, where never done before. With
        add=False (a record seeding adopted, kept as it is), only remember its links as delivered. With
        only_delivered (a database seeded before links were remembered), only those to records delivered before
        this run: those the earlier seeding made, present or not; links to records new in this run are added."""
        label = model._meta.label_lower
        new = defaultdict(list)  # relation: keys of the records it links to, never delivered
        for name, related, target_key in fixture_links(model, fields):
            if (label, key, name, target_key) in self.before:
                self.report.links_before[label] += 1
            else:
                new[name, related].append(target_key)
        record = model._default_manager.filter(pk=self.delivered[label, key]).first() if new else None
        for (name, related), target_keys in new.items():
            if only_delivered:
                target_label = related._meta.label_lower
                linked = [t for t in target_keys if (target_label, t) in self.delivered_before]
                target_keys = linked + self._link(
                    label, record, name, related, [t for t in target_keys if t not in linked]
                )
            elif add:
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
    """For a database seeded before SeedRecords existed (records, or their history, and no SeedRecord of a kind):
    record what its records were seeded as, before seeding adds anything.

    A fixture key matches the record whose history first carried that slug (even if renamed or deleted since),
    else the record holding the fixture's slug, code or number now. No text changes; a matched record takes the
    fixture's stable key, as a record seeding delivers does (its random one was given when no SeedRecord said
    it was seeded, and before any translation file could name it)."""
    SeedRecord = apps.get_model("content", "SeedRecord")
    entries = list(fixture_entries())
    if SeedRecord.objects.filter(model__in={label for label, _key, _fields in entries}).exists():
        return
    for label, key, fields in entries:
        model = apps.get_model(label)
        history = apps.get_model(model._meta.app_label, f"Historical{model.__name__}")
        found = history.objects.filter(slug=key).order_by("history_date").values_list("id", flat=True).first()
        if found is None:
            found = find_existing(model, fields)
        if found is None:
            continue
        SeedRecord.objects.create(model=label, key=key, object_id=found)
        stable_key = fields.get("key")
        if stable_key and not model._default_manager.filter(key=stable_key).exclude(pk=found).exists():
            model._default_manager.filter(pk=found).update(key=stable_key)
            history.objects.filter(id=found).update(key=stable_key)
