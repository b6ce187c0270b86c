"""Start and watch one `streamlit run` server for the benchmark (loopback only)."""
from __future__ import annotations

import atexit
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAUNCH = ROOT / "bench" / "launch.py"
APPS = {"app": "app.py", "bare": "bench/bare_app/app.py"}
TICK = os.sysconf("SC_CLK_TCK")
# the app's functions whose server CPU is counted (inclusive); missing ones are skipped
WATCH = ("ui.chrome:frame", "ui.widgets:question", "decision_aid.summary:build_summary",
         "ui.summary_view:render")


_LIVE: set["Server"] = set()


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
                 count_opens: bool = False, workdir: Path | None = None, python: str = sys.executable):
        self.name, self.script = app, APPS.get(app, app)
        self.nodelay, self.gc, self.count_opens = nodelay, gc, count_opens
        self.workdir = workdir or Path("/tmp")
        self.python = python
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
        return [self.python, str(LAUNCH), *opts, "--", "run", self.script, *flags]

    def start(self, timeout: float = 30.0) -> float:
        """Start and wait until /_stcore/health says ok; returns seconds from spawn to healthy."""
        for _attempt in range(3):        # another process may take the free port first
            self.port = free_port()
            tag = f"{self.name}-{self.port}"
            self.stats_path = str(self.workdir / f"stats-{tag}.json")
            self.log_path = str(self.workdir / f"server-{tag}.log")
            log = open(self.log_path, "wb")
            t0 = time.perf_counter()
            self.proc = subprocess.Popen(self.command(), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
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

    def cpu_s(self) -> float:
        """utime + stime of the server process (all its threads), in seconds."""
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK    # fields 14 and 15 of stat(5)

    def rss_mb(self) -> float:
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stats(self, wait: float = 0.5) -> dict:
        """The launcher's counters (written every 0.2 s)."""
        time.sleep(wait)
        try:
            return json.loads(Path(self.stats_path).read_text())
        except (OSError, ValueError):
            return {}

    def stop(self) -> None:
        _LIVE.discard(self)
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def __enter__(self) -> "Server":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
