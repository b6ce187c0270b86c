"""The typed model of content/ui.yaml: every string the app shows that is not a question, an
option or a clinical item. Loading checks it, so a missing or misspelt string is a
`validate-content` error naming its key (e.g. `fit.concern_names.fertility: Field required`),
never a KeyError in front of a patient. Add a field here when adding a string to ui.yaml.

Keys that are not Python names (`"1"`, `continue`) keep their YAML spelling as an alias;
`strings["1"]` and `content.text("fit.said_priority.1")` read them by that spelling.
"""
from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field


class _Strings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def __getitem__(self, key: str):
        """A string or a group by its ui.yaml key."""
        name = _by_key(type(self)).get(key)
        if name is None:
            raise KeyError(key)
        return getattr(self, name)

    def keys(self) -> list[str]:
        return list(_by_key(type(self)))

    def values(self) -> list:
        return [self[k] for k in self.keys()]

    def items(self) -> Iterator[tuple[str, object]]:
        return ((k, self[k]) for k in self.keys())

    def as_dict(self) -> dict:
        return self.model_dump(by_alias=True)


def _by_key(cls: type[_Strings]) -> dict[str, str]:
    return {(f.alias or name): name for name, f in cls.model_fields.items()}


class App(_Strings):
    title: str
    short_title: str
    center: str
    skip_link: str
    translation_draft: str


class Nav(_Strings):
    start: str
    questions: str
    review: str
    summary: str
    learn: str
    consultation: str
    menu: str


class Start(_Strings):
    heading: str
    what_it_is: str
    what_it_is_not: str
    time: str
    measured_question_minutes: int                # measured by `python -m journey`, not a sentence
    measured_minutes: int
    privacy: str
    nurse_link: str
    begin: str
    continue_: str = Field(alias="continue")
    resume_heading: str
    resume_help: str
    resume_label: str
    resume_button: str
    choose_file: str
    resume_done: str
    reload_note: str
    draft_note: str


class Steps(_Strings):
    progress: str
    announce: str
    back: str
    next: str
    skip_note: str
    review: str
    back_to_review: str
    leave_note: str
    why: str
    terms: str
    site_heading: str
    site_more: str
    not_sure_hint: str
    text_limit: str
    scale_chosen: str
    scale_clear: str


class Review(_Strings):
    heading: str
    count_one: str
    count: str
    change: str
    skipped: str
    not_asked: str
    see_summary: str
    nothing: str


class SummaryPage(_Strings):
    placeholder: str
    start_first: str
    order_note: str
    show_more: str
    prepare_pdf: str
    download_pdf: str
    download_md: str
    prepare_pdf_full: str
    download_pdf_full: str
    show_details: str
    site_link: str
    reviewed: str
    icon_alt: str
    picture_alt: str


class Consultation(_Strings):
    heading: str
    intro: str
    empty: str
    load_link: str
    none: str
    tumor: str
    subtype: str
    treatments: str
    health: str
    matters: str
    no_sure: str
    unknown: str
    options: str
    own_questions: str
    sure: str
    cautions: str
    notes: str
    notes_help: str
    prepare_pdf: str
    pdf: str
    privacy: str
    print_hint: str
    details: str
    options_alongside: str
    show_english: str


class Learn(_Strings):
    heading: str
    intro: str
    glossary: str


class Sidebar(_Strings):
    progress: str
    clear: str
    clear_confirm: str
    clear_yes: str
    clear_no: str
    cleared: str
    save: str
    save_help: str


class Idle(_Strings):
    cleared: str


class UrgentBanner(_Strings):
    heading: str
    change: str
    phone: str
    call_team: str
    phone_missing: str
    call_911: str
    short: str
    more: str
    beside: str


class Subtypes(_Strings):
    hr_positive_her2_negative: str
    her2_positive: str
    triple_negative: str
    er_low_her2_negative: str
    unknown: str


class Routes(_Strings):
    pills_at_home: str
    infusion: str
    injection: str
    pills_and_infusion: str
    procedure: str
    varies: str


class Frequency(_Strings):
    very_common: str
    common: str
    uncommon: str
    rare: str


class SureTalk(_Strings):
    sure_certain: str
    sure_understand: str
    sure_risks_benefits_clear: str
    sure_support: str


class FitRouteLevels(_Strings):
    """How an option's route sits with one stated route preference."""
    match: str
    partly: str
    differs: str
    ask: str


class FitRoute(_Strings):
    pills_at_home: FitRouteLevels
    infusions_in_clinic: FitRouteLevels




class FitSaidRoute(_Strings):
    pills_at_home: str
    infusions_in_clinic: str


class FitSaidVisits(_Strings):
    as_few_visits_as_possible: str
    some_visits_ok: str
    visits_not_a_concern: str


class FitSaidPriority(_Strings):
    s_1: str = Field(alias="1")
    s_2: str = Field(alias="2")
    s_4: str = Field(alias="4")
    s_5: str = Field(alias="5")


class FitConcernNames(_Strings):
    hair_loss: str
    nausea: str
    fatigue: str
    neuropathy: str
    diarrhea: str
    infection_risk: str
    hot_flashes_or_joint_pain: str
    fertility: str
    thinking_or_memory: str


class Fit(_Strings):
    line: str
    route: FitRoute
    route_how: Routes          # one phrase per route, worded for the fit marks
    said_route: FitSaidRoute
    visits: str
    said_visits: FitSaidVisits
    daily_life: str
    length_ask: str
    said_priority: FitSaidPriority
    concern: str
    with_number: str
    not_expected: str
    unknown: str
    concern_names: FitConcernNames


class QuestionsIntro(_Strings):
    i_decide: str
    decide_together: str
    team_decides: str
    unknown: str


class SureAgain(_Strings):
    heading: str
    intro: str
    save: str
    saved: str
    all_yes: str


class Summary(_Strings):
    reason_subtype: str
    why_shown: str
    why_shown_general: str
    not_listed_later: str
    not_listed_default: str
    disclaimer: str
    draft_notice: str
    reviewed_line: str


class SummaryHeadings(_Strings):
    title: str
    urgent: str
    situation: str
    missing: str
    path: str
    path_before: str
    path_now: str
    path_later: str
    path_none: str
    path_note: str
    options: str
    options_intro: str
    examples: str
    why_shown: str
    how_given: str
    side_effects: str
    about: str
    in_100: str
    serious: str
    you_said_worry: str
    fit: str
    cautions: str
    warnings: str
    tell_team: str
    sources: str
    not_listed: str
    tests: str
    trials: str
    trial_search: str
    support: str
    questions: str
    own_questions: str
    sure: str
    disclaimer: str
    content_date: str
    answers: str
    made_on: str
    notes: str
    page: str
    picture_caption: str
    picture_key: str
    what_matters: str
    details: str
    comparison: str
    comparison_intro: str
    comparison_pick: str
    comparison_question: str
    comparison_part: str
    cmp_how_given: str
    cmp_visits: str
    cmp_side_effects: str
    cmp_daily_life: str
    cmp_tests: str
    cmp_marked: str


class Sheet(_Strings):
    facts: str
    for_a_man: str
    not_known: str
    not_known_none: str
    not_known_tests: str
    options_now: str
    options_now_intro: str
    options_now_marks: str
    options_none: str
    alongside: str
    own_questions: str
    ask: str
    talk_through: str
    notes: str
    name: str
    date: str
    center: str
    fit_row: str
    refs: str
    references: str
    side_effects_less: str
    all_questions: str
    what_matters: str
    team_copy_title: str
    team_copy_note: str


class Errors(_Strings):
    empty_file: str
    too_large: str
    not_utf8: str
    not_json: str
    not_unicode: str
    duplicate_key: str
    a_question: str
    not_an_object: str
    no_version: str
    bad_version: str
    newer_version: str
    unknown_key: str
    no_answers: str
    bad_answers: str
    unknown_id: str
    unknown_value: str
    wrong_type: str
    text_too_long: str
    not_loaded: str
    app_error: str
    pdf_not_ready: str


class UIStrings(_Strings):
    app: App
    nav: Nav
    start: Start
    steps: Steps
    review: Review
    summary_page: SummaryPage
    consultation: Consultation
    learn: Learn
    sidebar: Sidebar
    idle: Idle
    urgent_banner: UrgentBanner
    subtypes: Subtypes
    routes: Routes
    frequency: Frequency
    sure_talk: SureTalk
    fit: Fit
    questions_intro: QuestionsIntro
    sure_again: SureAgain
    summary: Summary
    summary_headings: SummaryHeadings
    sheet: Sheet
    errors: Errors
