"""The summary as a printable PDF: a printer of the summary's document, in its order, set in
vendored DejaVu Sans fonts (see fonts/LICENSE) on the paper the content names (US Letter by
default).

Page 1 is the discussion sheet (lines for the name and date, the center's name and phone, the
nurse's notes and room for more). The default PDF then prints the sections the document marks
for it (the details of the options discussed now, and their sources); `full=True` prints every
section. Free text from the patient or the nurse is written as plain text: never read as
Markdown or HTML.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Optional

from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from .document import Block, Comparison, Line, ListBlock, Paragraph, Pictures, Section, WriteIn, pdf_sections
from .pdf_fonts import FONT, FastFonts
from .picture import DOT, PITCH, ROW, body
from .summary import Summary

MARGIN = 15                                      # page margins (mm)
BODY, SMALL, H1, H2, H3, TABLE = 10, 8.5, 15, 12, 11, 9   # type sizes in points (DejaVu Sans is wide: 10 pt reads like 11 pt of most fonts)
LINE = 4.6                                       # body line height in mm
INK, GREY = 20, 110                              # near-black text, grey rules and outlines
PICTURE_W = 10 * PITCH + 6                       # one picture of 100 people with its caption (mm)
PICTURE_H = 10 * ROW + LINE + 3
TOTAL = "{~total~}"                              # page-count alias, filled in when the PDF closes
MARK_FILL = (254, 243, 199)                      # light amber behind comparison rows marked ★
URGENT_FILL = (254, 226, 226)
REFS = 8                                         # numbered references (pt)
TABLE_COLUMNS = 3                                # options per table


def nfc(text: object) -> str:
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    if text.isprintable():               # no control character (Cc) at all: nothing to replace
        return text
    return "".join(" " if c != "\n" and unicodedata.category(c) == "Cc" else c
                   for c in text.replace("\t", "    "))


class _OutsideCore(Exception):
    """The document has a character the core cut of the fonts lacks: set it in the whole fonts."""


class _Doc(FastFonts):
    def __init__(self, page_label: str, paper: str = "letter", whole: bool = False):
        super().__init__(format="A4" if paper == "a4" else "Letter")
        self.page_label = page_label
        self.whole = whole
        self.add_fonts(whole)
        self.set_margins(MARGIN, 11, MARGIN)
        self.set_auto_page_break(True, margin=14)
        self.alias_nb_pages(TOTAL)
        self.set_text_color(INK)
        self.set_draw_color(GREY)

    def normalize_text(self, text: str) -> str:
        """Every string drawn passes here: NFC, and a visible mark (U+FFFD) for a character the
        whole font cannot draw (e.g. Chinese), rather than a silent gap in the patient's words."""
        cmap, text = self.current_font.cmap, nfc(text)
        if cmap.keys() >= set(map(ord, text)) - {10}:
            return text
        if not self.whole:
            raise _OutsideCore()
        return "".join(c if c == "\n" or ord(c) in cmap else "\ufffd" for c in text)

    def footer(self) -> None:
        self.set_xy(MARGIN, -11)
        self.set_font(FONT, "", SMALL)
        self.cell(self.w - 2 * MARGIN, 5, self.page_label.format(n=self.page_no(), total=TOTAL), align="R")

    def font(self, style: str = "", size: float = BODY) -> None:
        self.set_font(FONT, style, size)

    def need(self, height: float) -> None:
        """Start a new page unless `height` mm still fit (keeps headings with their text)."""
        if self.will_page_break(height):
            self.add_page()

    def heading(self, text: str, size: float = H2, before: float = 2.5) -> None:
        self.need(before + size * 0.45 + 2 * LINE)
        self.ln(before)
        self.font("B", size)
        self.multi_cell(0, size * 0.45, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.2)

    def para(self, text: str, style: str = "", size: float = BODY, after: float = 1.0) -> None:
        """Plain text, never Markdown: what is typed is what is printed. A short paragraph is
        kept on one page."""
        self.font(style, size)
        if len(text) < 600:
            self.need(LINE * size / BODY * len(self.multi_cell(0, LINE * size / BODY, text, dry_run=True,
                                                                output="LINES", markdown=False)))
        self.multi_cell(0, LINE * size / BODY, text, align="L", markdown=False,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)

    def item(self, parts: list[tuple[str, str, str]], mark: str = "•", size: float = BODY) -> None:
        """One list item of (style, text, link) runs after a bullet (none for numbered lines,
        whose number leads the text)."""
        left, r_margin = self.l_margin, self.r_margin
        line = LINE * size / BODY
        self.font("", size)
        width = 5.0 if mark else 0.0
        text = "".join(p[1] for p in parts)
        if len(text) < 400:                      # a short item is kept on one page
            self.need(line * len(self.multi_cell(self.epw - width, line, text, dry_run=True, output="LINES",
                                                 markdown=False)))
        self.set_x(left)
        if mark:
            self.cell(width, line, mark)
        self.set_left_margin(left + width)
        self.set_x(left + width)
        for style, text, link in parts:
            self.font(style, size)
            first = text.lstrip().split(" ", 1)[0]
            if self.get_x() > self.l_margin and \
                    self.get_x() + self.get_string_width(f" {first}") > self.w - self.r_margin:
                self.ln(line)                  # write() would split a run's first word in two
                text = text.lstrip()
            self.write(line, text, link=link)
        self.set_left_margin(left)
        self.set_right_margin(r_margin)
        self.ln(line + 0.4 * size / BODY)

    def rich(self, parts: list[tuple], bullet: bool = False, after: float = 2.0) -> None:
        """One paragraph of (style, text[, link]) runs, bulleted or not (the review packet's
        printer, decision_aid/packet_render.py, writes with it)."""
        self.item([(p[0], p[1], p[2] if len(p) > 2 else "") for p in parts], mark="•" if bullet else "")
        self.ln(after)

    def boxed(self, lines: list[tuple[str, str]], fill, width: float = 0.3, pad: float = 3) -> None:
        """(style, text) lines in a frame on a tint."""
        w = self.epw - 2 * pad
        height = 2 * pad + sum(self._height(t, s, w) for s, t in lines)
        if height + 3 > self.eph:
            # taller than a page (many urgent symptoms ticked): no frame, so it starts right here
            # and flows on to the next page instead of leaving this one empty
            for style, text in lines:
                self.font(style)
                self.multi_cell(0, LINE, text, align="L", markdown=False, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(3)
            return
        self.need(height + 3)
        x, y = self.l_margin, self.get_y()
        self.set_fill_color(*fill) if isinstance(fill, tuple) else self.set_fill_color(fill)
        self.set_line_width(width)
        self.set_draw_color(INK)
        self.rect(x, y, self.epw, height, style="DF")
        self.set_draw_color(GREY)
        self.set_line_width(0.2)
        self.set_xy(x + pad, y + pad)
        for style, text in lines:
            self.set_x(x + pad)
            self.font(style)
            self.multi_cell(w, LINE, text, align="L", markdown=False, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_xy(self.l_margin, y + height + 3)

    def _height(self, text: str, style: str, w: float) -> float:
        self.font(style)
        return LINE * len(self.multi_cell(w, LINE, text, dry_run=True, output="LINES", markdown=False))

    def people(self, x0: float, y0: float, n: int, caption: str) -> None:
        """A 10 by 10 grid of person marks at (x0, y0): `n` filled, the rest outlined, captioned below."""
        self.set_line_width(0.2)
        self.set_draw_color(INK)
        self.set_fill_color(INK)
        left = x0 + (PICTURE_W - 10 * PITCH) / 2
        for k in range(100):
            x, y = left + (k % 10) * PITCH, y0 + (k // 10) * ROW
            style = "DF" if k < max(0, min(n, 100)) else "D"
            self.circle(x + PITCH / 2, y + DOT / 2 + 0.25, DOT / 2, style=style)
            self.polygon(body(x, y), style=style)
        self.set_draw_color(GREY)
        self.set_xy(x0, y0 + 10 * ROW + 0.5)
        self.font("B", SMALL)
        self.cell(PICTURE_W, LINE, caption, align="C")


def _line_parts(x: Line) -> list[tuple[str, str, str]]:
    parts = [("B", f"{x.label} " if x.label.startswith("[") else f"{x.label}: ", "")] if x.label else []
    parts.append(("B" if x.marked else "", x.text, x.url or ""))   # a link on its words, as on screen
    return [p for p in parts if p[1]]


def _comparison(pdf: _Doc, b: Comparison) -> None:
    for first in range(0, len(b.columns), TABLE_COLUMNS):
        cols = b.columns[first:first + TABLE_COLUMNS]
        pdf.font("", TABLE)
        with pdf.table(col_widths=[8] + [10] * len(cols), width=pdf.epw, text_align="LEFT", v_align="TOP",
                       line_height=TABLE * 0.42, padding=1.2, markdown=False, repeat_headings=1,
                       headings_style=FontFace(emphasis="B", fill_color=235, size_pt=TABLE)) as table:
            head = table.row()
            for x in [b.question, *(c.title for c in cols)]:
                head.cell(x)
            for r in b.rows:
                fill = MARK_FILL if r.marked else (255, 255, 255)
                row = table.row()
                row.cell(r.label, style=FontFace(emphasis="B", fill_color=fill))
                for v in r.cells[first:first + TABLE_COLUMNS]:
                    row.cell(v, style=FontFace(fill_color=fill))
        pdf.ln(2)


def _pictures(pdf: _Doc, b: Pictures) -> None:
    pdf.para(b.key, "", SMALL, after=1)
    per_row = max(1, int(pdf.epw // (PICTURE_W + 4)))
    for first in range(0, len(b.items), per_row):
        pdf.need(PICTURE_H + 2 * LINE)
        y = pdf.get_y()
        height = 0.0
        for k, p in enumerate(b.items[first:first + per_row]):
            x = pdf.l_margin + k * (PICTURE_W + 4)
            pdf.people(x, y, p.n, p.caption)
            pdf.set_xy(x, y + 10 * ROW + LINE + 0.5)
            pdf.font("", SMALL)
            pdf.multi_cell(PICTURE_W, SMALL * 0.42, p.label.split(". ")[0], align="C", markdown=False,
                           new_x=XPos.LEFT, new_y=YPos.NEXT)
            height = max(height, pdf.get_y() - y)
        pdf.set_xy(pdf.l_margin, y + height + 2)


def _write_in(pdf: _Doc, b: WriteIn, notes: Optional[str]) -> None:
    pdf.set_line_width(0.2)
    if b.fields:
        pdf.need(LINE * 2)
        width = pdf.epw / len(b.fields)
        y = pdf.get_y() + LINE
        for k, label in enumerate(b.fields):
            x = pdf.l_margin + k * width
            pdf.font("B")
            pdf.set_xy(x, y - LINE + 1)
            pdf.cell(pdf.get_string_width(label + ": ") + 1, LINE, f"{label}:")
            pdf.line(pdf.get_x(), y + 1, x + width - 6, y + 1)
        pdf.set_xy(pdf.l_margin, y + 3)
    if b.notes_here and notes and notes.strip():
        pdf.para(notes)
    for _ in range(b.lines):
        if pdf.will_page_break(LINE + 2):
            break                                    # room to write only where the page has it
        pdf.ln(LINE + 1.5)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)


def _block(pdf: _Doc, b: Block, full: bool, notes: Optional[str]) -> None:
    if isinstance(b, Paragraph):
        if b.tone == "note":          # no italics in her PDF: they crowd letters (dyslexia style guidance)
            pdf.para(b.text, "B", SMALL)
        elif b.tone == "urgent":
            pdf.para(b.text, "B")
        elif b.tone == "caption":
            pdf.para(b.text, "", SMALL)
        else:
            pdf.para(b.text)
    elif isinstance(b, ListBlock):
        if b.full_only and not full:
            return
        if b.title:
            pdf.need(3 * LINE)
            pdf.para(f"{b.title}:", "B", after=0.5)
        for x in b.lines:
            pdf.item(_line_parts(x), mark="" if b.numbered else "•", size=REFS if b.numbered else BODY)
    elif isinstance(b, Comparison):
        _comparison(pdf, b)
    elif isinstance(b, Pictures):
        if full or not b.full_only:
            _pictures(pdf, b)
    elif isinstance(b, WriteIn):
        _write_in(pdf, b, notes)


def _section(pdf: _Doc, sec: Section, full: bool, notes: Optional[str]) -> None:
    if sec.tone == "urgent":
        lines = [("B", sec.title)] + [("B" if isinstance(b, Paragraph) else "", x)
                                      for b in sec.blocks
                                      for x in ([b.text] if isinstance(b, Paragraph) else
                                                [f"• {ln.text}" for ln in b.lines])]
        pdf.boxed(lines, fill=URGENT_FILL, width=1.0)
        return
    if sec.id != "form":                       # the form's title is the document's title, above it
        pdf.heading(sec.title)
    for w in sec.warnings:                     # prominent cautions (e.g. pregnancy) first
        pdf.boxed([("B", f"{sec.warnings_title}: {w}")], fill=URGENT_FILL, width=0.8)
    for b in sec.blocks:
        _block(pdf, b, full, notes)


def to_pdf(summary: Summary, notes: str | None = None, made_on: dt.date | None = None,
           full: bool = False) -> bytes:
    """The summary as PDF bytes: the sheet and the details the document marks for the short PDF,
    or every section with `full`. `notes`: the nurse's notes (plain text), printed on the sheet.
    Set in the core cut of the fonts, or in the whole fonts if it has a character beyond it."""
    try:
        return _pdf(summary, notes, made_on, full, whole=False)
    except _OutsideCore:
        return _pdf(summary, notes, made_on, full, whole=True)


def _pdf(summary: Summary, notes: str | None, made_on: dt.date | None, full: bool, whole: bool) -> bytes:
    s, h = summary, summary.headings
    pdf = _Doc(h["page"], s.paper, whole)
    pdf.set_title(nfc(h["title"]))
    pdf.set_lang(s.language)
    pdf.set_creator("decision_aid")
    pdf.add_page()
    sections = pdf_sections(s.document, full)
    started = False
    for sec in sections:
        if sec.tone != "urgent" and not started:     # the urgent notice first, then the title
            started = True
            pdf.font("B", H1)
            pdf.multi_cell(0, H1 * 0.45, h["title"], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.para(f"{h['made_on']}: {s.dates.date(made_on or dt.date.today())}", size=SMALL, after=0)
        if sec.layer == "details" and pdf.page_no() == 1:
            pdf.add_page()                           # page 1 is the sheet; the details follow
        _section(pdf, sec, full, notes)
    if s.team_copy:                                  # her care team's language, on a page of its own
        pdf.add_page()
        pdf.font("B", H1)
        pdf.multi_cell(0, H1 * 0.45, s.team_copy.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.para(s.team_copy.note, size=SMALL, after=0)
        for sec in s.team_copy.sections:
            _section(pdf, sec, False, None)
    return bytes(pdf.output())
