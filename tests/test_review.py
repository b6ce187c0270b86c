"""Sign-off by the center's clinicians: review fields, the 12-month rule, what the app shows."""
import datetime as dt
import io
import shutil

import pytest
import yaml
from pypdf import PdfReader

from decision_aid.cli import main
from decision_aid.content import CONTENT_DIR, ContentError, load_content, review_due_on
from decision_aid.content_checks import check_all
from decision_aid.export_markdown import to_markdown
from decision_aid.export_pdf import to_pdf
from decision_aid.summary import build_summary

SIGNED_ON = dt.date.today()          # content never carries a date after today (test_content)
NAME = "Dr. Ana Ruiz, medical oncology"
# a patient for whom endocrine_plus_cdk46 is listed now (first line, HR-positive, HER2-zero)
PATIENT = {"recurrence_type": "distant", "metastatic_sites": ["bone"], "hr_status": "positive",
           "her2_status": "zero", "metastatic_lines": "none_yet", "prior_treatments": ["surgery"]}
LISTS = ("cautions.yaml", "tests.yaml", "support.yaml", "situation.yaml", "missing.yaml",
         "trials.yaml", "questions_to_ask.yaml")


def pdf_text(data: bytes) -> str:
    """The PDF's text read back, with line breaks as spaces."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    return root


def edit(root, rel, change):
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in data if isinstance(data, list) else [data]:
        change(item)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def sign(item, by=NAME, on=SIGNED_ON):
    item.update(review_status="reviewed", reviewed_by=by, reviewed_on=on)
    item["last_reviewed"] = min(item["last_reviewed"], on)


@pytest.mark.parametrize("fields, missing", [
    ({"reviewed_on": SIGNED_ON}, "reviewed_by"),
    ({"reviewed_by": "  ", "reviewed_on": SIGNED_ON}, "reviewed_by"),
    ({"reviewed_by": NAME}, "reviewed_on"),
])
def test_reviewed_without_name_or_date_is_refused(root, fields, missing, capsys):
    edit(root, "options/oral_serd.yaml", lambda d: d.update(review_status="reviewed", **fields))
    with pytest.raises(ContentError) as e:
        load_content(root)
    assert "options/oral_serd.yaml" in str(e.value) and missing in str(e.value)
    assert main(["validate-content", "--content", str(root)]) == 2
    err = capsys.readouterr().err
    assert "oral_serd" in err and missing in err


def test_review_due_cannot_be_written_by_hand(root):
    edit(root, "tests.yaml", lambda d: d.update(review_status="review_due"))
    with pytest.raises(ContentError, match="review_due"):
        load_content(root)


def test_a_signed_option_shows_who_reviewed_it_until_12_months_have_passed(root):
    edit(root, "options/endocrine_plus_cdk46.yaml", sign)
    content = load_content(root, today=SIGNED_ON)
    summary = build_summary(PATIENT, content)
    option = next(o for o in summary.options if o.id == "endocrine_plus_cdk46")
    line = content.text("summary.reviewed_line", name=NAME, date=content.language_info.date(SIGNED_ON))
    assert option.review_line == line and NAME in line
    assert line in to_markdown(summary)
    assert line in pdf_text(to_pdf(summary))
    assert all(o.review_line is None for o in summary.options if o.id != "endocrine_plus_cdk46")
    assert summary.draft_notice                        # other items are still drafts
    assert check_all(content, root, today=SIGNED_ON) == []

    # 12 months on, the sign-off runs out (the drafts beside it are reported as stale anyway)
    due = review_due_on(SIGNED_ON)
    day_before = due - dt.timedelta(days=1)
    before = load_content(root, today=day_before)
    assert before.options["endocrine_plus_cdk46"].review_status == "reviewed"
    assert not [p for p in check_all(before, root, today=day_before) if "endocrine_plus_cdk46" in p]
    late = load_content(root, today=due)
    assert late.options["endocrine_plus_cdk46"].review_status == "review_due"
    option = next(o for o in build_summary(PATIENT, late).options if o.id == "endocrine_plus_cdk46")
    assert option.review_line is None
    problems = check_all(late, root, today=due)
    assert [p for p in problems if "review due" in p] == [p for p in problems if "endocrine_plus_cdk46" in p]
    assert len([p for p in problems if "review due" in p]) == 1
    assert any(p.startswith("options/endocrine_plus_cdk46.yaml: endocrine_plus_cdk46: review due") and NAME in p
               for p in problems)


def test_an_item_changed_after_its_review_is_due_again(root):
    edit(root, "cautions.yaml", sign)
    edit(root, "cautions.yaml", lambda d: d.update(last_reviewed=SIGNED_ON + dt.timedelta(days=1))
         if d["id"] == "neuropathy_nerve_damage" else None)
    today = SIGNED_ON + dt.timedelta(days=2)
    content = load_content(root, today=today)
    status = {c.id: c.review_status for c in content.cautions}
    assert status.pop("neuropathy_nerve_damage") == "review_due"
    assert set(status.values()) == {"reviewed"}
    problems = check_all(content, root, today=today)
    assert [p for p in problems if "review due" in p] == \
        [p for p in problems if "cautions.yaml: neuropathy_nerve_damage:" in p and "changed after" in p]
    assert len([p for p in problems if "review due" in p]) == 1


def test_the_draft_notice_goes_only_when_every_item_is_signed(root):
    for path in (root / "options").glob("*.yaml"):
        edit(root, f"options/{path.name}", sign)
    for rel in (*LISTS, "urgent.yaml"):
        edit(root, rel, sign)
    signed = build_summary(PATIENT, load_content(root, today=SIGNED_ON))
    assert signed.draft_notice is None
    assert all(o.review_line for o in signed.options)
    edit(root, "support.yaml", lambda d: d.update(review_status="draft"))
    assert build_summary(PATIENT, load_content(root, today=SIGNED_ON)).draft_notice
    # and a year on, every sign-off has run out: the notice is back
    assert build_summary(PATIENT, load_content(root, today=review_due_on(SIGNED_ON))).draft_notice


def _summary_page(root: str, today: str, patient: dict) -> None:
    """The summary as the page draws it, from the content in `root` (run by AppTest)."""
    import datetime as dt
    from pathlib import Path

    from decision_aid.content import load_content
    from decision_aid.summary import build_summary
    from ui import summary_view

    content = load_content(Path(root), today=dt.date.fromisoformat(today))
    # no links to the center's page here: this bare script has no other pages to link to
    content = content.model_copy(update={"settings": content.settings.model_copy(update={"site_links": {}})})
    summary_view.render(build_summary(patient, content), "Show the details")


def test_the_summary_page_shows_the_review_line_of_a_signed_option(root):
    from streamlit.testing.v1 import AppTest
    edit(root, "options/endocrine_plus_cdk46.yaml", sign)
    signed = load_content(root)
    line = signed.text("summary.reviewed_line", name=NAME, date=signed.language_info.date(SIGNED_ON))
    at = AppTest.from_function(_summary_page, args=(str(root), SIGNED_ON.isoformat(), PATIENT), default_timeout=30)
    at.session_state["show_details"] = True
    at.session_state["details_option_endocrine_plus_cdk46"] = True    # its details opened, as taps would
    at.run()
    assert not at.exception
    assert any(line in m.value for m in [*at.markdown, *at.caption])   # under the option's details
    assert any(i.value == load_content(root).text("summary.draft_notice") for i in at.info)
