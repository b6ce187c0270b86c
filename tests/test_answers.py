"""The answers model and the saved-answers file of the data dictionary."""
import json

import pytest

from decision_aid.answers import AnswersError, clean, from_file, subtype, to_file


def test_clean_orders_multi_answers_and_drops_empty_ones():
    out = clean({"metastatic_sites": ["liver", "bone", "liver"], "own_questions": "  ",
                 "biomarkers": [], "hr_status": "positive"})
    assert out == {"metastatic_sites": ("bone", "liver"), "hr_status": "positive"}


@pytest.mark.parametrize("raw, code", [
    ({"favourite_colour": "blue"}, "unknown_id"),
    ({"hr_status": "strong"}, "unknown_value"),
    ({"hr_status": ["positive"]}, "wrong_type"),
    ({"metastatic_sites": "bone"}, "wrong_type"),
    ({"metastatic_sites": ["moon"]}, "unknown_value"),
    ({"priority_balance": 3}, "wrong_type"),
    ({"own_questions": "x" * 2001}, "text_too_long"),
    ({"own_questions": "Hello \ud800"}, "not_unicode"),     # a lone surrogate breaks every save
])
def test_clean_rejects_what_the_dictionary_does_not_allow(raw, code):
    with pytest.raises(AnswersError) as e:
        clean(raw)
    assert e.value.code == code


@pytest.mark.parametrize("hr, her2, expected", [
    ("positive", "zero", "hr_positive_her2_negative"),
    ("positive", "low", "hr_positive_her2_negative"),
    ("positive", "negative_level_unknown", "hr_positive_her2_negative"),
    ("negative", "positive", "her2_positive"),
    ("unsure", "positive", "her2_positive"),
    ("negative", "ultralow", "triple_negative"),
    ("negative", "unsure", "unknown"),
    ("unsure", "zero", "unknown"),
    (None, "zero", "unknown"),
    ("positive", None, "unknown"),
])
def test_subtype_is_derived_and_unknown_whenever_unsettled(hr, her2, expected):
    answers = {k: v for k, v in (("hr_status", hr), ("her2_status", her2)) if v}
    assert subtype(answers) == expected


def test_saved_file_round_trip_gives_identical_answers():
    answers = clean({"recurrence_type": "distant", "metastatic_sites": ["bone", "liver"],
                     "own_questions": "Können wir über Nebenwirkungen sprechen? ¿Y el costo?",
                     "priority_balance": "4"})
    data = to_file(answers)
    assert json.loads(data)["schema_version"] == 1
    assert from_file(data) == answers


def test_awkward_but_real_text_survives_the_saved_file():
    """Right-to-left marks, control characters and one long line are the patient's text:
    kept exactly through a save and a load."""
    own = "\u202bשאלה\u202c \u200fسؤال\t\x07" + "long " * 390
    answers = clean({"own_questions": own})
    assert from_file(to_file(answers)) == answers == {"own_questions": own}
