"""The bench's verdicts and tables, from results.json. No prose: bench/README.md's words are
written by hand above the marker; `make bench` (or `python -m bench.run --report`) rewrites only
the tables below it."""
from __future__ import annotations

from typing import Any

MARKER = "<!-- Everything below is written by `make bench` from results.json: do not edit. -->"


def ratio(a: Any, b: Any) -> float | None:
    ok = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b))
    return round(a / b, 2) if ok and abs(b) > 1e-9 else None


def cell(x: Any) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, float):
        return f"{x:.2f}" if abs(x) < 10 else f"{x:.1f}"
    return str(x)


def table(head: list[str], rows: list[list[Any]]) -> str:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(out + ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]) + "\n"


# figure name -> where it is in one load phase of results.json
FIGURES = {
    "p50 ms, all reruns": "latency all_reruns p50_ms", "p95 ms, all reruns": "latency all_reruns p95_ms",
    "max ms, all reruns": "latency all_reruns max_ms", "p50 ms, answer": "latency answer p50_ms",
    "p50 ms, page switch": "latency page_switch p50_ms", "p50 ms, summary page": "latency summary_page p50_ms",
    "p50 ms, PDF (click to last byte)": "latency pdf_download p50_ms",
    "p95 ms, PDF (click to last byte)": "latency pdf_download p95_ms",
    "reruns / s": "reruns_per_s", "server CPU ms / rerun": "server_cpu_ms_per_rerun",
    "server RSS after, MB": "rss_after_mb", "processes below the server": "children",
    "failed journeys": "failed_journeys",
}
# results.json's "ratios" (the targets' figures): its key -> the figure above
RATIOS = {"p50_ms": "p50 ms, all reruns", "p95_ms": "p95 ms, all reruns", "max_ms": "max ms, all reruns",
          "cpu_ms_per_rerun": "server CPU ms / rerun", "rss_after_mb": "server RSS after, MB"}


def app_bare_ratio(phase: dict, path: str) -> list:
    """One figure of one N: the app's, the bare app's, their ratio."""
    a, b = phase["app"], phase["bare"]
    for k in path.split():
        a, b = a.get(k), b.get(k)
    return [a, b, ratio(a, b)]


def ratios(res: dict) -> dict:
    """app / bare for each N of the main table."""
    return {n: {k: app_bare_ratio(phase, FIGURES[figure])[2] for k, figure in RATIOS.items()}
            for n, phase in res["main"]["phases"].items()}


def targets(res: dict) -> list[dict]:
    """Each target of issue 17 / docs, the measured value and whether it is met."""
    rat = res["ratios"] = ratios(res)
    t = []
    for name, key, limit in (("app / bare <= 1.2 on p50", "p50_ms", 1.2), ("app / bare <= 1.2 on p95", "p95_ms", 1.2),
                             ("server RSS app / bare <= 1.5", "rss_after_mb", 1.5)):
        vals = {n: r[key] for n, r in rat.items()}
        t.append((f"{name} at every N", ", ".join(f"N={n}: {cell(v)}" for n, v in vals.items()),
                  all(v is not None and v <= limit for v in vals.values())))
    bs, pdf, cp = res["micro"]["build_summary"], res["micro"]["pdf"], res["content_probe"]
    t.append(("build_summary under 5 ms", f"p95 {bs['cpu_p95_ms']:.2f} ms CPU", bs["cpu_p95_ms"] < 5))
    made = res["micro"]["pdf_process"]
    t.append(("PDF under 300 ms", f"p95 {made['p95_ms']:.0f} ms from asking to the bytes (its own process: "
              f"fpdf2 imported, fonts read, PDF made); making it alone p95 {pdf['cpu_p95_ms']:.0f} ms CPU",
              made["p95_ms"] < 300))
    t.append(("content parsed once per process", f"{cp['startup_content_opens']} opens of {cp['startup_content_files']} files",
              cp["startup_content_opens"] == cp["startup_content_files"] and not cp["content_files_opened_more_than_once"]))
    t.append(("no content file read per rerun", f"{cp['steady_content_opens']} opens in {cp['steady_reruns']} reruns, "
              f"{cp['pdf_content_opens']} in {cp['pdfs']} PDFs", cp["steady_content_opens"] == 0 and cp["pdf_content_opens"] == 0))
    per_rerun = sorted(k for k, v in cp["steady_project_files"].items() if v >= cp["steady_reruns"] / 2)
    t.append(("no file of the project read per rerun", ", ".join(per_rerun) or "none", not per_rerun))
    last = list(res["main"]["phases"])[-1]
    per = res["main"]["phases"][last]["app"]["rss_per_new_session_mb"]
    t.append(("under 2 MB server memory per extra session", f"{cell(per)} MB at N={last}", per < 2))
    cs = res.get("cold_start", {}).get("app", {})
    t.append(("cold start under 3 s", f"median {cs.get('median_s')} s, max {cs.get('max_s')} s", cs.get("max_s", 99) < 3))
    return [{"target": a, "measured": b, "met": c} for a, b, c in t]


def markdown(res: dict) -> str:
    """The tables of bench/README.md below the marker."""
    m, main = res["machine"], res["main"]
    out = [f"Run of {res['generated']}{' (quick mode)' if res.get('quick') else ''}, {res['duration_s']} s; "
           f"{m['cpu_model']}, {m['cores']} cores, Python {m['python']}, Streamlit {m['streamlit']}; load average "
           f"{' '.join(m['loadavg_at_start'])} at the start, {' '.join(m.get('loadavg_at_end', []))} at the end.\n",
           "### Targets\n", table(["target", "measured", "met"],
                 [[t["target"], t["measured"], "yes" if t["met"] else "**NO**"] for t in res["targets"]])]
    ns = list(main["phases"])
    out += ["\n### App and bare app, N sessions at once (.streamlit/config.toml as is, TCP_NODELAY)\n",
            table(["figure"] + [f"{a} N={n}" for n in ns for a in ("app", "bare", "ratio")],
                  [[name] + [x for n in ns for x in app_bare_ratio(main["phases"][n], path)]
                   for name, path in FIGURES.items()])]
    s = main["servers"]
    rows = [["cold start, median of fresh servers (s)", res["cold_start"]["app"]["median_s"], res["cold_start"]["bare"]["median_s"]]]
    rows += [[label, s["app"].get(k), s["bare"].get(k)] for label, k in (
        ("first page of the first session (s)", "first_page_s"), ("RSS idle (MB)", "rss_idle_mb"),
        ("RSS after the first journey (MB)", "rss_warm_mb"), ("RSS at the end (MB)", "rss_end_mb"))]
    out += ["\n### Servers\n", table(["figure", "app", "bare", "ratio"], [r + [ratio(r[1], r[2])] for r in rows])]
    out += ["\n### Memory over a longer run (sessions looping whole journeys)\n", table(
        ["post-script GC", "sessions", "seconds", "journeys", "errors", "server CPU ms / rerun", "RSS start MB",
         "RSS end MB", "RSS max MB", "max with a PDF's process MB", "last third - middle third MB", "flat"],
        [[r["post_script_gc"], r["sessions"], r["seconds"], r["journeys"], r["errors"], r["server_cpu_ms_per_rerun"],
          r["rss_start_mb"], r["rss_end_mb"], r["rss_max_mb"], r.get("max_with_pdf_process_mb"),
          r["rss_growth_last_vs_mid_mb"], r["flat"]] for r in res["long_run"]])]
    mi, cp = res["micro"], res["content_probe"]
    out += ["\n### One process, no server (bench/micro.py); memory per session (content probe)\n", table(["figure", "value"], [
        [f"load_content (ms), {mi['vignettes']} vignettes", mi["load_content_ms"]],
        ["build_summary p50 / p95 CPU (ms)", f"{mi['build_summary']['cpu_p50_ms']:.2f} / {mi['build_summary']['cpu_p95_ms']:.2f}"],
        ["PDF p50 / p95 CPU (ms), making it alone", f"{mi['pdf']['cpu_p50_ms']:.0f} / {mi['pdf']['cpu_p95_ms']:.0f}"],
        ["PDF p50 / p95 (ms), as the server makes it (asking to bytes, forked process)",
         f"{mi['pdf_process']['p50_ms']:.0f} / {mi['pdf_process']['p95_ms']:.0f}"],
        ["RSS kept per session, sessions one at a time (MB)", cp["rss_per_session_serial_mb"]]])]
    return "\n".join(out)
