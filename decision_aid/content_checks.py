"""Checks on the wording and freshness of content, beyond the schema (validate-content, tests)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .content import Content
from .textcheck import MAX_GRADE, grade, prescriptive_phrases, prose

MAX_AGE_DAYS = 365


def drug_names(content: Content) -> tuple[str, ...]:
    """Drug and brand names: counted as short words when grading reading level."""
    names = {n for o in content.options.values() for ex in o.examples
             for n in [ex, ex.split(" (")[0]]}
    return tuple(sorted(names))


def texts(content: Content) -> list[tuple[str, str, str]]:
    """(file, item, text) for every patient-facing passage, one per item."""
    out = [(rel, i.id, " ".join(prose(i.model_dump(mode="json")))) for rel, i in sourced_by_file(content)]
    for step in content.questions.steps:
        out.append(("questions.yaml", step.id, f"{step.title}. {step.intro}"))
        for q in step.questions:
            out.append(("questions.yaml", q.id, " ".join(prose(q.model_dump(mode="json")))))
    out += [("glossary.yaml", g.id, g.definition) for g in content.glossary.values()]
    for page in content.site.values():
        out += [(f"site/{page.id}.md", s.id, s.body) for s in page.sections]
    return out


def check_all(content: Content, root: Path, today: dt.date | None = None) -> list[str]:
    """Every wording and freshness problem, each naming its file and item."""
    today = today or dt.date.today()
    names = drug_names(content)
    problems = []
    for rel, item, text in texts(content):
        bad = prescriptive_phrases(text)
        if bad:
            problems.append(f"{rel}: {item}: prescriptive phrase {bad[0]!r}")
        g = grade(text, names)
        if g > MAX_GRADE:
            problems.append(f"{rel}: {item}: reading grade {g:.1f} is above {MAX_GRADE:g}")
    for rel, item in sourced_by_file(content):
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
