"""PDFs are built in a worker process (ui/pdf_worker.py): the patient gets the same PDF as one
built in the server, with the nurse's notes, and still gets one when the worker dies."""
import datetime as dt
import os
import signal
import sys
import time
import types
from pathlib import Path

import pytest

from decision_aid.export_pdf import to_pdf
from decision_aid.summary import build_summary
from test_pdf import ANSWERS, NOTES, read
from ui import pdf_worker
from worker_probe import loaded

APP = Path(__file__).resolve().parent.parent / "app.py"


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


def _stopped(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "T"
    except FileNotFoundError:
        return False


def test_a_stopped_worker_costs_the_patient_seconds_not_minutes(summary):
    """A worker that is stopped (not dead) never answers: the patient gets the PDF built in the
    server after TIMEOUT_S, the stopped worker is ended, and the next PDF has a new worker."""
    pdf_worker.build(summary, None)
    (pid,) = _worker_pids()
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        _, text = read(pdf_worker.build(summary, NOTES))
        waited = time.monotonic() - started
        assert "Call on Tuesday." in text
        # seen as stopped at once: seconds, not the minutes a patient used to wait (the PDF is
        # then built in the server, which on a busy two-core machine can itself take a while)
        assert waited < 30 and pdf_worker.TIMEOUT_S <= 10
        assert not _stopped(pid), "the stopped worker was left behind"
    finally:
        try:
            os.kill(pid, signal.SIGCONT)
        except ProcessLookupError:
            pass
    started = time.monotonic()
    _, text = read(pdf_worker.build(summary, NOTES))
    assert "Call on Tuesday." in text and time.monotonic() - started < pdf_worker.TIMEOUT_S
    assert _worker_pids() and pid not in _worker_pids()


def test_readiness_reports_a_worker_that_does_not_answer(summary):
    pdf_worker.build(summary, None)
    assert pdf_worker.responsive()
    (pid,) = _worker_pids()
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert not pdf_worker.responsive()
        assert time.monotonic() - started < pdf_worker.PING_TIMEOUT_S + 2
        assert not _stopped(pid) and not _worker_pids()     # ended; the next PDF starts a new one
    finally:
        try:
            os.kill(pid, signal.SIGCONT)
        except ProcessLookupError:
            pass
    _, text = read(pdf_worker.build(summary, NOTES))
    assert "Call on Tuesday." in text and _worker_pids() and pdf_worker.responsive()


def test_the_worker_holds_only_what_a_pdf_needs(summary, monkeypatch):
    """Every replica pays for its worker's memory. The worker starts while Streamlit runs a page,
    and Streamlit then puts the page script in sys.modules["__main__"], which a "spawn" child
    re-runs first: the worker must not, and must load no streamlit, pandas or pyarrow."""
    if pdf_worker._pool is not None:
        pdf_worker._drop(pdf_worker._pool, kill=True)
    page = types.ModuleType("__main__")
    page.__file__ = str(APP)                                # as Streamlit's script runner sets it
    monkeypatch.setitem(sys.modules, "__main__", page)
    _, text = read(pdf_worker.build(summary, NOTES))
    assert "Call on Tuesday." in text and _worker_pids()   # built in a new worker
    assert sys.modules["__main__"] is page                  # the server's page script is left as it was
    modules = pdf_worker._pool.submit(loaded).result(timeout=30)
    heavy = {m.split(".")[0] for m in modules} & {"streamlit", "pandas", "pyarrow", "numpy", "ui", "app"}
    assert not heavy, f"the PDF worker imported {sorted(heavy)}"
    assert "decision_aid.export_pdf" in modules


def test_the_worker_ends_when_the_server_ends():
    """A server that stops (a restart, SIGTERM) leaves no worker behind: each would hold
    about 80 MB for ever."""
    import subprocess
    import textwrap

    parent = textwrap.dedent("""
        import os, sys
        from concurrent.futures import ProcessPoolExecutor
        from decision_aid import pdf_job
        from worker_probe import loaded
        pool = ProcessPoolExecutor(1, mp_context=pdf_job.Context(), initializer=pdf_job.warm)
        pool.submit(loaded).result(60)
        print(*[p.pid for p in pool._processes.values()], flush=True)
        os._exit(0)   # as a killed server: no shutdown of the pool
    """)
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "-c", parent], cwd=root, capture_output=True, text=True,
                         timeout=120, env={**os.environ, "PYTHONPATH": f"{root}:{root / 'tests'}"})
    (pid,) = [int(p) for p in run.stdout.split()]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)
    pytest.fail("the worker outlived its server")
