import streamlit as st

from bare import STEPS, answers, frame

frame()
st.header("Check your answers")
given = answers()
for i, s in enumerate(STEPS):    # as pages/review.py: one line a step, its answers in a fold
    answered = [q for q in s["questions"] if given.get(q["id"]) is not None]
    skipped = [q for q in s["questions"] if given.get(q["id"]) is None]
    with st.container(border=True, key=f"step_box_{s['id']}"):
        with st.container(key=f"step_line_{s['id']}", horizontal=True, vertical_alignment="center"):
            st.markdown(f"**Step {i + 1}**")
            change = answered and st.button("Change", key=f"change_step_{s['id']}")
        if answered:
            fold = st.expander(f"{len(answered)} answers", key=f"fold_review_{s['id']}", on_change="rerun")
            with fold:
                if fold.open:
                    for q in answered:
                        st.markdown(f"**Question {q['id']}:** {given[q['id']]}")
        if skipped:
            with st.container(key=f"review_skipped_{s['id']}", horizontal=True, vertical_alignment="center"):
                st.markdown("**Skipped:** " + "; ".join(f"Question {q['id']}" for q in skipped))
                change = st.button("Change", key=f"change_skipped_{s['id']}") or change
    if change:
        st.session_state["step"] = i
        st.switch_page("pages/questions.py")
if st.button("See my summary", type="primary", key="see_summary"):
    st.switch_page("pages/summary.py")
