"""What every page shares: the urgent notice, the sidebar, and the site passage beside a step."""
from __future__ import annotations

import streamlit as st

from decision_aid.answers import to_file
from decision_aid.content import Content, SitePassage
from decision_aid.dictionary import FIELDS
from decision_aid.summary import applicable, urgent_notice

from . import state
from .content import get_content


def frame() -> Content:
    """Start every page: the urgent notice on top and the shared sidebar. Returns the content.

    Called by each page rather than by app.py, so the notice is part of the page itself
    (AppTest in Streamlit 1.67 drops elements drawn by the entry script after a rerun)."""
    content = get_content()
    urgent_banner(content)
    sidebar(content)
    return content


def urgent_banner(content: Content) -> None:
    """If any urgent symptom is ticked, what to do now, at the top of every page."""
    notice = urgent_notice(state.answers(), content)
    if notice:
        heading, details = notice
        st.error(f"### {content.text('urgent_banner.heading')}\n\n**{heading}**\n\n"
                 + "\n".join(f"- {d}" for d in details)
                 + f"\n\n{content.text('urgent_banner.change')}", icon=":material/emergency:")


def site_passage(passage: SitePassage, content: Content) -> None:
    page = content.site[passage.page]
    section = next(s for s in page.sections if s.id == passage.section)
    with st.container(border=True, key="site_passage"):
        st.caption(content.text("steps.site_heading"))
        st.markdown(f"#### {section.heading}")
        st.markdown(section.body)
        st.page_link("pages/learn.py", label=content.text("steps.site_more"), icon=":material/menu_book:")


def sidebar(content: Content) -> None:
    t = content.text
    with st.sidebar:
        st.markdown(f"**{t('app.short_title')}**")
        asked = [q.id for s in content.questions.steps for q in s.questions]
        done = len([k for k in applicable(state.answers(), content) if k in asked])
        st.caption(t("sidebar.progress", done=done, total=len(FIELDS)))
        for path, key in (("pages/start.py", "nav.start"), ("pages/questions.py", "nav.questions"),
                          ("pages/review.py", "nav.review"), ("pages/summary.py", "nav.summary"),
                          ("pages/learn.py", "nav.learn"), ("pages/consultation.py", "nav.consultation")):
            st.page_link(path, label=t(key))
        st.divider()
        if state.answers():
            st.download_button(t("sidebar.save"), data=to_file(state.answers()),
                               file_name="my-answers.json", mime="application/json",
                               on_click="ignore", help=t("sidebar.save_help"), key="save_answers")
        clear_control(content)


def clear_control(content: Content) -> None:
    t = content.text
    if st.session_state.get(state.CONFIRM_CLEAR):
        st.warning(t("sidebar.clear_confirm"))
        yes, no = st.columns(2)
        if yes.button(t("sidebar.clear_yes"), type="primary", key="clear_yes"):
            state.clear_all()
            st.session_state["just_cleared"] = True
            st.switch_page("pages/start.py")
        if no.button(t("sidebar.clear_no"), key="clear_no"):
            st.session_state[state.CONFIRM_CLEAR] = False
            st.rerun()
    elif st.button(t("sidebar.clear"), key="clear_start", disabled=not state.answers()):
        st.session_state[state.CONFIRM_CLEAR] = True
        st.rerun()
