"""`make bench`: the decision aid against a bare Streamlit app (bench/README.md says what and why).

    .venv/bin/python -m bench.run [--quick | --report]
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import streamlit

from bench import report
from bench.client import CHANGE, PATIENT, Plan, ProtocolError, Sample, Session, journey, plan_from_values
from bench.micro import block
from bench.server import ROOT, Server

OUT = ROOT / "bench"
RAW = OUT / "results"
RAMP_S = 0.1   # seconds between two sessions' arrivals at the start of a phase
# ns: N sessions at once -> journeys per session (one after the other, a new tab each)
FULL = {"ns": {1: 10, 10: 2, 50: 1}, "cold_starts": 3, "long_s": 40, "long_n": 5}
QUICK = {"ns": {1: 2, 10: 1}, "cold_starts": 1, "long_s": 8, "long_n": 3}
LATENCY = {   # which samples each latency figure takes (Sample.kind)
    "all_reruns": lambda k: True,
    "answer": lambda k: k == "answer",
    "page_switch": lambda k: k in ("click:begin", "click:see_summary", "click:change"),
    "summary_page": lambda k: k in ("click:see_summary", "goto:summary"),
}


def latency(samples: list[Sample]) -> dict:
    picks = {name: [s.seconds for s in samples if s.runs and test(s.kind)] for name, test in LATENCY.items()}
    picks["pdf_download"] = [s.seconds for s in samples if s.kind == "pdf"]   # click to last byte
    return {name: {"n": len(xs), **(block(xs) if xs else {})} for name, xs in picks.items()}


async def load_phase(server: Server, plan: Plan, n: int, rounds: int, keep: list) -> dict:
    """n sessions at once arriving RAMP_S apart, each running `rounds` journeys one after the other
    with no think time. The sessions stay open (appended to `keep`), so the next phase adds to them."""
    samples: list[Sample] = []
    errors: list[str] = []

    async def slot(i: int) -> None:
        await asyncio.sleep(i * RAMP_S)
        for _ in range(rounds):
            s = Session(server.base, record=samples.append)
            keep.append(s)
            try:
                await journey(s, plan)
            except Exception as e:  # noqa: BLE001 - counted and reported, the run goes on
                errors.append(f"{type(e).__name__}: {e}"[:300])

    tr0, t0 = server.tree(), time.perf_counter()
    await asyncio.gather(*(slot(i) for i in range(n)))
    wall = time.perf_counter() - t0
    tr1 = server.tree()
    reruns = sum(1 for s in samples if s.runs)
    cpu = tr1["cpu_s"] - tr0["cpu_s"]
    return {
        "sessions": n, "journeys": n * rounds, "failed_journeys": len(errors), "errors": errors[:5],
        "wall_s": round(wall, 2), "reruns": reruns, "reruns_per_s": round(reruns / wall, 1),
        "downloads": sum(1 for s in samples if s.kind == "pdf"),
        "server_cpu_ms_per_rerun": round(cpu / max(reruns, 1) * 1e3, 2),
        "rss_before_mb": round(tr0["rss_mb"], 1), "rss_after_mb": round(tr1["rss_mb"], 1),
        "process_rss_after_mb": round(tr1["server_rss_mb"], 1), "children": len(tr1["children"]),
        "rss_per_new_session_mb": round((tr1["rss_mb"] - tr0["rss_mb"]) / (n * rounds), 3),
        "latency": latency(samples),
    }


async def main_table(plan: Plan, ns: dict[int, int], log=print) -> dict:
    """Both servers up side by side; for each N the app's phase, then the bare app's, so a change
    in the machine's load hits both alike. Sessions stay connected: the N=50 phase adds 50
    sessions to a server at its working size, so its RSS growth / 50 is one extra session's."""
    out: dict = {"phases": {}, "servers": {}}
    servers = {app: Server(app, workdir=RAW) for app in ("app", "bare")}
    keep: dict[str, list] = {app: [] for app in servers}
    try:
        for app, server in servers.items():   # the first session: lazy imports, content, the first PDF
            server.start()
            idle, s, t0 = server.tree(), Session(server.base), time.perf_counter()
            await s.open()
            first_page = time.perf_counter() - t0
            await journey(s, plan)
            await s.close()
            out["servers"][app] = {"cold_start_s": round(server.cold_start_s, 3), "first_page_s": round(first_page, 3),
                                   "rss_idle_mb": round(idle["rss_mb"], 1), "rss_warm_mb": round(server.tree()["rss_mb"], 1)}
        for n, rounds in ns.items():
            for app, server in servers.items():
                r = out["phases"].setdefault(str(n), {})[app] = await load_phase(server, plan, n, rounds, keep[app])
                log(f"  {app} N={n}: p95 {r['latency']['all_reruns'].get('p95_ms')} ms, RSS {r['rss_after_mb']} MB"
                    + (f", FAILED {r['failed_journeys']}: {r['errors'][:1]}" if r["failed_journeys"] else ""))
        for app, server in servers.items():
            end = server.tree()
            out["servers"][app].update(rss_end_mb=round(end["rss_mb"], 1), process_rss_end_mb=round(end["server_rss_mb"], 1))
            for s in keep[app]:
                await s.close()
    finally:
        for server in servers.values():
            server.stop()
    return out


def cold_starts(times: int) -> dict:
    """Seconds from spawning the server to /_stcore/health ok, `times` each."""
    out = {}
    for app in ("app", "bare"):
        xs = []
        for _ in range(times):
            with Server(app, workdir=RAW) as server:
                xs.append(server.cold_start_s)
        xs.sort()
        out[app] = {"median_s": round(xs[len(xs) // 2], 3), "max_s": round(xs[-1], 3)}
    return out


async def content_probe(plan: Plan, journeys: int = 3, pdfs: int = 3) -> dict:
    """The files the app's server opens: at start-up and the first session, then per rerun
    (journeys without the PDF), then per PDF; and the RSS each later session keeps."""
    with Server("app", workdir=RAW, count_opens=True) as server:
        s = Session(server.base)
        await journey(s, plan, download=False)      # the first session: content loaded
        first = server.stats()
        await s.pdf("download_pdf")                 # the first PDF
        await s.close()
        a, rss_a = server.stats(), server.tree()["rss_mb"]
        reruns, ready = 0, []
        for _ in range(journeys):
            s = Session(server.base)
            reruns += (await journey(s, plan, download=False)).reruns
            await s.close()
        b = server.stats()
        for _ in range(pdfs):                        # sessions on their summary page
            ready.append(s := Session(server.base))
            await journey(s, plan, download=False)
        c = server.stats()
        for s in ready:                              # one PDF built in each
            await s.pdf("download_pdf")
            await s.close()
        d, rss_d = server.stats(), server.tree()["rss_mb"]

    def diff(x: dict, y: dict, key: str) -> dict:   # files opened between two reads, and how often
        x, y = x.get(key, {}), y.get(key, {})
        return {k: v - x.get(k, 0) for k, v in y.items() if v != x.get(k, 0)}

    start = first.get("content_files", {})
    return {
        "startup_content_files": len(start), "startup_content_opens": sum(start.values()),
        "content_files_opened_more_than_once": sorted(k for k, v in start.items() if v > 1),
        "steady_reruns": reruns, "steady_content_opens": sum(diff(a, b, "content_files").values()),
        "steady_project_files": diff(a, b, "project_files"),
        "pdfs": pdfs, "pdf_content_opens": sum(diff(c, d, "content_files").values()),
        "rss_per_session_serial_mb": round((rss_d - rss_a) / (journeys + pdfs), 2),
    }


async def long_run(plan: Plan, gc: bool, seconds: float, n: int, log=print) -> dict:
    """n sessions loop whole journeys (with the PDF) in the same sessions, clearing the answers in
    between, for `seconds` after one round that brings the server to its working size; the
    server's RSS sampled every second, and with any PDF's process then running. Flat: the last
    third's mean RSS within max(10 MB, 5 %) of the middle third's (Python's GC frees in batches,
    so RSS swings; a leak climbs through the swings)."""
    reruns: list[Sample] = []
    counts = {"journeys": 0, "errors": 0}

    async def one(s: Session) -> None:
        await journey(s, plan)
        await s.click("clear_start", "click:clear")
        await s.click("clear_yes", "click:clear")
        s.samples.clear()

    async def user(s: Session, stop_at: float) -> None:
        s.record = reruns.append
        while time.perf_counter() < stop_at:
            try:
                await one(s)
                counts["journeys"] += 1
            except (ProtocolError, OSError, asyncio.TimeoutError):
                counts["errors"] += 1
                await s.close()
                s = Session(server.base, record=reruns.append)
        await s.close()

    with Server("app", workdir=RAW, gc=gc) as server:
        sessions = [Session(server.base) for _ in range(n)]
        await asyncio.gather(*(one(s) for s in sessions))
        tr0, t0, rss, with_pdf = server.tree(), time.perf_counter(), [], []
        tasks = [asyncio.create_task(user(s, t0 + seconds)) for s in sessions]
        while time.perf_counter() - t0 < seconds:
            tree = server.tree()
            rss.append(round(tree["server_rss_mb"], 1))
            with_pdf.append(round(tree["rss_mb"], 1))
            await asyncio.sleep(1.0)
        cpu = server.tree()["cpu_s"] - tr0["cpu_s"]
        await asyncio.gather(*tasks, return_exceptions=True)
    n_reruns = sum(1 for x in reruns if x.runs)
    third = max(1, len(rss) // 3)
    mid, last = rss[third:2 * third] or rss, rss[-third:]
    growth = round(sum(last) / len(last) - sum(mid) / len(mid), 1)
    out = {"post_script_gc": gc, "seconds": seconds, "sessions": n, **counts, "reruns": n_reruns,
           "server_cpu_ms_per_rerun": round(cpu / max(n_reruns, 1) * 1e3, 2),
           "rss_start_mb": rss[0], "rss_end_mb": rss[-1], "rss_max_mb": max(rss),
           "max_with_pdf_process_mb": max(with_pdf),
           "rss_growth_last_vs_mid_mb": growth, "flat": growth <= max(10.0, 0.05 * sum(mid) / len(mid)),
           "rss_samples": rss}
    log(f"  long run gc={gc}: {counts['journeys']} journeys, {out['server_cpu_ms_per_rerun']} ms CPU/rerun, "
        f"RSS {out['rss_start_mb']} -> {out['rss_end_mb']} MB (max {out['rss_max_mb']}), growth {growth:+} MB")
    return out


async def measure(quick: bool) -> dict:
    p = QUICK if quick else FULL
    RAW.mkdir(exist_ok=True)
    for old in [*RAW.glob("server-*.log"), *RAW.glob("stats-*.json*")]:   # scratch of earlier runs
        old.unlink(missing_ok=True)
    t_start = time.perf_counter()
    log = lambda *a: print(*a, flush=True)  # noqa: E731
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    res: dict = {"generated": dt.datetime.now().isoformat(timespec="seconds"), "quick": quick, "machine": {
        "cpu_model": cpu, "cores": os.cpu_count(), "python": sys.version.split()[0],
        "streamlit": streamlit.__version__, "loadavg_at_start": open("/proc/loadavg").read().split()[:3]}}
    from decision_aid.content import load_content
    plan = plan_from_values(load_content(), PATIENT, CHANGE)

    log("micro-benchmark (build_summary, PDF) ...")
    micro = subprocess.run([sys.executable, "-m", "bench.micro"], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                           timeout=600, check=True)          # its errors go to the terminal
    res["micro"] = json.loads(micro.stdout)
    log("content probe (files opened by the server) ...")
    res["content_probe"] = await content_probe(plan)
    log(f"main table, N = {list(p['ns'])} ...")
    res["main"] = await main_table(plan, p["ns"], log=log)
    log("cold starts ...")
    res["cold_start"] = cold_starts(p["cold_starts"])
    log(f"memory over a longer run ({p['long_n']} sessions, {p['long_s']} s, post-script GC on and off) ...")
    res["long_run"] = [await long_run(plan, gc, p["long_s"], p["long_n"], log=log) for gc in (True, False)]
    res["machine"]["loadavg_at_end"] = open("/proc/loadavg").read().split()[:3]
    res["duration_s"] = round(time.perf_counter() - t_start, 1)
    return res


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    if "--report" in argv:          # rewrite README.md's tables from results.json, measuring nothing
        res = json.loads((OUT / "results.json").read_text())
    else:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # servers are stopped on the way out
        res = asyncio.run(measure(quick))
    res["targets"] = report.targets(res)
    if quick:                       # a quick run's figures go to bench/results/, never README.md
        (RAW / "results-quick.json").write_text(json.dumps(res, indent=1) + "\n")
        (RAW / "README-quick.md").write_text(report.markdown(res), encoding="utf-8")
    else:
        if "--report" not in argv:  # --report: the tables only
            (OUT / "results.json").write_text(json.dumps(res, indent=1) + "\n")
        readme = OUT / "README.md"     # the hand-written words above report.MARKER stay
        words = readme.read_text(encoding="utf-8").split(report.MARKER)[0]
        readme.write_text(f"{words}{report.MARKER}\n\n{report.markdown(res)}", encoding="utf-8")
    print(report.markdown(res))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
