"""Save and resume: every bad file gets its own clear message and changes nothing.

The corpus (tests/data/bad_answers, expected.json) holds broken files and crafted ones: lone
surrogates, numbers too long to read, repeated keys, and ids, values and versions written as
Markdown links and pictures, HTML and terminal escape sequences. A message never repeats the
file's own text."""
import io
import json
import re
from pathlib import Path

import pytest

from decision_aid.answer_errors import message
from decision_aid.answers import MAX_FILE_BYTES, AnswersError, clean, from_file, read_limited, to_file
from decision_aid.inert_text import BIDI
from walk import click, open_app, texts

BAD = Path(__file__).parent / "data" / "bad_answers"
EXPECTED = json.loads((BAD / "expected.json").read_text())
KEPT = {"hr_status": "positive", "her2_status": "low", "own_questions": "What about my job?"}
# what a crafted file's words would bring into a message: its address, links, pictures, HTML,
# terminal escapes, reordering marks, or the 4,000 digits of a version
ECHO = re.compile(f"evil|https?:|\\]\\(|!\\[|<|[\\x00-\\x1f\\x7f-\\x9f{BIDI}]|\\d{{5}}")


def _message(data: bytes, content) -> str:
    with pytest.raises(AnswersError) as e:
        from_file(data)
    return message(e.value, content)


def test_corpus_is_broad():
    assert len(EXPECTED) >= 15
    assert len(set(EXPECTED.values())) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_names_its_problem(name, content):
    with pytest.raises(AnswersError) as e:
        from_file((BAD / name).read_bytes())
    assert e.value.code == EXPECTED[name]
    text = message(e.value, content)
    assert text and "{" not in text
    assert not ECHO.search(text), text       # nothing of the file's own text


def test_a_message_names_the_question_by_its_label_not_the_files_text(content):
    text = _message((BAD / "markdown_link_value.json").read_bytes(), content)
    label = next(q.label for s in content.questions.steps for q in s.questions if q.id == "hr_status")
    assert label in text and "Click here" not in text


def test_only_the_size_limit_and_one_byte_are_ever_read():
    huge = io.BytesIO(b"{" * (20 * MAX_FILE_BYTES))
    data = read_limited(huge)
    assert len(data) == MAX_FILE_BYTES + 1 and huge.tell() == MAX_FILE_BYTES + 1
    with pytest.raises(AnswersError) as e:
        from_file(data)
    assert e.value.code == "too_large"


def test_messages_differ_by_problem(content):
    messages = {}
    for name, code in EXPECTED.items():
        try:
            from_file((BAD / name).read_bytes())
        except AnswersError as e:
            messages.setdefault(code, message(e, content))
    assert len(set(messages.values())) == len(messages)


def _upload(at, name: str, data: bytes):
    at.file_uploader(key="resume_file").upload(name, data, "application/json").run()
    click(at, "resume")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_upload_shows_message_and_keeps_answers(name, content):
    at = open_app()
    at.session_state["answers"] = dict(KEPT)
    at.run()
    data = (BAD / name).read_bytes()
    _upload(at, name, data)
    shown = " ".join(e.value for e in at.error)
    assert _message(data, content) in shown
    assert content.text("errors.not_loaded") in shown
    assert content.text("errors.app_error") not in shown
    screen = texts(at)
    assert not any(x in screen for x in ("evil", "\x1b", "\u202e", "88888")), "the file's text is shown"
    assert at.session_state["answers"] == KEPT


def test_resume_round_trip_gives_identical_answers(content):
    answers = clean({"recurrence_type": "both", "metastatic_sites": ["bone", "brain"], "hr_status": "negative",
                     "her2_status": "positive", "sex": "female", "priority_balance": "2",
                     "own_questions": "Ça va? ¿Cuánto cuesta? 大丈夫ですか"})
    at = open_app()
    at.session_state["answers"] = {"hr_status": "positive"}   # replaced by the file
    at.session_state["q_hr_status"] = "positive"
    at.run()
    _upload(at, "my-answers.json", to_file(answers))
    assert content.text("start.resume_done") in texts(at)
    assert at.session_state["answers"] == answers
    at.session_state["step"] = [s.id for s in content.questions.steps].index("biology")
    at.switch_page("pages/questions.py").run()
    assert at.radio(key="q_hr_status").value == "negative"   # widgets show the loaded answers


def test_resume_on_a_bom_file_works():
    data = b"\xef\xbb\xbf" + to_file({"hr_status": "positive"})
    assert from_file(data) == {"hr_status": "positive"}
