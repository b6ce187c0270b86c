"""PDFs are built in a worker process, not in the server's own.

Building a PDF is about a tenth of a second of pure Python (fpdf2's line breaking). Inside the
Streamlit server it would hold the server's one interpreter lock that long, so every other
patient's click would wait behind it (measured: see bench/README.md). A worker process builds it
on the machine's other core while the server goes on answering clicks.

The summary and the notes travel to the worker over a pipe and the PDF's bytes come back the same
way: nothing touches a disk, and the worker logs nothing. If the worker cannot be started or
dies, the PDF is built in the server's process instead (slower for everyone, never lost).

A worker can also hang without dying: stopped (SIGSTOP), or blocked. While waiting for a PDF,
the server looks at the worker every half second: a stopped worker, or one that has used no CPU
at all for TIMEOUT_S, is killed (a new one starts on the next PDF) and the PDF is built here, so
the patient waits seconds, never minutes. A worker that is slow but working (a busy machine)
is waited for, up to MAX_WAIT_S. `responsive()` tells the readiness check whether it answers.
A worker ends with its server (decision_aid/pdf_job.py): a restart leaves no orphan behind.

The worker imports only what a PDF needs (decision_aid/pdf_job.py): not streamlit, pandas or
pyarrow. A "spawn" child normally re-runs the parent's main script first, and in the server that
is the page script Streamlit is running (app.py, with every import of the app); the worker is
started without it (decision_aid/pdf_job.py: Worker), which halves its memory (see bench/README.md).
"""
from __future__ import annotations

import logging
import os
import signal
import threading
import time
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Optional

from decision_aid import export_pdf, pdf_job
from decision_aid.summary import Summary

log = logging.getLogger("decision_aid")
# One worker per replica: the pages' process uses about one core, the worker another. (Not one
# per core: in a container os.cpu_count() is the host's, and each worker is ~80 MB.) Scale out
# with replicas; PDF_WORKERS raises it on a big single server.
_asked = os.environ.get("PDF_WORKERS", "1").strip()
WORKERS = int(_asked) if _asked.isdigit() and int(_asked) > 0 else 1     # anything else: 1
NICE = pdf_job.NICE                             # CPU priority below the server's (0)
# A PDF takes about a tenth of a second of CPU. A worker that is stopped, or has used no CPU for
# TIMEOUT_S while a PDF waits, is hung: the patient gets the PDF built here instead.
TIMEOUT_S = float(os.environ.get("PDF_TIMEOUT_SECONDS", "6"))
MAX_WAIT_S = 30                                 # even a working worker: then build it here
POLL_S = 0.5
PING_TIMEOUT_S = 2                              # responsive(): a trivial task, answered in ms

_pool: Optional[ProcessPoolExecutor] = None
_lock = threading.Lock()


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # "spawn": a fresh interpreter, not a fork of the threaded server (forking a process
            # that runs threads can copy a held lock and hang the child).
            pool = ProcessPoolExecutor(max_workers=WORKERS, initializer=pdf_job.warm,
                                       mp_context=pdf_job.Context())
            pool.submit(int)    # a pool starts its worker on the first task: start it now
            _pool = pool
        return _pool


def _drop(pool: ProcessPoolExecutor, kill: bool = False) -> None:
    """Forget a broken pool: the next PDF starts a new worker. kill=True: its worker did not
    answer, so end it (SIGKILL also ends a stopped process), and with it any PDF it still holds
    (those patients get theirs built in the server)."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    if kill:
        for process in _processes(pool):
            try:
                os.kill(process.pid, signal.SIGKILL)
            except (OSError, AttributeError, TypeError):
                pass                                    # already gone
    pool.shutdown(wait=False, cancel_futures=True)


class Hung(Exception):
    """The worker is stopped, or makes no progress."""


def _processes(pool: ProcessPoolExecutor) -> list:
    return list((getattr(pool, "_processes", None) or {}).values())


def _state(pid: int) -> tuple[str, int] | None:
    """(state letter, CPU ticks used) of a process, from /proc; None where there is no /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return fields[0].decode(), int(fields[11]) + int(fields[12])   # state, utime + stime
    except (OSError, IndexError, ValueError):
        return None


def _progress(pool: ProcessPoolExecutor) -> tuple[bool, object]:
    """(stopped, a value that changes while the worker uses CPU) for the pool's workers."""
    states = [_state(p.pid) for p in _processes(pool)]
    stopped = any(s and s[0] in "Tt" for s in states)
    return stopped, tuple(s[1] if s else None for s in states)


def _wait(pool: ProcessPoolExecutor, future: Future, quiet_s: float, max_s: float):
    """The future's result; Hung if the worker is stopped, used no CPU for quiet_s, or took max_s."""
    started = last_change = time.monotonic()
    _, last = _progress(pool)
    while True:
        try:
            return future.result(timeout=POLL_S)
        except TimeoutError:
            pass
        now = time.monotonic()
        stopped, seen = _progress(pool)
        if None not in seen and seen != last:      # it used CPU since the last look: working
            last, last_change = seen, now
        # (where /proc cannot tell, only the time since the start counts)
        if stopped or now - last_change > quiet_s or now - started > max_s:
            future.cancel()
            raise Hung("stopped" if stopped else "no progress")


def start() -> None:
    """Start the worker when a summary is first shown, so that the first patient to ask for a
    PDF does not wait for a new interpreter to start."""
    try:
        _get_pool()
    except OSError as e:
        log.warning("PDF worker not started (%s): PDFs will be built in the server", type(e).__name__)


def build(summary: Summary, notes: Optional[str], full: bool = False) -> bytes:
    """The summary's PDF (the short one, or `full`), built in the worker (or here if the worker
    is not available)."""
    pool = None
    hung = False
    try:
        pool = _get_pool()
        return _wait(pool, pool.submit(export_pdf.to_pdf, summary, notes, None, full), TIMEOUT_S, MAX_WAIT_S)
    except (BrokenProcessPool, CancelledError) as e:    # the worker died (e.g. out of memory)
        problem = e
    except Hung as e:                                   # stopped, or stuck
        problem, hung = e, True
    except (OSError, RuntimeError) as e:                # it cannot start, or is shutting down
        problem = e
    log.warning("PDF worker unavailable (%s): PDF built in the server", type(problem).__name__)
    if pool is not None:
        _drop(pool, kill=hung)
    return export_pdf.to_pdf(summary, notes=notes, full=full)


def responsive() -> bool:
    """False if the worker exists but does not answer a trivial task within PING_TIMEOUT_S. A
    stopped worker is then killed (the next PDF starts a new one); a busy one is left to work.
    True when no worker was started yet."""
    with _lock:
        pool = _pool
    if pool is None:
        return True
    try:
        _wait(pool, pool.submit(int), PING_TIMEOUT_S, PING_TIMEOUT_S)
        return True
    except Hung as e:
        stopped = str(e) == "stopped"
        log.warning("PDF worker does not answer (%s)%s", e, ": replaced" if stopped else "")
        if stopped:
            _drop(pool, kill=True)
        return False
    except (BrokenProcessPool, CancelledError, OSError, RuntimeError) as e:
        log.warning("PDF worker unavailable (%s): replaced", type(e).__name__)
        _drop(pool, kill=True)
        return False
