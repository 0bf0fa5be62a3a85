"""The stateful test of editing at random (editors/tests/test_editing_never_breaks_the_site.py), with one more
invariant: after every step, no draft record and no draft version reaches a reuser — recent changes, the feeds,
the API, a dump — with the page cache on, as in production."""

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import initialize, invariant

from content.models import Publishable
from content.registry import content_kinds
from editors.tests.test_editing_never_breaks_the_site import Editing
from opendata.dumps import write_dump

pytestmark = pytest.mark.long_running
PUBLISHED = Publishable.Status.PUBLISHED


class EditingWatchedByReusers(Editing):
    @initialize()
    def start_up(self):
        """As Editing starts, then a draft for certain: one record unpublished, and one published record with a
        draft version between two published ones (the rules may add more)."""
        super().start_up()
        kinds = content_kinds()
        unpublished = kinds[0].model.objects.published().order_by("pk").first()
        unpublished.status = "draft"
        unpublished.save()
        republished = kinds[1].model.objects.published().order_by("pk").first()
        for status in ("draft", PUBLISHED):
            republished.status = status
            republished.save()
        self.touched |= {(type(unpublished), unpublished.pk), (type(republished), republished.pk)}

    @invariant()
    def no_draft_reaches_a_reuser(self):
        if not hasattr(self, "reader"):
            return
        drafts = [
            (kind.model._meta.model_name, str(key))
            for kind in content_kinds()
            for key in kind.model.objects.exclude(status=PUBLISHED).values_list("key", flat=True)
        ]
        draft_versions = [
            f"/history/{kind.model._meta.model_name}/{version.key}/{version.history_id}/"
            for kind in content_kinds()
            for version in kind.model.history.exclude(status=PUBLISHED).order_by("-history_id")[:20]
        ]
        changes = " ".join(
            self.read(path) for path in ("/en/changes/", "/zh-hans/changes/feed/", "/zh-hant/changes/company/feed/")
        )
        served = changes + self.every_record_from_the_api()
        with tempfile.TemporaryDirectory() as directory:
            write_dump(Path(directory) / "dump")
            served += " ".join(path.read_text(encoding="utf-8") for path in (Path(directory) / "dump").iterdir())
        for kind, key in drafts:
            assert key not in served, f"draft {kind} {key} served to reusers"
        for url in draft_versions:
            assert url not in changes, f"draft version {url} in recent changes"

    def every_record_from_the_api(self):
        pages = []
        for kind in content_kinds():
            cursor = None
            while True:
                query = "?limit=100" + (f"&cursor={cursor}" if cursor is not None else "")
                page = json.loads(self.read(f"/api/v1/{kind.model._meta.model_name}/{query}"))
                pages.append(json.dumps(page))
                cursor = page["next_cursor"]
                if cursor is None:
                    break
        return " ".join(pages)


EditingWatchedByReusers.TestCase.settings = settings(
    max_examples=3,
    stateful_step_count=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
def test_editing_at_random_never_shows_a_draft_to_reusers():
    EditingWatchedByReusers.TestCase().runTest()
