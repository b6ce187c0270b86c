import streamlit as st

from bare import STEPS, WORDS, answers, frame

frame()
st.header("Check your answers")
st.markdown(WORDS)
given = answers()
for i, s in enumerate(STEPS):
    st.subheader(f"Step {i + 1}")
    for q in s["questions"]:
        with st.container(border=True, key=f"review_{q['id']}"):
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(f"**Question {q['id']}**")
            value = given.get(q["id"])
            left.markdown("*Skipped*" if value is None else str(value))
            if right.button("Change", key=f"change_{q['id']}", help=WORDS):
                st.session_state["step"] = i
                st.switch_page("pages/questions.py")
if st.button("See my summary", type="primary", key="see_summary"):
    st.switch_page("pages/summary.py")
