import streamlit as st

from decision_aid.export_markdown import to_markdown
from decision_aid.summary import build_summary
from ui import chrome, downloads, media, state, summary_view, sure_form

with chrome.page("nav.summary") as content:
    t = content.text

    if not state.answers():
        st.info(t("summary_page.start_first"))
        if st.button(t("start.begin"), key="begin_from_summary"):
            st.switch_page("pages/questions.py")
        st.stop()

    summary = build_summary(state.answers(), content)
    summary_view.render(summary, t("summary_page.show_more"), picture_alt=t("summary_page.picture_alt"),
                        after_questions=lambda: sure_form.draw(content))  # SURE, asked again after reading

    pdf, md = st.columns(2)
    with pdf:
        downloads.pdf_button(summary, state.notes() or None, t("summary_page.prepare_pdf"),
                             t("summary_page.download_pdf"), "my-summary.pdf", key="download_pdf")
    md.download_button(t("summary_page.download_md"), data=to_markdown(summary),
                       file_name="my-summary.md", mime=media.private_type("text/markdown"),
                       on_click="ignore", key="download_md")
    chrome.save_button(content, key="save_answers_summary")  # the sidebar is folded away on phones
