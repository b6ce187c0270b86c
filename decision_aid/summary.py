"""build_summary(answers, content) -> Summary: the one value every surface renders.

Pure: no streamlit, no I/O. Which options, cautions, tests and questions appear is decided
here from the content's rules (`show_when`), never in page code.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Mapping, Optional
from urllib.parse import quote, urlencode

from pydantic import BaseModel, ConfigDict

from . import layout, rules
from .answers import clean, facts
from .content import Content, DateStyle, Question
from .dictionary import FIELDS, OPTION_FAMILIES, SURE_IDS
from .document import Section


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class Item(_View):
    id: str
    title: str = ""
    text: str


class SideEffectView(_View):
    label: str
    frequency: str                       # in words: "Very common", ...
    about_n_in_100: Optional[int] = None
    serious: bool = False
    worries_patient: bool = False        # the patient named it as a concern
    common: bool = False                 # very common: listed in the comparison table
    concern: Optional[str] = None        # the side_effect_concerns value it relates to


class ConcernView(_View):
    """How often one side effect patients worry about happens with an option, from content."""
    id: str                              # a side_effect_concerns value
    label: str                           # "Hair loss"
    level: str                           # for the table: "Very common (more than 1 in 10 people)",
                                         # "Not a common side effect of this option", "Ask your team"
    known: bool                          # False: the content does not say, so "ask your team"
    worries_patient: bool = False


class SourceView(_View):
    name: str
    year: int
    url: str


class OptionView(_View):
    id: str
    title: str
    what_it_is: str
    examples: list[str]
    how_given: str
    visits: str
    route: str
    side_effects: list[SideEffectView]
    tell_team: list[str]
    when_discussed: str
    why_shown: str
    reasons: list[str]
    cautions: list[str]
    warnings: list[str] = []             # prominent cautions: shown first, before anything else
    fit: list[str] = []                  # how it sits with what the patient said matters: marks, never a score
    how_often: str = ""                  # comparison table rows
    daily_life: str = ""
    tests_needed: str = ""
    concerns: list[ConcernView] = []
    sources: list[SourceView]
    review_status: str
    review_line: Optional[str] = None    # "Reviewed by … on …" where a clinician signed it off
    alongside: bool = False              # used alongside any treatment, not instead of one


class NotListed(_View):
    id: str
    title: str
    why: str


class AnswerLine(_View):
    step: str
    question: str
    answer: str
    id: str = ""                         # the answer id (data dictionary)
    step_id: str = ""
    short: str = ""                      # a few words naming the answer ("HER2 status")


class Path(_View):
    already_had: list[str]
    now: list[str]
    later: list[str]


class Emphasis(_View):
    """What the patient said matters, as the words that mark it ("you said ..."); None when
    not said. The comparison table marks the rows these touch."""
    route: Optional[str] = None
    visits: Optional[str] = None
    daily_life: Optional[str] = None
    concerns: list[str] = []             # side_effect_concerns values named (not "none")
    worry: str = ""                      # "you said this worries you"


TEAM_LEAVES_OUT = ("notes", "disclaimer", "alongside")   # what is hers alone, or general


class TeamCopy(_View):
    """The discussion sheet in the care team's language."""
    language: str
    title: str
    note: str
    sections: list[Section]


class Summary(_View):
    language: str
    headings: dict[str, str]
    urgent_notice: Optional[str]
    urgent_symptoms: list[str]
    subtype: str                         # the derived tumor type, in words
    situation: list[Item]
    missing: list[Item]
    path: Path
    what_matters: list[Item] = []        # the patient's answers to the "what matters" step
    emphasis: Emphasis = Emphasis()
    options: list[OptionView]
    not_listed: list[NotListed]
    tests_to_ask: list[Item]
    trials: list[Item]
    trial_search_url: Optional[str]
    support: list[Item]
    questions_intro: Optional[str] = None   # worded for how the patient wants to decide
    questions_to_ask: list[str]
    own_questions: Optional[str]
    sure_to_discuss: list[str]
    answers: list[AnswerLine]
    disclaimer: str
    draft_notice: Optional[str]
    content_last_reviewed: dt.date
    # The same summary laid out for every surface: the sheet, then the details (layout.py).
    document: list[Section] = []
    paper: str = "letter"                # the PDF's paper (content setting)
    dates: DateStyle = DateStyle(months=[str(m) for m in range(1, 13)], format="{year}-{month}-{day}")
    # In another language than English: the sheet in English for her care team (printed after
    # her own pages in the PDF), built from the same answers with the English content.
    team_copy: Optional[TeamCopy] = None

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _questions(content: Content) -> dict[str, tuple[str, Question]]:
    return {q.id: (s.title, q) for s in content.questions.steps for q in s.questions}


def applicable(answers: Mapping[str, Any], content: Content) -> dict[str, Any]:
    """Answers to questions that apply (e.g. no menopausal status once `sex` is male)."""
    f, qs = facts(answers), _questions(content)
    return {k: v for k, v in answers.items() if k in qs and qs[k][1].show_when.holds(f)}


def subtype_label(content: Content, f: Mapping[str, Any]) -> str:
    """The derived subtype in words; an ER-low tumor is named as such (data dictionary: `low`)."""
    if f.get("hr_status") == "low" and f["subtype"] == "triple_negative":
        return content.text("subtypes.er_low_her2_negative")
    return choice_label(content, "subtype", f["subtype"])


def choice_label(content: Content, qid: str, value: str) -> str:
    if qid == "subtype":
        return content.text(f"subtypes.{value}")
    q = _questions(content)[qid][1]
    return next((c.label for c in q.choices if c.value == value), value)


def question_short(content: Content, qid: str) -> str:
    q = _questions(content)[qid][1]
    return q.short or q.label


def answer_text(content: Content, qid: str, value: Any) -> str:
    """An answer in the patient's own words (the labels they chose)."""
    if FIELDS[qid].kind == "text":
        return str(value)
    values = value if isinstance(value, tuple) else (value,)
    return "; ".join(choice_label(content, qid, v) for v in values)


# The answers the derived tumor type is made from: a reason resting on it is said in her words.
_SUBTYPE_FROM = ("hr_status", "her2_status")


def _reason(content: Content, qid: str, value: str, f: Mapping[str, Any]) -> str:
    """Why an option is shown, in the words of the answer behind it ("HER2 status: HER2-low",
    not the derived "HER2-negative"); the derived tumor type too when its words say more than
    her answers do (ER-low read as triple-negative), or alone when neither was answered."""
    if qid == "subtype":
        own = [_reason(content, k, f[k], f) for k in _SUBTYPE_FROM if k in f]
        derived = subtype_label(content, f)
        if not own or derived != choice_label(content, "subtype", f["subtype"]):
            own.append(content.text("summary.reason_subtype", subtype=derived))
        return "; ".join(own)
    q = _questions(content)[qid][1]
    return f"{q.short or q.label}: {choice_label(content, qid, value)}"


def _trial_url(content: Content, f: Mapping[str, Any]) -> Optional[str]:
    ts = content.trial_search
    terms = [ts.subtype_terms[f["subtype"]]] if f["subtype"] in ts.subtype_terms else []
    terms += [ts.biomarker_terms[b] for b in f.get("biomarkers", ()) if b in ts.biomarker_terms]
    params = {"cond": ts.condition}
    if terms:
        params["term"] = " AND ".join(terms)
    params["aggFilters"] = "status:rec"
    return f"{ts.base_url}?{urlencode(params, quote_via=quote, safe=':')}"


def urgent_notice(answers: Mapping[str, Any], content: Content) -> Optional[tuple[str, list[str]]]:
    """(what to do now, what each ticked symptom may mean), or None. Any urgent symptom wins
    over a contradictory "none": the notice is the safer reading."""
    ticked = [s for s in answers.get("urgent_symptoms", ()) if s != "none"]
    if not ticked:
        return None
    return f"{content.urgent.notice}: {content.urgent.call}", [content.urgent.symptoms[s] for s in ticked]


# The "what matters to you" answers (data dictionary, section 6), shown back in the summary.
WHAT_MATTERS = ("priority_balance", "side_effect_concerns", "route_preference", "visit_burden",
                "trial_interest", "decision_role", "support_needs")
# How an option's route sits with a stated route preference; any route not named: "differs".
_ROUTE_FIT = {
    "pills_at_home": {"pills_at_home": "match", "pills_and_infusion": "partly", "varies": "ask"},
    "infusions_in_clinic": {"infusion": "match", "pills_and_infusion": "partly", "varies": "ask"},
}
_FREQUENCY_ORDER = ("very_common", "common", "uncommon", "rare")


def emphasis(answers: Mapping[str, Any], content: Content) -> Emphasis:
    """What the patient said matters, worded as "you said ...", for marks and highlights."""
    t = content.text
    route, visits, balance = (answers.get(k) for k in ("route_preference", "visit_burden", "priority_balance"))
    return Emphasis(
        route=t(f"fit.said_route.{route}") if route in _ROUTE_FIT else None,
        visits=t("fit.said_visits.as_few_visits_as_possible") if visits == "as_few_visits_as_possible" else None,
        daily_life=t(f"fit.said_priority.{balance}") if balance in ("4", "5") else None,
        concerns=[c for c in FIELDS["side_effect_concerns"].values
                  if c != "none" and c in answers.get("side_effect_concerns", ())],
        worry=t("summary_headings.you_said_worry"))


def _concerns(fam, worries: list[str], content: Content) -> list[ConcernView]:
    """Every side effect patients may worry about, and what this option's content says of it."""
    t, out = content.text, []
    for c in FIELDS["side_effect_concerns"].values:
        if c == "none":
            continue
        effects = sorted((s for s in fam.side_effects if s.concern == c),
                         key=lambda s: _FREQUENCY_ORDER.index(s.frequency))
        if effects:
            level = t(f"frequency.{effects[0].frequency}")
            n = next((s.about_n_in_100 for s in effects if s.about_n_in_100 is not None), None)
            if n is not None:
                level = t("fit.with_number", level=level, n=n)
        elif c in fam.concerns:
            said = fam.concerns[c]
            level = t("fit.not_expected") if said == "not_expected" else t(f"frequency.{said}")
        else:
            level = t("fit.unknown")
        out.append(ConcernView(id=c, label=t(f"fit.concern_names.{c}"), level=level,
                               known=bool(effects) or c in fam.concerns, worries_patient=c in worries))
    return out


def _fit(fam, answers: Mapping[str, Any], concerns: list[ConcernView], content: Content) -> list[str]:
    """Plain marks of how an option sits with what the patient said matters: facts from the
    option's content beside the patient's own words. Never a score, never a ranking."""
    t = content.text
    line = lambda mark, said: t("fit.line", mark=mark, said=said)  # noqa: E731
    out = []
    pref, route = answers.get("route_preference"), fam.how_given.route
    if pref in _ROUTE_FIT:
        how = _ROUTE_FIT[pref].get(route, "differs")
        out.append(line(t(f"fit.route.{pref}.{how}", how=t(f"fit.route_how.{route}")),
                        t(f"fit.said_route.{pref}")))
    visits = answers.get("visit_burden")
    if visits:
        often = fam.how_given.how_often or t("fit.unknown")
        out.append(line(t("fit.visits", how_often=often), t(f"fit.said_visits.{visits}")))
    balance = answers.get("priority_balance")
    if balance in ("4", "5"):
        out.append(line(t("fit.daily_life", text=fam.daily_life or t("fit.unknown")),
                        t(f"fit.said_priority.{balance}")))
    elif balance in ("1", "2"):
        out.append(line(t("fit.length_ask"), t(f"fit.said_priority.{balance}")))
    out += [line(t("fit.concern", concern=c.label, level=c.level), t("summary_headings.you_said_worry"))
            for c in concerns if c.worries_patient]
    return out


def build_summary(raw_answers: Mapping[str, Any], content: Content, team: Content | None = None) -> Summary:
    """The individualized discussion summary for these answers. Pure and total.
    `team`: the content in the care team's language (English), when hers is another: the
    summary then carries the sheet in that language too (TeamCopy)."""
    answers = applicable(clean(raw_answers), content)
    f = facts(answers)
    t = content.text

    notice, urgent_details = urgent_notice(answers, content) or (None, [])

    concerns = set(answers.get("side_effect_concerns", ()))
    said = emphasis(answers, content)
    options, later, not_listed = [], [], []
    for fam_id in OPTION_FAMILIES:
        fam = content.options[fam_id]
        if fam.show_when.holds(f):
            reasons = [_reason(content, k, v, f) for k, v in rules.reasons(fam.show_when.cond, f)]
            applying = [c for c in content.cautions if fam_id in c.applies_to and c.show_when.holds(f)]
            concern_views = _concerns(fam, said.concerns, content)
            options.append(OptionView(
                id=fam.id, title=fam.title, what_it_is=fam.what_it_is, examples=fam.examples,
                how_given=fam.how_given.text, visits=fam.how_given.visits,
                route=t(f"routes.{fam.how_given.route}"),
                side_effects=[SideEffectView(
                    label=s.label, frequency=t(f"frequency.{s.frequency}"),
                    about_n_in_100=s.about_n_in_100, serious=s.serious,
                    worries_patient=s.concern in concerns, common=s.frequency == "very_common",
                    concern=s.concern) for s in fam.side_effects],
                tell_team=fam.tell_team, when_discussed=fam.when_discussed,
                why_shown=(t("summary.why_shown", reasons="; ".join(dict.fromkeys(reasons)))
                           if reasons else t("summary.why_shown_general")),
                reasons=list(dict.fromkeys(reasons)),
                cautions=[c.text for c in applying if not c.prominent],
                warnings=[c.text for c in applying if c.prominent],
                fit=_fit(fam, answers, concern_views, content),
                how_often=fam.how_given.how_often or t("fit.unknown"),
                daily_life=fam.daily_life or t("fit.unknown"),
                tests_needed=fam.tests_needed or t("fit.unknown"), concerns=concern_views,
                sources=[SourceView(**s.model_dump()) for s in fam.sources],
                review_status=fam.review_status, alongside=fam.alongside_when.holds(f),
                review_line=(t("summary.reviewed_line", name=fam.reviewed_by, date=content.language_info.date(fam.reviewed_on))
                             if fam.review_status == "reviewed" else None)))
            continue
        is_later = fam.later_when.raw is not None and fam.later_when.holds(f)
        # the first reason that applies; for an option of later, only a specific one (with `when`)
        reason = next((r.text for r in fam.not_listed
                       if r.when.holds(f) and not (is_later and r.when.raw is None)), "")
        if is_later:
            later.append(fam.title)
            why = f"{t('summary.not_listed_later')} {reason}".strip()
        else:
            why = reason or t("summary.not_listed_default")
        not_listed.append(NotListed(id=fam.id, title=fam.title, why=why))

    def topics(items) -> list[Item]:
        return [Item(id=i.id, title=i.title, text=i.text) for i in items if i.show_when.holds(f)]

    already = [choice_label(content, "prior_treatments", v)
               for v in answers.get("prior_treatments", ()) if v not in ("none", "unsure")]
    qs = _questions(content)
    step_of = {q.id: st.id for st in content.questions.steps for q in st.questions}
    lines = [AnswerLine(step=qs[k][0], question=qs[k][1].label, answer=answer_text(content, k, v), id=k,
                        step_id=step_of[k], short=qs[k][1].short or qs[k][1].label)
             for k, v in answers.items()]
    distant = answers.get("recurrence_type") in ("distant", "both")
    summary = Summary(
        language=content.language,
        headings=content.ui.summary_headings.as_dict(),
        urgent_notice=notice,
        urgent_symptoms=urgent_details,
        subtype=subtype_label(content, f),
        situation=topics(content.situation),
        missing=topics(content.missing),
        path=Path(already_had=already, now=[o.title for o in options], later=later),
        what_matters=[Item(id=k, title=qs[k][1].short or qs[k][1].label, text=answer_text(content, k, answers[k]))
                      for k in WHAT_MATTERS if k in answers],
        emphasis=said,
        options=options,
        not_listed=not_listed,
        tests_to_ask=topics(content.tests),
        trials=topics(content.trials),
        trial_search_url=_trial_url(content, f) if distant else None,
        support=topics(content.support),
        questions_intro=t(f"questions_intro.{answers.get('decision_role', 'unknown')}"),
        questions_to_ask=[a.text for a in content.ask if a.show_when.holds(f)],
        own_questions=answers.get("own_questions"),
        sure_to_discuss=[t(f"sure_talk.{s}") for s in SURE_IDS if answers.get(s) == "no"],
        answers=lines,
        disclaimer=t("summary.disclaimer"),
        draft_notice=" ".join(t(k) for k, on in (("summary.draft_notice", content.is_draft()),
                                                  ("app.translation_draft", content.translation_draft)) if on) or None,
        content_last_reviewed=content.last_reviewed(),
        paper=content.settings.paper,
        dates=content.language_info.dates,
    )
    summary = summary.model_copy(update={"document": layout.document(summary, answers, content)})
    if team is not None and team.language != content.language:
        theirs = build_summary(raw_answers, team)
        summary = summary.model_copy(update={"team_copy": TeamCopy(
            language=team.language, title=team.text("sheet.team_copy_title"),
            note=team.text("sheet.team_copy_note", language=content.language_info.name),
            # her sheet without her lines for notes, her reminder, and what goes with any treatment: one page
            sections=[sec for sec in theirs.document if sec.layer == "sheet" and sec.id not in TEAM_LEAVES_OUT])})
    return summary
