"""The urgent warning on a phone: in view and focused at once, even for the last symptom."""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_ticking_the_last_symptom_brings_the_warning_into_view_and_focus(open_app, content):
    app = open_app("phone")
    app.goto()
    app.expect_start()
    app.begin()
    q = app.question("urgent_symptoms")
    last = [c.value for c in q.choices if c.value != "none"][-1]
    box = app.key(f"q_urgent_symptoms__{last}")
    box.scroll_into_view_if_needed()
    started = time.monotonic()
    box.locator("label").get_by_text(app.label("urgent_symptoms", last), exact=True).click()
    warning = app.key("urgent_now")
    app.page.wait_for_function(
        "document.activeElement && document.activeElement.classList.contains('st-key-urgent_now')", timeout=5000)
    took = time.monotonic() - started
    expect(warning).to_be_in_viewport()
    assert took < 1.0, f"the warning took focus after {took:.2f} s"
    expect(warning).to_contain_text(content.urgent.notice)
    expect(warning.locator('a[href="tel:911"]')).to_be_visible()
    # a short line beside the ticked box, and the status region announces it
    expect(box.locator("xpath=..")).to_contain_text(app.t("urgent_banner.beside"))
    expect(app.page.locator("#a11y-status")).to_have_text(app.t("urgent_banner.heading"))
    app.page.screenshot(path="/tmp/ux-urgent-phone.png")

    # "None of these" then unticks the symptom: the two cannot be ticked together
    none = app.key("q_urgent_symptoms__none")
    app.act(lambda: none.locator("label").click())
    expect(box.get_by_role("checkbox")).not_to_be_checked()
    expect(warning).to_have_count(0)

    # on the next pages, one compact line (a small part of the phone's screen) with the links
    app.act(lambda: box.locator("label").get_by_text(app.label("urgent_symptoms", last), exact=True).click())
    app.click("next", lambda: app.expect_step(1))
    line = app.key("urgent_line")
    expect(line.locator('a[href="tel:911"]')).to_be_visible()
    height = line.bounding_box()["height"]
    assert height < 0.3 * 844, f"the urgent line takes {height:.0f} px of an 844 px screen"
    app.page.screenshot(path="/tmp/ux-urgent-line-phone.png")
