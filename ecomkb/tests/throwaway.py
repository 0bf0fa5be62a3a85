"""A throwaway kind of content, written as a newcomer would write one: an app with a model and its declaration,
its translation options, its admin, its URLs, its fixture and a test; plus settings that install it. Nothing
else in the project is edited: whatever a kind needs must follow from these files (ecomkb/tests/test_a_new_kind.py).
"""

import textwrap

FILES = {
    "throwaway/__init__.py": "",
    "throwaway/apps.py": """
        from django.apps import AppConfig


        class ThrowawayConfig(AppConfig):
            name = "throwaway"
    """,
    "throwaway/models.py": """
        from django.db import models
        from django.urls import reverse

        from content.models import Publishable
        from content.registry import register
        from search.models import Searchable


        @register(
            title_field="name",
            text_fields=("note",),
            markdown_fields=("note",),
            position=99,
            fixture="notes.json",
            list_url_name="throwaway:note_list",
        )
        class Note(Publishable, Searchable):
            slug = models.SlugField(max_length=40, unique=True)
            name = models.CharField("name", max_length=80)
            note = models.TextField("note", blank=True)

            class Meta:
                ordering = ["slug"]
                verbose_name = "note"

            def __str__(self):
                return self.name or self.slug

            def get_absolute_url(self):
                return reverse("throwaway:note_detail", kwargs={"slug": self.slug})
    """,
    "throwaway/translation.py": """
        import simple_history
        from modeltranslation.translator import TranslationOptions, register

        from content.models import history_excluded_fields

        from .models import Note


        @register(Note)
        class NoteTranslation(TranslationOptions):
            fields = ("name", "note")
            required_languages = ()


        simple_history.register(Note, app="throwaway", excluded_fields=history_excluded_fields(Note))
    """,
    "throwaway/admin.py": """
        from django.contrib import admin

        from editors.admin import EditorialAdmin

        from .models import Note


        @admin.register(Note)
        class NoteAdmin(EditorialAdmin):
            list_display = ("name", "status")
    """,
    "throwaway/urls.py": """
        from django.http import HttpResponse
        from django.shortcuts import get_object_or_404
        from django.urls import path

        from .models import Note

        app_name = "throwaway"


        def note_list(request):
            return HttpResponse(", ".join(str(note) for note in Note.objects.published()))


        def note_detail(request, slug):
            return HttpResponse(str(get_object_or_404(Note.objects.published(), slug=slug)))


        urlpatterns = [
            path("notes/", note_list, name="note_list"),
            path("notes/<slug:slug>/", note_detail, name="note_detail"),
        ]
    """,
    "throwaway/fixtures/notes.json": """
        [{"model": "throwaway.note", "fields": {"slug": "quokka", "key": "7d1c4a52-0000-4000-8000-000000000001",
          "status": "published", "name_en": "Quokka note", "name_zh_hant": "短尾矮袋鼠筆記",
          "note_en": "A **throwaway** note about zygomorphic quokkas.", "note_zh_hant": "一則**用過即丟**的筆記。"}}]
    """,
    "throwaway/tests/__init__.py": "",
    "throwaway/tests/test_notes.py": """
        def test_a_throwaway_test_is_collected():
            pass
    """,
    "throwaway_settings.py": """
        import os

        from ecomkb.settings_test import *  # noqa: F403

        INSTALLED_APPS = [*INSTALLED_APPS, "throwaway"]  # noqa: F405
        ROOT_URLCONF = "throwaway_urls"
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["THROWAWAY_DATABASE"]}}
    """,
    "throwaway_urls.py": """
        from django.conf.urls.i18n import i18n_patterns
        from django.urls import include, path

        from accounts.staff_area import public
        from ecomkb.urls import handler400, handler500, urlpatterns  # noqa: F401

        urlpatterns = [*urlpatterns, *i18n_patterns(*public(path("", include("throwaway.urls"))))]
    """,
}


def write_app(directory):
    """The throwaway app and its settings, in `directory` (to be put first on the Python path)."""
    for name, text in FILES.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


# Run inside the throwaway site (after migrate and seed): where the note shows, as JSON.
PROBE = """
import json

import django

django.setup()

from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client

from content.registry import kind_of
from ecomkb.layers import layers
from editors.admin import EditorialAdmin
from editors.roles import EDITOR_GROUP
from search.query import Query, ranked_entries
from throwaway.models import Note
from xliff.units import Direction, export_units

note = Note.objects.get(slug="quokka")
client = Client()
index = client.get("/sitemap.xml").content.decode()
sections = "".join(client.get(f"/sitemap-{name}.xml").content.decode() for name in ("sections", "note"))
units = [unit for unit in export_units(Direction.into("zh-hant")) if unit.id.startswith("throwaway.note:")]
print(json.dumps({
    "editorial_admin": isinstance(admin.site.get_model_admin(Note), EditorialAdmin),
    "publish_permission": Permission.objects.filter(codename="publish_note").exists(),
    "editor_role": sorted(Group.objects.get(name=EDITOR_GROUP).permissions.filter(
        content_type__app_label="throwaway").values_list("codename", flat=True)),
    "found": [list(hit) for hit in ranked_entries(Query.parse("zygomorphic"), 10)],
    "found_as_kind": [list(hit) for hit in ranked_entries(Query.parse("quokka"), 10, kind_of(Note))],
    "note_pk": note.pk,
    "in_sitemap": "sitemap-note.xml" in index and "/en/notes/" in sections and "/en/notes/quokka/" in sections,
    "units": sorted(unit.id.rsplit(":", 1)[-1] + (" markdown" if any("Markdown" in n for n in unit.notes) else "")
                    for unit in units),
    "layers": layers(),
}))
"""
