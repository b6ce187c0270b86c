"""A small document model (pages of headings, paragraphs, bullets and tables) and its two
printers: self-contained HTML files and one PDF (the summary PDF's fonts and page setup).

Used by the clinicians' review packet (review_packet.py). Every text is printed as text:
escaped in HTML, never read as Markdown or HTML in the PDF. A link is an http(s) address or
"page:<id>", a page of the same document (a named destination in the PDF).
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Union

from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from .export_pdf import H1, H2, H3, LINE, SMALL, _Doc as PdfDoc

Run = tuple[str, ...]          # (style, text) or (style, text, link); style "", "B", "I" or "BI"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2             # 2 or 3 (1 is the page title)


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Run, ...], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]    # relative column widths


Block = Union[Heading, Para, Bullets, Table]


@dataclass
class Page:
    id: str                    # also the HTML file's name: <id>.html
    title: str
    blocks: list[Block] = field(default_factory=list)


def para(*runs: Union[str, Run]) -> Para:
    """A paragraph from plain strings and (style, text[, link]) runs."""
    return Para(tuple(("", r) if isinstance(r, str) else r for r in runs))


def bullets(items) -> Bullets:
    """Bullets from plain strings or tuples of runs."""
    return Bullets(tuple((("", i),) if isinstance(i, str) else tuple(i) for i in items))


# --- HTML ----------------------------------------------------------------------------

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111;
       max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #999; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #888; padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: #eee; }
nav { font-size: .95rem; margin-bottom: 1rem; }
a { color: #0645ad; }
@media print { nav { display: none; } a { color: inherit; } }
"""


def _href(link: str) -> str | None:
    if link.startswith("page:"):
        return f"{link[5:]}.html"
    return link if link.startswith(("https://", "http://")) else None


def _runs_html(runs: tuple[Run, ...]) -> str:
    out = []
    for style, text, *link in runs:
        piece = html.escape(text)
        href = _href(link[0]) if link else None
        if href:
            piece = f'<a href="{html.escape(href)}" rel="noreferrer">{piece}</a>'
        if "I" in style:
            piece = f"<em>{piece}</em>"
        if "B" in style:
            piece = f"<strong>{piece}</strong>"
        out.append(piece)
    return "".join(out)


def _cell(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def _block_html(b: Block) -> str:
    if isinstance(b, Heading):
        return f"<h{b.level}>{html.escape(b.text)}</h{b.level}>"
    if isinstance(b, Para):
        return f"<p>{_runs_html(b.runs)}</p>"
    if isinstance(b, Bullets):
        return "<ul>" + "".join(f"<li>{_runs_html(i)}</li>" for i in b.items) + "</ul>"
    head = "".join(f"<th scope=\"col\">{html.escape(h)}</th>" for h in b.header)
    rows = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in r) + "</tr>" for r in b.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def to_html(page: Page, home: Page | None, document_title: str) -> str:
    """One page as a complete HTML file: inline style, no script, no outside asset."""
    nav = (f'<nav><a href="{html.escape(home.id)}.html">{html.escape(home.title)}</a></nav>'
           if home and home is not page else "")
    body = "\n".join(_block_html(b) for b in page.blocks)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(page.title)} — {html.escape(document_title)}</title>\n"
            f"<style>{CSS}</style>\n</head>\n<body>\n{nav}\n<main>\n<h1>{html.escape(page.title)}</h1>\n"
            f"{body}\n</main>\n</body>\n</html>\n")


# --- PDF -----------------------------------------------------------------------------

def _runs_pdf(runs: tuple[Run, ...]) -> list[tuple]:
    """Runs for PdfDoc.rich: a "page:<id>" link becomes the named destination "#<id>"."""
    out = []
    for style, text, *link in runs:
        target = link[0] if link else ""
        if target.startswith("page:"):
            out.append((style, text, f"#{target[5:]}"))
        else:
            out.append((style, text, target) if target.startswith(("https://", "http://")) else (style, text))
    return out


def _table_pdf(pdf: PdfDoc, t: Table) -> None:
    pdf.font("", SMALL)
    with pdf.table(col_widths=list(t.widths), width=pdf.epw, text_align="LEFT", v_align="TOP",
                   line_height=SMALL * 0.45, padding=1.2, markdown=False, repeat_headings=1,
                   headings_style=FontFace(emphasis="B", fill_color=235, size_pt=SMALL)) as table:
        head = table.row()
        for h in t.header:
            head.cell(h)
        for r in t.rows:
            row = table.row()
            for c in r:
                row.cell(c)
    pdf.ln(3)


def to_pdf(pages: list[Page], document_title: str) -> bytes:
    """All pages in one PDF, each starting on a new sheet; "page:" links jump within it."""
    pdf = PdfDoc("Page {n} of {total}", whole=True)      # the packet uses italics: the whole fonts
    pdf.set_title(document_title)
    pdf.set_lang("en")
    pdf.set_creator("decision_aid review-packet")
    for page in pages:
        pdf.add_page()
        pdf.set_link(name=page.id)
        pdf.font("B", H1)
        pdf.multi_cell(0, H1 * 0.5, page.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
        for b in page.blocks:
            if isinstance(b, Heading):
                pdf.heading(b.text, H2 if b.level <= 2 else H3, before=6 if b.level <= 2 else 4)
            elif isinstance(b, Para):
                pdf.rich(_runs_pdf(b.runs))
            elif isinstance(b, Bullets):
                for item in b.items:
                    pdf.rich(_runs_pdf(item), bullet=True, after=1)
                pdf.ln(1)
            else:
                pdf.need(4 * LINE)
                _table_pdf(pdf, b)
    return bytes(pdf.output())
