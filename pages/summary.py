import streamlit as st

from decision_aid.export_markdown import to_markdown
from decision_aid.summary import build_summary
from ui import chrome, downloads, media, state, summary_view, sure_form
from ui.content import get_content

with chrome.page("nav.summary") as content:
    t = content.text

    if not state.answers():
        st.info(t("summary_page.start_first"))
        if st.button(t("start.begin"), key="begin_from_summary"):
            st.switch_page("pages/questions.py")
        st.stop()

    summary = build_summary(state.answers(), content)
    # in another language the PDF ends with the sheet in English for her care team: built on the click
    english = get_content("en") if content.language != "en" else None

    def printed():
        return build_summary(state.answers(), content, team=english)

    def actions() -> None:
        """Save and the PDF near the top: right under her key facts."""
        with st.container(key="summary_actions", horizontal=True):
            chrome.save_button(content, key="save_answers_summary")  # the sidebar is folded away on phones
            downloads.pdf_button(printed, content.language, state.notes() or None, t("summary_page.prepare_pdf"),
                                 t("summary_page.download_pdf"), "my-summary.pdf", key="download_pdf")

    summary_view.render(summary, t("summary_page.show_details"), actions=actions, after_sheet=lambda: sure_form.draw(content))  # SURE, asked again

    if st.session_state.get("show_details"):      # the whole details and the text copy: with the details
        with st.container(key="summary_more_downloads", horizontal=True):
            downloads.pdf_button(printed, content.language, state.notes() or None, t("summary_page.prepare_pdf_full"),
                                 t("summary_page.download_pdf_full"), "my-summary-full.pdf",
                                 key="download_pdf_full", full=True)
            st.download_button(t("summary_page.download_md"), data=to_markdown(summary),
                               file_name="my-summary.md", mime=media.private_type("text/markdown"),
                               on_click="ignore", key="download_md")
