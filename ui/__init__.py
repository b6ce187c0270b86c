"""Streamlit-side helpers: the session's answer store, question widgets and page chrome.

Pages stay thin: they call these helpers and render values from decision_aid.
"""
