"""Download files that only the patient's own page can fetch, gone at once on Clear.

Streamlit 1.67 places every download button's file in the server's memory at
`/media/<id>`, on every run that draws the button (not only when it is pressed), and serves
it to anyone who asks for that path, with no cookie. The id is a hash of the file's bytes,
its type and its name only (`memory_media_file_storage._calculate_file_id`), so without
care it could be worked out from a patient's answers. And a file no longer drawn is deleted
only after two more script runs of any session, which on a quiet server can be much later.

So every patient download here:
- carries a random token of the session in its type (`application/json; session=<token>`);
  the type is part of what is hashed, so the id is unguessable, even to someone who knows
  the answers. The browser ignores the parameter; the file is saved under its own name.
- is removed from the server as soon as the patient clears the answers (or the session
  times out): `forget()`. Clearing the session's state also drops the token, so the next
  files get new ids.
"""
from __future__ import annotations

import secrets

import streamlit as st
from streamlit import runtime

TOKEN = "media_token"


def private_type(mime: str) -> str:
    """`mime` with this session's random token, so the file's /media/ id cannot be predicted."""
    token = st.session_state.get(TOKEN)
    if token is None:
        token = st.session_state[TOKEN] = secrets.token_hex(16)    # 128 random bits
    return f"{mime}; session={token}"


def forget() -> None:
    """Remove this session's download files from the server's memory now.

    Uses only the media manager's public methods: this session stops referring to its
    files, then two orphan sweeps delete every download no session draws any more (the
    first sweep only marks a download, the second deletes it). Other sessions' current
    files are still referred to by their own runs, so they stay."""
    if not runtime.exists():
        return
    manager = runtime.get_instance().media_file_mgr
    manager.clear_session_refs()
    manager.remove_orphaned_files()
    manager.remove_orphaned_files()
