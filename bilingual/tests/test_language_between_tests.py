"""A language one test activates never leaks into the next test run by the same worker (conftest.default_language).

Rendering in the wrong language made output-checking tests pass or fail by test order: under CI a diff test
read Traditional Chinese because an earlier admin request on the same worker had left zh-hant active.
"""

import pytest
from django.utils import translation

pytestmark = pytest.mark.xdist_group("language-between-tests")  # one worker, in file order


def test_a_test_that_leaves_another_language_active():
    translation.activate("zh-hant")
    assert translation.get_language() == "zh-hant"


def test_the_next_test_starts_in_the_default_language(settings):
    assert translation.get_language() == settings.LANGUAGE_CODE
