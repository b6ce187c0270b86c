"""PDFs are built in the server's own process (ui/pdf_build.py): the patient gets the PDF with
the nurse's notes; a build that fails or hangs gives a clear message in seconds and loses no
answers; the readiness check reports a hung build; and PDFs leave no memory behind."""
import asyncio
import gc
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


@pytest.fixture
def hung(monkeypatch):
    """to_pdf blocks until the test lets it go (a build that hangs)."""
    release = threading.Event()
    monkeypatch.setattr(pdf_build, "TIMEOUT_S", 1.0)
    monkeypatch.setattr(export_pdf, "to_pdf", lambda *a, **k: release.wait(30) and b"%PDF-late")
    yield release
    release.set()
    time.sleep(0.2)                                     # the build thread lets go of the builder


def test_a_hung_build_costs_the_patient_seconds_and_turns_readiness_off(summary, hung):
    from serve import ready

    started = time.monotonic()
    with pytest.raises(pdf_build.NotReady):
        pdf_build.build(summary, NOTES)
    assert time.monotonic() - started < 3
    assert not pdf_build.responsive() and gc.isenabled()
    assert asyncio.run(ready(None)).status_code == 503
    with pytest.raises(pdf_build.NotReady):             # the next patient waits seconds too
        pdf_build.build(summary, NOTES)
    hung.set()
    time.sleep(0.2)
    assert pdf_build.responsive() and asyncio.run(ready(None)).status_code == 200


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


def test_pdfs_leave_no_garbage_for_a_full_collection(summary):
    pdf_build.build(summary, NOTES)
    gc.collect()
    for _ in range(3):
        pdf_build.build(summary, NOTES)
    assert gc.collect() < 100          # each PDF's ~2,700 objects in cycles were freed at once


def test_fpdf_is_imported_at_the_first_pdf():
    """A replica where no one has asked for a PDF holds no fpdf2 (about 20 MB); the first PDF
    brings it."""
    probe = ("import sys; from decision_aid.content import load_content; from decision_aid.summary import build_summary;"
             "from ui import downloads, pdf_build; from bench.client import PATIENT;"
             "print('fpdf' in sys.modules);"
             "pdf_build.build(build_summary(PATIENT, load_content()), None);"
             "print('fpdf' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.stdout.split() == ["False", "True"], run.stderr[-2000:]
