import streamlit as st

from decision_aid.export_markdown import to_markdown
from decision_aid.summary import build_summary
from ui import state, summary_view
from ui.content import get_content

content = get_content()
t = content.text

if not state.answers():
    st.info(t("summary_page.start_first"))
    if st.button(t("start.begin"), key="begin_from_summary"):
        st.switch_page("pages/questions.py")
    st.stop()

summary = build_summary(state.answers(), content)
summary_view.render(summary, t("summary_page.show_more"))
st.download_button(t("summary_page.download_md"), data=to_markdown(summary),
                   file_name="my-summary.md", mime="text/markdown", on_click="ignore",
                   key="download_md")
