"""After a refused save the page names the record as it is saved, not the value just refused (issue 24, 7):
the title once read "錯誤： 32768. …" for a trend whose number 32768 had been refused."""

import re

import pytest

from editors.tests.admin_forms import change_url, form_errors, open_form
from trends.models import Trend


def title_heading_and_breadcrumbs(html):
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    heading = re.search(r'<div id="content"[^>]*>.*?<h2>(.*?)</h2>', html, re.S).group(1)
    breadcrumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1)
    return title, heading, breadcrumbs


@pytest.mark.parametrize("lang, error", [("en", "Error:"), ("zh-hant", "錯誤：")])
def test_the_title_of_a_refused_save_names_the_saved_record_not_the_refused_number(editor_client, db, lang, error):
    trend = Trend.objects.get(number=5)
    data = open_form(editor_client, trend) | {"number": "32768", "title_en": "A title never saved"}

    editor_client.cookies["django_language"] = lang
    response = editor_client.post(change_url(trend), data, HTTP_ACCEPT_LANGUAGE=lang)

    assert response.status_code == 200 and "number" in form_errors(response)
    title, heading, breadcrumbs = title_heading_and_breadcrumbs(response.content.decode())
    assert title.startswith(error)
    for shown in (title, heading, breadcrumbs):
        assert "32768" not in shown and "never saved" not in shown
        assert "5." in shown
    assert response.context["adminform"].form["number"].value() == "32768"  # still in the form, to correct
