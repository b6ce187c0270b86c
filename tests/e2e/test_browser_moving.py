"""Moving around by keyboard, by the browser's Back and Forward, and on a phone: focus follows
the steps, changes are announced, nothing is lost to a reload without a warning."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from decision_aid.answers import to_file
from e2e_app import Keyboard

pytestmark = pytest.mark.browser

FOCUSED_ID = "document.activeElement && document.activeElement.id"


def status(app):
    return app.page.locator("#a11y-status")


def progress(app, n):
    return app.t("steps.announce", n=n + 1, total=len(app.steps), title=app.steps[n].title)


def test_next_and_back_move_focus_to_the_heading_and_announce_the_step(open_app):
    app = open_app("zoom")
    app.goto()
    app.expect_start()
    app.begin()
    app.page.wait_for_function(f"{FOCUSED_ID} === 'step-{app.steps[0].id}'")
    expect(status(app)).to_have_text(progress(app, 0))
    keys = Keyboard(app)
    keys.button("next", lambda: app.expect_step(1))
    app.page.wait_for_function(f"{FOCUSED_ID} === 'step-{app.steps[1].id}'")
    expect(status(app)).to_have_text(progress(app, 1))
    # the next Tab goes into the step's first question, not past it
    app.page.keyboard.press("Tab")
    first = app.steps[1].questions[0].id
    assert app.page.evaluate(f"!!document.activeElement.closest('.st-key-box_{first}')"), \
        app.page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    keys.button("back", lambda: app.expect_step(0), back=False)
    app.page.wait_for_function(f"{FOCUSED_ID} === 'step-{app.steps[0].id}'")
    expect(status(app)).to_have_text(progress(app, 0))


def test_browser_back_and_forward_move_between_steps(open_app):
    app = open_app("laptop")
    app.goto()
    app.begin()
    app.answer("urgent_symptoms", ["none"])
    app.click("next", lambda: app.expect_step(1))
    app.click("next", lambda: app.expect_step(2))
    assert app.page.url.endswith("step=3"), app.page.url
    app.act(app.page.go_back)
    app.expect_step(1)
    app.act(app.page.go_back)
    app.expect_step(0)
    expect(app.key("q_urgent_symptoms__none").get_by_role("checkbox")).to_be_checked()
    app.act(app.page.go_forward)
    app.expect_step(1)


def test_change_returns_to_check_your_answers(open_app):
    app = open_app("laptop")
    n = [s.id for s in app.steps].index("recurrence")
    app.goto(f"questions?step={n + 1}")
    app.expect_step(n)
    app.answer("recurrence_type", "distant")
    app.nav("nav.review", app.expect_review)
    expect(app.key("review_recurrence_type")).to_have_count(0)     # folded: one line for the step
    app.open_fold("fold_review_recurrence")
    app.click("change_recurrence_type", lambda: app.expect_step(n))
    app.answer("recurrence_type", "both")
    # back on the page, the step's answers open, focus on the Change button just used, in view
    app.click("back_to_review", lambda: expect(app.key("see_summary")).to_be_attached())
    expect(app.key("review_recurrence_type")).to_contain_text(app.label("recurrence_type", "both"))
    app.page.wait_for_function("!!document.activeElement.closest('.st-key-change_recurrence_type')")
    expect(app.button("change_recurrence_type")).to_be_in_viewport()
    # the step's own Change, on its one line: focus comes back to it
    app.click("change_step_recurrence", lambda: app.expect_step(n))
    app.click("back_to_review", lambda: expect(app.key("see_summary")).to_be_attached())
    app.page.wait_for_function("!!document.activeElement.closest('.st-key-change_step_recurrence')")
    # the step's other questions, skipped, are one line with one Change; after it, focus comes back there
    expect(app.key("review_skipped_recurrence")).to_contain_text(app.questions["recurrence_timing"].short)
    app.click("change_skipped_recurrence", lambda: app.expect_step(n))
    app.click("back_to_review", lambda: expect(app.key("see_summary")).to_be_attached())
    app.page.wait_for_function("!!document.activeElement.closest('.st-key-change_skipped_recurrence')")


def test_a_reload_with_answers_asks_first(open_app):
    app = open_app("laptop")
    app.goto()
    app.begin()
    app.page.reload()           # no answers yet: no question asked
    app.after_run(0)
    app.expect_step(0)
    assert app.page.dialogs_seen == []
    app.answer("urgent_symptoms", ["none"])
    expect(app.main()).to_contain_text(app.t("steps.leave_note"))
    app.page.reload()
    assert app.page.dialogs_seen == ["beforeunload"]


def test_phone_menu_closes_and_stays_out_of_the_tab_order(open_app):
    app = open_app("phone")
    app.goto()
    app.expect_start()
    # folded: Tab never lands in the menu
    for _ in range(40):
        app.page.keyboard.press("Tab")
        assert not app.page.evaluate("!!document.activeElement.closest('[data-testid=stSidebar]')")
    app.page.evaluate("document.activeElement.blur()")   # the skip link, shown while focused
    app.open_sidebar()
    link = app.sidebar().get_by_test_id("stPageLink-NavLink").filter(has_text=app.t("nav.learn"))
    app.act(link.click)
    expect(app.main().get_by_role("heading", name=app.t("learn.heading"))).to_be_visible()
    expect(app.page.get_by_test_id("stExpandSidebarButton")).to_be_visible()   # closed by itself


def test_no_ctrl_enter_hint_on_a_phone(open_app, content):
    step = next(i for i, s in enumerate(content.questions.steps) if any(q.id == "own_questions" for q in s.questions))
    app = open_app("phone")
    app.goto(f"questions?step={step + 1}")
    app.expect_step(step)
    box = app.key("q_own_questions").locator("textarea")
    box.click()
    app.page.keyboard.type("What comes next?")
    expect(app.page.get_by_test_id("InputInstructions")).to_be_hidden()


def test_a_loaded_file_is_announced(open_app, tmp_path):
    path = tmp_path / "answers.json"
    path.write_bytes(to_file({"hr_status": "positive"}))
    app = open_app("laptop")
    app.goto()
    app.expect_start()
    app.resume(str(path))
    expect(status(app)).to_have_text(app.t("start.resume_done"))


def test_why_we_ask_opens_with_one_tap_or_enter(open_app, content):
    q = content.questions.steps[0].questions[0]
    app = open_app("phone")
    app.goto("questions?step=1")
    app.expect_step(0)
    why = app.key(f"why_{q.id}")
    expect(app.main()).not_to_contain_text(q.why.strip()[:40])
    app.act(lambda: why.locator("summary").click())
    expect(why).to_contain_text(q.why.strip()[:40])
