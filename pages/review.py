from contextlib import contextmanager
from typing import Iterator

import streamlit as st

from decision_aid.answers import facts
from decision_aid.summary import answer_text
from ui import chrome, focus, guard, state

LEAVE_FOR = "review_leave_for"   # the page a click here goes to: switched to before this one is drawn again


@contextmanager
def row(key: str, border: bool = True) -> Iterator[tuple]:
    """A row, kept on one line on a phone too (columns would stack): text, then a button."""
    with st.container(border=border, key=key, horizontal=True, wrap=False, vertical_alignment="center", gap="small"):
        yield st.container(width="stretch"), st.container(width="content")


@guard.callback
def change(step: int, qid: str, key: str) -> None:
    """"Change": back to the step, which then offers a way back here (to this button)."""
    state.go_to_step(step)
    st.session_state[state.CHANGING] = qid
    st.session_state[state.CHANGED_FROM] = key
    st.session_state[LEAVE_FOR] = "pages/questions.py"


@guard.callback
def see_summary() -> None:
    st.session_state.pop(state.CHANGING, None)
    st.session_state[LEAVE_FOR] = "pages/summary.py"


def change_button(where, label: str, key: str, help: str, step: int, qid: str) -> None:
    where.button(label, key=key, help=help, on_click=change, args=(step, qid, key))


def fold_key(step_id: str) -> str:
    return f"fold_review_{step_id}"


if leave_for := st.session_state.pop(LEAVE_FOR, None):   # not drawn again on the way out
    st.switch_page(leave_for)

with chrome.page("nav.review") as content:
    t = content.text

    st.header(t("review.heading"), anchor="review")
    focus.on_new_view("review", '[id="review"]', t("review.heading"))
    answers = state.answers()
    f = facts(answers)
    for i, step in enumerate(content.questions.steps):
        asked = [q for q in step.questions if q.show_when.holds(f)]   # those that do not apply: not shown
        answered = [q for q in asked if answers.get(q.id) is not None]
        skipped = [q for q in asked if answers.get(q.id) is None]
        if not asked:
            continue
        with st.container(border=True, key=f"step_box_{step.id}"):
            # one line: the step and its Change; under it, how many answers, one tap opens them
            with row(f"step_line_{step.id}", border=False) as (left, right):
                left.markdown(f"**{step.title}**")
                if answered:
                    change_button(right, t("review.change"), f"change_step_{step.id}", step.title, i, asked[0].id)
            if answered:
                count = t("review.count_one") if len(answered) == 1 else t("review.count", n=len(answered))
                fold = st.expander(count, key=fold_key(step.id), on_change="rerun")
                with fold:
                    if fold.open:   # drawn only when opened
                        for q in answered:
                            with row(f"review_{q.id}", border=False) as (text, button):
                                name = q.short or q.label   # a few words: the question itself is on its step
                                if q.widget == "text":
                                    text.markdown(f"**{name}:**")
                                    text.text(answer_text(content, q.id, answers[q.id]))  # her words, as text
                                else:
                                    text.markdown(f"**{name}:** {answer_text(content, q.id, answers[q.id])}")
                                change_button(button, t("review.change"), f"change_{q.id}", q.label, i, q.id)
            if skipped:   # the questions she skipped: one line for the step, and one Change
                with row(f"review_skipped_{step.id}", border=False) as (left, right):
                    left.markdown(f"**{t('review.skipped')}:** " + "; ".join(q.short or q.label for q in skipped))
                    change_button(right, t("review.change"), f"change_skipped_{step.id}", step.title, i,
                                  skipped[0].id)
    st.button(t("review.see_summary"), type="primary", key="see_summary", on_click=see_summary)
