"""Markdown bodies reach readers as safe HTML: structure survives, scripts and handlers never do."""

import markdown
import pytest
from django.urls import reverse
from modeltranslation.translator import translator

from bilingual.text import render_markdown
from editors.tests.admin_forms import open_form, save
from modes.models import Company, OperationMode
from trends.models import Trend

ATTACKS = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="#" onclick="alert(1)">click</a>',
    "[click me](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<svg onload=alert(1)>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_scripts_handlers_and_javascript_links_never_survive(attack):
    html = render_markdown(f"Before.\n\n{attack}\n\nAfter.").lower()
    assert "<script" not in html and "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html and "onload" not in html
    assert "<iframe" not in html and "style=" not in html and "<svg" not in html
    assert "before." in html and "after." in html


def test_headings_lists_links_and_emphasis_survive():
    html = render_markdown(
        "## Heading\n\nSome *emphasis* and **strong** text.\n\n- one\n- two\n\nBetween.\n\n1. first\n\n"
        '[A link](https://example.org/page "Title")\n\n> quoted'
    )
    for fragment in [
        "<h2>Heading</h2>",
        "<em>emphasis</em>",
        "<strong>strong</strong>",
        "<ul>",
        "<li>one</li>",
        "<ol>",
        '<a href="https://example.org/page"',
        'title="Title"',
        "<blockquote>",
    ]:
        assert fragment in html


def test_seeded_bodies_render_exactly_as_markdown_alone_would_render_them(db):
    """The sanitiser removes nothing from the article's own text (it only adds rel to links)."""
    checked = 0
    for model in (OperationMode, Company, Trend):
        fields = [f for f in translator.get_options_for_model(model).fields if f in ("body", "description")]
        for record in model.objects.all():
            for field in fields:
                for lang in ("en", "zh_hant"):
                    text = getattr(record, f"{field}_{lang}")
                    expected = markdown.markdown(text, output_format="html")
                    assert render_markdown(text).replace(' rel="noopener noreferrer"', "") == expected
                    checked += 1
    assert checked > 40


def test_an_editors_script_never_reaches_the_readers_page(admin_client, client, db):
    trend = Trend.objects.get(number=10)
    body = "## Safe heading\n\n<script>alert('pwned')</script>\n\n[bad](javascript:alert(1)) *kept*"
    data = open_form(admin_client, trend) | {"body_zh_hant": body, "body_en": body}
    assert save(admin_client, trend, data).status_code == 302
    for lang in ("en", "zh-hant"):
        url = reverse("trends:trend_detail", kwargs={"slug": trend.slug}).replace("/en/", f"/{lang}/")
        html = client.get(url).content.decode()
        assert "<h2>Safe heading</h2>" in html and "<em>kept</em>" in html
        assert "pwned" not in html
        assert "<script>alert" not in html and "javascript:alert" not in html


def test_lists_nested_deeper_than_the_renderer_can_go_are_shown_as_plain_text_not_a_server_error():
    """Saved from the admin or a shell, "1. " * 700 made the page holding it a 500 (RecursionError)."""
    from bilingual.text import render_markdown

    html = render_markdown("1. " * 700 + "\n\n<script>alert(1)</script>")
    assert html.startswith("<p>1. 1. ") and "<script>" not in html and "&lt;script&gt;" in html
