"""The urgent warning: in full where the symptom is ticked, one compact line on every other page.

Both carry tap-to-call links: the center's 24-hour number (a content setting,
`urgent_banner.phone` in content/ui.yaml; a plain placeholder until the center sets it) and 911.
"""
from __future__ import annotations

import re

import streamlit as st

from decision_aid.content import Content
from decision_aid.summary import urgent_notice

from . import focus, state

FULL = "urgent_now"          # the keyed container of the full warning (focused when it appears)
QUESTION = "urgent_symptoms"


def call_links(content: Content) -> str:
    """Markdown: a tap-to-call link to the center's 24-hour number (or what to do without
    it), and one to 911."""
    t = content.text
    phone = t("urgent_banner.phone").strip()
    if phone:
        digits = re.sub(r"[^0-9+]", "", phone)
        team = f"[{t('urgent_banner.call_team', phone=phone)}](tel:{digits})"
    else:
        team = t("urgent_banner.phone_missing")
    return f"{team}  \n[{t('urgent_banner.call_911')}](tel:911)"


def full(content: Content) -> None:
    """The whole warning, under the question where the symptom was ticked."""
    notice = urgent_notice(state.answers(), content)
    if not notice:
        return
    heading, details = notice
    with st.container(key=FULL):
        st.error(f"### {content.text('urgent_banner.heading')}\n\n**{heading}**\n\n{call_links(content)}\n\n"
                 + "\n".join(f"- {d}" for d in details)
                 + f"\n\n{content.text('urgent_banner.change')}", icon=":material/emergency:")


def compact(content: Content) -> None:
    """One short line at the top of every other page, with the same links; what the symptom
    may mean is one tap away."""
    notice = urgent_notice(state.answers(), content)
    if not notice:
        return
    with st.container(key="urgent_line"):
        st.error(f"**{content.urgent.notice}.** {content.text('urgent_banner.short')}  \n{call_links(content)}",
                 icon=":material/emergency:")
        more = st.expander(content.text("urgent_banner.more"), key="urgent_more", on_change="rerun")
        with more:
            if more.open:   # drawn only when opened
                heading, details = notice
                st.markdown(f"**{heading}**\n\n" + "\n".join(f"- {d}" for d in details))


def ticked(value: str) -> bool:
    return value != "none" and bool(st.session_state.get(state.key(QUESTION, value)))


def on_tick(value: str, content: Content) -> None:
    """on_change of an urgent symptom's box: when a symptom is newly ticked, move focus to the
    full warning (drawn under the question) and announce it."""
    if ticked(value):
        focus.request(f".st-key-{FULL}", content.text("urgent_banner.heading"), block="start")


def beside_box(value: str, content: Content) -> None:
    """A short line under a ticked symptom, pointing to the warning."""
    if ticked(value):
        st.markdown(f":red[**{content.text('urgent_banner.beside')}**]")
