"""How long the guide takes, measured in Chromium as four people use it (`make journey`).

For each person: taps or key presses, screens scrolled, words shown, and an estimate of the
minutes it takes:  words / 180 per minute  +  2 s per tap or key press  +  1 s per screen scrolled.

- A tap is a click or a key press. Typed text counts one tap per word.
- Words are the words shown in the page's main area on each screen she sees (a step, the
  check-your-answers page, the summary), counted when she leaves it, so what she opened on
  the way (a kind of treatment, a warning) counts too; what stays folded does not.
- Screens scrolled are the height of each screen beyond the first view, in view heights.

The people drive the real app through tests/e2e/e2e_app.py, the browser tests' own helper.
"""
from __future__ import annotations

import math
import sys
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "tests", ROOT / "tests" / "e2e"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from playwright.sync_api import Keyboard as PwKeyboard, Locator, expect  # noqa: E402

from decision_aid.answers import to_file  # noqa: E402
from e2e_app import App, Keyboard  # noqa: E402
from patients import DISTANT_HR_POSITIVE  # noqa: E402

WORDS_PER_MINUTE, SECONDS_PER_TAP, SECONDS_PER_SCREEN = 180, 2, 1
TARGET_MINUTES = 10

# A patient on a phone who answers every question that applies to her.
EVERYTHING = {**DISTANT_HR_POSITIVE, "visit_burden": "some_visits_ok", "trial_interest": "maybe",
              "decision_role": "decide_together", "sure_risks_benefits_clear": "yes", "sure_support": "yes"}
# A keyboard-only patient who is often not sure.
NOT_SURE = {
    "urgent_symptoms": ["none"], "recurrence_type": "unsure", "metastatic_sites": ["unsure"],
    "recurrence_timing": "unsure", "recurrence_biopsied": "unsure", "hr_status": "unsure",
    "her2_status": "unsure", "biomarkers": ["unsure"], "prior_treatments": ["unsure"],
    "metastatic_lines": "unsure", "sex": "female", "menopausal_status": "unsure", "age_group": "40_to_64",
    "conditions": ["unsure"], "priority_balance": "3", "route_preference": "no_preference",
    "decision_role": "decide_together", "sure_certain": "no",
}
URGENT = {"urgent_symptoms": ["fever_or_chills_during_treatment"]}


@dataclass
class Result:
    name: str
    viewport: str
    taps: int = 0
    screens: float = 0.0
    words: int = 0
    minutes: float = 0.0
    parts: list[dict] = field(default_factory=list)   # per screen: name, words, screens, taps

    def finish(self) -> "Result":
        self.screens = round(self.screens, 1)
        self.minutes = round(minutes(self.words, self.taps, self.screens), 1)
        return self

    def row(self) -> dict:
        d = asdict(self)
        d.pop("parts")
        return d


def minutes(words: int, taps: int, screens: float) -> float:
    return words / WORDS_PER_MINUTE + (taps * SECONDS_PER_TAP + screens * SECONDS_PER_SCREEN) / 60


class Meter:
    """Counts the taps and key presses made through Playwright while it is active."""
    taps = 0

    @classmethod
    @contextmanager
    def counting(cls) -> Iterator[type["Meter"]]:
        cls.taps = 0
        originals = (Locator.click, PwKeyboard.press, PwKeyboard.type)

        def click(self, *a, **k):
            cls.taps += 1
            return originals[0](self, *a, **k)

        def press(self, *a, **k):
            cls.taps += 1
            return originals[1](self, *a, **k)

        def type_(self, text, *a, **k):
            cls.taps += max(1, len(text.split()))   # typing: one tap per word
            return originals[2](self, text, *a, **k)

        Locator.click, PwKeyboard.press, PwKeyboard.type = click, press, type_
        try:
            yield cls
        finally:
            Locator.click, PwKeyboard.press, PwKeyboard.type = originals


class Walk:
    """One person's measured walk: call `seen(name)` as she leaves each screen."""

    def __init__(self, app: App, result: Result):
        self.app, self.result, self._taps = app, result, 0

    def seen(self, name: str) -> None:
        app = self.app
        app.idle()
        # icons are drawn from a font by their names ("keyboard_arrow_right"): not words she reads
        icons = app.main().locator('[data-testid="stIconMaterial"]').all_inner_texts()
        words = len(app.main().inner_text().split()) - sum(len(i.split()) for i in icons)
        height, view = app.page.evaluate(
            "(() => { const m = document.querySelector('[data-testid=stMain]');"
            " return [m.scrollHeight, m.clientHeight]; })()")
        screens = max(0.0, (height - view) / view)
        taps = Meter.taps - self._taps
        self._taps = Meter.taps
        self.result.words += words
        self.result.screens += screens
        self.result.parts.append({"screen": name, "words": words, "screens": round(screens, 1), "taps": taps})
        if app.shots:
            app.whole_page_shot(f"journey-{self.result.name.split()[0].lower()}-{name}")

    def done(self) -> Result:
        self.result.taps = Meter.taps
        return self.result.finish()


def answer_steps(app: App, walk: Walk, answers: dict, keys: Keyboard | None = None) -> None:
    """Every step, each question she answers, then Next; ends on check-your-answers."""
    for n, step in enumerate(app.steps):
        for q in step.questions:
            if q.id in answers and app.key(f"box_{q.id}").count():
                (keys or app).answer(q.id, answers[q.id])
        walk.seen(f"step-{n + 1}-{step.id}")
        last = n == len(app.steps) - 1
        then = app.expect_review if last else (lambda n=n: app.expect_step(n + 1))
        if keys:
            keys.button("next", then)
            # she goes on from where the app put her focus: the new heading
            heading = "review" if last else f"step-{app.steps[n + 1].id}"
            app.page.wait_for_function(f"document.activeElement && document.activeElement.id === '{heading}'")
        else:
            app.click("next", then)


def phone_patient(app: App) -> Result:
    """On a 390x844 phone: reads the start page, answers every question, checks her answers,
    reads the summary."""
    with Meter.counting():
        walk = Walk(app, Result("Patient on a phone, answering everything", "390x844"))
        app.goto()
        app.expect_start()
        walk.seen("start")
        app.begin()
        answer_steps(app, walk, EVERYTHING)
        walk.seen("review")
        app.click("see_summary", app.expect_summary)
        walk.seen("summary")
        return walk.done()


def keyboard_patient(app: App) -> Result:
    """Keyboard only at 200% zoom, often "not sure": Tab, Space, Enter and arrows."""
    with Meter.counting():
        size = app.page.viewport_size
        walk = Walk(app, Result("Keyboard only at 200% zoom, often not sure", f"{size['width']}x{size['height']}"))
        keys = Keyboard(app)
        app.goto()
        app.expect_start()
        walk.seen("start")
        keys.button("begin", lambda: app.expect_step(0))
        app.page.wait_for_function(f"document.activeElement && document.activeElement.id === 'step-{app.steps[0].id}'")
        answer_steps(app, walk, NOT_SURE, keys)
        walk.seen("review")
        keys.button("see_summary", app.expect_summary)
        walk.seen("summary")
        return walk.done()


def nurse(app: App, saved: Path) -> Result:
    """A nurse on a 1366x768 laptop loads the patient's saved file and opens the nurse view."""
    with Meter.counting():
        walk = Walk(app, Result("Nurse on a laptop, loading a saved file", "1366x768"))
        app.goto()
        app.expect_start()
        app.resume(str(saved))
        walk.seen("start")
        link = app.main().get_by_test_id("stPageLink-NavLink").filter(has_text=app.t("start.nurse_link"))
        app.act(link.click)
        expect(app.main()).to_contain_text(app.t("consultation.heading"))
        walk.seen("nurse-view")
        return walk.done()


def urgent_patient(app: App) -> Result:
    """On a phone, with a fever during treatment: from the start page to the warning and its
    call links."""
    with Meter.counting():
        walk = Walk(app, Result("Patient on a phone with an urgent symptom, to the warning", "390x844"))
        app.goto()
        app.expect_start()
        walk.seen("start")
        app.begin()
        app.answer("urgent_symptoms", URGENT["urgent_symptoms"])
        expect(app.key("urgent_now").locator('a[href="tel:911"]')).to_be_in_viewport()
        walk.seen("step-1-warning")
        return walk.done()


def saved_file(folder: Path) -> Path:
    path = folder / "my-answers.json"
    path.write_bytes(to_file(EVERYTHING))
    return path


def part_minutes(result: Result, upto: str) -> float:
    """Minutes from the first screen up to and including the screen named `upto`."""
    names = [p["screen"] for p in result.parts]
    parts = result.parts[: names.index(upto) + 1]
    return minutes(sum(p["words"] for p in parts), sum(p["taps"] for p in parts),
                   sum(p["screens"] for p in parts))


def questions_minutes(result: Result) -> float:
    """The questions alone: the start page to check-your-answers."""
    return part_minutes(result, "review")


def round_up(m: float) -> int:
    return max(1, math.ceil(m))
