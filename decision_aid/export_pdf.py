"""The summary as a printable A4 PDF: the same `Summary` value, order and headings as the
Markdown export, set in large type with vendored DejaVu Sans fonts (see fonts/LICENSE).

Free text from the patient or the nurse is written as plain text: never read as Markdown or HTML.
"""
from __future__ import annotations

import datetime as dt
import functools
import threading
import unicodedata
from collections import defaultdict
from io import BytesIO
from itertools import chain
from pathlib import Path
from typing import NamedTuple, Optional

import fpdf
from fontTools import subset as ftsubset, ttLib
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace, SubsetMap, TTFFont
from fpdf.line_break import Fragment

from .comparison import HIGHLIGHTED, comparison_table, parts
from .content import CONTENT_DIR
from .summary import OptionView, Summary

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
MARGIN = 20                                      # left and right page margins (mm)
BODY, SMALL, H1, H2, H3 = 12, 10, 20, 16, 14    # type sizes in points
LINE = 6.5                                       # body line height in mm
INK, GREY = 20, 110                              # near-black text, grey rules and outlines
PITCH, ROW, DOT = 3.6, 4.1, 1.35                 # picture of 100 people: column and row step,
PICTURE_W = 10 * PITCH + 8                       # head size; width kept for it (mm)
PICTURE_H = 10 * ROW + LINE + 4
TOTAL = "{~total~}"                              # page-count alias, filled in when the PDF closes
MARK_FILL = (254, 243, 199)                      # light amber behind comparison rows marked ★
TABLE = 11                                       # comparison table type size (pt)


STYLES = (("", ""), ("B", "-Bold"), ("I", "-Oblique"), ("BI", "-BoldOblique"))

# Speed-ups below (fonts parsed once per process and subset from a core cut, lines found from
# running width sums; see pdf_line_break.py) use fpdf2 internals of this exact version. Any
# other version gets plain fpdf2: slower, same PDF. After an upgrade, compare PDFs before moving
# this pin (tests/test_pdf.py compares the fast and plain paths).
TUNED_FOR = "2.8.9"
FAST = fpdf.FPDF_VERSION == TUNED_FOR
if FAST:
    from .pdf_line_break import LineBreak, _Font, _Fragment
    # fpdf2's write() and multi_cell() break lines with the class of this name. LineBreak does
    # so too, and leaves all but this module's `_Fragment` text to fpdf2's own code.
    fpdf.fpdf.MultiLineBreak = LineBreak


# Tables fpdf2's output() drops from every embedded subset (fpdf/output.py, `_add_fonts`), removed
# from the font once per process rather than parsed and pruned by the subsetter in every PDF.
UNUSED_TABLES = ("FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT", "CBLC",
                 "EBDT", "EBLC", "EBSC", "SVG ", "CPAL", "COLR")


def _without_unused_tables(path: Path) -> bytes:
    """The font file's bytes without the tables every embedded subset loses anyway."""
    font = ttLib.TTFont(str(path), recalcTimestamp=False, lazy=True)
    if "GPOS" in font and "kern" in font:     # the subsetter drops legacy kerning beside GPOS
        del font["kern"]
    for tag in UNUSED_TABLES:
        if tag in font:
            del font[tag]
    out = BytesIO()
    font.save(out)
    font.close()
    return out.getvalue()


# A "core" cut of each font, made once per process: the glyphs (outlines, metrics, hinting, every
# cmap entry) of a generous set of characters, in the font's glyph order, glyph names kept. The
# subset a PDF embeds is made from the core cut when it has every glyph the PDF uses, which gives
# the very same subset (the same glyphs picked from ~1,000 rather than ~6,000) in a fraction of
# the time. A PDF using any other glyph (e.g. Cyrillic) gets its subset from the whole font.
@functools.cache
def _core_characters() -> frozenset[int]:
    content = (p.read_text(encoding="utf-8") for p in sorted(CONTENT_DIR.rglob("*"))
               if p.suffix in (".yaml", ".md"))
    return frozenset(chain(
        range(0x20, 0x7F), range(0xA0, 0x250),         # ASCII, Latin-1, Latin Extended-A and B
        range(0x1E00, 0x1F00),                          # Latin Extended Additional (Vietnamese)
        range(0x2000, 0x2070), range(0x20A0, 0x20C0),   # general punctuation, currency signs
        range(0x2190, 0x2200),                          # arrows
        map(ord, "•★☆✓✗●○■□\ufffd"),                   # bullets, marks, the replacement mark
        map(ord, "".join(content))))                    # and whatever the content uses


class _Parsed(NamedTuple):
    data: bytes                  # the font file without unused tables
    font: TTFFont                # fpdf2's parse of it (cmap, widths, glyph ids), never changed
    core: bytes                  # its core cut
    core_glyphs: frozenset[str]  # the glyphs the core cut has with all their characters


_parsed: dict[str, _Parsed] = {}                 # font file -> its parse
_parsed_lock = threading.Lock()


def _core(data: bytes, cmap: dict[int, str]) -> tuple[bytes, frozenset[str]]:
    """The core cut of a font, and the glyphs asked for: fontTools' subsetter with the options
    fpdf2's output() gives it, but keeping glyph names (output() asks for glyphs by name)."""
    glyphs = frozenset({".notdef"} | {cmap[c] for c in _core_characters() if c in cmap})
    font = ttLib.TTFont(BytesIO(data), recalcTimestamp=False, lazy=True)
    subsetter = ftsubset.Subsetter(ftsubset.Options(notdef_outline=True, recommended_glyphs=True,
                                                    glyph_names=True))
    subsetter.populate(glyphs=glyphs)
    subsetter.subset(font)
    font.recalcBBoxes = False      # glyphs and bounds kept as they are; output() recomputes them
    out = BytesIO()
    font.save(out)
    font.close()
    return out.getvalue(), glyphs


def _parse(path: Path | str) -> _Parsed:
    """Each vendored font is read, parsed and cut to its core once per process; the parse is
    never changed after, and every document gets its own copy of what it changes."""
    key = str(path)
    with _parsed_lock:
        if key not in _parsed:
            data = _without_unused_tables(Path(key))
            scratch = FPDF()
            scratch.add_font(FONT, "", key)
            font = scratch.fonts[FONT.lower()]
            if font.color_font is not None or font.is_compressed:   # pragma: no cover
                raise ValueError(f"{key}: not a plain TrueType font")
            font.ttfont.close()
            font.ttfont = None
            _parsed[key] = _Parsed(data, font, *_core(data, font.cmap))
        return _parsed[key]


def _font_for(path: Path, fontkey: str, style: str, i: int) -> _Font:
    """A font of this document only: the shared parse's read-only values, and its own widths,
    glyph subset and missing glyphs. Its fontTools font is given by `_embeddable` at output."""
    parsed = _parse(path).font
    font = _Font.__new__(_Font)
    for name in TTFFont.__slots__:
        if hasattr(parsed, name):
            setattr(font, name, getattr(parsed, name))
    font.i = i
    font.fontkey = fontkey
    font.emphasis = type(parsed.emphasis).coerce(style)
    font.ttfont = None
    font._hbfont = None
    font.cw = defaultdict(parsed.cw.default_factory, parsed.cw)
    font.cmap = dict(parsed.cmap)
    font.glyph_ids = dict(parsed.glyph_ids)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.color_font = None
    font.subset = SubsetMap(font)
    return font


def _embeddable(font: _Font) -> ttLib.TTFont:
    """The fontTools font output() subsets (in place) for this document's use of `font`: the
    core cut when it has every glyph the document drew, else the whole font."""
    parsed = _parse(font.ttffile)
    used = font.subset.get_all_glyph_names()
    data = parsed.core if parsed.core_glyphs.issuperset(used) else parsed.data
    return ttLib.TTFont(BytesIO(data), recalcTimestamp=False, lazy=True)


class _Fonts(dict):
    """A document's fonts, each made the first time the document sets it (fpdf2 looks fonts up
    with `in` and `[]`): a style a document never uses is neither copied nor subset and
    embedded. Each keeps the number add_font() gave it in the order of STYLES."""
    FILES = {f"{FONT.lower()}{style}": (k + 1, style, FONTS / f"DejaVuSans{name}.ttf")
             for k, (style, name) in enumerate(STYLES)}

    def __contains__(self, fontkey: object) -> bool:
        return dict.__contains__(self, fontkey) or fontkey in self.FILES

    def __missing__(self, fontkey: str) -> TTFFont:
        if fontkey not in self.FILES:
            raise KeyError(fontkey)
        i, style, path = self.FILES[fontkey]
        font = self[fontkey] = _font_for(path, fontkey, style, i)
        return font


def warm_up() -> None:
    """Parse the fonts and cut their cores now (ui/pdf_worker.py calls this when a worker
    starts), so that the first PDF does not wait for it."""
    if FAST:
        for _, _, path in _Fonts.FILES.values():
            _parse(path)


def nfc(text: object) -> str:
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    if text.isprintable():               # no control character (Cc) at all: nothing to replace
        return text
    return "".join(" " if c != "\n" and unicodedata.category(c) == "Cc" else c
                   for c in text.replace("\t", "    "))


class _Doc(FPDF):
    def __init__(self, page_label: str):
        super().__init__(format="A4")
        self.page_label = page_label
        if FAST:  # as add_font() of the four, each made when first set (`fonts` reads this registry)
            self._resource_catalog.font_registry = _Fonts()
        else:
            for style, name in STYLES:
                self.add_font(FONT, style, str(FONTS / f"DejaVuSans{name}.ttf"))
        self.set_margins(MARGIN, 18, MARGIN)
        self.set_auto_page_break(True, margin=22)
        self.alias_nb_pages(TOTAL)
        self.set_text_color(INK)
        self.set_draw_color(GREY)

    def _preload_font_styles(self, text, markdown, *args, **kwargs):
        """fpdf2's styled runs of `text`, as `_Fragment`s (the same, measured faster)."""
        fragments = list(super()._preload_font_styles(text, markdown, *args, **kwargs))
        for f in fragments:
            if FAST and type(f) is Fragment:
                f.__class__ = _Fragment
        return fragments

    def output(self, *args, **kwargs):
        for font in self.fonts.values():
            if font.ttfont is None:              # made by `_font_for`: embed from core or whole
                font.ttfont = _embeddable(font)
        return super().output(*args, **kwargs)

    def normalize_text(self, text: str) -> str:
        """Every string drawn passes here: NFC, and a visible mark (U+FFFD) for a character the
        font cannot draw (e.g. Chinese), rather than a silent gap in the patient's words."""
        cmap, text = self.current_font.cmap, nfc(text)
        if cmap.keys() >= set(map(ord, text)) - {10}:     # every character drawable (or \n)
            return text
        return "".join(c if c == "\n" or ord(c) in cmap else "\ufffd" for c in text)

    def footer(self) -> None:
        self.set_xy(MARGIN, -15)                 # fixed place, whatever margins a list has set
        self.set_font(FONT, "", SMALL)
        self.set_text_color(INK)
        self.cell(self.w - 2 * MARGIN, 6, self.page_label.format(n=self.page_no(), total=TOTAL),
                  align="R")

    # --- text ------------------------------------------------------------------------

    def font(self, style: str = "", size: float = BODY) -> None:
        self.set_font(FONT, style, size)

    def need(self, height: float) -> None:
        """Start a new page unless `height` mm still fit (keeps headings with their text)."""
        if self.will_page_break(height):
            self.add_page()

    def heading(self, text: str, size: float = H2, before: float = 6) -> None:
        self.need(before + size * 0.5 + 3 * LINE)
        self.ln(before)
        self.font("B", size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def para(self, text: str, style: str = "", size: float = BODY, after: float = 2.5) -> None:
        """Plain text, never Markdown: what is typed is what is printed."""
        self.font(style, size)
        self.multi_cell(0, LINE, text, align="L", markdown=False,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)

    def rich(self, parts: list[tuple[str, ...]], bullet: bool = False,
             indent: float = 0, after: float = 2, right: float = 0) -> None:
        """One paragraph of (style, text[, link]) runs, optionally as a bulleted list item;
        `right` mm are kept free at the right (for a picture beside the text)."""
        left, r_margin = self.l_margin, self.r_margin
        self.set_right_margin(r_margin + right)
        if bullet:
            self.font()
            self.set_x(left + indent)
            self.cell(6, LINE, "•")
            indent += 6
        self.set_left_margin(left + indent)
        self.set_x(left + indent)
        for style, text, *link in parts:
            self.font(style)
            first = text.lstrip().split(" ", 1)[0]
            if self.get_x() > self.l_margin and \
                    self.get_x() + self.get_string_width(f" {first}") > self.w - self.r_margin:
                self.ln(LINE)                  # write() would split a run's first word in two
                text = text.lstrip()
            self.write(LINE, text, link=link[0] if link else "")
        self.set_left_margin(left)
        self.set_right_margin(r_margin)
        self.ln(LINE + after)

    def bullets(self, items: list[str], style: str = "") -> None:
        for x in items:
            self.rich([(style, x)], bullet=True, after=1)

    def titled(self, items: list[tuple[str, str]]) -> None:
        for title, text in items:
            self.rich([("B", f"{title}. "), ("", text)], bullet=True)

    def label(self, text: str) -> None:
        self.need(2 * LINE + 2)
        self.ln(2)
        self.para(f"{text}:", "B", after=1)

    def boxed(self, heading: Optional[str], lines: list[tuple[str, str, bool]], width: float = 0.3,
              pad: float = 4) -> None:
        """A framed block on a light tint: a bold heading, then (style, text, bulleted) lines."""
        w = self.epw - 2 * pad
        height = 2 * pad + sum(self._height(t, s, w - 6 * b) for s, t, b in lines)
        if heading:
            height += self._height(heading, "B", w, H3) + 2
        if height + 4 > self.eph:
            # taller than a page (many urgent symptoms ticked): no frame, so it starts right here
            # and flows on to the next page instead of leaving this one empty
            if heading:
                self.font("B", H3)
                self.multi_cell(0, H3 * 0.5, heading, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                self.ln(2)
            for style, text, bullet in lines:
                self.font(style)
                if bullet:
                    self.cell(6, LINE, "•")
                self.multi_cell(self.epw - 6 * bullet, LINE, text, align="L",
                                new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(4)
            return
        self.need(height + 4)
        x, y = self.l_margin, self.get_y()
        self.set_fill_color(244)
        self.set_line_width(width)
        self.set_draw_color(INK)
        self.rect(x, y, self.epw, height, style="DF")
        self.set_draw_color(GREY)
        self.set_line_width(0.2)
        self.set_xy(x + pad, y + pad)
        if heading:
            self.font("B", H3)
            self.multi_cell(w, H3 * 0.5, heading, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.ln(2)
        for style, text, bullet in lines:
            self.set_x(x + pad)
            self.font(style)
            if bullet:
                self.cell(6, LINE, "•")
            self.multi_cell(w - 6 * bullet, LINE, text, align="L",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_xy(self.l_margin, y + height + 4)

    def _height(self, text: str, style: str, w: float, size: float = BODY) -> float:
        self.font(style, size)
        lh = LINE if size == BODY else size * 0.5
        return lh * len(self.multi_cell(w, lh, text, dry_run=True, output="LINES"))

    def rule(self) -> None:
        self.ln(4)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    # --- picture of 100 people ---------------------------------------------------------

    def people(self, n: int, caption: str) -> float:
        """A 10 by 10 grid of person marks at the right edge, from the current line down:
        `n` filled, the rest outlined, captioned below. Returns the y under the caption."""
        left = self.w - self.r_margin - PICTURE_W
        x0, y0 = left + (PICTURE_W - 10 * PITCH) / 2, self.get_y() + 1
        self.set_line_width(0.2)
        self.set_draw_color(INK)
        self.set_fill_color(INK)
        for k in range(100):
            x, y = x0 + (k % 10) * PITCH, y0 + (k // 10) * ROW
            style = "DF" if k < max(0, min(n, 100)) else "D"
            self.circle(x + PITCH / 2, y + DOT / 2 + 0.25, DOT / 2, style=style)
            body = [(x + 0.55, y + PITCH - 0.35), (x + PITCH - 0.55, y + PITCH - 0.35),
                    (x + PITCH - 0.9, y + DOT + 0.65), (x + 0.9, y + DOT + 0.65)]
            self.polygon(body, style=style)
        self.set_draw_color(GREY)
        y = self.get_y()
        self.set_xy(left, y0 + 10 * ROW + 0.5)
        self.font("B", BODY)
        self.cell(PICTURE_W, LINE, caption, align="C")
        bottom = self.get_y() + LINE
        self.set_xy(self.l_margin, y)
        return bottom


def _option(pdf: _Doc, o: OptionView, h: dict[str, str]) -> None:
    pdf.heading(o.title, H3, before=4)
    for w in o.warnings:  # prominent cautions (e.g. pregnancy) come before anything else
        pdf.rich([("B", f"{h['warnings']}: "), ("B", w)], after=1.5)
    pdf.para(o.what_it_is)
    if o.examples:
        pdf.rich([("B", f"{h['examples']}: "), ("", ", ".join(o.examples))])
    pdf.rich([("B", f"{h['why_shown']}: "), ("", o.why_shown)])
    pdf.rich([("B", f"{h['how_given']}: "), ("", f"{o.how_given} {o.visits}")])
    if o.side_effects:
        first_picture = o.side_effects[0].about_n_in_100 is not None
        pdf.need(3 * LINE + (PICTURE_H if first_picture else 2 * LINE))  # label + first item
        pdf.label(h["side_effects"])
        if any(e.about_n_in_100 is not None for e in o.side_effects):
            pdf.para(h["picture_key"], "I", after=1.5)
    for e in o.side_effects:
        parts = [("", f"{e.label.rstrip('. ')}: {e.frequency}")]
        if e.about_n_in_100 is not None:
            parts.append(("", f" ({h['about']} {e.about_n_in_100} {h['in_100']})"))
        if e.serious:
            parts.append(("B", f" ({h['serious']})"))
        if e.worries_patient:
            parts.append(("BI", f" — {h['you_said_worry']}"))
        if e.about_n_in_100 is None:
            pdf.rich(parts, bullet=True)
            continue
        pdf.need(PICTURE_H)
        bottom = pdf.people(e.about_n_in_100, h["picture_caption"].format(n=e.about_n_in_100))
        pdf.rich(parts, bullet=True, right=PICTURE_W + 4)
        pdf.set_y(max(pdf.get_y(), bottom + 3))
    for key, items in (("fit", o.fit), ("cautions", o.cautions)):
        if items:
            pdf.label(h[key])
            pdf.bullets(items)
    if o.tell_team:
        pdf.label(h["tell_team"])
        pdf.bullets(o.tell_team)
    if o.sources:
        pdf.label(h["sources"])
        for s in o.sources:
            pdf.rich([("", f"{s.name} ({s.year}): "), ("", s.url, s.url)], bullet=True)
    if o.review_line:
        pdf.para(o.review_line, "I")


def _what_matters(pdf: _Doc, s: Summary) -> None:
    if s.what_matters:
        pdf.label(s.headings["what_matters"])
        for i in s.what_matters:
            pdf.rich([("B", f"{i.title}: "), ("", i.text)], bullet=True, after=1)


def _comparison(pdf: _Doc, s: Summary) -> None:
    """The options side by side, at most 3 to a table; rows about what the patient said
    matters carry their ★ label in bold on a light tint."""
    df = comparison_table(s)
    if df.columns.empty:
        return
    h, marked, pieces = s.headings, df.attrs[HIGHLIGHTED], parts(df)
    pdf.heading(h["comparison"], H3, before=4)
    pdf.para(h["comparison_intro"])
    for k, piece in enumerate(pieces):
        if len(pieces) > 1:
            first = 3 * k + 1
            pdf.need(6 * LINE)
            pdf.para(h["comparison_part"].format(first=first, last=first + len(piece.columns) - 1,
                                                 total=len(df.columns)), "I", after=1)
        pdf.font("", TABLE)
        with pdf.table(col_widths=[7] + [10] * len(piece.columns), width=pdf.epw, text_align="LEFT",
                       v_align="TOP", line_height=TABLE * 0.45, padding=1.5, markdown=False,
                       headings_style=FontFace(emphasis="B", fill_color=235, size_pt=TABLE - 1),
                       repeat_headings=1) as table:
            head = table.row()
            for x in [df.index.name, *piece.columns]:
                head.cell(str(x))
            for label, row in piece.iterrows():
                fill = MARK_FILL if label in marked else (255, 255, 255)
                r = table.row()
                r.cell(str(label), style=FontFace(emphasis="B", fill_color=fill))
                for v in row:
                    r.cell(str(v), style=FontFace(fill_color=fill))
        pdf.ln(4)


def to_pdf(summary: Summary, notes: str | None = None, made_on: dt.date | None = None) -> bytes:
    """The summary as PDF bytes. `notes`: the nurse's notes (plain text), if any."""
    s, h = summary, summary.headings
    pdf = _Doc(h["page"])
    pdf.set_title(nfc(h["title"]))
    pdf.set_lang(s.language)
    pdf.set_creator("decision_aid")
    pdf.add_page()

    if s.urgent_notice:
        symptoms = [("", x, True) for x in s.urgent_symptoms]
        pdf.boxed(h["urgent"], [("B", s.urgent_notice, False), *symptoms], width=1.2)
    pdf.font("B", H1)
    pdf.multi_cell(0, H1 * 0.5, h["title"], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.para(f"{h['made_on']}: {(made_on or dt.date.today()).isoformat()}")
    if s.draft_notice:
        pdf.boxed(None, [("I", s.draft_notice, False)])

    def section(key: str, items, always: bool = False) -> None:
        """A heading and its titled items (Item or NotListed values); skipped when empty."""
        if items or always:
            pdf.heading(h[key])
            pdf.titled([(i.title, getattr(i, "text", None) or getattr(i, "why", "")) for i in items])

    section("situation", s.situation, always=True)
    section("missing", s.missing)
    pdf.heading(h["path"])
    for key, items in (("path_before", s.path.already_had), ("path_now", s.path.now),
                       ("path_later", s.path.later)):
        pdf.label(h[key])
        pdf.bullets(items or [h["path_none"]])

    pdf.heading(h["options"])
    pdf.para(h["options_intro"])
    _what_matters(pdf, s)
    _comparison(pdf, s)
    for k, o in enumerate(s.options):
        if k:
            pdf.rule()
        _option(pdf, o, h)

    section("not_listed", s.not_listed, always=True)
    section("tests", s.tests_to_ask)
    section("trials", s.trials, always=True)
    if s.trial_search_url:
        pdf.rich([("B", f"{h['trial_search']}: "), ("", s.trial_search_url, s.trial_search_url)],
                 bullet=True)
    section("support", s.support)
    pdf.heading(h["questions"])
    if s.questions_intro:
        pdf.para(s.questions_intro)
    pdf.bullets(s.questions_to_ask)
    for title, text in ((h["own_questions"], s.own_questions), (h["notes"], notes)):
        if text and text.strip():
            pdf.heading(title, H3, before=4)
            pdf.para(text)
    if s.sure_to_discuss:
        pdf.heading(h["sure"])
        pdf.bullets(s.sure_to_discuss)
    pdf.heading(h["disclaimer"])
    pdf.para(s.disclaimer)
    pdf.para(f"{h['content_date']}: {s.content_last_reviewed.isoformat()}", "I")
    return bytes(pdf.output())
