"""An editor's mistyped or forged admin requests get a 404 or a form error, never a 500, and lose nothing."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from accounts.testing import sign_in_verified
from editors.tests.admin_forms import change_url, form_data, form_errors, open_form, save
from modes.models import Company, OperationMode
from trends.models import Trend


@pytest.fixture
def careless_editor(editor, db):
    client = Client(raise_request_exception=False)
    sign_in_verified(client, editor)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/modes/company/{pk}/history/abc/",
        "/admin/modes/company/{pk}/history/1.5/",
        "/admin/modes/company/{pk}/history/%20/",
        "/admin/modes/company/{pk}/history/99999999999999999999/",
        "/admin/modes/company/{pk}/change/history/",
        "/admin/modes/company/abc/history/",
        "/admin/modes/company/1.5/history/",
        "/admin/modes/company/%20/history/",
        "/admin/modes/company/99999999999999999999/history/",
        "/admin/modes/company/abc/history/1/",
        "/admin/modes/company/abc/preview/en/",
        "/admin/modes/company/{pk}/change/preview/en/",
        "/admin/trends/trend/99999999999999999999/preview/zh-hant/",
    ],
)
def test_a_malformed_history_or_preview_address_is_a_404(careless_editor, url):
    url = url.format(pk=Company.objects.get(slug="jd").pk)
    assert careless_editor.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "object_id", ["abc", "1.5", "%20", "-1", "0", "99999999999999999999", "9/change", "%00", "💥", "1%2F2", "_5B"]
)
@pytest.mark.parametrize(
    "tail",
    [
        "",
        "change/",
        "history/",
        "history/1/",
        "history/x/",
        "preview/en/",
        "preview/fr/",
        "delete/",
        "history/1/x/",
        "preview/en/x/",
    ],
)
def test_no_malformed_admin_address_is_a_server_error(careless_editor, object_id, tail):
    url = f"/admin/modes/company/{object_id}/{tail}"
    assert careless_editor.get(url).status_code < 500, url


def test_reverting_history_keeps_the_record_a_draft_for_a_user_who_may_not_publish(db):
    user = User.objects.create_user("helper", password="a-long-test-password", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_company", "change_company"]))
    client = Client()
    sign_in_verified(client, user)
    company = Company.objects.get(slug="jd")
    published_version = company.history.earliest()
    company.status = Company.Status.DRAFT
    company.save()

    revert_url = reverse("admin:modes_company_simple_history", args=[company.pk, published_version.history_id])
    response = client.post(revert_url, form_data(client.get(revert_url)))

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.status == Company.Status.DRAFT
    assert Client().get("/en/companies/jd/").status_code == 404


def test_a_user_who_may_only_view_cannot_revert(db):
    user = User.objects.create_user("reader", password="a-long-test-password", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_trend"))
    client = Client()
    sign_in_verified(client, user)
    trend = Trend.objects.get(number=2)
    first = trend.history.earliest()
    trend.title_en = "Changed by an editor"
    trend.save()
    revert_url = reverse("admin:trends_trend_simple_history", args=[trend.pk, first.history_id])
    assert client.post(revert_url, {"title_en": first.title_en}).status_code == 403
    trend.refresh_from_db()
    assert trend.title_en == "Changed by an editor"


@pytest.mark.parametrize(
    "field, value",
    [
        ("number", "99999999999"),
        ("number", "40000"),
        ("number", "-1"),
        ("number", "0"),
    ],
)
def test_a_trend_number_postgresql_would_refuse_is_a_form_error_on_every_database(editor_client, db, field, value):
    trend = Trend.objects.get(number=4)
    response = save(editor_client, trend, open_form(editor_client, trend) | {field: value})
    assert response.status_code == 200 and field in form_errors(response)
    trend.refresh_from_db()
    assert trend.number == 4


@pytest.mark.parametrize("value", ["70000", "32768", "-5"])
def test_a_mode_order_postgresql_would_refuse_is_a_form_error_on_every_database(editor_client, db, value):
    mode = OperationMode.objects.get(code="B2B")
    response = save(editor_client, mode, open_form(editor_client, mode) | {"order": value})
    assert response.status_code == 200 and "order" in form_errors(response)


def test_every_number_field_refuses_on_every_database_what_postgresql_would_refuse():
    """SQLite stores any 64-bit integer; validators hold each field to PostgreSQL's column range."""
    from django.core.validators import MaxValueValidator, MinValueValidator
    from django.db.backends.postgresql.operations import DatabaseOperations

    for model in (OperationMode, Company, Trend):
        for field in model._meta.concrete_fields:
            bounds = DatabaseOperations.integer_field_ranges.get(field.get_internal_type())
            if bounds is None or field.primary_key or not field.editable:
                continue
            declared = field._validators  # the model's own, not the ones the current database adds
            highest = min((v.limit_value for v in declared if isinstance(v, MaxValueValidator)), default=None)
            lowest = max((v.limit_value for v in declared if isinstance(v, MinValueValidator)), default=None)
            assert highest is not None and highest <= bounds[1], f"{model.__name__}.{field.name}"
            assert lowest is not None and lowest >= bounds[0], f"{model.__name__}.{field.name}"


@pytest.mark.parametrize(
    "text",
    [
        "\u202eevil\u202c",
        "B2B\u200b",
        "\ufeffb2b",
        "emoji 💥 and 𠀋",
        "\x00nul",
        "a\r\nb",
        "ｆｕｌｌｗｉｄｔｈ",
    ],
)
def test_odd_unicode_in_a_text_field_is_saved_or_refused_with_a_form_error(careless_editor, text):
    trend = Trend.objects.get(number=3)
    data = open_form(careless_editor, trend) | {"summary_en": text, "title_en": text}
    response = save(careless_editor, trend, data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert form_errors(response)
    assert careless_editor.get(change_url(trend)).status_code == 200
    assert Client().get(trend.get_absolute_url()).status_code == 200


def test_a_slug_that_is_not_a_slug_is_a_form_error(careless_editor):
    company = Company.objects.get(slug="jd")
    for slug in ["京東", "a/b", "x" * 500, "", "..", "%2e"]:
        response = save(careless_editor, company, open_form(careless_editor, company) | {"slug": slug})
        assert response.status_code == 200 and "slug" in form_errors(response), slug


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "Nothing was saved: the form was larger than the site accepts"),
        ("zh-hant", "沒有儲存任何內容：表單超過網站接受的大小"),
    ],
)
def test_a_form_over_the_size_limit_is_answered_in_the_editors_language(careless_editor, language, expected):
    """1 MB of English plus 900k Chinese characters, 9 bytes each URL-encoded as a browser sends the admin form."""
    trend = Trend.objects.get(number=3)
    data = open_form(careless_editor, trend) | {"body_en": "x" * 1_000_000, "body_zh_hant": "中" * 900_000}
    response = careless_editor.post(
        change_url(trend),
        urlencode(data, doseq=True),
        HTTP_ACCEPT_LANGUAGE=language,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert expected in response.content.decode()
    trend.refresh_from_db()
    assert trend.body_en != "x" * 1_000_000


def test_a_form_with_too_many_fields_is_answered_with_the_same_page(careless_editor):
    trend = Trend.objects.get(number=3)
    data = open_form(careless_editor, trend) | {f"extra{n}": "1" for n in range(1200)}
    response = careless_editor.post(
        change_url(trend), urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413 and "Go back with your browser" in response.content.decode()


def test_a_text_longer_than_a_field_holds_is_a_form_error_and_the_text_stays_in_the_form(careless_editor):
    trend = Trend.objects.get(number=3)
    long_text = "長文" * 60_000  # 120,000 characters (1 MB URL-encoded): within the request limit, over the field's
    response = save(careless_editor, trend, open_form(careless_editor, trend) | {"body_zh_hant": long_text})
    assert response.status_code == 200 and "body_zh_hant" in form_errors(response)
    assert response.context["adminform"].form["body_zh_hant"].value() == long_text
