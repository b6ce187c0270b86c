"""The app works in Chromium under the security headers nginx sends (deploy/nginx.conf.in).

A whole journey through Debian's nginx in front of the real app: the Content-Security-Policy
blocks nothing the app needs (no violation is reported on any page, the page scrolls to the
top on a new step, the downloads and an upload work), no request ever leaves the app's origin,
every response carries the headers, nginx logs no /media/ path, and a patient's saved file is
gone (404) the moment they clear their answers.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from e2e_app import App, new_page
from nginx_front import MISSING, NGINX, nginx_in_front
from patients import DISTANT_HR_POSITIVE
from bench.server import streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.skipif(NGINX is None, reason=MISSING)]

HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
WATCH_CSP = """document.addEventListener('securitypolicyviolation', (e) => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI); });"""


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("headers")
    with streamlit_server(tmp / "app.log") as url:
        with nginx_in_front([url.removeprefix("http://")], tmp) as base:
            yield base, tmp


class AppUnderCsp(App):
    """Playwright's wait_for_function evaluates its predicate with eval(), which this CSP
    rightly forbids: poll with page.evaluate (sent by the browser's debugger, not the page)."""

    def _until(self, expression: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(expression):
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            self.page.wait_for_timeout(50)

    def after_run(self, before: int) -> None:
        self._until(f"window.__e2e.req > {before} && window.__e2e.done >= window.__e2e.req")
        self.idle()

    def at_top(self) -> None:
        self._until("document.querySelector('[data-testid=\"stMain\"]').scrollTop < 2")


def _check_headers(headers: dict[str, str], what: str) -> None:
    for name, value in HEADERS.items():
        assert headers.get(name) == value, (what, name, headers.get(name))
    csp = headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, (what, csp)
    assert "img-src 'self' data:" in csp, (what, csp)
    assert "permissions-policy" in headers, what
    assert headers.get("server") == "nginx", (what, headers.get("server"))   # no version


def test_a_journey_under_the_security_headers(browser, behind_nginx, content, tmp_path):
    base, tmp = behind_nginx
    page = new_page(browser)
    page.add_init_script(WATCH_CSP)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    app = AppUnderCsp(page, base, content)

    first = page.goto(base + "/")
    _check_headers(first.headers, "the page")
    app.after_run(0)
    app.expect_start()
    app.begin()
    app.walk(DISTANT_HR_POSITIVE)                       # every step opens at its top (a script)
    app.click("see_summary", app.expect_summary)
    assert app.option_titles()
    pdf = app.download_pdf(tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    app.show_details()
    assert DISTANT_HR_POSITIVE["own_questions"] in app.download("download_md", tmp_path).read_text()
    saved = app.save_answers(tmp_path)
    for label in ("nav.learn", "nav.consultation"):
        app.nav(label, app.idle)
    app.nav("nav.start", app.expect_start)
    app.resume(saved["__path__"])                       # an upload through nginx

    # the saved file's address: the patient's own page fetches it, and it carries the headers
    with page.expect_download() as dl:
        app.button("save_answers").click()
    media_url = dl.value.url
    assert "/media/" in media_url
    fetched = page.request.get(media_url)
    assert fetched.status == 200
    _check_headers(fetched.headers, "a download")
    app.clear_answers()
    assert page.request.get(media_url).status == 404, "the saved file outlived Clear"

    violations = page.evaluate("window.__csp || []")
    assert violations == [], violations
    others = [u for u in requests if not u.startswith(base) and not u.startswith(("data:", "blob:"))]
    assert others == [], others
    static = next(u for u in requests if "/static/" in u)
    _check_headers(page.request.get(static).headers, "a script file")
    log = (Path(tmp) / "access.log").read_text()
    assert " /static/" in log                                        # the log is written
    assert " /media/" not in log, "nginx logged a download's address"
    page.context.close()
