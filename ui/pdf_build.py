"""PDFs are built in the server's own process, one at a time, when a patient asks for one.

There used to be a worker process for it. It cost each replica a second interpreter holding
fpdf2 (about 80 MB, plus 12 MB for multiprocessing's resource tracker): the server and its
worker held three times the bare Streamlit app's memory. A short PDF takes about a tenth of a
second, so it is now built here (measured: bench/README.md):

- fpdf2 and fontTools (about 20 MB) are imported when the first PDF is asked for, not at start-up.
- One build at a time: other patients' clicks share the interpreter with one build, not many.
- The build runs in a thread of its own and the patient's run waits at most TIMEOUT_S: a build
  that fails or hangs gives a clear message (NotReady) and loses nothing; `responsive()` tells
  the readiness check (serve.py) when a build has hung.
- fpdf2's document is a web of reference cycles (about 1 MB a PDF) that only a full collection
  would free, and the server rarely runs one (a full collection costs tens of milliseconds with
  every session's objects to walk). The cyclic collector waits during a build, so the document
  is still in the youngest generation when the build ends; collecting that generation frees it
  in about 2 ms.
Nothing of the patient's is written or logged; only the failure's type is.
"""
from __future__ import annotations

import gc
import logging
import os
import threading
import time
from typing import Optional

from decision_aid.summary import Summary

log = logging.getLogger("decision_aid")
TIMEOUT_S = float(os.environ.get("PDF_TIMEOUT_SECONDS", "20"))
_one_at_a_time = threading.Lock()
_started: Optional[float] = None          # when the build under way started (time.monotonic)


class NotReady(Exception):
    """The PDF could not be made: the build failed, or did not end within TIMEOUT_S."""


def _build(summary: Summary, notes: Optional[str], full: bool, deadline: float, out: dict) -> None:
    global _started
    if not _one_at_a_time.acquire(timeout=max(0.0, deadline - time.monotonic())):
        return                                # the patient has stopped waiting
    collecting = gc.isenabled()
    try:
        _started = time.monotonic()
        from decision_aid.export_pdf import to_pdf   # fpdf2: imported at the first PDF
        gc.disable()
        out["pdf"] = to_pdf(summary, notes=notes, full=full)
    except Exception as e:                    # noqa: BLE001 - given to the waiting run
        out["error"] = e
    finally:
        if collecting:
            gc.enable()
        gc.collect(0)
        _started = None
        _one_at_a_time.release()


def build(summary: Summary, notes: Optional[str], full: bool = False) -> bytes:
    """The summary's PDF (the short one, or `full`); NotReady if it fails or takes over TIMEOUT_S."""
    out: dict = {}
    deadline = time.monotonic() + TIMEOUT_S
    worker = threading.Thread(target=_build, args=(summary, notes, full, deadline, out), name="pdf", daemon=True)
    worker.start()
    worker.join(TIMEOUT_S)
    if "pdf" in out:
        return out["pdf"]
    problem = out.get("error")
    log.warning("PDF not made: %s", type(problem).__name__ if problem else f"not done in {TIMEOUT_S:.0f} s")
    if problem is None and not gc.isenabled():
        gc.enable()                           # a hung build must not keep the collector waiting
    raise NotReady() from problem


def responsive() -> bool:
    """False while a build has been under way for longer than TIMEOUT_S (hung)."""
    started = _started
    return started is None or time.monotonic() - started < TIMEOUT_S
