"""Checks on the wording and freshness of content, beyond the schema (validate-content, tests)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .content import Content
import re

from .textcheck import MAX_SENTENCE_GRADE, explained_terms, hard_sentences, prescriptive_phrases, prose

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
    problems = []
    for rel, item, text in texts(content):
        bad = prescriptive_phrases(text)
        if bad:
            problems.append(f"{rel}: {item}: prescriptive phrase {bad[0]!r}")
        for g, sentence in hard_sentences(text, terms):
            problems.append(f"{rel}: {item}: reading grade {g:.1f} is above {MAX_SENTENCE_GRADE:g} "
                            f"in the sentence {sentence!r}")
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
