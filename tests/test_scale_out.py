"""The scale-out shape of docs/deploy.md, proved on this machine.

Two replicas of the real app (`streamlit run app.py` on two free loopback ports, started with
the Dockerfile's CMD and ENV from a copy of exactly what the Dockerfile copies) run behind
Debian's nginx, configured from the same template as deploy/nginx.conf (deploy/nginx.conf.in,
rendered by deploy/render_nginx.py) but on plain HTTP on 127.0.0.1. Sessions are driven
through nginx with the app's own WebSocket protocol (bench/client.py), as a browser would:
GET / first (nginx sets the affinity cookie, the app its XSRF cookie), then the WebSocket with
those cookies and a same-origin Origin header.

How the replica is identified: the test config adds `X-Upstream: $upstream_addr` to every
response nginx sends, including the WebSocket's 101 handshake. Independently of that header,
affinity is proved by the app itself: a session exists only in one replica's memory, so a
reconnect that resumes it, or a download that is found, must have reached that replica; the
control shows that the same reconnect and download sent to the other replica find nothing.

Needs nginx (`make test` installs Debian's package); skipped with the reason when absent.
Loopback only; every wait is bounded.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from decision_aid.content import load_content
import nginx_front
from bench.client import Session

ROOT = Path(__file__).resolve().parent.parent
ROUTE_COOKIE = "decision_aid_route"
XSRF_COOKIE = "_streamlit_xsrf"

pytestmark = pytest.mark.scaleout


NGINX = nginx_front.NGINX
render_nginx = nginx_front.render_nginx
NEEDS_NGINX = pytest.mark.skipif(
    NGINX is None, reason=nginx_front.MISSING + "; without it the two-replica scale-out test cannot run")
_free_port = nginx_front.free_port
_main_conf = nginx_front.main_conf


# --------------------------------------------------------------------------------------
# HTTP through nginx, as a browser with its own cookie jar


@dataclass
class Response:
    status: int
    headers: dict[str, list[str]]
    body: bytes

    def header(self, name: str) -> str | None:
        values = self.headers.get(name.lower())
        return values[-1] if values else None

    def set_cookies(self) -> dict[str, str]:
        out = {}
        for line in self.headers.get("set-cookie", []):
            name, _, rest = line.partition("=")
            out[name.strip()] = rest.split(";", 1)[0]
        return out


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never a proxy


def http_get(url: str, cookies: dict[str, str] | None = None, timeout: float = 10) -> Response:
    req = urllib.request.Request(url)
    if cookies:
        req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with _OPENER.open(req, timeout=timeout) as r:
            status, msg, body = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, msg, body = e.code, e.headers, e.read()
    headers: dict[str, list[str]] = {}
    for k, v in msg.items():
        headers.setdefault(k.lower(), []).append(v)
    return Response(status, headers, body)


@dataclass
class Browser:
    """One browser: the cookies it got from nginx and the app, and the replica nginx chose."""
    cookies: dict[str, str]
    replica: str

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


@dataclass
class Cluster:
    base: str            # http://127.0.0.1:<nginx port>
    replicas: list[str]  # "127.0.0.1:<port>", as nginx names them in $upstream_addr
    tmp: Path
    image: Image

    def new_browser(self) -> Browser:
        """GET / with no cookies, as a new visitor: nginx picks a replica and sets the cookie."""
        r = http_get(self.base + "/")
        assert r.status == 200, r.status
        cookies = r.set_cookies()
        assert ROUTE_COOKIE in cookies, f"nginx set no affinity cookie: {r.headers}"
        replica = r.header("X-Upstream")
        assert replica in self.replicas, (replica, self.replicas)
        return Browser(cookies, replica)

    def browser_on(self, replica: str, limit: int = 64) -> Browser:
        for _ in range(limit):
            b = self.new_browser()
            if b.replica == replica:
                return b
        raise AssertionError(f"no new browser was sent to {replica} in {limit} tries")

    def replica_for(self, browser: Browser) -> str:
        r = http_get(self.base + "/_stcore/health", browser.cookies)
        assert r.status == 200 and r.body == b"ok", (r.status, r.body)
        return r.header("X-Upstream")


def _wait_http(url: str, deadline: float, procs=()) -> None:
    last = None
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"process exited with {p.returncode} while waiting for {url}")
        try:
            if http_get(url, timeout=2).status == 200:
                return
        except OSError as e:
            last = e
        time.sleep(0.1)
    raise TimeoutError(f"{url} not ready: {last}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


# --------------------------------------------------------------------------------------
# The image, without Docker (no engine on this machine): the replicas run from a copy of
# exactly what the Dockerfile copies, with its ENV and its CMD (address and port swapped)


@dataclass
class Image:
    root: Path             # the copied /app
    cmd: list[str]         # the Dockerfile's CMD
    health: list[str]      # the Dockerfile's HEALTHCHECK command
    env: dict[str, str]    # the Dockerfile's ENV


def _dockerfile():
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    copies = [ln.split()[1:] for ln in lines if ln.startswith("COPY ")]
    cmd = json.loads(next(ln[len("CMD "):] for ln in lines if ln.startswith("CMD ")))
    health = json.loads(next(ln.split(" CMD ", 1)[1] for ln in lines if ln.startswith("HEALTHCHECK ")))
    env = dict(re.findall(r"(\w+)=(\S+)", next(ln for ln in lines if ln.startswith("ENV "))))
    return copies, cmd, health, env


def build_image_dir(dest: Path) -> Image:
    copies, cmd, health, env = _dockerfile()
    dest.mkdir()
    for *sources, target in copies:
        for src in sources:
            to = dest / Path(src).name if target in ("./", ".") else dest / target
            if (ROOT / src).is_dir():
                shutil.copytree(ROOT / src, to, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(ROOT / src, to)
    return Image(dest, cmd, health, env)


def start_replica(image: Image, port: int, home: Path, log) -> subprocess.Popen:
    assert image.cmd[:4] == ["python", "-m", "streamlit", "run"], image.cmd
    args = [sys.executable] + image.cmd[1:]
    args[args.index("--server.address") + 1] = "127.0.0.1"   # loopback only, here
    args[args.index("--server.port") + 1] = str(port)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(image.env, HOME=str(home))
    home.mkdir(exist_ok=True)
    return subprocess.Popen(args, cwd=image.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if NGINX is None:
        pytest.skip(NEEDS_NGINX.kwargs["reason"])
    tmp = tmp_path_factory.mktemp("scaleout")
    procs: list[subprocess.Popen] = []
    logs = []
    try:
        image = build_image_dir(tmp / "app")
        ports = [_free_port(), _free_port()]
        replicas = [f"127.0.0.1:{p}" for p in ports]
        for i, port in enumerate(ports):
            log = open(tmp / f"replica{i}.log", "wb")
            logs.append(log)
            procs.append(start_replica(image, port, tmp / f"home{i}", log))

        nginx_port = _free_port()
        site = tmp / "decision-aid.conf"
        site.write_text(render_nginx.render(
            upstreams=replicas, server_name="127.0.0.1", tls=False,
            listen=f"127.0.0.1:{nginx_port}", access_log=str(tmp / "access.log"),
            debug_headers=True), encoding="utf-8")
        main = tmp / "nginx.conf"
        main.write_text(_main_conf(tmp, site), encoding="utf-8")
        check = subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(main), "-e", str(tmp / "error.log")],
                               capture_output=True, text=True, timeout=20)
        assert check.returncode == 0, check.stderr
        log = open(tmp / "nginx.out", "wb")
        logs.append(log)
        procs.append(subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(main), "-e", str(tmp / "error.log")],
                                      stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL))

        deadline = time.monotonic() + 40
        for port in ports:
            _wait_http(f"http://127.0.0.1:{port}/_stcore/health", deadline, procs)
        base = f"http://127.0.0.1:{nginx_port}"
        _wait_http(base + "/_stcore/health", deadline, procs)
        yield Cluster(base, replicas, tmp, image)
    finally:
        for p in reversed(procs):
            _stop(p)
        for log in logs:
            log.close()


@pytest.fixture(scope="module")
def words():
    c = load_content()
    return {
        "steps": [s.title for s in c.questions.steps],
        "begin": c.text("start.begin"),
        "summary_title": c.text("summary_headings.title"),
        "start_first": c.text("summary_page.start_first"),
    }


# --------------------------------------------------------------------------------------
# The ready file is the template's output


def test_deploy_nginx_conf_is_rendered_from_the_template():
    """deploy/nginx.conf is exactly what the template gives, so the test config cannot drift."""
    assert (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8") == render_nginx.production(), (
        "deploy/nginx.conf is out of date: python deploy/render_nginx.py > deploy/nginx.conf")


@NEEDS_NGINX
@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is needed for a throwaway certificate")
def test_production_config_passes_nginx_t(tmp_path):
    """The TLS file as shipped (only the certificate and log paths swapped) is valid nginx."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=decision-aid.example.org",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=30)
    params = dict(render_nginx.PRODUCTION, ssl_certificate=str(cert), ssl_certificate_key=str(key),
                  access_log=str(tmp_path / "access.log"))
    site = tmp_path / "decision-aid.conf"
    site.write_text(render_nginx.render(**params), encoding="utf-8")
    main = tmp_path / "nginx.conf"
    main.write_text(_main_conf(tmp_path, site), encoding="utf-8")
    r = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "error.log")],
                       capture_output=True, text=True, timeout=20)
    assert r.returncode == 0, r.stderr
    assert "syntax is ok" in r.stderr


def test_kubernetes_manifest_has_the_shape_docs_deploy_md_describes():
    """Parsed, not applied (no cluster here): replicas, non-root, probes, affinity, limits."""
    import yaml

    docs = {d["kind"]: d for d in yaml.safe_load_all((ROOT / "deploy" / "kubernetes.yaml").read_text())
            if d["metadata"]["name"] == "decision-aid"}    # the main objects (more: test_deploy_config)
    assert {"Deployment", "Service", "Ingress"} <= docs.keys()
    dep = docs["Deployment"]["spec"]
    assert dep["replicas"] == 3
    pod = dep["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    (app,) = pod["containers"]
    assert app["securityContext"]["readOnlyRootFilesystem"] is True
    assert app["ports"][0]["containerPort"] == 8501
    assert app["livenessProbe"]["httpGet"]["path"] == "/_stcore/health"
    assert app["readinessProbe"]["httpGet"]["path"] == "/_stcore/health"
    mounts = {m["mountPath"] for m in app["volumeMounts"]}
    assert {"/tmp", "/home/app"} <= mounts
    assert not any("persistentVolumeClaim" in v for v in pod["volumes"]), "nothing is stored"
    ann = docs["Ingress"]["metadata"]["annotations"]
    assert ann["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert ann["nginx.ingress.kubernetes.io/session-cookie-name"] == ROUTE_COOKIE
    assert ann["nginx.ingress.kubernetes.io/proxy-body-size"] == "1m"
    assert int(ann["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert docs["Ingress"]["spec"]["tls"]


# --------------------------------------------------------------------------------------
# Through nginx


def test_new_browsers_spread_across_both_replicas_and_keep_theirs(cluster):
    browsers = [cluster.new_browser() for _ in range(24)]
    per_replica = {r: sum(b.replica == r for b in browsers) for r in cluster.replicas}
    # chance that 24 random ids all hash to one of two replicas: 2 in 16 million
    assert all(per_replica.values()), per_replica
    assert len({b.cookies[ROUTE_COOKIE] for b in browsers}) == len(browsers), "route ids must be unique"
    for b in browsers[:8]:
        for _ in range(3):
            r = http_get(cluster.base + "/", b.cookies)
            assert r.status == 200
            assert r.header("X-Upstream") == b.replica, "a browser with the cookie changed replica"
            assert ROUTE_COOKIE not in r.set_cookies(), "the cookie is set once, not on every response"


def test_the_upload_limit_is_enforced_in_front(cluster):
    """client_max_body_size 1m: a bigger upload never reaches a replica."""
    b = cluster.new_browser()
    req = urllib.request.Request(cluster.base + "/_stcore/upload_file/x/y", data=b"x" * (1024 * 1024 + 1),
                                 method="PUT", headers={"Cookie": b.cookie_header})
    with pytest.raises(urllib.error.HTTPError) as e:
        _OPENER.open(req, timeout=10)
    assert e.value.code == 413


# What a hospital security review asks of every response (docs/deploy.md, "Security headers").
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def test_security_headers_on_every_response_through_nginx(cluster):
    """The real response headers through nginx: on the page, a script, health, a missing file
    (errors too) and an upload nginx refuses; and no nginx version anywhere."""
    b = cluster.new_browser()
    page = http_get(cluster.base + "/", b.cookies)
    script = re.search(rb'src="\./(static/js/[^"]+\.js)"', page.body).group(1).decode()
    responses = {"page": page,
                 "script": http_get(f"{cluster.base}/{script}", b.cookies),
                 "health": http_get(cluster.base + "/_stcore/health", b.cookies),
                 "missing": http_get(cluster.base + "/media/missing.json", b.cookies)}
    assert [r.status for r in responses.values()] == [200, 200, 200, 404]
    for what, r in responses.items():
        for name, value in SECURITY_HEADERS.items():
            assert r.header(name) == value, (what, name, r.header(name))
        csp = r.header("Content-Security-Policy") or ""
        for directive in ("default-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'",
                          "object-src 'none'", "connect-src 'self'"):
            assert directive in csp, (what, directive, csp)
        assert "'unsafe-eval'" not in csp and "script-src 'self'" in csp, (what, csp)
        assert "camera=()" in (r.header("Permissions-Policy") or ""), what
        assert r.header("Server") == "nginx", (what, r.header("Server"))     # server_tokens off
        assert len(r.headers.get("content-security-policy", [])) == 1, "one policy, not two"


def test_rate_limits_stop_a_flood_but_not_a_page_load(cluster):
    """A page load fetches about 30 files at once: 60 requests at once all pass. Uploads have
    their own, tighter limit: a flood of them is refused with 429 before reaching a replica."""
    b = cluster.new_browser()
    statuses = [http_get(cluster.base + "/_stcore/health", b.cookies).status for _ in range(60)]
    assert statuses == [200] * 60, statuses
    codes = []
    for _ in range(20):
        req = urllib.request.Request(cluster.base + "/_stcore/upload_file/x/y", data=b"{}", method="PUT",
                                     headers={"Cookie": b.cookie_header})
        try:
            codes.append(_OPENER.open(req, timeout=10).status)
        except urllib.error.HTTPError as e:
            codes.append(e.code)
    assert 429 in codes, codes
    assert codes.index(429) >= 5, f"uploads refused too early: {codes}"


async def _open(cluster: Cluster, browser: Browser, session_id: str = "") -> Session:
    tab = Session(cluster.base, keep_text=True, session_id=session_id)
    await tab.connect(cookie=browser.cookie_header, origin=cluster.base, xsrf=browser.cookies.get(XSRF_COOKIE))
    return tab


async def _to_summary(cluster: Cluster, browser: Browser, words: dict) -> dict:
    """Start -> Begin -> every step (ticking one answer on step 1) -> review -> summary.
    Returns with the tab still open, on the summary page."""
    seen = set()
    tab = await _open(cluster, browser)
    seen.add(tab.response_headers.get("X-Upstream"))
    await tab.open()                                              # the start page (errors raise)
    assert tab.session_id
    pages = dict(tab.pages)
    assert words["begin"] in tab.text
    await tab.click("begin")                                      # Begin the questions
    assert tab.page_name() == "questions", "Begin did not open the questions page"
    assert words["steps"][0] in tab.text, "the questions page did not show step 1"
    none = next(k for k, (kind, _) in tab.widgets.items() if kind == "checkbox" and k.endswith("__none"))
    await tab.checkbox(none)                                      # "none of these" urgent symptoms
    for n in range(1, len(words["steps"])):
        await tab.click("next")
        assert words["steps"][n] in tab.text, f"step {n + 1} did not render"
        seen.add(await asyncio.to_thread(cluster.replica_for, browser))  # HTTP between reruns
    await tab.click("next")                                       # last step -> review
    assert tab.page_name() == "review"
    await tab.click("see_summary")                                # review -> summary
    assert tab.page_name() == "summary"
    assert words["summary_title"] in tab.text and words["start_first"] not in tab.text
    return {"browser": browser, "tab": tab, "pages": pages, "seen": seen,
            "session_id": tab.session_id}


async def _prepare_pdf(tab: Session) -> str:
    """Click "Make a PDF of my summary": the app builds it in this session's run and offers
    it at a media URL that the browser then fetches."""
    await tab.click("download_pdf_prepare")
    return tab.download_url("download_pdf")


async def _download_pdf(cluster: Cluster, j: dict) -> None:
    url = await _prepare_pdf(j["tab"])
    pdf = await asyncio.to_thread(http_get, cluster.base + url, j["browser"].cookies)
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF"), (pdf.status, pdf.body[:40])
    j["seen"].add(pdf.header("X-Upstream"))


async def _reconnect(cluster: Cluster, j: dict, words: dict) -> None:
    """The tab drops (a phone locking, a train tunnel) and the browser reconnects with its id:
    the session, with its answers, is still there."""
    await j["tab"].close()
    async with await _open(cluster, j["browser"], session_id=j["session_id"]) as tab:
        j["seen"].add(tab.response_headers.get("X-Upstream"))
        await tab.rerun("resume", page_hash=j["pages"]["summary"])
        assert tab.session_id == j["session_id"], "the reconnect did not resume the session"
        assert words["summary_title"] in tab.text and words["start_first"] not in tab.text


def test_whole_journeys_through_nginx_stay_on_their_replica(cluster, words):
    """Four patients at once, two landed on each replica by nginx, each walks the whole guide,
    downloads the PDF and survives a dropped connection."""
    browsers = [cluster.browser_on(r) for r in cluster.replicas for _ in range(2)]

    async def go():
        journeys = await asyncio.gather(*(_to_summary(cluster, b, words) for b in browsers))
        # all at once: the PDF is built in each session's own run, so other sessions' runs
        # cannot drop it before the browser fetches it (ui/downloads.py)
        await asyncio.gather(*(_download_pdf(cluster, j) for j in journeys))
        await asyncio.gather(*(_reconnect(cluster, j, words) for j in journeys))
        return journeys

    journeys = asyncio.run(asyncio.wait_for(go(), timeout=90))
    assert len({j["session_id"] for j in journeys}) == len(journeys)
    for j in journeys:
        # every HTTP request, both WebSocket handshakes and the download went to one replica
        assert j["seen"] == {j["browser"].replica}, (j["seen"], j["browser"].replica)
    assert {j["browser"].replica for j in journeys} == set(cluster.replicas), "sessions did not spread"


def test_readiness_is_served_and_stays_ready_while_pdfs_are_made(cluster, words):
    """The Kubernetes readinessProbe's path answers 200, and still does once a PDF has been made
    (in a process of its own, which has ended)."""
    replica = cluster.replicas[0]
    ready = f"http://{replica}/_stcore/health"
    browser = cluster.browser_on(replica)

    async def go():
        assert (await asyncio.to_thread(http_get, ready)).status == 200
        j = await _to_summary(cluster, browser, words)
        await _download_pdf(cluster, j)
        assert (await asyncio.to_thread(http_get, ready)).status == 200
        await j["tab"].close()

    asyncio.run(asyncio.wait_for(go(), timeout=90))


def test_without_affinity_the_session_is_gone(cluster, words):
    """The control: the same reconnect and download sent to the other replica find nothing.
    This is why docs/deploy.md asks for session affinity."""
    home, other = cluster.replicas
    patient = cluster.browser_on(home)
    stranger = cluster.browser_on(other)   # a route cookie that hashes to the other replica

    async def go():
        async with await _open(cluster, patient) as tab:
            await tab.open()
            session_id, pages = tab.session_id, dict(tab.pages)
            await tab.click("begin")
            none = next(k for k, (kind, _) in tab.widgets.items() if kind == "checkbox" and k.endswith("__none"))
            await tab.checkbox(none)
            await tab.click("next")
            await tab.goto("summary")
            assert words["summary_title"] in tab.text
            url = await _prepare_pdf(tab)
            # the patient's own browser fetches it; the same URL via the other replica is not there
            ok = await asyncio.to_thread(http_get, cluster.base + url, patient.cookies)
            lost = await asyncio.to_thread(http_get, cluster.base + url, stranger.cookies)
            assert ok.status == 200 and ok.header("X-Upstream") == home
            assert lost.status == 404 and lost.header("X-Upstream") == other
        cookies = dict(patient.cookies, **{ROUTE_COOKIE: stranger.cookies[ROUTE_COOKIE]})
        moved = Browser(cookies, other)
        async with await _open(cluster, moved, session_id=session_id) as tab:
            assert tab.response_headers.get("X-Upstream") == other
            await tab.rerun("resume", page_hash=pages["summary"])
            assert tab.session_id and tab.session_id != session_id, "the other replica cannot know the session"
            assert words["start_first"] in tab.text, "the answers should not be on the other replica"

    asyncio.run(asyncio.wait_for(go(), timeout=60))


def test_nginx_logs_paths_without_query_strings(cluster):
    """The access log format keeps the path only (nothing about patients is in URLs anyway),
    and never a download's address (/media/<id>: the id is what keeps the file private)."""
    b = cluster.new_browser()
    assert http_get(cluster.base + "/?probe=not-for-the-log", b.cookies).status == 200
    assert http_get(cluster.base + "/media/0123456789abcdef.json", b.cookies).status == 404
    access = (cluster.tmp / "access.log").read_text(encoding="utf-8")
    assert f"upstream={b.replica}" in access
    assert "not-for-the-log" not in access and "?" not in access
    assert " /media/" not in access and "0123456789abcdef" not in access
    errors = (cluster.tmp / "error.log").read_text(encoding="utf-8")
    assert "connect() failed" not in errors and "upstream prematurely closed" not in errors, errors


def test_the_image_healthcheck_and_dockerignore(cluster):
    """The Dockerfile's HEALTHCHECK command passes against a replica started from its CMD,
    .dockerignore lets every copied path into the build context, and the replicas, run
    from the image's files only, logged no traceback during all of the above."""
    for replica in cluster.replicas:
        check = [sys.executable] + cluster.image.health[1:]
        check[-1] = check[-1].replace("127.0.0.1:8501", replica)
        assert check[-1] != cluster.image.health[-1], "HEALTHCHECK does not probe 127.0.0.1:8501"
        assert subprocess.run(check, timeout=15).returncode == 0, "the HEALTHCHECK command failed"
    ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    copies, *_ = _dockerfile()
    for *sources, _target in copies:
        for src in sources:
            assert "!" + src.rstrip("/") in ignore, f".dockerignore leaves out {src}"
    for i in range(len(cluster.replicas)):
        log = (cluster.tmp / f"replica{i}.log").read_text(encoding="utf-8", errors="replace")
        assert "Traceback" not in log, log[-3000:]
