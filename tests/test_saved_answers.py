"""Save and resume: every bad file gets its own clear message and changes nothing."""
import json
from pathlib import Path

import pytest

from decision_aid.answers import AnswersError, clean, from_file, to_file
from walk import click, open_app, texts

BAD = Path(__file__).parent / "data" / "bad_answers"
EXPECTED = json.loads((BAD / "expected.json").read_text())
KEPT = {"hr_status": "positive", "her2_status": "low", "own_questions": "What about my job?"}


def test_corpus_is_broad():
    assert len(EXPECTED) >= 15
    assert len(set(EXPECTED.values())) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_names_its_problem(name, content):
    with pytest.raises(AnswersError) as e:
        from_file((BAD / name).read_bytes())
    assert e.value.code == EXPECTED[name]
    message = content.text(f"errors.{e.value.code}", **e.value.params)
    assert message and "{" not in message


def test_messages_differ_by_problem(content):
    messages = {}
    for name, code in EXPECTED.items():
        try:
            from_file((BAD / name).read_bytes())
        except AnswersError as e:
            messages.setdefault(code, content.text(f"errors.{code}", **e.params))
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
    with pytest.raises(AnswersError) as e:
        from_file(data)
    assert content.text(f"errors.{e.value.code}", **e.value.params) in shown
    assert content.text("errors.not_loaded") in shown
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
