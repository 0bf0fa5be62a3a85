"""The browser tests never vanish silently: without Chromium they skip locally but fail under CI."""

import pytest

from pages.tests import helpers as testing


def test_missing_chromium_is_a_skip_with_a_reason_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium"):
        testing.browser_unavailable("no Chromium found")


def test_missing_chromium_is_a_failure_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser tests"):
        testing.browser_unavailable("no Chromium found")


def test_chromium_path_honours_the_environment(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("")
    monkeypatch.setenv("CHROMIUM_PATH", str(fake))
    assert testing.chromium_path() == str(fake)
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "missing"))
    assert testing.chromium_path() is None


def test_the_headless_shell_is_preferred_to_the_full_browser(monkeypatch, tmp_path):
    for build in ("chromium", "chromium-headless-shell"):
        (tmp_path / build).write_text("#!/bin/sh\n")
        (tmp_path / build).chmod(0o755)
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert testing.chromium_path() == str(tmp_path / "chromium-headless-shell")
