"""A new password has at least 12 characters (Django's MinimumLengthValidator, settings.AUTH_PASSWORD_VALIDATORS),
on the account pages and in the admin alike, and the refusal says so in the page's language."""

import pytest
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from accounts.testing import sign_in_verified

from .conftest import PASSWORD

ELEVEN = "k7#pQ2vx!Lm"  # not common, not numeric, not like the user name: too short, and nothing else
TWELVE = ELEVEN + "z"


def too_short(lang):
    with translation.override(lang):
        return escape(MinimumLengthValidator(12).get_error_message())


@pytest.fixture
def mei(staff):
    return sign_in_verified(Client(), staff)


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_new_password_of_11_characters_is_refused_on_the_account_page(mei, staff, lang):
    change = {"oldpassword": PASSWORD, "password1": ELEVEN, "password2": ELEVEN}
    response = mei.post(f"/{lang}/accounts/password/change/", change)
    assert response.status_code == 200
    assert too_short(lang) in response.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)

    change.update(password1=TWELVE, password2=TWELVE)
    assert mei.post(f"/{lang}/accounts/password/change/", change).status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(TWELVE)


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_new_password_of_11_characters_is_refused_in_the_admin(mei, staff, lang):
    mei.cookies["django_language"] = lang
    change = {"old_password": PASSWORD, "new_password1": ELEVEN, "new_password2": ELEVEN}
    response = mei.post("/admin/password_change/", change)
    assert response.status_code == 200
    assert too_short(lang) in response.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


def test_the_rule_is_stated_beside_the_new_password_in_both_languages(mei):
    for lang, rule in [("en", "at least 12 characters"), ("zh-hant", "12")]:
        html = mei.get(f"/{lang}/accounts/password/change/").content.decode()
        with translation.override(lang):
            assert escape(MinimumLengthValidator(12).get_help_text()) in html and rule in html
