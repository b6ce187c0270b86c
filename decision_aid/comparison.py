"""The options side by side, in the style of an Option Grid, as a document block.

Columns are the options discussed now (in the summary's order, which is no order of
preference); rows are the questions patients ask. Rows about something the patient said
matters are marked, and their label says so in words ("★ Hair loss — you said this worries
you"), so the emphasis never rests on colour alone. Nothing here scores or ranks an option.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .document import Column, Comparison, Row

if TYPE_CHECKING:                        # summary.py builds the comparison; no import cycle at run time
    from .summary import Emphasis, OptionView


MOST_COMMON = 3                          # very common side effects named in the table; the details list all


def _concern_cell(o: "OptionView", concern: str) -> str:
    return next(c.level for c in o.concerns if c.id == concern)


def _concern_label(options: list["OptionView"], concern: str) -> str:
    return next((c.label for o in options for c in o.concerns if c.id == concern), concern)


def _common(o: "OptionView") -> str:
    """The first very common side effects by name (the first side effects if none is very common)."""
    effects = [x for x in o.side_effects if x.common] or o.side_effects
    return "; ".join(_first_sentence(x.label) for x in effects[:MOST_COMMON])


def _first_sentence(text: str) -> str:
    """A side effect's name: its first sentence, without the closing full stop."""
    return text.strip().split(". ", 1)[0].rstrip(" .")


def comparison(options: list["OptionView"], e: "Emphasis", h: dict[str, str]) -> Comparison:
    """Rows: how it is given, visits, very common side effects, each side effect the patient
    named as a worry, and daily life when she said it matters most; marked where they touch
    what she said matters. (Each option's details say the rest: daily life, tests.)"""
    def row(rid: str, label: str, said: Optional[str], cells: list[str]) -> Row:
        return Row(id=rid, label=h["cmp_marked"].format(row=label, said=said) if said else label,
                   marked=bool(said), mark=f"★ {label}" if said else "", cells=cells)

    rows = [row("how_given", h["cmp_how_given"], e.route, [o.route for o in options]),
            row("visits", h["cmp_visits"], e.visits, [o.how_often for o in options]),
            row("side_effects", h["cmp_side_effects"], None, [_common(o) for o in options])]
    rows += [row(c, _concern_label(options, c), e.worry, [_concern_cell(o, c) for o in options])
             for c in e.concerns]
    if e.daily_life:                     # she said day-to-day life matters most: its own row
        rows.append(row("daily_life", h["cmp_daily_life"], e.daily_life, [o.daily_life for o in options]))
    return Comparison(id="comparison", question=h["comparison_question"],
                      columns=[Column(id=o.id, title=o.title) for o in options], rows=rows)
