"""The language she reads the aid in.

Chosen on the start page ("Español / English") or by `?lang=es` in the address; kept in her
session and in the address while she moves around (so a reload, or a link a nurse sends,
speaks it again); written into her saved-answers file, so resuming brings her back in it.
The answers themselves are ids of the data dictionary, the same in every language.
"""
from __future__ import annotations

import streamlit as st

from .content import get_languages
from .focus import script

KEY = "language"
PICKER = "language_picker"
# Sets <html lang> so a screen reader reads the page with the right voice. Its text never
# changes (the Content-Security-Policy allows it by its hash); the language is a data- attribute.
LANG_JS = "document.documentElement.lang = document.currentScript.dataset.lang;"


def current() -> str:
    """Her language: the address's `lang` when it names one we have, else the one she chose."""
    asked = st.query_params.get("lang")
    if asked in get_languages():
        st.session_state[KEY] = asked
    language = st.session_state.get(KEY, "en")
    return language if language in get_languages() else "en"


def choose(language: str) -> None:
    """Switch to `language` (a code of get_languages()); anything else is ignored."""
    if language in get_languages():
        st.session_state[KEY] = language
        if language == "en":
            st.query_params.pop("lang", None)
        else:
            st.query_params["lang"] = language


def keep(language: str) -> None:
    """Every page: the address keeps her language, and <html lang> says it."""
    if language != "en" and st.query_params.get("lang") != language:
        st.query_params["lang"] = language
    with st.container(key="lang_script"):
        st.html(script(LANG_JS, lang=language), unsafe_allow_javascript=True)


def picker() -> None:
    """The start page's choice, each language named in itself, side by side."""
    langs = get_languages()
    if len(langs) < 2:
        return
    order = [c for c in langs if c != "en"] + ["en"]          # "Español / English"
    st.session_state[PICKER] = current()
    st.segmented_control(" / ".join(langs[c].picker_label for c in order), options=order,
                         format_func=lambda c: langs[c].name, key=PICKER,
                         on_change=lambda: choose(st.session_state.get(PICKER) or current()))
