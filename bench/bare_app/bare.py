"""Shared by the bare pages: the layout (the shape of content/questions.yaml, no words, made at run
time by bench/server.py, in $BENCH_BARE_LAYOUT), the answers, the sidebar."""
from __future__ import annotations

import json
import os
from typing import Any

import streamlit as st

_LAYOUT = json.loads(os.environ["BENCH_BARE_LAYOUT"])
STEPS: list[dict] = _LAYOUT["STEPS"]
SITE_SECTIONS: list[int] = _LAYOUT["SITE_SECTIONS"]
GLOSSARY_TERMS: int = _LAYOUT["GLOSSARY_TERMS"]

WORDS = "Placeholder words: the benchmark's floor needs the widgets, not the content."
PDF = b"%PDF-1.4\n% placeholder: the bare app builds no summary and no PDF\n%%EOF\n"
QUESTIONS = {q["id"]: q for s in STEPS for q in s["questions"]}
PAGES = [("start", "Start"), ("questions", "Questions"), ("review", "Review"), ("summary", "Summary"),
         ("learn", "Learn"), ("consultation", "Consultation")]   # as app.py


def answers() -> dict[str, Any]:
    return st.session_state.setdefault("answers", {})


def key(qid: str, value: str | None = None) -> str:
    return f"q_{qid}" if value is None else f"q_{qid}__{value}"


def seed(q: dict) -> None:
    current = answers().get(q["id"])
    if q["widget"] == "checkboxes":
        for v in q["values"]:
            st.session_state.setdefault(key(q["id"], v), v in (current or ()))
        for g in q["groups"]:
            st.session_state.setdefault(key(q["id"], f"group_{g['id']}"), bool(set(current or ()) & set(g["values"])))
        if q["gate"]:
            st.session_state.setdefault(key(q["id"], "gate"), None)
    elif q["multi"]:
        st.session_state.setdefault(key(q["id"]), list(current or []))
    elif q["widget"] == "text":
        st.session_state.setdefault(key(q["id"]), current or "")
    else:
        st.session_state.setdefault(key(q["id"]), current)


def store(q: dict) -> None:
    if q["widget"] == "checkboxes":
        chosen = st.session_state.get(key(q["id"], "gate")) if q["gate"] else None
        if chosen is not None and q["gate"][chosen]:          # the gate's one tap answers it
            value: Any = (q["gate"][chosen],)
        else:
            value = tuple(v for v in q["values"] if st.session_state.get(key(q["id"], v)))
    else:
        value = st.session_state.get(key(q["id"]))
    if isinstance(value, list):
        value = tuple(value)
    if value in (None, "", ()):
        answers().pop(q["id"], None)
    else:
        answers()[q["id"]] = value


def frame() -> None:
    """The sidebar every page draws (the app's urgent notice is a rule: not here)."""
    with st.sidebar:
        st.markdown("**Bare decision aid**")
        st.caption(f"{len(answers())} of {len(QUESTIONS)} answered")
        for path, title in PAGES:
            st.page_link(f"pages/{path}.py", label=title)
        st.divider()
        save_button("save_answers")
        if st.session_state.get("confirm_clear"):
            st.warning(WORDS)
            yes, no = st.columns(2)
            if yes.button("Yes, clear", type="primary", key="clear_yes"):
                for k in list(st.session_state.keys()):
                    del st.session_state[k]
                st.switch_page("pages/start.py")
            if no.button("No", key="clear_no"):
                st.session_state["confirm_clear"] = False
                st.rerun()
        elif st.button("Clear my answers", key="clear_start", disabled=not answers()):
            st.session_state["confirm_clear"] = True
            st.rerun()


def save_button(key: str) -> None:
    if answers():
        st.download_button("Save my answers", data=b'{"answers": "placeholder"}',
                           file_name="my-answers.json", mime="application/json",
                           on_click="ignore", key=key)


def pdf_button(key: str) -> None:
    """As ui/downloads.py: a "prepare" click builds the PDF in the session's run (here a
    placeholder), and a download button takes the button's place in the same run."""
    slot, store = st.empty(), f"prepared_{key}"
    if not st.session_state.get(store):
        if not slot.button("Prepare PDF", type="primary", key=f"{key}_prepare"):
            return
        st.session_state[store] = PDF
    slot.download_button("Download PDF", data=st.session_state[store], file_name="summary.pdf",
                         mime="application/pdf", on_click="ignore", type="primary", key=key)
