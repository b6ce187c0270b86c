"""The summary as one document: the discussion sheet first, the details on demand (issue 14).

Expectations come from the content (labels, settings, rules), never hard-coded outputs."""
import pytest

from decision_aid.answers import facts
from decision_aid.export_markdown import to_markdown
from decision_aid.summary import answer_text, build_summary
from patients import DISTANT_HR_POSITIVE
from walk import open_app, texts

HER2_LOW_DIABETES = {   # the patient of the issue: HR-positive, HER2-low, bone and liver, diabetes
    "recurrence_type": "distant", "metastatic_sites": ["bone", "liver"], "hr_status": "positive",
    "her2_status": "low", "biomarkers": ["not_tested"], "prior_treatments": ["surgery", "aromatase_inhibitor"],
    "metastatic_lines": "none_yet", "recurrence_timing": "more_than_12_months_after",
    "sex": "female", "menopausal_status": "postmenopausal", "conditions": ["diabetes"],
    "own_questions": "Can I keep working?", "sure_certain": "no",
}


def section(s, sid):
    return next(sec for sec in s.document if sec.id == sid)


def sheet_text(s) -> str:
    out = []
    for sec in s.document:
        if sec.layer == "sheet":
            for b in sec.blocks:
                out += [getattr(b, "text", "")]
                out += [f"{x.label}: {x.text}" for x in b.lines] if b.kind == "list" else []
                out += [c.title for c in getattr(b, "columns", [])]
    return "\n".join(out)


def test_the_sheet_says_her_facts_in_her_own_answers_words(content):
    s = build_summary(HER2_LOW_DIABETES, content)
    text = sheet_text(s)
    for qid in ("her2_status", "conditions", "hr_status", "metastatic_sites"):
        assert answer_text(content, qid, tuple(HER2_LOW_DIABETES[qid]) if isinstance(HER2_LOW_DIABETES[qid], list)
                           else HER2_LOW_DIABETES[qid]) in text, qid
    assert content.text("subtypes.hr_positive_her2_negative") not in text      # not the derived words
    for o in s.options:                  # why an option is shown: in her HER2 words, not the derived type
        assert content.text("subtypes.hr_positive_her2_negative") not in o.why_shown
    assert content.text("sheet.for_a_man") not in text
    man = build_summary({**HER2_LOW_DIABETES, "sex": "male"}, content)
    assert content.text("sheet.for_a_man") in sheet_text(man)


def test_what_is_not_known_is_one_line_of_the_sheet(content):
    s = build_summary({**HER2_LOW_DIABETES, "her2_status": "unsure", "recurrence_biopsied": "unsure"}, content)
    assert s.missing
    line = next(x for x in section(s, "facts").blocks[-1].lines if x.label == content.text("sheet.not_known"))
    assert all(i.title in line.text for i in s.missing)


def test_tests_not_yet_done_are_not_called_nothing_flagged(content):
    """A patient who has had no tumor tests is not told that nothing is unknown: the line
    counts the tests to ask about, which the details name."""
    s = build_summary({**HER2_LOW_DIABETES, "biomarkers": ["not_tested"]}, content)
    assert s.tests_to_ask and not s.missing
    line = next(x for x in section(s, "facts").blocks[-1].lines if x.label == content.text("sheet.not_known"))
    assert line.text != content.text("sheet.not_known_none")
    assert str(len(s.tests_to_ask)) in line.text and s.headings["tests"] in line.text


def test_the_alternatives_side_by_side_and_what_goes_alongside_apart(content):
    s = build_summary(HER2_LOW_DIABETES, content)
    f = facts({k: tuple(v) if isinstance(v, list) else v for k, v in HER2_LOW_DIABETES.items()})
    grid = next(b for b in section(s, "options_now").blocks if b.kind == "comparison")
    for o in s.options:
        assert o.alongside == content.options[o.id].alongside_when.holds(f)
    assert [c.id for c in grid.columns] == [o.id for o in s.options if not o.alongside]
    alongside = " ".join(line.text for line in section(s, "alongside").blocks[-1].lines)
    assert {"bone_modifying", "clinical_trial", "palliative_supportive_care"} <= {o.id for o in s.options if o.alongside}
    assert all(o.title in alongside for o in s.options if o.alongside)
    # radiation is a treatment in itself for a local-regional recurrence, not something alongside
    local = build_summary({"recurrence_type": "local_regional", "hr_status": "positive"}, content)
    assert not next(o for o in local.options if o.id == "local_radiation").alongside


def test_the_sheet_has_about_five_questions_to_ask_chosen_by_her_answers(content):
    s = build_summary(HER2_LOW_DIABETES, content)
    asked = [x.text for x in section(s, "ask").blocks[0].lines]
    assert len(asked) == content.settings.sheet.questions
    order = {content.ask[k].text: k for k in range(len(content.ask))}
    first = [a.id for a in content.ask]
    priority = [i for i in content.settings.sheet.ask_first
                if content.ask[first.index(i)].show_when.holds(facts({**HER2_LOW_DIABETES, "biomarkers": ("not_tested",)}))]
    assert [order[q] for q in asked] == [first.index(i) for i in priority[:len(asked)]]
    assert set(asked) <= set(s.questions_to_ask)        # all of them are in the details too
    role = build_summary({**HER2_LOW_DIABETES, "decision_role": "team_decides"}, content)
    assert [x.text for x in section(role, "ask").blocks[0].lines] != asked   # her answers change the choice


def test_one_order_sheet_first_ids_unique_and_references_numbered_once(content):
    s = build_summary(DISTANT_HR_POSITIVE, content)
    layers = [sec.layer for sec in s.document]
    assert layers == sorted(layers, key=["sheet", "details"].index)            # the sheet, then the details
    ids = [sec.id for sec in s.document] + [b.id for sec in s.document for b in sec.blocks]
    assert len(ids) == len(set(ids))
    refs = [x for b in section(s, "references").blocks for x in b.lines]
    assert [x.label for x in refs] == [f"[{n}]" for n in range(1, len(refs) + 1)]
    assert len({x.url for x in refs}) == len(refs)
    urls = {x.url: x.label for x in refs}
    for o in s.options:                  # each option cites its sources by their numbers
        cites = section(s, f"option_{o.id}").blocks[-1].text
        assert all(urls[x.url] in cites for x in o.sources)


def test_urgent_notice_opens_the_document(content):
    s = build_summary({**HER2_LOW_DIABETES, "urgent_symptoms": ["fever_or_chills_during_treatment"]}, content)
    assert s.document[0].id == "urgent" and s.urgent_notice in s.document[0].blocks[0].text
    md = to_markdown(s)
    assert md.index(s.urgent_notice) < md.index(content.text("sheet.facts"))


@pytest.mark.parametrize("answers", [HER2_LOW_DIABETES, DISTANT_HR_POSITIVE], ids=["her2-low", "distant"])
def test_the_page_draws_the_sheet_and_leaves_closed_details_undrawn(content, answers):
    at = open_app()
    at.session_state["answers"] = {k: tuple(v) if isinstance(v, list) else v for k, v in answers.items()}
    at.switch_page("pages/summary.py").run()
    assert not at.exception
    screen = texts(at)
    s = build_summary(answers, content)
    for o in s.options:
        assert o.title in screen
    assert answers["own_questions"] in screen
    main = next(o for o in s.options if not o.alongside)
    assert main.what_it_is not in screen                                   # its details: not drawn
    # her facts (she has just checked them) are one tap away; the draft notice stays in view
    fact = section(s, "facts").blocks[-1].lines[0].text
    assert fact not in screen and (not s.draft_notice or s.draft_notice in screen)
    at.session_state["fold_facts"] = True
    at.run()
    assert fact in texts(at)
    assert not [e for e in at.expander if "details_option_" in e.proto.id]   # the list: one tap away
    at.session_state["show_details"] = True
    at.run()
    assert main.what_it_is not in texts(at)
    at.session_state[f"details_option_{main.id}"] = True                   # opened, as a tap would
    at.run()
    assert main.what_it_is in texts(at)
    # Save and the PDF come right after her facts, before the options
    keys = [e.proto.id for e in at.get("download_button")] + [b.proto.id for b in at.button]
    assert any("save_answers_summary" in k for k in keys) and any("download_pdf_prepare" in k for k in keys)


def test_with_many_options_the_short_pdf_keeps_what_each_is_and_its_cautions(content):
    """More options discussed now than settings.yaml gives whole details to in the short PDF:
    each keeps what it is, its warnings and cautions; the rest is marked for the full PDF only."""
    many = {"recurrence_type": "both", "metastatic_sites": ["liver"], "hr_status": "positive",
            "her2_status": "low", "biomarkers": ["esr1"], "prior_treatments": ["tamoxifen"],
            "metastatic_lines": "one", "chemo_lines_for_spread": "one", "sex": "female",
            "menopausal_status": "postmenopausal"}
    s = build_summary(many, content)
    main = [o for o in s.options if not o.alongside]
    assert len(main) > content.settings.sheet.pdf_whole_details
    for o in main:
        sec = section(s, f"option_{o.id}")
        assert sec.in_short_pdf
        kept = {b.id for b in sec.blocks if not getattr(b, "full_only", False)}
        assert f"{o.id}_what" in kept and (not o.cautions or f"{o.id}_cautions" in kept)
        assert f"{o.id}_side_effects" not in kept and f"{o.id}_tell_team" not in kept
    few = build_summary(HER2_LOW_DIABETES, content)
    for o in (o for o in few.options if not o.alongside):
        kept = {b.id for b in section(few, f"option_{o.id}").blocks if not getattr(b, "full_only", False)}
        assert {f"{o.id}_side_effects", f"{o.id}_tell_team"} <= kept
