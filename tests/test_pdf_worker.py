"""PDFs are built in a worker process (ui/pdf_worker.py): the patient gets the same PDF as one
built in the server, with the nurse's notes, and still gets one when the worker dies."""
import datetime as dt
import os
import signal

import pytest

from decision_aid.export_pdf import to_pdf
from decision_aid.summary import build_summary
from test_pdf import ANSWERS, NOTES, read
from ui import pdf_worker


@pytest.fixture(scope="module")
def summary(content):
    return build_summary(ANSWERS, content)


def _worker_pids() -> list[int]:
    pool = pdf_worker._pool
    return [p.pid for p in (pool._processes or {}).values()] if pool else []


def test_the_worker_builds_the_same_pdf_with_the_notes(summary):
    made = pdf_worker.build(summary, NOTES)
    assert _worker_pids() and os.getpid() not in _worker_pids()   # built in another process
    _, text = read(made)
    assert "Call on Tuesday." in text and summary.disclaimer.split()[0] in text
    # the same document as one built here (the creation time stamp aside)
    assert read(made)[1] == read(to_pdf(summary, notes=NOTES, made_on=dt.date.today()))[1]


def test_the_worker_yields_the_cpu_to_the_server(summary):
    pdf_worker.build(summary, None)
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    assert {os.getpriority(os.PRIO_PROCESS, pid) for pid in _worker_pids()} == {min(mine + pdf_worker.NICE, 19)}


def test_a_pdf_still_comes_when_the_worker_has_died(summary):
    pdf_worker.build(summary, None)
    for pid in _worker_pids():
        os.kill(pid, signal.SIGKILL)                    # e.g. killed for lack of memory
    _, text = read(pdf_worker.build(summary, NOTES))    # built here this time
    assert "Call on Tuesday." in text
    _, text = read(pdf_worker.build(summary, NOTES))    # and a new worker after that
    assert "Call on Tuesday." in text and _worker_pids()


def test_one_patients_pdf_holds_nothing_of_the_patient_before(content, summary):
    first = pdf_worker.build(summary, "Notes about the first patient: call Tuesday")
    other = build_summary({"recurrence_type": "local_regional", "own_questions": "Second?"}, content)
    _, text = read(pdf_worker.build(other, None))
    assert "first patient" in read(first)[1]
    assert "first patient" not in text and "Call on Tuesday" not in text
    assert "Second?" in text
