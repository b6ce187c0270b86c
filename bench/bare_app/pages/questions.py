import streamlit as st

from bare import STEPS, WORDS, frame, key, save_button, seed, store

frame()
n = min(st.session_state.setdefault("step", 0), len(STEPS) - 1)
s = STEPS[n]

st.progress((n + 1) / len(STEPS), text=f"Step {n + 1} of {len(STEPS)}")
st.header(f"Step {n + 1}")
if s["intro"]:
    st.markdown(WORDS)
st.caption(WORDS)


def question(q: dict) -> None:
    seed(q)
    common = dict(on_change=store, args=(q,))
    options = [f"Option {i + 1}" for i in range(q["n_choices"])]
    with st.container(border=True, key=f"box_{q['id']}"):
        if q["widget"] == "checkboxes" and q["gate"]:      # as ui/widgets.py: one question before the list
            st.radio(f"Gate {q['id']}", options=list(range(len(q["gate"]))), index=None,
                     format_func=lambda i: f"Option {i + 1}", key=key(q["id"], "gate"), **common)
            chosen = st.session_state.get(key(q["id"], "gate"))
            if chosen is not None and not q["gate"][chosen]:  # the list opens
                st.markdown(f"**Question {q['id']}**")
                for v in q["values"]:
                    if v not in q["gate"]:
                        box(q, v)
        elif q["widget"] == "checkboxes":
            st.markdown(f"**Question {q['id']}**")
            grouped = set()
            for g in q["groups"]:                            # kinds first, names once the kind is ticked
                grouped.update(g["values"])
                with st.container(key=f"group_{q['id']}__{g['id']}", gap=None):
                    st.checkbox(f"Kind {g['id']}", key=key(q["id"], f"group_{g['id']}"), **common)
                if st.session_state.get(key(q["id"], f"group_{g['id']}")):
                    with st.container(key=f"names_{q['id']}__{g['id']}"):
                        for v in g["values"]:
                            box(q, v)
            for v in q["values"]:
                if v not in grouped:
                    box(q, v)
        elif q["widget"] == "pills":
            st.pills(f"Question {q['id']}", options=options,
                     selection_mode="multi" if q["multi"] else "single", key=key(q["id"]), **common)
        elif q["widget"] == "scale":
            st.segmented_control(f"Question {q['id']}", options=options, key=key(q["id"]),
                                 width="stretch", **common)
            st.html(f"<div><span>{options[0]}</span><span>{options[-1]}</span></div>")
            if st.session_state.get(key(q["id"])):
                st.markdown(WORDS)
                st.caption(WORDS)
        elif q["widget"] == "text":
            st.text_area(f"Question {q['id']}", key=key(q["id"]), max_chars=q["max_length"] or None,
                         help=WORDS, **common)
        else:
            st.radio(f"Question {q['id']}", options=options, index=None, key=key(q["id"]), **common)
        st.caption(WORDS)                                    # the question's explanation, its words
        if q["n_terms"]:
            with st.expander("Words used here"):
                for _ in range(q["n_terms"]):
                    st.markdown(f"**Term**: {WORDS}")


def box(q: dict, v: str) -> None:
    """One tick box; with its own help, in a keyed container with the help under it."""
    if not q["choice_help"][q["values"].index(v)]:
        st.checkbox(f"Choice {v}", key=key(q["id"], v), on_change=store, args=(q,))
        return
    with st.container(key=f"choice_{q['id']}__{v}", gap=None):
        st.checkbox(f"Choice {v}", key=key(q["id"], v), on_change=store, args=(q,))
        st.caption(WORDS)


main, side = st.columns([3, 2], gap="large")
with main:
    for q in s["questions"]:       # no rules: every question of the step is drawn
        question(q)
    back, nxt = st.columns(2)
    if n > 0 and back.button("Back", key="back", use_container_width=True):
        st.session_state["step"] = n - 1
        st.rerun()
    last = n == len(STEPS) - 1
    if nxt.button("Review" if last else "Next", type="primary", key="next", use_container_width=True):
        if last:
            st.switch_page("pages/review.py")
        st.session_state["step"] = n + 1
        st.rerun()
    save_button("save_answers_step")
with side:
    if s["site"]:
        with st.container(border=True, key="site_passage"):
            st.caption(WORDS)
            st.markdown("#### Section")
            st.markdown(WORDS)
            st.page_link("pages/learn.py", label="Learn more")
