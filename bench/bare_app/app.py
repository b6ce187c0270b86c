"""The benchmark's floor: the decision aid's pages and widgets in plain Streamlit.

Same pages, same widget kinds and keys per step (see bare.py: the shape of content/questions.yaml,
written at run time by bench/bare_layout.py), same page switches, same session-state pattern; but placeholder
words, no content files, no rules, no summary building, no PDF. `make bench` drives this
app and the real one the same way: the ratio app / bare is what the app adds to Streamlit.
"""
import streamlit as st

st.set_page_config(page_title="Bare decision aid", page_icon="static/favicon.png",  # as app.py
                   layout="wide", initial_sidebar_state="auto")

PAGES = [
    st.Page("pages/start.py", title="Start", url_path="start", default=True),
    st.Page("pages/questions.py", title="Questions", url_path="questions"),
    st.Page("pages/review.py", title="Review", url_path="review"),
    st.Page("pages/summary.py", title="Summary", url_path="summary"),
    st.Page("pages/learn.py", title="Learn", url_path="learn"),
    st.Page("pages/consultation.py", title="Consultation", url_path="consultation"),
]
page = st.navigation(PAGES, position="hidden")
page.run()
