"""Drive the app in AppTest the way a patient does: start, answer step by step, review."""
from __future__ import annotations

import html
import re

from pathlib import Path

from streamlit.testing.v1 import AppTest

from decision_aid.answers import facts
from decision_aid.content import Content
from decision_aid.dictionary import FIELDS

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    """Everything written on the current screen, as one string."""
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption]
    parts += [e.value for kind in ("error", "warning", "info", "success", "header",
                                   "subheader", "title", "text") for e in getattr(at, kind)]
    parts += [w.label for kind in ("radio", "checkbox", "text_area", "button", "expander") for w in getattr(at, kind)]
    parts += [html.unescape(re.sub(r"<[^>]+>", " ", e.proto.body)) for e in at.get("html")]   # e.g. the comparison
    return "\n".join(str(p) for p in parts)


def answer(at: AppTest, content: Content, qid: str, value) -> None:
    """Set one answer through its widget, as a click or typing would."""
    q = next(q for s in content.questions.steps for q in s.questions if q.id == qid)
    if q.widget == "checkboxes" and q.gate:
        gate = [gc.sets for gc in q.gate.choices]   # one tap for "not tested" or "not sure"
        if len(value) == 1 and value[0] in gate:
            at.radio(key=f"q_{qid}__gate").set_value(gate.index(value[0])).run()
            return
        at.radio(key=f"q_{qid}__gate").set_value(gate.index(None)).run()
    if q.widget == "checkboxes":
        for v in value:
            group = next((g.id for g in q.groups if v in g.values), None)
            if group and not at.checkbox(key=f"q_{qid}__group_{group}").value:
                at.checkbox(key=f"q_{qid}__group_{group}").check().run()   # the kind first, then the name
            at.checkbox(key=f"q_{qid}__{v}").check().run()
    elif q.widget == "pills":
        at.button_group(key=f"q_{qid}").set_value(list(value)).run()
    elif q.widget == "scale":                      # a segmented control: one value, or None
        at.button_group(key=f"q_{qid}").set_value(value).run()
    elif q.widget == "text":
        at.text_area(key=f"q_{qid}").input(value).run()
    else:
        at.radio(key=f"q_{qid}").set_value(value).run()
    assert not at.exception, at.exception


def open_review_folds(at: AppTest, content: Content) -> AppTest:
    """On check-your-answers: every step's answers opened, as a tap on each step would."""
    for step in content.questions.steps:
        at.session_state[f"fold_review_{step.id}"] = True
    at.run()
    assert not at.exception, at.exception
    return at


def visible_questions(at: AppTest) -> list[str]:
    keys = [w.key for kind in ("radio", "text_area", "button_group") for w in getattr(at, kind)]
    keys += [w.key.split("__")[0] for kind in ("checkbox", "radio") for w in getattr(at, kind)
             if w.key and w.key.startswith("q_") and "__" in w.key]
    return sorted({k[2:] for k in keys if k and k.startswith("q_")})


def walk(at: AppTest, content: Content, answers: dict) -> dict[str, list[str]]:
    """From the start page, answer every step and reach the review page.

    Returns the question ids shown at each step, so tests can check what was (not) asked.
    """
    click(at, "begin")
    shown = {}
    for step in content.questions.steps:
        assert step.title in texts(at)
        shown[step.id] = visible_questions(at)
        for q in step.questions:
            if q.id in answers and q.id in shown[step.id]:
                answer(at, content, q.id, answers[q.id])
        shown[step.id] = visible_questions(at)
        click(at, "next")
    return shown
