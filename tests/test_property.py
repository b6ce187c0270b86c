"""Every answer combination works: skipped, contradictory and odd answers included.

Hypothesis draws from the whole answer space of the data dictionary. For each draw the
summary is built and rendered as Markdown, JSON and PDF, 2,000 examples each. The PDF test
is the longest test of all (each PDF takes about a tenth of a second): `make test` runs it
on its own pytest-xdist worker, beside all the other tests (tests/conftest.py).
"""
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from decision_aid.answers import AnswersError
from decision_aid.content import load_content
from decision_aid.dictionary import FIELDS
from decision_aid.export_markdown import to_markdown
from decision_aid.export_pdf import to_pdf
from decision_aid.summary import build_summary

CONTENT = load_content()
PAYLOADS = ["<script>alert(1)</script>", "**bold** [x](javascript:alert(1))", "# heading", "Ça? 你好 ẫ",
            "\x00\x07 control", "{nb} {~total~} %s {0}", "![x](https://evil.example/p.png) ~~~~"]
# awkward text: lone surrogates (no file can hold them: refused), control characters and
# terminal escapes, bidirectional marks and overrides, line and paragraph separators
AWKWARD = list("\ud800\udfff\x00\x07\x08\x1b\x7f\x85\x9b\r\n\t\u2028\u2029\u200e\u200f\u061c"
               "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200d\ufeff ~`*<>[]()!") + [
               "a", "é", "中", "ع", "א", "🙂", "e\u0301", "https://x.example "]
LONG_LINE = st.builds(lambda piece, n: (piece * n)[:2000], st.sampled_from(["x", "W", "中", "ﷺ", "-", "a b "]),
                      st.integers(200, 2000))


def _value(field):
    if field.kind == "multi":
        return st.lists(st.sampled_from(field.values), max_size=len(field.values), unique=True)
    if field.kind == "text":
        awkward = st.lists(st.sampled_from(AWKWARD), max_size=80).map("".join)
        return st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=300), awkward, LONG_LINE)
    return st.sampled_from(field.values)


def _summary(answers):
    """The summary, or None when the answers hold text no file can hold (a lone surrogate),
    which is refused with its own message."""
    own = answers.get("own_questions", "")
    if any("\ud800" <= c <= "\udfff" for c in own):
        with pytest.raises(AnswersError) as e:
            build_summary(answers, CONTENT)
        assert e.value.code == "not_unicode"
        return None
    return build_summary(answers, CONTENT)


ANSWERS = st.fixed_dictionaries({}, optional={k: _value(f) for k, f in FIELDS.items()})
SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(summary, answers):
    assert summary.disclaimer and summary.content_last_reviewed
    urgent = [s for s in answers.get("urgent_symptoms", []) if s != "none"]
    assert bool(summary.urgent_notice) == bool(urgent)
    listed = {o.id for o in summary.options} | {n.id for n in summary.not_listed}
    assert listed == set(CONTENT.options)          # no family dropped without a word


@settings(max_examples=2000, **SLOW)
@given(ANSWERS)
def test_summary_markdown_and_json_for_any_answers(answers):
    summary = _summary(answers)
    if summary is None:
        return
    _check(summary, answers)
    md = to_markdown(summary)
    assert summary.disclaimer in md and summary.dates.date(summary.content_last_reviewed) in md
    if summary.urgent_notice:
        assert md.index(summary.headings["urgent"]) < md.index(f"## {CONTENT.text('sheet.facts')}")
    data = json.loads(json.dumps(summary.to_json_dict()))
    assert data["disclaimer"] == summary.disclaimer
    if summary.own_questions:   # the patient's words stay inside one block that shows them as text
        block = md.split(summary.headings["own_questions"], 1)[1].split("\n## ", 1)[0].split("\n")[2:]
        fence = block[0]
        assert fence.startswith("~~~") and block.count(fence) == 2
        assert not any(line.lstrip(" ").startswith(fence) for line in block[1:block.index(fence, 1)])


def _page_text(page) -> str:
    return " ".join(page.extract_text().split())


@pytest.mark.xdist_group("pdf_property")
@settings(max_examples=2000, **SLOW)
@given(ANSWERS)
def test_pdf_for_any_answers(answers):
    summary = _summary(answers)
    if summary is None:
        return
    _check(summary, answers)
    pages = PdfReader(io.BytesIO(to_pdf(summary, notes="<b>note</b>"))).pages
    # the urgent notice opens the first page; the disclaimer and the content date close the
    # sheet, before any option's details
    first = _page_text(pages[0])
    text = " ".join(_page_text(p) for p in pages)
    assert (summary.headings["urgent"] in first) == bool(summary.urgent_notice)
    end_of_sheet = text.index(summary.dates.date(summary.content_last_reviewed))
    assert 0 <= text.index(" ".join(summary.disclaimer.split()[-4:])) < end_of_sheet
    for o in summary.options:
        if not o.alongside:
            assert end_of_sheet < text.index(" ".join(o.what_it_is.split()[:6]))
