"""Micro-benchmark: load_content, then build_summary and the PDF over the test vignettes.

Runs in a fresh process (`python -m bench.micro`), so the first PDF really is the first in the
process (fonts loaded then), as on a fresh server. Prints JSON.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def block(xs: list[float], prefix: str = "", digits: int = 1) -> dict:
    """Nearest-rank p50 and p95, and the max, of seconds, in ms."""
    v = sorted(xs)
    at = lambda p: v[max(0, min(len(v) - 1, -(-p * len(v) // 100) - 1))]  # noqa: E731
    return {f"{prefix}{k}_ms": round(x * 1e3, digits) for k, x in (("p50", at(50)), ("p95", at(95)), ("max", v[-1]))}


def timed(fn, calls: list[tuple], repeats: int) -> tuple[list, dict]:
    """fn(*args) `repeats` times for each args: the last result of each, and the percentiles of
    wall-clock and of this thread's CPU time (less sensitive to other processes)."""
    results, wall, cpu = [], [], []
    for args in calls:
        for _ in range(repeats):
            c0, t0 = time.thread_time(), time.perf_counter()
            out = fn(*args)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
        results.append(out)
    return results, {"n": len(wall), **block(wall, digits=3), **block(cpu, "cpu_", 3)}


def main(summary_repeats: int = 30, pdf_repeats: int = 3) -> dict:
    import sys

    import numpy  # noqa: F401  (with Streamlit's imports, as in the server: the PDF process has them)
    import PIL.Image  # noqa: F401
    import streamlit  # noqa: F401
    import yaml

    from decision_aid.content import load_content
    from decision_aid.summary import build_summary
    from ui import pdf_build
    t0 = time.perf_counter()
    content = load_content()
    load_ms = round((time.perf_counter() - t0) * 1e3, 1)
    vignettes = [v for f in sorted((ROOT / "tests" / "data").glob("vignettes*.yaml"))
                 for v in yaml.safe_load(f.read_text(encoding="utf-8"))]
    summaries, summary = timed(build_summary, [(v["answers"], content) for v in vignettes], summary_repeats)
    # As the server makes a PDF: a process forked for it imports fpdf2, reads the fonts, makes the
    # PDF and sends it back. Measured before this process imports fpdf2 (the forks would inherit it).
    assert "fpdf" not in sys.modules
    _, process = timed(pdf_build.build, [(s, None) for s in summaries], 1)
    from decision_aid.export_pdf import to_pdf
    (first,), first_pdf = timed(to_pdf, [(summaries[0],)], 1)
    assert first.startswith(b"%PDF")
    _, pdf = timed(to_pdf, [(s,) for s in summaries], pdf_repeats)
    return {"vignettes": len(vignettes), "load_content_ms": load_ms,
            "build_summary": {**summary, "repeats_per_vignette": summary_repeats},
            "pdf": {**pdf, "first_in_process_ms": first_pdf["p50_ms"], "repeats_per_vignette": pdf_repeats},
            "pdf_process": process}


if __name__ == "__main__":
    print(json.dumps(main()))
