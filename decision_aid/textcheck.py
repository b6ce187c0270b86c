"""Checks on patient-facing wording: reading grade and prescriptive phrases."""
from __future__ import annotations

import re

import textstat  # 0.7.8: syllables from pyphen, works offline

MAX_GRADE = 8.0

PRESCRIPTIVE = [
    r"\byou should\b", r"\byou must\b", r"\byou need to\b", r"\byou will\b", r"\byou'll\b",
    r"\bbest for you\b", r"\bright for you\b", r"\bwe recommend\b", r"\bis recommended for you\b",
    r"\byour best option\b", r"\bthe best option\b", r"\bthe best treatment\b",
    r"\bchoose this\b", r"\byou ought to\b",
]
_PRESCRIPTIVE = re.compile("|".join(PRESCRIPTIVE), re.I)


def prescriptive_phrases(text: str) -> list[str]:
    """Phrases that tell the patient what to do or rank an option."""
    return [m.group(0) for m in _PRESCRIPTIVE.finditer(text)]


def _plain(text: str, names: tuple[str, ...]) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)       # markdown links -> their words
    text = re.sub(r"[*_`#>]", "", text)
    for name in sorted(names, key=len, reverse=True):           # drug and brand names count as one
        text = re.sub(re.escape(name), "it", text, flags=re.I)  # short word: they are names, not prose
    text = re.sub(r"\([^)]*\)", "", text)                        # brand names in brackets
    return text


def grade(text: str, names: tuple[str, ...] = ()) -> float:
    """US reading grade (Flesch-Kincaid) of prose, with drug names counted as short words."""
    plain = _plain(text, names)
    if len(plain.split()) < 5:
        return 0.0
    return float(textstat.flesch_kincaid_grade(plain))


SKIP_KEYS = {"id", "sources", "url", "examples", "show_when", "later_when", "when", "last_reviewed",
             "review_status", "reviewed_by", "value", "applies_to", "route", "frequency",
             "about_n_in_100", "serious", "concern", "concerns", "source", "widget", "terms", "group",
             "base_url", "subtype_terms", "biomarker_terms", "site", "page", "section",
             "values", "sets"}   # a question's groups and gate name choice values (ids)


def prose(node, skip=SKIP_KEYS) -> list[str]:
    """Every patient-facing string inside a YAML item, leaving out ids, rules and sources."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for n in node for s in prose(n, skip)]
    if isinstance(node, dict):
        return [s for k, v in node.items() if k not in skip for s in prose(v, skip)]
    return []


def _main(paths: list[str]) -> int:
    """Report the reading grade and prescriptive phrases of each item in YAML files."""
    import yaml
    worst = 0
    for path in paths:
        data = yaml.safe_load(open(path, encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        if isinstance(data, dict) and "steps" in data:
            items = [q for s in data["steps"] for q in [s, *s.get("questions", [])]]
        for item in items:
            names = tuple(item.get("examples", [])) if isinstance(item, dict) else ()
            text = " ".join(prose({k: v for k, v in item.items() if k != "questions"}) if isinstance(item, dict) else prose(item))
            g, bad = grade(text, names), prescriptive_phrases(text)
            flag = "  <-- too hard" if g > MAX_GRADE else ""
            print(f"{path}: {item.get('id', '?') if isinstance(item, dict) else '?'}: grade {g:.1f}{flag}"
                  + (f"  PRESCRIPTIVE: {bad}" if bad else ""))
            worst = max(worst, 1 if (g > MAX_GRADE or bad) else 0)
    return worst


if __name__ == "__main__":
    import sys
    sys.exit(_main(sys.argv[1:]))
