"""Accessibility in Chromium beyond axe: no stale menu, keyboard only, focus, 200% zoom.

(axe runs on every screen of the laptop walk-through in test_browser_patients.py.)
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from decision_aid.summary import build_summary
from e2e_app import ROOT, Keyboard
from patients import TRIPLE_NEGATIVE_KEYBOARD

pytestmark = pytest.mark.browser


@pytest.mark.first_session
def test_no_patient_ever_sees_streamlits_file_menu(open_app):
    """With a pages/ folder, Streamlit 1.67 first sends a new server's first session the menu
    of the files; the app hides it (client.showSidebarNavigation = false) and draws its own.
    The init script records every [data-testid=stSidebarNav] ever inserted: there must be none,
    on a fresh load of the start page and of the summary page."""
    for path, mark in (("", "start.heading"), ("summary", "summary_page.start_first")):
        app = open_app("laptop")
        app.goto(path)
        expect(app.main()).to_contain_text(app.t(mark))
        expect(app.sidebar().get_by_test_id("stPageLink-NavLink").filter(has_text=app.t("nav.learn"))).to_be_visible()
        assert app.nav_menus_seen() == 0
        expect(app.page.get_by_test_id("stSidebarNav")).to_have_count(0)
    look_and_name(app)


def look_and_name(app) -> None:
    """The theme a patient sees: the center's name, the plain favicon, no text under 16 px."""
    expect(app.sidebar()).to_contain_text(app.t("app.center"))
    expect(app.page).to_have_title(re.compile(re.escape(app.t("app.short_title")) + "$"))  # "<page> · <app>"
    assert app.page.evaluate("document.documentElement.lang") == "en"
    icon = app.page.locator('link[rel~="icon"]').first.get_attribute("href")
    served = app.page.request.get(app.page.evaluate("(h) => new URL(h, location.href).href", icon)).body()
    assert served == (ROOT / "static" / "favicon.png").read_bytes(), "the favicon is not static/favicon.png"
    assert app.page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 16
    assert not app.small_text(), app.small_text()   # every screen of the walks is checked too


def _ring_visible(ring: dict) -> bool:
    return (ring["outline"] not in ("none", "hidden") and ring["outlineWidth"] >= 2) or ring["shadow"] != "none"


def test_keyboard_only_patient_reaches_the_summary_with_focus_always_visible(open_app, content):
    patient = TRIPLE_NEGATIVE_KEYBOARD
    app = open_app("laptop")
    kb = Keyboard(app)
    app.goto()
    app.expect_start()

    kb.tab_to('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]')
    assert _ring_visible(ring := kb.focus_ring()), f"a focused page link shows no focus: {ring}"
    kb.tab_to(".st-key-begin button")
    ring = kb.focus_ring()
    assert ring["outline"] == "solid" and ring["outlineWidth"] >= 2, f"a focused button: {ring}"
    kb.press("Enter")
    app.expect_step(0)

    for n, step in enumerate(app.steps):
        for q in step.questions:
            if q.id in patient:
                expect(app.key(f"box_{q.id}")).to_be_visible()
                kb.answer(q.id, patient[q.id])
                if q.widget == "checkboxes" and n == 0:
                    ring = kb.focus_ring()
                    assert ring["tag"] == "LABEL" and _ring_visible(ring), f"a focused checkbox: {ring}"
        if step.id == "biology":   # a person goes back a step with Shift+Tab to Back, then on again
            kb.button("back", lambda: app.expect_step(n - 1), back=True)
            expect(app.key("q_recurrence_type").get_by_role("radio", checked=True)).to_have_count(1)
            kb.button("next", lambda: app.expect_step(n))
        last = n == len(app.steps) - 1
        kb.button("next", app.expect_review if last else (lambda n=n: app.expect_step(n + 1)))

    kb.button("see_summary", app.expect_summary)
    assert app.option_titles() == [sec.title for sec in build_summary(patient, content).document
                                   if sec.id.startswith("option_")]
    expect(app.main()).to_contain_text(patient["own_questions"])
    # "Make a PDF" by keyboard: the button is replaced by the download, and focus goes there
    kb.button("download_pdf_prepare", lambda: expect(app.button("download_pdf")).to_be_visible())
    for _ in range(60):                   # the focus mover polls for its target (ui/focus.py)
        if kb.focused(".st-key-download_pdf button"):
            break
        app.page.wait_for_timeout(50)
    assert kb.focused(".st-key-download_pdf button"), "focus was lost after Make a PDF"


def test_text_reflows_at_200_percent_zoom(open_app):
    """640 CSS px wide (a 1280 px screen at 200%): nothing scrolls sideways, page or main area."""
    app = open_app("zoom")
    wide = {}

    def check(name: str) -> None:
        app.idle()
        if overflow := app.horizontal_overflow():
            wide[name] = overflow

    app.goto()
    app.expect_start()
    check("start")
    app.begin()
    app.answer("urgent_symptoms", ["new_shortness_of_breath_or_chest_pain"])   # the notice too
    for n, step in enumerate(app.steps):
        check(step.id)
        last = n == len(app.steps) - 1
        app.click("next", app.expect_review if last else (lambda n=n: app.expect_step(n + 1)))
    check("review")
    app.click("see_summary", app.expect_summary)
    check("summary")
    app.nav("nav.learn", lambda: expect(app.main()).to_contain_text(app.t("learn.intro")))
    check("learn")
    assert not wide, wide
