"""What the PDF worker process runs (ui/pdf_worker.py starts it): only what a PDF needs.

The worker is a fresh interpreter. It imports this module, the PDF exporter and what that
needs (fpdf, fontTools, pydantic, the content's YAML), never streamlit, pandas or pyarrow: the
server starts it without its main script (Worker), and nothing here imports the UI.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
import types

NICE = 10                                       # CPU priority below the server's (0)

# What a "spawn" child re-runs before its task is decided by sys.modules["__main__"] when it is
# started: its module name (`python -m x`) or its file. Streamlit puts the page script there
# (app.py) while it runs it; this stand-in has neither, so the worker runs no main at all.
_NO_MAIN = types.ModuleType("__main__")


class Worker(multiprocessing.context.SpawnProcess):
    """A "spawn" process that does not re-run the server's main script. (Defined here, not in
    ui/: the worker imports this class to unpickle itself.)"""

    @staticmethod
    def _Popen(process_obj):
        main = sys.modules["__main__"]
        sys.modules["__main__"] = _NO_MAIN
        try:
            return multiprocessing.context.SpawnProcess._Popen(process_obj)
        finally:
            if sys.modules.get("__main__") is _NO_MAIN:     # unless a script run replaced it meanwhile
                sys.modules["__main__"] = main


class Context(multiprocessing.context.SpawnContext):
    Process = Worker


def warm() -> None:
    """In the worker, before the first patient asks: a lower CPU priority than the server's
    (when both want the same core, a click is answered first and a PDF waits a little), and
    the fonts parsed and prepared once.

    numpy is kept out: fpdf imports it only to speed up embedded raster images, which these PDFs
    never have, and it would cost the worker about 15 MB."""
    os.nice(NICE)
    _exit_with_parent()
    sys.modules.setdefault("numpy", None)       # `import numpy` raises ImportError; fpdf copes
    from . import export_pdf
    export_pdf.warm_up()


def _exit_with_parent(every_s: float = 1.0) -> None:
    """When the server ends (a restart, SIGTERM), its worker ends too instead of living on as
    an orphan. (Not prctl's parent-death signal: that fires when the *thread* that started the
    worker ends, and a Streamlit script thread ends after every run.)"""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every_s)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
