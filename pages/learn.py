import streamlit as st

from ui import chrome


with chrome.page("nav.learn") as content:
    t = content.text

    st.header(t("learn.heading"))
    st.markdown(t("learn.intro"))
    pages = list(content.site.values())
    tabs = st.tabs([p.title for p in pages] + [t("learn.glossary")])
    for tab, page in zip(tabs, pages):
        with tab:
            st.markdown(page.intro)
            for section in page.sections:
                st.subheader(section.heading)
                st.markdown(section.body)
    with tabs[-1]:
        for g in sorted(content.glossary.values(), key=lambda g: g.term.lower()):
            st.markdown(f"**{g.term}**: {g.definition}")
