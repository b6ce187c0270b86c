import streamlit as st

from bare import WORDS, answers, frame

frame()
st.header("Start")
st.markdown(WORDS)
st.markdown(f"**{WORDS}**")
st.markdown(WORDS)
st.caption(WORDS)
st.session_state.setdefault("mode", None)
st.radio("How are you using this?", options=["nurse", "self"], key="mode", horizontal=True)
if st.session_state["mode"] == "nurse":
    st.page_link("pages/consultation.py", label="Consultation")
if st.button("Continue" if answers() else "Begin", type="primary", key="begin"):
    st.switch_page("pages/questions.py")
st.divider()
st.subheader("Resume")
st.markdown(WORDS)
st.caption(WORDS)
upload = st.file_uploader("Your saved answers", type=["json"], key="resume_file")
if upload is not None and st.button("Load", key="resume"):
    st.success(WORDS)
