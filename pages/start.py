import streamlit as st

from decision_aid.answer_errors import message
from decision_aid.answers import AnswersError, read_limited, read_saved
from ui import chrome, focus, guard, language, state, style

RESUMED = "resume_outcome"


@guard.callback
def resume(data: bytes) -> None:
    """on_click: load a saved answers file (read in memory, never written), before the page
    is drawn, so everything on the page already shows the loaded answers. The message names
    nothing from the file (decision_aid/answer_errors.py)."""
    content = chrome.content_or_stop()
    try:
        answers, saved_in = read_saved(data)
        state.replace_answers(answers)
        if saved_in:
            language.choose(saved_in)            # resuming speaks her language again
            content = chrome.content_or_stop()
    except AnswersError as e:
        st.session_state[RESUMED] = ("error", message(e, content) + " " + content.text("errors.not_loaded"))
    else:
        st.session_state[RESUMED] = ("ok", content.text("start.resume_done"))
    focus.announce(st.session_state[RESUMED][1])   # said to screen readers as it appears


with chrome.page("nav.start") as content:
    t = content.text

    language.picker()    # "Español / English", before anything to read
    st.header(t("start.heading"))
    if st.session_state.pop("just_cleared", False):
        st.success(t("sidebar.cleared"))
    if content.is_draft():
        st.info(t("start.draft_note"), icon=":material/edit_note:")
    if content.translation_draft:
        st.info(t("app.translation_draft"), icon=":material/translate:")
    st.markdown(t("start.what_it_is"))
    st.markdown(f"**{t('start.what_it_is_not')}**")
    st.markdown(t("start.time", questions=t("start.measured_question_minutes"),   # measured: make journey
                  minutes=t("start.measured_minutes")))
    st.caption(t("start.privacy"))

    label = t("start.continue") if state.answers() else t("start.begin")
    if st.button(label, type="primary", key="begin"):
        st.switch_page("pages/questions.py")
    # a nurse goes straight to her view; a patient has nothing to choose here
    st.page_link("pages/consultation.py", label=t("start.nurse_link"), icon=":material/stethoscope:")

    with st.expander(t("start.resume_heading"), key="pick_up", icon=":material/upload_file:"):
        # folded: most people start fresh; one tap opens it
        st.markdown(t("start.resume_help"))
        st.caption(t("start.reload_note"))
        upload = st.file_uploader(t("start.resume_label"), type=["json"], key="resume_file")
        if content.language != "en":
            style.relabel_file_chooser("resume_file", t("start.choose_file"))
        if upload is not None:
            upload.seek(0)   # every run reads it from the start
            st.button(t("start.resume_button"), key="resume", on_click=resume, args=(read_limited(upload),))   # at most the size limit and one byte
    outcome = st.session_state.pop(RESUMED, None)
    if outcome:
        (st.success if outcome[0] == "ok" else st.error)(outcome[1])
