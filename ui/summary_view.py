"""Draw a Summary value on the page. Decides nothing: every item comes from the Summary."""
from __future__ import annotations

from typing import Callable, Optional

import pandas as pd
import streamlit as st

from decision_aid.comparison import HIGHLIGHTED, comparison_table, parts
from decision_aid.export_markdown import side_effect_line
from decision_aid.summary import OptionView, Summary

from . import icon_array

# The comparison table: all options side by side on a wide screen; one option at a time,
# picked from a list, on a phone (below this width), so the page never scrolls sideways.
NARROW_PX = 700
MARK_BG = "#fef3c7"     # a light amber behind rows about what the patient said matters (with a ★ mark)


def _items(items, heading: str | None = None) -> None:
    if not items:
        return
    if heading:
        st.subheader(heading)
    st.markdown("\n\n".join(f"**{i.title}.** {i.text}" if i.title else i.text for i in items))


def _pictures(o: OptionView, h: dict[str, str], alt: str) -> None:
    """A picture of 100 people for each side effect the content gives as "about N in 100"."""
    counted = [e for e in o.side_effects if e.about_n_in_100 is not None]
    if not counted:
        return
    st.caption(h["picture_key"])
    st.html("".join(icon_array.figure(e.about_n_in_100, alt.format(n=e.about_n_in_100),
                                      h["picture_caption"].format(n=e.about_n_in_100), e.label)
                    for e in counted))


def _what_matters(s: Summary) -> None:
    if not s.what_matters:
        return
    with st.container(border=True, key="what_matters"):
        st.markdown(f"**{s.headings['what_matters']}**")
        st.markdown("\n".join(f"- **{i.title}:** {i.text}" for i in s.what_matters))


def _compare_css(df: pd.DataFrame, marked: list[str]) -> str:
    """Show one table per screen width, and tint and embolden the rows about what the patient
    said matters (their ★ label already says so in words). Every table here has the same rows
    in the same order, so the marked rows are found by position."""
    rows = [k + 1 for k, label in enumerate(df.index) if label in marked]
    mark = ", ".join(f".st-key-compare_{w} tbody tr:nth-child({k}) > *"
                     for w in ("wide", "narrow") for k in rows)
    return (f"<style>@media (min-width: {NARROW_PX + 1}px) {{ .st-key-compare_narrow {{ display: none !important; }} }}"
            f"@media (max-width: {NARROW_PX}px) {{ .st-key-compare_wide {{ display: none !important; }} }}"
            ".st-key-compare_wide th, .st-key-compare_narrow th { color: inherit; }"   # full contrast
            ".st-key-compare_wide tbody th, .st-key-compare_narrow tbody th { font-weight: 600; }"
            + (f"{mark} {{ background-color: {MARK_BG}; font-weight: 700; }}" if rows else "")
            + "</style>")


def comparison(s: Summary) -> None:
    """The options side by side (Option Grid style), readable on a phone."""
    df = comparison_table(s)
    if df.columns.empty:
        return
    h, marked = s.headings, df.attrs[HIGHLIGHTED]
    st.subheader(h["comparison"])
    st.markdown(h["comparison_intro"])
    st.html(_compare_css(df, marked))
    with st.container(key="compare_wide"):   # at most 3 options a table, so each stays readable
        pieces = parts(df)
        for piece in pieces:
            if len(pieces) > 1:
                first = list(df.columns).index(piece.columns[0]) + 1
                st.caption(h["comparison_part"].format(first=first, last=first + len(piece.columns) - 1,
                                                       total=len(df.columns)))
            st.table(piece)
    with st.container(key="compare_narrow"):
        pick = st.selectbox(h["comparison_pick"], list(df.columns), key="compare_pick")
        st.table(df[[pick]])


def _option(o: OptionView, h: dict[str, str], more_label: str, picture_alt: str) -> None:
    with st.container(border=True, key=f"option_{o.id}"):
        # one Markdown element per block, not per paragraph: fewer elements to send on each run
        if o.warnings:  # prominent cautions (e.g. pregnancy): right under the title, before anything else
            st.markdown(f"### {o.title}")
            st.error(f"**{h['warnings']}:**\n" + "\n".join(f"- {w}" for w in o.warnings), icon=":material/warning:")
        st.markdown((f"### {o.title}\n\n" if not o.warnings else "") + f"{o.what_it_is}\n\n**{h['why_shown']}:** {o.why_shown}\n\n"
                    f"**{h['how_given']}:** {o.route}. {o.how_given} {o.visits}")
        if o.fit:
            with st.container(border=True, key=f"fit_{o.id}"):
                st.markdown(f"**{h['fit']}:**\n" + "\n".join(f"- {x}" for x in o.fit))
        st.markdown(f"**{h['side_effects']}:**\n" + "\n".join(f"- {side_effect_line(e, h)}" for e in o.side_effects))
        _pictures(o, h, picture_alt)
        if o.cautions:
            st.warning(f"**{h['cautions']}:**\n" + "\n".join(f"- {c}" for c in o.cautions), icon=":material/health_and_safety:")
        with st.expander(more_label):
            st.markdown("\n\n".join([
                *([f"**{h['examples']}:** " + ", ".join(o.examples)] if o.examples else []),
                o.when_discussed,
                f"**{h['tell_team']}:**\n" + "\n".join(f"- {x}" for x in o.tell_team),
                f"**{h['sources']}:**\n" + "\n".join(f"- [{s.name} ({s.year})]({s.url})" for s in o.sources),
                *([f"*{o.review_line}*"] if o.review_line else [])]))


def render(s: Summary, more_label: str, picture_alt: Optional[str] = None,
           after_questions: Optional[Callable[[], None]] = None) -> None:
    """The whole summary. `picture_alt`: the text alternative of a picture of 100 people
    ({n} filled in); `after_questions`: drawn after the questions to ask and before the
    things to talk through (the page's SURE check)."""
    h = s.headings
    picture_alt = picture_alt or h["picture_caption"]
    st.header(h["title"])
    if s.draft_notice:
        st.info(s.draft_notice, icon=":material/edit_note:")
    _items(s.situation, h["situation"])
    if s.missing:
        _items(s.missing, h["missing"])

    st.subheader(h["path"])
    cols = st.columns(3)
    for col, label, items in zip(cols, (h["path_before"], h["path_now"], h["path_later"]),
                                 (s.path.already_had, s.path.now, s.path.later)):
        with col.container(border=True):
            st.markdown(f"**{label}**\n\n" + ("\n".join(f"- {x}" for x in items) if items else f"*{h['path_none']}*"))
    st.caption(h["path_note"])

    st.subheader(h["options"])
    st.markdown(h["options_intro"])
    _what_matters(s)
    comparison(s)
    for o in s.options:
        _option(o, h, more_label, picture_alt)

    with st.expander(h["not_listed"]):
        st.markdown("\n\n".join(f"**{n.title}.** {n.why}" for n in s.not_listed))
    _items(s.tests_to_ask, h["tests"])
    _items(s.trials, h["trials"])
    if s.trial_search_url:
        st.link_button(h["trial_search"], s.trial_search_url)
    _items(s.support, h["support"])

    st.subheader(h["questions"])
    if s.questions_intro:
        st.markdown(s.questions_intro)
    st.markdown("\n".join(f"- {q}" for q in s.questions_to_ask))
    if s.own_questions:
        st.markdown(f"**{h['own_questions']}:**")
        st.text(s.own_questions)  # the patient's own words, shown as plain text
    if after_questions:
        after_questions()
    if s.sure_to_discuss:
        st.subheader(h["sure"])
        st.markdown("\n".join(f"- {x}" for x in s.sure_to_discuss))
    st.subheader(h["disclaimer"])
    st.markdown(s.disclaimer)
    st.caption(f"{h['content_date']}: {s.content_last_reviewed.isoformat()}")
