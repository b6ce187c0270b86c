"""The patient's answers live here, in st.session_state only: never on disk, never logged.

Widgets forget their value when they are not drawn, so the answers are kept in one dict of
our own (`answers`) and each widget is seeded from it when drawn and writes back on change.
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from decision_aid.answers import clean
from decision_aid.content import Question
from decision_aid.dictionary import FIELDS

ANSWERS, STEP, CONFIRM_CLEAR, NOTES = "answers", "step", "confirm_clear", "nurse_notes"
CHANGING = "changing"   # the question whose "Change" was pressed on the check-your-answers page
CHANGED_FROM = "changed_from"   # that Change button's key: focus returns to it
WIDGET_PREFIX = "q_"


def answers() -> dict[str, Any]:
    return st.session_state.setdefault(ANSWERS, {})


def step() -> int:
    return st.session_state.setdefault(STEP, 0)


def go_to_step(n: int) -> None:
    st.session_state[STEP] = n


def key(qid: str, value: str | None = None) -> str:
    return f"{WIDGET_PREFIX}{qid}" if value is None else f"{WIDGET_PREFIX}{qid}__{value}"


def seed(q: Question) -> None:
    """Give the question's widget(s) their value from the answers before drawing them."""
    current = answers().get(q.id)
    kind = FIELDS[q.id].kind
    if q.widget == "checkboxes":
        for ch in q.choices:
            st.session_state.setdefault(key(q.id, ch.value), ch.value in (current or ()))
    elif kind == "multi":
        st.session_state.setdefault(key(q.id), list(current or []))
    elif kind == "text":
        st.session_state.setdefault(key(q.id), current or "")
    else:
        st.session_state.setdefault(key(q.id), current)


def store(q: Question) -> None:
    """on_change: copy the widget's value into the answers (an empty answer is a skip)."""
    if q.widget == "checkboxes":
        value: Any = tuple(ch.value for ch in q.choices if st.session_state.get(key(q.id, ch.value)))
    else:
        value = st.session_state.get(key(q.id))
    if isinstance(value, list):
        value = tuple(value)
    if value in (None, "", ()):
        answers().pop(q.id, None)
    else:
        answers()[q.id] = value


def set_answer(qid: str, value: Any) -> None:
    """Write one answer from outside its question's own widget (the SURE check at the end of
    the summary). An empty value is a skip. The question's widget is seeded again from the
    answers when it is next drawn."""
    if isinstance(value, list):
        value = tuple(value)
    if value in (None, "", ()):
        answers().pop(qid, None)
    else:
        answers()[qid] = value
    st.session_state.pop(key(qid), None)


def forget_widgets() -> None:
    """Drop every widget value so widgets are seeded again from the answers."""
    for k in [k for k in st.session_state if str(k).startswith(WIDGET_PREFIX)]:
        del st.session_state[k]


def replace_answers(new: dict[str, Any]) -> None:
    st.session_state[ANSWERS] = dict(clean(new))
    forget_widgets()


def clear_all() -> None:
    """Forget everything about this patient in this session."""
    for k in list(st.session_state.keys()):
        del st.session_state[k]


NOTES_WIDGET = "w_nurse_notes"


def notes() -> str:
    return st.session_state.get(NOTES, "")


def seed_notes() -> None:
    st.session_state.setdefault(NOTES_WIDGET, notes())


def store_notes() -> None:
    st.session_state[NOTES] = st.session_state.get(NOTES_WIDGET, "")
