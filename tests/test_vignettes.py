"""Patient vignettes: the summary must list, leave out and say what each expects.

tests/data/vignettes_shared.yaml is a copy of ../shared/vignettes/vignettes.yaml so these run
on any machine; tests/data/vignettes_more.yaml and vignettes_clinical.yaml (the clinical rules
of docs/clinical-rules.md), and any other vignette file there, hold our own. The same checks run
through the command line (the shared checker) when ../shared is present.
"""
import subprocess
import sys
from pathlib import Path

import pytest

from decision_aid import vignettes

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
VIGNETTES = vignettes.load(DATA)   # every vignette file in tests/data/


def test_the_vignette_files_are_found():
    assert {"vignettes_shared.yaml", "vignettes_more.yaml", "vignettes_clinical.yaml"} <= {v.file for v in VIGNETTES}


@pytest.mark.parametrize("v", VIGNETTES, ids=[v.name for v in VIGNETTES])
def test_vignette(v, content):
    """The checks are in decision_aid/vignettes.py, shared with the clinicians' review packet:
    listed and not listed families, the urgent notice, what the summary says, the disclaimer,
    and every family listed or explained."""
    result = vignettes.run(v, content)
    assert result.not_checked == [], f"expectations this checker does not know: {result.not_checked}"
    assert result.failures == []


@pytest.mark.skipif(not (ROOT.parent / "shared" / "vignettes" / "check_vignettes.py").exists(),
                    reason="the shared folder is not beside the project")
def test_shared_checker_passes_through_the_command_line():
    run = subprocess.run([sys.executable, str(ROOT.parent / "shared" / "vignettes" / "check_vignettes.py")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
