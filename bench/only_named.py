"""A pytest plugin for bench/suite_speed.py --same-tests: run only the tests named in a file.

ECOMKB_ONLY_TESTS names a file of test names, one per line, each as it stands after its module in a test id
("test_x[en]", "TestClass::test_y"). A test is kept when its name is there, wherever its module now lives.
"""

import os


def pytest_collection_modifyitems(config, items):
    listed = os.environ.get("ECOMKB_ONLY_TESTS")
    if not listed:
        return
    with open(listed, encoding="utf-8") as lines:
        names = {line.strip() for line in lines if line.strip()}
    kept, left_out = [], []
    for item in items:
        name = item.nodeid.split("::", 1)[1]
        if name.rfind("@") > name.rfind("]"):  # pytest-xdist's loadgroup suffix, "test_x[en]@group"
            name = name.rsplit("@", 1)[0]
        (kept if name in names else left_out).append(item)
    config.hook.pytest_deselected(items=left_out)
    items[:] = kept
