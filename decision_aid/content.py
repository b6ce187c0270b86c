"""The content library: pydantic models, and a loader that validates everything once.

Everything a patient reads lives in content/ as YAML or Markdown. English files sit at
the top of content/; a translation goes in content/i18n/<lang>/ with the same relative
paths, holding only the words (translation.py puts them over the English rules, ids and
sources), plus a language.yaml naming the language; so a language is added without code.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import rules, translation
from .answers import facts
from .dictionary import FIELDS, OPTION_FAMILIES
from .ui_strings import UIStrings

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


class ContentError(ValueError):
    """An invalid content file: says which file, which item and what is wrong."""

    def __init__(self, file: str, item: str, reason: str):
        self.file, self.item, self.reason = file, item, reason
        super().__init__(f"{file}: {item}: {reason}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Model):
    """Wraps a parsed `show_when` rule so models can hold it."""
    raw: Any = None
    cond: Any = rules.ALWAYS

    def holds(self, f) -> bool:
        return rules.holds(self.cond, f)


def _rule(value: Any) -> Condition:
    if isinstance(value, Condition):
        return value
    try:
        return Condition(raw=value, cond=rules.parse(value))
    except rules.RuleError as e:
        raise ValueError(f"show_when: {e}") from None


RuleField = Field(default_factory=lambda: _rule(None))


class Source(_Model):
    name: str = Field(min_length=3)
    year: int = Field(ge=1990, le=2100)
    url: str = Field(pattern=r"^https?://")
    # Whether the claims resting on this source were checked against it (the search tool's
    # stored copy of the label, article or guideline), and what was or was not confirmed.
    check: Literal["confirmed", "partly_confirmed", "not_confirmed"] = "not_confirmed"
    check_note: str = ""


REVIEW_MONTHS = 12   # a clinician's sign-off holds this long; then the item is "review due"


def review_due_on(reviewed_on: dt.date) -> dt.date:
    """The day a sign-off runs out: the same date REVIEW_MONTHS later (Feb 29 -> Feb 28)."""
    year = reviewed_on.year + REVIEW_MONTHS // 12
    try:
        return reviewed_on.replace(year=year)
    except ValueError:
        return reviewed_on.replace(year=year, day=28)


class Sourced(_Model):
    """What every clinical item carries: sources, the date its sources were last checked
    (`last_reviewed`) and its sign-off by a named clinician of the center.

    `review_status` in a file is `draft` or `reviewed`; `reviewed` needs `reviewed_by` and
    `reviewed_on`. `review_due` is never written: load_content() sets it on a signed item
    whose sign-off is 12 months old, or older than a later check of the item (`last_reviewed`)."""
    id: str
    sources: list[Source] = Field(min_length=1)
    last_reviewed: dt.date
    review_status: Literal["draft", "reviewed", "review_due"]
    reviewed_by: Optional[str] = None
    reviewed_on: Optional[dt.date] = None

    @model_validator(mode="before")
    @classmethod
    def _review_due_is_not_written(cls, data):
        if isinstance(data, dict) and data.get("review_status") == "review_due":
            raise ValueError("review_status 'review_due' is set by the app 12 months after a review; "
                             "write 'draft' or 'reviewed'")
        return data

    @model_validator(mode="after")
    def _reviewed_has_reviewer(self):
        if self.review_status == "reviewed" and not (self.reviewed_by or "").strip():
            raise ValueError("review_status 'reviewed' needs reviewed_by (the clinician's name)")
        if self.review_status == "reviewed" and self.reviewed_on is None:
            raise ValueError("review_status 'reviewed' needs reviewed_on (the date of the review, YYYY-MM-DD)")
        return self

    def review_due_reason(self, today: dt.date) -> Optional[str]:
        """Why a signed item needs a clinician's review again on `today`, or None."""
        if self.reviewed_on is None or self.review_status == "draft":
            return None
        due = review_due_on(self.reviewed_on)
        if today >= due:
            return (f"reviewed by {self.reviewed_by} on {self.reviewed_on}: "
                    f"{REVIEW_MONTHS} months have passed (due since {due})")
        if self.last_reviewed > self.reviewed_on:
            return (f"reviewed by {self.reviewed_by} on {self.reviewed_on}, but changed after "
                    f"(last_reviewed {self.last_reviewed})")
        return None

    def with_review_state(self, today: dt.date):
        """This item as the app uses it on `today`: a signed item past its review is review due."""
        if self.review_status == "reviewed" and self.review_due_reason(today):
            return self.model_copy(update={"review_status": "review_due"})
        return self


# --- questions ---------------------------------------------------------------------

class Choice(_Model):
    value: str
    label: str
    help: str = ""


class ChoiceGroup(_Model):
    """A kind of choice (e.g. "Chemotherapy"), asked first; its choices are shown only once
    it is ticked. Groups are how the question is asked: the answer is still the choices."""
    id: str
    label: str
    help: str = ""
    values: list[str] = Field(min_length=1)


class GateChoice(_Model):
    label: str
    sets: Optional[str] = None     # the answer this choice gives at once (a choice value); None: show the list


class Gate(_Model):
    """One question asked before a long list: most people answer it in one tap, and only a
    choice without `sets` opens the list."""
    label: str
    choices: list[GateChoice] = Field(min_length=2)


class Question(_Model):
    id: str
    label: str
    short: str = ""                # a few words naming the answer, for summaries ("HER2 status")
    why: str
    help: str = ""
    terms: list[str] = []          # glossary ids explained beside the question
    widget: Literal["radio", "checkboxes", "pills", "scale", "text"] = "radio"
    choices: list[Choice] = []
    groups: list[ChoiceGroup] = []   # checkboxes only: kinds asked first (see ChoiceGroup)
    gate: Optional[Gate] = None      # checkboxes only: one question before the list (see Gate)
    show_when: Condition = RuleField
    _v = field_validator("show_when", mode="before")(_rule)


class SitePassage(_Model):
    page: str
    section: str


class Step(_Model):
    id: str
    title: str
    intro: str = ""
    site: Optional[SitePassage] = None
    questions: list[Question]


class Questions(_Model):
    steps: list[Step]
    order: list[str] = []   # step ids in the order they are asked (default: as in the file)

    @model_validator(mode="after")
    def _in_order(self):
        if self.order:
            ids = [s.id for s in self.steps]
            if sorted(self.order) != sorted(ids):
                raise ValueError(f"order must name every step once: {', '.join(ids)}")
            self.steps.sort(key=lambda s: self.order.index(s.id))
        return self


# --- clinical items -------------------------------------------------------------------

Frequency = Literal["very_common", "common", "uncommon", "rare"]
ConcernLevel = Literal["very_common", "common", "uncommon", "rare", "not_expected"]
Route = Literal["pills_at_home", "infusion", "injection", "pills_and_infusion", "procedure",
                "varies"]


class SideEffect(_Model):
    label: str
    frequency: Frequency
    about_n_in_100: Optional[int] = Field(default=None, ge=0, le=100)
    serious: bool = False
    concern: Optional[str] = None   # a side_effect_concerns value it relates to
    source: Optional[str] = None    # which source (name) gives the number

    @field_validator("concern")
    @classmethod
    def _concern_known(cls, v):
        if v is not None and v not in FIELDS["side_effect_concerns"].values:
            raise ValueError(f"unknown side_effect_concerns value {v!r}")
        return v


class HowGiven(_Model):
    route: Route
    text: str
    visits: str
    how_often: str = ""             # a few words for the comparison table: "About every 3 weeks"


class NotListedReason(_Model):
    when: Condition = RuleField
    text: str
    _v = field_validator("when", mode="before")(_rule)


class OptionFamily(Sourced):
    title: str
    what_it_is: str
    examples: list[str] = []
    how_given: HowGiven
    side_effects: list[SideEffect] = Field(min_length=1)
    tell_team: list[str] = Field(min_length=1)
    when_discussed: str
    daily_life: str = ""            # comparison table: what it may mean for day-to-day life
    tests_needed: str = ""          # comparison table: the tests and checks it needs
    # How often a side effect the patient may worry about (a side_effect_concerns value) happens,
    # for concerns none of `side_effects` names. Only where this item's sources say so;
    # `not_expected` only where they say it is not a side effect. Unknown: leave it out.
    concerns: dict[str, ConcernLevel] = {}
    show_when: Condition
    later_when: Condition = RuleField
    # When it is used alongside any treatment rather than instead of one (bone medicines, care
    # for symptoms, a trial): listed apart from the alternatives on the sheet. Default: never.
    alongside_when: Condition = Field(default_factory=lambda: _rule({"any": []}))
    not_listed: list[NotListedReason] = []
    _v = field_validator("show_when", "later_when", "alongside_when", mode="before")(_rule)

    @field_validator("concerns")
    @classmethod
    def _concerns_known(cls, v):
        for c in v:
            if c == "none" or c not in FIELDS["side_effect_concerns"].values:
                raise ValueError(f"unknown side_effect_concerns value {c!r}")
        return v

    @model_validator(mode="after")
    def _concern_said_once(self):
        named = {s.concern for s in self.side_effects if s.concern}
        both = sorted(named & set(self.concerns))
        if both:
            raise ValueError(f"concerns: {both[0]!r} is already given by a side effect; say it in one place")
        return self


class Caution(Sourced):
    applies_to: list[str] = Field(min_length=1)
    show_when: Condition
    text: str
    # A warning the patient must not miss (for example, harm to an unborn baby): the summary
    # puts it in OptionView.warnings, which every surface shows before anything else.
    prominent: bool = False
    _v = field_validator("show_when", mode="before")(_rule)


class Topic(Sourced):
    """A titled text shown when its rule holds: tests, support, trials, urgent care."""
    title: str
    text: str
    show_when: Condition = RuleField
    _v = field_validator("show_when", mode="before")(_rule)


class AskItem(Sourced):
    text: str
    group: str
    show_when: Condition = RuleField
    _v = field_validator("show_when", mode="before")(_rule)


class GlossaryTerm(_Model):
    id: str
    term: str
    definition: str


class TrialSearch(_Model):
    """Pieces of the prefilled ClinicalTrials.gov search link (no patient data is sent)."""
    base_url: str = Field(pattern=r"^https://clinicaltrials\.gov/")
    condition: str
    subtype_terms: dict[str, str] = {}
    biomarker_terms: dict[str, str] = {}


class UrgentCare(Sourced):
    notice: str                     # the heading: what to do now
    call: str                       # who to call
    symptoms: dict[str, str]        # urgent_symptoms value -> what it may mean, in plain words


class SiteSection(_Model):
    id: str
    heading: str
    body: str


class SitePage(_Model):
    id: str
    title: str
    intro: str
    sections: list[SiteSection]


class Center(_Model):
    name: str = Field(min_length=1)
    phone: str = Field(min_length=1)


class SheetSettings(_Model):
    facts: list[str] = Field(min_length=1)      # answer ids, in order
    questions: int = Field(ge=1, le=10)         # how many questions to ask on the sheet
    ask_first: list[str] = Field(min_length=1)  # questions_to_ask ids, in order of priority
    pdf_whole_details: int = Field(default=3, ge=1)  # options discussed now with whole details in the short PDF


class Settings(_Model):
    """content/settings.yaml: this center's name and phone, the PDF's paper, the sheet."""
    center: Center
    paper: Literal["letter", "a4"] = "letter"
    sheet: SheetSettings
    site_links: dict[str, SitePassage] = {}


class Readability(_Model):
    """A readability formula of textstat for this language, and the lowest score a sentence may have."""
    formula: str = Field(pattern=r"^[a-z_]+$")
    minimum: float


class DateStyle(_Model):
    """How a language writes a date: its months and an order with {day}, {month} and {year}."""
    months: list[str] = Field(min_length=12, max_length=12)
    format: str = Field(pattern=r"\{day\}")

    def date(self, d: dt.date) -> str:
        """"December 1, 2026", "1 de diciembre de 2026"."""
        return self.format.format(day=d.day, month=self.months[d.month - 1], year=d.year)


class Language(_Model):
    """language.yaml: how the app names a language, writes dates and checks its texts."""
    code: str = Field(pattern=r"^[a-z]{2,3}$")
    name: str = Field(min_length=2)              # in the language itself: "Español"
    picker_label: str = Field(min_length=2)      # "Language" in it: "Idioma"
    dates: DateStyle
    readability: Optional[Readability] = None    # None: no formula for it offline; a person checks
    prescriptive: list[str] = []                 # regular expressions of phrases that tell her what to do

    def date(self, d: dt.date) -> str:
        return self.dates.date(d)


class Content(_Model):
    language: str
    language_info: Language
    translation_draft: bool = False   # a translated item not yet signed by a medical translator
    questions: Questions
    options: dict[str, OptionFamily]
    cautions: list[Caution]
    tests: list[Topic]
    support: list[Topic]
    situation: list[Topic]
    missing: list[Topic]
    trials: list[Topic]
    trial_search: TrialSearch
    ask: list[AskItem]
    urgent: UrgentCare
    glossary: dict[str, GlossaryTerm]
    ui: UIStrings
    settings: Settings
    site: dict[str, SitePage]

    def text(self, key: str, /, **params: Any) -> str:
        """A UI string by dotted key (ui.yaml), with {params} filled in. Every key is checked at
        load (ui_strings.py); a key that is not a string there is a programming error."""
        node: Any = self.ui
        for part in key.split("."):
            node = node[part]
        if not isinstance(node, (str, int)):
            raise KeyError(f"{key} is a group of strings, not a string")
        node = str(node)                 # a measured number (start.measured_minutes) as text
        return node.format(**params) if params else node

    def last_reviewed(self) -> dt.date:
        """The oldest review date of any clinical item: the content is no newer than that."""
        return min(i.last_reviewed for i in self.sourced_items())

    def sourced_items(self) -> list[Sourced]:
        return [*self.options.values(), *self.cautions, *self.tests, *self.support,
                *self.situation, *self.missing, *self.trials, *self.ask, self.urgent]

    def is_draft(self) -> bool:
        """Whether any clinical item is not (or no longer) signed off: the app says so."""
        return any(i.review_status != "reviewed" for i in self.sourced_items())


# --- loading --------------------------------------------------------------------------

def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def translations(root: Path = CONTENT_DIR) -> dict[str, Language]:
    """The languages besides English: code -> how it names itself. Every folder of content/i18n/
    with a valid language.yaml is one (English is the content itself: Content.language_info)."""
    out = {}
    for path in sorted(Path(root).glob("i18n/*/language.yaml")):
        try:
            info = Language.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (OSError, yaml.YAMLError, UnicodeDecodeError, ValidationError):
            continue   # a broken language file is reported by load_content / validate-content
        if info.code == path.parent.name:
            out[info.code] = info
    return out


class _Reader:
    """Reads a content file in one language: English as it is; a translation as its words put
    over the English file (the translated file names every place that does not fit)."""

    def __init__(self, root: Path, language: str):
        self.root, self.language = root, language
        self.draft = False   # any translated item still a draft

    def _translated_rel(self, rel: str) -> str:
        return f"i18n/{self.language}/{rel}"

    def _load(self, rel: str) -> Any:
        try:
            with (self.root / rel).open(encoding="utf-8") as f:
                return _nfc(yaml.safe_load(f))
        except FileNotFoundError:
            raise ContentError(rel, "-", "file is missing") from None
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise ContentError(rel, "-", f"not valid UTF-8 YAML ({e.__class__.__name__}: {e})") from None

    def yaml(self, rel: str) -> Any:
        english = self._load(rel)
        keep = translation.kept_keys(rel)
        if self.language == "en" or not translation.has_words(english, None, keep):
            return english
        trel = self._translated_rel(rel)
        translated = self._load(trel)
        try:
            for _, review in translation.reviews(translated):
                self.draft |= review.status != "reviewed"
            return translation.overlay(english, translated, keep)
        except translation.TranslationError as e:
            raise ContentError(trel, e.where or "-", e.reason) from None

    def text(self, rel: str) -> str:
        rel = rel if self.language == "en" else self._translated_rel(rel)
        try:
            return unicodedata.normalize("NFC", (self.root / rel).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ContentError(rel, "-", "file is missing") from None

    def language_info(self) -> Language:
        rel = "language.yaml" if self.language == "en" else self._translated_rel("language.yaml")
        return _build(Language, self._load(rel), rel, self.language)


def _build(model, data: Any, file: str, item: str):
    try:
        return model.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ContentError(file, item, f"{where}: {first['msg']}" if where else first["msg"]) from None


def _items(reader: _Reader, rel: str, model, today: dt.date) -> list:
    data = reader.yaml(rel)
    if not isinstance(data, list):
        raise ContentError(rel, "-", "expected a list of items")
    out, seen = [], set()
    for n, raw in enumerate(data):
        item_id = raw.get("id", f"#{n + 1}") if isinstance(raw, dict) else f"#{n + 1}"
        if item_id in seen:
            raise ContentError(rel, item_id, "id used twice")
        seen.add(item_id)
        item = _build(model, raw, rel, item_id)
        out.append(item.with_review_state(today) if isinstance(item, Sourced) else item)
    return out


_HEADING = re.compile(r"^## (.+?)\s*\{#([a-z0-9-]+)\}\s*$", re.M)


def parse_site_page(page_id: str, text: str, file: str) -> SitePage:
    """A site page in Markdown: `# Title`, an intro, then `## Heading {#section-id}` parts."""
    lines = text.strip().splitlines()
    if not lines or not lines[0].startswith("# "):
        raise ContentError(file, page_id, "must start with a '# Title' line")
    title, rest = lines[0][2:].strip(), "\n".join(lines[1:])
    parts = _HEADING.split(rest)
    sections = [SiteSection(id=parts[i + 1], heading=parts[i], body=parts[i + 2].strip())
                for i in range(1, len(parts), 3)]
    if not sections:
        raise ContentError(file, page_id, "has no '## Heading {#id}' sections")
    return SitePage(id=page_id, title=title, intro=parts[0].strip(), sections=sections)


def load_content(root: Path = CONTENT_DIR, language: str = "en", today: dt.date | None = None) -> Content:
    """Read and validate all content. Raises ContentError naming the file, item and reason.
    A signed item whose review has run out by `today` (default: the date now) is loaded as
    `review_due`, so the app shows its draft notice again."""
    r = _Reader(Path(root), language)
    today = today or dt.date.today()
    options = {}
    for path in sorted((Path(root) / "options").glob("*.yaml")):
        rel = f"options/{path.name}"
        data = r.yaml(rel)
        item = _build(OptionFamily, data, rel, path.stem).with_review_state(today)
        if item.id != path.stem:
            raise ContentError(rel, item.id, f"id must match the file name ({path.stem})")
        options[item.id] = item
    site = {}
    for path in sorted((Path(root) / "site").glob("*.md")):
        rel = f"site/{path.name}"
        site[path.stem] = parse_site_page(path.stem, r.text(rel), rel)
        if language != "en":
            _same_sections(site[path.stem], parse_site_page(path.stem, path.read_text(encoding="utf-8"), rel),
                           r._translated_rel(rel))
    glossary = {g.id: g for g in _items(r, "glossary.yaml", GlossaryTerm, today)}
    info = r.language_info()
    content = Content(
        language=language,
        language_info=info,
        questions=_build(Questions, r.yaml("questions.yaml"), "questions.yaml", "steps"),
        options=options,
        cautions=_items(r, "cautions.yaml", Caution, today),
        tests=_items(r, "tests.yaml", Topic, today),
        support=_items(r, "support.yaml", Topic, today),
        situation=_items(r, "situation.yaml", Topic, today),
        missing=_items(r, "missing.yaml", Topic, today),
        trials=_items(r, "trials.yaml", Topic, today),
        trial_search=_build(TrialSearch, r.yaml("trial_search.yaml"), "trial_search.yaml", "-"),
        ask=_items(r, "questions_to_ask.yaml", AskItem, today),
        urgent=_build(UrgentCare, r.yaml("urgent.yaml"), "urgent.yaml", "urgent").with_review_state(today),
        glossary=glossary,
        ui=_build(UIStrings, r.yaml("ui.yaml"), "ui.yaml", "strings"),
        settings=_build(Settings, r.yaml("settings.yaml"), "settings.yaml", "settings"),
        site=site,
        translation_draft=r.draft,
    )
    check_links(content)
    return content


def _same_sections(translated: SitePage, english: SitePage, rel: str) -> None:
    ids, english_ids = [s.id for s in translated.sections], [s.id for s in english.sections]
    if ids != english_ids:
        raise ContentError(rel, translated.id, f"sections must be those of the English page, in order: {', '.join(english_ids)}")


def check_links(c: Content) -> None:
    """Cross-item checks: every family present, references resolve, rules can be true."""
    missing = [f for f in OPTION_FAMILIES if f not in c.options]
    if missing:
        raise ContentError("options/", missing[0], "option family has no content file")
    extra = [f for f in c.options if f not in OPTION_FAMILIES]
    if extra:
        raise ContentError(f"options/{extra[0]}.yaml", extra[0], "not an option family id of the data dictionary")
    asked = [q.id for s in c.questions.steps for q in s.questions]
    for q_id in FIELDS:
        if q_id not in asked:
            raise ContentError("questions.yaml", q_id, "question of the data dictionary is not asked")
    for step in c.questions.steps:
        if step.site and (step.site.page not in c.site or
                          step.site.section not in {s.id for s in c.site[step.site.page].sections}):
            raise ContentError("questions.yaml", step.id, f"site passage {step.site.page}#{step.site.section} not found")
        for q in step.questions:
            field = FIELDS.get(q.id)
            if field is None:
                raise ContentError("questions.yaml", q.id, "not an answer id of the data dictionary")
            values = [ch.value for ch in q.choices]
            if field.kind != "text" and sorted(values) != sorted(field.values):
                raise ContentError("questions.yaml", q.id, f"choices must be exactly: {', '.join(field.values)}")
            grouped = [v for g in q.groups for v in g.values]
            gated = [gc.sets for gc in (q.gate.choices if q.gate else []) if gc.sets]
            for v in grouped + gated:
                if v not in values:
                    raise ContentError("questions.yaml", q.id, f"group or gate names unknown choice {v!r}")
            if len(set(grouped)) != len(grouped):
                raise ContentError("questions.yaml", q.id, "a choice is in more than one group")
            for t in q.terms:
                if t not in c.glossary:
                    raise ContentError("questions.yaml", q.id, f"glossary term {t!r} not in glossary.yaml")
    _check_settings(c)
    for cau in c.cautions:
        for fam in cau.applies_to:
            if fam not in OPTION_FAMILIES:
                raise ContentError("cautions.yaml", cau.id, f"applies_to names unknown option family {fam!r}")
    for v in FIELDS["urgent_symptoms"].values:
        if v != "none" and v not in c.urgent.symptoms:
            raise ContentError("urgent.yaml", v, "urgent symptom has no text")
    rule_sets = [(f"options/{o.id}.yaml", o.id, o.show_when) for o in c.options.values()]
    rule_sets += [(f"options/{o.id}.yaml", o.id, o.alongside_when) for o in c.options.values()
                  if o.alongside_when.raw != {"any": []}]
    rule_sets += [(f"options/{o.id}.yaml", o.id, o.later_when) for o in c.options.values()
                  if o.later_when.raw is not None]
    for rel, items in (("cautions.yaml", c.cautions), ("tests.yaml", c.tests),
                       ("support.yaml", c.support), ("trials.yaml", c.trials),
                       ("situation.yaml", c.situation), ("missing.yaml", c.missing),
                       ("questions_to_ask.yaml", c.ask)):
        rule_sets += [(rel, i.id, i.show_when) for i in items]
    for rel, item_id, rule in rule_sets:
        if not rules.can_be_true(rule.cond, derive=facts):
            raise ContentError(rel, item_id, "show_when can never be true")


def _check_settings(c: Content) -> None:
    sheet = c.settings.sheet
    for qid in sheet.facts:
        if qid not in FIELDS:
            raise ContentError("settings.yaml", f"sheet.facts.{qid}", "not an answer id of the data dictionary")
    asks = {a.id for a in c.ask}
    for aid in sheet.ask_first:
        if aid not in asks:
            raise ContentError("settings.yaml", f"sheet.ask_first.{aid}", "not an id of questions_to_ask.yaml")
    for part, passage in c.settings.site_links.items():
        if passage.page not in c.site or passage.section not in {s.id for s in c.site[passage.page].sections}:
            raise ContentError("settings.yaml", f"site_links.{part}",
                               f"site passage {passage.page}#{passage.section} not found")
