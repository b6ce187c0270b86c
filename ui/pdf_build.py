"""PDFs are made in a process forked for each one, which ends once it has sent the PDF back.

Why (measured: bench/README.md): fpdf2 and fontTools take about 20 MB once imported, and a PDF
needs its fonts and working memory on top. Made in the server, PDFs held every replica at 1.6 to
1.9 times the bare Streamlit app's memory (the target is 1.5); a resident worker process cost 3.0
times. A process forked for each PDF imports fpdf2, reads the fonts, makes the PDF on the other
core (about 0.2 s in all) and ends: the server never holds them, and other patients' clicks do
not wait behind a PDF.

- One PDF at a time per server: at most one such process (about 50 MB of its own) at a time.
- The child has a copy of the summary (fork) and sends the PDF back through a pipe; nothing of
  the patient's is written to disk or logged (only a failure's kind is logged).
- A PDF that fails, or is not back within TIMEOUT_S, gives a clear message (NotReady) and loses
  nothing; a child still running then is killed, so a hung build cannot hold the server.
- fork() in a server with threads: the child runs only fpdf2's and our own pure Python code,
  which takes no lock another thread could hold (CPython renews its own locks in the child), and
  leaves with os._exit (multiprocessing's fork start method). Python 3.12 and later warn about
  fork() with threads running (a DeprecationWarning); the image runs 3.11.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
import time
from multiprocessing.connection import Connection
from typing import Optional

from decision_aid.summary import Summary

log = logging.getLogger("decision_aid")
TIMEOUT_S = float(os.environ.get("PDF_TIMEOUT_SECONDS", "20"))
_fork = multiprocessing.get_context("fork")
_one_at_a_time = threading.Lock()


class NotReady(Exception):
    """The PDF could not be made: the build failed, or did not end within TIMEOUT_S."""


def _make(send: Connection, summary: Summary, notes: Optional[str], full: bool) -> None:
    """In the forked process: make the PDF and send it back, or the kind of failure."""
    gc.disable()                                   # the process ends in a moment
    try:
        from decision_aid.export_pdf import to_pdf
        send.send(("pdf", to_pdf(summary, notes=notes, full=full)))
    except Exception as e:                         # noqa: BLE001 - reported by the server
        send.send(("failed", type(e).__name__))


def _in_child(summary: Summary, notes: Optional[str], full: bool, deadline: float) -> tuple[str, object]:
    recv, send = _fork.Pipe(duplex=False)
    child = _fork.Process(target=_make, args=(send, summary, notes, full), name="pdf", daemon=True)
    try:
        child.start()
    except OSError as e:                           # e.g. no memory left for a process
        recv.close()
        return "failed", f"the PDF process could not start ({type(e).__name__})"
    finally:
        send.close()
    try:
        if recv.poll(max(0.0, deadline - time.monotonic())):
            return recv.recv()
        return "failed", f"not done in {TIMEOUT_S:.0f} s"
    except EOFError:                               # the process ended without a word
        return "failed", "the PDF process ended"
    finally:
        recv.close()
        if child.is_alive():
            child.kill()
        child.join()


def build(summary: Summary, notes: Optional[str], full: bool = False) -> bytes:
    """The summary's PDF (the short one, or `full`); NotReady if it fails or takes over TIMEOUT_S."""
    deadline = time.monotonic() + TIMEOUT_S
    if _one_at_a_time.acquire(timeout=TIMEOUT_S):
        try:
            kind, value = _in_child(summary, notes, full, deadline)
        finally:
            _one_at_a_time.release()
    else:
        kind, value = "failed", f"another PDF took over {TIMEOUT_S:.0f} s"
    if kind == "pdf":
        return value
    log.warning("PDF not made: %s", value)
    raise NotReady()
