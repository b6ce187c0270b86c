"""Browser tests: one real `streamlit run` server for the session, driven by Debian's Chromium.

Playwright's own browser download is never used (no network in CI): pytest-playwright's
launch arguments point at /usr/bin/chromium, which `make test` installs with apt-get.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from e2e_app import ARTIFACTS, SCREENSHOTS, App, new_page
from bench.server import streamlit_server

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

# Streamlit answers in well under a second here; a slow CI machine gets room, never a sleep.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def app_url():
    """Start the real app from the project root on a free port; yield its URL; stop it."""
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / "streamlit-server.log"
    try:
        with streamlit_server(log_path) as url:
            yield url
    except RuntimeError as e:
        pytest.fail(str(e))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium "
                    "(Playwright's own browser download is not used).", pytrace=False)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": FLAGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 900}, "accept_downloads": True}


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: pytest-playwright keeps its event loop running until the end of
    the session, and tests after it that call asyncio.run() would fail. Among them, the
    stale-menu check runs first, to see the app server's very first session."""
    def order(item):
        if not item.get_closest_marker("browser"):
            return 0
        return 1 if item.get_closest_marker("first_session") else 2
    items.sort(key=order)   # stable: the order within each group is kept


def pytest_configure(config):
    config.addinivalue_line("markers", "first_session: run before every other browser test")


@pytest.fixture
def open_app(browser, app_url, content, screenshots):
    """Open the app in a new browser context (a new Streamlit session) at phone or laptop size.

    On teardown, every page opened must never have received Streamlit's file-based menu."""
    pages = []

    def _open(size: str = "laptop", on_screen=None, **context_args) -> App:
        page = new_page(browser, size, **context_args)
        pages.append(page)
        return App(page, app_url, content, size, screenshots, on_screen)

    yield _open
    menus = []
    for page in pages:
        try:
            menus.append(page.evaluate("window.__e2e ? window.__e2e.sidebarNav : 0"))
        finally:
            page.context.close()
    assert not any(menus), f"Streamlit's file-based menu was drawn {menus} times"
