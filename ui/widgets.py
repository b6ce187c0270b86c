"""One widget per question, drawn from content/questions.yaml, synced with the answer store."""
from __future__ import annotations

import streamlit as st

from decision_aid.content import Content, Question
from decision_aid.dictionary import FIELDS

from . import state


def _explain(q: Question, content: Content) -> None:
    st.caption(f"**{content.text('steps.why')}:** {q.why}" + (f"  \n{q.help}" if q.help else ""))
    if q.terms:
        with st.expander(content.text("steps.terms")):
            for term_id in q.terms:
                g = content.glossary[term_id]
                st.markdown(f"**{g.term}**: {g.definition}")


def question(q: Question, content: Content) -> None:
    """Draw the question, its 'why we ask' and its glossary help."""
    state.seed(q)
    labels = {c.value: c.label for c in q.choices}
    kind = FIELDS[q.id].kind
    common = dict(on_change=state.store, args=(q,))
    with st.container(border=True, key=f"box_{q.id}"):
        if q.widget == "checkboxes":
            st.markdown(f"**{q.label}**")
            _explain(q, content)
            for ch in q.choices:
                st.checkbox(ch.label, key=state.key(q.id, ch.value), help=ch.help or None, **common)
        elif q.widget == "pills":
            st.pills(q.label, options=list(labels), format_func=labels.get,
                     selection_mode="multi" if kind == "multi" else "single",
                     key=state.key(q.id), **common)
            _explain(q, content)
        elif q.widget == "text":
            st.text_area(q.label, key=state.key(q.id), max_chars=FIELDS[q.id].max_length,
                         help=content.text("steps.text_limit", limit=FIELDS[q.id].max_length), **common)
            _explain(q, content)
        else:  # radio and scale: one choice, none chosen until the patient picks
            st.radio(q.label, options=list(labels), format_func=labels.get, index=None,
                     key=state.key(q.id), **common)
            _explain(q, content)
