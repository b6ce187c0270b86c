"""A tab left alone clears itself: nobody touches it, and the answers leave the screen (ui/idle.py).

A server with a very short idle time (IDLE_TIMEOUT_MINUTES=0.1, six seconds); the patient answers
one question and leaves the tab open. Without any click, the page's own timer asks for a run
once the time is up: the answers go, the plain notice shows, and the save button is gone.
"""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from e2e_app import ARTIFACTS, App, new_page
from bench.server import streamlit_server

pytestmark = pytest.mark.browser

IDLE_MINUTES = 0.1


@pytest.fixture(scope="module")
def short_idle_url():
    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_server(ARTIFACTS / "idle-server.log", env={"IDLE_TIMEOUT_MINUTES": str(IDLE_MINUTES)}) as url:
        yield url


def test_an_untouched_tab_drops_the_answers_by_itself(browser, short_idle_url, content):
    app = App(new_page(browser), short_idle_url, content)
    app.goto()
    app.expect_start()
    app.begin()
    app.answer("urgent_symptoms", ["none"])
    app.click("next", lambda: app.expect_step(1))     # step 2: what matters to her
    app.answer("route_preference", "pills_at_home")
    expect(app.button("save_answers")).to_be_visible()
    left = time.monotonic()
    notice = app.page.get_by_text(content.text("idle.cleared"))
    expect(notice).to_be_visible(timeout=30_000)          # no click, no key: the page's own timer
    assert time.monotonic() - left >= IDLE_MINUTES * 60 - 1
    expect(app.key("save_answers")).to_have_count(0)
    app.page.context.close()
