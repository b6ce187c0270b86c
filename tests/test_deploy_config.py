"""What a hospital security review asks of the deployment, read from the configuration files.

docs/deploy.md ("Security review") says what each is for. The real response headers through
nginx are checked in tests/test_scale_out.py, and the app working under them in Chromium in
tests/e2e/test_browser_headers.py.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

from nginx_front import render_nginx

ROOT = Path(__file__).resolve().parent.parent
NGINX = render_nginx.production()
TEMPLATE = (ROOT / "deploy" / "nginx.conf.in").read_text(encoding="utf-8")
K8S = list(yaml.safe_load_all((ROOT / "deploy" / "kubernetes.yaml").read_text(encoding="utf-8")))
DOCS = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
DIGEST_PLACEHOLDER = "FILL-IN-THE-DIGEST-SEE-DOCS-DEPLOY-MD"
SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                    "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy")


def k8s(kind: str, name: str) -> dict:
    return next(d for d in K8S if d["kind"] == kind and d["metadata"]["name"] == name)


def nginx_headers() -> dict[str, str]:
    return dict(re.findall(r'add_header ([\w-]+) "([^"]+)" always;', NGINX))


def server_block() -> str:
    return NGINX[NGINX.index("server {\n    listen 443"):]


def locations() -> dict[str, str]:
    return dict(re.findall(r"location (?:= )?(\S+) \{(.*?)\n    \}", server_block(), re.S))


def csp_directives(csp: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in csp.split(";")) if d}


# ---- nginx ---------------------------------------------------------------------------------

def test_nginx_sends_every_security_header_on_every_response():
    headers = nginx_headers()
    assert set(SECURITY_HEADERS) <= headers.keys()
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"] and "microphone=()" in headers["Permissions-Policy"]
    assert "server_tokens off;" in server_block()
    # nginx forgets the server's add_header lines in a location that has its own
    assert not [p for p, body in locations().items() if "add_header" in body]


def test_the_content_security_policy_allows_only_the_apps_own_origin():
    csp = csp_directives(nginx_headers()["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert csp["connect-src"] == ["'self'"] and csp["form-action"] == ["'self'"]
    every_source = [s for sources in csp.values() for s in sources]
    assert not [s for s in every_source if s.startswith(("http", "ws", "*")) or s in ("'unsafe-eval'", "https:")]
    assert "'unsafe-inline'" not in csp["script-src"]


def _inline_script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_the_only_inline_scripts_allowed_are_the_ones_the_app_runs():
    """Streamlit's own index.html sets window.prerenderReady in an inline script; ui/style.py
    scrolls a new step to its top and warns before a reload loses answers; ui/focus.py moves
    focus and speaks to screen readers. Each keeps one text (its inputs are data- attributes),
    and the policy allows exactly these by hash: if a text changes (a Streamlit upgrade, an
    edit of ui/style.py or ui/focus.py), update the hashes in deploy/nginx.conf.in and
    deploy/kubernetes.yaml (the browser's console names the new one)."""
    import streamlit

    from ui import focus, language, style

    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    inline = [m for m in re.findall(r"<script>(.*?)</script>", index, re.S)]
    allowed = csp_directives(nginx_headers()["Content-Security-Policy"])["script-src"]
    expected = {_inline_script_hash(s) for s in inline + [style.TOP_JS, style.LEAVE_JS, focus._JS, language.LANG_JS]}
    assert expected == {s for s in allowed if s.startswith("'sha256-")}


def test_scripts_take_their_inputs_as_attributes_not_as_text():
    """What a script is told (a selector, a sentence to announce) never changes its text."""
    from ui import focus

    a = focus.script(focus._JS, sel="#a", say='He said "<b>hi</b>"')
    b = focus.script(focus._JS, sel="#b", say="")
    assert a.endswith(focus._JS + "</script>") and b.endswith(focus._JS + "</script>")
    assert "<b>" not in a and "&quot;" in a


def test_rate_limits_and_downloads_kept_out_of_the_log():
    assert re.search(r"limit_req_zone\s+\$binary_remote_addr zone=decision_aid_requests:\S+ rate=\d+r/s;", NGINX)
    assert re.search(r"\n    limit_req  zone=decision_aid_requests burst=\d+ nodelay;", server_block())
    assert re.search(r"\n    limit_conn decision_aid_connections \d+;", server_block())
    locs = locations()
    assert "zone=decision_aid_uploads" in locs["/_stcore/upload_file/"]
    assert "access_log off;" in locs["/media/"]
    assert "access_log off" not in locs["/"]
    for path, body in locs.items():
        assert "proxy_pass http://decision_aid;" in body, path


# ---- Kubernetes ----------------------------------------------------------------------------

def test_the_ingresses_send_the_same_headers_as_nginx():
    headers = k8s("ConfigMap", "decision-aid-security-headers")["data"]
    assert headers == {k: v for k, v in nginx_headers().items() if k in SECURITY_HEADERS}
    for name in ("decision-aid", "decision-aid-media"):
        ann = k8s("Ingress", name)["metadata"]["annotations"]
        assert ann["nginx.ingress.kubernetes.io/custom-headers"] == "decision-aid/decision-aid-security-headers"
        assert int(ann["nginx.ingress.kubernetes.io/limit-rps"]) > 0
        assert int(ann["nginx.ingress.kubernetes.io/limit-connections"]) > 0
        assert ann["nginx.ingress.kubernetes.io/session-cookie-name"] == "decision_aid_route"


def test_the_media_ingress_keeps_downloads_out_of_the_log_on_the_same_pods():
    main, media = k8s("Ingress", "decision-aid"), k8s("Ingress", "decision-aid-media")
    ann = media["metadata"]["annotations"]
    assert ann["nginx.ingress.kubernetes.io/enable-access-log"] == "false"
    for key in ("affinity", "affinity-mode", "session-cookie-path", "session-cookie-secure"):
        assert ann[f"nginx.ingress.kubernetes.io/{key}"] == main["metadata"]["annotations"][f"nginx.ingress.kubernetes.io/{key}"]
    (path,) = media["spec"]["rules"][0]["http"]["paths"]
    assert path["path"] == "/media/" and path["backend"] == main["spec"]["rules"][0]["http"]["paths"][0]["backend"]


def test_network_policies_deny_by_default_and_let_only_the_ingress_controller_in():
    deny = k8s("NetworkPolicy", "default-deny-all")["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny
    app = k8s("NetworkPolicy", "decision-aid")["spec"]
    assert app["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "decision-aid"}
    assert set(app["policyTypes"]) == {"Ingress", "Egress"}
    assert app["egress"] == [], "the pods reach nothing"
    (rule,) = app["ingress"]
    (peer,) = rule["from"]
    assert peer["namespaceSelector"]["matchLabels"] == {"kubernetes.io/metadata.name": "ingress-nginx"}
    assert peer["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "ingress-nginx"}
    assert rule["ports"] == [{"protocol": "TCP", "port": 8501}]


def test_the_image_the_manifest_and_the_benchmark_set_the_same_memory_setting():
    from bench.server import IMAGE_ENV
    (app,) = k8s("Deployment", "decision-aid")["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e["value"] for e in app["env"]}
    for name, value in IMAGE_ENV.items():
        assert f"{name}={value}" in DOCKERFILE and env[name] == value, name


def test_the_image_runs_the_app_and_readiness_asks_streamlit():
    (app,) = k8s("Deployment", "decision-aid")["spec"]["template"]["spec"]["containers"]
    assert app["readinessProbe"]["httpGet"]["path"] == "/_stcore/health"
    assert '"run", "app.py"' in DOCKERFILE.split("\nCMD ", 1)[1].split("\n")[0]


# ---- the image and its packages ------------------------------------------------------------

def test_the_base_image_is_pinned_by_digest_or_refuses_to_build():
    (base,) = re.findall(r"^FROM (\S+)", DOCKERFILE, re.M)
    name, _, digest = base.partition("@sha256:")
    assert name == "python:3.11-slim-bookworm"
    assert re.fullmatch(r"[0-9a-f]{64}", digest) or digest == DIGEST_PLACEHOLDER, base
    if digest == DIGEST_PLACEHOLDER:    # how to fill it in is written down
        assert DIGEST_PLACEHOLDER in DOCS and "docker buildx imagetools inspect python:3.11-slim-bookworm" in DOCS


def _lock(name: str) -> dict[str, tuple[str, list[str]]]:
    """package -> (version, hashes) of a pip-compile --generate-hashes lock."""
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    out = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"([A-Za-z0-9_.-]+)==(\S+)(.*)", line)
        assert m, f"{name}: not an exact pin: {line}"
        out[m.group(1).lower().replace("_", "-")] = (m.group(2), re.findall(r"--hash=sha256:([0-9a-f]{64})", m.group(3)))
    return out


def _pins(name: str) -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / name).read_text(encoding="utf-8"), re.M)
    return {p.lower().replace("_", "-"): v for p, v in pins}


@pytest.mark.parametrize("lock, source", [("requirements.lock", "requirements.txt"),
                                          ("requirements-dev.lock", "requirements-dev.txt")])
def test_every_package_is_pinned_by_hash_as_requirements_say(lock, source):
    packages = _lock(lock)
    assert not [p for p, (_, hashes) in packages.items() if not hashes], "a package without a hash"
    for package, version in _pins(source).items():
        assert packages[package][0] == version, f"{lock} has {package} {packages[package][0]}, {source} says {version}"


def test_the_test_lock_has_the_images_versions():
    runtime, dev = _lock("requirements.lock"), _lock("requirements-dev.lock")
    assert {p: v for p, (v, _) in runtime.items()} == {p: dev[p][0] for p in runtime}


def test_make_and_the_image_install_only_from_the_locks():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"pip install (.*)", makefile)
    project = [i for i in installs if "requirements" in i]
    assert project == ["-q --require-hashes -r requirements.lock", "-q --require-hashes -r requirements-dev.lock"]
    assert "COPY requirements.lock ./" in DOCKERFILE
    assert re.search(r"RUN pip install [^\n]*--require-hashes -r requirements\.lock", DOCKERFILE)
    assert "!requirements.lock" in (ROOT / ".dockerignore").read_text(encoding="utf-8").split()


def test_the_sbom_lists_exactly_the_images_packages():
    sbom = json.loads((ROOT / "sbom.cdx.json").read_text(encoding="utf-8"))
    assert sbom["bomFormat"] == "CycloneDX"
    listed = {}
    for c in sbom["components"]:
        hashes = {h["content"] for ref in c.get("externalReferences", []) for h in ref.get("hashes", [])}
        listed[c["name"].lower().replace("_", "-")] = (c["version"], hashes)
        assert c["purl"].startswith(f"pkg:pypi/"), c["purl"]
    lock = _lock("requirements.lock")
    assert {p: (v, set(h)) for p, (v, h) in lock.items()} == listed, "sbom.cdx.json is stale: make lock"


def test_docs_deploy_md_covers_the_review():
    for words in ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy",
                  "server_tokens off", "limit_req", "NetworkPolicy", "requirements.lock", "--require-hashes",
                  "sbom.cdx.json", "make lock", "/_stcore/health", "IDLE_TIMEOUT_MINUTES", "PDF_TIMEOUT_SECONDS",
                  "global-allowed-response-headers", "/media/"):
        assert words in DOCS, words
