import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))   # shared helpers: walk, server, patients

from decision_aid.content import load_content  # noqa: E402


@pytest.fixture(scope="session")
def content():
    return load_content()


def pytest_itemcollected(item):
    """`make test` runs two pytest-xdist workers with `--dist loadgroup`: the long PDF property
    test (its own `xdist_group`) on one, every other test on the other, in the usual order
    (browser tests last, see tests/e2e/conftest.py). Without -n the groups change nothing."""
    if not any(item.iter_markers("xdist_group")):
        item.add_marker(pytest.mark.xdist_group("main"))
