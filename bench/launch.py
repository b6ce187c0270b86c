"""Bench-only launcher: `streamlit run` in this process, with optional instrumentation.

    python bench/launch.py [--nodelay] [--stats FILE] [--count-opens] -- run app.py --server.port ...

--nodelay      Streamlit 1.67 binds its listening socket itself
               (`streamlit.web.server.starlette.starlette_server._bind_socket`) as
               `socket.socket(family)`, so its `proto` is 0 and asyncio does not set
               TCP_NODELAY on accepted connections (it only does when proto == IPPROTO_TCP):
               small ForwardMsgs then wait for the client's delayed ACK (Nagle). This wraps
               `_bind_socket` to return the same listening socket re-created with
               proto=IPPROTO_TCP, so every accepted connection gets TCP_NODELAY.
--stats FILE   Write counters as JSON to FILE every 0.2 s: CPU seconds spent building
               downloads (deferred download callables, and each --download-fn MODULE:FUNCTION,
               e.g. decision_aid.export_pdf:to_pdf), in each --cpu-of MODULE:FUNCTION (its
               own counter, inclusive), and with --count-opens the
               files opened by the server process (a `sys.addaudithook` on the "open" event,
               which builtins.open, io.open, pathlib and os.open all raise), grouped by
               where they are, and for a content file opened again, the line of the project's
               code that opened it.
               All of it is this process's only: the PDF worker processes (ui/pdf_worker.py,
               fresh "spawn" interpreters) are not instrumented, so a PDF built there is not
               in the to_pdf counter; its CPU is the worker's, which bench/server.py reads
               from /proc (Server.tree()).

Never used by `make run`: production starts with plain `streamlit run`.
"""
from __future__ import annotations

import functools
import importlib.abc
import importlib.util
import json
import os
import socket
import sys
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if sys.path and Path(sys.path[0]).resolve() == HERE:
    sys.path.pop(0)          # bench/ is not part of the app's import path


_inside = threading.local()


def _timed_call(fn, counters: dict, lock: threading.Lock, guard: bool, *args, **kwargs):
    """Call fn, adding its CPU time (this thread's) to counters. With guard, only the
    outermost guarded call counts, so a download callable that calls to_pdf counts once."""
    if guard and getattr(_inside, "on", False):
        return fn(*args, **kwargs)
    if guard:
        _inside.on = True
    c0, w0 = time.thread_time(), time.perf_counter()
    try:
        return fn(*args, **kwargs)
    finally:
        if guard:
            _inside.on = False
        with lock:
            counters["calls"] += 1
            counters["cpu_s"] += time.thread_time() - c0
            counters["wall_s"] += time.perf_counter() - w0


class _WrapOnImport(importlib.abc.MetaPathFinder):
    """When a watched module is imported (by the app, in its first run), wrap its watched
    functions so the CPU time of their calls is counted. Nothing is imported ahead of time,
    so the cold start is unchanged, and `from module import function` gets the wrapper.
    A module or function that no longer exists is skipped."""

    def __init__(self, lock: threading.Lock):
        self.lock = lock
        self.watched: dict[str, list[tuple[str, dict, bool]]] = {}

    def watch(self, target: str, counters: dict, guard: bool = False) -> None:
        module, function = target.split(":")
        self.watched.setdefault(module, []).append((function, counters, guard))

    def find_spec(self, name, path=None, target=None):
        if name not in self.watched:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return None
        exec_module, lock, functions = spec.loader.exec_module, self.lock, self.watched[name]

        def exec_and_wrap(module):
            exec_module(module)
            for function, counters, guard in functions:
                original = getattr(module, function, None)
                if not callable(original):
                    continue

                def timed(*args, _f=original, _c=counters, _g=guard, **kwargs):
                    return _timed_call(_f, _c, lock, _g, *args, **kwargs)

                setattr(module, function, functools.wraps(original)(timed))

        spec.loader.exec_module = exec_and_wrap
        return spec


def _caller(root: str) -> str:
    """The innermost frame of the project's own code (not bench/, not a library) on this thread's
    stack, as "path:line" relative to the project root; "?" if none."""
    f = sys._getframe(2)
    bench = root + "bench" + os.sep
    while f is not None:
        name = f.f_code.co_filename
        if name.startswith(root) and not name.startswith(bench) and "site-packages" not in name:
            return f"{name[len(root):]}:{f.f_lineno}"
        f = f.f_back
    return "?"


def main(argv: list[str]) -> int:
    opts, rest = argv[:argv.index("--")], argv[argv.index("--") + 1:]
    nodelay = "--nodelay" in opts
    count_opens = "--count-opens" in opts
    stats_file = opts[opts.index("--stats") + 1] if "--stats" in opts else None
    cpu_of = [opts[i + 1] for i, o in enumerate(opts) if o == "--cpu-of"]
    download_fns = [opts[i + 1] for i, o in enumerate(opts) if o == "--download-fn"]

    if nodelay:
        from streamlit.web.server.starlette import starlette_server as ss
        original = ss._bind_socket

        def bind_socket_nodelay(address: str, port: int, backlog: int) -> socket.socket:
            sock = original(address, port, backlog)
            tcp = socket.socket(sock.family, socket.SOCK_STREAM, socket.IPPROTO_TCP, fileno=sock.detach())
            tcp.setblocking(False)
            tcp.set_inheritable(True)
            return tcp

        ss._bind_socket = bind_socket_nodelay

    if stats_file:
        root = str(Path.cwd().resolve()) + os.sep
        content_dir = root + "content" + os.sep
        own_stats = os.path.abspath(stats_file)
        opens: Counter[str] = Counter()
        content_files: Counter[str] = Counter()
        project_files: Counter[str] = Counter()
        reopened_from: Counter[str] = Counter()     # "file:line" of the project code that opened a content file again
        downloads = {"calls": 0, "cpu_s": 0.0, "wall_s": 0.0}
        functions: dict[str, dict] = {}
        lock = threading.Lock()

        if count_opens:
            def hook(event: str, args: tuple) -> None:
                if event != "open" or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
                    return
                path = os.fsdecode(args[0])
                if not os.path.isabs(path):
                    path = os.path.join(os.getcwd(), path)
                path = os.path.normpath(path)
                if path.startswith(own_stats):
                    return                          # the writer below
                if path.startswith(content_dir):
                    group = "content"
                    content_files[path[len(root):]] += 1
                    if content_files[path[len(root):]] > 1:
                        reopened_from[_caller(root)] += 1
                elif "site-packages" in path or path.startswith(sys.base_prefix):
                    group = "python_libraries"
                elif path.startswith(root):
                    group = "project_other"
                    project_files[path[len(root):]] += 1
                elif path.startswith("/proc/") or path.startswith("/sys/") or path.startswith("/dev/"):
                    group = "proc_sys_dev"
                else:
                    group = "other"
                opens[group] += 1

            sys.addaudithook(hook)

        from streamlit.runtime import media_file_manager as mfm
        original_execute = mfm.MediaFileManager.execute_deferred

        def execute_deferred(self, file_id: str) -> str:
            return _timed_call(original_execute, downloads, lock, True, self, file_id)

        mfm.MediaFileManager.execute_deferred = execute_deferred

        finder = _WrapOnImport(lock)
        for target in download_fns:     # e.g. decision_aid.export_pdf:to_pdf: in the downloads total
            finder.watch(target, downloads, guard=True)
        for target in cpu_of:           # each on its own, inclusive of what it calls
            functions[target] = {"calls": 0, "cpu_s": 0.0, "wall_s": 0.0}
            finder.watch(target, functions[target])
        sys.meta_path.insert(0, finder)

        def writer() -> None:
            last = None
            while True:
                with lock:
                    snap = json.dumps({"opens": dict(opens), "content_files": dict(content_files),
                                       "project_files": dict(project_files),
                                       "content_reopened_from": dict(reopened_from),
                                       "downloads": dict(downloads),
                                       "functions": {k: dict(v) for k, v in functions.items()}}, sort_keys=True)
                if snap != last:
                    tmp = stats_file + ".tmp"
                    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                    os.write(fd, snap.encode())
                    os.close(fd)
                    os.replace(tmp, stats_file)
                    last = snap
                time.sleep(0.2)

        threading.Thread(target=writer, name="bench-stats", daemon=True).start()

    from streamlit.web.cli import main as streamlit_main
    sys.argv = ["streamlit", *rest]
    return streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
