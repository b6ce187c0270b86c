"""Translations as overlays: a translated YAML file holds only the words.

The English file is the one source of every rule, id, number and source. A translation in
`content/i18n/<lang>/` has the same relative path and the same shape, but keeps only the texts a
patient reads (and the ids or answer values that say which item a text belongs to). Loading
puts the translated texts over the English structure, so a rule or a source can never differ
between languages, and a text the translator has not written yet is an error naming its place.

Each translated item carries its own review fields (`translation_review`): who checked the
translation, and when. Until then it is a draft and the app says so in that language.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Iterator, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

# Keys whose values are never shown as words to a patient: ids, rules, references to other
# items, sources, review dates, search terms sent to ClinicalTrials.gov. They stay English.
KEEP_ENGLISH = frozenset({
    "id", "value", "sources", "show_when", "later_when", "when", "alongside_when", "site",
    "order", "facts", "ask_first", "applies_to", "terms", "widget", "route", "frequency",
    "concern", "group", "page", "section", "last_reviewed", "review_status", "reviewed_by",
    "reviewed_on", "paper", "site_links", "base_url", "condition", "subtype_terms",
    "biomarker_terms", "sets", "missing", "concerns", "values",
})


def kept_keys(rel: str) -> frozenset:
    """ui.yaml is words only (its keys name strings, such as `sources: Sources`)."""
    return frozenset() if rel == "ui.yaml" else KEEP_ENGLISH
# Keys that say which item a translated text belongs to, in lists of items.
ANCHORS = ("id", "value")
REVIEW_KEY = "translation_review"


class TranslationError(ValueError):
    """A translated file does not fit its English file: `where` is the dotted place."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}" if where else reason)
        self.where, self.reason = where, reason


class TranslationReview(BaseModel):
    """Who checked a translated item, and when. `draft` until a medical translator signs."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    status: Literal["draft", "reviewed"] = "draft"
    translated_by: Optional[str] = None
    reviewed_by: Optional[str] = None
    reviewed_on: Optional[dt.date] = None

    @model_validator(mode="after")
    def _signed(self):
        if self.status == "reviewed" and not (self.reviewed_by and self.reviewed_on):
            raise ValueError("a reviewed translation needs reviewed_by and reviewed_on")
        return self


def _anchor(item: Any) -> Optional[str]:
    if isinstance(item, dict):
        for key in ANCHORS:
            if isinstance(item.get(key), (str, int)):
                return key
    return None


def has_words(node: Any, key: Any = None, keep: frozenset = KEEP_ENGLISH) -> bool:
    """Whether a part of an English file holds any text a patient reads."""
    if key in keep:
        return False
    if isinstance(node, str):
        return bool(node.strip())
    if isinstance(node, dict):
        return any(has_words(v, k, keep) for k, v in node.items())
    if isinstance(node, list):
        return any(has_words(v, key, keep) for v in node)
    return False


def template(english: Any, keep: frozenset = KEEP_ENGLISH) -> Any:
    """The words of an English file, in its shape: what a translator translates.
    Each item (the whole file, or each item of a top-level list) gets a draft review block."""
    def words(node: Any) -> Any:
        if isinstance(node, dict):
            out = {k: node[k] for k in ANCHORS if k in node and _anchor(node) == k}
            out.update({k: words(v) for k, v in node.items() if has_words(v, k, keep)})
            return out
        if isinstance(node, list):
            return [words(v) for v in node if has_words(v, None, keep) or _anchor(v)]
        return node

    draft = {"status": "draft"}
    if isinstance(english, list):
        return [{**words(item), REVIEW_KEY: draft} for item in english]
    return {REVIEW_KEY: draft, **words(english)}


def overlay(english: Any, translated: Any, keep: frozenset = KEEP_ENGLISH, where: str = "") -> Any:
    """The English structure with the translated texts put in. Raises TranslationError for a
    text missing from the translation, an item the English file does not have, or a shape that
    differs (a list of a different length, a text where a group was)."""
    if isinstance(english, str):
        if not isinstance(translated, str) or not translated.strip():
            raise TranslationError(where, "has no translated text")
        return translated
    if isinstance(english, dict):
        if not isinstance(translated, dict):
            raise TranslationError(where, "should be a group of texts, as in the English file")
        extra = set(translated) - set(english) - {REVIEW_KEY}
        if extra:
            raise TranslationError(_join(where, sorted(extra)[0]), "is not in the English file")
        out = {}
        for key, value in english.items():
            here = _join(where, key)
            if key in ANCHORS and key in translated and translated[key] != value:
                raise TranslationError(here, f"is {translated[key]!r}, the English file has {value!r}")
            if not has_words(value, key, keep):
                if key not in ANCHORS and key in translated:
                    raise TranslationError(here, "stays as in the English file: leave it out")
                out[key] = value
            elif key not in translated:
                raise TranslationError(here, "is missing")
            else:
                out[key] = overlay(value, translated[key], keep, here)
        return out
    if isinstance(english, list):
        if not isinstance(translated, list):
            raise TranslationError(where, "should be a list, as in the English file")
        anchor = _anchor(english[0]) if english else None
        if anchor and all(_anchor(v) == anchor for v in english):
            return _overlay_by_anchor(english, translated, anchor, keep, where)
        worded = [has_words(v, None, keep) or bool(_anchor(v)) for v in english]
        if len(translated) != sum(worded):
            raise TranslationError(where, f"has {len(translated)} entries, the English file {sum(worded)}")
        texts = iter(translated)
        return [overlay(v, next(texts), keep, f"{where}[{n}]") if w else v
                for n, (v, w) in enumerate(zip(english, worded))]
    return english


def _overlay_by_anchor(english: list, translated: list, anchor: str, keep: frozenset, where: str) -> list:
    by_key: dict[Any, Any] = {}
    for n, item in enumerate(translated):
        if not isinstance(item, dict) or anchor not in item:
            raise TranslationError(f"{where}[{n}]", f"needs its {anchor} to say which item it is")
        if item[anchor] in by_key:
            raise TranslationError(_join(where, item[anchor]), "is translated twice")
        by_key[item[anchor]] = item
    known = {item[anchor] for item in english}
    for key in by_key:
        if key not in known:
            raise TranslationError(_join(where, key), "is not in the English file")
    out = []
    for item in english:
        here = _join(where, item[anchor])
        if not has_words(item, None, keep):
            out.append(item)
        elif item[anchor] not in by_key:
            raise TranslationError(here, "is missing")
        else:
            out.append(overlay(item, by_key[item[anchor]], keep, here))
    return out


def reviews(translated: Any) -> Iterator[tuple[str, TranslationReview]]:
    """Every review block of a translated file, with the item it belongs to ('' for the file)."""
    items = translated if isinstance(translated, list) else [translated]
    for item in items:
        if not isinstance(item, dict):
            continue
        name = str(item.get("id", "")) if isinstance(translated, list) else ""
        raw = item.get(REVIEW_KEY)
        if raw is None:
            raise TranslationError(_join("", name) or REVIEW_KEY, f"has no {REVIEW_KEY}")
        try:
            yield name, TranslationReview.model_validate(raw)
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise TranslationError(_join(_join(name, REVIEW_KEY), where) if where else _join(name, REVIEW_KEY),
                                   first["msg"]) from None


def pairs(english: Any, merged: Any, keep: frozenset = KEEP_ENGLISH,
          where: str = "") -> Iterator[tuple[str, str, str]]:
    """(place, English text, translated text) for every text of a merged file."""
    if isinstance(english, str) and isinstance(merged, str):
        yield where, english, merged
    elif isinstance(english, dict) and isinstance(merged, dict):
        for key, value in english.items():
            if has_words(value, key, keep):
                yield from pairs(value, merged.get(key), keep, _join(where, key))
    elif isinstance(english, list) and isinstance(merged, list):
        for n, (a, b) in enumerate(zip(english, merged)):
            name = a.get("id", a.get("value", n)) if isinstance(a, dict) else n
            yield from pairs(a, b, keep, _join(where, name))


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def same_as_english_allowed(text: str, names: set[str]) -> bool:
    """A text may stay as in English when it holds only names, numbers, symbols and
    placeholders: drug names and brands, gene names (ESR1, PD-L1), units."""
    words = _WORD.findall(_PLACEHOLDER.sub(" ", text))
    return all(w.lower() in names or w.isupper() or len(w) <= 2 for w in words)


def _join(where: str, key: Any) -> str:
    return f"{where}.{key}" if where else str(key)


def write_template(root: Path, language: str) -> list[Path]:
    """Start a translation: content/i18n/<language>/ with every file a translator fills in (the
    English words in place, to be replaced), a copy of each site page and a language.yaml.
    Files that exist already are left alone. Returns the files written."""
    folder = root / "i18n" / language
    written = []

    def put(rel: str, text: str) -> None:
        path = folder / rel
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)

    for path in sorted(root.glob("*.yaml")) + sorted(root.glob("options/*.yaml")):
        rel = path.relative_to(root).as_posix()
        if rel == "language.yaml":
            continue
        english = yaml.safe_load(path.read_text(encoding="utf-8"))
        if has_words(english, None, kept_keys(rel)):
            words = template(english, kept_keys(rel))
            put(rel, f"# {language}: the words of content/{rel}; ids, rules and sources stay in the English file.\n"
                     + yaml.safe_dump(words, allow_unicode=True, sort_keys=False, width=100))
    for path in sorted(root.glob("site/*.md")):
        put(path.relative_to(root).as_posix(), path.read_text(encoding="utf-8"))
    put("language.yaml", (root / "language.yaml").read_text(encoding="utf-8")
        .replace("code: en", f"code: {language}").replace("name: English", "name: (the language's own name)"))
    return written
