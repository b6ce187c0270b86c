"""The summary as Markdown (command line, tests, and the page's text download): a printer of
the summary's document, in its order. It decides nothing; sections only for paper (lines to
write on) are left out."""
from __future__ import annotations

import re

from .document import Block, Comparison, Line, ListBlock, Paragraph, Pictures, Section, screen_sections
from .inert_text import strip_controls
from .summary import Summary

TABLE_COLUMNS = 3                         # options per table, so that each stays readable


def literal_block(text: str) -> list[str]:
    """Free text (the patient's own words) as a fenced code block: every Markdown viewer
    shows it exactly as typed and never as Markdown or HTML (no link, bare web address,
    picture or tag from it), and it reads plainly in a text editor. The fence is longer than
    any run of ~ in the text, so the text cannot close it. Control and bidirectional
    characters are dropped: they could steer a terminal or reorder what is shown."""
    lines = [strip_controls(line) for line in text.splitlines()]
    longest = max((len(run) for run in re.findall("~+", text)), default=0)
    fence = "~" * max(3, longest + 1)
    return [fence, *lines, fence]


def _cell(text: str, bold: bool = False) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return f"**{text}**" if bold and text else text


def _line(x: Line) -> str:
    text = f"[{x.text}]({x.url})" if x.url else x.text
    lead = f"**{x.label}:** " if x.label and not x.label.startswith("[") else (f"{x.label} " if x.label else "")
    out = f"{lead}{text}"
    return f"**{out}**" if x.marked and not x.label else out


def _comparison(b: Comparison) -> list[str]:
    out = []
    for first in range(0, len(b.columns), TABLE_COLUMNS):
        cols = b.columns[first:first + TABLE_COLUMNS]
        out.append("| " + " | ".join(_cell(x) for x in [b.question, *(c.title for c in cols)]) + " |")
        out.append("|" + "---|" * (len(cols) + 1))
        for r in b.rows:
            cells = r.cells[first:first + TABLE_COLUMNS]
            out.append("| " + " | ".join([_cell(r.label, r.marked), *(_cell(v) for v in cells)]) + " |")
        out.append("")
    return out


def _block(b: Block) -> list[str]:
    if isinstance(b, Paragraph):
        if b.tone == "her_words":
            return [*literal_block(b.text), ""]
        return [{"note": f"> {b.text}", "urgent": f"**{b.text}**", "caption": f"*{b.text}*"}.get(b.tone, b.text), ""]
    if isinstance(b, ListBlock):
        head = [f"**{b.title}:**", ""] if b.title else []
        return head + [f"- {_line(x)}" for x in b.lines] + [""]
    if isinstance(b, Comparison):
        return _comparison(b)
    if isinstance(b, Pictures):
        return [f"*{b.key}*", ""] + [f"- {p.alt}" for p in b.items] + [""]
    return []


def _section(sec: Section, level: str) -> list[str]:
    out = [f"{level} {sec.title}", ""]
    out += [f"> **{sec.warnings_title}:** {w}" for w in sec.warnings] + ([""] if sec.warnings else [])
    if sec.site:
        out += [f"*{sec.site.label}*", ""]
    for b in sec.blocks:
        out += _block(b)
    return out


def to_markdown(s: Summary) -> str:
    out: list[str] = [f"# {s.headings['title']}", ""]
    shown = screen_sections(s.document)
    for k, sec in enumerate(shown):
        if sec.layer == "details" and (k == 0 or shown[k - 1].layer == "sheet"):
            out += [f"## {s.headings['details']}", ""]
        out += _section(sec, "##" if sec.layer == "sheet" else "###")
    return "\n".join(out)
