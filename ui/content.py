"""Content is parsed and validated once per process, never per rerun."""
from __future__ import annotations

import gc

import streamlit as st

from decision_aid.content import Content, Language, load_content, translations


@st.cache_resource(show_spinner=False)
def get_content(language: str = "en") -> Content:
    content = load_content(language=language)
    # Content lives as long as the process: the cyclic garbage collector need not walk its
    # objects again and again (a full collection with them took tens of ms, in a patient's click).
    gc.freeze()
    return content


@st.cache_resource(show_spinner=False)
def get_languages() -> dict[str, Language]:
    """Code -> how the language names itself, English first (content/i18n/<code>/language.yaml)."""
    return {"en": get_content("en").language_info, **translations()}

