"""Patient vignettes: the summary must list, leave out and say what each expects.

tests/data/vignettes_shared.yaml is a copy of ../shared/vignettes/vignettes.yaml so these run
on any machine; tests/data/vignettes_more.yaml and vignettes_clinical.yaml (the clinical rules
of docs/clinical-rules.md) hold our own. The same checks run through the
command line (the shared checker) when ../shared is present.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from decision_aid.export_markdown import to_markdown
from decision_aid.summary import build_summary

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
VIGNETTES = [v for f in ("vignettes_shared.yaml", "vignettes_more.yaml", "vignettes_clinical.yaml")
             for v in yaml.safe_load((DATA / f).read_text(encoding="utf-8"))]


@pytest.mark.parametrize("v", VIGNETTES, ids=[v["name"] for v in VIGNETTES])
def test_vignette(v, content):
    summary = build_summary(v["answers"], content)
    markdown = to_markdown(summary)
    listed = [o.id for o in summary.options]
    exp = v["expect"]
    for o in exp.get("options_include", []):
        assert o in listed, f"{o} should be listed; listed: {listed}"
    for o in exp.get("options_exclude", []):
        assert o not in listed, f"{o} should not be listed"
    if "urgent" in exp:
        assert bool(summary.urgent_notice) == exp["urgent"]
    for rx in exp.get("text_matches", []):
        assert re.search(rx, markdown, re.I), f"summary does not say /{rx}/"
    for rx in exp.get("text_absent", []):
        assert not re.search(rx, markdown, re.I), f"summary should not say /{rx}/"
    if exp.get("urgent_first"):
        first_heading = markdown.index("\n## ")
        assert markdown[first_heading:].startswith(f"\n## {summary.headings['urgent']}")
    assert summary.disclaimer in markdown
    # every option family is either listed or explained, never silently dropped
    assert sorted(listed + [n.id for n in summary.not_listed]) == sorted(content.options)


@pytest.mark.skipif(not (ROOT.parent / "shared" / "vignettes" / "check_vignettes.py").exists(),
                    reason="the shared folder is not beside the project")
def test_shared_checker_passes_through_the_command_line():
    run = subprocess.run([sys.executable, str(ROOT.parent / "shared" / "vignettes" / "check_vignettes.py")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
