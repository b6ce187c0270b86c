"""Patient vignettes (tests/data/*.yaml): run each through the summary and check what it expects.

A vignette file is a YAML list of {name, answers, expect}. Expectations (the format of
../shared/vignettes/vignettes.yaml, plus `text_absent`):
  options_include / options_exclude : option family ids that must / must not be listed now
  options_include_any               : at least one of these is listed now
  urgent                            : whether the urgent notice must show (true) or not (false)
  urgent_first                      : the urgent notice comes before every other section
  text_matches / text_absent        : regular expressions the Markdown summary must / must not match
Every summary must also carry the disclaimer and list or explain every option family.
The tests (tests/test_vignettes.py) and the clinicians' review packet use this one checker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .answers import AnswersError
from .content import Content
from .export_markdown import to_markdown
from .summary import Summary, build_summary

KNOWN = {"options_include", "options_exclude", "options_include_any", "urgent", "urgent_first",
         "text_matches", "text_absent"}


@dataclass(frozen=True)
class Vignette:
    name: str
    file: str
    answers: dict[str, Any]
    expect: dict[str, Any]


@dataclass
class Result:
    vignette: Vignette
    summary: Summary | None = None
    failures: list[str] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)   # expectation keys this checker does not know

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def now(self) -> list[str]:
        return [o.id for o in self.summary.options] if self.summary else []

    def outcome(self, family: str, content: Content) -> tuple[str, str]:
        """("now" | "later" | "not listed", the reason the patient reads) for one family."""
        if self.summary is None:
            return "not run", ""
        if family in self.now:
            return "now", next(o.why_shown for o in self.summary.options if o.id == family)
        why = next((n.why for n in self.summary.not_listed if n.id == family), "")
        later = content.options[family].title in self.summary.path.later
        return ("later" if later else "not listed"), why


def load(folder: Path) -> list[Vignette]:
    """Every vignette of every YAML file in `folder` that holds a list of vignettes."""
    out = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise ValueError(f"{path.name}: not valid UTF-8 YAML ({e.__class__.__name__})") from None
        if not isinstance(data, list):
            continue
        out += [Vignette(str(v["name"]), path.name, dict(v.get("answers") or {}), dict(v.get("expect") or {}))
                for v in data if isinstance(v, dict) and "name" in v and "answers" in v]
    return out


def run(v: Vignette, content: Content) -> Result:
    """The vignette's summary, and every expectation it does not meet (empty: it passes)."""
    result = Result(v, not_checked=sorted(set(v.expect) - KNOWN))
    try:
        summary = build_summary(v.answers, content)
    except AnswersError as e:
        result.failures.append(f"the answers are not valid: {e}")
        return result
    except Exception as e:  # a crash is a failure of this vignette, not of the whole run
        result.failures.append(f"the summary could not be built: {e.__class__.__name__}: {e}")
        return result
    result.summary, fail, exp = summary, result.failures.append, v.expect
    markdown, listed = to_markdown(summary), result.now
    fail_if = lambda bad, message: fail(message) if bad else None  # noqa: E731
    for o in exp.get("options_include", []):
        fail_if(o not in listed, f"{o} should be listed now; listed: {', '.join(listed) or 'none'}")
    for o in exp.get("options_exclude", []):
        fail_if(o in listed, f"{o} should not be listed now")
    any_of = exp.get("options_include_any", [])
    fail_if(any_of and not set(any_of) & set(listed), f"none of {', '.join(any_of)} is listed now")
    if "urgent" in exp:
        fail_if(bool(summary.urgent_notice) != exp["urgent"],
                "the urgent notice should show" if exp["urgent"] else "the urgent notice should not show")
    for rx in exp.get("text_matches", []):
        fail_if(not re.search(rx, markdown, re.I), f"the summary does not say /{rx}/")
    for rx in exp.get("text_absent", []):
        fail_if(re.search(rx, markdown, re.I), f"the summary should not say /{rx}/")
    if exp.get("urgent_first"):
        first = markdown.index("\n## ") if "\n## " in markdown else 0
        fail_if(not markdown[first:].startswith(f"\n## {summary.headings['urgent']}"),
                "the urgent notice is not the first section")
    fail_if(summary.disclaimer not in markdown, "the summary has no disclaimer")
    shown = sorted(listed + [n.id for n in summary.not_listed])
    fail_if(shown != sorted(content.options), "an option family is neither listed nor explained")
    return result
