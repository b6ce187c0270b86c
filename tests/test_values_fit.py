"""What matters to the patient: fit marks, the comparison table, pictures of 100 people,
decision role and the SURE check after the summary (issue 4).

Expectations are drawn from the content (labels, frequencies, wording in ui.yaml), never
hard-coded outputs, so they hold when an editor changes the words.
"""
import base64
import html
import io
import re
import shutil

import pypdf
import pytest
import yaml

from decision_aid.content import CONTENT_DIR, ContentError, load_content
from decision_aid.dictionary import FIELDS, SURE_IDS
from decision_aid.export_markdown import to_markdown
from decision_aid.export_pdf import to_pdf
from decision_aid.summary import build_summary
from walk import answer, click, open_app, texts

HER2_FIRST_LINE = {   # one tumor, for two patients with different values
    "urgent_symptoms": ["none"], "recurrence_type": "distant", "metastatic_sites": ["bone", "lung"],
    "recurrence_timing": "more_than_12_months_after", "hr_status": "positive", "her2_status": "positive",
    "prior_treatments": ["surgery", "taxane", "trastuzumab_or_pertuzumab"], "metastatic_lines": "none_yet",
    "sex": "female", "menopausal_status": "postmenopausal",
}
QUALITY_PILLS = {"priority_balance": "5", "side_effect_concerns": ["hair_loss"],
                 "route_preference": "pills_at_home", "visit_burden": "as_few_visits_as_possible",
                 "decision_role": "team_decides"}
LENGTH_CLINIC = {"priority_balance": "1", "side_effect_concerns": ["neuropathy", "diarrhea"],
                 "route_preference": "infusions_in_clinic", "visit_burden": "visits_not_a_concern",
                 "decision_role": "i_decide"}
TRIPLE_NEGATIVE_PD_L1 = {
    "recurrence_type": "distant", "metastatic_sites": ["liver"], "recurrence_timing": "more_than_12_months_after",
    "hr_status": "negative", "her2_status": "zero", "biomarkers": ["pd_l1_positive"],
    "prior_treatments": ["surgery", "anthracycline"], "metastatic_lines": "none_yet",
}
TAXANE_BASED = ("her2_first_line", "chemotherapy", "immunotherapy_chemo")


def said(content, key):
    return content.text(key)


def grid(summary):
    """The options-discussed-now comparison of the summary's document."""
    return next(b for sec in summary.document for b in sec.blocks if b.kind == "comparison")


def marked_ids(summary):
    return {r.id for r in grid(summary).rows if r.marked}


def option(summary, fam_id):
    return next(o for o in summary.options if o.id == fam_id)


def neuropathy_frequency(content, fam_id):
    """The frequency words the option's own content gives for nerve damage, or None."""
    freqs = [s.frequency for s in content.options[fam_id].side_effects if s.concern == "neuropathy"]
    order = ("very_common", "common", "uncommon", "rare")
    return content.text(f"frequency.{min(freqs, key=order.index)}") if freqs else None


# --- fit with what matters ------------------------------------------------------------

def test_a_patient_who_fears_nerve_damage_sees_it_flagged_on_taxane_based_options(content):
    worry = said(content, "summary_headings.you_said_worry")
    nerve = said(content, "fit.concern_names.neuropathy")
    for tumor in (HER2_FIRST_LINE, TRIPLE_NEGATIVE_PD_L1):
        s = build_summary({**tumor, "side_effect_concerns": ["neuropathy"]}, content)
        md = to_markdown(s)
        for o in s.options:
            line = next(x for x in o.fit if x.startswith(nerve))
            assert worry in line
            level = neuropathy_frequency(content, o.id)
            if level:   # the content names it: its own frequency word, and the side effect is flagged
                assert level in line
                assert any(e.worries_patient and e.concern == "neuropathy" for e in o.side_effects)
            elif content.options[o.id].concerns.get("neuropathy") == "not_expected":
                assert content.text("fit.not_expected") in line
            else:       # never "not common" without the content saying so: ask the team
                assert content.text("fit.unknown") in line
        flagged = {o.id for o in s.options if neuropathy_frequency(content, o.id)}
        assert flagged & set(TAXANE_BASED), [o.id for o in s.options]
        assert all(f"- {x}" in md for o in s.options for x in o.fit if x.startswith(nerve))
    listed = {o.id for t in (HER2_FIRST_LINE, TRIPLE_NEGATIVE_PD_L1) for o in build_summary(t, content).options}
    assert set(TAXANE_BASED) <= listed, "the vignette needs the three taxane-based options listed"


def test_two_patients_with_the_same_tumor_see_different_emphasis_but_the_same_options(content):
    a = build_summary({**HER2_FIRST_LINE, **QUALITY_PILLS}, content)
    b = build_summary({**HER2_FIRST_LINE, **LENGTH_CLINIC}, content)
    # the same options in the same order: values never rank or filter
    assert [o.id for o in a.options] == [o.id for o in b.options]
    assert [o.id for o in a.options] == [o.id for o in build_summary(HER2_FIRST_LINE, content).options]
    for oa, ob in zip(a.options, b.options):
        assert oa.fit != ob.fit
        assert any(said(content, "fit.said_route.pills_at_home") in x for x in oa.fit)
        assert any(said(content, "fit.said_route.infusions_in_clinic") in x for x in ob.fit)
    assert marked_ids(a) == {"how_given", "visits", "hair_loss", "daily_life"}
    assert marked_ids(b) == {"how_given", "neuropathy", "diarrhea"}
    assert a.questions_intro != b.questions_intro


def test_route_marks_follow_the_options_own_route(content):
    s = build_summary({**HER2_FIRST_LINE, "route_preference": "pills_at_home"}, content)
    for o in s.options:
        route = content.options[o.id].how_given.route
        mark = o.fit[0]
        expected = {"pills_at_home": "match", "pills_and_infusion": "partly", "varies": "ask"}.get(route, "differs")
        head = content.text(f"fit.route.pills_at_home.{expected}",
                            how=content.text(f"fit.route_how.{route}"))
        assert mark.startswith(head), (o.id, mark)


def test_fit_marks_are_never_scores_and_always_say_why(content):
    answers = {**HER2_FIRST_LINE, **QUALITY_PILLS, "side_effect_concerns": list(FIELDS["side_effect_concerns"].values[:-1])}
    s = build_summary(answers, content)
    said_words = [content.text("summary_headings.you_said_worry")]
    said_words += [v for k in ("said_route", "said_visits", "said_priority") for v in content.ui["fit"][k].values()]
    for o in s.options:
        assert o.fit
        for line in o.fit:
            assert any(w in line for w in said_words), line          # tied to what the patient said
            assert "%" not in line and "score" not in line.lower() and "rank" not in line.lower()


def test_no_values_no_marks(content):
    s = build_summary(HER2_FIRST_LINE, content)
    assert all(o.fit == [] for o in s.options)
    assert marked_ids(s) == set()
    assert s.what_matters == []


def test_not_common_is_said_only_where_the_content_says_so(content):
    worries = [c for c in FIELDS["side_effect_concerns"].values if c != "none"]
    s_all = [build_summary({**t, "side_effect_concerns": worries}, content)
             for t in (HER2_FIRST_LINE, TRIPLE_NEGATIVE_PD_L1,
                       {"recurrence_type": "local_regional", "hr_status": "positive", "her2_status": "zero"})]
    for s in s_all:
        for o in s.options:
            fam = content.options[o.id]
            for c in o.concerns:
                named = any(e.concern == c.id for e in fam.side_effects)
                if c.level == content.text("fit.not_expected"):
                    assert fam.concerns.get(c.id) == "not_expected", (o.id, c.id)
                if not named and c.id not in fam.concerns:
                    assert not c.known and c.level == content.text("fit.unknown"), (o.id, c.id)


def test_a_concern_said_twice_in_an_option_is_refused(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    path = root / "options" / "chemotherapy.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["concerns"] = {"neuropathy": "rare"}      # the side effects already say very common
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError, match="chemotherapy.*concerns"):
        load_content(root)


# --- the comparison table ----------------------------------------------------------------

def test_comparison_sets_the_alternatives_side_by_side_and_what_goes_alongside_apart(content):
    s = build_summary({**HER2_FIRST_LINE, "metastatic_sites": ["bone"], "side_effect_concerns": ["diarrhea", "neuropathy"]},
                      content)
    g = grid(s)
    alongside = [o for o in s.options if content.options[o.id].alongside_when.holds({**HER2_FIRST_LINE, "metastatic_sites": ("bone",),
                                                                                       "subtype": "her2_positive"})]
    assert {o.id for o in alongside} >= {"bone_modifying", "clinical_trial", "palliative_supportive_care"}
    assert [c.id for c in g.columns] == [o.id for o in s.options if o not in alongside]
    sheet_text = " ".join(line.text for sec in s.document if sec.id == "alongside" for b in sec.blocks
                          if b.kind == "list" for line in b.lines)
    assert all(o.title in sheet_text for o in alongside)
    ids = [r.id for r in g.rows]
    assert ids[:3] == ["how_given", "visits", "side_effects"]
    assert {"neuropathy", "diarrhea"} <= set(ids) and "nausea" not in ids   # only the worries she named
    assert "daily_life" not in ids                     # she did not say day-to-day life matters most
    assert g.question == s.headings["comparison_question"]
    for k, c in enumerate(g.columns):
        o = option(s, c.id)
        assert g.rows[ids.index("how_given")].cells[k] == o.route
        assert g.rows[ids.index("neuropathy")].cells[k] == next(x.level for x in o.concerns if x.id == "neuropathy")
        assert all(r.cells[k] for r in g.rows)


def test_comparison_rows_the_patient_named_are_marked_in_words(content):
    s = build_summary({**HER2_FIRST_LINE, "side_effect_concerns": ["diarrhea"]}, content)
    worry = content.text("summary_headings.you_said_worry")
    marked = [r for r in grid(s).rows if r.marked]
    assert [r.id for r in marked] == ["diarrhea"]
    assert marked[0].label.startswith("★") and worry in marked[0].label
    assert content.text("fit.concern_names.diarrhea") in marked[0].label
    assert not any(r.label.startswith("★") or worry in r.label for r in grid(s).rows if not r.marked)


def test_no_options_discussed_now_says_so_instead_of_an_empty_table(content):
    s = build_summary({"recurrence_type": "unsure"}, content)
    assert all(o.alongside for o in s.options)         # only what goes alongside any treatment
    sheet = next(sec for sec in s.document if sec.id == "options_now")
    assert [b.kind for b in sheet.blocks] == ["paragraph"]
    assert sheet.blocks[0].text == content.text("sheet.options_none")
    assert content.text("sheet.options_none") in to_markdown(s)


def test_markdown_and_pdf_carry_the_table_what_matters_and_the_role_wording(content):
    s = build_summary({**HER2_FIRST_LINE, **LENGTH_CLINIC}, content)
    md = to_markdown(s)
    assert f"## {content.text('sheet.options_now')}" in md and f"## {content.text('sheet.what_matters')}" in md
    for r in grid(s).rows:
        if r.marked:
            assert f"**{r.label}**" in md
    assert s.questions_intro in md
    read = lambda data: " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages).split())  # noqa: E731
    short, full = read(to_pdf(s)), read(to_pdf(s, full=True))
    assert content.text("sheet.options_now") in short
    assert "★" in short and content.text("fit.concern_names.diarrhea") in short
    assert content.text("sheet.what_matters") not in short and content.text("sheet.what_matters") in full
    assert " ".join(s.questions_intro.split()) in full


# --- decision role and questions to ask ------------------------------------------------------

def test_decision_role_shapes_the_questions_to_ask(content):
    intros, asks = {}, {}
    for role in (*FIELDS["decision_role"].values, None):
        answers = {**HER2_FIRST_LINE, **({"decision_role": role} if role else {})}
        s = build_summary(answers, content)
        intros[role], asks[role] = s.questions_intro, set(s.questions_to_ask)
    assert len(set(intros.values())) == 4
    for role in FIELDS["decision_role"].values:
        own = {a.text for a in content.ask if a.show_when.raw == {"decision_role": role}}
        assert own and own <= asks[role] and not own & asks[None]


# --- in the app ------------------------------------------------------------------------

def _summary_screen(at, open_details: bool = True):
    """The summary page; with `open_details`, every option's details opened, as taps would."""
    at.switch_page("pages/summary.py").run()
    assert not at.exception, at.exception
    if open_details:
        at.session_state["show_details"] = True   # the list of details, one tap away
        at.run()
        for k in {k for e in at.expander for k in re.findall(r"-(details_option_[a-z0-9_]+)$", e.proto.id)}:
            at.session_state[k] = True
        at.run()
        assert not at.exception, at.exception
    return texts(at)


def _values_step(at, content):
    n = next(i for i, s in enumerate(content.questions.steps) if any(q.id == "route_preference" for q in s.questions))
    at.session_state["step"] = n
    at.switch_page("pages/questions.py").run()
    assert not at.exception


def _marked_rows(at):
    """The ★ rows of the comparison, checked to be the rows tinted on screen too (table and cards)."""
    body = next(h.proto.body for h in at.get("html") if "cmp-table" in h.proto.body)
    rows = re.findall(r'<tr class="([^"]*)"><th scope="row">([^<]+)</th>', body)
    marked = {html.unescape(label) for cls, label in rows if label.startswith("★")}
    assert marked == {html.unescape(label) for cls, label in rows if cls == "cmp-marked"}
    cards = {html.unescape(label) for label in re.findall(r'<dt class="cmp-marked">([^<]+)</dt>', body)}
    # a phone card names the marked row with its ★ only (the ★ legend is above the cards)
    assert len(cards) == len(marked) and all(c.startswith("★") for c in cards)
    assert all(any(m.startswith(c) for m in marked) for c in cards)
    return marked


def test_changing_a_preference_changes_the_fit_marks_and_highlights_on_the_summary(content):
    at = open_app()
    at.session_state["answers"] = {**HER2_FIRST_LINE, "route_preference": "pills_at_home",
                                   "side_effect_concerns": ("hair_loss",)}
    before = _summary_screen(at)
    pills = content.text("fit.said_route.pills_at_home")
    clinic = content.text("fit.said_route.infusions_in_clinic")
    hair = content.text("fit.concern_names.hair_loss")
    nerve = content.text("fit.concern_names.neuropathy")
    assert pills in before and clinic not in before
    assert any(hair in r for r in _marked_rows(at)) and not any(nerve in r for r in _marked_rows(at))

    _values_step(at, content)
    answer(at, content, "route_preference", "infusions_in_clinic")
    answer(at, content, "side_effect_concerns", ["neuropathy"])
    after = _summary_screen(at)
    assert clinic in after and pills not in after
    rows = _marked_rows(at)
    assert any(nerve in r for r in rows) and not any(hair in r for r in rows)
    # the fit box of a taxane-based option now names nerve damage with the worry mark
    box = next(m.value for m in at.markdown if m.value.startswith(f"**{content.text('summary_headings.fit')}")
               and nerve in m.value)
    assert content.text("summary_headings.you_said_worry") in box


def test_the_balance_is_a_scale_that_can_be_left_unanswered(content):
    at = open_app()
    at.session_state["answers"] = {"recurrence_type": "distant"}
    _values_step(at, content)
    q = next(q for s in content.questions.steps for q in s.questions if q.id == "priority_balance")
    scale = at.button_group(key="q_priority_balance")
    assert scale.options == [c.value for c in q.choices]               # 1 to 5, nothing chosen
    assert scale.value is None
    ends = " ".join(h.value for h in at.html)
    assert q.choices[0].label in ends and q.choices[-1].label in ends   # the two ends in words
    answer(at, content, "priority_balance", "4")
    assert at.session_state["answers"]["priority_balance"] == "4"
    assert q.choices[3].label in texts(at)                               # the choice in words
    answer(at, content, "priority_balance", None)                        # pressed again: cleared
    assert "priority_balance" not in at.session_state["answers"]


def test_pictures_of_100_people_have_a_text_alternative(content):
    at = open_app()
    answers = {**HER2_FIRST_LINE, "metastatic_sites": ["bone"]}
    at.session_state["answers"] = answers
    _summary_screen(at)
    counted = [e.about_n_in_100 for o in build_summary(answers, content).options
               for e in o.side_effects if e.about_n_in_100 is not None]
    assert counted
    pictures = " ".join(h.value for h in at.html)
    drawn = {}   # alt text -> the picture (an SVG in a data URL)
    for data, alt in re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', pictures):
        drawn[alt] = base64.b64decode(data).decode()
    for n in counted:
        alt = content.text("summary_page.picture_alt", n=n)
        assert f'alt="{alt}"' in pictures
        assert content.text("summary_headings.picture_caption", n=n) in pictures
        svg = drawn[alt]       # 100 people, the first n filled, in reading order
        marks = re.findall(r'href="#([fo])"', svg)
        assert marks == ["f"] * n + ["o"] * (100 - n)


def test_sure_is_asked_again_after_the_summary_and_a_no_becomes_a_thing_to_talk_through(content):
    at = open_app()
    at.session_state["answers"] = {**HER2_FIRST_LINE, **{q: "yes" for q in SURE_IDS}}
    screen = _summary_screen(at)
    heading = content.text("sheet.talk_through")
    assert content.text("sure_again.heading") in screen and heading not in screen
    assert content.text("sure_again.intro") not in screen          # one tap away: folded
    at.session_state["sure_again_open"] = True                     # opened, as a tap would
    at.run()
    screen = texts(at)
    assert content.text("sure_again.all_yes") in screen
    assert all(at.radio(key=f"sure_after_{q}").value == "yes" for q in SURE_IDS)   # seeded from the answers
    at.radio(key="sure_after_sure_support").set_value("no")
    at.button(key="sure_again_save").click().run()
    assert not at.exception
    screen = texts(at)
    assert at.session_state["answers"]["sure_support"] == "no"
    assert content.text("sure_again.saved") in screen
    assert heading in screen and content.text("sure_talk.sure_support") not in screen   # her answer, folded
    at.session_state["fold_talk_through"] = True                   # opened, as a tap would
    at.run()
    assert content.text("sure_talk.sure_support") in texts(at)
    # the same answer shows on the "How sure do you feel?" step
    n = next(i for i, s in enumerate(content.questions.steps) if any(q.id == "sure_support" for q in s.questions))
    at.session_state["step"] = n
    at.switch_page("pages/questions.py").run()
    assert at.radio(key="q_sure_support").value == "no"
