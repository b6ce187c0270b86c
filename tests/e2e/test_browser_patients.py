"""End to end in Chromium: three patients walk the whole flow by clicking and typing.

Each one: start -> every step (Back/Next) -> check your answers -> summary; downloads the PDF
and the saved-answers file; reloads (a new, empty session); resumes from the file and gets
the same summary. On the way, every screen is checked (axe on a laptop; no sideways
scrolling and 44 px touch targets on a phone) and photographed for people to look at.
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from decision_aid.answers import clean, facts, from_file
from decision_aid.summary import answer_text, build_summary
from e2e_app import ARTIFACTS, App
from patients import DISTANT_HR_POSITIVE, LOCAL_REGIONAL, MAN_HER2_POSITIVE_URGENT

pytestmark = pytest.mark.browser


class ScreenChecks:
    """What is checked on every screen a patient sees; problems are collected, then asserted."""

    def __init__(self, size: str, axe: bool = False, urgent: bool = False, only: tuple[str, ...] = ()):
        self.size, self.run_axe, self.urgent, self.only = size, axe, urgent, only
        self.problems: dict[str, object] = {}
        self.axe_report: dict[str, list] = {}

    def __call__(self, app: App, name: str) -> None:
        app.idle()
        if self.urgent:
            expect(urgent_banner(app)).to_be_visible()
        if self.only and name not in self.only:   # the notice on every step; the rest where named
            return
        if self.run_axe:
            # a tooltip under the resting pointer (e.g. Save, now near the top of the summary) is
            # checked once shown, not half-way through its fade-in
            app.page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
            found = app.axe()
            self.axe_report[f"{self.size}-{name}"] = found     # all of it, for people to read
            if serious := [v for v in found if v["impact"] in ("serious", "critical")]:
                self.problems[f"{name}: axe"] = serious
        if small := app.small_text():
            self.problems[f"{name}: text under 16 px"] = small
        if unlabelled := app.unlabelled_controls():
            self.problems[f"{name}: controls without a visible label"] = unlabelled
        if self.size == "phone":
            if overflow := app.horizontal_overflow():
                self.problems[f"{name}: scrolls sideways"] = overflow
            if small := app.small_targets():
                self.problems[f"{name}: touch targets under 44x44"] = small
        app.whole_page_shot(name)

    def assert_clean(self, report: str | None = None) -> None:
        if report and self.axe_report:   # moderate and minor findings too: docs/accessibility.md
            (ARTIFACTS / report).write_text(json.dumps(self.axe_report, indent=1), encoding="utf-8")
        assert not self.problems, json.dumps(self.problems, indent=1)


def urgent_banner(app: App):
    return app.main().get_by_test_id("stAlert").filter(has_text=app.t("urgent_banner.heading"))


def expected_titles(content, patient) -> list[str]:
    return [sec.title for sec in build_summary(patient, content).document if sec.id.startswith("option_")]


def journey(app: App, content, patient: dict, downloads) -> list[str]:
    """The whole flow for one patient. Returns the option titles of the first summary."""
    app.goto()
    app.expect_start()
    app.screen("start")
    app.begin()
    app.walk(patient)

    # check your answers: one line per step with its Change; every answer, in the patient's
    # words, one tap away, each with a Change button
    for step in app.steps:
        if any(q.id in patient for q in step.questions):
            expect(app.button(f"change_step_{step.id}")).to_be_visible()
    for qid in patient:
        expect(app.key(f"change_{qid}")).to_have_count(0)     # folded until she opens the step
    app.open_review_folds()
    review = app.main_text()
    for qid, value in patient.items():
        shown = answer_text(content, qid, tuple(value) if isinstance(value, list) else value)
        assert shown in review, f"the review page misses the answer to {qid}: {shown!r}"
        expect(app.button(f"change_{qid}")).to_be_visible()
    not_asked = [q.id for q in app.questions.values() if not q.show_when.holds(facts(clean(patient)))]
    for qid in not_asked:   # e.g. "where in the body" when the cancer came back only near the breast
        expect(app.key(f"review_{qid}")).to_have_count(0)

    app.click("see_summary", app.expect_summary)
    app.screen("summary")
    titles = app.option_titles()
    assert titles == expected_titles(content, patient)
    assert titles, "a summary always lists options"
    if patient.get("own_questions"):
        expect(app.main()).to_contain_text(patient["own_questions"])

    pdf = app.download_pdf(downloads)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF"), data[:20]
    assert 5_000 < len(data) < 3_000_000, len(data)
    assert len(PdfReader(pdf).pages) >= 1
    app.show_details()                          # the text copy is with the details
    markdown = app.download("download_md", downloads).read_text(encoding="utf-8")
    for title in titles:
        assert title in markdown

    saved = app.save_answers(downloads)
    path = saved.pop("__path__")
    assert from_file(json.dumps(saved).encode()) == clean(patient)

    # reload: a new session, the answers are gone
    app.page.reload()
    app.after_run(0)
    expect(app.main()).to_contain_text(app.t("summary_page.start_first"))
    expect(app.key("show_details")).to_have_count(0)
    app.nav("nav.start", app.expect_start)
    expect(app.button("begin")).to_have_text(app.t("start.begin"))

    # resume from the downloaded file: the same summary
    app.resume(path)
    app.nav("nav.summary", app.expect_summary)
    assert app.option_titles() == titles
    return titles


def test_patient_on_a_laptop_every_screen_passes_axe(open_app, content, tmp_path):
    checks = ScreenChecks("laptop", axe=True)
    app = open_app("laptop", on_screen=checks)
    journey(app, content, DISTANT_HR_POSITIVE, tmp_path)
    app.nav("nav.learn", lambda: expect(app.main().get_by_role("heading", name=app.t("learn.heading"))).to_be_visible())
    app.screen("learn")
    checks.assert_clean(report="axe-laptop.json")


def test_patient_on_a_phone_no_sideways_scrolling_and_big_targets(open_app, content, tmp_path):
    checks = ScreenChecks("phone")
    app = open_app("phone", on_screen=checks)
    assert app.page.viewport_size == {"width": 390, "height": 844}
    journey(app, content, LOCAL_REGIONAL, tmp_path)
    app.nav("nav.learn", lambda: expect(app.main().get_by_role("heading", name=app.t("learn.heading"))).to_be_visible())
    app.screen("learn")
    app.open_sidebar()
    app.screen("sidebar-open")
    checks.assert_clean()


def test_urgent_notice_stays_and_clear_leaves_nothing_behind(open_app, content, tmp_path):
    """On a phone: the notice appears as soon as an urgent symptom is ticked and stays on
    every page; "Clear my answers", once confirmed, leaves nothing behind."""
    patient = MAN_HER2_POSITIVE_URGENT
    checks = ScreenChecks("phone", axe=True, only=("urgent-step-1-safety", "urgent-summary",
                                                   "urgent-clear-confirm", "cleared"))
    app = open_app("phone")
    app.goto()
    app.expect_start()
    app.begin()
    expect(urgent_banner(app)).to_have_count(0)
    app.answer("urgent_symptoms", patient["urgent_symptoms"])
    expect(urgent_banner(app)).to_be_visible()      # at once, on the step where it was ticked
    checks.urgent = True
    app.on_screen = checks
    app.walk({k: v for k, v in patient.items() if k != "urgent_symptoms"}, screen_prefix="urgent-")
    app.click("see_summary", app.expect_summary)
    app.screen("urgent-summary")
    for label_key, then in (("nav.learn", lambda: expect(app.main()).to_contain_text(app.t("learn.intro"))),
                            ("nav.consultation", lambda: expect(app.main()).to_contain_text(app.t("consultation.heading"))),
                            ("nav.start", app.expect_start), ("nav.review", app.expect_review)):
        app.nav(label_key, then)
        expect(urgent_banner(app)).to_be_visible()
    app.nav("nav.summary", app.expect_summary)
    assert app.option_titles() == expected_titles(content, patient)
    saved = app.save_answers(tmp_path)
    assert saved["answers"]["urgent_symptoms"] == patient["urgent_symptoms"]

    # Clear my answers, with its confirmation: "No" keeps them, "Yes" leaves nothing behind
    app.open_sidebar()
    app.click("clear_start", lambda: expect(app.button("clear_no")).to_be_visible())
    app.screen("urgent-clear-confirm")
    app.click("clear_no", lambda: expect(app.button("clear_start")).to_be_enabled())
    app.close_sidebar()
    expect(urgent_banner(app)).to_be_visible()
    checks.urgent = False
    app.clear_answers()
    app.screen("cleared")
    nothing_left_behind(app, patient)
    checks.assert_clean(report="axe-phone-urgent.json")


def nothing_left_behind(app: App, patient: dict) -> None:
    """After Clear: no answer anywhere: not on any step, the review, the summary or the sidebar."""
    expect(urgent_banner(app)).to_have_count(0)
    expect(app.button("begin")).to_have_text(app.t("start.begin"))
    expect(app.button("save_answers")).to_have_count(0)
    expect(app.sidebar()).to_contain_text(app.t("sidebar.progress", done=0, total=_total(app)))
    # no choice left on the start page (the language picker, a row of buttons, keeps her language)
    expect(app.main().get_by_test_id("stRadio").get_by_role("radio", checked=True)).to_have_count(0)
    app.begin()
    for n, step in enumerate(app.steps):
        expect(urgent_banner(app)).to_have_count(0)
        expect(app.main().get_by_role("checkbox", checked=True)).to_have_count(0)
        expect(app.main().get_by_role("radio", checked=True)).to_have_count(0)
        expect(app.main().locator("[data-testid=stButtonGroup] button[aria-pressed=true]")).to_have_count(0)
        for box in app.main().locator("textarea").all():
            expect(box).to_have_value("")
        last = n == len(app.steps) - 1
        app.click("next", app.expect_review if last else (lambda n=n: app.expect_step(n + 1)))
    review = app.main_text()
    assert patient["own_questions"] not in review
    # nothing answered: each step is one line of skipped questions, with one Change
    expect(app.main().locator("[class*='st-key-review_skipped_']")).to_have_count(len(app.steps))
    expect(app.main().locator("[class*='st-key-review_']")).to_have_count(len(app.steps))
    expect(app.main().get_by_text(f"{app.t('review.skipped')}:", exact=True)).to_have_count(len(app.steps))
    app.nav("nav.summary", lambda: expect(app.main()).to_contain_text(app.t("summary_page.start_first")))
    expect(app.main()).not_to_contain_text(patient["own_questions"])
    expect(app.key("show_details")).to_have_count(0)
    app.nav("nav.consultation", lambda: expect(app.main()).to_contain_text(app.t("consultation.empty")))
    expect(app.main()).not_to_contain_text(patient["own_questions"])


def _total(app: App) -> int:
    """Questions that apply with no answers (those asked only after some answer are not counted)."""
    from decision_aid.answers import facts
    return len([q for q in app.questions.values() if q.show_when.holds(facts({}))])
