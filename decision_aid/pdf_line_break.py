"""Faster text measuring and line breaking for the PDF export, built on fpdf2 internals of the
one version `pdf_fonts.FAST` names: the same widths, the same lines, the same fragments as
fpdf2's own code, found with less work per character. Anything unusual goes to fpdf2's code.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Optional

from fpdf.enums import Align, CharVPos, WrapMode
from fpdf.errors import FPDFException
from fpdf.fonts import TTFFont
from fpdf.line_break import (BREAKING_SPACE_SYMBOLS, FORM_FEED, NBSP, NEWLINE, SOFT_HYPHEN,
                             CurrentLine, Fragment, MultiLineBreak, TextLine)
from fpdf.util import FloatTolerance


class _Font(TTFFont):
    """fpdf2's TTF font, measuring text widths in C (`map`) rather than a Python generator:
    the same integer widths summed in the same order, so the same numbers."""
    __slots__ = ()

    def get_text_width(self, text, font_size_pt, text_shaping_params):
        if text_shaping_params or self.is_symbol:
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        if font_size_pt > self.biggest_size_pt:
            self.biggest_size_pt = font_size_pt
        return len(text), sum(map(self.cw.__getitem__, map(ord, text))) * font_size_pt * 0.001


def _plain(gs) -> bool:
    """Text in this graphics state is measured by summing the font's integer glyph widths
    (no shaping, spacing, stretching, sub/superscript; not another font)."""
    font = gs.current_font
    return (type(font) is _Font and not gs.text_shaping and gs.font_stretching == 100
            and gs.char_spacing == 0 and gs.char_vpos == CharVPos.LINE and not font.is_symbol)


class _Fragment(Fragment):
    """fpdf2's run of text in one style, with the same widths found faster: fpdf2's line
    breaking asks for the width of the whole line so far after every character, so the
    sum of a fragment's glyph widths is kept and only the characters added since are summed
    (a fragment only grows by append; trimming makes a new list). Same integer sum, same
    float arithmetic, so the same lines. Anything unusual goes to fpdf2's own code."""
    _sum_of: Optional[list] = None
    _sum_len = 0
    _sum = 0

    def get_width(self, start: int = 0, end: Optional[int] = None, chars: Optional[str] = None,
                  initial_cs: bool = True) -> float:
        gs = self.graphics_state
        if not _plain(gs):
            return super().get_width(start, end, chars, initial_cs)
        font, size = gs.current_font, gs.font_size_pt
        if size > font.biggest_size_pt:
            font.biggest_size_pt = size
        width = font.cw.__getitem__
        if chars is not None:
            total = sum(map(width, map(ord, chars)))
        elif start or end is not None:
            total = sum(map(width, map(ord, "".join(self.characters[start:end]))))
        else:
            c = self.characters
            if self._sum_of is c and self._sum_len <= len(c):
                total = self._sum + sum(map(width, map(ord, "".join(c[self._sum_len:]))))
            else:
                total = sum(map(width, map(ord, "".join(c))))
            self._sum_of, self._sum_len, self._sum = c, len(c), total
        return total * size * 0.001 / self.k

    def render_pdf_text_ttf(self, frag_ws: float, word_spacing: float) -> str:
        """fpdf2's text operator for the fragment, its characters mapped to glyph codes in C
        rather than one by one in Python (the same codes, picked in the same order)."""
        if word_spacing:
            return super().render_pdf_text_ttf(frag_ws, word_spacing)
        codes = map(self.font.subset.pick, map(ord, self.string))
        return f"({self.font.escape_text(''.join([chr(c) for c in codes if c]))}) Tj"


BREAKING = frozenset(BREAKING_SPACE_SYMBOLS)
UNUSUAL = frozenset((SOFT_HYPHEN, NBSP, FORM_FEED))    # handled by fpdf2's own loop


class LineBreak(MultiLineBreak):
    """fpdf2's MultiLineBreak, which tries every character in turn: grow the line, compare its
    width with the room left, remember the last space. For the text this export sets (one run
    of one plain style, word wrapping, no soft hyphen, no-break space or form feed) `get_line`
    finds the same line directly from running sums of the glyph widths, and builds its
    TextLine with fpdf2's own CurrentLine. Anything else is left to fpdf2."""

    _index: Optional[tuple] = None    # (running widths, space positions, newline positions)

    def _simple(self) -> bool:
        """Is this text for the fast way? (Decided, and its sums made, once per text.)"""
        if self._index is None:
            frag = self.fragments[0] if len(self.fragments) == 1 else None
            if (type(frag) is _Fragment and _plain(frag.graphics_state)
                    and frag.graphics_state.font_size_pt > 0 and self.wrapmode == WrapMode.WORD
                    and not self.skip_leading_spaces and UNUSUAL.isdisjoint(frag.characters)):
                chars, width = frag.characters, frag.graphics_state.current_font.cw.__getitem__
                self._index = (list(accumulate(map(width, map(ord, chars)), initial=0)),
                               [i for i, c in enumerate(chars) if c in BREAKING],
                               [i for i, c in enumerate(chars) if c == NEWLINE])
            else:
                self._index = ()
        return bool(self._index)

    def get_line(self) -> Optional[TextLine]:
        if not self._simple():
            return super().get_line()
        # fpdf2's get_line() for one fragment, step for step; the line starts at chars[i].
        last_forced, self.idx_last_forced_break = self.idx_last_forced_break, None
        if self.fragment_index == 1:
            return None
        frag = self.fragments[0]
        chars, i = frag.characters, self.character_index
        sums, spaces, newlines = self._index

        def room(max_width: float) -> float:
            for margin in self.margins:
                max_width -= float(margin)
            return max_width - self.first_line_indent if self._is_first_line else max_width

        line = CurrentLine(max_width=self.get_width(0), print_sh=self.print_sh,
                           indent=self.first_line_indent if self._is_first_line else 0)
        max_width = room(line.max_width)
        if i >= len(chars):                                  # nothing left
            self.fragment_index, self.character_index = 1, 0
            return None
        height = 0
        if FloatTolerance.greater_than(frag.font_size, height):   # as at the first character
            height = frag.font_size
            line.max_width = self.get_width(height)
            max_width = room(line.max_width)

        # The line breaks at the first character j (before the next newline) for which fpdf2's
        # test, greater_than(width of chars[i:j] + width of chars[j], max_width), holds; each
        # width computed as fpdf2 does. Widths only grow, so no j passes while the running sum
        # is well under max_width (by far more than any rounding): skip those, then test.
        size, k = frag.graphics_state.font_size_pt, frag.k
        end = newlines[bisect_left(newlines, i)] if newlines and newlines[-1] >= i else len(chars)
        near = (max_width + FloatTolerance.TOLERANCE - 1e-6) / (size * 0.001 / k)
        j = max(i, bisect_right(sums, sums[i] + near, i + 1, end + 1) - 1)
        while j < end and not FloatTolerance.greater_than(
                ((sums[j] - sums[i]) * size * 0.001 / k if j > i else 0)
                + (sums[j + 1] - sums[j]) * size * 0.001 / k, max_width):
            j += 1

        align = Align.L if self.align == Align.J else self.align
        keep, newline = j, False                             # the line is chars[i:keep]
        if j < end:                                          # too wide with chars[j]
            self._is_first_line = False
            before = bisect_left(spaces, j)                  # spaces before chars[j]
            if chars[j] in BREAKING:                         # break there, dropping that space
                self.character_index, align = j + 1, self.align
            elif before and spaces[before - 1] >= i:         # break at the line's last space
                keep = spaces[before - 1]
                self.character_index, align = keep + 1, self.align
            else:                                            # no space: break inside the word
                if last_forced == (0, j):
                    raise FPDFException("Not enough horizontal space to render a single character")
                self.idx_last_forced_break = (0, j)
                self.character_index = j
        elif end < len(chars):                               # a newline
            self._is_first_line = False
            self.character_index, newline = j + 1, True
        else:                                                # the end of the text
            self.fragment_index, self.character_index = 1, 0
        if j > i:                                            # characters were added to the line
            line.fragments = [frag.clone(characters=chars[i:keep], link=frag.link)]
            line.height = height * self.line_height
            line.number_of_spaces = bisect_left(spaces, keep) - bisect_left(spaces, i)
        if newline:
            line.height = max(line.height, height * self.line_height)
        elif j == end:                                       # the end of the text
            if not line.width:                               # only zero-width characters
                return None
            self._is_first_line = False
        return line.manual_break(align, trailing_nl=newline)
