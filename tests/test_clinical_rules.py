"""Clinical rules of issue 12 beyond the vignettes: how a prominent warning reaches every
surface, and how ER-low derives its subtype (docs/clinical-rules.md)."""
import io

from pypdf import PdfReader

from decision_aid.answers import subtype
from decision_aid.export_markdown import to_markdown
from decision_aid.export_pdf import to_pdf
from decision_aid.summary import build_summary

PREGNANT_HER2 = {"recurrence_type": "distant", "metastatic_sites": ["liver"], "hr_status": "negative",
                 "her2_status": "positive", "metastatic_lines": "none_yet", "conditions": ["pregnant_now"]}


def _option(summary, fam_id):
    return next(o for o in summary.options if o.id == fam_id)


def test_pregnancy_warning_is_a_warning_not_one_more_caution(content):
    o = _option(build_summary(PREGNANT_HER2, content), "her2_first_line")
    assert len(o.warnings) == 1 and "pregnant now" in o.warnings[0]
    assert not any("pregnant" in c for c in o.cautions)


def test_pdf_prints_the_pregnancy_warning_before_what_the_option_is(content):
    summary = build_summary(PREGNANT_HER2, content)
    o = _option(summary, "her2_first_line")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(to_pdf(summary))).pages)
    title_at = text.index(" ".join(o.title.split()[:3]))
    warning_at = text.index("You said you are pregnant now", title_at)
    assert warning_at < text.index(" ".join(o.what_it_is.split()[:6]), title_at)


def test_markdown_puts_the_warning_under_the_title(content):
    summary = build_summary(PREGNANT_HER2, content)
    o = _option(summary, "t_dxd")
    md = to_markdown(summary)
    block = md[md.index(f"### {o.title}"):]
    assert block.index("You said you are pregnant now") < block.index(o.what_it_is[:40])


def test_er_low_is_read_as_triple_negative_only_when_her2_is_not_positive():
    assert subtype({"hr_status": "low", "her2_status": "zero"}) == "triple_negative"
    assert subtype({"hr_status": "low", "her2_status": "low"}) == "triple_negative"
    assert subtype({"hr_status": "low", "her2_status": "positive"}) == "her2_positive"
    assert subtype({"hr_status": "low", "her2_status": "unsure"}) == "unknown"


def test_er_low_summary_names_er_low_in_the_subtype_and_in_why_shown(content):
    s = build_summary({"recurrence_type": "distant", "hr_status": "low", "her2_status": "zero",
                       "metastatic_lines": "none_yet"}, content)
    assert s.subtype.startswith("ER-low")
    chemo = _option(s, "chemotherapy")
    assert "ER-low" in chemo.why_shown and "triple-negative" in chemo.why_shown


def test_summary_page_shows_the_pregnancy_warning_as_an_alert():
    from walk import open_app
    at = open_app()
    at.session_state["answers"] = {**PREGNANT_HER2, "metastatic_sites": ("liver",), "conditions": ("pregnant_now",)}
    at.switch_page("pages/summary.py").run()
    assert not at.exception
    assert any("You said you are pregnant now" in e.value for e in at.error)
