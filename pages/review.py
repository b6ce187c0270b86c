from contextlib import contextmanager
from typing import Iterator

import streamlit as st

from decision_aid.answers import facts
from decision_aid.summary import answer_text
from ui import chrome, focus, state


@contextmanager
def row(key: str) -> Iterator[tuple]:
    """A bordered row, kept on one line on a phone too (columns would stack): text, then a button."""
    with st.container(border=True, key=key, horizontal=True, wrap=False, vertical_alignment="center", gap="small"):
        yield st.container(width="stretch"), st.container(width="content")


def change_button(where, label: str, key: str, help: str, step: int, qid: str) -> None:
    """"Change": back to the step, which then offers a way back here (to this button)."""
    if where.button(label, key=key, help=help):
        state.go_to_step(step)
        st.session_state[state.CHANGING] = qid
        st.switch_page("pages/questions.py")


with chrome.page("nav.review") as content:
    t = content.text

    st.header(t("review.heading"), anchor="review")
    focus.on_new_view("review", '[id="review"]', t("review.heading"))
    st.markdown(t("review.intro"))
    answers = state.answers()
    f = facts(answers)
    for i, step in enumerate(content.questions.steps):
        st.subheader(step.title)
        asked = [q for q in step.questions if q.show_when.holds(f)]   # those that do not apply: not shown
        for q in (q for q in asked if answers.get(q.id) is not None):
            with row(f"review_{q.id}") as (left, right):
                name = q.short or q.label   # a few words: the question itself is on its step
                if q.widget == "text":
                    left.markdown(f"**{name}:**")
                    left.text(answer_text(content, q.id, answers[q.id]))  # the patient's words, shown as text
                else:
                    left.markdown(f"**{name}:** {answer_text(content, q.id, answers[q.id])}")
                change_button(right, t("review.change"), f"change_{q.id}", q.label, i, q.id)
        skipped = [q for q in asked if answers.get(q.id) is None]
        if skipped:   # the questions she skipped: one line for the step, and one Change
            with row(f"review_skipped_{step.id}") as (left, right):
                left.markdown(f"**{t('review.skipped')}:** " + "; ".join(q.short or q.label for q in skipped))
                change_button(right, t("review.change"), f"change_skipped_{step.id}", step.title, i, skipped[0].id)
    if st.button(t("review.see_summary"), type="primary", key="see_summary"):
        st.session_state.pop(state.CHANGING, None)
        st.switch_page("pages/summary.py")
