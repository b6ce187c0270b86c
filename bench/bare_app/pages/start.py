import streamlit as st

from bare import WORDS, answers, frame

frame()
st.header("Start")
st.markdown(WORDS)
st.markdown(f"**{WORDS}**")
st.markdown(WORDS)
st.caption(WORDS)
st.segmented_control("Language", options=["es", "en"], key="language_picker")
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
