"""The options side by side, in the style of an Option Grid: a pure function of the Summary.

Columns are the listed option families (in the summary's order, which is no order of
preference); rows are the questions patients ask. Rows about something the patient said
matters carry a visible mark in their label ("★ Hair loss — you said this worries you"), so
the emphasis never rests on colour alone. Nothing here scores or ranks an option.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .summary import OptionView, Summary

BASE_CONCERNS = ("hair_loss", "neuropathy", "fatigue")   # always asked, as in an Option Grid
HIGHLIGHTED = "highlighted"                              # df.attrs: the marked row labels
ROW_IDS = "row_ids"                                      # df.attrs: a stable id per row


@dataclass(frozen=True)
class _Row:
    id: str
    label: str
    said: str | None        # "you said ..." when the row touches what the patient said matters
    cells: list[str]


def _concern_cell(o: OptionView, concern: str) -> str:
    return next(c.level for c in o.concerns if c.id == concern)


def _concern_label(s: Summary, concern: str) -> str:
    for o in s.options:
        for c in o.concerns:
            if c.id == concern:
                return c.label
    return concern


def _rows(s: Summary) -> list[_Row]:
    h, e, opts = s.headings, s.emphasis, s.options
    rows = [
        _Row("how_given", h["cmp_how_given"], e.route, [o.route for o in opts]),
        _Row("visits", h["cmp_visits"], e.visits, [o.how_often for o in opts]),
        _Row("side_effects", h["cmp_side_effects"], None, [_common(o) for o in opts]),
    ]
    concerns = list(BASE_CONCERNS) + [c for c in e.concerns if c not in BASE_CONCERNS]
    for c in concerns:
        rows.append(_Row(c, _concern_label(s, c), e.worry if c in e.concerns else None,
                         [_concern_cell(o, c) for o in opts]))
    rows += [
        _Row("daily_life", h["cmp_daily_life"], e.daily_life, [o.daily_life for o in opts]),
        _Row("tests", h["cmp_tests"], None, [o.tests_needed for o in opts]),
    ]
    return rows


def _common(o: OptionView) -> str:
    """The very common side effects by name (all of them if none is very common)."""
    effects = [x for x in o.side_effects if x.common] or o.side_effects
    return "; ".join(_first_sentence(x.label) for x in effects)


def _first_sentence(text: str) -> str:
    """A side effect's name: its first sentence, without the closing full stop."""
    first = text.strip().split(". ", 1)[0]
    return first.rstrip(" .")


def row_label(s: Summary, label: str, said: str | None) -> str:
    return s.headings["cmp_marked"].format(row=label, said=said) if said else label


def comparison_table(s: Summary) -> pd.DataFrame:
    """Rows: the questions patients ask; columns: the listed options (titles).

    `df.attrs["highlighted"]` lists the labels of rows about what the patient said matters;
    `df.attrs["row_ids"]` gives each row a stable id (how_given, visits, side_effects, a
    side_effect_concerns value, daily_life, tests). Empty (no columns) when nothing is listed.
    """
    rows = _rows(s) if s.options else []
    labels = [row_label(s, r.label, r.said) for r in rows]
    columns = _unique([o.title for o in s.options])
    df = pd.DataFrame([r.cells for r in rows], index=pd.Index(labels, name=s.headings["comparison_question"]),
                      columns=columns, dtype="object")
    df.attrs[HIGHLIGHTED] = [label for label, r in zip(labels, rows) if r.said]
    df.attrs[ROW_IDS] = [r.id for r in rows]
    return df


def _unique(titles: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for t in titles:
        seen[t] = seen.get(t, 0) + 1
        out.append(t if seen[t] == 1 else f"{t} ({seen[t]})")
    return out


def parts(df: pd.DataFrame, size: int = 3) -> list[pd.DataFrame]:
    """The table cut into pieces of at most `size` options, for print and plain text."""
    out = []
    for i in range(0, len(df.columns), size):
        piece = df.iloc[:, i:i + size].copy()
        piece.attrs = dict(df.attrs)
        out.append(piece)
    return out
