"""`make bench`: the load benchmark of the decision aid against a bare Streamlit app.

    .venv/bin/python -m bench.run [--quick]

1. micro-benchmark (fresh process): load_content, build_summary, to_pdf over tests/data;
2. content probe: the app under an open() counter: content files opened at start-up, per
   rerun and per PDF; every other project file read per rerun;
3. main table: for N = 1, 10, 50 concurrent sessions, a fresh server of the app and of the
   bare app (bench/bare_app), each session one whole patient journey (bench/client.py);
4. tuning: runner.postScriptGC on/off x TCP_NODELAY on/off, app and bare, N = 10;
5. memory over a longer run: 10 sessions looping journeys in the same sessions, with the
   post-script GC on and off, RSS sampled every second.
Server CPU and RSS are those of the server process and of its children (the PDF worker pool of
ui/pdf_worker.py, multiprocessing's resource tracker), with the split kept (bench/server.py, tree()).
Writes bench/results.json and bench/README.md; raw logs go to bench/results/ (ignored by git).
Loopback only; every loop is bounded; it stops by itself (about 5 minutes on 2 cores).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import platform
import signal
import subprocess
import sys
import time

from bench.client import CHANGE, PATIENT, Plan, ProtocolError, Sample, Session, journey, plan_from_values
from bench.micro import pct
from bench.server import ROOT, Server
from bench import report

OUT = ROOT / "bench"
RAW = OUT / "results"
RAMP_S = 0.1   # seconds between two sessions' arrivals at the start of a phase
# N concurrent sessions -> journeys per session (one after the other, a new tab each)
FULL = {"ns": {1: 6, 10: 1, 50: 1}, "tuning": {1: 1, 5: 1}, "cold_starts": 3, "long_s": {True: 40, False: 40}, "long_n": 5}
QUICK = {"ns": {1: 2, 10: 1}, "tuning": {1: 1, 5: 1}, "cold_starts": 1, "long_s": {True: 8, False: 8}, "long_n": 3}


# ---- machine ------------------------------------------------------------------------------------

def machine() -> dict:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    import streamlit
    return {"cpu_model": cpu, "cores": os.cpu_count(), "cores_usable": len(os.sched_getaffinity(0)),
            "memory_gib": round(mem / 1024 / 1024, 1), "python": platform.python_version(),
            "streamlit": streamlit.__version__, "os": platform.platform(), "loadavg_at_start": open("/proc/loadavg").read().split()[:3]}


def cpu_busy_s() -> float:
    """All CPUs' busy time since boot, in seconds (from /proc/stat)."""
    f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return (sum(f) - f[3] - f[4]) / os.sysconf("SC_CLK_TCK")


def own_cpu_s() -> float:
    t = os.times()
    return t.user + t.system


# ---- one load phase --------------------------------------------------------------------------------

def summarize(samples: list[Sample]) -> dict:
    def block(xs: list[float]) -> dict:
        if not xs:
            return {"n": 0}
        return {"n": len(xs), "p50_ms": round(pct(xs, 50) * 1e3, 1), "p95_ms": round(pct(xs, 95) * 1e3, 1),
                "max_ms": round(max(xs) * 1e3, 1)}
    groups = {
        "answer": lambda k: k == "answer",
        "next_back": lambda k: k in ("click:next", "click:back"),
        "page_switch": lambda k: k in ("click:begin", "click:see_summary", "click:change"),
        "other_click": lambda k: k.startswith("click:") and k not in (
            "click:begin", "click:see_summary", "click:change", "click:next", "click:back"),
        "page_link": lambda k: k.startswith("goto:"),
        "open": lambda k: k == "open",
    }
    reruns = [s for s in samples if s.runs]
    out = {"all_reruns": block([s.seconds for s in reruns])}
    for name, test in groups.items():
        out[name] = block([s.seconds for s in reruns if test(s.kind)])
    out["summary_page"] = block([s.seconds for s in reruns if s.kind in ("click:see_summary", "goto:summary")])
    out["pdf_prepare"] = block([s.seconds for s in reruns if s.kind == "click:pdf_prepare"])
    out["pdf_download"] = block([s.seconds for s in samples if s.kind == "pdf"])
    return out


def cpu_figures(tr0: dict, tr1: dict, st0: dict, st1: dict, reruns: int) -> dict:
    """The server's CPU over a phase, from two Server.tree() snapshots and the launcher's counters.

    server_cpu_*: the whole, the server process and its children (the PDF worker). process_cpu_*:
    the server process alone; workers_cpu_*: the PDF worker process(es); other_children_cpu_s:
    the resource tracker and children that exited. PDFs are built in the worker (its CPU is the
    PDF builds) or, if the worker is not available, in the server process, where the launcher
    counts to_pdf's CPU (server_cpu_in_downloads_s). "Without the PDF builds" is the server
    process alone minus that in-process count."""
    d = lambda k: tr1[k] - tr0[k]  # noqa: E731
    cpu, proc, workers, other = d("cpu_s"), d("server_cpu_s"), d("workers_cpu_s"), d("other_children_cpu_s")
    in_server = st1.get("downloads", {}).get("cpu_s", 0) - st0.get("downloads", {}).get("cpu_s", 0)
    in_server_calls = st1.get("downloads", {}).get("calls", 0) - st0.get("downloads", {}).get("calls", 0)
    functions = {}
    for name, c1 in st1.get("functions", {}).items():
        c0 = st0.get("functions", {}).get(name, {"calls": 0, "cpu_s": 0.0, "wall_s": 0.0})
        calls, fcpu = c1["calls"] - c0["calls"], c1["cpu_s"] - c0["cpu_s"]
        fwall = c1.get("wall_s", 0.0) - c0.get("wall_s", 0.0)
        if calls:
            functions[name] = {"calls": calls, "cpu_ms_per_call": round(fcpu / calls * 1e3, 2),
                               "wall_ms_per_call": round(fwall / calls * 1e3, 2),
                               "cpu_ms_per_rerun": round(fcpu / max(reruns, 1) * 1e3, 2),
                               "share_of_server_cpu": round(fcpu / cpu, 3) if cpu else None}
    build_calls = functions.get("ui.pdf_worker:build", {}).get("calls", 0)
    per = lambda x: round(x / max(reruns, 1) * 1e3, 2)  # noqa: E731
    return {
        "server_cpu_s": round(cpu, 2),
        "server_cpu_ms_per_rerun": per(cpu),
        "process_cpu_s": round(proc, 2),
        "process_cpu_ms_per_rerun": per(proc),
        "workers_cpu_s": round(workers, 2),
        "workers_cpu_ms_per_rerun": per(workers),
        "other_children_cpu_s": round(other, 2),
        "server_cpu_ms_per_rerun_excl_downloads": per(proc - in_server),
        "server_cpu_in_downloads_s": round(in_server, 2),
        "pdf_builds_in_server": in_server_calls,
        "pdf_builds_in_worker": max(0, build_calls - in_server_calls),
        "workers": tr1["workers"],
        "functions": functions,
    }


def rss_figures(tr0: dict, tr1: dict, added: int) -> dict:
    """The server's memory before and after a phase: the whole (the server process and its
    children), the server process alone, the PDF worker(s) (and their peak RSS, VmHWM)."""
    return {
        "rss_before_mb": round(tr0["rss_mb"], 1), "rss_after_mb": round(tr1["rss_mb"], 1),
        "rss_per_new_session_mb": round((tr1["rss_mb"] - tr0["rss_mb"]) / max(added, 1), 3),
        "process_rss_before_mb": round(tr0["server_rss_mb"], 1), "process_rss_after_mb": round(tr1["server_rss_mb"], 1),
        "process_rss_per_new_session_mb": round((tr1["server_rss_mb"] - tr0["server_rss_mb"]) / max(added, 1), 3),
        "workers_rss_before_mb": round(tr0["workers_rss_mb"], 1), "workers_rss_after_mb": round(tr1["workers_rss_mb"], 1),
        "workers_peak_rss_mb": round(tr1["workers_hwm_mb"], 1),
    }


async def load_phase(server: Server, plan: Plan, n: int, rounds: int, *, download: bool = True,
                     keep: list | None = None) -> dict:
    """n sessions at once, each running `rounds` journeys one after the other (a new tab each),
    back to back (no think time), arriving RAMP_S apart. Sessions stay connected until memory is read (and after,
    if `keep` is given: they are appended to it)."""
    samples: list[Sample] = []
    sessions: list[Session] = []
    errors: list[str] = []

    async def slot(i: int) -> None:
        await asyncio.sleep(i * RAMP_S)          # sessions arrive RAMP_S apart (10 a second)
        for _ in range(rounds):
            s = Session(server.base, record=samples.append)
            sessions.append(s)
            try:
                await journey(s, plan, download=download)
            except Exception as e:  # noqa: BLE001 - counted and reported, the run goes on
                errors.append(f"{type(e).__name__}: {e}"[:300])

    st0 = server.stats(wait=0.3)
    tr0, busy0, own0 = server.tree(), cpu_busy_s(), own_cpu_s()
    t0 = time.perf_counter()
    await asyncio.gather(*(slot(i) for i in range(n)))
    wall = time.perf_counter() - t0
    tr1, busy1, own1 = server.tree(), cpu_busy_s(), own_cpu_s()
    st1 = server.stats(wait=0.3)
    if keep is None:
        for s in sessions:
            await s.close()
    else:
        keep.extend(sessions)
    reruns = sum(1 for s in samples if s.runs)
    runs = sum(s.runs for s in samples)
    return {
        "sessions": n, "journeys": n * rounds, "failed_journeys": len(errors), "errors": errors[:5],
        "wall_s": round(wall, 2), "reruns": reruns, "script_runs": runs,
        "downloads": sum(1 for s in samples if s.kind == "pdf"),
        "downloads_gone_404": sum(1 for s in samples if s.kind == "download_gone"),
        "reruns_per_s": round(reruns / wall, 1),
        **cpu_figures(tr0, tr1, st0, st1, reruns),
        "client_cpu_s": round(own1 - own0, 2),
        "other_processes_cpu_cores": round(max(0.0, (busy1 - busy0) - (tr1["cpu_s"] - tr0["cpu_s"]) - (own1 - own0)) / wall, 2),
        **rss_figures(tr0, tr1, n * rounds),
        "latency": summarize(samples),
        "widgets_seen": sessions[0].seen if sessions else {},
    }


async def warm_up(server: Server, plan: Plan) -> dict:
    """The first session on a fresh server: lazy imports, content loading, the first PDF (and the
    PDF worker, started when the first summary is shown). RSS: the server process and its
    children; before any session there is no worker yet."""
    idle = server.tree()
    s = Session(server.base)
    t0 = time.perf_counter()
    await s.open()
    first_page = time.perf_counter() - t0
    await s.close()
    s = Session(server.base)
    await journey(s, plan)
    await s.close()
    warm = server.tree()
    return {"cold_start_s": round(server.cold_start_s, 3), "first_page_s": round(first_page, 3),
            "rss_idle_mb": round(idle["rss_mb"], 1), "workers_idle": idle["workers"],
            "rss_warm_mb": round(warm["rss_mb"], 1), "process_rss_warm_mb": round(warm["server_rss_mb"], 1),
            "workers_rss_warm_mb": round(warm["workers_rss_mb"], 1), "workers_warm": warm["workers"]}


def line(r: dict) -> str:
    lat = r["latency"]["all_reruns"]
    gc = "cfg" if r.get("post_script_gc") is None else str(r["post_script_gc"])
    return (f"  {r['app']:4s} N={r['sessions']:<3d} gc={gc:5s} nodelay={r['nodelay']!s:5s} "
            f"p50 {lat.get('p50_ms')} ms  p95 {lat.get('p95_ms')} ms  max {lat.get('max_ms')} ms  "
            f"{r['reruns_per_s']} reruns/s  cpu {r['server_cpu_ms_per_rerun']} ms/rerun "
            f"(server {r['process_cpu_ms_per_rerun']} + PDF worker {r['workers_cpu_ms_per_rerun']}"
            + (f", PDFs in the server {r['server_cpu_in_downloads_s']} s" if r["server_cpu_in_downloads_s"] else "") + ")  "
            f"RSS {r['rss_after_mb']} MB  other load {r['other_processes_cpu_cores']} cores"
            + (f"  PDF 404 {r['downloads_gone_404']}/{r['downloads'] + r['downloads_gone_404']}" if r.get("downloads_gone_404") else "")
            + (f"  FAILED {r['failed_journeys']}: {r['errors'][:1]}" if r["failed_journeys"] else ""))


async def main_table(plan: Plan, ns: dict[int, int], log=print) -> dict:
    """Both servers up side by side (config.toml as is, TCP_NODELAY launcher); for each N,
    the app's phase then the bare app's, so a change in the machine's load hits both alike.
    Sessions stay connected, so the N=50 phase adds 50 sessions to a server that already
    reached its working size: its RSS growth / 50 is the memory of one extra session."""
    out: dict = {"phases": {}, "servers": {}}
    servers = {app: Server(app, workdir=RAW, nodelay=True) for app in ("app", "bare")}
    keep: dict[str, list] = {app: [] for app in servers}
    try:
        for app, server in servers.items():
            server.start()
            out["servers"][app] = await warm_up(server, plan)
        for n, rounds in ns.items():
            for app, server in servers.items():
                r = await load_phase(server, plan, n, rounds, keep=keep[app])
                r.update({"app": app, "nodelay": True, "post_script_gc": None})
                out["phases"].setdefault(str(n), {})[app] = r
                log(line(r))
        for app, server in servers.items():
            end = server.tree()
            out["servers"][app]["rss_end_mb"] = round(end["rss_mb"], 1)
            out["servers"][app]["process_rss_end_mb"] = round(end["server_rss_mb"], 1)
            out["servers"][app]["workers_rss_end_mb"] = round(end["workers_rss_mb"], 1)
            out["servers"][app]["workers_peak_rss_mb"] = round(end["workers_hwm_mb"], 1)
            out["servers"][app]["workers_end"] = end["workers"]
            out["servers"][app]["sessions_end"] = len(keep[app]) + 2
            for s in keep[app]:
                await s.close()
    finally:
        for server in servers.values():
            server.stop()
    return out


def cold_starts(times: int = 3) -> dict:
    """Seconds from spawning `streamlit run` to /_stcore/health ok, a few times each."""
    out = {}
    for app in ("app", "bare"):
        xs = []
        for _ in range(times):
            with Server(app, workdir=RAW) as server:
                xs.append(server.cold_start_s)
        out[app] = {"median_s": round(sorted(xs)[len(xs) // 2], 3), "max_s": round(max(xs), 3),
                    "all_s": [round(x, 3) for x in xs]}
    return out


async def tuning_phase(plan: Plan, app: str, gc: bool, nodelay: bool, ns: dict[int, int], log=print) -> dict:
    """One server with the given settings: N=1 then N=5, journeys without the PDF (the tuning
    is about reruns; the PDF is built in the worker process either way)."""
    out = {"app": app, "post_script_gc": gc, "nodelay": nodelay, "phases": {}}
    with Server(app, workdir=RAW, gc=gc, nodelay=nodelay) as server:
        out.update(await warm_up(server, plan))
        for n, rounds in ns.items():
            r = await load_phase(server, plan, n, rounds, download=False)
            r.update({"app": app, "nodelay": nodelay, "post_script_gc": gc})
            out["phases"][str(n)] = r
            log(line(r))
    return out


# ---- content probe ------------------------------------------------------------------------------------

async def content_probe(plan: Plan, journeys: int = 3, pdfs: int = 3) -> dict:
    """Count the files the server opens: at start-up + first session, then per rerun
    (journeys without the PDF), then per PDF download."""
    with Server("app", workdir=RAW, count_opens=True) as server:
        s = Session(server.base)
        await journey(s, plan)                      # first session: content loaded, first PDF
        await s.close()
        a = server.stats()
        tree_a = server.tree()
        reruns = 0
        for _ in range(journeys):
            s = Session(server.base)
            r = await journey(s, plan, download=False)
            reruns += r.reruns
            await s.close()
        b = server.stats()
        ready = []
        for _ in range(pdfs):                        # sessions on their summary page
            s = Session(server.base)
            await journey(s, plan, download=False)
            ready.append(s)
        c = server.stats()
        for s in ready:                              # one PDF built in each
            await s.pdf("download_pdf")
        d = server.stats()
        tree_d = server.tree()       # 2 + journeys + pdfs sessions, kept by the server (disconnectedSessionTTL)
        for s in ready:
            await s.close()

    def diff(x: dict, y: dict, key: str) -> dict:
        return {k: y.get(key, {}).get(k, 0) - x.get(key, {}).get(k, 0)
                for k in set(y.get(key, {})) | set(x.get(key, {})) if y.get(key, {}).get(k, 0) != x.get(key, {}).get(k, 0)}

    start_content = a.get("content_files", {})
    return {
        "startup_content_files": len(start_content),
        "startup_content_opens": sum(start_content.values()),
        "content_files_opened_more_than_once": sorted(k for k, v in start_content.items() if v > 1),
        "content_reopened_from": d.get("content_reopened_from", {}),      # project code line -> repeat opens
        "steady_reruns": reruns,
        "steady_opens_by_group": diff(a, b, "opens"),
        "steady_content_opens": sum(diff(a, b, "content_files").values()),
        "steady_project_files": diff(a, b, "project_files"),
        "pdfs": pdfs,
        "pdf_opens_by_group": diff(c, d, "opens"),
        "pdf_project_files": diff(c, d, "project_files"),
        "pdf_content_opens": sum(diff(c, d, "content_files").values()),
        "serial_sessions": journeys + pdfs,
        # the server process and its PDF worker; then the server process alone
        "rss_per_session_serial_mb": round((tree_d["rss_mb"] - tree_a["rss_mb"]) / (journeys + pdfs), 2),
        "process_rss_per_session_serial_mb": round((tree_d["server_rss_mb"] - tree_a["server_rss_mb"]) / (journeys + pdfs), 2),
        "workers_rss_serial_mb": [round(tree_a["workers_rss_mb"], 1), round(tree_d["workers_rss_mb"], 1)],
    }


# ---- memory over a longer run -----------------------------------------------------------------------

async def long_run(plan: Plan, gc: bool | None, seconds: float, n: int, log=print) -> dict:
    """n sessions loop whole journeys (with the PDF) in the same sessions, clearing the answers
    in between. First one round (every session one journey, all at once, so n PDFs are asked
    for together: the peak the loop can reach) brings the server to its working size; then for `seconds` the
    sessions keep looping and RSS is sampled every second. Memory is flat when the last
    third's mean RSS is within max(10 MB, 5 %) of the middle third's."""
    samples: list[tuple[float, float]] = []
    reruns: list[Sample] = []
    counts = {"journeys": 0, "errors": 0}

    async def one(s: Session) -> None:
        await journey(s, plan)
        await s.click("clear_start", "click:clear")
        await s.click("clear_yes", "click:clear")
        s.samples.clear()

    with Server("app", workdir=RAW, gc=gc) as server:
        await warm_up(server, plan)
        sessions = [Session(server.base) for _ in range(n)]

        await asyncio.gather(*(one(s) for s in sessions))
        rss_after_round = round(server.rss_mb(), 1)
        stop_at = time.perf_counter() + seconds

        async def user(s: Session) -> None:
            s.record = reruns.append
            try:
                # stopped by cancel at the deadline; the deadline is checked too, because on
                # Python 3.11 asyncio.wait_for can swallow a cancel that lands as a message arrives
                while time.perf_counter() < stop_at:
                    try:
                        await one(s)
                        counts["journeys"] += 1
                    except (ProtocolError, OSError, asyncio.TimeoutError):
                        counts["errors"] += 1
                        await s.close()
                        s = Session(server.base, record=reruns.append)
            finally:
                await s.close()

        tr0 = server.tree()
        tasks = [asyncio.create_task(user(s)) for s in sessions]
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            samples.append((round(time.perf_counter() - t0, 1), round(server.rss_mb(), 1)))
            await asyncio.sleep(1.0)
        tr1 = server.tree()
        cpu = tr1["cpu_s"] - tr0["cpu_s"]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    n_reruns = sum(1 for x in reruns if x.runs)
    rss = [r for _, r in samples]
    third = max(1, len(rss) // 3)
    mid, last = rss[third:2 * third] or rss, rss[-third:]
    out = {"post_script_gc": gc, "seconds": seconds, "sessions": n, **counts, "reruns": n_reruns,
           "server_cpu_ms_per_rerun": round(cpu / max(n_reruns, 1) * 1e3, 2),
           "process_cpu_ms_per_rerun": round((tr1["server_cpu_s"] - tr0["server_cpu_s"]) / max(n_reruns, 1) * 1e3, 2),
           "workers_cpu_ms_per_rerun": round((tr1["workers_cpu_s"] - tr0["workers_cpu_s"]) / max(n_reruns, 1) * 1e3, 2),
           "process_rss_end_mb": round(tr1["server_rss_mb"], 1), "workers_rss_end_mb": round(tr1["workers_rss_mb"], 1),
           "workers_peak_rss_mb": round(tr1["workers_hwm_mb"], 1),
           "rss_after_first_round_mb": rss_after_round,
           "rss_start_mb": rss[0], "rss_end_mb": rss[-1], "rss_max_mb": max(rss),
           "rss_mid_third_mean_mb": round(sum(mid) / len(mid), 1),
           "rss_last_third_mean_mb": round(sum(last) / len(last), 1),
           "rss_samples": samples}
    out["rss_growth_last_vs_mid_mb"] = round(out["rss_last_third_mean_mb"] - out["rss_mid_third_mean_mb"], 1)
    # RSS swings by tens of MB as Python's own GC collects in batches; a leak climbs through them
    out["flat"] = out["rss_growth_last_vs_mid_mb"] <= max(10.0, 0.05 * out["rss_mid_third_mean_mb"])
    log(f"  long run gc={gc}: {counts['journeys']} journeys, {n_reruns} reruns, {out['server_cpu_ms_per_rerun']} ms CPU/rerun, "
        f"RSS {out['rss_start_mb']} -> {out['rss_end_mb']} MB (max {out['rss_max_mb']}), "
        f"last third vs middle third {out['rss_growth_last_vs_mid_mb']:+} MB")
    return out


# ---- main -------------------------------------------------------------------------------------------------

def config_gc() -> bool:
    """runner.postScriptGC as .streamlit/config.toml sets it (default true)."""
    import tomllib
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    return bool(cfg.get("runner", {}).get("postScriptGC", True))


async def main_async(quick: bool) -> dict:
    p = QUICK if quick else FULL
    RAW.mkdir(exist_ok=True)
    for old in [*RAW.glob("server-*.log"), *RAW.glob("stats-*.json*")]:   # scratch of earlier runs
        old.unlink(missing_ok=True)
    t_start = time.perf_counter()
    log = lambda *a: print(*a, flush=True)  # noqa: E731
    res: dict = {"generated": dt.datetime.now().isoformat(timespec="seconds"), "quick": quick, "machine": machine()}
    log(f"bench: {res['machine']['cpu_model']}, {res['machine']['cores']} cores, Streamlit {res['machine']['streamlit']}")
    from decision_aid.content import load_content
    plan = plan_from_values(load_content(), PATIENT, CHANGE)

    log("micro-benchmark (build_summary, PDF) ...")
    micro = subprocess.run([sys.executable, "-m", "bench.micro"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    if micro.returncode:
        raise RuntimeError(micro.stderr)
    res["micro"] = json.loads(micro.stdout)
    log(f"  build_summary p50 {res['micro']['build_summary']['p50_ms']} ms p95 {res['micro']['build_summary']['p95_ms']} ms; "
        f"PDF p50 {res['micro']['pdf']['p50_ms']} ms max {res['micro']['pdf']['max_ms']} ms")

    log("content probe (files opened by the server) ...")
    res["content_probe"] = await content_probe(plan)
    cp = res["content_probe"]
    log(f"  start-up: {cp['startup_content_opens']} opens of {cp['startup_content_files']} content files; "
        f"{cp['steady_reruns']} reruns later: {cp['steady_content_opens']} content opens, project files {cp['steady_project_files']}")

    res["config_post_script_gc"] = config_gc()
    log(f"main table (config.toml as is: postScriptGC={res['config_post_script_gc']}; TCP_NODELAY launcher) ...")
    res["main"] = await main_table(plan, p["ns"], log=log)

    log("cold start (3 each) ...")
    res["cold_start"] = cold_starts(p["cold_starts"])
    log(f"  {res['cold_start']}")

    log(f"tuning: postScriptGC on/off x TCP_NODELAY on/off, N={list(p['tuning'])}, no PDF ...")
    res["tuning"] = [await tuning_phase(plan, app, gc, nodelay, p["tuning"], log=log)
                     for gc in (True, False) for nodelay in (False, True) for app in ("app", "bare")
                     if app == "app" or nodelay]          # the bare app: GC on and off, with TCP_NODELAY

    log(f"memory over a longer run ({p['long_n']} sessions looping; seconds by post-script GC: {p['long_s']}) ...")
    res["long_run"] = [await long_run(plan, gc, p["long_s"][gc], p["long_n"], log=log) for gc in (True, False)]
    res["machine"]["loadavg_at_end"] = open("/proc/loadavg").read().split()[:3]
    res["duration_s"] = round(time.perf_counter() - t_start, 1)
    return res


def write_readme(res: dict) -> None:
    """Keep bench/README.md's hand-written words (above report.MARKER); rewrite the tables below."""
    readme = OUT / "README.md"
    words = readme.read_text(encoding="utf-8").split(report.MARKER)[0]
    readme.write_text(f"{words}{report.MARKER}\n\n{report.markdown(res)}", encoding="utf-8")


def main(argv: list[str]) -> int:
    if "--report" in argv:          # rewrite README.md's tables from results.json, measuring nothing
        res = json.loads((OUT / "results.json").read_text())
        res["targets"] = report.targets(res)
        write_readme(res)
        print(report.console(res))
        return 0
    quick = "--quick" in argv
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # servers are stopped on the way out
    res = asyncio.run(main_async(quick))
    res["targets"] = report.targets(res)
    out = (RAW / "results-quick.json") if quick else (OUT / "results.json")
    out.write_text(json.dumps(res, indent=1) + "\n")
    if quick:                       # a quick run's tables go beside its results, never into README.md
        (RAW / "README-quick.md").write_text(report.markdown(res), encoding="utf-8")
    else:
        write_readme(res)
    print()
    print(report.console(res))
    print(f"\nwrote {out.relative_to(ROOT)}{'' if quick else ' and bench/README.md'} in {res['duration_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
