"""Seeding delivers each link between fixture records once: a link an editor removed stays removed (issue 24, 6),
a link the fixtures gain later is added once, and `seed` says what it did, no more."""

import io

import pytest
from django.core.management import call_command

from article.models import ArticleParagraph
from content.models import SeedRelation
from content.seeding import fixture_entries, fixture_links
from modes.models import Company, OperationMode
from trends.models import Trend


def seed():
    out = io.StringIO()
    call_command("seed", stdout=out)
    return out.getvalue()


def links_line(output, label):
    (line,) = [line for line in output.splitlines() if line.startswith(f"{label}: links to other records:")]
    return line


def every_fixture_link():
    from django.apps import apps

    return {
        (label, key, name, target)
        for label, key, fields in fixture_entries()
        for name, _related, target in fixture_links(apps.get_model(label), fields)
    }


def test_seeding_remembers_every_link_it_delivered(db):
    assert set(SeedRelation.objects.values_list("model", "key", "field", "target_key")) == every_fixture_link()
    assert len(every_fixture_link()) > 60


@pytest.mark.parametrize(
    "model, slug, relation, removed",
    [
        (Company, "jd", "sources", "trend-3"),  # one source paragraph of three
        (OperationMode, "b2b", "sources", "b2b"),  # its only one: the record now cites none
        (Trend, "o2o-partnerships", "companies", "wanda"),
        (Company, "suning", "modes", "o2o"),
    ],
)
def test_a_link_an_editor_removed_is_never_added_again(db, model, slug, relation, removed):
    record = model.objects.get(slug=slug)
    links = getattr(record, relation)
    kept = set(links.exclude(slug=removed).values_list("pk", flat=True))
    links.remove(links.get(slug=removed))

    output = seed()

    assert set(links.values_list("pk", flat=True)) == kept
    assert " added" not in links_line(output, model._meta.label_lower)
    assert "linked to" not in output


def test_seed_does_not_say_it_linked_what_it_could_not(db):
    """It said "source paragraphs linked to 1" for a record whose paragraphs were gone, linking nothing."""
    jd = Company.objects.get(slug="jd")
    jd.sources.clear()
    SeedRelation.objects.filter(model="modes.company", key="jd", field="sources").delete()  # new in the fixtures
    ArticleParagraph.objects.filter(slug__in=["trend-1", "trend-3", "trend-6"]).delete()

    output = seed()

    assert not jd.sources.exists()
    assert "3 not added (a record at one end was deleted)" in links_line(output, "modes.company")
    assert " added," not in links_line(output, "modes.company") and "linked to" not in output


def test_a_link_the_fixtures_gain_later_is_added_once_and_then_left_to_editors(db):
    trend, wanda = Trend.objects.get(slug="o2o-partnerships"), Company.objects.get(slug="wanda")
    trend.companies.remove(wanda)
    SeedRelation.objects.filter(model="trends.trend", key="o2o-partnerships", target_key="wanda").delete()

    assert "links to other records: 1 added, " in links_line(seed(), "trends.trend")
    assert wanda in trend.companies.all()

    trend.companies.remove(wanda)  # an editor disagrees
    assert " added" not in links_line(seed(), "trends.trend")
    assert wanda not in trend.companies.all()


def test_a_link_an_editor_made_first_is_remembered_not_doubled(db):
    trend, wanda = Trend.objects.get(slug="o2o-partnerships"), Company.objects.get(slug="wanda")
    SeedRelation.objects.filter(model="trends.trend", key="o2o-partnerships", target_key="wanda").delete()
    assert "1 already there" in links_line(seed(), "trends.trend")
    assert list(trend.companies.filter(pk=wanda.pk)) == [wanda]
    assert SeedRelation.objects.filter(model="trends.trend", key="o2o-partnerships", target_key="wanda").exists()


def test_a_record_seeding_adopted_keeps_its_links_as_they_are(db):
    from content.models import SeedRecord

    SeedRecord.objects.filter(model="modes.operationmode", key="b2b").delete()  # new in this release
    SeedRelation.objects.filter(model="modes.operationmode", key="b2b").delete()
    OperationMode.objects.filter(slug="b2b").delete()
    mine = OperationMode.objects.create(code="B2B", slug="b2b", name_en="Mine", order=1, summary_en="s", body_en="b")

    seed()
    seed()

    assert not mine.sources.exists()
    assert SeedRelation.objects.filter(model="modes.operationmode", key="b2b", target_key="b2b").exists()


def test_a_database_seeded_before_links_were_remembered_keeps_the_links_editors_removed(db):
    """Seeding such a database: every fixture link between records delivered before counts as delivered, present
    or not (a data migration once did this, reading the fixtures)."""
    jd, b2b = Company.objects.get(slug="jd"), OperationMode.objects.get(slug="b2b")
    jd.sources.remove(ArticleParagraph.objects.get(slug="trend-3"))
    b2b.sources.clear()  # seed used to give a record that cited none the fixture's paragraphs again
    SeedRelation.objects.all().delete()  # as before links were remembered

    output = seed()

    assert set(jd.sources.values_list("slug", flat=True)) == {"trend-1", "trend-6"}
    assert not b2b.sources.exists()
    assert set(SeedRelation.objects.values_list("model", "key", "field", "target_key")) == every_fixture_link()
    assert " added" not in output.replace("0 added", "")
