"""Test settings without some apps (ECOMKB_WITHOUT_APPS, comma-separated): a site with a subset of the kinds of
content, as content/tests/test_any_subset_of_kinds.py migrates and seeds it in a process of its own."""

import os

from ecomkb.settings_test import *  # noqa: F403

WITHOUT = {app for app in os.environ.get("ECOMKB_WITHOUT_APPS", "").split(",") if app}
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in WITHOUT]  # noqa: F405
ROOT_URLCONF = "content.tests.urls_installed_kinds"
