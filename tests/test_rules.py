"""The show_when evaluator: parsing, truth, reasons, satisfiability. It decides which
options a patient sees, so every branch is pinned here."""
import pytest

from decision_aid import rules
from decision_aid.answers import facts
from decision_aid.rules import RuleError, can_be_true, holds, parse, reasons


def test_single_leaf_matches_only_its_values():
    c = parse({"hr_status": "positive"})
    assert holds(c, {"hr_status": "positive"})
    assert not holds(c, {"hr_status": "negative"})


def test_list_leaf_means_any_of_and_multi_answers_intersect():
    c = parse({"metastatic_sites": ["bone", "brain"]})
    assert holds(c, {"metastatic_sites": ("liver", "brain")})
    assert not holds(c, {"metastatic_sites": ("liver", "lung")})


def test_missing_answer_never_satisfies_a_leaf_so_unknowns_are_not_guessed():
    assert not holds(parse({"hr_status": "positive"}), {})
    assert holds(parse({"not": {"hr_status": "positive"}}), {})
    assert holds(parse({"missing": "recurrence_biopsied"}), {})
    assert not holds(parse({"missing": "recurrence_biopsied"}), {"recurrence_biopsied": "no"})


def test_all_any_not_and_several_keys():
    c = parse({"hr_status": "positive", "any": [{"her2_status": "low"}, {"her2_status": "ultralow"}]})
    assert holds(c, {"hr_status": "positive", "her2_status": "ultralow"})
    assert not holds(c, {"hr_status": "positive", "her2_status": "zero"})
    assert holds(parse({"all": []}), {}) and not holds(parse({"any": []}), {})
    assert holds(parse(None), {})


def test_derived_subtype_leaf():
    c = parse({"subtype": "triple_negative"})
    assert holds(c, facts({"hr_status": "negative", "her2_status": "low"}))
    assert not holds(c, facts({"hr_status": "negative", "her2_status": "unsure"}))


@pytest.mark.parametrize("raw, message", [
    ({"hr_stat": "positive"}, "unknown answer id"),
    ({"hr_status": "maybe"}, "unknown value"),
    ({"any": {"hr_status": "positive"}}, "needs a list"),
    ({"missing": "nope"}, "unknown answer id"),
    ("hr_status", "non-empty mapping"),
    ({"hr_status": []}, "unknown value"),
])
def test_bad_rules_say_what_is_wrong(raw, message):
    with pytest.raises(RuleError, match=message):
        parse(raw)


def test_evaluator_is_total_on_odd_facts():
    c = parse({"all": [{"hr_status": "positive"}, {"metastatic_sites": "bone"}, {"not": {"missing": "sex"}}]})
    for odd in ({}, {"hr_status": None}, {"metastatic_sites": "bone"}, {"hr_status": ["positive"]},
                {"metastatic_sites": ()}, {"sex": ""}, {"unknown": 3}):
        assert holds(c, odd) in (True, False)


def test_reasons_point_at_the_answers_that_made_it_true():
    c = parse({"all": [{"subtype": "her2_positive"}, {"metastatic_sites": ["brain", "bone"]},
                       {"not": {"prior_treatments": "t_dxd"}}]})
    f = facts({"hr_status": "negative", "her2_status": "positive", "metastatic_sites": ("brain", "lung")})
    assert reasons(c, f) == [("subtype", "her2_positive"), ("metastatic_sites", "brain")]
    assert reasons(c, facts({})) == []


def test_can_be_true_finds_contradictions():
    assert can_be_true(parse({"hr_status": "positive"}))
    assert not can_be_true(parse({"all": [{"hr_status": "positive"}, {"hr_status": "negative"}]}))
    assert not can_be_true(parse({"all": [{"missing": "sex"}, {"sex": "male"}]}))
    assert can_be_true(parse({"all": [{"metastatic_sites": "bone"}, {"metastatic_sites": "brain"}]}))
    assert not can_be_true(parse({"all": [{"subtype": "triple_negative"}, {"hr_status": "positive"}]}),
                           derive=facts)
    assert not can_be_true(parse({"any": []}))
