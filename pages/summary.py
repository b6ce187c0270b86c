import streamlit as st

from decision_aid.export_markdown import to_markdown
from decision_aid.export_pdf import to_pdf
from decision_aid.summary import build_summary
from ui import chrome, state, summary_view

content = chrome.frame()
t = content.text

if not state.answers():
    st.info(t("summary_page.start_first"))
    if st.button(t("start.begin"), key="begin_from_summary"):
        st.switch_page("pages/questions.py")
    st.stop()

summary = build_summary(state.answers(), content)
summary_view.render(summary, t("summary_page.show_more"))

pdf, md = st.columns(2)
pdf.download_button(t("summary_page.download_pdf"), type="primary", key="download_pdf",
                    data=lambda: to_pdf(summary, notes=st.session_state.get(state.NOTES)),  # built on click
                    file_name="my-summary.pdf", mime="application/pdf", on_click="ignore",
                    use_container_width=True)
md.download_button(t("summary_page.download_md"), data=lambda: to_markdown(summary),
                   file_name="my-summary.md", mime="text/markdown", on_click="ignore",
                   key="download_md", use_container_width=True)
