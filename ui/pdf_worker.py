"""PDFs are built in a worker process, not in the server's own.

Building a PDF is about a tenth of a second of pure Python (fpdf2's line breaking). Inside the
Streamlit server it would hold the server's one interpreter lock that long, so every other
patient's click would wait behind it (measured: see bench/README.md). A worker process builds it
on the machine's other core while the server goes on answering clicks.

The summary and the notes travel to the worker over a pipe and the PDF's bytes come back the same
way: nothing touches a disk, and the worker logs nothing. If the worker cannot be started, dies,
or does not answer within TIMEOUT_S (stopped, or stuck), the PDF is built in the server's process
instead (slower for everyone, never lost), and a worker that did not answer is killed and replaced
by a new one on the next PDF. `responsive()` tells a health check whether the worker answers.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Optional

from decision_aid import export_pdf
from decision_aid.summary import Summary

log = logging.getLogger("decision_aid")
# One worker per replica: the pages' process uses about one core, the worker another. (Not one
# per core: in a container os.cpu_count() is the host's, and each worker is ~200 MB.) Scale out
# with replicas; PDF_WORKERS raises it on a big single server.
_asked = os.environ.get("PDF_WORKERS", "1").strip()
WORKERS = int(_asked) if _asked.isdigit() and int(_asked) > 0 else 1     # anything else: 1
NICE = 10                                       # CPU priority below the server's (0)
# A PDF takes about a tenth of a second; a worker that has not answered in this long is stopped or
# stuck, and the patient gets the PDF built here instead: seconds, never minutes.
TIMEOUT_S = float(os.environ.get("PDF_TIMEOUT_SECONDS", "6"))
PING_TIMEOUT_S = 2                              # responsive(): a trivial task, answered in ms

_pool: Optional[ProcessPoolExecutor] = None
_lock = threading.Lock()


def _warm() -> None:
    """In the worker, before the first patient asks: a lower CPU priority than the server's
    (when both want the same core, a click is answered first and a PDF waits a little), and
    the fonts parsed and prepared once."""
    os.nice(NICE)
    export_pdf.warm_up()


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # "spawn": a fresh interpreter, not a fork of the threaded server (forking a process
            # that runs threads can copy a held lock and hang the child).
            pool = ProcessPoolExecutor(max_workers=WORKERS, initializer=_warm,
                                       mp_context=multiprocessing.get_context("spawn"))
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
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                os.kill(process.pid, signal.SIGKILL)
            except (OSError, AttributeError, TypeError):
                pass                                    # already gone
    pool.shutdown(wait=False, cancel_futures=True)


def start() -> None:
    """Start the worker when a summary is first shown, so that the first patient to ask for a
    PDF does not wait for a new interpreter to start."""
    try:
        _get_pool()
    except OSError as e:
        log.warning("PDF worker not started (%s): PDFs will be built in the server", type(e).__name__)


def build(summary: Summary, notes: Optional[str]) -> bytes:
    """The summary's PDF, built in the worker (or here if the worker is not available)."""
    pool = None
    hung = False
    try:
        pool = _get_pool()
        return pool.submit(export_pdf.to_pdf, summary, notes).result(timeout=TIMEOUT_S)
    except (BrokenProcessPool, CancelledError) as e:    # the worker died (e.g. out of memory)
        problem = e
    except (OSError, RuntimeError) as e:                # it cannot start, is shutting down,
        problem, hung = e, isinstance(e, TimeoutError)  # or did not answer in time
    log.warning("PDF worker unavailable (%s): PDF built in the server", type(problem).__name__)
    if pool is not None:
        _drop(pool, kill=hung)
    return export_pdf.to_pdf(summary, notes=notes)


def responsive() -> bool:
    """False if the worker exists but does not answer a trivial task within PING_TIMEOUT_S; it is
    then killed, and the next PDF starts a new one. True when no worker was started yet."""
    with _lock:
        pool = _pool
    if pool is None:
        return True
    try:
        pool.submit(int).result(timeout=PING_TIMEOUT_S)
        return True
    except (BrokenProcessPool, CancelledError, OSError, RuntimeError) as e:
        log.warning("PDF worker does not answer (%s): replaced", type(e).__name__)
        _drop(pool, kill=True)
        return False
