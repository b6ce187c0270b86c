"""What every page shares: the urgent notice, the sidebar, and the site passage beside a step."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import streamlit as st

from decision_aid.answers import facts, to_file
from decision_aid.content import Content, ContentError, SitePassage
from decision_aid.summary import applicable

from . import focus, idle, language, media, state, style, urgent
from .content import get_content
from .guard import guard, show_callback_failure

FAVICON = (Path(__file__).resolve().parent.parent / "static" / "favicon.png").read_bytes()  # read once


def content_or_stop() -> Content:
    """The content in her language, or a plain message (never a traceback) when a content
    file is broken."""
    try:
        return get_content(language.current())
    except ContentError as e:  # a maintainer's mistake in content/
        st.error("This guide cannot open because one of its content files has a problem. "
                 "Please tell the cancer center's web team.")
        st.caption(str(e))
        st.stop()


def frame(title_key: str, urgent_here: bool = False) -> Content:
    """The top of every page: page settings, the urgent notice (one compact line; none when
    the page draws the whole warning itself, `urgent_here`) and the shared sidebar. A part
    that fails shows the friendly message; the others and the page are still drawn."""
    content = content_or_stop()
    with guard(content, "frame"):
        _frame(title_key, content, urgent_here)
    show_callback_failure(content)
    return content


def _frame(title_key: str, content: Content, urgent_here: bool) -> None:
    title = f"{content.text(title_key)} · {content.text('app.short_title')}"
    st.set_page_config(page_title=title, page_icon=FAVICON,
                       layout="wide", initial_sidebar_state="auto")
    style.apply()  # 44 px touch targets and focus rings (ui/style.py)
    language.keep(content.language)
    idle.enforce(content)  # answers left alone for hours are dropped, with a plain notice
    if not urgent_here:
        with guard(content, "urgent notice"):
            urgent.compact(content)
    sidebar(content)


@contextmanager
def page(title_key: str, urgent_here: bool = False) -> Iterator[Content]:
    """`with chrome.page("nav.<page>") as content:` starts a page with the frame and, if anything in it
    fails, shows a friendly message instead of a traceback; the answers stay in the session.

    Each page draws this itself rather than relying on app.py: a fresh Streamlit 1.67 server
    with a pages/ folder (and AppTest after switch_page) runs a page file without app.py."""
    content = frame(title_key, urgent_here)
    with guard(content):
        yield content
        focus.draw()   # last: a focus move or announcement the page asked for


def site_passage(passage: SitePassage, content: Content) -> None:
    page = content.site[passage.page]
    section = next(s for s in page.sections if s.id == passage.section)
    with st.container(key="site_passage"):   # one tap away: drawn only when opened
        more = st.expander(f"{content.text('steps.site_heading')}: {section.heading}", key="site_more",
                           icon=":material/menu_book:", on_change="rerun")
        with more:
            if more.open:
                st.markdown(section.body)
                st.page_link("pages/learn.py", label=content.text("steps.site_more"), icon=":material/menu_book:")


def sidebar(content: Content) -> None:
    t = content.text
    with st.sidebar:
        st.markdown(f"**{t('app.center')}**  \n{t('app.short_title')}")
        if content.translation_draft:
            st.caption(t("app.translation_draft"))
        f = facts(state.answers())   # only the questions that apply count (none about menopause for a man)
        asked = [q.id for s in content.questions.steps for q in s.questions if q.show_when.holds(f)]
        done = len([k for k in applicable(state.answers(), content) if k in asked])
        st.caption(t("sidebar.progress", done=done, total=len(asked)))
        for path, key in (("pages/start.py", "nav.start"), ("pages/questions.py", "nav.questions"),
                          ("pages/review.py", "nav.review"), ("pages/summary.py", "nav.summary"),
                          ("pages/learn.py", "nav.learn"), ("pages/consultation.py", "nav.consultation")):
            st.page_link(path, label=t(key))
        st.divider()
        with guard(content, "save button"):   # "Clear my answers" stays below, whatever happens
            save_button(content, key="save_answers")
        clear_control(content)


def save_button(content: Content, key: str) -> None:
    """"Save my answers": a download the patient keeps (nothing is kept here)."""
    if state.answers():
        st.download_button(content.text("sidebar.save"), data=to_file(state.answers(), content.language),
                           file_name="my-answers.json", mime=media.private_type("application/json"),
                           on_click="ignore",
                           help=content.text("sidebar.save_help"), key=key, icon=":material/save:")


def clear_control(content: Content) -> None:
    t = content.text
    if st.session_state.get(state.CONFIRM_CLEAR):
        st.warning(t("sidebar.clear_confirm"))
        yes, no = st.columns(2)
        if yes.button(t("sidebar.clear_yes"), type="primary", key="clear_yes"):
            state.clear_all()
            media.forget()      # the saved-answers and summary files leave the server now
            st.session_state["just_cleared"] = True
            st.switch_page("pages/start.py")
        if no.button(t("sidebar.clear_no"), key="clear_no"):
            st.session_state[state.CONFIRM_CLEAR] = False
            st.rerun()
    elif st.button(t("sidebar.clear"), key="clear_start", disabled=not state.answers()):
        st.session_state[state.CONFIRM_CLEAR] = True
        st.rerun()
