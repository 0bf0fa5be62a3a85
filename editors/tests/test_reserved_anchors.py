"""A paragraph's anchor is never an id the page uses itself (issue 24, 7): the anchor `main` duplicated the page's
`id="main"`, the skip link's target. The rule is the model's, so every path that checks a record refuses it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from article.models import HEADING_ID_SUFFIX, PAGE_IDS, ArticleParagraph

LITERAL_ID = re.compile(r'(?<![\w-])id="([^"]*)"')


def ids_in_page_templates():
    """Every id="…" the readers' page templates write, as written (template expressions included)."""
    found = set()
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for template in Path(directory).rglob("*.html"):
            found |= set(LITERAL_ID.findall(template.read_text(encoding="utf-8")))
    return found


def test_every_id_the_page_templates_write_is_reserved():
    written = ids_in_page_templates()
    literal = {value for value in written if "{" not in value}
    assert literal == PAGE_IDS
    # The only ids made from data: a paragraph's anchor, and its heading's (the suffix every anchor is refused).
    assert written - literal == {"{{ row.paragraph.slug }}", "{{ row.paragraph.slug }}" + HEADING_ID_SUFFIX}


def new_paragraph(anchor):
    return ArticleParagraph(number=99, slug=anchor, text_en="Text.", text_zh_hant="文字。")


@pytest.mark.parametrize("anchor", [*sorted(PAGE_IDS), "definition-heading"])
def test_a_page_id_is_refused_as_an_anchor_by_model_validation(db, anchor):
    with pytest.raises(ValidationError) as refused:
        new_paragraph(anchor).full_clean()
    assert list(refused.value.message_dict) == ["slug"]


def test_a_shell_save_refuses_it_too(db):
    paragraph = ArticleParagraph.objects.get(slug="definition")
    paragraph.slug = "main"
    with pytest.raises(ValidationError):
        paragraph.save()
    assert not ArticleParagraph.objects.filter(slug="main").exists()


def test_an_ordinary_anchor_is_accepted(db):
    new_paragraph("afterword").full_clean()


@pytest.mark.parametrize(
    "lang, anchor, message",
    [
        ("en", "main", "“main” is an id the page itself uses. Choose another anchor."),
        ("zh-hant", "main", "「main」是頁面本身已使用的id，請改用其他錨點。"),
        ("en", "intro-heading", "An anchor may not end in “-heading”: the article page names each paragraph's"),
        ("zh-hant", "intro-heading", "錨點不可以「-heading」結尾：文章頁面以此命名每個段落的標題。"),
    ],
)
def test_the_admin_refuses_it_with_a_form_error_in_the_editors_language(admin_client, lang, anchor, message):
    data = {"number": "99", "slug": anchor, "text_en": "Text.", "text_zh_hant": "文字。", "status": "draft"}
    admin_client.cookies["django_language"] = lang
    response = admin_client.post(reverse("admin:article_articleparagraph_add"), data, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["slug"]
    assert error.startswith(message)
    assert not ArticleParagraph.objects.filter(number=99).exists()


def test_the_article_page_has_each_id_once(client, db):
    html = client.get("/en/article/").content.decode()
    ids = LITERAL_ID.findall(html)
    assert "main" in ids and len(ids) == len(set(ids))
