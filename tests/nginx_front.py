"""Debian's nginx in front of app replicas, configured from deploy/nginx.conf.in, for tests.

Runs nginx as the current user with `-p <tmp> -c <conf>`, `daemon off`, logs, pid and temp
paths inside tmp. Used by tests/test_scale_out.py and the browser check of the headers.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.server import free_port, stop

ROOT = Path(__file__).resolve().parent.parent


def _load_renderer():
    spec = importlib.util.spec_from_file_location("render_nginx", ROOT / "deploy" / "render_nginx.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


render_nginx = _load_renderer()


def find_nginx() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx"):
        if os.access(p, os.X_OK):
            return p
    return None


NGINX = find_nginx()
MISSING = ("nginx is not installed and could not be: `make test` installs Debian's nginx "
           "(apt-get install nginx)")


def main_conf(tmp: Path, site_conf: Path) -> str:
    """A whole nginx.conf around the rendered site file, everything inside tmp."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # as root, workers would switch to nobody
    temps = "\n".join(f"    {kind}_temp_path {tmp / ('t_' + kind)};"
                      for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"{user}worker_processes 1;\n"
            "daemon off;\n"
            f"pid {tmp / 'nginx.pid'};\n"
            f"error_log {tmp / 'error.log'} warn;\n"
            "events { worker_connections 512; }\n"
            "http {\n"
            f"{temps}\n"
            f"    include {site_conf};\n"
            "}\n")


def write_conf(tmp: Path, upstreams: list[str], port: int, debug_headers: bool = False) -> Path:
    """Render the plain-HTTP loopback site from the template and wrap it; returns nginx.conf."""
    site = tmp / "decision-aid.conf"
    site.write_text(render_nginx.render(
        upstreams=upstreams, server_name="127.0.0.1", tls=False, listen=f"127.0.0.1:{port}",
        access_log=str(tmp / "access.log"), debug_headers=debug_headers), encoding="utf-8")
    main = tmp / "nginx.conf"
    main.write_text(main_conf(tmp, site), encoding="utf-8")
    return main


def check_conf(tmp: Path, main: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(main), "-e", str(tmp / "error.log")],
                          capture_output=True, text=True, timeout=20)


def start(tmp: Path, main: Path, log) -> subprocess.Popen:
    return subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(main), "-e", str(tmp / "error.log")],
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


@contextmanager
def nginx_in_front(upstreams: list[str], tmp: Path):
    """Yield http://127.0.0.1:<port> of nginx in front of the given replicas."""
    port = free_port()
    main = write_conf(tmp, upstreams, port)
    check = check_conf(tmp, main)
    assert check.returncode == 0, check.stderr
    with open(tmp / "nginx.out", "wb") as log:
        proc = start(tmp, main, log)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 20
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            while True:
                try:
                    if opener.open(base + "/_stcore/health", timeout=2).status == 200:
                        break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp / "error.log").read_text() if (tmp / "error.log").exists() else "nginx")
                time.sleep(0.1)
            yield base
        finally:
            stop(proc)
