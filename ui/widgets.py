"""One widget per question, drawn from content/questions.yaml, synced with the answer store."""
from __future__ import annotations

import html

import streamlit as st

from decision_aid.content import Content, Question
from decision_aid.dictionary import FIELDS

from . import state, urgent

NONE = "none"   # "None of these": never ticked together with another choice


def _tick(q: Question, value: str, content: Content) -> None:
    """on_change of one box of a checkbox question: "None of these" and the other choices
    exclude each other (ticking one unticks the other), then the answer is stored."""
    if st.session_state.get(state.key(q.id, value)):
        others = [c.value for c in q.choices if c.value != value] if value == NONE else [NONE]
        for other in others:
            if state.key(q.id, other) in st.session_state:
                st.session_state[state.key(q.id, other)] = False
    state.store(q)
    if q.id == urgent.QUESTION:
        urgent.on_tick(value, content)


def _explain(q: Question, content: Content) -> None:
    st.caption(f"**{content.text('steps.why')}:** {q.why}" + (f"  \n{q.help}" if q.help else ""))
    if q.terms:
        with st.expander(content.text("steps.terms")):
            for term_id in q.terms:
                g = content.glossary[term_id]
                st.markdown(f"**{g.term}**: {g.definition}")


def _scale(q: Question, labels: dict[str, str], content: Content, common: dict) -> None:
    """A scale (e.g. 1 to 5) as a row of numbered buttons, keyboard-usable, with the content's
    labels of its two ends under it and the chosen answer in words. Nothing is chosen until the
    patient picks; pressing the chosen number again clears it (the question is then skipped)."""
    values = list(labels)
    st.segmented_control(q.label, options=values, key=state.key(q.id), width="stretch", **common)
    first, last = (f"{v}: {html.escape(labels[v])}" for v in (values[0], values[-1]))
    st.html(f'<div class="scale-ends" style="display:flex;justify-content:space-between;gap:1rem;'
            f'font-size:0.95rem;margin-top:-0.5rem"><span>{first}</span>'
            f'<span style="text-align:right">{last}</span></div>')
    chosen = st.session_state.get(state.key(q.id))
    if chosen in labels:
        st.markdown(content.text("steps.scale_chosen", label=f"**{labels[chosen]}**"))
        st.caption(content.text("steps.scale_clear"))


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
                tick = dict(on_change=_tick, args=(q, ch.value, content))
                # a choice's help is shown under it, not in a tooltip: on a phone, tapping a
                # tooltip's "?" ticks the box and shows nothing (docs/accessibility.md)
                with st.container(key=f"choice_{q.id}__{ch.value}", gap=None):
                    st.checkbox(ch.label, key=state.key(q.id, ch.value), **tick)
                    if ch.help:
                        st.caption(ch.help)
                    if q.id == urgent.QUESTION:
                        urgent.beside_box(ch.value, content)
            if q.id == urgent.QUESTION:
                urgent.full(content)   # under the list, where she is looking
        elif q.widget == "pills":
            st.pills(q.label, options=list(labels), format_func=labels.get,
                     selection_mode="multi" if kind == "multi" else "single",
                     key=state.key(q.id), **common)
            _explain(q, content)
        elif q.widget == "scale":
            _scale(q, labels, content, common)
            _explain(q, content)
        elif q.widget == "text":
            st.text_area(q.label, key=state.key(q.id), max_chars=FIELDS[q.id].max_length,
                         help=content.text("steps.text_limit", limit=FIELDS[q.id].max_length), **common)
            _explain(q, content)
        else:  # radio: one choice, none chosen until the patient picks
            st.radio(q.label, options=list(labels), format_func=labels.get, index=None,
                     captions=[c.help or "" for c in q.choices], key=state.key(q.id), **common)
            _explain(q, content)
