"""The registry of content kinds: what every shared app asks instead of naming models."""

import pytest
from modeltranslation.translator import translator

from article.models import ArticleParagraph
from content.registry import content_kinds, content_models, is_content, kind_of, seeding_order
from content.signals import content_changed
from modes.models import Company, OperationMode
from trends.models import Trend


def test_the_kinds_come_in_reading_order():
    assert content_models()[:4] == [OperationMode, Trend, Company, ArticleParagraph]  # then any later kind (glossary)


@pytest.mark.parametrize("kind", content_kinds(), ids=lambda kind: kind.model.__name__)
def test_each_kind_declares_translated_reading_fields_and_a_seed_file(kind, settings):
    translated = translator.get_options_for_model(kind.model).fields
    assert kind.reading_fields[0] == kind.title_field and kind.text_fields
    assert set(kind.reading_fields) <= set(translated)
    assert (settings.BASE_DIR / "fixtures" / kind.fixture).is_file()


def test_seeding_puts_each_kind_after_the_kinds_it_refers_to():
    order = [kind.model for kind in seeding_order()]
    assert order.index(OperationMode) < order.index(Company) < order.index(Trend)


def test_records_and_their_models_are_content_and_nothing_else_is(db):
    assert kind_of(Trend.objects.first()) is kind_of(Trend)
    assert is_content(Company) and not is_content(Trend.history.model) and not is_content(object)


def test_content_changed_is_sent_for_saves_relations_and_deletions_of_content_only(db, django_user_model):
    senders = []

    def receiver(sender, **kwargs):
        senders.append(sender)

    content_changed.connect(receiver)
    try:
        trend = Trend.objects.get(number=1)
        trend.save()
        trend.companies.remove(Company.objects.get(slug="jd"))
        OperationMode.objects.get(slug="c2c").delete()
        django_user_model.objects.create_user("not-content")
    finally:
        content_changed.disconnect(receiver)
    assert Trend in senders and OperationMode in senders
    assert all(is_content(sender) for sender in senders)
