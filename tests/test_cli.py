"""The command line: summaries of saved files, content validation, clear errors."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from decision_aid.answer_errors import message
from decision_aid.answers import AnswersError, from_file, to_file
from decision_aid.cli import main
from decision_aid.inert_text import BIDI

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).parent / "data" / "bad_answers"
EXPECTED = json.loads((BAD / "expected.json").read_text())


def run(*args):
    return subprocess.run([sys.executable, "-m", "decision_aid", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def saved(tmp_path):
    p = tmp_path / "answers.json"
    p.write_bytes(to_file({"recurrence_type": "distant", "metastatic_sites": ("bone",),
                           "hr_status": "positive", "her2_status": "zero", "metastatic_lines": "none_yet"}))
    return p


def test_json_has_the_dictionary_keys_and_agrees_with_markdown(saved, capsys):
    assert main(["summarize", str(saved), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("urgent_notice", "disclaimer", "content_last_reviewed", "options", "not_listed", "questions_to_ask"):
        assert key in data
    assert data["urgent_notice"] is None
    assert all({"id", "title", "why_shown", "cautions"} <= set(o) for o in data["options"])
    assert main(["summarize", str(saved), "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    for o in data["options"]:
        assert f"## {o['title']}" in markdown
    for n in data["not_listed"]:
        assert n["why"] in markdown


@pytest.mark.parametrize("name", ["not_json", "latin1_text", "unknown_question", "version_newer", "empty",
                                  "lone_surrogate", "huge_number", "duplicate_answer", "terminal_escapes"])
def test_bad_files_give_one_clear_line_and_exit_2(name):
    r = run("summarize", str(BAD / f"{name}.json"), "--format", "json")
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in r.stderr


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_file_of_the_bad_corpus_gets_its_message_on_one_clean_line(name, content, capsys):
    """The message of the app, on one line with no control character and nothing of the file."""
    assert main(["summarize", str(BAD / name)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.endswith("\n") and err.count("\n") == 1
    with pytest.raises(AnswersError) as e:
        from_file((BAD / name).read_bytes())
    assert message(e.value, content) in err
    assert not re.search(f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{BIDI}]|evil|88888", err), repr(err)


def test_a_file_name_with_terminal_escapes_is_printed_without_them(tmp_path, capsys):
    path = tmp_path / "a\x1b]0;pwned\x07\x1b[2J\u202efile.json"
    path.write_bytes((BAD / "unknown_value.json").read_bytes())
    assert main(["summarize", str(path)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err and "pwned" in err


def test_never_reads_more_than_the_size_limit_and_one_byte(content):
    """/dev/zero never ends: reading it whole would never return."""
    r = run("summarize", "/dev/zero")
    assert r.returncode == 2 and content.text("errors.too_large", limit_kb=100) in r.stderr


def test_free_text_with_terminal_escapes_comes_out_inert(tmp_path, capsys):
    """The patient's own words reach stdout in Markdown and JSON without a raw escape byte."""
    own = "Hi\x1b[2J\x1b]8;;https://evil.example\x07there\x9b31m \u202eright-to-left"
    path = tmp_path / "answers.json"
    path.write_bytes(to_file({"own_questions": own}))
    for fmt in ("markdown", "json"):
        assert main(["summarize", str(path), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert not re.search(f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{BIDI}]", out), fmt
    assert json.loads(out)["own_questions"] == own       # the JSON still holds the exact text


def test_missing_file_is_a_clear_error(tmp_path):
    r = run("summarize", str(tmp_path / "nope.json"))
    assert r.returncode == 2 and "cannot read" in r.stderr and "Traceback" not in r.stderr


def test_pdf_needs_an_output_file(saved):
    r = run("summarize", str(saved), "--format", "pdf")
    assert r.returncode == 2 and "--output" in r.stderr


def test_validate_content_passes_on_our_content():
    r = run("validate-content")
    assert r.returncode == 0, r.stderr
    assert "23 option families" in r.stdout


def test_validate_content_rejects_a_broken_folder_naming_file_and_item(tmp_path):
    import shutil

    import yaml
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    path = root / "options" / "t_dm1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["show_when"] = {"all": [{"hr_status": "positive"}, {"hr_status": "negative"}]}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    r = run("validate-content", "--content", str(root))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "options/t_dm1.yaml" in r.stderr and "t_dm1" in r.stderr and "never be true" in r.stderr
    data["show_when"] = {"subtype": "her2_positive"}
    data["what_it_is"] = "This is the best treatment for you."
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    r = run("validate-content", "--content", str(root))
    assert r.returncode == 2 and "options/t_dm1.yaml: t_dm1: prescriptive phrase" in r.stderr


def test_an_unexpected_failure_is_one_line_without_the_patients_words(saved, monkeypatch, capsys):
    import decision_aid.cli

    def broken(*a, **k):
        raise RuntimeError("hr_status=positive: a detail that must not be printed")
    monkeypatch.setattr(decision_aid.cli, "build_summary", broken)
    assert main(["summarize", str(saved)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("error:") and "hr_status" not in err
