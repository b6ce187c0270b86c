"""The fixed answer contract of the data dictionary (design/data-dictionary.md, sections 1-8).

Ids and values here are the contract between the questions, the content rules, the
saved-answers file and the tests. Wording lives in content/, never here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["single", "multi", "scale", "text"]


@dataclass(frozen=True)
class Field:
    id: str
    kind: Kind
    values: tuple[str, ...] = ()
    max_length: int = 0  # text only


def _f(id: str, kind: Kind, values: str = "", max_length: int = 0) -> Field:
    return Field(id, kind, tuple(values.split()), max_length)


FIELDS: dict[str, Field] = {f.id: f for f in [
    # 1. Safety first
    _f("urgent_symptoms", "multi",
       "back_pain_with_weakness_or_numbness new_severe_headache_confusion_or_seizure "
       "fever_or_chills_during_treatment new_shortness_of_breath_or_chest_pain "
       "extreme_thirst_confusion_or_constipation swollen_painful_leg_or_sudden_breathlessness "
       # added (additive): stroke signs, severe diarrhea, vomiting, very high blood sugar, bleeding
       "sudden_weakness_one_side_or_trouble_speaking severe_diarrhea_or_dehydration "
       "vomiting_cannot_keep_fluids_down very_high_blood_sugar bleeding_that_does_not_stop none"),
    # 2. About the recurrence
    _f("recurrence_type", "single", "distant local_regional both unsure"),
    _f("metastatic_sites", "multi",
       "bone liver lung brain distant_lymph_nodes skin_or_soft_tissue other unsure"),
    _f("recurrence_timing", "single",
       "during_treatment within_12_months_after more_than_12_months_after "
       "first_diagnosis_was_metastatic unsure"),
    _f("recurrence_biopsied", "single", "yes no unsure"),
    # 3. The tumor's biology
    _f("hr_status", "single", "positive low negative unsure"),
    _f("her2_status", "single", "positive low ultralow zero negative_level_unknown unsure"),
    _f("biomarkers", "multi",
       "germline_brca germline_palb2 pik3ca_akt1_pten esr1 pd_l1_positive "
       "msi_high_or_tmb_high ntrk_fusion none_found not_tested unsure"),
    # 4. Treatments already received
    _f("prior_treatments", "multi",
       "surgery radiation tamoxifen aromatase_inhibitor fulvestrant ovarian_suppression "
       "cdk46_inhibitor anthracycline taxane capecitabine other_chemotherapy "
       "trastuzumab_or_pertuzumab t_dm1 t_dxd her2_tyrosine_kinase_inhibitor immunotherapy "
       "parp_inhibitor pi3k_akt_or_mtor_inhibitor sacituzumab_govitecan none unsure"),
    _f("metastatic_lines", "single", "none_yet one two three_or_more unsure"),
    _f("chemo_lines_for_spread", "single", "none one two_or_more unsure"),
    # 5. Health and daily life
    _f("sex", "single", "female male"),
    _f("menopausal_status", "single", "premenopausal postmenopausal unsure"),
    _f("age_group", "single", "under_40 40_to_64 65_to_74 75_or_older"),
    _f("daily_activity", "single",
       "fully_active light_activity_only up_more_than_half_the_day mostly_in_bed_or_chair"),
    _f("conditions", "multi",
       "heart_disease heart_rhythm_problem diabetes lung_disease liver_disease kidney_disease "
       "neuropathy osteoporosis autoimmune_disease dental_problems blood_clots "
       "pregnant_now planning_pregnancy none unsure"),
    # 6. What matters to the patient
    _f("priority_balance", "scale", "1 2 3 4 5"),
    _f("side_effect_concerns", "multi",
       "hair_loss nausea fatigue neuropathy diarrhea infection_risk hot_flashes_or_joint_pain "
       "fertility thinking_or_memory none"),
    _f("route_preference", "single", "pills_at_home infusions_in_clinic no_preference"),
    _f("visit_burden", "single", "as_few_visits_as_possible some_visits_ok visits_not_a_concern"),
    _f("trial_interest", "single", "yes maybe no"),
    _f("decision_role", "single", "i_decide decide_together team_decides"),
    _f("support_needs", "multi",
       "pain_or_symptoms emotional_support cost_or_insurance caregiver_or_family "
       "palliative_care none"),
    _f("own_questions", "text", max_length=2000),
    # 7. Deciding (SURE test)
    _f("sure_certain", "single", "yes no"),
    _f("sure_understand", "single", "yes no"),
    _f("sure_risks_benefits_clear", "single", "yes no"),
    _f("sure_support", "single", "yes no"),
]}

SURE_IDS = ("sure_certain", "sure_understand", "sure_risks_benefits_clear", "sure_support")

# Derived facts, computed from answers and never asked (data dictionary section 3).
DERIVED: dict[str, tuple[str, ...]] = {
    "subtype": ("hr_positive_her2_negative", "her2_positive", "triple_negative", "unknown"),
}

# 8. Option families (ids fixed).
OPTION_FAMILIES: tuple[str, ...] = tuple("""
endocrine_plus_cdk46 endocrine_alone ovarian_suppression oral_serd pi3k_akt_pathway
everolimus_exemestane her2_first_line t_dxd tucatinib_combo t_dm1 other_her2
immunotherapy_chemo sacituzumab_govitecan datopotamab_deruxtecan parp_inhibitor
chemotherapy tumor_agnostic bone_modifying local_surgery local_radiation brain_directed
clinical_trial palliative_supportive_care
""".split())

SCHEMA_VERSION = 1

# Older values a saved file may still hold, read as their replacement (the safer reading).
LEGACY_VALUES: dict[tuple[str, str], str] = {
    ("conditions", "pregnant_or_planning_pregnancy"): "pregnant_now",
}


def values_of(name: str) -> tuple[str, ...]:
    """The allowed values of an answer id or a derived fact."""
    if name in DERIVED:
        return DERIVED[name]
    return FIELDS[name].values
