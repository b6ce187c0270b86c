"""The benchmark's floor (bench/README.md): app.py's pages, widget kinds and keys per step, page
switches and session-state pattern in plain Streamlit; placeholder words, no content, rules or PDF."""
import streamlit as st

from bare import PAGES

st.set_page_config(page_title="Bare decision aid", page_icon="static/favicon.png",  # as app.py
                   layout="wide", initial_sidebar_state="auto")
st.navigation([st.Page(f"pages/{path}.py", title=title, url_path=path, default=path == "start")
               for path, title in PAGES], position="hidden").run()
