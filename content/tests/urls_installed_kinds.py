"""The readers' URLs of the kinds of content installed, and nothing else: the URLconf of the sites that
content/tests/test_any_subset_of_kinds.py builds (ecomkb/urls.py names every kind of this project)."""

from importlib.util import find_spec

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from content.registry import content_kinds

apps_of_kinds = sorted({kind.model._meta.app_config.name for kind in content_kinds()})
urlpatterns = i18n_patterns(*(path("", include(f"{app}.urls")) for app in apps_of_kinds if find_spec(f"{app}.urls")))
