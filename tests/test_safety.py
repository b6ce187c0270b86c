"""Safety settings and inert input: no tracebacks, no shared caches of answers, patient and
nurse text shown as text everywhere."""
import ast
import re
import io
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

import decision_aid.summary
import ui.state
from decision_aid.answers import to_file
from decision_aid.export_markdown import to_markdown
from decision_aid.export_pdf import to_pdf
from decision_aid.inert_text import BIDI
from decision_aid.summary import build_summary
from walk import answer, click, open_app, texts

ROOT = Path(__file__).resolve().parent.parent
PAYLOADS = [
    "<script>window.hacked=1</script>",
    "![restore](https://evil.example/pixel.png) https://evil.example www.evil.example a@evil.example",
    "~~~\n</code><img src=x>\n```\n    indented",
    "<img src=x onerror=alert(1)>",
    "<style>body{display:none}</style>",
    "# I am a heading",
    "**bold** _italic_ [click me](javascript:alert(1))",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "$$x^2$$ :red[red text]",
]


def test_server_config_is_safe():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["maxUploadSize"] == 1
    assert cfg["server"]["enableAgentApi"] is False
    assert cfg["client"]["showErrorDetails"] == "none"


def test_no_cache_holds_anything_derived_from_answers():
    """Only content is cached (st.cache_resource, keyed by language, and the list of languages);
    answers never are."""
    cached = []
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                for d in node.decorator_list:
                    if "cache" in ast.unparse(d):
                        cached.append((path.name, node.name, [a.arg for a in node.args.args]))
    assert sorted(cached) == [("content.py", "get_content", ["language"]), ("content.py", "get_languages", [])]


def test_a_failing_page_shows_a_friendly_message_not_a_traceback(monkeypatch, content):
    def broken(*a, **k):
        raise RuntimeError("internal detail that must not be shown")
    monkeypatch.setattr(decision_aid.summary, "build_summary", broken)
    at = open_app()
    at.session_state["answers"] = {"hr_status": "positive"}
    at.switch_page("pages/summary.py").run()
    assert not at.exception
    screen = texts(at)
    assert content.text("errors.app_error") in screen
    assert "internal detail" not in screen and "Traceback" not in screen
    assert at.session_state["answers"] == {"hr_status": "positive"}   # nothing lost


@pytest.mark.parametrize("payload", PAYLOADS)
def test_own_questions_are_plain_text_on_every_page(payload, content):
    at = open_app()
    at.session_state["answers"] = {"own_questions": payload, "recurrence_type": "distant"}
    for page in ("pages/review.py", "pages/summary.py", "pages/consultation.py"):
        at.switch_page(page).run()
        if page == "pages/review.py":     # her answers there: one tap away, in her step's fold
            at.session_state["fold_review_values"] = True
            at.run()
        assert payload in [t.value for t in at.text], f"{page} does not show it as plain text"
        assert all(payload not in m.value for m in at.markdown), f"{page} renders it as Markdown"


@pytest.mark.parametrize("payload", PAYLOADS + ["Hi\x1b[2J\x1b]8;;https://evil.example\x07 \u202eevil"])
def test_markdown_export_escapes_patient_text(payload, content):
    """The patient's words go into the Markdown file as a fenced code block, which every
    Markdown viewer shows as typed text: no heading, link, bare address, picture or HTML."""
    md = to_markdown(build_summary({"own_questions": payload}, content))
    section = md.split(content.ui["summary_headings"]["own_questions"], 1)[1].split("\n## ", 1)[0]
    lines = section.split("\n")[2:]
    fence = lines[0]
    assert re.fullmatch("~{3,}", fence)
    end = lines.index(fence, 1)
    body = lines[1:end]
    # nothing inside can close the block early: no line starts with a fence as long
    assert not any(re.match(f" {{0,3}}{fence}", line) for line in body)
    # the words are all there, without terminal escapes or reordering marks
    expected = re.sub(f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{BIDI}]", "", payload)
    assert body == expected.split("\n")
    assert not re.search(f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{BIDI}]", md)


def test_pdf_prints_patient_and_nurse_text_literally(content):
    payload = "**bold** <b>x</b> [a](b)"
    pdf = to_pdf(build_summary({"own_questions": payload}, content), notes="<i>note</i> # h")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert payload in text and "<i>note</i> # h" in text


def test_answers_that_cannot_be_saved_never_lock_the_patient_out(content):
    """A lone surrogate in the session's answers (text no file can hold) made the sidebar's
    save button fail on every page, outside the page's guard. Now every page still draws,
    with the friendly message, and "Clear my answers" is still there."""
    at = open_app()
    bad = {"own_questions": "Hello \ud800", "hr_status": "positive"}
    at.session_state["answers"] = dict(bad)
    for page in ("pages/start.py", "pages/questions.py", "pages/review.py", "pages/summary.py",
                 "pages/consultation.py", "pages/learn.py"):
        at.switch_page(page).run()
        assert not at.exception, page
        assert content.text("errors.app_error") in texts(at), page
        assert at.button(key="clear_start").label == content.text("sidebar.clear")
        assert at.session_state["answers"] == bad
    at.switch_page("pages/start.py").run()
    assert content.text("start.heading") in texts(at)      # the page itself is drawn too


def test_a_failing_upload_callback_shows_the_friendly_message_and_keeps_answers(monkeypatch, content):
    def broken(*a, **k):
        raise RuntimeError("internal detail that must not be shown")
    monkeypatch.setattr(ui.state, "replace_answers", broken)
    at = open_app()
    at.session_state["answers"] = {"hr_status": "positive"}
    at.run()
    at.file_uploader(key="resume_file").upload("my-answers.json", to_file({"hr_status": "negative"}),
                                               "application/json").run()
    click(at, "resume")
    screen = texts(at)
    assert content.text("errors.app_error") in screen and content.text("start.heading") in screen
    assert "internal detail" not in screen
    assert at.session_state["answers"] == {"hr_status": "positive"}


def test_a_failing_answer_callback_shows_the_friendly_message_and_keeps_answers(monkeypatch, content):
    def broken(*a, **k):
        raise RuntimeError("internal detail that must not be shown")
    at = open_app()
    at.session_state["answers"] = {"own_questions": "kept"}
    at.run()
    monkeypatch.setattr(ui.state, "store", broken)   # before the step's widgets are drawn
    click(at, "begin")
    answer(at, content, "urgent_symptoms", ["none"])
    screen = texts(at)
    assert content.text("errors.app_error") in screen and "internal detail" not in screen
    assert at.session_state["answers"] == {"own_questions": "kept"}
