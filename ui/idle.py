"""Answers left alone too long are dropped: a tab left open on a shared computer must not keep them.

After IDLE_TIMEOUT_MINUTES (environment; default 180, three hours) with no click and no change,
the session's answers, the nurse's notes and the session's download files are dropped, and the
page says so in plain words; the answers file the patient saved is the way back.

Every full run of the page counts as use (Streamlit runs the page on each click or change). A
small timer on every page (a fragment that the browser reruns every `check_every()` seconds; it
draws nothing and does not count as use) asks for a full run once the time is up, so the
answers leave the screen and the server's memory even if nobody touches the tab again.
"""
from __future__ import annotations

import os
import time

import streamlit as st

from decision_aid.content import Content

from . import media, state

DEFAULT_MINUTES = 180.0
LAST_USED, CLEARED = "idle_last_used", "idle_cleared"


def timeout_seconds() -> float:
    """IDLE_TIMEOUT_MINUTES from the environment (a positive number), else three hours."""
    try:
        minutes = float(os.environ.get("IDLE_TIMEOUT_MINUTES", DEFAULT_MINUTES))
    except ValueError:
        minutes = DEFAULT_MINUTES
    return (minutes if minutes > 0 else DEFAULT_MINUTES) * 60


def check_every() -> float:
    """How often each open page checks: once a minute, more often for a short timeout."""
    return min(60.0, max(1.0, timeout_seconds() / 4))


def _expired() -> bool:
    last = st.session_state.get(LAST_USED)
    return last is not None and time.monotonic() - last > timeout_seconds()


def enforce(content: Content) -> None:
    """At the top of every full run, before anything shows the answers: drop everything if the
    session was idle too long (and say so), then count this run as use and start the timer."""
    if _expired():
        had_answers = bool(state.answers() or state.notes())
        state.clear_all()
        media.forget()
        if had_answers:
            st.session_state[CLEARED] = True
    st.session_state[LAST_USED] = time.monotonic()
    if st.session_state.pop(CLEARED, False):
        st.info(content.text("idle.cleared"), icon=":material/lock_clock:")
    _watch()


@st.fragment(run_every=check_every())
def _watch() -> None:
    """Rerun by the browser on a timer; draws nothing. Once the time is up, a full run drops the
    answers (enforce) so they leave the screen even if nobody comes back to the tab."""
    if _expired():
        st.rerun(scope="app")
