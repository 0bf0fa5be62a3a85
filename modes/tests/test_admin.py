"""Editors work in the Django admin: both languages of each field, lists, search and filters."""

import pytest
from django.urls import reverse

from content.registry import kind_of
from modes.models import Company, OperationMode
from trends.models import Trend

MODELS = [OperationMode, Company, Trend]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_lists_search_and_filter(admin_client, db, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count()

    # Search finds a record by its Chinese title, and only the records that contain it.
    record = model.objects.order_by("pk").last()
    title = getattr(record, f"{kind_of(model).title_field}_zh_hant")
    found = admin_client.get(url, {"q": title}).context["cl"]
    assert record in found.result_list and found.result_count < model.objects.count()

    # The status filter leaves out drafts.
    model.objects.filter(pk=record.pk).update(status="draft")
    published = admin_client.get(url, {"status__exact": "published"}).context["cl"]
    assert record not in published.result_list
    assert published.result_count == model.objects.published().count() == model.objects.count() - 1


@pytest.mark.parametrize("model", MODELS)
def test_change_form_shows_both_languages_of_each_translated_field(admin_client, db, model):
    record = model.objects.first()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk])
    html = admin_client.get(url).content.decode()
    first_field = {"OperationMode": "name", "Company": "name", "Trend": "title"}[model.__name__]
    assert f'name="{first_field}_en"' in html and f'name="{first_field}_zh_hant"' in html


def test_anonymous_visitor_is_sent_to_the_admin_login(client, db):
    response = client.get("/admin/modes/company/")
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/?next=")


def test_an_editors_chinese_title_shows_on_the_site(admin_client, client, db):
    trend = Trend.objects.get(number=3)
    url = reverse("admin:trends_trend_change", args=[trend.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        title_zh_hant="網路金融：新的標題",
        modes=[m.pk for m in trend.modes.all()],
        companies=[c.pk for c in trend.companies.all()],
        sources=[p.pk for p in trend.sources.all()],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "網路金融：新的標題" in client.get(trend.get_absolute_url().replace("/en/", "/zh-hant/")).content.decode()
