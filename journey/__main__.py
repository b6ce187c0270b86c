"""`make journey` (python -m journey): four people in Debian's Chromium; writes docs/journey.md,
docs/journey.json and the start page's measured time (content/ui.yaml, start.measured_minutes).
Set JOURNEY_SHOTS=/some/folder to keep a picture of every screen."""
from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

from journey.measure import (ROOT, SECONDS_PER_SCREEN, SECONDS_PER_TAP, TARGET_MINUTES, WORDS_PER_MINUTE,
                             Result, keyboard_patient, nurse, phone_patient, questions_minutes, round_up, saved_file,
                             urgent_patient)

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
UI = ROOT / "content" / "ui.yaml"


def run() -> list[Result]:
    from playwright.sync_api import sync_playwright

    from decision_aid.content import load_content
    from e2e_app import App, new_page
    from bench.server import streamlit_server

    content = load_content()
    shots = Path(os.environ["JOURNEY_SHOTS"]) if os.environ.get("JOURNEY_SHOTS") else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, streamlit_server(Path(tmp) / "server.log") as url, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)

        def app(size: str, **kw) -> App:
            return App(new_page(browser, size, **kw), url, content, size, shots)

        people = [phone_patient(app("phone")), keyboard_patient(app("zoom")),
                  nurse(app("laptop", viewport={"width": 1366, "height": 768}), saved_file(Path(tmp))),
                  urgent_patient(app("phone"))]
        browser.close()
    return people


def report(people: list[Result]) -> str:
    lines = ["# How long the guide takes (measured)", "",
             "Written by `make journey` (journey/measure.py): four people use the app in Debian's Chromium.",
             f"Estimated minutes = words ÷ {WORDS_PER_MINUTE} per minute + {SECONDS_PER_TAP} s per tap or key "
             f"press + {SECONDS_PER_SCREEN} s per screen scrolled. Words are those shown in the page's main area on "
             "each screen she sees (folded help not counted); typed text counts one tap per word.", "",
             "| person | viewport | taps or key presses | screens scrolled | words shown | minutes |",
             "|---|---|---:|---:|---:|---:|"]
    lines += [f"| {p.name} | {p.viewport} | {p.taps} | {p.screens} | {p.words} | {p.minutes} |" for p in people]
    phone = people[0]
    verdict = "within" if phone.minutes <= TARGET_MINUTES else "over"
    lines += ["", f"The phone patient's estimate is {phone.minutes} minutes: {verdict} the {TARGET_MINUTES}-minute target. "
              f"The questions alone (start page to check-your-answers) take {questions_minutes(phone):.1f} minutes; "
              "the rest is reading the summary.", ""]
    for p in people:
        lines += [f"## {p.name}", "", "| screen | words | screens scrolled | taps before leaving it |",
                  "|---|---:|---:|---:|"]
        lines += [f"| {s['screen']} | {s['words']} | {s['screens']} | {s['taps']} |" for s in p.parts]
        lines.append("")
    return "\n".join(lines)


def update_start_page(phone: Result) -> None:
    """The start page says the times measured here (content strings, rounded up): the
    questions alone, and with the summary read."""
    text = UI.read_text(encoding="utf-8")
    for key, value in (("measured_question_minutes", questions_minutes(phone)), ("measured_minutes", phone.minutes)):
        text, n = re.subn(rf"(?m)^(  {key}: )\d+", rf"\g<1>{round_up(value)}", text)
        if n != 1:
            raise SystemExit(f"content/ui.yaml has no start.{key} line to update")
    UI.write_text(text, encoding="utf-8")


def main() -> int:
    people = run()
    (ROOT / "docs" / "journey.json").write_text(
        json.dumps([p.row() for p in people], indent=1) + "\n", encoding="utf-8")
    (ROOT / "docs" / "journey.md").write_text(report(people) + "\n", encoding="utf-8")
    update_start_page(people[0])
    for p in people:
        print(f"{p.minutes:5.1f} min  {p.taps:4d} taps  {p.screens:5.1f} screens  {p.words:5d} words  {p.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
