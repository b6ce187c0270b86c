"""Turn bench results into the target verdicts, bench/README.md and the console table."""
from __future__ import annotations

from typing import Any

NS = ("1", "10", "50")


def _ratio(a: Any, b: Any) -> float | None:
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) or abs(b) < 1e-9:
        return None
    return round(a / b, 2)


def _f(x: Any, nd: int = 1) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, float):
        return f"{x:.{nd}f}"
    return str(x)


def _s(x: Any) -> str:
    """Seconds with two decimals."""
    return "n/a" if x is None else f"{x:.2f}"


def _table(head: list[str], rows: list[list[Any]]) -> str:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(_f(c) if not isinstance(c, str) else c for c in r) + " |" for r in rows]
    return "\n".join(out)


def figures(r: dict) -> dict:
    """The figures of one load phase that the report compares app / bare. CPU and RSS are the
    server's whole (its process and its children, the PDF worker), then the split; a results
    file from before the split has only the whole (then the server process alone)."""
    lat = r["latency"]["all_reruns"]
    return {
        "p50_ms": lat.get("p50_ms"), "p95_ms": lat.get("p95_ms"), "max_ms": lat.get("max_ms"),
        "reruns_per_s": r["reruns_per_s"],
        "cpu_ms_per_rerun": r["server_cpu_ms_per_rerun"],
        "process_cpu_ms_per_rerun": r.get("process_cpu_ms_per_rerun"),
        "workers_cpu_ms_per_rerun": r.get("workers_cpu_ms_per_rerun"),
        "cpu_ms_per_rerun_excl_pdf": r["server_cpu_ms_per_rerun_excl_downloads"],
        "rss_after_mb": r["rss_after_mb"],
        "process_rss_after_mb": r.get("process_rss_after_mb"),
        "workers_rss_after_mb": r.get("workers_rss_after_mb"),
        "mb_per_extra_session": r["rss_per_new_session_mb"],
    }


def split(res: dict) -> bool:
    """Whether this results file has the server's CPU and RSS split into its process and its
    children (the PDF worker); older files measured the server process only."""
    return any("workers_cpu_s" in ph.get("app", {}) for ph in res["main"]["phases"].values())


def pdf_cpu(r: dict) -> tuple[float, int, float, int]:
    """(worker CPU s, PDFs built in the worker, in-server PDF CPU s, PDFs built in the server) of
    a phase. The worker's CPU is its PDF builds (and unpickling the summary, pickling the bytes
    back); in the server the launcher counts to_pdf (the fallback, or a run from before the
    worker, where every PDF was built there)."""
    in_server = r.get("server_cpu_in_downloads_s", 0.0)
    n_server = r.get("pdf_builds_in_server", r["downloads"] if in_server else 0)
    workers = r.get("workers_cpu_s", 0.0)
    n_workers = r.get("pdf_builds_in_worker", 0)
    return workers, n_workers, in_server, n_server


def in_worker(r: dict) -> bool:
    return pdf_cpu(r)[1] > 0


def ratios(res: dict) -> dict:
    out = {}
    for n, ph in res["main"]["phases"].items():
        a, b = figures(ph["app"]), figures(ph["bare"])
        out[n] = {k: _ratio(a[k], b[k]) for k in a}
    s = res["main"]["servers"]
    out["server"] = {k: _ratio(s["app"][k], s["bare"][k]) for k in ("cold_start_s", "first_page_s", "rss_idle_mb", "rss_warm_mb")}
    if "cold_start" in res:
        out["server"]["cold_start_median"] = _ratio(res["cold_start"]["app"]["median_s"], res["cold_start"]["bare"]["median_s"])
    return out


def targets(res: dict) -> list[dict]:
    """Each target, the measured value and whether it is met."""
    t: list[dict] = []
    rat = ratios(res)
    res["ratios"] = rat
    for q in ("p50", "p95"):
        vals = {n: rat[n][f"{q}_ms"] for n in rat if n != "server"}
        t.append({"target": f"app / bare <= 1.2 on {q} at every N",
                  "measured": ", ".join(f"N={n}: {_f(v, 2)}" for n, v in vals.items()),
                  "met": all(v is not None and v <= 1.2 for v in vals.values())})
    bs = res["micro"]["build_summary"]
    t.append({"target": "build_summary under 5 ms",
              "measured": f"p95 {bs['cpu_p95_ms']:.2f} ms CPU ({bs['p95_ms']:.2f} ms wall), max {bs['max_ms']:.1f} ms wall, "
                          f"{bs['n']} calls over {res['micro']['vignettes']} vignettes",
              "met": bs["cpu_p95_ms"] < 5})
    pdf = res["micro"]["pdf"]
    t.append({"target": "PDF under 300 ms",
              "measured": f"p50 {pdf['cpu_p50_ms']:.0f} / p95 {pdf['cpu_p95_ms']:.0f} ms CPU ({pdf['p50_ms']:.0f} / "
                          f"{pdf['p95_ms']:.0f} ms wall); first in a process {pdf['first_in_process_ms']:.0f} ms",
              "met": pdf["cpu_p95_ms"] < 300})
    cp = res["content_probe"]
    t.append({"target": "content parsed once per process",
              "measured": f"{cp['startup_content_files']} content files, {cp['startup_content_opens']} opens in all "
                          f"(start-up and first session)",
              "met": cp["startup_content_opens"] == cp["startup_content_files"] and not cp["content_files_opened_more_than_once"]})
    t.append({"target": "no content file read per rerun",
              "measured": f"{cp['steady_content_opens']} content opens in {cp['steady_reruns']} reruns; "
                          f"{cp['pdf_content_opens']} in {cp['pdfs']} PDFs",
              "met": cp["steady_content_opens"] == 0 and cp["pdf_content_opens"] == 0})
    per_rerun = {k: round(v / max(cp["steady_reruns"], 1), 2) for k, v in cp["steady_project_files"].items()
                 if v >= cp["steady_reruns"] / 2}
    t.append({"target": "no file of the project read per rerun",
              "measured": ("none" if not per_rerun else
                           ", ".join(f"{k}: {v} per rerun" for k, v in per_rerun.items())),
              "met": not per_rerun})
    phases = res["main"]["phases"]
    last = list(phases)[-1]
    per = phases[last]["app"]["rss_per_new_session_mb"]
    others = [f"N={n}: {_f(phases[n]['app']['rss_per_new_session_mb'], 2)} MB" for n in phases if n != last]
    serial = res["content_probe"].get("rss_per_session_serial_mb")
    whole = " (server process and PDF worker)" if split(res) else ""
    t.append({"target": "under 2 MB server memory per extra session",
              "measured": f"{_f(per, 2)} MB{whole} with {phases[last]['app']['journeys']} sessions active at once (RSS growth / "
                          f"sessions added at N={last}, server already at working size; earlier phases, which include "
                          f"the climb to it: " + ", ".join(others) + f"); {_f(serial, 2)} MB kept by a session when "
                          f"sessions come one at a time ({res['content_probe'].get('serial_sessions')} sessions, each "
                          "with its PDF)",
              "met": per < 2})
    cs = res.get("cold_start", {}).get("app", {})
    t.append({"target": "cold start under 3 s",
              "measured": f"median {cs.get('median_s')} s, max {cs.get('max_s')} s (spawn to /_stcore/health ok); "
                          f"first page after a cold start {res['main']['servers']['app']['first_page_s']} s",
              "met": cs.get("max_s", 99) < 3})
    return t


# ---- explanations generated from the data ------------------------------------------------------------

def why_latency(res: dict) -> list[str]:
    phases = res["main"]["phases"]
    pick = "10" if "10" in phases else list(phases)[-1]
    a, b = phases[pick]["app"], phases[pick]["bare"]
    fn = a.get("functions", {})
    share = lambda k: f"{100 * (fn.get(k, {}).get('share_of_server_cpu') or 0):.0f} %"  # noqa: E731
    w_cpu, w_n, s_cpu, s_n = pdf_cpu(a)
    pdf_share = 100 * (w_cpu + s_cpu) / max(a["server_cpu_s"], 1e-9)
    excl_a, excl_b = a["server_cpu_ms_per_rerun_excl_downloads"], b["server_cpu_ms_per_rerun_excl_downloads"]
    ratio = _f(_ratio(excl_a, excl_b), 2)
    rest = (f"{share('ui.widgets:question')} drawing the questions' widgets, {share('ui.summary_view:render')} in "
            f"the summary page's `render` and {share('ui.chrome:frame')} in the frame every page draws")
    if w_n:
        prep = a["latency"].get("pdf_prepare", {})
        wait = fn.get("ui.pdf_worker:build", {}).get("wall_ms_per_call")
        text = (f"At N={pick} the app's server (its process and the PDF worker together) spends {pdf_share:.0f} % of "
                f"its CPU building PDFs ({1e3 * w_cpu / w_n:.0f} ms of the worker's CPU each, {w_n} PDFs"
                + (f"; {s_n} more built in the server process, {1e3 * s_cpu / s_n:.0f} ms each, when the worker "
                   "was not available" if s_n else "")
                + f"), {rest}. The PDFs are built in the worker process (`ui/pdf_worker.py`, "
                f"{_n(a.get('workers', 1), 'worker')}), outside the server's interpreter: other sessions' reruns no longer "
                "wait for them on the server's GIL; the patient's own *Prepare PDF* rerun waits for its PDF, and for "
                "PDFs asked for before it (one worker builds one at a time)"
                + (f": {_f(prep.get('p50_ms'), 0)} / {_f(prep.get('p95_ms'), 0)} ms p50 / p95 at N={pick}" if prep.get("n") else "")
                + (f", {wait:.0f} ms on average in `pdf_worker.build`" if wait else "")
                + f". Without the PDF builds (the server process alone) the app's CPU per rerun is {excl_a:.1f} ms "
                f"against the bare app's {excl_b:.1f} ms ({ratio}x); with the worker's, "
                f"{a['server_cpu_ms_per_rerun']:.1f} ms. The worker's CPU runs beside the server process's, on the "
                f"machine's {res['machine']['cores']} cores, which the load client shares.")
    else:
        text = (f"At N={pick} the app's server spends {pdf_share:.0f} % of its CPU building PDFs "
                f"({(s_cpu / max(a['downloads'], 1)) * 1e3:.0f} ms each, inside the *Prepare PDF* rerun; "
                f"while one builds, every other session's rerun waits for the GIL), {rest}. Without the "
                f"PDF builds its CPU per rerun is {excl_a:.1f} ms against the bare app's {excl_b:.1f} ms "
                f"({ratio}x); with them, the server is saturated sooner and every queue is longer, which is what "
                "p95 shows.")
    lines = [text]
    for n, ph in phases.items():
        la, lb = ph["app"]["latency"], ph["bare"]["latency"]
        parts = [f"{label} {la[k]['p50_ms']:.0f} vs {lb[k]['p50_ms']:.0f} ms"
                 for k, label in (("answer", "answers"), ("next_back", "Next/Back"), ("page_switch", "page switches"),
                                  ("summary_page", "summary page"))
                 if la[k].get("n") and lb[k].get("n")]
        lines.append(f"N={n}, p50 app vs bare: " + "; ".join(parts) + ".")
    lines.append("p95 is set by the slowest twentieth of the reruns, and in a journey those are the pages that draw "
                 "the most: the summary page (the whole summary: every listed option with its side effects, "
                 "pictures of 100 people, cautions and sources, and the comparison tables; the bare app's summary "
                 "page draws a few lines of placeholder words), the page switches that lead to it, the Learn page "
                 "(the site's whole page) and the *Prepare PDF* wait:")
    for n, ph in phases.items():
        la, lb = ph["app"]["latency"], ph["bare"]["latency"]
        parts = [f"{label} {la[k]['p95_ms']:.0f} vs {lb[k]['p95_ms']:.0f} ms"
                 for k, label in (("summary_page", "summary page"), ("page_switch", "page switches"),
                                  ("page_link", "sidebar page links"), ("pdf_prepare", "Prepare PDF"),
                                  ("answer", "answers"))
                 if la.get(k, {}).get("n") and lb.get(k, {}).get("n")]
        lines.append(f"N={n}, p95 app vs bare: " + "; ".join(parts) + ".")
    return lines


# ---- README.md ------------------------------------------------------------------------------------------

def markdown(res: dict) -> str:
    m, main, rat = res["machine"], res["main"], res.get("ratios") or ratios(res)
    tg = res.get("targets") or targets(res)
    L: list[str] = []
    w = L.append
    w("# Load benchmark: the decision aid against a bare Streamlit app\n")
    w(f"Generated by `make bench` on {res['generated']} in {res['duration_s']:.0f} s. **Do not edit**: "
      "`make bench` rewrites this file (its words live in `bench/report.py`) and `bench/results.json` "
      "(every figure, machine-readable). Rerun it after any change to see whether the app got slower.\n")
    w("## What it does\n")
    w("`make bench` (5 to 8 minutes on 2 cores, depending on what else runs; loopback only; stops by itself) starts the real app "
      "(`app.py`) and, beside it, `bench/bare_app/`: the same pages, the same widget kinds and keys per "
      "step, the same page switches and session-state pattern, but placeholder words, no content files, "
      "no rules, no summary and a placeholder PDF (`bench/bare_app/layout.py` is generated from the "
      "*shape* of `content/questions.yaml`, so the bare app follows the questions). Both are started with "
      "`streamlit run` on 127.0.0.1 at a free port, from the project root (same `.streamlit/config.toml`), "
      "and driven the same way by `bench/client.py`: browser-less sessions speaking Streamlit's websocket "
      "protocol (`/_stcore/stream`, `BackMsg.rerun_script` with the page and widget states, read until "
      "`script_finished == FINISHED_SUCCESSFULLY`), hundreds from one asyncio process.\n")
    w("Each session walks a whole patient journey: open the start page, *Begin*, every one of the 7 steps "
      "with answers (radios, tick boxes, pills, the 1-5 scale, typed words; each click is a rerun, as in a "
      "browser), *Back* once, *Review*, *See my summary*, the PDF (the *Prepare PDF* click, a rerun that "
      "builds it, then `GET /media/…` of the download button's URL, as the browser does; a button whose data "
      "is a callable would be fetched through `BackMsg.backend_operation_request` with its `deferred_file_id`), "
      "back to the review page, `change_priority_balance`, a new answer, the summary again: "
      f"{_journey_len(res)} reruns and one PDF. Sessions arrive 10 a second, then click back to back with no "
      "think time (a closed loop: the worst case for a given number of patients at once; they also tend to "
      "reach the PDF together).\n")
    w("A **rerun** below is one `rerun_script` message, i.e. one click or answer; a click that switches "
      "page runs two scripts (`FINISHED_EARLY_FOR_RERUN` then the new page). Latency is from sending the "
      "message to receiving `FINISHED_SUCCESSFULLY`. "
      + ("**Server** CPU and memory are those of the server process *and its child processes*: the PDF worker "
         "(`ui/pdf_worker.py`: a pool of spawned interpreters, started when a summary is first shown, that "
         "builds every PDF) and multiprocessing's resource tracker. CPU is utime+stime from `/proc/<pid>/stat` "
         "of each process in the tree over the phase (a child that exits is still counted, through its "
         "parent's cutime+cstime); memory is VmRSS from `/proc/<pid>/status` summed over the tree (the "
         "worker is a whole interpreter with the PDF's imports (not streamlit, pandas or pyarrow: `decision_aid/pdf_job.py`) and fonts, so it counts in full). The tables "
         "also show the split: the server process alone and the PDF worker.\n"
         if split(res) else
         "Server CPU is utime+stime of the server process from `/proc/<pid>/stat` over the phase; memory is "
         "VmRSS from `/proc/<pid>/status`.\n"))

    w("## Machine\n")
    other = [ph[a]["other_processes_cpu_cores"] for ph in main["phases"].values() for a in ph]
    w(_table(["", ""], [
        ["CPU", f"{m['cpu_model']}, {m['cores']} cores ({m['cores_usable']} usable)"],
        ["memory", f"{m['memory_gib']} GiB"], ["Python", m["python"]], ["Streamlit", m["streamlit"]],
        ["OS", m["os"]],
        ["load average at start / end", f"{' '.join(m['loadavg_at_start'])} / {' '.join(m.get('loadavg_at_end', []))}"],
        ["other processes' CPU during the main phases", f"{min(other):.2f} to {max(other):.2f} cores (of {m['cores']})"],
    ]))
    w("\nThe load client runs on the same machine (its CPU is in `results.json`, `client_cpu_s`). "
      "When other processes use the CPU (the line above), latencies grow for both apps; the app/bare "
      "ratios, measured side by side and interleaved, and the CPU per rerun are the steadier figures.\n")

    w("## Targets\n")
    w(_table(["target", "measured", "met"], [[t["target"], t["measured"], "**yes**" if t["met"] else "**NO**"] for t in tg]))
    w("")
    missed = [t for t in tg if not t["met"]]
    if missed:
        w("**Not met:** " + "; ".join(t["target"] for t in missed) + ". Why: see *Findings* below.\n")
    else:
        w("All targets are met.\n")

    w("## Main table (config.toml as it is, TCP_NODELAY launcher)\n")
    w(f"Post-script GC as configured: `runner.postScriptGC = {str(res['config_post_script_gc']).lower()}`. Both "
      "servers up side by side; for each N the app's phase then the bare app's. Sessions stay connected, so "
      "the N=50 phase adds 50 sessions to servers already at their working size (its RSS growth / 50 is the "
      "memory of one extra session). Journeys per phase: " + ", ".join(
          f"N={n}: {main['phases'][n]['app']['journeys']}" for n in main["phases"]) + ".\n")
    head = ["figure"] + [f"{lab} N={n}" for n in main["phases"] for lab in ("app", "bare", "ratio")]
    rows = []
    labels = [("p50_ms", "latency p50 (ms)"), ("p95_ms", "latency p95 (ms)"), ("max_ms", "latency max (ms)"),
              ("reruns_per_s", "reruns per second"), ("cpu_ms_per_rerun", "server CPU per rerun (ms)"),
              ("cpu_ms_per_rerun_excl_pdf", "… without the PDF builds (ms)"), ("rss_after_mb", "server RSS after the phase (MB)"),
              ("mb_per_extra_session", "MB per extra session")]
    if split(res):
        labels = [*labels[:4],
                  ("cpu_ms_per_rerun", "server CPU per rerun, process + PDF worker (ms)"),
                  ("process_cpu_ms_per_rerun", "… the server process alone (ms)"),
                  ("workers_cpu_ms_per_rerun", "… the PDF worker (ms)"),
                  ("cpu_ms_per_rerun_excl_pdf", "… without the PDF builds (ms)"),
                  ("rss_after_mb", "server RSS after the phase, process + PDF worker (MB)"),
                  ("process_rss_after_mb", "… the server process alone (MB)"),
                  ("workers_rss_after_mb", "… the PDF worker (MB)"),
                  ("mb_per_extra_session", "MB per extra session (process + PDF worker)")]
    for key, label in labels:
        row: list[Any] = [label]
        for n in main["phases"]:
            a, b = figures(main["phases"][n]["app"]), figures(main["phases"][n]["bare"])
            row += [a[key], b[key], _f(rat[n][key], 2)]
        rows.append(row)
    w(_table(head, rows))
    if split(res):
        w("\n*Without the PDF builds* is the server process alone, less the CPU of any PDF built in it (the "
          "launcher counts `to_pdf` there: the fallback when the worker is not available"
          + "; PDFs built in the server process: " + ", ".join(
              f"N={n}: {pdf_cpu(main['phases'][n]['app'])[3]}" for n in main["phases"]) + "). "
          "The worker's CPU is its PDF builds. The resource tracker and children that exited are in the "
          "whole, not in the split (`other_children_cpu_s` in `results.json`: " + ", ".join(
              f"N={n}: {_s(main['phases'][n]['app'].get('other_children_cpu_s'))} s" for n in main["phases"]) + ").")
    s = main["servers"]
    cs = res.get("cold_start", {})
    w("")
    srows = []
    if split(res):
        srows = [["… the server process alone, after the first two sessions (MB)", s["app"].get("process_rss_warm_mb"),
                  s["bare"].get("process_rss_warm_mb"), _f(_ratio(s["app"].get("process_rss_warm_mb"), s["bare"].get("process_rss_warm_mb")), 2)],
                 ["… the PDF worker, after the first two sessions (MB)", s["app"].get("workers_rss_warm_mb"),
                  s["bare"].get("workers_rss_warm_mb"), "n/a"]]
        erows = [["… the server process alone, at the end (MB)", s["app"].get("process_rss_end_mb"), s["bare"].get("process_rss_end_mb"),
                  _f(_ratio(s["app"].get("process_rss_end_mb"), s["bare"].get("process_rss_end_mb")), 2)],
                 ["… the PDF worker at the end (its peak, VmHWM) (MB)",
                  f"{_f(s['app'].get('workers_rss_end_mb'))} ({_f(s['app'].get('workers_peak_rss_mb'))})",
                  f"{_f(s['bare'].get('workers_rss_end_mb'))}", "n/a"]]
    else:
        erows = []
    idle_note = " (no PDF worker yet: it starts with the first summary)" if split(res) and not s["app"].get("workers_idle") else ""
    w(_table(["server", "app", "bare", "ratio"], [
        ["cold start to healthy, median of " + str(len(cs.get("app", {}).get("all_s", []))) + " (s)",
         _s(cs.get("app", {}).get("median_s")), _s(cs.get("bare", {}).get("median_s")), _f(rat["server"].get("cold_start_median"), 2)],
        ["cold start to healthy, this run (s)", _s(s["app"]["cold_start_s"]), _s(s["bare"]["cold_start_s"]), _f(rat["server"]["cold_start_s"], 2)],
        ["first page of the first session (s)", _s(s["app"]["first_page_s"]), _s(s["bare"]["first_page_s"]), _f(rat["server"]["first_page_s"], 2)],
        [f"RSS idle, healthy, no session{idle_note} (MB)", s["app"]["rss_idle_mb"], s["bare"]["rss_idle_mb"], _f(rat["server"]["rss_idle_mb"], 2)],
        ["RSS after the first two sessions" + (", process + PDF worker" if split(res) else "") + " (MB)",
         s["app"]["rss_warm_mb"], s["bare"]["rss_warm_mb"], _f(rat["server"]["rss_warm_mb"], 2)],
        *srows,
        [f"RSS at the end, {s['app']['sessions_end']} sessions" + (", process + PDF worker" if split(res) else "") + " (MB)",
         s["app"]["rss_end_mb"], s["bare"]["rss_end_mb"], _f(_ratio(s["app"]["rss_end_mb"], s["bare"]["rss_end_mb"]), 2)],
        *erows,
    ]))
    w("")
    w("Per interaction (p50 / p95 ms, app vs bare):\n")
    kinds = [("answer", "answer (radio, box, pills, scale, words)"), ("next_back", "Next / Back (st.rerun)"),
             ("page_switch", "Begin / See summary / Change (st.switch_page)"), ("page_link", "sidebar page link"),
             ("summary_page", "summary page (both ways in)"), ("open", "new tab (first run)"),
             ("pdf_prepare", "Prepare PDF (a rerun that waits for the worker to build it)" if split(res) and in_worker(main["phases"][list(main["phases"])[0]]["app"])
              else "Prepare PDF (a rerun that builds it)"),
             ("pdf_download", "PDF: Prepare click to last byte")]
    rows = []
    for key, label in kinds:
        row = [label]
        for n in main["phases"]:
            a, b = main["phases"][n]["app"]["latency"][key], main["phases"][n]["bare"]["latency"][key]
            row.append(f"{_f(a.get('p50_ms'), 0)} / {_f(a.get('p95_ms'), 0)} vs {_f(b.get('p50_ms'), 0)} / {_f(b.get('p95_ms'), 0)}"
                       if a.get("n") and b.get("n") else "n/a")
        rows.append(row)
    w(_table(["interaction"] + [f"N={n}" for n in main["phases"]], rows))
    pick = "10" if "10" in main["phases"] else list(main["phases"])[-1]
    ph = main["phases"][pick]["app"]
    w(cpu_breakdown(res, pick))
    gone = {n: (main["phases"][n]["app"]["downloads_gone_404"], main["phases"][n]["app"]["downloads"]
                + main["phases"][n]["app"]["downloads_gone_404"]) for n in main["phases"]}
    w("\nPDF downloads that answered 404 (app): " + ", ".join(f"N={n}: {g} of {t}" for n, (g, t) in gone.items())
      + " (see *Findings*).")
    fails = sum(main["phases"][n][a]["failed_journeys"] for n in main["phases"] for a in ("app", "bare"))
    w(f"Journeys that failed: {fails}.\n")

    mi = res["micro"]
    w("## Micro-benchmark (one process, no server)\n")
    w(f"Over the {mi['vignettes']} vignettes in `tests/data/`: `load_content()` {mi['load_content_ms']:.0f} ms "
      "(once per process, on the first session). CPU time is the thread's own (`time.thread_time`), "
      "wall time includes waiting for other processes.\n")
    bs, pdf = mi["build_summary"], mi["pdf"]
    w(_table(["", "calls", "p50 CPU", "p95 CPU", "max CPU", "p50 wall", "p95 wall", "max wall", "target"], [
        ["`build_summary` (ms)", bs["n"], bs["cpu_p50_ms"], bs["cpu_p95_ms"], bs["cpu_max_ms"], bs["p50_ms"], bs["p95_ms"], bs["max_ms"], "< 5"],
        ["`to_pdf` (ms)", pdf["n"], pdf["cpu_p50_ms"], pdf["cpu_p95_ms"], pdf["cpu_max_ms"], pdf["p50_ms"], pdf["p95_ms"], pdf["max_ms"], "< 300"],
    ]))
    w(f"\nThe first PDF in a process: {pdf['first_in_process_ms']:.0f} ms wall, {pdf['first_in_process_cpu_ms']:.0f} ms CPU. "
      f"PDF size {pdf['kb_min']}-{pdf['kb_max']} KB.\n")

    cp = res["content_probe"]
    w("## Content read once, files read per rerun (shown)\n")
    w("The app ran under `bench/launch.py --count-opens`: a `sys.addaudithook` on the `open` event "
      "(raised by `open`, `io.open`, `pathlib` reads and `os.open`) counts every file the server process opens, "
      "grouped by where it is. Start-up and the first session (with its PDF), then "
      f"{cp['steady_reruns']} reruns of new sessions without PDFs, then {cp['pdfs']} PDFs.\n")
    rows = [["content files opened at start-up / first session", f"{cp['startup_content_opens']} opens of {cp['startup_content_files']} files"
             + (" (some twice: " + ", ".join(cp["content_files_opened_more_than_once"]) + ")" if cp["content_files_opened_more_than_once"] else ", each once")],
            [f"content files opened in {cp['steady_reruns']} later reruns", str(cp["steady_content_opens"])],
            [f"content files opened by {cp['pdfs']} PDFs", str(cp["pdf_content_opens"])]]
    for k, v in sorted(cp["steady_project_files"].items(), key=lambda kv: -kv[1]):
        rows.append([f"`{k}` in those {cp['steady_reruns']} reruns", f"{v} ({v / max(cp['steady_reruns'], 1):.2f} per rerun)"])
    for k, v in sorted(cp["pdf_project_files"].items()):
        if k in cp["steady_project_files"]:
            continue          # read per rerun (the Prepare click is a rerun), listed above
        rows.append([f"`{k}` in {cp['pdfs']} PDFs", f"{v} ({v / max(cp['pdfs'], 1):.0f} per PDF)"])
    other_groups = {k: v for k, v in cp["steady_opens_by_group"].items() if k not in ("project_other", "content")}
    rows.append(["files outside the project in those reruns", ", ".join(f"{k}: {v}" for k, v in other_groups.items()) or "0"])
    w(_table(["what", "opens"], rows))
    w("\nPage files (`app.py`, `pages/*.py`) are opened once per page per *session* by Streamlit when a session "
      "first runs that page, not per rerun."
      + (" The PDFs are built in the PDF worker, a separate interpreter the counter does not see: the PDF rows "
         "count what the *server process* opens for them, not the worker's reads (its fonts)." if split(res) else "")
      + "\n")

    w("## Server tuning, measured\n")
    w("Each configuration on a fresh server, journeys without the PDF (the tuning is about reruns), "
      "N=1 (one journey) then N=5 (five journeys at once); the bare app with TCP_NODELAY only. `nodelay` is the "
      "test-only launcher `bench/launch.py --nodelay`.\n")
    rows = []
    for t in res["tuning"]:
        p1, p5 = t["phases"].get("1", {}), t["phases"].get("5", {})
        rows.append([t["app"], _f(t["post_script_gc"]), _f(t["nodelay"]),
                     p1.get("latency", {}).get("all_reruns", {}).get("p50_ms"), p1.get("latency", {}).get("all_reruns", {}).get("p95_ms"),
                     p5.get("latency", {}).get("all_reruns", {}).get("p50_ms"), p5.get("latency", {}).get("all_reruns", {}).get("p95_ms"),
                     p5.get("reruns_per_s"), p5.get("server_cpu_ms_per_rerun"), p5.get("other_processes_cpu_cores")])
    w(_table(["app", "post-script GC", "nodelay", "N=1 p50 ms", "N=1 p95 ms", "N=5 p50 ms", "N=5 p95 ms",
              "N=5 reruns/s", "CPU ms/rerun", "other load (cores)"], rows))
    w("")
    w("Memory over a longer run: the app, sessions looping whole journeys with the PDF in the same "
      "sessions (answers cleared between journeys). A first round (each session one journey, all at once, "
      "so as many PDFs are asked for together as the loop can) brings the server to its working size; then RSS is sampled every second. *Flat* means the mean RSS of the "
      "last third is within max(10 MB, 5 %) of the middle third's (the first third is the climb to the "
      "working size; without the post-script GC, RSS swings by tens of MB as Python's own GC collects in "
      "batches, while a leak would climb through the swings).\n")
    rows = []
    lsplit = all("workers_cpu_ms_per_rerun" in lr for lr in res["long_run"])
    for lr in res["long_run"]:
        rows.append([_f(lr["post_script_gc"]), lr["seconds"], lr["sessions"], lr["journeys"], lr["reruns"],
                     lr["server_cpu_ms_per_rerun"],
                     *([f"{_f(lr['process_cpu_ms_per_rerun'])} / {_f(lr['workers_cpu_ms_per_rerun'])}"] if lsplit else []),
                     lr.get("rss_after_first_round_mb"), lr["rss_start_mb"], lr["rss_max_mb"], lr["rss_end_mb"],
                     *([f"{_f(lr['process_rss_end_mb'])} / {_f(lr['workers_rss_end_mb'])} ({_f(lr['workers_peak_rss_mb'])})"] if lsplit else []),
                     lr["rss_mid_third_mean_mb"], lr["rss_last_third_mean_mb"], f"{lr['rss_growth_last_vs_mid_mb']:+.1f}",
                     "yes" if lr.get("flat") else "**no**"])
    w(_table(["post-script GC", "s", "sessions", "journeys", "reruns", "CPU ms/rerun",
              *(["of which server process / PDF worker"] if lsplit else []),
              "RSS after round 1 (MB)", "RSS start", "RSS max", "RSS end",
              *(["RSS end: server process / PDF worker (its peak)"] if lsplit else []),
              "mean, middle third", "mean, last third", "growth", "flat"], rows))
    if lsplit:
        w("\nCPU and RSS here are the server process's and its PDF worker's together, as in the main table.")
    w("")
    w(decision(res))

    w("## Findings\n")
    for line in findings(res):
        w(f"- {line}")
    w("")
    w("## Files\n")
    w("`bench/run.py` (the run and its phases), `bench/client.py` (the websocket session and the journey), "
      "`bench/server.py` (start, health, /proc figures of the server process and its children), "
      "`bench/launch.py` (test-only launcher: TCP_NODELAY, open counter, CPU of named functions in the server process, "
      "including `to_pdf` when a PDF is built there), `bench/micro.py`, `bench/report.py` (this file's words), `bench/bare_layout.py` "
      "and `bench/bare_app/`. `tests/test_bench_smoke.py` checks one journey in about 10 s; `make test` does "
      "not run the benchmark. `python -m bench.run --quick` is a shorter run that writes only "
      "`bench/results/results-quick.json`; `python -m bench.run --report` rewrites this file from "
      "`bench/results.json` without measuring (after a change of wording in `bench/report.py`).\n")
    return "\n".join(L)


def cpu_breakdown(res: dict, pick: str) -> str:
    """The table of where the app's server CPU goes at N=pick: the watched functions (in the
    server process, by the launcher), the PDF builds (the worker's CPU, from /proc; or to_pdf in
    the server, by the launcher), the server process alone and the whole."""
    ph = res["main"]["phases"][pick]["app"]
    whole = max(ph["server_cpu_s"], 1e-9)
    per_rerun = lambda x: round(x / max(ph["reruns"], 1) * 1e3, 2)  # noqa: E731
    fns = {k: v for k, v in ph.get("functions", {}).items() if k != "ui.pdf_worker:build"}
    rows = [[f"`{k}`", v["calls"], v["cpu_ms_per_call"], v["cpu_ms_per_rerun"], f"{100 * (v['share_of_server_cpu'] or 0):.0f} %"]
            for k, v in sorted(fns.items(), key=lambda kv: -kv[1]["cpu_ms_per_rerun"])]
    build = ph.get("functions", {}).get("ui.pdf_worker:build")
    if build:
        rows.append([f"`ui.pdf_worker:build` (the script thread waiting for the worker: {build['wall_ms_per_call']:.0f} ms "
                     "wall per call)", build["calls"], build["cpu_ms_per_call"], build["cpu_ms_per_rerun"],
                     f"{100 * (build['share_of_server_cpu'] or 0):.0f} %"])
    w_cpu, w_n, s_cpu, s_n = pdf_cpu(ph)
    if w_n:
        rows.append(["PDF builds in the PDF worker process (`to_pdf` there: the worker's utime+stime from `/proc`)",
                     w_n, round(w_cpu / w_n * 1e3, 1), per_rerun(w_cpu), f"{100 * w_cpu / whole:.0f} %"])
    if s_cpu or (s_n and not w_n):
        rows.append(["`decision_aid.export_pdf.to_pdf` in the server process (PDF builds"
                     + (", the worker not available)" if split(res) else ")"),
                     s_n, round(s_cpu / max(s_n, 1) * 1e3, 1), per_rerun(s_cpu), f"{100 * s_cpu / whole:.0f} %"])
    if split(res):
        rows.append(["the server process alone", ph["reruns"], "", ph["process_cpu_ms_per_rerun"],
                     f"{100 * ph['process_cpu_s'] / whole:.0f} %"])
        rows.append(["the whole: server process, PDF worker, resource tracker", ph["reruns"], "",
                     ph["server_cpu_ms_per_rerun"], "100 %"])
    else:
        rows.append(["the whole server process", ph["reruns"], "", ph["server_cpu_ms_per_rerun"], "100 %"])
    intro = (f"\nWhere the app's server CPU goes (N={pick}; each function's CPU includes what it calls, measured "
             "in the server process by `bench/launch.py --cpu-of`; `frame` is the urgent notice, CSS and sidebar every "
             "page draws, `question` one question's widgets, `render` the summary page's body"
             + ("; the PDFs are built in the worker, a fresh interpreter the launcher does not instrument, so their "
                "CPU is the worker process's, from `/proc`; the *calls* are the `pdf_worker.build` calls" if w_n else "")
             + "):\n")
    return intro + "\n" + _table(["function", "calls", "CPU ms per call", "CPU ms per rerun",
                                  "share of server CPU" + (" (process + worker)" if split(res) else "")], rows)


def _n(k: int, word: str) -> str:
    return f"{k} {word}" + ("" if k == 1 else "s")


def _journey_len(res: dict) -> str:
    ph = res["main"]["phases"].get("1", {}).get("app")
    if not ph:
        return "about 40"
    return str(round(ph["reruns"] / max(ph["journeys"], 1)))


def _tuning(res: dict, app: str, gc: bool, nodelay: bool, n: str = "5") -> dict:
    for t in res["tuning"]:
        if t["app"] == app and t["post_script_gc"] == gc and t["nodelay"] == nodelay:
            return t["phases"].get(n, {})
    return {}


def decision(res: dict) -> str:
    on, off = _tuning(res, "app", True, True), _tuning(res, "app", False, True)
    on1, off1 = _tuning(res, "app", True, True, "1"), _tuning(res, "app", False, True, "1")
    nag1, nod1 = _tuning(res, "app", False, False, "1"), _tuning(res, "app", False, True, "1")
    lr = {x["post_script_gc"]: x for x in res["long_run"]}
    flat_off = bool(lr.get(False, {}).get("flat"))
    adopted = not res["config_post_script_gc"]
    workers_used = split(res) and any(in_worker(ph["app"]) for ph in res["main"]["phases"].values())
    g = lambda d, k: d.get(k) if k != "p50" else d.get("latency", {}).get("all_reruns", {}).get("p50_ms")  # noqa: E731
    text = ["**Decisions.**\n"]
    text.append(
        f"- `runner.postScriptGC` (a full `gc.collect(2)` after every script run): on this app it costs "
        f"{_f(g(on, 'server_cpu_ms_per_rerun'))} ms of server CPU per rerun with it against "
        f"{_f(g(off, 'server_cpu_ms_per_rerun'))} ms without (N=5), {_f(g(on, 'reruns_per_s'))} against "
        f"{_f(g(off, 'reruns_per_s'))} reruns per second, and a single patient's p50 {_f(g(on1, 'p50'))} against "
        f"{_f(g(off1, 'p50'))} ms. The full collection walks every object in the process (the content, pandas, "
        + ("pyarrow; the PDF's fonts are in the worker process)" if workers_used else "pyarrow, fpdf's fonts after a PDF)")
        + ", so its cost grows with the app, not with the page. Without it, "
        "Python's own generational GC still runs: over the longer run RSS "
        + ("stays flat" if flat_off else "keeps growing")
        + f" (mean of the last third {_f(lr.get(False, {}).get('rss_last_third_mean_mb'))} MB against "
        f"{_f(lr.get(False, {}).get('rss_mid_third_mean_mb'))} MB in the middle third, peak "
        f"{_f(lr.get(False, {}).get('rss_max_mb'))} MB against {_f(lr.get(True, {}).get('rss_max_mb'))} MB with it): "
        "garbage is collected in batches instead of after each run, so the working size is higher by tens "
        "of MB, but bounded. "
        + ("**Adopted** in `.streamlit/config.toml` (`[runner] postScriptGC = false`, with a comment)."
           if adopted else "**Not adopted** (config.toml keeps the default).")
        + ("" if flat_off or not adopted else " **Warning: memory was not flat in this run; reconsider.**"))
    text.append(
        f"- TCP_NODELAY: Streamlit 1.67 binds its own listening socket (`starlette_server._bind_socket`) with "
        "proto 0, so asyncio does not set TCP_NODELAY on accepted sockets and Nagle holds the small "
        "ForwardMsgs that follow the first one until the client's delayed ACK (about 40 ms). Measured here "
        f"(GC off, N=1): p50 {_f(g(nag1, 'p50'))} ms stock against {_f(g(nod1, 'p50'))} ms with the launcher. "
        "It cannot be set in `config.toml` (no option exists), and section 5 of "
        "`../shared/research/streamlit-engineering.md` measured a small effect in Chromium (click to DOM "
        "78-81 ms stock against 74-76 ms with TCP_NODELAY), so it is **not adopted** for production; the benchmark "
        "uses the launcher for both apps in the main table so the stall does not hide the app's own cost "
        "(it adds the same ~40 ms to both and pulls the ratio toward 1). Worth an upstream issue.\n")
    return "\n".join(text)


def sync_check(res: dict) -> list[str]:
    """Widgets the journey met in the app that the bare app lacks or draws as another type."""
    ph = res["main"]["phases"].get("1", {})
    app, bare = ph.get("app", {}).get("widgets_seen", {}), ph.get("bare", {}).get("widgets_seen", {})
    return [f"`{k}` ({t} in the app, {bare.get(k, 'missing')} in the bare app)"
            for k, t in sorted(app.items()) if bare.get(k) != t]


def levers(res: dict) -> str:
    """The app's costs beyond the bare app's, largest first by CPU per rerun at N=10 (from the
    figures; suggestions, not measured changes)."""
    phases = res["main"]["phases"]
    pick = "10" if "10" in phases else list(phases)[-1]
    a = phases[pick]["app"]
    fn = a.get("functions", {})
    w_cpu, w_n, s_cpu, s_n = pdf_cpu(a)
    per_rerun = lambda x: x / max(a["reruns"], 1) * 1e3  # noqa: E731
    items: list[tuple[float, str]] = []
    if w_n:
        items.append((per_rerun(w_cpu),
                      f"the PDF's build ({1e3 * w_cpu / w_n:.0f} ms of the worker's CPU each, {per_rerun(w_cpu):.1f} ms per "
                      "rerun): off the server's GIL now, but it is what a patient waits for after *Prepare PDF*, PDFs "
                      f"asked for at once queue for the {_n(a.get('workers', 1), 'worker')}, and its CPU takes one of the "
                      f"machine's {res['machine']['cores']} cores (see the next point)"))
    if s_cpu:
        items.append((per_rerun(s_cpu),
                      f"the PDF built in the server process ({1e3 * s_cpu / max(s_n, 1):.0f} ms each, {per_rerun(s_cpu):.1f} ms "
                      "per rerun, holding the server's GIL): a faster PDF, or one built off the server's GIL (a worker process)"
                      if not split(res) else
                      f"the PDFs built in the server process when the worker was not available ({s_n}, "
                      f"{1e3 * s_cpu / max(s_n, 1):.0f} ms each, holding the server's GIL): why the worker was unavailable "
                      "is in the server's log"))
    words = {
        "ui.summary_view:render": "the summary page's `render` ({c:.0f} ms per summary page: the comparison tables, "
                                  "the options with their pictures)",
        "ui.widgets:question": "the per-question cost ({c:.1f} ms per question: each draws its explanation, glossary "
                               "expander and captions on every rerun of its step)",
        "ui.chrome:frame": "the frame every page draws ({c:.1f} ms per page: urgent notice, CSS, sidebar)",
    }
    for k, text in words.items():
        if k in fn:
            items.append((fn[k]["cpu_ms_per_rerun"], text.format(c=fn[k]["cpu_ms_per_call"])))
    items.sort(key=lambda x: -x[0])
    return (f"Levers, largest first by CPU per rerun at N={pick} (suggestions from the figures above, not measured "
            "changes): " + "; ".join(t for _, t in items) + ".")


def pdf_finding(res: dict, met: bool) -> str:
    """The PDF: its CPU against the target, where it goes (profiled in this run), where it is
    built and what a patient waits."""
    pdf = res["micro"]["pdf"]
    prof = pdf.get("profile")
    text = (f"The PDF takes {pdf['cpu_p50_ms']:.0f} ms of CPU (p50, p95 {pdf['cpu_p95_ms']:.0f} ms) to build, "
            + ("within" if met else "over") + " the 300 ms target. ")
    if prof:
        text += (f"Profiled in this run (cProfile, {prof['pdfs']} PDFs after the first in the process; the shares "
                 f"of `to_pdf`'s time): {100 * (prof['layout_share'] or 0):.0f} % in fpdf2's `write()` and `multi_cell()` "
                 f"(laying out the text, breaking lines), {100 * (prof['output_share'] or 0):.0f} % in `output()` "
                 f"(fonts subset and embedded), {100 * (prof['add_font_share'] or 0):.0f} % in `add_font()` (fonts parsed). ")
    elif not split(res):
        text += ("Profiled when this benchmark was written (cProfile, `to_pdf` on a vignette): about two thirds is "
                 "fpdf2's line breaking in `write()` called from `_Doc.rich` (text width measured glyph by glyph), "
                 "about one eighth is `add_font` parsing the four DejaVu TTFs again for every PDF (the probe above "
                 "shows the four font files opened per PDF), and about one eighth is font subsetting in `output()`. ")
    phases = res["main"]["phases"]
    if any(in_worker(ph["app"]) for ph in phases.values()):
        waits = []
        for n, ph in phases.items():
            a, b = ph["app"]["latency"].get("pdf_prepare", {}), ph["bare"]["latency"].get("pdf_prepare", {})
            if a.get("n") and b.get("n"):
                waits.append(f"N={n}: {a['p50_ms']:.0f} / {a['p95_ms']:.0f} ms against {b['p50_ms']:.0f} / "
                             f"{b['p95_ms']:.0f} ms for the bare app's placeholder")
        per_pdf = [f"N={n}: {1e3 * pdf_cpu(ph['app'])[0] / pdf_cpu(ph['app'])[1]:.0f} ms"
                   for n, ph in phases.items() if pdf_cpu(ph["app"])[1]]
        text += ("It is built in the PDF worker process (`ui/pdf_worker.py`), so it no longer holds the server's "
                 "GIL; the patient's *Prepare PDF* rerun waits for it, behind any PDF asked for before it (one at a "
                 "time per worker). *Prepare PDF* p50 / p95: " + "; ".join(waits) + ". The worker's CPU per PDF in the "
                 "load phases (" + ", ".join(per_pdf) + ") includes unpickling the summary and pickling the bytes "
                 "back; the micro-benchmark's is `to_pdf` alone. ")
    else:
        text += ("In the server it runs in the session's *Prepare PDF* rerun, holding the GIL, so every PDF also "
                 "delays the other sessions' reruns by about that much. ")
    if not met:
        text += "Owner: `decision_aid/export_pdf.py`."
    return text.strip()


def memory_finding(res: dict) -> str:
    """Memory per session, and the PDF's share, from the figures of this run."""
    cp = res["content_probe"]
    phases = res["main"]["phases"]
    last = list(phases)[-1]
    a = phases[last]["app"]
    pk = res["micro"]["pdf"].get("peak_python_alloc_mb")
    serial = _f(cp.get("rss_per_session_serial_mb"), 2)
    if not (split(res) and any(in_worker(ph["app"]) for ph in phases.values())):
        return (f"Memory: a session kept after its journey costs {serial} MB "
                "when patients come one at a time (its answers and its prepared PDF bytes); the per-session figure at "
                "N=50 is higher because the sessions are *active at once*: each *Prepare PDF* builds in that session's "
                f"own script thread, so 50 patients reaching the PDF together build 50 PDFs at once, each holding about "
                f"{_f(pk)} MB of Python objects while it builds (tracemalloc peak of one `to_pdf`, mostly the four fonts "
                "parsed again), and the process keeps that peak (freed memory is reused, not returned). Parsing the fonts "
                "once per process would cut this with the CPU; so would building PDFs in a bounded worker pool.")
    s = res["main"]["servers"]["app"]
    ws = cp.get("workers_rss_serial_mb") or [None, None]
    w0, w1 = a.get("workers_rss_before_mb"), a.get("workers_rss_after_mb")
    w_per = (w1 - w0) / max(a["journeys"], 1) if isinstance(w0, (int, float)) and isinstance(w1, (int, float)) else None
    workers = a.get("workers", 1)
    return (f"Memory (the server process and its PDF worker together, as the target counts it): a session kept after "
            f"its journey costs {serial} MB when patients come one at a time, of which "
            f"{_f(cp.get('process_rss_per_session_serial_mb'), 2)} MB in the server process (its answers and its prepared "
            f"PDF bytes) and the rest the worker's growth over the probe's {cp.get('pdfs')} PDFs ({_f(ws[0])} to "
            f"{_f(ws[1])} MB); {_f(a['rss_per_new_session_mb'], 2)} MB per session with {a['journeys']} sessions active "
            f"at once at N={last}, of which {_f(a.get('process_rss_per_new_session_mb'), 2)} MB in the server process and "
            f"{_f(w_per, 2)} MB the worker's growth ({_f(w0)} to {_f(w1)} MB over the phase). The worker keeps no "
            "session's data (it gets a summary and returns the bytes): its growth is its own working size as it builds "
            f"PDFs. PDFs are not built in the sessions' threads: they queue for the worker pool ({_n(workers, 'worker')} "
            "here, one PDF at a time each), so however many patients ask at once, at most "
            f"{_n(workers, 'PDF')} {'is' if workers == 1 else 'are'} being built at a time, a PDF holding about {_f(pk)} MB "
            "of Python objects while it builds (tracemalloc peak of one `to_pdf`, micro-benchmark). The worker is a "
            f"whole second interpreter: {_f(s.get('workers_rss_warm_mb'))} MB after the first two sessions, "
            f"{_f(s.get('workers_rss_end_mb'))} MB at the end (peak {_f(s.get('workers_peak_rss_mb'))} MB), against "
            f"{_f(s.get('process_rss_end_mb'))} MB for the server process: the price of taking the PDF off the server's "
            "GIL, paid per worker, not per session.")


def findings(res: dict) -> list[str]:
    out = []
    diff = sync_check(res)
    out.append("The bare app matched every widget (key and type) the journey met in the app." if not diff else
               "**The bare app is out of step with the app** (update `bench/bare_app/` to match `ui/` and "
               "`pages/`): " + ", ".join(diff) + ".")
    tg = {t["target"]: t for t in (res.get("targets") or targets(res))}
    out += ["Where the app's time goes (why the ratio is what it is): " + " ".join(why_latency(res))]
    out.append(levers(res))
    pdf = res["micro"]["pdf"]
    if not tg["PDF under 300 ms"]["met"] or any(in_worker(ph["app"]) for ph in res["main"]["phases"].values()):
        out.append(pdf_finding(res, tg["PDF under 300 ms"]["met"]))
    if not tg["content parsed once per process"]["met"]:
        cp = res["content_probe"]
        again = cp["content_files_opened_more_than_once"]
        where = cp.get("content_reopened_from") or {}
        out.append(
            f"Content is not read once per process: {cp['startup_content_opens']} opens of {cp['startup_content_files']} "
            f"content files at start-up and in the first session, {len(again)} of them opened more than once"
            + (": " + ", ".join(f"`{f}`" for f in again[:5]) + (f" and {len(again) - 5} more" if len(again) > 5 else "") if again else "")
            + (". The repeat opens came from " + ", ".join(f"`{k}` ({v})" for k, v in sorted(where.items(), key=lambda kv: -kv[1]))
               + " (the innermost line of the project's code on the stack, recorded by the open counter)" if where else "")
            + ". The counter sees the server process only.")
    gone = sum(ph["app"]["downloads_gone_404"] for ph in res["main"]["phases"].values())
    total = sum(ph["app"]["downloads"] + ph["app"]["downloads_gone_404"] for ph in res["main"]["phases"].values())
    out.append(
        f"PDF downloads that failed: {gone} of {total}. The app builds the PDF in a run of the patient's "
        "session on a *Prepare* click and then offers the bytes (`ui/downloads.py`). Streamlit 1.67's "
        "`data=callable` downloads are unsafe under load: `MediaFileManager.execute_deferred` stores the "
        "generated file unmapped to any session, and `remove_orphaned_files()`, which runs at the end of "
        "every script run of *any* session, marks it and then deletes it, so the `GET /media/…` that follows "
        "can answer 404 (this client measured 4 of 10 PDFs lost at N=10 while the app still used a callable); "
        "the callable also runs in a worker thread without a ScriptRunContext, so it cannot read the "
        "session (the nurse's notes were missing from the PDF). Keep PDFs out of `data=callable`.")
    fav = res["content_probe"]["steady_project_files"].get("static/favicon.png", 0)
    if fav:
        out.append(
            f"`static/favicon.png` is opened on every script run ({fav} times in "
            f"{res['content_probe']['steady_reruns']} reruns): `st.set_page_config(page_icon=<path>)` reads and "
            "re-registers the image each run. It is 470 bytes, so the cost is negligible, and the bare app does "
            "the same; an emoji or `:material/…:` icon (or a cached image) would remove the read.")
    out.append(memory_finding(res))
    return out


def console(res: dict) -> str:
    tg = res["targets"]
    lines = ["targets:"]
    for t in tg:
        lines.append(f"  [{'ok' if t['met'] else 'NO'}] {t['target']}: {t['measured']}")
    lines.append("main table (app / bare):")
    for n, r in res["ratios"].items():
        if n == "server":
            continue
        lines.append(f"  N={n}: " + ", ".join(f"{k} {_f(v, 2)}" for k, v in r.items()))
    return "\n".join(lines)
