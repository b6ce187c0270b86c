import streamlit as st

from bare import WORDS, answers, frame, pdf_button

frame()
st.header("Consultation")
st.caption(WORDS)
if not answers():
    st.info(WORDS)
    st.page_link("pages/start.py", label="Load saved answers")
    st.stop()
for row in range(2):
    for i, col in enumerate(st.columns(3)):
        with col, st.container(border=True, key=f"nv_{row}_{i}"):
            st.markdown("#### Box")
            st.markdown(f"- {WORDS}")
st.session_state.setdefault("w_nurse_notes", st.session_state.get("nurse_notes", ""))
st.text_area("Notes", key="w_nurse_notes", max_chars=5000, height=160, help=WORDS,
             on_change=lambda: st.session_state.update(nurse_notes=st.session_state.get("w_nurse_notes", "")))
pdf_button("download_pdf_nurse")
st.caption(WORDS)
