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
    return {"n": len(values), "p50_ms": r(pct(values, 50)), "p95_ms": r(pct(values, 95)),
            "max_ms": r(max(values)), "mean_ms": r(sum(values) / len(values)),
            "cpu_p50_ms": r(pct(cpu, 50)), "cpu_p95_ms": r(pct(cpu, 95)), "cpu_max_ms": r(max(cpu))}


def timed(fn, *args, **kw):
    c0, t0 = time.thread_time(), time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t0, time.thread_time() - c0


# fpdf2's methods whose inclusive time the profile reports (fpdf/fpdf.py): text laid out and
# broken into lines, fonts parsed, the file written (fonts subset and embedded)
PROFILED = {"write": "layout", "multi_cell": "layout", "add_font": "add_font", "output": "output"}


def profile_pdf(to_pdf, summary, repeats: int = 3) -> dict:
    """Where one PDF's time goes, after the first in the process: cProfile over `repeats` builds,
    the inclusive time of fpdf2's write()/multi_cell() (layout and line breaking), add_font()
    and output(), as shares of to_pdf's. Under the profiler everything is slower; the shares
    are what matters."""
    import cProfile
    import pstats
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(repeats):
        to_pdf(summary)
    prof.disable()
    st = pstats.Stats(prof)
    total = sum(v[3] for (f, _, name), v in st.stats.items() if name == "to_pdf" and f.endswith("export_pdf.py"))
    parts = {"layout": 0.0, "add_font": 0.0, "output": 0.0}
    for (f, _, name), v in st.stats.items():
        if name in PROFILED and f.replace("\\", "/").endswith("fpdf/fpdf.py"):
            parts[PROFILED[name]] += v[3]
    return {"pdfs": repeats, "to_pdf_s": round(total, 3),
            **{f"{k}_share": round(v / total, 3) if total else None for k, v in parts.items()}}


def main(summary_repeats: int = 30, pdf_repeats: int = 3) -> dict:
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    from decision_aid.content import load_content
    from decision_aid.export_pdf import to_pdf
    from decision_aid.summary import build_summary
    t_import = time.perf_counter() - t0

    t0 = time.perf_counter()
    content = load_content()
    t_load = time.perf_counter() - t0

    vignettes = [v for f in sorted(DATA.glob("vignettes*.yaml"))
                 for v in yaml.safe_load(f.read_text(encoding="utf-8"))]

    summary_times: list[float] = []
    summary_cpu: list[float] = []
    per_vignette: dict[str, float] = {}
    summaries = []
    for v in vignettes:
        times = []
        for _ in range(summary_repeats):
            s, wall, cpu = timed(build_summary, v["answers"], content)
            times.append(wall)
            summary_cpu.append(cpu)
        summaries.append(s)
        summary_times += times
        per_vignette[v["name"]] = round(max(times) * 1e3, 3)

    first, first_pdf, first_cpu = timed(to_pdf, summaries[0])
    pdf_times, pdf_cpu, sizes = [], [], []
    for s in summaries:
        for _ in range(pdf_repeats):
            b, wall, cpu = timed(to_pdf, s)
            pdf_times.append(wall)
            pdf_cpu.append(cpu)
        sizes.append(len(b))
    assert first.startswith(b"%PDF")
    import tracemalloc
    tracemalloc.start()
    to_pdf(summaries[0])
    _, peak = tracemalloc.get_traced_memory()       # Python allocations alive at once while building
    tracemalloc.stop()
    profile = profile_pdf(to_pdf, summaries[0])
    return {
        "vignettes": len(vignettes),
        "import_s": round(t_import, 3),
        "load_content_ms": round(t_load * 1e3, 1),
        "build_summary": {**ms(summary_times, summary_cpu), "repeats_per_vignette": summary_repeats,
                          "slowest_vignette": max(per_vignette, key=per_vignette.get),
                          "slowest_vignette_max_ms": max(per_vignette.values())},
        "pdf": {**ms(pdf_times, pdf_cpu), "first_in_process_ms": round(first_pdf * 1e3, 1),
                "first_in_process_cpu_ms": round(first_cpu * 1e3, 1),
                "peak_python_alloc_mb": round(peak / 2**20, 1), "profile": profile,
                "repeats_per_vignette": pdf_repeats, "kb_min": round(min(sizes) / 1024, 1),
                "kb_max": round(max(sizes) / 1024, 1)},
    }


if __name__ == "__main__":
    print(json.dumps(main()))
