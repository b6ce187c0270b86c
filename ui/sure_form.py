"""The four SURE questions asked again after the summary is read, as one small form in a fold
under the sheet (drawn only when opened).

The answers go to the same answer ids as the "How sure do you feel?" step (through
ui/state.py); any "no" then shows in the summary as a thing to talk through with the team.
"""
from __future__ import annotations

import streamlit as st

from decision_aid.content import Content
from decision_aid.dictionary import SURE_IDS

from . import guard, state

SAVED = "sure_again_saved"


def _key(qid: str) -> str:
    return f"sure_after_{qid}"


@guard.callback
def _save(ids: list[str]) -> None:
    for qid in ids:
        state.set_answer(qid, st.session_state.get(_key(qid)))
    st.session_state[SAVED] = True


OPEN = "sure_again_open"   # the fold's key: it stays open after "Add these to my summary"


def draw(content: Content) -> None:
    """One tap away: a fold drawn only when opened (she answered these four a moment ago)."""
    fold = st.expander(content.text("sure_again.heading"), key=OPEN, on_change="rerun")
    with fold:
        if fold.open:
            _form(content)


def _form(content: Content) -> None:
    t = content.text
    questions = [q for s in content.questions.steps for q in s.questions if q.id in SURE_IDS]
    st.markdown(t("sure_again.intro"))
    with st.form("sure_again", enter_to_submit=False):
        for q in questions:
            labels = {c.value: c.label for c in q.choices}
            current = state.answers().get(q.id)
            st.radio(q.label, options=list(labels), format_func=labels.get, horizontal=True,
                     index=list(labels).index(current) if current in labels else None, key=_key(q.id))
        st.form_submit_button(t("sure_again.save"), type="primary", key="sure_again_save",
                              on_click=_save, args=([q.id for q in questions],))
    if st.session_state.pop(SAVED, False):
        st.success(t("sure_again.saved"), icon=":material/check:")
    if all(state.answers().get(q) == "yes" for q in SURE_IDS):
        st.markdown(t("sure_again.all_yes"))
