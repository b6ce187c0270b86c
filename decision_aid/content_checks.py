"""Checks on the wording and freshness of content, beyond the schema (validate-content, tests)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from . import translation
from .content import Content
from .textcheck import (MAX_SENTENCE_GRADE, explained_terms, hard_sentences, hard_sentences_in,
                        prescriptive_phrases, prose)

MAX_AGE_DAYS = 365

# News and secondary hosts are never a source: an FDA label or notice, a DOI or a guideline is.
SECONDARY_HOSTS = ("ascopost.com", "curetoday.com", "drugs.com", "ecancer.org", "accc-cancer.org",
                   "onclive.com", "pharmacytimes.com", "healio.com", "targetedonc.com",
                   "cancernetwork.com", "oncnursingnews.com", "medscape.com", "fiercebiotech.com",
                   "biospace.com", "rxlist.com", "webmd.com", "droracle.ai")
SEARCH_PAGE = re.compile(r"dailymed\.nlm\.nih\.gov/dailymed/search\.cfm|[?&](query|q)=", re.I)


def source_problems(url: str) -> str:
    """Why a source URL is not acceptable (a news host or a search page), or ''."""
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0].lower()
    if any(host == h or host.endswith("." + h) for h in SECONDARY_HOSTS):
        return f"news or secondary page ({host}); cite the FDA label or notice, a DOI or a guideline"
    if SEARCH_PAGE.search(url):
        return "a search page, not a specific label or article"
    return ""


def glossary_terms(content: Content) -> tuple[str, ...]:
    """Terms the glossary explains: a sentence may use them without counting against its grade."""
    return explained_terms([g.term for g in content.glossary.values()])


def texts(content: Content) -> list[tuple[str, str, str]]:
    """(file, item, text) for every patient-facing passage, one per item; its strings one per line."""
    out = [(rel, i.id, "\n".join(prose(i.model_dump(mode="json")))) for rel, i in sourced_by_file(content)]
    for step in content.questions.steps:
        out.append(("questions.yaml", step.id, f"{step.title}. {step.intro}"))
        for q in step.questions:
            out.append(("questions.yaml", q.id, "\n".join(prose(q.model_dump(mode="json")))))
    out += [("glossary.yaml", g.id, g.definition) for g in content.glossary.values()]
    for page in content.site.values():
        out += [(f"site/{page.id}.md", s.id, s.body) for s in page.sections]
    return out


def check_all(content: Content, root: Path, today: dt.date | None = None) -> list[str]:
    """Every wording and freshness problem, each naming its file and item."""
    today = today or dt.date.today()
    terms = glossary_terms(content)
    lang = content.language_info
    problems = []
    for rel, item, text in texts(content):
        rel = rel if content.language == "en" else f"i18n/{content.language}/{rel}"
        bad = prescriptive_phrases(text, tuple(lang.prescriptive))
        if bad:
            problems.append(f"{rel}: {item}: prescriptive phrase {bad[0]!r}")
        if content.language == "en":
            problems += [f"{rel}: {item}: reading grade {g:.1f} is above {MAX_SENTENCE_GRADE:g} "
                         f"in the sentence {sentence!r}" for g, sentence in hard_sentences(text, terms)]
        elif lang.readability:
            r = lang.readability
            problems += [f"{rel}: {item}: {r.formula} {v:.0f} is below {r.minimum:g} in the sentence {sentence!r}"
                         for v, sentence in hard_sentences_in(text, lang.code, r.formula, r.minimum, terms)]
    if content.language != "en":
        problems += translation_problems(root, content.language)
    for rel, item in sourced_by_file(content):
        for src in item.sources:
            why = source_problems(src.url)
            if why:
                problems.append(f"{rel}: {item.id}: source {src.url}: {why}")
        problems += [f"{rel}: {item.id}: {key} {day} is in the future"
                     for key, day in (("last_reviewed", item.last_reviewed), ("reviewed_on", item.reviewed_on))
                     if day and day > today]
        due = item.review_due_reason(today)
        if due:
            problems.append(f"{rel}: {item.id}: review due: {due}")
        elif item.review_status == "draft" and (today - item.last_reviewed).days > MAX_AGE_DAYS:
            problems.append(f"{rel}: {item.id}: last reviewed {item.last_reviewed}, over 12 months ago")
    return problems


def sourced_by_file(content: Content) -> list[tuple[str, object]]:
    """(file, item) for every clinical item: what carries sources and a review date."""
    out = [(f"options/{o.id}.yaml", o) for o in content.options.values()]
    for rel, items in (("cautions.yaml", content.cautions), ("tests.yaml", content.tests),
                       ("support.yaml", content.support), ("situation.yaml", content.situation),
                       ("missing.yaml", content.missing), ("trials.yaml", content.trials),
                       ("questions_to_ask.yaml", content.ask)):
        out += [(rel, i) for i in items]
    return out + [("urgent.yaml", content.urgent)]


def translation_problems(root: Path, language: str) -> list[str]:
    """Texts of a translation still equal to the English ones (names and numbers aside), and
    site pages left in English."""
    english = {p.relative_to(root).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
               for p in [*sorted(root.glob("*.yaml")), *sorted(root.glob("options/*.yaml"))]}
    names = {w.lower() for data in english.values() if isinstance(data, dict)
             for text in data.get("examples") or [] for w in re.findall(r"[^\W\d_]+", str(text))}
    problems = []
    for rel, data in english.items():
        keep = translation.kept_keys(rel)
        path = root / "i18n" / language / rel
        if rel == "language.yaml" or not translation.has_words(data, None, keep) or not path.exists():
            continue
        merged = translation.overlay(data, yaml.safe_load(path.read_text(encoding="utf-8")), keep)
        problems += [f"i18n/{language}/{rel}: {where}: still the English text {en!r}"
                     for where, en, tr in translation.pairs(data, merged, keep)
                     if tr.strip() == en.strip() and not translation.same_as_english_allowed(en, names)]
    for page in sorted(root.glob("site/*.md")):
        path = root / "i18n" / language / "site" / page.name
        if path.exists() and path.read_text(encoding="utf-8") == page.read_text(encoding="utf-8"):
            problems.append(f"i18n/{language}/site/{page.name}: still the English page")
    return problems
