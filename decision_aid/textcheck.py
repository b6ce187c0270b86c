"""Checks on patient-facing wording: reading grade and prescriptive phrases."""
from __future__ import annotations

import re

import textstat  # 0.7.8: syllables from pyphen, works offline


PRESCRIPTIVE = [
    r"\byou should\b", r"\byou must\b", r"\byou need to\b", r"\byou will\b", r"\byou'll\b",
    r"\bbest for you\b", r"\bright for you\b", r"\bwe recommend\b", r"\bis recommended for you\b",
    r"\byour best option\b", r"\bthe best option\b", r"\bthe best treatment\b",
    r"\bchoose this\b", r"\byou ought to\b",
]
_PRESCRIPTIVE = re.compile("|".join(PRESCRIPTIVE), re.I)


def prescriptive_phrases(text: str, patterns: tuple[str, ...] = ()) -> list[str]:
    """Phrases that tell the patient what to do or rank an option (in English, or by the
    patterns of another language's language.yaml)."""
    found = _PRESCRIPTIVE.finditer(text) if not patterns else re.finditer("|".join(patterns), text, re.I)
    return [m.group(0) for m in found]


MAX_SENTENCE_GRADE = 10.0
MIN_WORDS = 5   # Flesch-Kincaid means nothing on a heading or a two-word label


def _plain(text: str, terms: tuple[str, ...] = ()) -> str:
    """Prose without Markdown; each glossary-explained term counts as one short word."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)       # markdown links -> their words
    text = re.sub(r"[*_`#>]", "", text)
    for term in sorted(terms, key=len, reverse=True):           # explained beside the text: not prose
        text = re.sub(r"(?<!\w)" + re.escape(term) + r"(?:s|es)?(?!\w)", "term", text, flags=re.I)
    return text


def explained_terms(glossary_terms: list[str]) -> tuple[str, ...]:
    """Words a glossary explains: "Estrogen receptor (ER)" gives "Estrogen receptor" and "ER"."""
    parts = {p.strip() for t in glossary_terms for p in re.split(r"\s*[()]\s*|,\s*", t)}
    return tuple(sorted(p for p in parts if len(p) >= 2))


def sentences(text: str) -> list[str]:
    """The sentences of a passage (split at . ! ? : ; and line breaks), as the reader meets them."""
    plain = re.sub(r"[*_`#>]", "", re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text))
    parts = re.split(r"(?<=[.!?:;])\s+|\n+|\s+-\s+", plain)
    return [p.strip() for p in parts if p.strip()]


def grade(text: str, terms: tuple[str, ...] = ()) -> float:
    """US reading grade (Flesch-Kincaid) of one sentence or passage; drug names count as written,
    glossary-explained terms as one short word. Fewer than MIN_WORDS words: not scored (0)."""
    plain = _plain(text, terms)
    if len(plain.split()) < MIN_WORDS:
        return 0.0
    return float(textstat.flesch_kincaid_grade(plain))


def hard_sentences(text: str, terms: tuple[str, ...] = (),
                   limit: float = MAX_SENTENCE_GRADE) -> list[tuple[float, str]]:
    """(grade, sentence) for every sentence of text above the limit, each scored on its own."""
    return [(g, s) for s in sentences(text) if (g := grade(s, terms)) > limit]


def score(text: str, formula: str, language: str, terms: tuple[str, ...] = ()) -> float | None:
    """Another language's readability score of one sentence (textstat's formula, such as
    fernandez_huerta for Spanish: higher is easier); None when too short to score."""
    plain = _plain(text, terms)
    if len(plain.split()) < MIN_WORDS:
        return None
    textstat.set_lang(language)
    try:
        return float(getattr(textstat, formula)(plain))
    finally:
        textstat.set_lang("en_US")


def hard_sentences_in(text: str, language: str, formula: str, minimum: float,
                      terms: tuple[str, ...] = ()) -> list[tuple[float, str]]:
    """(score, sentence) for every sentence of text below the language's minimum score."""
    return [(v, s) for s in sentences(text)
            if (v := score(s, formula, language, terms)) is not None and v < minimum]


SKIP_KEYS = {"id", "sources", "url", "examples", "show_when", "later_when", "when", "last_reviewed",
             "review_status", "reviewed_by", "reviewed_on", "value", "applies_to", "route", "frequency",
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
    """Report every sentence above the grade limit, and prescriptive phrases, in YAML files."""
    import yaml
    from .content import CONTENT_DIR
    glossary = yaml.safe_load((CONTENT_DIR / "glossary.yaml").read_text(encoding="utf-8")) or []
    terms = explained_terms([g["term"] for g in glossary if isinstance(g, dict) and "term" in g])
    worst = 0
    for path in paths:
        data = yaml.safe_load(open(path, encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        if isinstance(data, dict) and all(isinstance(s, dict) for s in data.get("steps") or [None]):
            items = [q for s in data["steps"] for q in [s, *s.get("questions", [])]]
        for item in items:
            text = " \n".join(prose({k: v for k, v in item.items() if k != "questions"}) if isinstance(item, dict) else prose(item))
            name = item.get("id", "?") if isinstance(item, dict) else "?"
            for g, sentence in hard_sentences(text, terms):
                print(f"{path}: {name}: grade {g:.1f}: {sentence}")
                worst = 1
            bad = prescriptive_phrases(text)
            if bad:
                print(f"{path}: {name}: PRESCRIPTIVE: {bad}")
                worst = 1
    return worst


if __name__ == "__main__":
    import sys
    sys.exit(_main(sys.argv[1:]))
