"""Readers never see a draft; editors preview drafts; half-translated records cannot be published."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from content.models import Publishable
from editors.tests.admin_forms import form_errors, open_form, save
from modes.models import Company, OperationMode
from trends.models import Trend

DRAFT = Publishable.Status.DRAFT


def make_draft(record):
    record.status = DRAFT
    record.save()
    return record


def in_language(url, lang):
    return url.replace("/en/", f"/{lang}/", 1)


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_draft_is_a_404_for_readers(client, db, lang):
    for record in (Trend.objects.get(number=2), Company.objects.get(slug="jd"), OperationMode.objects.get(code="C2C")):
        make_draft(record)
        assert client.get(in_language(record.get_absolute_url(), lang)).status_code == 404


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_draft_is_in_no_list_and_no_related_link(client, db, lang):
    company = make_draft(Company.objects.get(slug="tmall"))
    trend = make_draft(Trend.objects.get(number=4))
    mode = make_draft(OperationMode.objects.get(code="C2B"))
    pages = [reverse(name) for name in ("home", "modes:mode_list", "modes:company_list", "trends:trend_list")]
    for model in (OperationMode, Company, Trend):
        pages += [record.get_absolute_url() for record in model.objects.published()]
    for page in pages:
        html = client.get(in_language(page, lang)).content.decode()
        for draft in (company, trend, mode):
            assert f'href="{in_language(draft.get_absolute_url(), lang)}"' not in html, (page, draft)


def test_an_editor_previews_a_draft_in_both_languages_and_it_is_never_cached(editor_client, db):
    trend = make_draft(Trend.objects.get(number=6))
    for lang, title in [("en", trend.title_en), ("zh-hant", trend.title_zh_hant)]:
        response = editor_client.get(reverse("admin:trends_trend_preview", args=[trend.pk, lang]))
        html = response.content.decode()
        assert response.status_code == 200
        assert title in html
        banner = {
            "en": "Editor's preview of a draft: readers do not see this page until it is published.",
            "zh-hant": "草稿的編輯預覽：發布之前，讀者看不到這個頁面。",
        }[lang]
        assertInHTML(f'<p class="preview-banner" role="status">{banner}</p>', html)
        assert f'<html lang="{"zh-Hant" if lang == "zh-hant" else "en"}"' in html
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control


def test_the_change_form_links_to_both_previews(editor_client, db):
    trend = Trend.objects.get(number=6)
    html = editor_client.get(reverse("admin:trends_trend_change", args=[trend.pk])).content.decode()
    for lang in ("en", "zh-hant"):
        assert reverse("admin:trends_trend_preview", args=[trend.pk, lang]) in html


def test_preview_of_an_unknown_language_is_a_404(editor_client, db):
    trend = Trend.objects.first()
    assert editor_client.get(reverse("admin:trends_trend_preview", args=[trend.pk, "fr"])).status_code == 404
    assert editor_client.get(reverse("admin:trends_trend_preview", args=[999999, "en"])).status_code == 404


def test_publishing_with_an_empty_chinese_field_is_refused_naming_the_field_and_the_language(editor_client, db):
    trend = make_draft(Trend.objects.get(number=7))
    data = open_form(editor_client, trend) | {"summary_zh_hant": "", "status": "published"}
    response = save(editor_client, trend, data)
    assert response.status_code == 200
    errors = form_errors(response)
    assert errors["summary_zh_hant"] == ["To publish, fill in the Traditional Chinese summary (it is empty)."]
    assert "cannot be published" in errors["__all__"][0]
    trend.refresh_from_db()
    assert trend.status == DRAFT and trend.summary_zh_hant


def test_publishing_with_an_empty_english_field_names_english(editor_client, db):
    company = make_draft(Company.objects.get(slug="jd"))
    data = open_form(editor_client, company) | {"description_en": "  ", "status": "published"}
    errors = form_errors(save(editor_client, company, data))
    assert errors["description_en"] == ["To publish, fill in the English description (it is empty)."]


def test_a_half_translated_record_can_be_saved_as_a_draft(editor_client, db):
    trend = make_draft(Trend.objects.get(number=7))
    data = open_form(editor_client, trend) | {"summary_zh_hant": "", "status": "draft"}
    assert save(editor_client, trend, data).status_code == 302
    trend.refresh_from_db()
    assert trend.summary_zh_hant in ("", None)


def test_a_complete_draft_is_published_and_readers_see_it_in_both_languages(editor_client, client, db):
    trend = make_draft(Trend.objects.get(number=8))
    data = open_form(editor_client, trend) | {"status": "published"}
    assert save(editor_client, trend, data).status_code == 302
    for lang, title in [("en", trend.title_en), ("zh-hant", trend.title_zh_hant)]:
        response = client.get(in_language(trend.get_absolute_url(), lang))
        assert response.status_code == 200 and title in response.content.decode()


def test_a_staff_user_without_the_publish_permission_cannot_change_the_status(client, db, sign_in_verified):
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("helper", password="a-long-test-password", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_trend", "change_trend"]))
    sign_in_verified(client, user)
    trend = make_draft(Trend.objects.get(number=9))
    response = client.get(reverse("admin:trends_trend_change", args=[trend.pk]))
    assert "status" not in response.context["adminform"].form.fields
    save(client, trend, open_form(client, trend) | {"status": "published"})
    trend.refresh_from_db()
    assert trend.status == DRAFT


def test_the_changelist_shows_whether_each_language_is_complete(editor_client, db):
    trend = Trend.objects.get(number=5)
    trend.body_zh_hant = ""
    make_draft(trend)
    response = editor_client.get(reverse("admin:trends_trend_changelist"))
    cl = response.context["cl"]
    assert {"english_complete", "chinese_complete", "outdated_fields"} <= set(cl.list_display)
    admin = cl.model_admin
    assert admin.english_complete(trend) and not admin.chinese_complete(trend)
    assert admin.chinese_complete(Trend.objects.get(number=4))
    incomplete = editor_client.get(reverse("admin:trends_trend_changelist"), {"translation": "incomplete"})
    assert list(incomplete.context["cl"].result_list) == [trend]


def test_the_admin_index_says_how_many_records_need_translation(editor_client, db):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "0 records need translation." in html
    company = Company.objects.get(slug="jd")
    company.name_zh_hant = ""
    make_draft(company)
    trend = Trend.objects.get(number=1)
    trend.title_en = "A new English title"
    trend.save()
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "2 records need translation." in html
    assert "?translation=incomplete" in html and "?translation=outdated" in html


def test_an_editor_adds_a_draft_in_chinese_only_and_readers_do_not_see_it(editor_client, client, db):
    response = editor_client.post(
        reverse("admin:modes_company_add"),
        {
            "status": "draft",
            "slug": "pinduoduo",
            "name_en": "",
            "name_zh_hant": "拼多多",
            "description_en": "",
            "description_zh_hant": "以團購起家的電商平台。",
            "website": "",
            "opened_version": "0",
        },
    )
    assert response.status_code == 302, form_errors(response)
    company = Company.objects.get(slug="pinduoduo")
    assert company.status == DRAFT and company.missing_translations() == [("name", "en"), ("description", "en")]
    assert client.get("/zh-hant/companies/pinduoduo/").status_code == 404
    assert "拼多多" not in client.get("/zh-hant/companies/").content.decode()
    preview = editor_client.get(reverse("admin:modes_company_preview", args=[company.pk, "zh-hant"]))
    assert "拼多多" in preview.content.decode()


def test_view_on_site_of_a_draft_opens_its_preview(editor_client, db):
    trend = make_draft(Trend.objects.get(number=6))
    response = editor_client.get(reverse("admin:trends_trend_change", args=[trend.pk]))
    preview_url = reverse("admin:trends_trend_preview", args=[trend.pk, "en"])
    assert f'<a href="{preview_url}" class="viewsitelink">' in response.content.decode()
