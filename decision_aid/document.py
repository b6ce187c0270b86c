"""The summary as a document: typed blocks that keep their ids, in one order.

`build_summary` decides what the summary says; this module lays it out once, for every
surface. The page, the Markdown and the PDF print these sections and blocks in this order
and decide nothing: which sections exist, which layer each is in (the discussion sheet
first, the details on demand), which go in the short PDF, and every string, are set here.
"""
from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field


class _Block(BaseModel):
    model_config = ConfigDict(frozen=True)


class Line(_Block):
    """One item of a list: an optional bold lead, then the text."""
    label: str = ""
    text: str = ""
    marked: bool = False                 # about what the patient said matters (the words say so too)
    url: Optional[str] = None            # a link (a source, the trial search)


class Paragraph(_Block):
    kind: Literal["paragraph"] = "paragraph"
    id: str
    text: str
    # plain; note (a framed remark: draft); urgent; caption (small print);
    # her_words (free text typed by the patient: printed as typed, never as Markdown or HTML)
    tone: Literal["plain", "note", "urgent", "caption", "her_words"] = "plain"


class ListBlock(_Block):
    kind: Literal["list"] = "list"
    id: str
    title: Optional[str] = None
    lines: list[Line]
    numbered: bool = False
    full_only: bool = False              # left out of the short PDF
    tone: Literal["plain", "caution"] = "plain"   # caution: shown prominently (cautions from her health)


class Column(_Block):
    id: str                              # the option family id
    title: str


class Row(_Block):
    id: str                              # how_given, visits, side_effects, a concern id, daily_life, tests
    label: str                           # the question; a marked row says so in words ("★ … — you said …")
    marked: bool = False
    mark: str = ""                       # a marked row, short: "★ …" (a phone card, under the ★ legend)
    cells: list[str]                     # one per column


class Comparison(_Block):
    """Options side by side, Option Grid style: columns are options, rows the questions patients ask."""
    kind: Literal["comparison"] = "comparison"
    id: str
    question: str                        # the heading of the row labels
    columns: list[Column]
    rows: list[Row]


class Picture(_Block):
    n: int                               # filled marks out of 100
    label: str                           # the side effect
    caption: str                         # "40 in 100 people"
    alt: str                             # the text alternative


class Pictures(_Block):
    kind: Literal["pictures"] = "pictures"
    id: str
    key: str                             # how to read them
    items: list[Picture]
    full_only: bool = True               # left out of the short PDF (the side effects list says the numbers)


class WriteIn(_Block):
    """Room to write by hand on paper (name and date lines, notes). `notes_here`: the nurse's
    typed notes, when given, are printed here."""
    kind: Literal["write_in"] = "write_in"
    id: str
    fields: list[str] = []               # short labelled lines: "Name", "Date"
    lines: int = 0                       # empty ruled lines
    notes_here: bool = False


Block = Annotated[Union[Paragraph, ListBlock, Comparison, Pictures, WriteIn], Field(discriminator="kind")]


class SiteLink(_Block):
    page: str
    section: str
    label: str                           # "From our center's page: The goals of treatment"


class Section(_Block):
    id: str
    title: str
    # sheet: the first layer (on screen first, page 1 of the PDF); details: one tap away
    layer: Literal["sheet", "details"]
    in_short_pdf: bool                   # printed in the default (short) PDF
    print_only: bool = False             # only on paper (lines to write on)
    folded_on_screen: bool = False       # on screen one tap away (her own answers); its notes stay in view
    tone: Literal["plain", "urgent"] = "plain"
    warnings: list[str] = []             # prominent messages shown first (e.g. about pregnancy)
    warnings_title: str = ""             # their label ("Important")
    site: Optional[SiteLink] = None
    blocks: list[Block]


class Reference(_Block):
    n: int
    name: str
    year: int
    url: str


def sheet_sections(doc: list[Section]) -> list[Section]:
    return [s for s in doc if s.layer == "sheet"]


def pdf_sections(doc: list[Section], full: bool) -> list[Section]:
    return [s for s in doc if full or s.in_short_pdf]


def screen_sections(doc: list[Section]) -> list[Section]:
    return [s for s in doc if not s.print_only]
