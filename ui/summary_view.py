"""Print the summary's document on the page. Decides nothing: the sections, their order, their
layer and every string come from the Summary's document (decision_aid/layout.py).

The sheet is drawn first (a section `folded_on_screen`, her facts, in a fold drawn only when
opened; its notes stay in view); each details section sits in an expander that is drawn only when
opened (`on_change="rerun"`, then `if exp.open`), so a closed section costs nothing to send.
"""
from __future__ import annotations

import html
from typing import Callable, Optional

import streamlit as st

from decision_aid.document import (Block, Comparison, Line, ListBlock, Paragraph, Pictures, Section,
                                   screen_sections)
from decision_aid.summary import Summary

from . import icon_array

NARROW_PX = 700          # below this width the comparison shows one card per option (no sideways scrolling)
MARK_BG = "#fef3c7"      # a light amber behind rows about what the patient said matters (with a ★ mark)

_STYLE = (f"<style>@media (min-width: {NARROW_PX + 1}px) {{ .cmp-cards {{ display: none; }} }}"
          f"@media (max-width: {NARROW_PX}px) {{ .cmp-table {{ display: none; }} }}"
          ".cmp-table { border-collapse: collapse; width: 100%; margin-bottom: 0.5rem; }"
          ".cmp-table th, .cmp-table td { border: 1px solid #9ca3af; padding: 0.4rem; text-align: left;"
          " vertical-align: top; color: inherit; }"
          ".cmp-table thead th { background: #f3f4f6; }"
          f".cmp-marked > * {{ background: {MARK_BG}; font-weight: 700; }}"
          ".cmp-card { border: 1px solid #9ca3af; border-radius: 0.5rem; padding: 0.5rem 0.75rem; margin: 0 0 0.75rem 0; }"
          ".cmp-card h4 { margin: 0 0 0.25rem 0; font-size: 1.1rem; overflow-wrap: anywhere; }"
          ".cmp-card dt { font-weight: 600; margin-top: 0.35rem; } .cmp-card dd { margin: 0; }"
          ".cmp-card dl { margin: 0; padding: 0; }"
          f".cmp-card dt.cmp-marked {{ background: {MARK_BG}; }}"
          # the links to the center's page: the whole label, wrapped, never cut off on a phone
          '[data-testid="stPageLink"] a, [data-testid="stPageLink"] span, [data-testid="stPageLink"] p'
          " { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }</style>")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _comparison(b: Comparison) -> None:
    """A table on a wide screen; on a phone, one card per option with the same questions."""
    head = "".join(f'<th scope="col">{_e(x)}</th>' for x in [b.question, *(c.title for c in b.columns)])
    body = "".join(f'<tr class="{"cmp-marked" if r.marked else ""}"><th scope="row">{_e(r.label)}</th>'
                   + "".join(f"<td>{_e(v)}</td>" for v in r.cells) + "</tr>" for r in b.rows)
    cards = "".join(f'<section class="cmp-card" aria-label="{_e(c.title)}"><h4>{_e(c.title)}</h4><dl>'
                    + "".join(f'<dt class="{"cmp-marked" if r.marked else ""}">{_e(r.mark or r.label)}</dt><dd>{_e(r.cells[k])}</dd>'
                              for r in b.rows) + "</dl></section>" for k, c in enumerate(b.columns))
    st.html(f'<div class="cmp-wrap"><table class="cmp-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{body}</tbody></table><div class="cmp-cards">{cards}</div></div>')


def _line(x: Line) -> str:
    text = f"[{x.text}]({x.url})" if x.url else x.text
    lead = f"{x.label} " if x.label.startswith("[") else (f"**{x.label}:** " if x.label else "")
    return f"**{lead}{text}**" if x.marked and not x.label else f"{lead}{text}"


def _block(b: Block) -> None:
    if isinstance(b, Paragraph):
        if b.tone == "her_words":
            st.text(b.text)                      # the patient's own words, as plain text
        elif b.tone == "note":
            st.info(b.text, icon=":material/edit_note:")
        elif b.tone == "urgent":
            st.error(f"**{b.text}**", icon=":material/emergency:")
        elif b.tone == "caption":
            st.caption(b.text)
        else:
            st.markdown(b.text)
    elif isinstance(b, ListBlock):
        text = (f"**{b.title}:**\n" if b.title else "") + "\n".join(f"- {_line(x)}" for x in b.lines)
        if b.tone == "caution":
            st.warning(text, icon=":material/health_and_safety:")
        else:
            st.markdown(text)
    elif isinstance(b, Comparison):
        _comparison(b)
    elif isinstance(b, Pictures):
        st.caption(b.key)
        st.html("".join(icon_array.figure(p.n, p.alt, p.caption, p.label) for p in b.items))


def _is_note(b: Block) -> bool:
    return isinstance(b, Paragraph) and b.tone == "note"


def _cautions(sec: Section) -> None:
    """What must stay in view: its warnings (e.g. about pregnancy) and notes (the draft notice)."""
    if sec.warnings:                     # prominent cautions: before anything else
        st.error(f"**{sec.warnings_title}:**\n" + "\n".join(f"- {w}" for w in sec.warnings), icon=":material/warning:")
    for b in filter(_is_note, sec.blocks):
        _block(b)


def _body(sec: Section, cautions: bool = True) -> None:
    if cautions:
        _cautions(sec)
    for b in sec.blocks:
        if not _is_note(b):
            _block(b)
    if sec.site:
        st.page_link("pages/learn.py", label=sec.site.label, icon=":material/menu_book:")


def render(s: Summary, show_details: str,
           actions: Optional[Callable[[], None]] = None,
           after_sheet: Optional[Callable[[], None]] = None) -> None:
    """The sheet, then the details one tap away: one switch shows the list of their parts (each
    drawn only when opened). `actions` (Save, PDF) are drawn right under the first part of the
    sheet; `after_sheet` after the sheet (the page's SURE check)."""
    shown = screen_sections(s.document)
    st.html(_STYLE)
    st.header(s.headings["title"])
    # the urgent notice first and whole (the page frame shows only a compact line of it)
    for sec in (x for x in shown if x.layer == "sheet"):
        with st.container(key=f"sec_{sec.id}", border=sec.tone == "urgent"):
            if sec.folded_on_screen:     # one tap away, drawn only when opened; its cautions stay in view
                _cautions(sec)
                fold = st.expander(sec.title, key=f"fold_{sec.id}", on_change="rerun")
                with fold:
                    if fold.open:
                        _body(sec, cautions=False)
            else:
                st.subheader(sec.title)
                _body(sec)
        if actions and sec.id == "facts":
            actions()
    if after_sheet:
        after_sheet()
    if not st.toggle(show_details, key="show_details"):   # the list of details: one tap away
        return
    for sec in (x for x in shown if x.layer == "details"):
        exp = st.expander(sec.title, key=f"details_{sec.id}", on_change="rerun")
        with exp:
            if exp.open:
                _body(sec)
