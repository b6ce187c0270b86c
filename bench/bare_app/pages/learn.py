import streamlit as st

from bare import GLOSSARY_TERMS, SITE_SECTIONS, WORDS, frame

frame()
st.header("Learn")
st.markdown(WORDS)
tabs = st.tabs([f"Page {i + 1}" for i in range(len(SITE_SECTIONS))] + ["Glossary"])
for tab, n in zip(tabs, SITE_SECTIONS):
    with tab:
        st.markdown(WORDS)
        for j in range(n):
            st.subheader(f"Section {j + 1}")
            st.markdown(WORDS)
with tabs[-1]:
    for _ in range(GLOSSARY_TERMS):
        st.markdown(f"**Term**: {WORDS}")
