"""AppTest walks of the whole flow, as three different patients and more."""
import pytest
import yaml

from decision_aid.answers import clean, facts
from decision_aid.summary import build_summary
from patients import DISTANT_HR_POSITIVE, LOCAL_REGIONAL, MAN_HER2_POSITIVE
from streamlit.testing.v1 import AppTest

from walk import APP, answer, click, open_app, open_review_folds, texts, visible_questions, walk

def _summary_titles(content, answers):
    return [o.title for o in build_summary(answers, content).options]


@pytest.mark.parametrize("patient, not_asked", [
    (DISTANT_HR_POSITIVE, []),
    (LOCAL_REGIONAL, ["metastatic_sites"]),
    (MAN_HER2_POSITIVE, ["menopausal_status"]),
], ids=["distant-hr-positive", "local-regional-only", "man-her2-positive"])
def test_three_patients_walk_the_whole_flow(content, patient, not_asked):
    at = open_app()
    shown = walk(at, content, patient)
    asked = {q for qs in shown.values() for q in qs}
    for qid in not_asked:
        assert qid not in asked, f"{qid} should not be asked"
    # review page: one line per step, how many answers, and Change; each step's answers one tap away
    screen = texts(at)
    assert "Check your answers" in screen
    f = facts(clean(patient))
    for step in content.questions.steps:
        n = len([q for q in step.questions if q.id in patient and q.show_when.holds(f)])
        count = content.text("review.count_one") if n == 1 else content.text("review.count", n=n)
        assert f"**{step.title}**" in screen
        if n:
            fold = next(e for e in at.expander if e.proto.id.endswith(f"-fold_review_{step.id}"))
            assert fold.label == count and any(b.key == f"change_step_{step.id}" for b in at.button)
    for qid in patient:
        assert not any(b.key == f"change_{qid}" for b in at.button), "answers folded until opened"
    screen = texts(open_review_folds(at, content))
    for qid, value in patient.items():
        q = next(q for s in content.questions.steps for q in s.questions if q.id == qid)
        first = value[0] if isinstance(value, list) else value
        label = (q.short or q.label) if q.widget == "text" else next(c.label for c in q.choices if c.value == first)
        assert label in screen, f"review page misses the answer to {qid}"
        assert any(b.key == f"change_{qid}" for b in at.button)
    assert at.session_state["answers"]["recurrence_type"] == patient["recurrence_type"]
    click(at, "see_summary")
    screen = texts(at)
    for title in _summary_titles(content, patient):
        assert title in screen
    assert build_summary(patient, content).disclaimer.split(".")[0] in screen


def test_back_keeps_answers_and_skipping_moves_on(content):
    at = open_app()
    click(at, "begin")
    ids = [s.id for s in content.questions.steps]
    answer(at, content, "urgent_symptoms", ["none"])
    for _ in range(ids.index("recurrence")):
        click(at, "next")
    answer(at, content, "recurrence_type", "distant")
    click(at, "next")                       # biology: skipped entirely
    assert "hr_status" in visible_questions(at)
    click(at, "next")
    click(at, "back")
    click(at, "back")
    assert at.radio(key="q_recurrence_type").value == "distant"
    for _ in range(ids.index("recurrence")):
        click(at, "back")
    assert at.checkbox(key="q_urgent_symptoms__none").value is True
    assert "hr_status" not in at.session_state["answers"]


def test_conditional_question_disappears_when_it_stops_applying(content):
    at = open_app()
    at.session_state["step"] = [s.id for s in content.questions.steps].index("health")
    at.switch_page("pages/questions.py").run()
    q = next(q for s in content.questions.steps for q in s.questions if q.id == "menopausal_status")
    label = f"**{q.short or q.label}:**"      # how the review page names the answer
    assert "menopausal_status" in visible_questions(at)
    answer(at, content, "menopausal_status", "premenopausal")
    at.switch_page("pages/review.py").run()
    assert label in texts(open_review_folds(at, content))   # answered, so on the review page
    at.session_state["step"] = [s.id for s in content.questions.steps].index("health")
    at.switch_page("pages/questions.py").run()
    answer(at, content, "sex", "male")
    assert "menopausal_status" not in visible_questions(at)
    at.switch_page("pages/review.py").run()
    assert label not in texts(open_review_folds(at, content))   # no longer asked, so no longer shown


def test_urgent_notice_appears_and_stays_on_every_page(content):
    """In full under the question where it was ticked; one short line with the same call links
    on every other page, what the symptom may mean one tap away."""
    at = open_app()
    click(at, "begin")
    assert not at.error
    answer(at, content, "urgent_symptoms", ["fever_or_chills_during_treatment"])
    notice = content.urgent.notice
    full = at.error[0].value
    assert notice in full and content.urgent.symptoms["fever_or_chills_during_treatment"][:40] in full
    assert "(tel:911)" in full
    assert len(at.error) == 1, "the whole warning once, not also at the top of the step"
    for page in ("pages/review.py", "pages/summary.py", "pages/learn.py", "pages/start.py"):
        at.switch_page(page).run()
        line = at.error[0].value
        assert notice in line and "(tel:911)" in line, f"no urgent line on {page}"
        assert content.urgent.symptoms["fever_or_chills_during_treatment"][:40] not in line
        assert len(line.split()) < 40, "one compact line, not a screenful"
        assert at.expander, "what it may mean, one tap away"


def test_urgent_call_link_uses_the_centers_number_once_set(content):
    from ui.urgent import call_links
    assert "tel:911" in call_links(content)
    assert content.text("urgent_banner.phone_missing") in call_links(content)
    ui = {**content.ui, "urgent_banner": {**content.ui["urgent_banner"], "phone": "1-555-010-0000"}}
    links = call_links(content.model_copy(update={"ui": ui}))
    assert "(tel:15550100000)" in links and "1-555-010-0000" in links


def test_none_of_these_and_a_symptom_exclude_each_other(content):
    at = open_app()
    click(at, "begin")
    answer(at, content, "urgent_symptoms", ["none"])
    answer(at, content, "urgent_symptoms", ["new_shortness_of_breath_or_chest_pain"])
    assert at.checkbox(key="q_urgent_symptoms__none").value is False
    assert at.session_state["answers"]["urgent_symptoms"] == ("new_shortness_of_breath_or_chest_pain",)
    answer(at, content, "urgent_symptoms", ["none"])
    assert at.checkbox(key="q_urgent_symptoms__new_shortness_of_breath_or_chest_pain").value is False
    assert at.session_state["answers"]["urgent_symptoms"] == ("none",)
    assert not at.error


def test_review_change_link_opens_the_right_step(content):
    at = open_app()
    at.session_state["answers"] = {"hr_status": "positive", "sex": "female"}
    at.switch_page("pages/review.py").run()
    open_review_folds(at, content)
    click(at, "change_hr_status")
    assert "hr_status" in visible_questions(at)
    assert at.radio(key="q_hr_status").value == "positive"
    # the step's own Change, on its one line: to the step, at its first question
    at.switch_page("pages/review.py").run()
    click(at, "change_step_biology")
    assert at.session_state["changing"] == "hr_status" and "hr_status" in visible_questions(at)


def test_skipped_questions_are_one_line_per_step_with_one_change(content):
    at = open_app()
    at.session_state["answers"] = {"hr_status": "positive", "sex": "female"}
    at.switch_page("pages/review.py").run()
    open_review_folds(at, content)
    biology = next(s for s in content.questions.steps if s.id == "biology")
    skipped = [q.short for q in biology.questions if q.id != "hr_status"]
    line = f"**{content.text('review.skipped')}:** " + "; ".join(skipped)
    assert line in [m.value for m in at.markdown]
    keys = [b.key for b in at.button]
    assert "change_hr_status" in keys and not any(f"change_{q.id}" in keys for q in biology.questions[1:])
    assert keys.count("change_skipped_biology") == 1
    click(at, "change_skipped_biology")              # to the step, at the first skipped question
    assert "her2_status" in visible_questions(at)
    assert at.session_state["changing"] == "her2_status"


def test_clear_my_answers_asks_first_then_empties_everything(content):
    at = open_app()
    at.session_state["answers"] = {"hr_status": "positive", "own_questions": "private words"}
    at.switch_page("pages/review.py").run()
    click(at, "clear_start")
    assert at.session_state["answers"]            # nothing cleared before confirming
    click(at, "clear_no")
    assert at.session_state["answers"]
    click(at, "clear_start")
    click(at, "clear_yes")
    assert at.session_state["answers"] == {}
    assert "private words" not in texts(at)
    at.switch_page("pages/review.py").run()
    assert "private words" not in texts(at)


def test_summary_page_shows_each_vignette(content):
    vignettes = yaml.safe_load(open("tests/data/vignettes_shared.yaml", encoding="utf-8"))
    for v in vignettes:
        at = open_app()
        at.session_state["answers"] = {k: tuple(x) if isinstance(x, list) else x for k, x in v["answers"].items()}
        at.switch_page("pages/summary.py").run()
        assert not at.exception
        screen = texts(at)
        for fam in v["expect"].get("options_include", []):
            assert content.options[fam].title in screen, (v["name"], fam)


def test_the_first_step_offers_to_save_the_answers_once_there_are_some_and_the_menu_every_step(content):
    at = open_app()
    click(at, "begin")

    def offered(key: str) -> bool:
        return any(key in b.proto.id for b in at.get("download_button"))
    assert not offered("save_answers_step") and not offered("save_answers")
    answer(at, content, "urgent_symptoms", ["none"])
    assert offered("save_answers_step"), "on the first step, under Next, once there are answers"
    assert content.text("steps.leave_note") in texts(at)
    for _ in content.questions.steps[1:]:
        click(at, "next")
        assert not offered("save_answers_step"), "said once, on the first step"
        assert [b for b in at.get("download_button") if b.proto.id.endswith("-save_answers")], "in the menu"


def test_the_sure_form_button_is_not_called_save_my_answers(content):
    assert "save my answers" not in content.text("sure_again.save").lower()
    assert content.text("sure_again.save") != content.text("sidebar.save")


def test_the_step_is_in_the_url_and_the_url_opens_that_step(content):
    at = open_app()
    click(at, "begin")
    assert at.query_params["step"] == ["1"] or at.query_params["step"] == "1"
    answer(at, content, "urgent_symptoms", ["none"])
    click(at, "next")
    assert at.query_params["step"] in (["2"], "2")
    at2 = AppTest.from_file(APP, default_timeout=30)
    at2.query_params["step"] = "3"
    at2.switch_page("pages/questions.py").run()
    assert content.questions.steps[2].title in texts(at2)


def test_the_summary_follows_a_changed_answer_in_the_same_session(content):
    """After a Change, the summary page names the options of the new answers, not the old ones
    (nothing of an earlier summary is kept and shown)."""
    def titles(answers):
        return {content.options[o].title for o in (x.id for x in build_summary(answers, content).options)}

    at = open_app()
    at.session_state["answers"] = {k: tuple(v) if isinstance(v, list) else v for k, v in DISTANT_HR_POSITIVE.items()}
    at.switch_page("pages/summary.py").run()
    changed = {**DISTANT_HR_POSITIVE, "hr_status": "negative"}
    gone, new = titles(DISTANT_HR_POSITIVE) - titles(changed), titles(changed) - titles(DISTANT_HR_POSITIVE)
    assert gone and all(t in texts(at) for t in gone)
    at.session_state["answers"]["hr_status"] = "negative"      # as the question's widget does, in place
    at.run()
    assert not any(t in texts(at) for t in gone)
    assert all(t in texts(at) for t in new)
