"""Micro-benchmark: content loading, build_summary and the PDF, over the test vignettes.

Runs in a fresh process (`python -m bench.micro`) so the first PDF really is the first in
the process (fonts loaded then), as on a fresh server. Prints JSON.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(0, min(len(v) - 1, int(-(-p * len(v) // 100)) - 1))
    return v[k]


def ms(values: list[float], cpu: list[float]) -> dict:
    """Wall-clock percentiles, and the same for CPU time of this thread (less sensitive to
    other processes on the machine)."""
    r = lambda x: round(x * 1e3, 3)  # noqa: E731
    return {"n": len(values), "p50_ms": r(pct(values, 50)), "p95_ms": r(pct(values, 95)), "max_ms": r(max(values)),
            "cpu_p50_ms": r(pct(cpu, 50)), "cpu_p95_ms": r(pct(cpu, 95)), "cpu_max_ms": r(max(cpu))}


def timed(fn, *args, **kw):
    c0, t0 = time.thread_time(), time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t0, time.thread_time() - c0


def main(summary_repeats: int = 30, pdf_repeats: int = 3) -> dict:
    sys.path.insert(0, str(ROOT))
    from decision_aid.content import load_content
    from decision_aid.export_pdf import to_pdf
    from decision_aid.summary import build_summary
    t0 = time.perf_counter()
    content = load_content()
    t_load = time.perf_counter() - t0

    vignettes = [v for f in sorted(DATA.glob("vignettes*.yaml"))
                 for v in yaml.safe_load(f.read_text(encoding="utf-8"))]

    summary_times: list[float] = []
    summary_cpu: list[float] = []
    summaries = []
    for v in vignettes:
        for _ in range(summary_repeats):
            s, wall, cpu = timed(build_summary, v["answers"], content)
            summary_times.append(wall)
            summary_cpu.append(cpu)
        summaries.append(s)

    first, first_pdf, first_cpu = timed(to_pdf, summaries[0])
    pdf_times, pdf_cpu = [], []
    for s in summaries:
        for _ in range(pdf_repeats):
            _, wall, cpu = timed(to_pdf, s)
            pdf_times.append(wall)
            pdf_cpu.append(cpu)
    assert first.startswith(b"%PDF")
    return {
        "vignettes": len(vignettes),
        "load_content_ms": round(t_load * 1e3, 1),
        "build_summary": {**ms(summary_times, summary_cpu), "repeats_per_vignette": summary_repeats},
        "pdf": {**ms(pdf_times, pdf_cpu), "first_in_process_ms": round(first_pdf * 1e3, 1),
                "repeats_per_vignette": pdf_repeats},
    }


if __name__ == "__main__":
    print(json.dumps(main()))
