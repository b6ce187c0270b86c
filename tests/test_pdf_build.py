"""PDFs are made in a process forked for each (ui/pdf_build.py): the patient gets the PDF with
the nurse's notes; a build that fails or hangs gives a clear message in seconds, loses no
answers and leaves no process behind; and the server never holds fpdf2."""
import multiprocessing
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from decision_aid import export_pdf
from decision_aid.summary import build_summary
from test_pdf import ANSWERS, NOTES, read
from ui import pdf_build
from walk import click, open_app, texts

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def summary(content):
    return build_summary(ANSWERS, content)


def test_the_pdf_holds_the_notes_and_nothing_of_the_patient_before(content, summary):
    first = pdf_build.build(summary, "Notes about the first patient: call Tuesday")
    other = build_summary({"recurrence_type": "local_regional", "own_questions": "Second?"}, content)
    _, text = read(pdf_build.build(other, None))
    assert "first patient" in read(first)[1]
    assert "first patient" not in text and "Second?" in text
    assert "Call on Tuesday." in read(pdf_build.build(summary, NOTES))[1]


def test_a_hung_build_costs_the_patient_seconds_and_leaves_nothing_running(summary, monkeypatch):
    monkeypatch.setattr(pdf_build, "TIMEOUT_S", 1.0)
    with monkeypatch.context() as m:            # the forked process's to_pdf never returns
        m.setattr(export_pdf, "to_pdf", lambda *a, **k: threading.Event().wait(60))
        started = time.monotonic()
        with pytest.raises(pdf_build.NotReady):
            pdf_build.build(summary, NOTES)
        assert time.monotonic() - started < 3
        assert not multiprocessing.active_children()      # the hung process was killed
    assert "Call on Tuesday." in read(pdf_build.build(summary, NOTES))[1]   # the next PDF comes


def test_a_process_that_cannot_start_gives_the_clear_message(summary, monkeypatch):
    def no_fork(self):
        raise OSError(12, "Cannot allocate memory")
    monkeypatch.setattr(pdf_build._fork.Process, "start", no_fork)
    with pytest.raises(pdf_build.NotReady):
        pdf_build.build(summary, NOTES)


def test_a_process_that_dies_gives_the_clear_message(summary, monkeypatch):
    import os
    monkeypatch.setattr(export_pdf, "to_pdf", lambda *a, **k: os._exit(9))   # e.g. killed for memory
    started = time.monotonic()
    with pytest.raises(pdf_build.NotReady):
        pdf_build.build(summary, NOTES)
    assert time.monotonic() - started < 3


def test_a_failed_pdf_shows_a_clear_message_and_keeps_the_answers(content, monkeypatch):
    def broken(*args, **kwargs):
        raise MemoryError
    monkeypatch.setattr(export_pdf, "to_pdf", broken)
    at = open_app()
    at.session_state["answers"] = dict(ANSWERS)
    at.switch_page("pages/summary.py").run()
    click(at, "download_pdf_prepare")
    assert content.text("errors.pdf_not_ready") in texts(at)
    assert at.session_state["answers"] == ANSWERS
    assert at.button(key="download_pdf_prepare")        # she can try again


def test_the_server_never_holds_fpdf2():
    """fpdf2, fontTools and the fonts (about 20 MB) live only in the process made for each PDF:
    the server holds none of them, before or after PDFs."""
    probe = ("import sys; from decision_aid.content import load_content; from decision_aid.summary import build_summary;"
             "from ui import downloads, pdf_build; from bench.client import PATIENT;"
             "print('fpdf' in sys.modules);"
             "pdf = pdf_build.build(build_summary(PATIENT, load_content()), None);"
             "print(pdf[:5].decode(), 'fpdf' in sys.modules, 'fontTools' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.stdout.split() == ["False", "%PDF-", "False", "False"], run.stderr[-2000:]
