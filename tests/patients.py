"""Patients walked by the AppTest and browser tests. Every id and value comes from the data dictionary."""

# At home on a laptop: distant, hormone receptor-positive; every kind of widget.
DISTANT_HR_POSITIVE = {
    "urgent_symptoms": ["none"], "recurrence_type": "distant", "metastatic_sites": ["bone", "liver"],
    "recurrence_timing": "more_than_12_months_after", "recurrence_biopsied": "yes",
    "hr_status": "positive", "her2_status": "zero", "biomarkers": ["not_tested"],
    "prior_treatments": ["surgery", "radiation", "aromatase_inhibitor"], "metastatic_lines": "none_yet",
    "sex": "female", "menopausal_status": "postmenopausal", "age_group": "65_to_74",
    "daily_activity": "fully_active", "conditions": ["dental_problems"],
    "priority_balance": "4", "side_effect_concerns": ["hair_loss", "fatigue"],
    "route_preference": "pills_at_home", "support_needs": ["emotional_support"],
    "own_questions": "Can I still travel to see my grandchildren?",
    "sure_certain": "no", "sure_understand": "yes",
}

# On a phone: only near the breast, so "where in the body" is never asked.
LOCAL_REGIONAL = {
    "urgent_symptoms": ["none"], "recurrence_type": "local_regional",
    "recurrence_timing": "more_than_12_months_after", "hr_status": "positive", "her2_status": "zero",
    "prior_treatments": ["surgery", "radiation", "tamoxifen"], "sex": "female",
    "menopausal_status": "postmenopausal", "side_effect_concerns": ["nausea"],
    "own_questions": "Do I need more surgery?", "sure_support": "yes",
}

# On a phone, a man with HER2-positive cancer and a fever while on treatment: the urgent notice.
MAN_HER2_POSITIVE_URGENT = {
    "urgent_symptoms": ["fever_or_chills_during_treatment"], "recurrence_type": "distant",
    "hr_status": "negative", "her2_status": "positive", "prior_treatments": ["trastuzumab_or_pertuzumab"],
    "sex": "male", "own_questions": "Who do I call at night?",
}

# Keyboard only: triple-negative, a checkbox, radios (arrow keys), pills and typing.
TRIPLE_NEGATIVE_KEYBOARD = {
    "urgent_symptoms": ["none"], "recurrence_type": "distant", "metastatic_sites": ["lung"],
    "hr_status": "negative", "her2_status": "zero", "biomarkers": ["pd_l1_positive"],
    "prior_treatments": ["surgery", "taxane"], "metastatic_lines": "none_yet",
    "sex": "female", "menopausal_status": "premenopausal", "conditions": ["neuropathy"],
    "priority_balance": "2", "side_effect_concerns": ["neuropathy"],
    "own_questions": "How long is each treatment?", "sure_certain": "yes",
}


# A man with HER2-positive cancer and no urgent symptom (AppTest walk).
MAN_HER2_POSITIVE = {
    "urgent_symptoms": ["none"], "recurrence_type": "distant", "metastatic_sites": ["lung"],
    "hr_status": "negative", "her2_status": "positive", "prior_treatments": ["surgery", "taxane", "trastuzumab_or_pertuzumab"],
    "metastatic_lines": "none_yet", "sex": "male", "age_group": "40_to_64",
}
