"""One widget per question, drawn from content/questions.yaml, synced with the answer store."""
from __future__ import annotations

import html

import streamlit as st

from decision_aid.content import Content, Question
from decision_aid.dictionary import FIELDS

from . import guard, state, urgent

NONE = "none"   # "None of these": never ticked together with another choice


@guard.callback
def _tick(q: Question, value: str, content: Content) -> None:
    """on_change of one box of a checkbox question: "None of these" and the other choices
    exclude each other (ticking one unticks the other), then the answer is stored."""
    if st.session_state.get(state.key(q.id, value)):
        others = [c.value for c in q.choices if c.value != value] if value == NONE else [NONE]
        if value == NONE:
            others += [f"group_{g.id}" for g in q.groups]
        for other in others:
            if state.key(q.id, other) in st.session_state:
                st.session_state[state.key(q.id, other)] = False
    state.store(q)
    if q.id == urgent.QUESTION:
        urgent.on_tick(value, content)


def _explain(q: Question, content: Content) -> None:
    """"Why we ask", the question's help and its words, one tap away: drawn only when opened.
    (The urgent question's help, what to do if she feels very unwell, is always shown.)"""
    more = st.expander(content.text("steps.why"), key=f"why_{q.id}", on_change="rerun")
    with more:
        if more.open:
            hidden_help = q.help and q.id != urgent.QUESTION
            how = content.text("steps.scale_clear") if q.widget == "scale" else ""   # how to undo a pick
            st.markdown("\n\n".join(x for x in (q.why, q.help if hidden_help else "", how) if x))
            for term_id in q.terms:
                g = content.glossary[term_id]
                st.markdown(f"**{g.term}**: {g.definition}")


def _box(q: Question, value: str, label: str, help: str, content: Content) -> None:
    """One choice of a checkbox question, its help shown under it."""
    tick = dict(on_change=_tick, args=(q, value, content))
    # a choice's help is shown under it, not in a tooltip: on a phone, tapping a
    # tooltip's "?" ticks the box and shows nothing (docs/accessibility.md)
    with st.container(key=f"choice_{q.id}__{value}", gap=None):
        st.checkbox(label, key=state.key(q.id, value), **tick)
        if help:
            st.caption(help)
        if q.id == urgent.QUESTION:
            urgent.beside_box(value, content)


def _group_key(q: Question, group_id: str) -> str:
    return state.key(q.id, f"group_{group_id}")


@guard.callback
def _open_group(q: Question, group_id: str) -> None:
    """on_change of a kind of treatment: unticking it unticks its names; ticking it unticks
    "None of these"."""
    group = next(g for g in q.groups if g.id == group_id)
    opened = st.session_state.get(_group_key(q, group_id))
    for v in [NONE] if opened else group.values:
        if state.key(q.id, v) in st.session_state:
            st.session_state[state.key(q.id, v)] = False
    state.store(q)


def _checkboxes(q: Question, content: Content) -> None:
    """Checkboxes; with groups, each kind first and its names only once it is ticked."""
    choices = {c.value: c for c in q.choices}
    current = set(state.answers().get(q.id) or ())
    grouped = set()
    for g in q.groups:
        grouped.update(g.values)
        key = _group_key(q, g.id)
        st.session_state.setdefault(key, bool(current & set(g.values)))
        with st.container(key=f"group_{q.id}__{g.id}", gap=None):
            st.checkbox(g.label, key=key, on_change=_open_group, args=(q, g.id))
            if g.help:
                st.caption(g.help)
        if st.session_state[key]:
            with st.container(key=f"names_{q.id}__{g.id}"):
                for v in g.values:
                    _box(q, v, choices[v].label, choices[v].help, content)
    for c in q.choices:
        if c.value not in grouped:
            _box(q, c.value, c.label, c.help, content)


def _gate_key(q: Question) -> str:
    return state.key(q.id, "gate")


def _gate_seed(q: Question) -> None:
    current = tuple(state.answers().get(q.id) or ())
    sets = [gc.sets for gc in q.gate.choices]
    if current and len(current) == 1 and current[0] in sets:
        seeded = sets.index(current[0])
    elif current:
        seeded = sets.index(None)
    else:
        seeded = None
    st.session_state.setdefault(_gate_key(q), seeded)


@guard.callback
def _gate_store(q: Question) -> None:
    """on_change of the gate: its answer at once, or the list opened (and the gate's own
    answer, if any, taken back)."""
    chosen = st.session_state.get(_gate_key(q))
    sets = {gc.sets for gc in q.gate.choices if gc.sets}
    for c in q.choices:
        st.session_state.pop(state.key(q.id, c.value), None)
    if chosen is None:
        state.set_answer(q.id, None)
    elif q.gate.choices[chosen].sets:
        state.set_answer(q.id, (q.gate.choices[chosen].sets,))
    else:
        kept = tuple(v for v in state.answers().get(q.id) or () if v not in sets)
        state.set_answer(q.id, kept)


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


def question(q: Question, content: Content) -> None:
    """Draw the question, its 'why we ask' and its glossary help."""
    state.seed(q)
    labels = {c.value: c.label for c in q.choices}
    kind = FIELDS[q.id].kind
    common = dict(on_change=guard.callback(state.store), args=(q,))
    with st.container(border=True, key=f"box_{q.id}"):
        if q.widget == "checkboxes" and q.gate:
            _gate_seed(q)
            gate = q.gate.choices
            st.radio(q.gate.label, options=list(range(len(gate))), format_func=lambda i: gate[i].label,
                     index=None, key=_gate_key(q), on_change=_gate_store, args=(q,))
            chosen = st.session_state.get(_gate_key(q))
            if chosen is not None and not gate[chosen].sets:   # only she who had such tests sees the list
                st.markdown(f"**{q.label}**")
                sets = {gc.sets for gc in gate}
                for c in q.choices:
                    if c.value not in sets:
                        _box(q, c.value, c.label, c.help, content)
            _explain(q, content)
        elif q.widget == "checkboxes":
            st.markdown(f"**{q.label}**")
            if q.id == urgent.QUESTION and q.help:
                st.caption(q.help)   # "if you feel very unwell, call ...": never folded away
            _checkboxes(q, content)
            if q.id == urgent.QUESTION:
                urgent.full(content)   # under the list, where she is looking
            _explain(q, content)
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
