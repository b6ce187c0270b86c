"""Entry point: page config, content check, navigation, and a friendly error instead of a traceback.

Run with `make run`. Pages live in pages/ and only render; decisions are in decision_aid.
"""
import logging

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from decision_aid.content import ContentError
from ui.content import get_content

st.set_page_config(page_title="Talking about your options", page_icon="static/favicon.png",
                   layout="wide", initial_sidebar_state="auto")

try:
    content = get_content()
except ContentError as e:  # a maintainer's mistake in content/: say so plainly, show nothing wrong
    st.error("This guide cannot open because one of its content files has a problem. "
             "Please tell the cancer center's web team.")
    st.caption(str(e))
    st.stop()

t = content.text
PAGES = [
    st.Page("pages/start.py", title=t("nav.start"), url_path="start", default=True),
    st.Page("pages/questions.py", title=t("nav.questions"), url_path="questions"),
    st.Page("pages/review.py", title=t("nav.review"), url_path="review"),
    st.Page("pages/summary.py", title=t("nav.summary"), url_path="summary"),
    st.Page("pages/learn.py", title=t("nav.learn"), url_path="learn"),
    st.Page("pages/consultation.py", title=t("nav.consultation"), url_path="consultation"),
]
page = st.navigation(PAGES, position="hidden")  # our own menu is drawn in the sidebar

try:
    page.run()
except ScriptControlException:
    raise  # st.rerun / st.switch_page / st.stop: Streamlit's own control flow
except Exception:  # never a traceback on screen; answers stay in the session
    logging.getLogger("decision_aid").exception("page failed")  # code path only, no answers
    st.error(t("errors.app_error"))
