"""An editor links a record to a company while an administrator deletes that company (issue 24, 3): never a 500
for either. The editor's save either comes first (the link is made, then deleted with the company) or is refused
with a form error in the editor's language that names the company and keeps every other change in the form; the
delete always goes through."""

import re

import pytest
from django import forms
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from accounts.testing import sign_in_verified
from conftest import session_for
from editors.roles import EDITOR_GROUP
from editors.tests.admin_forms import change_url, form_errors, open_form, save
from editors.tests.test_concurrent_saves import at_once
from modes.models import Company
from trends.models import Trend

ROUNDS = 20


@pytest.fixture
def doomed(db):
    return Company.objects.create(slug="doomed", name_en="Doomed Ltd", name_zh_hant="將倒閉公司")


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "“Doomed Ltd” was deleted while you were editing, so it cannot be linked."),
        ("zh-hant", "「將倒閉公司」在您編輯時已被刪除，因此無法連結。"),
    ],
)
def test_a_company_deleted_after_the_form_opened_is_a_form_error_that_names_it(editor_client, doomed, lang, message):
    trend = Trend.objects.get(number=5)
    data = open_form(editor_client, trend)
    data |= {"companies": [*data["companies"], doomed.pk], "summary_en": "Rewritten meanwhile."}
    doomed.delete()  # by an administrator, while the editor was writing

    editor_client.cookies["django_language"] = lang
    response = editor_client.post(change_url(trend), data, HTTP_ACCEPT_LANGUAGE=lang)

    assert response.status_code == 200
    [error] = form_errors(response)["companies"]
    assert error.startswith(message)
    assert response.context["adminform"].form["summary_en"].value() == "Rewritten meanwhile."
    assert not Trend.objects.filter(summary_en="Rewritten meanwhile.").exists()


def test_a_company_deleted_just_after_the_form_checked_it_is_a_form_error_too(editor_client, doomed, monkeypatch):
    """The delete commits between the picker's check and the save: the save must not link a company that is gone
    (on PostgreSQL, a foreign-key violation when the save commits: a 500, and the editor's changes lost)."""
    trend = Trend.objects.get(number=5)
    data = open_form(editor_client, trend)
    data |= {"companies": [*data["companies"], doomed.pk], "summary_en": "Rewritten meanwhile."}
    check = forms.ModelMultipleChoiceField._check_values

    def check_then_delete(field, value):
        checked = check(field, value)
        Company.objects.filter(pk=doomed.pk).delete()
        return checked

    monkeypatch.setattr(forms.ModelMultipleChoiceField, "_check_values", check_then_delete)
    response = save(editor_client, trend, data)

    assert response.status_code == 200
    assert form_errors(response)["companies"][0].startswith("“Doomed Ltd” was deleted while you were editing")
    assert response.context["adminform"].form["summary_en"].value() == "Rewritten meanwhile."


@pytest.mark.django_db(transaction=True)
@pytest.mark.long_running
def test_linking_a_company_an_administrator_deletes_at_that_instant_is_never_a_server_error(
    production_server, admin_user
):
    site = production_server(workers=2)
    editor = User.objects.create_user("erin", password="a-long-test-password", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    erin_client = sign_in_verified(Client(), editor)
    erin, boss = session_for(editor), session_for(admin_user)
    trend = Trend.objects.get(number=5)
    companies = [
        Company.objects.create(slug=f"doomed-{n}", name_en=f"Doomed {n}", name_zh_hant=f"將刪 {n}")
        for n in range(ROUNDS)
    ]
    for round_, company in enumerate(companies):
        data = open_form(erin_client, trend)
        data |= {"companies": [*data["companies"], company.pk], "summary_en": f"Rewritten in round {round_}."}
        delete_url = reverse("admin:modes_company_delete", args=[company.pk])
        (saved, _, body), (deleted, _, deleted_body) = at_once(
            site, (change_url(trend), data, erin), (delete_url, {"post": "yes"}, boss)
        )

        assert saved in (200, 302) and deleted == 302, (round_, saved, body[-3000:], deleted, deleted_body[-3000:])
        assert not Company.objects.filter(pk=company.pk).exists()
        trend.refresh_from_db()
        if saved == 302:  # linked first: the delete then removed the link with the company
            assert trend.summary_en == f"Rewritten in round {round_}."
        else:  # deleted first: a form error naming it, the editor's text still in the form
            assert f"Doomed {round_}" in body and "was deleted while you were editing" in body, body[-3000:]
            assert re.search(rf'name="summary_en"[^>]*>\s*Rewritten in round {round_}\.<', body)
            assert trend.summary_en != f"Rewritten in round {round_}."
