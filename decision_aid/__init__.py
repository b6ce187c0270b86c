"""The decision aid's pure-Python core: content, answers, rules, the summary and exporters.

Never imports streamlit, so every decision is tested without a browser.
"""
