"""The only server launcher: `Server("app" | "bare")` runs `streamlit run` on a free
loopback port in the project root (so .streamlit/config.toml applies) and reads its CPU and memory
from /proc. The benchmark's servers run as `python -m bench.server [--count-opens FILE] -- run APP
...` (`main` below: TCP_NODELAY, and a count of the files the server opens). `streamlit_server()`
is the tests' and `make journey`'s: the real app as the image starts it.
"""
from __future__ import annotations

import atexit
import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = {"app": "app.py", "bare": "bench/bare_app/app.py"}
# The image's memory setting (Dockerfile, deploy/kubernetes.yaml), for both apps alike.
IMAGE_ENV = {"MALLOC_ARENA_MAX": "2"}
BARE_LAYOUT = "BENCH_BARE_LAYOUT"   # the environment variable the bare app reads its layout from
_LIVE: set["Server"] = set()


def _usage(pid: int, below: bool = False) -> tuple[float, float]:
    """CPU seconds of a process and of its reaped children (utime stime cutime cstime), and its
    memory in MB: VmRSS; for a process `below` the server (a PDF's, forked), only the pages it
    does not share, which the server's VmRSS does not count already (Private_* of smaps_rollup).
    Zeros if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        if below:
            mem = sum(int(line.split()[1]) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
                      if line.startswith("Private_"))
        else:
            status = Path(f"/proc/{pid}/status").read_text().split("VmRSS:")
            mem = int(status[1].split()[0]) if len(status) > 1 else 0    # a zombie has no VmRSS
    except OSError:
        return 0.0, 0.0
    return sum(int(x) for x in stat[11:15]) / os.sysconf("SC_CLK_TCK"), mem / 1024


def _below(pid: int) -> list[int]:
    """Every process below `pid` (the children that each of its threads started, recursively)."""
    kids = [int(k) for f in Path(f"/proc/{pid}/task").glob("*/children") for k in f.read_text().split()]
    return kids + [p for k in kids for p in _below(k)]


def bare_layout() -> dict:
    """The shape of the app's questions for the bare app, made at run time so it cannot go stale:
    ids, widget kinds, counts and the checkbox values in widget keys, never a word of content/
    (about 8 kB of JSON, passed in $BENCH_BARE_LAYOUT)."""
    from decision_aid.content import load_content
    from decision_aid.dictionary import FIELDS

    c = load_content()

    def shape(q) -> dict:
        boxes = q.widget == "checkboxes"
        return {
            "id": q.id,
            "widget": q.widget,
            "multi": FIELDS[q.id].kind == "multi",
            "n_choices": len(q.choices),
            # checkbox widgets are keyed q_<id>__<value>: the values are part of the keys
            "values": [ch.value for ch in q.choices] if boxes else [],
            # a tick box with its own help is drawn in a keyed container, with the help under it
            "choice_help": [bool(ch.help) for ch in q.choices] if boxes else [],
            # a gate (one question before the list): the value each of its choices sets (None: the list opens)
            "gate": [gc.sets for gc in q.gate.choices] if boxes and q.gate else [],
            # kinds asked first, their names drawn once the kind is ticked
            "groups": [{"id": g.id, "values": list(g.values)} for g in q.groups] if boxes else [],
            "n_terms": len(q.terms),
            "max_length": FIELDS[q.id].max_length,
        }

    return {
        "STEPS": [{"id": s.id, "intro": bool(s.intro), "site": s.site is not None,
                   "questions": [shape(q) for q in s.questions]} for s in c.questions.steps],
        "SITE_SECTIONS": [len(p.sections) for p in c.site.values()],
        "GLOSSARY_TERMS": len(c.glossary),
    }


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
    def __init__(self, app: str, *, gc: bool | None = None, count_opens: bool = False, plain: bool = False,
                 workdir: Path | None = None, env: dict | None = None, log_path: Path | None = None):
        """plain: `streamlit run` as the image does, without bench.server's TCP_NODELAY."""
        self.name, self.script, self.gc, self.count_opens, self.plain = app, APPS[app], gc, count_opens, plain
        self.workdir, self.env, self.fixed_log = workdir or Path("/tmp"), dict(env or {}), log_path
        if app == "bare":
            self.env[BARE_LAYOUT] = json.dumps(bare_layout())
        self.proc: subprocess.Popen | None = None
        self.port, self.cold_start_s, self.stats_path, self.log_path = 0, 0.0, "", ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        flags = ["--server.address", "127.0.0.1", "--server.port", str(self.port),
                 "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        if self.gc is not None:
            flags += ["--runner.postScriptGC", str(self.gc).lower()]
        if self.plain:
            return [sys.executable, "-m", "streamlit", "run", self.script, *flags]
        opts = ["--count-opens", self.stats_path] if self.count_opens else []
        return [sys.executable, "-m", "bench.server", *opts, "--", "run", self.script, *flags]

    def start(self, timeout: float = 60.0) -> float:
        """Start and wait until /_stcore/health says ok; returns seconds from spawn to healthy."""
        for _attempt in range(3):        # another process may take the free port first
            self.port = free_port()
            tag = f"{self.name}-{self.port}"
            self.stats_path = str(self.workdir / f"stats-{tag}.json")
            self.log_path = str(self.fixed_log or self.workdir / f"server-{tag}.log")
            t0 = time.perf_counter()
            with open(self.log_path, "wb") as log:
                self.proc = subprocess.Popen(self.command(), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL, start_new_session=True,
                                             env={**os.environ, "PYTHONUNBUFFERED": "1", **IMAGE_ENV, **self.env})
            _LIVE.add(self)
            while time.perf_counter() < t0 + timeout and self.proc.poll() is None:
                try:
                    with urllib.request.urlopen(self.base + "/_stcore/health", timeout=1) as r:
                        if r.status == 200 and r.read().strip() == b"ok":
                            self.cold_start_s = time.perf_counter() - t0
                            time.sleep(0.05)
                            if self.proc.poll() is None:      # still ours: it did bind the port
                                return self.cold_start_s
                except OSError:
                    time.sleep(0.01)
            self.stop()
            log_tail = "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-20:])
            if "is not available" not in log_tail:
                raise RuntimeError(f"{self.name} did not become healthy:\n{log_tail}")
        raise RuntimeError(f"{self.name}: no free port after 3 attempts")

    def tree(self) -> dict:
        """CPU seconds and memory (MB) of the server process and of every process below it (the
        app forks one for each PDF; pids in children); server_rss_mb: the server's VmRSS alone."""
        if self.proc.poll() is not None:
            raise ProcessLookupError(f"server {self.proc.pid} is gone")
        below = _below(self.proc.pid)
        usage = [_usage(self.proc.pid), *(_usage(p, below=True) for p in below)]
        return {"cpu_s": sum(cpu for cpu, _ in usage), "rss_mb": sum(rss for _, rss in usage),
                "server_rss_mb": usage[0][1], "children": below}

    def stats(self) -> dict:
        """The server's open counters (--count-opens, written every 0.2 s)."""
        time.sleep(0.5)
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
    """Yield the URL of the real app as the image runs it, its output in `log_path`."""
    with Server("app", plain=True, env=env, log_path=log_path) as server:
        yield server.base


# ---- inside the benchmark's server process (python -m bench.server ...) ---------------------------

def _nodelay() -> None:
    """Streamlit 1.67 binds its listening socket as `socket.socket(family)` (proto 0), so asyncio
    does not set TCP_NODELAY on accepted connections and small messages wait for the client's
    delayed ACK (Nagle, ~40 ms). Re-create the socket with proto=IPPROTO_TCP (both apps)."""
    from streamlit.web.server.starlette import starlette_server as ss
    original = ss._bind_socket

    def bind_socket_nodelay(address: str, port: int, backlog: int) -> socket.socket:
        sock = original(address, port, backlog)
        tcp = socket.socket(sock.family, socket.SOCK_STREAM, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.setblocking(False)
        tcp.set_inheritable(True)
        return tcp

    ss._bind_socket = bind_socket_nodelay


def _count_opens(stats_file: str) -> None:
    """Count each file of content/ and each other file of the project (not bench/) the process
    opens (an audit hook), and write the counts to `stats_file` every 0.2 s."""
    root, counts = str(ROOT) + os.sep, {"content_files": Counter(), "project_files": Counter()}

    def hook(event: str, args: tuple) -> None:
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.normpath(os.path.join(os.getcwd(), os.fsdecode(args[0])))
            name = path[len(root):]
            if path.startswith(root) and not name.startswith("bench" + os.sep) and "site-packages" not in name:
                counts["content_files" if name.startswith("content" + os.sep) else "project_files"][name] += 1

    def writer() -> None:
        while True:
            Path(stats_file + ".tmp").write_text(json.dumps(counts))
            os.replace(stats_file + ".tmp", stats_file)
            time.sleep(0.2)

    sys.addaudithook(hook)
    threading.Thread(target=writer, name="bench-stats", daemon=True).start()


def main(argv: list[str]) -> int:
    opts, rest = argv[:argv.index("--")], argv[argv.index("--") + 1:]
    _nodelay()
    if "--count-opens" in opts:
        _count_opens(os.path.abspath(opts[opts.index("--count-opens") + 1]))
    from streamlit.web.cli import main as streamlit_main
    sys.argv = ["streamlit", *rest]
    return streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
