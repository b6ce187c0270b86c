"""The condition language of content rules (`show_when`), and its total evaluator.

A condition, as written in YAML:

    hr_status: positive                 # leaf: the answer is this value
    her2_status: [low, ultralow]        # leaf: the answer is one of these (multi: any chosen)
    subtype: triple_negative            # leaf on a derived fact (dictionary.DERIVED)
    missing: recurrence_biopsied        # the question was skipped
    all: [cond, cond, ...]              # every one holds (an empty list holds)
    any: [cond, cond, ...]              # at least one holds (an empty list does not)
    not: cond

A mapping with several keys means `all` of them. Evaluation never raises: an answer that
is missing makes its leaf false, so an unknown never leads to a guess.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Mapping, Union

from .dictionary import DERIVED, FIELDS, values_of


class RuleError(ValueError):
    """A condition that does not parse or names an unknown id or value."""


@dataclass(frozen=True)
class In:
    name: str
    values: frozenset[str]


@dataclass(frozen=True)
class Missing:
    name: str


@dataclass(frozen=True)
class All:
    parts: tuple["Cond", ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple["Cond", ...]


@dataclass(frozen=True)
class Not:
    part: "Cond"


Cond = Union[In, Missing, All, AnyOf, Not]
ALWAYS: Cond = All(())

Facts = Mapping[str, Any]  # id -> str | tuple[str, ...]; missing ids are unanswered


def parse(raw: Any) -> Cond:
    """Turn YAML data into a condition, or raise RuleError saying what is wrong."""
    if raw is None:
        return ALWAYS
    if isinstance(raw, list):
        return All(tuple(parse(r) for r in raw))
    if not isinstance(raw, dict) or not raw:
        raise RuleError(f"a condition must be a non-empty mapping, not {raw!r}")
    if len(raw) > 1:
        return All(tuple(parse({k: v}) for k, v in raw.items()))
    (key, value), = raw.items()
    if key in ("all", "any"):
        if not isinstance(value, list):
            raise RuleError(f"'{key}' needs a list of conditions")
        parts = tuple(parse(v) for v in value)
        return All(parts) if key == "all" else AnyOf(parts)
    if key == "not":
        return Not(parse(value))
    if key == "missing":
        if value not in FIELDS:
            raise RuleError(f"'missing' names an unknown answer id {value!r}")
        return Missing(value)
    if key not in FIELDS and key not in DERIVED:
        raise RuleError(f"unknown answer id {key!r}")
    wanted = value if isinstance(value, list) else [value]
    wanted = [str(v) for v in wanted]
    allowed = values_of(key)
    bad = [v for v in wanted if v not in allowed]
    if bad or not wanted:
        raise RuleError(f"{key}: unknown value(s) {bad or wanted!r}; allowed: {', '.join(allowed)}")
    return In(key, frozenset(wanted))


def _chosen(facts: Facts, name: str) -> frozenset[str]:
    value = facts.get(name)
    if value is None or value == "":
        return frozenset()
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(str(v) for v in value)
    return frozenset([str(value)])


def holds(cond: Cond, facts: Facts) -> bool:
    """Whether the condition is true for these facts. Total: never raises on any facts."""
    if isinstance(cond, In):
        return bool(_chosen(facts, cond.name) & cond.values)
    if isinstance(cond, Missing):
        return not _chosen(facts, cond.name)
    if isinstance(cond, All):
        return all(holds(p, facts) for p in cond.parts)
    if isinstance(cond, AnyOf):
        return any(holds(p, facts) for p in cond.parts)
    if isinstance(cond, Not):
        return not holds(cond.part, facts)
    return False


def reasons(cond: Cond, facts: Facts) -> list[tuple[str, str]]:
    """The (id, value) answers that make a true condition true, in rule order."""
    if not holds(cond, facts):
        return []
    if isinstance(cond, In):
        return [(cond.name, v) for v in sorted(_chosen(facts, cond.name) & cond.values)]
    if isinstance(cond, All):
        return [r for p in cond.parts for r in reasons(p, facts)]
    if isinstance(cond, AnyOf):
        return next((reasons(p, facts) for p in cond.parts if holds(p, facts)), [])
    return []  # Missing and Not hold because of an absence: nothing to point at


def names(cond: Cond) -> set[str]:
    """Every id or derived fact the condition reads."""
    if isinstance(cond, (In, Missing)):
        return {cond.name}
    if isinstance(cond, (All, AnyOf)):
        return set().union(*(names(p) for p in cond.parts)) if cond.parts else set()
    return names(cond.part)


def _mentioned(cond: Cond, name: str) -> set[str]:
    if isinstance(cond, In):
        return set(cond.values) if cond.name == name else set()
    if isinstance(cond, (All, AnyOf)):
        return set().union(*(_mentioned(p, name) for p in cond.parts)) if cond.parts else set()
    if isinstance(cond, Not):
        return _mentioned(cond.part, name)
    return set()


def can_be_true(cond: Cond, derive=None, limit: int = 200_000) -> bool:
    """Whether some set of answers makes the condition true (checked by enumeration).

    Only the values a rule mentions matter, so each id ranges over those, one other value
    and "skipped"; a multiple-choice id ranges over subsets of its mentioned values.
    `derive(facts) -> facts` adds derived facts; their inputs are then enumerated in full.
    """
    base = {n for n in names(cond) if n in FIELDS}
    if names(cond) & set(DERIVED):
        base |= {"hr_status", "her2_status"}
    domains = []
    for n in sorted(base):
        field = FIELDS[n]
        mentioned = _mentioned(cond, n) if n not in ("hr_status", "her2_status") or not (names(cond) & set(DERIVED)) else set(field.values)
        if field.kind == "multi":
            pool = sorted(mentioned | ({next(iter(set(field.values) - mentioned))} if set(field.values) - mentioned else set()))
            options = [tuple(c) for r in range(len(pool) + 1) for c in itertools.combinations(pool, r)]
            options = [o or None for o in options]
        else:
            other = sorted(set(field.values) - mentioned)[:1]
            options = sorted(mentioned) + other + [None]
        domains.append(options)
    total = 1
    for d in domains:
        total *= len(d)
    if total > limit:
        return True  # too large to enumerate; assume it can
    ordered = sorted(base)
    for combo in itertools.product(*domains):
        facts = {n: v for n, v in zip(ordered, combo) if v is not None}
        if derive:
            facts = derive(facts)
        if holds(cond, facts):
            return True
    return False
