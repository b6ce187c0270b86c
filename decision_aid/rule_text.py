"""Content rules (`show_when` and friends) in plain English, for the clinicians' review packet.

Each answer id is named by its question's `short` label and each value by the choice's label
the patient sees (content/questions.yaml), so a rule reads like:

    Tumor type is “HER2-positive”
    AND Where it came back is one of “In other parts of the body …”, “Both near the breast …”
    AND Past treatments does not have “A CDK4/6 inhibitor …” ticked (or is not answered)

An unanswered question makes "is …" false and "is not …" true; the wording says so.
"""
from __future__ import annotations

from . import rules
from .content import Content
from .dictionary import FIELDS
from .summary import choice_label

SUBTYPE = "Tumor type"    # derived from the hormone receptor and HER2 answers, never asked


def question_name(content: Content, qid: str) -> str:
    if qid == "subtype":
        return SUBTYPE
    q = next(q for s in content.questions.steps for q in s.questions if q.id == qid)
    return q.short or q.label


def _values(content: Content, leaf: rules.In) -> str:
    order = rules.values_of(leaf.name)
    return ", ".join(f"“{choice_label(content, leaf.name, v)}”" for v in order if v in leaf.values)


def _leaf(content: Content, leaf: rules.In, negated: bool = False) -> str:
    name, values, several = question_name(content, leaf.name), _values(content, leaf), len(leaf.values) > 1
    if leaf.name in FIELDS and FIELDS[leaf.name].kind == "multi":   # boxes the patient ticks
        if negated:
            return f"{name} has none of {values} ticked (or is not answered)" if several else \
                f"{name} does not have {values} ticked (or is not answered)"
        return f"{name} has any of {values} ticked" if several else f"{name} has {values} ticked"
    if negated:
        return f"{name} is none of {values} (or is not answered)" if several else \
            f"{name} is not {values} (or is not answered)"
    return f"{name} is one of {values}" if several else f"{name} is {values}"


def sentence(cond: rules.Cond, content: Content, nested: bool = False) -> str:
    """The condition as one line: AND / OR in capitals, groups in parentheses."""
    if isinstance(cond, rules.In):
        return _leaf(content, cond)
    if isinstance(cond, rules.Missing):
        return f"{question_name(content, cond.name)} is not answered"
    if isinstance(cond, rules.Not):
        inner = cond.part
        if isinstance(inner, rules.In):
            return _leaf(content, inner, negated=True)
        if isinstance(inner, rules.Missing):
            return f"{question_name(content, inner.name)} is answered"
        return f"NOT ({sentence(inner, content)})"
    parts, joiner = cond.parts, " AND " if isinstance(cond, rules.All) else " OR "
    if not parts:
        return "always" if isinstance(cond, rules.All) else "never"
    if len(parts) == 1:
        return sentence(parts[0], content, nested)
    text = joiner.join(sentence(p, content, nested=True) for p in parts)
    return f"({text})" if nested else text


def lines(cond: rules.Cond, content: Content) -> list[str]:
    """The condition as lines to read down: the parts of a top-level AND one per line."""
    if isinstance(cond, rules.All) and len(cond.parts) > 1:
        return [("AND " if k else "") + sentence(p, content, nested=True) for k, p in enumerate(cond.parts)]
    return [sentence(cond, content)]
