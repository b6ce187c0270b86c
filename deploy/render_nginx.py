"""Render nginx configurations for the decision aid from one template, deploy/nginx.conf.in.

    python deploy/render_nginx.py > deploy/nginx.conf     # the ready production file (TLS)

The production file (deploy/nginx.conf) and the plain-HTTP loopback file that
tests/test_scale_out.py runs in front of two real replicas both come from `render()`, so
the affinity, WebSocket and upload settings the test proves are the ones a maintainer
deploys. tests/test_scale_out.py also checks that deploy/nginx.conf is up to date.
Standard library only.
"""
from __future__ import annotations

import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.in"

# The defaults of the ready file: three replicas on this host (for example three containers
# published on 127.0.0.1:8501-8503), a placeholder name and placeholder certificate paths.
PRODUCTION = dict(
    upstreams=("127.0.0.1:8501", "127.0.0.1:8502", "127.0.0.1:8503"),
    server_name="decision-aid.example.org",
    tls=True,
    ssl_certificate="/etc/ssl/decision-aid/fullchain.pem",
    ssl_certificate_key="/etc/ssl/decision-aid/privkey.pem",
    access_log="/var/log/nginx/decision-aid.access.log",
    debug_headers=False,
)

_GENERATED = ("Generated from deploy/nginx.conf.in by deploy/render_nginx.py: edit the template, "
              "then run\n#   python deploy/render_nginx.py > deploy/nginx.conf")


def render(*, upstreams, server_name: str, tls: bool, access_log: str,
           listen: str | None = None, ssl_certificate: str = "", ssl_certificate_key: str = "",
           debug_headers: bool = False) -> str:
    """Fill the template.

    tls=True: listen on 443 with the given certificate, plus a server on 80 that redirects
    to https. tls=False: plain HTTP on `listen` (for example "127.0.0.1:8080"), for tests.
    debug_headers=True adds X-Upstream (the replica that answered) to every response; the
    scale-out test uses it, production does not (it would show internal addresses).
    """
    if not upstreams:
        raise ValueError("at least one replica is needed")
    servers = "\n".join(f"    server {u} max_fails=1 fail_timeout=10s;" for u in upstreams)
    if tls:
        if not (ssl_certificate and ssl_certificate_key):
            raise ValueError("TLS needs ssl_certificate and ssl_certificate_key")
        listen_lines = ("    listen 443 ssl;\n"
                        "    listen [::]:443 ssl;\n"
                        "    # On nginx >= 1.25.1 you may add `http2 on;` (the WebSocket still uses HTTP/1.1).")
        tls_lines = (
            "\n"
            "    # TLS: replace with the center's certificate (full chain) and key.\n"
            f"    ssl_certificate     {ssl_certificate};\n"
            f"    ssl_certificate_key {ssl_certificate_key};\n"
            "    ssl_protocols       TLSv1.2 TLSv1.3;\n"
            "    ssl_session_cache   shared:decision_aid_tls:10m;\n"
            "    ssl_session_timeout 1d;\n"
            "    ssl_session_tickets off;\n"
            '    add_header Strict-Transport-Security "max-age=63072000" always;\n')
        redirect = (
            "\n"
            "# Plain HTTP only redirects to HTTPS.\n"
            "server {\n"
            "    listen 80;\n"
            "    listen [::]:80;\n"
            f"    server_name {server_name};\n"
            f"    access_log {access_log} decision_aid;\n"
            "    return 301 https://$host$request_uri;\n"
            "}\n")
    else:
        if not listen:
            raise ValueError("plain HTTP needs listen, e.g. 127.0.0.1:8080")
        listen_lines = f"    listen {listen};"
        tls_lines = ""
        redirect = ""
    debug = ("    # Test only: which replica answered.\n"
             "    add_header X-Upstream $upstream_addr always;\n") if debug_headers else ""
    out = TEMPLATE.read_text(encoding="utf-8")
    for key, value in {
        "GENERATED_NOTE": _GENERATED,
        "UPSTREAM_SERVERS": servers,
        "REDIRECT_SERVER": redirect,
        "LISTEN": listen_lines,
        "SERVER_NAME": server_name,
        "TLS": tls_lines,
        "ACCESS_LOG": access_log,
        "DEBUG_HEADERS": debug,
    }.items():
        out = out.replace("{{" + key + "}}", value)
    if "{{" in out:
        raise ValueError("template placeholder left unfilled")
    return out


def production() -> str:
    """The text of deploy/nginx.conf."""
    return render(**PRODUCTION)


if __name__ == "__main__":
    sys.stdout.write(production())
