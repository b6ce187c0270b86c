"""Faster PDFs with fpdf2 2.8.9: most PDFs are set in a core cut of the vendored fonts, parsed
once per process, and lines are found from running width sums (pdf_line_break.py).

Measured on the 16 vignettes of tests/data, the default (short) PDF, 5 rounds, both paths
interleaved on the same busy 2-core machine (load average about 5): plain fpdf2 p50 221 ms,
p95 460 ms (each document parses its fonts again and breaks lines glyph by glyph); with these
p50 60 ms, p95 114 ms. Plain fpdf2 misses the 300 ms p95 target, so they stay. They use fpdf2 internals of this exact version: any other version gets plain fpdf2
(slower, same PDF; tests/test_pdf.py compares the two paths).
"""
from __future__ import annotations

import threading
from collections import defaultdict
from io import BytesIO
from itertools import chain
from pathlib import Path
from typing import NamedTuple

import fpdf
from fontTools import subset as ftsubset, ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.line_break import Fragment

from .content import CONTENT_DIR

FONTS = Path(__file__).resolve().parent / "fonts"     # the whole fonts
CORE = FONTS / "core"                                 # their core cut (below)
FONT = "DejaVu"

STYLES = (("", ""), ("B", "-Bold"), ("I", "-Oblique"), ("BI", "-BoldOblique"))
CORE_STYLES = STYLES[:2]     # the patient's PDF has no italics: regular and bold only

# Speed-ups below (fonts parsed once per process, a document's fonts made when first set,
# lines found from running width sums; see pdf_line_break.py) use fpdf2 internals of this exact
# version. Any other version gets plain fpdf2: slower, same PDF. After an upgrade, compare PDFs
# before moving this pin (tests/test_pdf.py compares the fast and plain paths).
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


# A "core" cut of each font (decision_aid/fonts/core/, made by `make fonts`): the glyphs
# (outlines, metrics, hinting, every cmap entry) of a generous set of characters, in the font's
# glyph order, glyph names kept. A PDF all of whose characters the core cut has is set in it:
# parsing it takes a tenth of the whole font's time and memory, and its subsets are the very same
# (tests/test_pdf.py). A PDF with any other character (e.g. Cyrillic in a note) is set in the
# whole fonts (export_pdf.to_pdf).
def core_characters() -> frozenset[int]:
    """The characters of the core cut: Latin scripts, punctuation, marks, and whatever the
    content uses in any language (tests/test_pdf.py checks the vendored cut still has them)."""
    content = (p.read_text(encoding="utf-8") for p in sorted(CONTENT_DIR.rglob("*"))
               if p.suffix in (".yaml", ".md"))
    return frozenset(chain(
        range(0x20, 0x7F), range(0xA0, 0x250),         # ASCII, Latin-1, Latin Extended-A and B
        range(0x1E00, 0x1F00),                          # Latin Extended Additional (Vietnamese)
        range(0x2000, 0x2070), range(0x20A0, 0x20C0),   # general punctuation, currency signs
        range(0x2190, 0x2200),                          # arrows
        map(ord, "•★☆✓✗●○■□\ufffd"),                   # bullets, marks, the replacement mark
        map(ord, "".join(content))))                    # and whatever the content uses


def core_cut(path: Path) -> bytes:
    """The core cut of a whole font: fontTools' subsetter with the options fpdf2's output() gives
    it, but keeping glyph names (output() asks for glyphs by name) and the font's bounds."""
    font = ttLib.TTFont(BytesIO(_without_unused_tables(path)), recalcTimestamp=False, lazy=True)
    cmap = font.getBestCmap()
    subsetter = ftsubset.Subsetter(ftsubset.Options(notdef_outline=True, recommended_glyphs=True,
                                                    glyph_names=True))
    subsetter.populate(glyphs={".notdef"} | {cmap[c] for c in core_characters() if c in cmap})
    subsetter.subset(font)
    font.recalcBBoxes = False      # glyphs and bounds kept as they are; output() recomputes them
    out = BytesIO()
    font.save(out)
    font.close()
    return out.getvalue()


def write_core_cut() -> None:
    """`make fonts`: write the core cut of the regular and bold fonts into fonts/core/."""
    CORE.mkdir(exist_ok=True)
    for _, name in CORE_STYLES:
        (CORE / f"DejaVuSans{name}.ttf").write_bytes(core_cut(FONTS / f"DejaVuSans{name}.ttf"))


class _Parsed(NamedTuple):
    data: bytes                  # the font file, without the tables output() drops
    font: TTFFont                # fpdf2's parse of it (cmap, widths, glyph ids), never changed


_parsed: dict[str, _Parsed] = {}                 # font file -> its parse
_parsed_lock = threading.Lock()


def _parse(path: Path | str) -> _Parsed:
    """Each vendored font is read and parsed once per process; the parse is never changed
    after, and every document gets its own copy of what it changes."""
    key = str(path)
    with _parsed_lock:
        if key not in _parsed:
            data = Path(key).read_bytes() if Path(key).parent == CORE else _without_unused_tables(Path(key))
            scratch = FPDF()
            scratch.add_font(FONT, "", key)
            font = scratch.fonts[FONT.lower()]
            if font.color_font is not None or font.is_compressed:   # pragma: no cover
                raise ValueError(f"{key}: not a plain TrueType font")
            font.ttfont.close()
            font.ttfont = None
            _parsed[key] = _Parsed(data, font)
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
    """The fontTools font output() subsets (in place) for this document's use of `font`."""
    return ttLib.TTFont(BytesIO(_parse(font.ttffile).data), recalcTimestamp=False, lazy=True)


def _files(folder: Path) -> dict[str, tuple[int, str, Path]]:
    """fontkey -> (the number add_font() gives it, its style, its file) for each style the
    folder has: all four whole fonts, regular and bold in the core cut."""
    return {f"{FONT.lower()}{style}": (k + 1, style, folder / f"DejaVuSans{name}.ttf")
            for k, (style, name) in enumerate(STYLES if folder == FONTS else CORE_STYLES)}


class _Fonts(dict):
    """A document's fonts, each made the first time the document sets it (fpdf2 looks fonts up
    with `in` and `[]`): a style a document never uses is neither copied nor subset and
    embedded. Each keeps the number add_font() gave it in the order of STYLES."""

    def __init__(self, folder: Path):
        super().__init__()
        self.files = _files(folder)

    def __contains__(self, fontkey: object) -> bool:
        return dict.__contains__(self, fontkey) or fontkey in self.files

    def __missing__(self, fontkey: str) -> TTFFont:
        if fontkey not in self.files:
            raise KeyError(fontkey)
        i, style, path = self.files[fontkey]
        font = self[fontkey] = _font_for(path, fontkey, style, i)
        return font


class FastFonts(FPDF):
    """An FPDF whose fonts come from the shared parse (when FAST), else from add_font(): the
    core cut of the fonts, or the `whole` fonts."""

    def add_fonts(self, whole: bool = False) -> None:
        folder = FONTS if whole else CORE
        if FAST:  # as add_font() of the four, each made when first set (`fonts` reads this registry)
            self._resource_catalog.font_registry = _Fonts(folder)
        else:
            for _, style, path in _files(folder).values():
                self.add_font(FONT, style, str(path))

    def _preload_font_styles(self, text, markdown, *args, **kwargs):
        """fpdf2's styled runs of `text`, as `_Fragment`s (the same, measured faster)."""
        fragments = list(super()._preload_font_styles(text, markdown, *args, **kwargs))
        for f in fragments:
            if FAST and type(f) is Fragment:
                f.__class__ = _Fragment
        return fragments

    def output(self, *args, **kwargs):
        for font in self.fonts.values():
            if font.ttfont is None:              # made by `_font_for`
                font.ttfont = _embeddable(font)
        return super().output(*args, **kwargs)
