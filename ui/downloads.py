"""The PDF download: built when the patient asks for it, then offered from memory.

A download built lazily by Streamlit 1.67 (`data=callable`) runs outside the script run, so
it cannot read the session (the nurse's notes), and its file can be deleted by another
session's run before the browser fetches it (measured under load). So the PDF is built in a
run of this session when asked, kept in this session's memory with a fingerprint of what it
shows, and offered for download until the summary or the notes change. Nothing is on disk.
The PDF itself is built in a worker process (ui/pdf_worker.py), so other patients' clicks do
not wait for it.
"""
from __future__ import annotations

import hashlib
from typing import Optional

import streamlit as st

from decision_aid.summary import Summary

from . import focus, media, pdf_worker

PDF = "prepared_pdf"


def pdf_button(summary: Summary, notes: Optional[str], prepare: str, download: str,
               file_name: str, key: str, full: bool = False) -> None:
    """`full`: every section of the summary; otherwise the short PDF (the sheet first)."""
    pdf_worker.start()
    fingerprint = hashlib.sha256(f"{summary.model_dump_json()}\0{notes or ''}\0{full}".encode()).hexdigest()
    slot = st.empty()       # the "Make a PDF" button, then in its place the download button
    store = f"{PDF}_full" if full else PDF
    ready = st.session_state.get(store)
    if not (ready and ready[0] == fingerprint):
        if not slot.button(prepare, type="primary" if not full else "secondary", key=f"{key}_prepare",
                           icon=":material/picture_as_pdf:"):
            return
        ready = st.session_state[store] = (fingerprint, pdf_worker.build(summary, notes, full))
        # the button she pressed is gone: focus goes to the download that took its place
        focus.request(f".st-key-{key} button", download)
    slot.download_button(download, data=ready[1], file_name=file_name,
                         mime=media.private_type("application/pdf"), on_click="ignore",
                         type="primary", key=key, icon=":material/download:")
