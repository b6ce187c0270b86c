"""Start and watch one `streamlit run` server on a free loopback port: the only server launcher.

`Server` is the benchmark's (its app or the bare app, through bench/launch.py's instrumentation,
with the server's CPU and memory read from /proc); `streamlit_server()` is the tests' and
`make journey`'s: the real app as the image starts it (`streamlit run serve.py`: app.py plus
/_app/ready), plain, its output in a log file.
"""
from __future__ import annotations

import atexit
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import bare_layout

ROOT = Path(__file__).resolve().parent.parent
LAUNCH = ROOT / "bench" / "launch.py"
APPS = {"app": "app.py", "bare": "bench/bare_app/app.py"}
TICK = os.sysconf("SC_CLK_TCK")
# the app's functions whose server CPU is counted (inclusive); missing ones are skipped
# ui.pdf_worker:build runs in the server's script thread and waits for the PDF worker: its CPU
# there is small (the PDF's CPU is the worker process's, from /proc), its wall time is the wait
WATCH = ("ui.chrome:frame", "ui.widgets:question", "decision_aid.summary:build_summary",
         "ui.summary_view:render", "ui.pdf_worker:build")


_LIVE: set["Server"] = set()


def _stat(pid: int) -> tuple[int, float, float] | None:
    """(ppid, utime + stime, cutime + cstime) of a process, in seconds; None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK,   # fields 4, 14, 15 of stat(5)
                (int(fields[13]) + int(fields[14])) / TICK)                   # 16, 17
    except (OSError, IndexError, ValueError):
        return None


def _status(pid: int) -> tuple[float | None, float]:
    """(VmRSS, VmHWM) of a process in MB; (None, 0) if it is gone (0 for a zombie)."""
    rss, hwm = None, 0.0
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) / 1024
    except (OSError, IndexError, ValueError):
        return None, 0.0
    return (0.0 if rss is None else rss), hwm     # a zombie has no VmRSS line


def _kind(pid: int) -> str | None:
    """What a child of the server is: "pdf_worker" (a multiprocessing "spawn" child: the app's
    only pool is the PDF worker pool, ui/pdf_worker.py), "resource_tracker" or "other"."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ")
    except OSError:
        return None
    if b"resource_tracker" in cmd:
        return "resource_tracker"
    if b"spawn_main" in cmd or b"--multiprocessing-fork" in cmd:
        return "pdf_worker"
    return "other"


@atexit.register
def _stop_all() -> None:
    """Never leave a server behind, whatever stopped the benchmark."""
    for server in list(_LIVE):
        server.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One server process: `python bench/launch.py [opts] -- run <app> ...` in the project root,
    so both apps read the project's .streamlit/config.toml."""

    def __init__(self, app: str, *, nodelay: bool = True, gc: bool | None = None,
                 count_opens: bool = False, workdir: Path | None = None, python: str = sys.executable,
                 instrument: bool = True, env: dict | None = None, log_path: Path | None = None):
        self.name, self.script = app, APPS.get(app, app)
        self.nodelay, self.gc, self.count_opens = nodelay, gc, count_opens
        self.workdir = workdir or Path("/tmp")
        self.python = python
        self.instrument = instrument     # False: plain `streamlit run`, no launcher, no stats file
        self.env = env or {}
        self.fixed_log = log_path
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.cold_start_s = 0.0
        self.stats_path = ""
        self.log_path = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        opts = (["--nodelay"] if self.nodelay else []) + ["--stats", self.stats_path] \
            + ["--download-fn", "decision_aid.export_pdf:to_pdf"] \
            + [a for f in WATCH for a in ("--cpu-of", f)] + (["--count-opens"] if self.count_opens else [])
        flags = ["--server.address", "127.0.0.1", "--server.port", str(self.port),
                 "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        if self.gc is not None:
            flags += ["--runner.postScriptGC", "true" if self.gc else "false"]
        if not self.instrument:
            return [self.python, "-m", "streamlit", "run", self.script, *flags, "--server.fileWatcherType", "none"]
        return [self.python, str(LAUNCH), *opts, "--", "run", self.script, *flags]

    def start(self, timeout: float = 60.0) -> float:
        """Start and wait until /_stcore/health says ok; returns seconds from spawn to healthy."""
        for _attempt in range(3):        # another process may take the free port first
            self.port = free_port()
            tag = f"{self.name}-{self.port}"
            self.stats_path = str(self.workdir / f"stats-{tag}.json")
            self.log_path = str(self.fixed_log or self.workdir / f"server-{tag}.log")
            log = open(self.log_path, "wb")
            t0 = time.perf_counter()
            env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
            if self.name == "bare":
                env[bare_layout.ENV] = str(bare_layout.write())
            self.proc = subprocess.Popen(self.command(), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True, env=env)
            _LIVE.add(self)
            log.close()
            deadline = t0 + timeout
            while time.perf_counter() < deadline:
                if self.proc.poll() is not None:
                    break
                try:
                    with urllib.request.urlopen(self.base + "/_stcore/health", timeout=1) as r:
                        if r.status == 200 and r.read().strip() == b"ok":
                            self.cold_start_s = time.perf_counter() - t0
                            time.sleep(0.05)
                            if self.proc.poll() is None:      # still ours: it did bind the port
                                return self.cold_start_s
                            break
                except OSError:
                    pass
                time.sleep(0.01)
            self.stop()
            if "is not available" not in self.log_tail():
                raise RuntimeError(f"{self.name} did not become healthy:\n{self.log_tail()}")
        raise RuntimeError(f"{self.name}: no free port after 3 attempts")

    def log_tail(self, n: int = 20) -> str:
        try:
            return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def tree(self) -> dict:
        """CPU and memory of the server process and of every process below it (the PDF worker
        pool, multiprocessing's resource tracker), from /proc.

        cpu_s: utime + stime + cutime + cstime summed over the live processes of the tree. A
        child's CPU moves into its parent's cutime/cstime when the parent reaps it, so the sum
        keeps counting a child that has exited (its CPU then shows under "exited"); a process that
        exits between reading the list and reading its files is skipped (seen again, through its
        parent, once reaped). server_cpu_s is the server process's own utime + stime; workers_cpu_s
        the PDF worker processes' (multiprocessing "spawn" children); other_children_cpu_s the rest
        (the resource tracker, and children that exited: their CPU is in the server's cutime).
        rss_mb: VmRSS summed over the tree (pages shared between processes, few after "spawn",
        are counted in each); hwm_mb: each process's peak RSS (VmHWM)."""
        pid0 = self.proc.pid
        procs: dict[int, tuple[int, float, float]] = {}     # pid -> (ppid, own CPU, reaped children's CPU)
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            got = _stat(int(d))
            if got is not None:
                procs[int(d)] = got
        if pid0 not in procs:
            raise ProcessLookupError(f"server {pid0} is gone")
        children: dict[int, list[int]] = {}
        for pid, (ppid, _, _) in procs.items():
            children.setdefault(ppid, []).append(pid)
        below, todo = [], list(children.get(pid0, []))
        while todo:
            pid = todo.pop()
            below.append(pid)
            todo += children.get(pid, [])
        _, own, reaped = procs[pid0]
        rss, hwm = _status(pid0)
        out = {"server_cpu_s": own, "exited_children_cpu_s": reaped, "server_rss_mb": rss,
               "server_hwm_mb": hwm, "children": []}
        for pid in sorted(below):
            kind = _kind(pid)
            rss_c, hwm_c = _status(pid)
            if kind is None or rss_c is None:
                continue                                    # exited meanwhile
            out["children"].append({"pid": pid, "kind": kind, "cpu_s": round(procs[pid][1] + procs[pid][2], 3),
                                    "rss_mb": round(rss_c, 1), "hwm_mb": round(hwm_c, 1)})
        kids = out["children"]
        out["workers"] = sum(1 for c in kids if c["kind"] == "pdf_worker")
        out["workers_cpu_s"] = sum(c["cpu_s"] for c in kids if c["kind"] == "pdf_worker")
        out["workers_rss_mb"] = sum(c["rss_mb"] for c in kids if c["kind"] == "pdf_worker")
        out["workers_hwm_mb"] = max((c["hwm_mb"] for c in kids if c["kind"] == "pdf_worker"), default=0.0)
        out["other_children_cpu_s"] = reaped + sum(c["cpu_s"] for c in kids if c["kind"] != "pdf_worker")
        out["cpu_s"] = own + reaped + sum(c["cpu_s"] for c in kids)
        out["rss_mb"] = (rss or 0.0) + sum(c["rss_mb"] for c in kids)
        return out

    def rss_mb(self) -> float:
        """VmRSS of the server process and its children (the PDF worker), in MB: see tree()."""
        return self.tree()["rss_mb"]

    def stats(self, wait: float = 0.5) -> dict:
        """The launcher's counters (written every 0.2 s)."""
        time.sleep(wait)
        try:
            return json.loads(Path(self.stats_path).read_text())
        except (OSError, ValueError):
            return {}

    def stop(self) -> None:
        _LIVE.discard(self)
        if self.proc is not None:
            stop(self.proc)
        self.proc = None

    def __enter__(self) -> "Server":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def stop(proc: subprocess.Popen) -> None:
    """End a server: politely, then for good."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@contextlib.contextmanager
def streamlit_server(log_path: Path, env: dict | None = None):
    """Yield the URL of the real app as the image runs it (serve.py), its output in `log_path`."""
    with Server("serve.py", instrument=False, env=env, log_path=log_path) as server:
        yield server.base
