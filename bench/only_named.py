"""A pytest plugin for bench/suite_speed.py --same-tests: run only the tests named in a file.

ECOMKB_ONLY_TESTS names a file of test ids (one per line, as `pytest --collect-only -q` prints them). A test
is kept when its name within its module matches one there, wherever its module now lives, or when it is the
successor (bench/suite_speed.py, SUCCESSORS) of a test that was renamed.
"""

import os


def pytest_collection_modifyitems(config, items):
    listed = os.environ.get("ECOMKB_ONLY_TESTS")
    if not listed:
        return
    with open(listed, encoding="utf-8") as ids:
        names = {line.strip().split("::", 1)[1] for line in ids if "::" in line}
    kept = [item for item in items if item.nodeid.split("::", 1)[1] in names]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept
