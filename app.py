"""Entry point (`make run`): navigation over the thin pages in pages/.

Each page draws the shared frame itself (ui/chrome.page): page settings, the urgent notice,
the sidebar, and a friendly message instead of a traceback. Decisions live in decision_aid.
"""
import streamlit as st

from ui.chrome import content_or_stop

t = content_or_stop().text
PAGES = [
    st.Page("pages/start.py", title=t("nav.start"), url_path="start", default=True),
    st.Page("pages/questions.py", title=t("nav.questions"), url_path="questions"),
    st.Page("pages/review.py", title=t("nav.review"), url_path="review"),
    st.Page("pages/summary.py", title=t("nav.summary"), url_path="summary"),
    st.Page("pages/learn.py", title=t("nav.learn"), url_path="learn"),
    st.Page("pages/consultation.py", title=t("nav.consultation"), url_path="consultation"),
]
st.navigation(PAGES, position="hidden").run()  # our own menu is drawn in the sidebar
