"""Editors see what the article says beside the texts that must say the same, and may correct its translation."""

import re

from django.urls import reverse

from article.models import ArticleParagraph
from modes.models import Company


def test_the_change_form_shows_the_source_paragraphs_above_the_texts(editor_client, db):
    jd = Company.objects.get(slug="jd")
    html = editor_client.get(reverse("admin:modes_company_change", args=[jd.pk])).content.decode()
    panel = re.search(r'<fieldset class="[^"]*source-paragraphs.*?</fieldset>', html, re.S).group(0)
    for anchor in ("trend-1", "trend-3", "trend-6"):
        paragraph = ArticleParagraph.objects.get(slug=anchor)
        assert f'href="/en/article/#{anchor}"' in panel
        assert paragraph.text_zh_hant in panel
    assert html.index("source-paragraphs") < html.index('name="description_en"')


def test_the_change_form_speaks_the_editors_language(editor_client, db):
    jd = Company.objects.get(slug="jd")
    editor_client.cookies["django_language"] = "zh-hant"
    html = editor_client.get(
        reverse("admin:modes_company_change", args=[jd.pk]), HTTP_ACCEPT_LANGUAGE="zh-Hant"
    ).content.decode()
    assert "出自原文" in html and "原文內容" in html


def test_an_editor_may_correct_a_paragraphs_translation_but_not_move_its_anchor(editor_client, db):
    paragraph = ArticleParagraph.objects.get(slug="definition")
    url = reverse("admin:article_articleparagraph_change", args=[paragraph.pk])
    form = editor_client.get(url).context["adminform"].form
    assert "slug" not in form.fields and "number" not in form.fields
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["text_en"] = "An e-commerce operation mode is the basic way a business uses the Internet to earn revenue."
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    paragraph.refresh_from_db()
    assert paragraph.text_en.startswith("An e-commerce operation mode is the basic way a business")
    assert paragraph.slug == "definition" and paragraph.history.count() >= 2
