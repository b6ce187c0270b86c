"""Fewer, plainer questions: kinds before names, one tap for "I don't know", help one tap away,
what matters asked early, health problems that cannot be mistaken for the cancer."""
from walk import answer, click, open_app, texts


def _go_to(at, content, step_id):
    at.session_state["step"] = [s.id for s in content.questions.steps].index(step_id)
    at.switch_page("pages/questions.py").run()
    assert not at.exception, at.exception


def _q(content, qid):
    return next(q for s in content.questions.steps for q in s.questions if q.id == qid)


def test_treatments_are_asked_by_kind_then_by_name(content):
    at = open_app()
    _go_to(at, content, "treatments")
    q = _q(content, "prior_treatments")
    keys = {c.key for c in at.checkbox}
    assert {f"q_prior_treatments__group_{g.id}" for g in q.groups} <= keys
    assert "q_prior_treatments__taxane" not in keys, "names are hidden until their kind is ticked"
    assert len([k for k in keys if k.startswith("q_prior_treatments")]) <= 8
    at.checkbox(key="q_prior_treatments__group_chemotherapy").check().run()
    assert "q_prior_treatments__taxane" in {c.key for c in at.checkbox}
    assert "q_prior_treatments__tamoxifen" not in {c.key for c in at.checkbox}
    at.checkbox(key="q_prior_treatments__taxane").check().run()
    assert at.session_state["answers"]["prior_treatments"] == ("taxane",)   # the saved answer: names
    at.checkbox(key="q_prior_treatments__group_chemotherapy").uncheck().run()
    assert "prior_treatments" not in at.session_state["answers"], "unticking a kind unticks its names"


def test_one_tap_for_i_dont_know_which_tests(content):
    at = open_app()
    _go_to(at, content, "biology")
    assert "q_biomarkers__ntrk_fusion" not in {c.key for c in at.checkbox}, "rare markers hidden at first"
    answer(at, content, "biomarkers", ["unsure"])
    assert at.session_state["answers"]["biomarkers"] == ("unsure",)
    assert "q_biomarkers__ntrk_fusion" not in {c.key for c in at.checkbox}
    answer(at, content, "biomarkers", ["esr1"])       # "yes", then the list
    assert "q_biomarkers__ntrk_fusion" in {c.key for c in at.checkbox}
    assert at.session_state["answers"]["biomarkers"] == ("esr1",)


def test_why_we_ask_is_one_tap_away(content):
    at = open_app()
    click(at, "begin")
    q = _q(content, "urgent_symptoms")
    assert q.why.split(".")[0] not in texts(at)
    assert q.help in texts(at), "what to do if she feels very unwell is never folded away"
    assert any(e.label == content.text("steps.why") for e in at.expander)


def test_what_matters_is_asked_second_and_conditions_are_not_the_cancer(content):
    ids = [s.id for s in content.questions.steps]
    assert ids.index("values") == 1
    labels = {c.value: c.label for c in _q(content, "conditions").choices}
    assert "not cancer in the liver" in labels["liver_disease"]
    assert "not cancer in the lungs" in labels["lung_disease"]


def test_progress_counts_only_questions_that_apply(content):
    at = open_app()
    at.session_state["answers"] = {"sex": "male", "recurrence_type": "local_regional"}
    at.switch_page("pages/review.py").run()
    all_questions = sum(len(s.questions) for s in content.questions.steps)
    # no menopause for a man; no "where in the body" or chemotherapy for spread near the breast only
    assert content.text("sidebar.progress", done=2, total=all_questions - 3) in texts(at)
