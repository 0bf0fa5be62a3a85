"""Editors and operators at random (hypothesis's stateful testing): the site never breaks and never loses work.

Rules play what people do — add, edit either language, rename, delete (as a superuser), publish,
unpublish, restore an old version, save a form someone else saved meanwhile, save from a shell, re-seed,
restart (the start-up commands again) — with the page cache refusing writes as a state the machine enters
and leaves; after every step the invariants are checked:
start-up succeeds; nothing deleted comes back; nothing is duplicated; every published record
is reachable at its slug and each of its old slugs redirects to it; no draft is visible anywhere
a reader looks (detail, side by side, zh-hans, lists, related links, search, sitemap); nothing is stored
that a form would refuse (content.hygiene); no 5xx.
Each example runs in a transaction rolled back at its end, with the page cache on and emptied with it.
"""

import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from accounts.testing import sign_in_verified
from content.cache import cache
from content.hygiene import checked_text_fields, text_errors
from content.registry import content_kinds, kind_of
from content.signals import ChangeRefused
from editors.roles import EDITOR_GROUP
from editors.tests.admin_forms import change_url, form_data, form_errors
from pagecache.generation import CacheGeneration
from pagecache.middleware import local_pages

pytestmark = pytest.mark.long_running

CONFLICT = "Your changes were not saved"
LANGS = ("en", "zh_hant")
TEXTS = st.sampled_from(
    ["A new sentence.", "新的句子。", "B2B\u200b", "\u202eevil\u202c", "emoji 💥 𠀋", "a" * 300, "<b>bold</b> & co", ""]
)
SLUGS = st.sampled_from(["renamed", "jd", "b2b", "going-global", "alibaba-2", "x", "new-one", "wanda"])


def models_with_pages():
    """The kinds a reader reaches at an address of their own (the article's paragraphs are parts of one page)."""
    return [kind.model for kind in content_kinds() if kind.has_own_pages]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


class Editing(RuleBasedStateMachine):
    # (model, its texts) that content.hygiene.text_errors passed, in any example: it reads nothing but the texts,
    # so the same texts pass again (most records are unchanged from one step, and one example, to the next)
    texts_found_clean = set()

    def __init__(self):
        super().__init__()
        self.page_cache = override_settings(PAGE_CACHE_SECONDS=3600)  # on, as in production: saves must empty it
        self.page_cache.enable()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        cache.clear()
        local_pages.pages.clear()

    def teardown(self):
        self.mend_the_cache()
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)
        self.page_cache.disable()
        cache.clear()
        local_pages.pages.clear()

    @initialize()
    def start_up(self):
        self.restart()
        editor = User.objects.create_user("erin", password="a-long-test-password", is_staff=True)
        editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
        self.editor, self.admin, self.reader = Client(), Client(), Client()
        sign_in_verified(self.editor, editor)
        sign_in_verified(self.admin, User.objects.create_superuser("root", password="another-long-test-password"))
        self.expected = {model: set(model.objects.values_list("pk", flat=True)) for model in models_with_pages()}
        self.last_holder = {}  # (model, slug) -> the record that had the slug last
        self.touched = set()
        self.note_slugs()

    # --- helpers -------------------------------------------------------------------------------

    def restart(self):
        call_command("migrate", verbosity=0, interactive=False)
        call_command("seed", stdout=io.StringIO())

    def note_slugs(self):
        for model in models_with_pages():
            for pk, slug in model.objects.values_list("pk", "slug"):
                self.last_holder[model, slug] = pk

    def pick(self, data, model=None):
        models = [model] if model else models_with_pages()
        records = [record for m in models for record in m.objects.order_by("pk")]
        return data.draw(st.sampled_from(records)) if records else None

    def answered(self, response):
        assert response.status_code < 500
        if response.status_code == 200 and response.context and "adminform" in response.context:
            assert form_errors(response), "a form came back without saying what was wrong"
        return response

    def edit(self, client, record, changes):
        response = client.get(change_url(record))
        assert response.status_code == 200
        self.touched.add((type(record), record.pk))
        return self.answered(client.post(change_url(record), form_data(response) | changes))

    # --- editors -------------------------------------------------------------------------------

    @rule(data=st.data(), slug=SLUGS, name=TEXTS, description=TEXTS, publish=st.booleans())
    def add_company(self, data, slug, name, description, publish):
        model = next(m for m in models_with_pages() if m._meta.model_name == "company")
        response = self.answered(
            self.editor.post(
                admin_url(model, "add"),
                {
                    "status": "published" if publish else "draft",
                    "slug": slug,
                    "name_en": name,
                    "name_zh_hant": name,
                    "description_en": description,
                    "description_zh_hant": description,
                    "website": "",
                    "opened_version": "0",
                },
            )
        )
        if response.status_code == 302:
            record = model.objects.get(slug=slug)
            self.expected[model].add(record.pk)
            self.touched.add((model, record.pk))

    @rule(data=st.data(), lang=st.sampled_from(LANGS), text=TEXTS)
    def edit_a_text(self, data, lang, text):
        record = self.pick(data)
        field = data.draw(st.sampled_from(kind_of(record).reading_fields))
        self.edit(self.editor, record, {f"{field}_{lang}": text})

    @rule(data=st.data(), slug=SLUGS)
    def rename(self, data, slug):
        self.edit(self.editor, self.pick(data), {"slug": slug})

    @rule(data=st.data(), publish=st.booleans())
    def publish_or_unpublish(self, data, publish):
        self.edit(self.editor, self.pick(data), {"status": "published" if publish else "draft"})

    @rule(data=st.data())
    def delete_as_superuser(self, data):
        record = self.pick(data)
        response = self.answered(self.admin.post(admin_url(type(record), "delete", record.pk), {"post": "yes"}))
        assert response.status_code == 302
        deleted = not type(record).objects.filter(pk=record.pk).exists()
        assert deleted != hasattr(self, "broken"), "deleted exactly when the cache could follow"
        if deleted:
            self.expected[type(record)].discard(record.pk)

    @rule(data=st.data())
    def restore_an_old_version(self, data):
        record = self.pick(data)
        version = data.draw(st.sampled_from(list(record.history.all())))
        url = admin_url(type(record), "simple_history", record.pk, version.history_id)
        form = self.editor.get(url)
        assert form.status_code == 200
        self.touched.add((type(record), record.pk))
        self.answered(self.editor.post(url, form_data(form)))

    @rule(data=st.data(), first=TEXTS, second=TEXTS)
    def two_editors_save_the_same_version(self, data, first, second):
        record = self.pick(data)
        field = f"{kind_of(record).title_field}_en"
        opened = form_data(self.editor.get(change_url(record)))
        other = form_data(self.admin.get(change_url(record)))
        saved_first = self.answered(self.editor.post(change_url(record), opened | {field: first or "First"}))
        if saved_first.status_code == 302:
            late = self.answered(self.admin.post(change_url(record), other | {field: second or "Second"}))
            assert late.status_code == 200 and CONFLICT in " ".join(form_errors(late)["__all__"])
        self.touched.add((type(record), record.pk))

    @rule(data=st.data(), lang=st.sampled_from(LANGS), text=TEXTS, publish=st.booleans())
    def save_from_a_shell(self, data, lang, text, publish):
        """`manage.py shell`: the model's own save, no form in front of it."""
        record = self.pick(data)
        field = f"{data.draw(st.sampled_from(kind_of(record).reading_fields))}_{lang}"
        before = (record.status, getattr(record, field))
        record.status = "published" if publish else "draft"
        setattr(record, field, text)
        self.touched.add((type(record), record.pk))
        try:
            record.save()
        except (ValidationError, ChangeRefused):  # refused: then nothing of it was saved
            fresh = type(record).objects.get(pk=record.pk)
            assert (fresh.status, getattr(fresh, field)) == before

    # --- operators -----------------------------------------------------------------------------

    @rule()
    def break_the_cache(self):
        """Redis full or the cache directory read-only: no new generation can be written."""
        if not hasattr(self, "broken"):
            self.broken = pytest.MonkeyPatch()
            self.broken.setattr(
                CacheGeneration, "renew", lambda self, keys=(): (_ for _ in ()).throw(OSError("refused"))
            )

    @rule()
    def mend_the_cache(self):
        if hasattr(self, "broken"):
            self.broken.undo()
            del self.broken

    @rule()
    def reseed(self):
        call_command("seed", stdout=io.StringIO())

    @rule()
    def restart_the_site(self):
        self.restart()  # `make serve` / `make run` again: migrate, seed
        self.touched |= {
            (model, pk) for model in models_with_pages() for pk in model.objects.values_list("pk", flat=True)
        }

    # --- invariants ----------------------------------------------------------------------------

    @invariant()
    def nothing_deleted_comes_back_and_nothing_is_duplicated(self):
        if not hasattr(self, "expected"):
            return
        for model, ids in self.expected.items():
            assert set(model.objects.values_list("pk", flat=True)) == ids, model.__name__
        self.note_slugs()

    @invariant()
    def readers_see_exactly_what_is_published(self):
        if not hasattr(self, "touched"):
            return
        with translation.override("en"):
            lists = [reverse("home"), *(reverse(kind.list_url_name) for kind in map(kind_of, models_with_pages()))]
        sitemap = [f"/sitemap-{model._meta.model_name}.xml" for model in models_with_pages()]  # pages of the index
        listed = " ".join(self.read(url) for url in [*lists, "/sitemap.xml", *sitemap])
        for model, pk in sorted(self.touched, key=lambda item: (item[0].__name__, item[1])):
            record = model.objects.filter(pk=pk).first()
            if record is None:
                continue
            with translation.override("en"):  # a request below leaves its language active
                url = record.get_absolute_url()
            for page in (url, url + "side-by-side/", url.replace("/en/", "/zh-hans/", 1)):
                assert self.reader.get(page).status_code == (200 if record.is_published else 404), page
            linked = bool(re.search(rf'href="(https?://[^"/]+)?{re.escape(url)}"', listed)) or url in listed
            if not record.is_published:
                assert not linked, f"draft {url} linked from a list, the home page or the sitemap"
                title = getattr(record, f"{kind_of(record).title_field}_en")
                if title and title.strip():
                    found = self.read(reverse("search") + "?" + "q=" + title[:40])
                    assert f'href="{url}"' not in found, f"draft {url} found by search"
            else:
                assert linked, f"published {url} missing from its list"
        self.touched = set()

    @invariant()
    def nothing_is_stored_that_a_form_would_refuse(self):
        for kind in content_kinds():
            fields = checked_text_fields(kind.model)
            for record in kind.model.objects.all():
                texts = (kind.model, *(getattr(record, field.attname) for field in fields))
                if texts not in self.texts_found_clean:
                    assert not text_errors(record), (record, text_errors(record))
                    self.texts_found_clean.add(texts)

    @invariant()
    def every_old_slug_of_a_published_record_redirects_to_it(self):
        if not hasattr(self, "last_holder"):
            return
        current = {
            (model, slug) for model in models_with_pages() for slug in model.objects.values_list("slug", flat=True)
        }
        for (model, slug), pk in self.last_holder.items():
            if (model, slug) in current:
                continue
            record = model.objects.filter(pk=pk).first()
            old_url = record.get_absolute_url().replace(f"/{record.slug}/", f"/{slug}/") if record else None
            if record is not None and record.is_published:
                response = self.reader.get(old_url)
                assert (response.status_code, response["Location"]) == (301, record.get_absolute_url()), old_url

    def read(self, url):
        response = self.reader.get(url)
        assert response.status_code == 200, url
        return response.content.decode()


Editing.TestCase.settings = settings(
    max_examples=6,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
def test_editing_at_random_never_breaks_the_site():
    Editing.TestCase().runTest()
