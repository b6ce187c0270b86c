"""No error may leave the patient without the app: a failure in the page frame, in a page or
in a widget's callback shows the friendly message and keeps the session's answers.

Only the exception's type and place are logged: its message could hold a patient's answer.
"""
from __future__ import annotations

import functools
import logging
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from decision_aid.content import Content

log = logging.getLogger("decision_aid")
CALLBACK_FAILED = "callback_failed"


def _log(what: str, e: BaseException) -> None:
    where = traceback.extract_tb(e.__traceback__)[-1]
    log.error("%s failed: %s at %s:%s", what, type(e).__name__, Path(where.filename).name, where.lineno)


@contextmanager
def guard(content: Content, what: str = "page") -> Iterator[None]:
    """`with guard(content):` shows the friendly message instead of a traceback; the rest of
    the page is still drawn."""
    try:
        yield
    except ScriptControlException:
        raise  # st.rerun / st.switch_page / st.stop: Streamlit's own control flow
    except Exception as e:
        _log(what, e)
        st.error(content.text("errors.app_error"))


def callback(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A widget callback (on_click / on_change) that cannot fail the run: Streamlit would show
    its exception box instead of the page. The failure is noted; the frame then shows the
    friendly message (show_callback_failure)."""
    @functools.wraps(fn)
    def safe(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ScriptControlException:
            raise
        except Exception as e:
            _log("callback", e)
            st.session_state[CALLBACK_FAILED] = True
    return safe


def show_callback_failure(content: Content) -> None:
    if st.session_state.pop(CALLBACK_FAILED, False):
        st.error(content.text("errors.app_error"))
