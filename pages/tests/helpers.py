"""Helpers for tests that read pages the way a reader sees them, and run commands the way an operator does."""

import functools
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from content.registry import content_kinds


class _VisibleText(HTMLParser):
    """Collects the text of <body>, leaving out elements marked with another language."""

    VOID = {"br", "img", "input", "link", "meta", "hr", "source", "wbr"}

    def __init__(self, page_lang):
        super().__init__()
        self.page_lang = page_lang.lower()
        self.stack = []  # (tag, lang in force)
        self.chunks = []
        self.in_body = False

    def _lang(self):
        return self.stack[-1][1] if self.stack else self.page_lang

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang")
        self.stack.append((tag, lang.lower() if lang else self._lang()))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if (
            self.in_body
            and self._lang() == self.page_lang
            and not (self.stack and self.stack[-1][0] in {"script", "style"})
        ):
            self.chunks.append(data)


def text_in_page_language(html, page_lang):
    """The page's visible text, without the parts marked as another language."""
    parser = _VisibleText(page_lang)
    parser.feed(html)
    return " ".join(" ".join(parser.chunks).split())


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


# Browser tests: Debian's Chromium (Playwright's own download does not work on our machines). Its headless
# shell (package chromium-headless-shell: the same Blink, without the desktop browser's window, GPU process and
# services) is what Playwright itself runs headless, and takes half the time of the full browser on our pages.
CHROMIUM_BUILDS = ("chromium-headless-shell", "chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}


def chromium_path():
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).is_file() else None
    search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/bin"])
    return next((found for build in CHROMIUM_BUILDS if (found := shutil.which(build, path=search))), None)


def browser_unavailable(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests, so this is a failure (see .ci/run)", pytrace=False)
    pytest.skip(reason)


# One page of each kind (path after /<lang>/), in every language: what the browser tests check and
# photograph and what scripts/lighthouse.py scores. The trend in the middle shows both pager links.
SAMPLE_LANGUAGES = ["en", "zh-hant", "zh-hans"]
SAMPLE_PAGES = {
    "home": "",
    "mode-list": "modes/",
    "mode-detail": "modes/b2b/",
    "trend-list": "trends/",
    "trend-detail": "trends/going-global/",
    "company-list": "companies/",
    "company-detail": "companies/alibaba/",
    "side-by-side": "trends/going-global/side-by-side/",
    "glossary": "glossary/",
    "glossary-term": "glossary/o2o/",
    "article": "article/",
    "search": "search/?q=%E4%BE%9B%E5%BA%94%E9%93%BE",  # 供应链, Simplified input
    "404": "no-such-page/",
}


def every_page(lang):
    """One URL of every page readers can reach in `lang`: home, each list, each record, each record side by side,
    search, and a search with results."""
    with translation.override(lang):
        urls = [reverse("home"), *(reverse(kind.list_url_name) for kind in content_kinds()), reverse("search")]
        # A kind without pages of its own (the article's paragraphs) is read on its list page, already above.
        paged = [kind.model for kind in content_kinds() if kind.has_own_pages]
        records = [record for model in paged for record in model.objects.order_by("pk")]
        urls += [record.get_absolute_url() for record in records]
        urls += [record.get_absolute_url() + "side-by-side/" for record in records]
        return [*urls, reverse("search") + "?q=b2b"]


@functools.cache
def axe_source():
    """axe-core's script, from inside axe-playwright-python (nothing is fetched)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def with_axe(context):
    """Every page the browser context opens comes with axe-core loaded (Playwright's init script): half a megabyte
    of script is sent to the browser once, not at every check. The readers' pages themselves still run no script
    of their own (the tests count their <script> elements)."""
    context.add_init_script(axe_source())
    return context


def axe_violations(page, rules=None):
    """axe-core's violations on the page as readable lines: rule, impact, the elements it flagged (every rule, or
    `rules`). Only the violations travel back from the browser, not the passes and the rules that did not apply
    (a fifth of the time of a check). axe-core is loaded here when the page did not come with it (`with_axe`)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = {"resultTypes": ["violations"], **({"runOnly": {"type": "rule", "values": rules}} if rules else {})}
    violations = page.evaluate("options => axe.run(document, options).then(results => results.violations)", options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[node['target'] for node in v['nodes']][:5]}" for v in violations
    ]


def manage(*args, **env):
    """`manage.py *args` in a process of its own, as an operator runs it: without this test run's DJANGO_ and
    CACHE_URL settings, with `env` instead."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CACHE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
