import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))   # shared helpers: walk, server, patients, ws_client

from decision_aid.content import load_content  # noqa: E402


@pytest.fixture(scope="session")
def content():
    return load_content()
