"""The PDF download: built when the patient asks for it, then offered from memory.

A download built lazily by Streamlit 1.67 (`data=callable`) runs outside the script run, so
it cannot read the session (the nurse's notes), and its file can be deleted by another
session's run before the browser fetches it (measured under load). So the PDF is built in a
run of this session when asked, kept in this session's memory with a fingerprint of what it
shows, and offered for download until the answers, the language or the notes change. Nothing
is on disk. The PDF is made in a process of its own, one at a time (ui/pdf_build.py); one that
fails or does not come in time gives a clear message and the answers stay.
"""
from __future__ import annotations

import hashlib
import json
from typing import Callable, Optional

import streamlit as st

from decision_aid.summary import Summary

from . import focus, media, pdf_build, state
from .content import get_content

PDF = "prepared_pdf"


def pdf_button(printed: Callable[[], Summary], language: str, notes: Optional[str], prepare: str,
               download: str, file_name: str, key: str, full: bool = False) -> None:
    """`printed`: the summary to print in her `language` (with, in another language, the sheet
    in English for her care team), built only when she asks for the PDF. `full`: every section
    of the summary; otherwise the short PDF (the sheet first)."""
    # what the PDF shows follows from her answers, her language, the notes and `full`
    fingerprint = hashlib.sha256(json.dumps([state.answers(), language, notes or "", full], sort_keys=True,
                                            default=list).encode()).hexdigest()
    slot = st.empty()       # the "Make a PDF" button, then in its place the download button
    store = f"{PDF}_full" if full else PDF
    ready = st.session_state.get(store)
    if not (ready and ready[0] == fingerprint):
        if not slot.button(prepare, type="primary" if not full else "secondary", key=f"{key}_prepare",
                           icon=":material/picture_as_pdf:"):
            return
        try:
            ready = st.session_state[store] = (fingerprint, pdf_build.build(printed(), notes, full))
        except pdf_build.NotReady:
            st.error(get_content(language).text("errors.pdf_not_ready"))   # in her language; the button stays
            return
        # the button she pressed is gone: focus goes to the download that took its place
        focus.request(f".st-key-{key} button", download)
    slot.download_button(download, data=ready[1], file_name=file_name,
                         mime=media.private_type("application/pdf"), on_click="ignore",
                         type="primary", key=key, icon=":material/download:")
