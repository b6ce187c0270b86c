"""The clinicians' review packet: `python -m decision_aid review-packet --output DIR`.

For each option family: when the summary lists it now, later or not (a decision table made
from its rules), every text the patient reads, the cautions that go with it, every source
with its check status, its sign-off, and how every test patient (tests/data/*.yaml) comes
out; then the other clinical files item by item, and every vignette's result. Written as
HTML (index.html and one file a page, self-contained) and as one PDF. Nothing in it is
written by hand: build it again after any change to content/.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import rule_text, vignettes
from .answers import clean, subtype
from .content import CONTENT_DIR, Content, Sourced, load_content, review_due_on
from .content_checks import sourced_by_file
from .dictionary import FIELDS, OPTION_FAMILIES
from .packet_render import Heading, Page, Table, bullets, para, to_html, to_pdf
from .summary import answer_text, applicable, choice_label
from .textcheck import SKIP_KEYS, prose

TITLE = "Clinical review packet"
PDF_NAME = "review-packet.pdf"
CHECK = {
    "confirmed": "Confirmed",
    "partly_confirmed": "Partly confirmed",
    "not_confirmed": "Not confirmed",
}
CHECK_MEANS = {
    "confirmed": "the claims resting on this source were checked against its text (label, article "
                 "or guideline) and it says what the item says.",
    "partly_confirmed": "some claims were confirmed; the note says which were not.",
    "not_confirmed": "not checked against the source's text yet, or the source could not be "
                     "reached. Treat the claims as unverified.",
}
OTHER_FILES = (("situation", "situation.yaml", "Situation texts"),
               ("missing", "missing.yaml", "What is not known yet"),
               ("tests", "tests.yaml", "Tests to ask about"),
               ("cautions", "cautions.yaml", "Cautions"),
               ("trials", "trials.yaml", "Clinical trials"),
               ("support", "support.yaml", "Support"),
               ("ask", "questions_to_ask.yaml", "Questions to ask"))


@dataclass(frozen=True)
class Built:
    index: Path
    pdf: Path
    pages: int
    vignettes: int
    failed: int


def _shown_path(folder: Path) -> str:
    """The folder relative to the project when it is inside it."""
    try:
        return str(folder.resolve().relative_to(CONTENT_DIR.parent))
    except ValueError:
        return str(folder)


def signoff(item: Sourced, today: dt.date) -> str:
    if item.review_status == "reviewed":
        return (f"Reviewed by {item.reviewed_by} on {item.reviewed_on} "
                f"(review due on {review_due_on(item.reviewed_on)}).")
    reason = item.review_due_reason(today)
    if reason:
        return f"Review due: {reason}."
    return "Draft: not yet reviewed by a clinician of the center."


def _sources(item: Sourced):
    out = []
    for s in item.sources:
        runs = [("B", f"{CHECK[s.check]}: "), ("", f"{s.name} ({s.year}). "), ("", s.url, s.url)]
        if s.check_note:
            runs.append(("I", f" Check note: {s.check_note}"))
        out.append(tuple(runs))
    return [Heading("Sources and their check", 3), bullets(out)]


# Fields the pages below print themselves; any other field with text is printed as it is.
SHOWN_FIELDS = {"title", "what_it_is", "examples", "how_given", "side_effects", "tell_team",
                "when_discussed", "daily_life", "tests_needed", "concerns", "not_listed", "text",
                "group", "applies_to", "notice", "call", "symptoms", "prominent"}


def _other_fields(item) -> list:
    """Patient-facing text in fields this packet does not know by name (added since)."""
    data = item.model_dump(mode="json")
    return [para(("B", f"{key.replace('_', ' ').capitalize()}: "), " ".join(prose(value)))
            for key, value in data.items() if key not in SHOWN_FIELDS and key not in SKIP_KEYS and prose(value)]


def _item(content: Content, item: Sourced, rel: str, title: str, text: str, cond, today: dt.date,
          extra: list | None = None) -> list:
    """One clinical item of a list file: its title, when it shows, its text, sources, sign-off."""
    when = ([para(("B", "Shown when:")), bullets(rule_text.lines(cond.cond, content))]
            if cond.raw is not None else [para(("B", "Shown: "), "always")])
    return [Heading(f"{title} ({item.id})", 3),
            para(("I", f"{rel}; sources last checked {item.last_reviewed}. {signoff(item, today)}")),
            *when, *(extra or []), para(("B", "Text: "), text), *_other_fields(item), *_sources(item)]


def _caution(content: Content, c, today: dt.date) -> list:
    names = ", ".join(content.options[f].title if f in content.options else f for f in c.applies_to)
    extra = [para(("B", "Shown with: "), names)]
    if c.prominent:
        extra.append(para(("B", "Prominent: "), "shown as a warning under the option's title, before "
                                                "anything else about it, on every surface."))
    return _item(content, c, "cautions.yaml", "Caution", c.text, c.show_when, today, extra=extra)


# --- option families -----------------------------------------------------------------------

def _decision_table(content: Content, fam) -> Table:
    t, lines = content.text, (lambda c: "\n".join(rule_text.lines(c, content)))
    rows = [(f"1. Shown now when:\n{lines(fam.show_when.cond)}",
             "Listed as an option to discuss, with “Shown because of your answers: …” naming the "
             "answers that made the rule true.")]
    if fam.later_when.raw is not None:
        rows.append((f"2. Otherwise, shown as later when:\n{lines(fam.later_when.cond)}",
                     f"Named under “{t('summary_headings.path_later')}”, and in the not-listed list as "
                     f"“{t('summary.not_listed_later')}” followed by the first reason below (with a "
                     "condition) that holds."))
    k = len(rows)
    for r in fam.not_listed:
        k += 1
        when = (f"{k}. Otherwise, if:\n" + lines(r.when.cond)) if r.when.raw is not None else \
            f"{k}. Otherwise, in any other case:"
        rows.append((when, f"Not listed. The patient reads: “{r.text.strip()}”"))
    if not any(r.when.raw is None for r in fam.not_listed):
        rows.append((f"{k + 1}. Otherwise, in any other case:",
                     f"Not listed. The patient reads: “{t('summary.not_listed_default')}”"))
    return Table(("Condition (checked from the top; the first that holds decides)", "What the summary shows"),
                 tuple(rows), (11, 9))


def _vignette_blocks(content: Content, fam_id: str, results: list[vignettes.Result]) -> list:
    """A row for each test patient for whom this option is listed now or later, or whose test
    expects something of it; the others (not listed, nothing expected) named in one line."""
    rows, others = [], []
    for r in results:
        outcome, why = r.outcome(fam_id, content)
        exp = r.vignette.expect
        wanted = ("listed now" if fam_id in exp.get("options_include", []) else
                  "not listed now" if fam_id in exp.get("options_exclude", []) else
                  "one of several listed now" if fam_id in exp.get("options_include_any", []) else "")
        if not wanted and outcome == "not listed":
            others.append(r.vignette.name)
            continue
        met = {"listed now": outcome == "now", "not listed now": outcome != "now",
               "one of several listed now": bool(set(exp.get("options_include_any", [])) & set(r.now))}.get(wanted)
        mark = "" if not wanted else (" ✓" if met else " ✗ NOT MET")
        rows.append((f"{r.vignette.name}\n({r.vignette.file})", outcome, why, (wanted or "—") + mark))
    out = [Table(("Test patient", "This option", "What the summary says", "The test expects"),
                 tuple(rows), (6, 3, 10, 4))] if rows else []
    if others:
        out.append(para(("B", f"Not listed, and nothing expected of it, for {len(others)} other test patients: "),
                        ", ".join(others) + "."))
    return out


def _texts(content: Content, fam) -> list:
    t = content.text
    out = [Heading("What the patient reads"), para(("B", "Title: "), fam.title),
           para(("B", "What it is: "), fam.what_it_is)]
    if fam.examples:
        out.append(para(("B", "Examples: "), ", ".join(fam.examples)))
    hg = fam.how_given
    out += [para(("B", "How it is given: "), f"{t('routes.' + hg.route)}. {hg.text} {hg.visits}"),
            para(("B", "How often (comparison table): "), hg.how_often or t("fit.unknown")),
            para(("B", "Side effects:"))]
    effects = []
    for s in fam.side_effects:
        how = t(f"frequency.{s.frequency}")
        if s.about_n_in_100 is not None:
            how += f"; about {s.about_n_in_100} in 100" + (f" (source: {s.source})" if s.source else "")
        if s.serious:
            how += "; serious"
        if s.concern:
            how += f"; answers the worry “{t('fit.concern_names.' + s.concern)}”"
        effects.append(f"{s.label.strip()} — {how}")
    out.append(bullets(effects))
    if fam.concerns:
        out += [para(("B", "Other worries, and how often they happen:")),
                bullets(f"{t('fit.concern_names.' + c)}: "
                        f"{t('fit.not_expected') if v == 'not_expected' else t('frequency.' + v)}"
                        for c, v in fam.concerns.items())]
    out += [para(("B", "Tell your care team about:")), bullets(fam.tell_team),
            para(("B", "When it is discussed: "), fam.when_discussed),
            para(("B", "Daily life (comparison table): "), fam.daily_life or t("fit.unknown")),
            para(("B", "Tests needed (comparison table): "), fam.tests_needed or t("fit.unknown")),
            *_other_fields(fam)]
    return out


def _family_page(content: Content, fam_id: str, results, today: dt.date) -> Page:
    fam = content.options[fam_id]
    rel = f"content/options/{fam_id}.yaml"
    blocks = [para(("B", "Sign-off: "), signoff(fam, today)),
              para(("I", f"File {rel}; sources last checked {fam.last_reviewed}.")),
              Heading("When the summary lists it"), _decision_table(content, fam)]
    if results:
        blocks += [Heading("The test patients (vignettes)"),
                   para("How each test patient comes out for this option (their answers and full "
                        "results: ", ("", "Test patients", "page:vignettes"), ")."),
                   *_vignette_blocks(content, fam_id, results)]
        if not any(fam_id in r.now for r in results):
            blocks.append(para(("B", "No test patient has this option listed now. "),
                               "A vignette that should list it would test its rule."))
    blocks += _texts(content, fam)
    cautions = [c for c in content.cautions if fam_id in c.applies_to]
    blocks.append(Heading("Cautions shown with it"))
    if not cautions:
        blocks.append(para("None."))
    for c in cautions:
        blocks += _caution(content, c, today)
    blocks.append(Heading("Sources"))
    blocks += _sources(fam)[1:]
    return Page(f"family-{fam_id}", fam.title, blocks)


# --- the other files -------------------------------------------------------------------------

def _list_page(content: Content, key: str, rel: str, title: str, today: dt.date) -> Page:
    items = [i for file, i in sourced_by_file(content) if file == rel]
    blocks = [para(("I", f"File content/{rel}: {len(items)} items."))]
    for i in items:
        if key == "cautions":
            blocks += _caution(content, i, today)
        elif key == "ask":
            blocks += _item(content, i, rel, f"Question ({i.group})", i.text, i.show_when, today)
        else:
            blocks += _item(content, i, rel, i.title, i.text, i.show_when, today)
    return Page(f"file-{key}", f"{title} ({rel})", blocks)


def _urgent_page(content: Content, today: dt.date) -> Page:
    u = content.urgent
    blocks = [para(("B", "Sign-off: "), signoff(u, today)),
              para(("I", f"File content/urgent.yaml; sources last checked {u.last_reviewed}. Shown first, "
                         "on every page and in the printed summary, when any urgent symptom is ticked.")),
              para(("B", "Heading: "), u.notice), para(("B", "What to do: "), u.call),
              Table(("Symptom the patient ticks", "What the app says it may mean"),
                    tuple((choice_label(content, "urgent_symptoms", k), v.strip()) for k, v in u.symptoms.items()),
                    (7, 13)),
              *_other_fields(u), *_sources(u)]
    return Page("file-urgent", "Urgent symptoms (urgent.yaml)", blocks)


# --- vignettes -----------------------------------------------------------------------------

def _answers_in_words(content: Content, answers: dict) -> list[str]:
    try:
        given = applicable(clean(answers), content)
    except Exception:  # invalid answers are shown as written; the result says why they fail
        return [f"{k}: {v}" for k, v in answers.items()]
    return [f"{rule_text.question_name(content, k)}: {answer_text(content, k, v)}" for k, v in given.items()]


EXPECT_WORDS = {"options_include": "Listed now", "options_exclude": "Not listed now",
                "options_include_any": "At least one listed now", "text_matches": "The summary says",
                "text_absent": "The summary does not say"}


def _expectations(expect: dict, titles: dict[str, str]) -> list[str]:
    """A vignette's expectations in words: option titles, not ids."""
    out = []
    for key, x in expect.items():
        if key == "urgent":
            out.append("The urgent notice shows." if x else "No urgent notice.")
        elif key == "urgent_first":
            out.append("The urgent notice comes first." if x else "")
        elif key.startswith("options_"):
            out.append(f"{EXPECT_WORDS.get(key, key)}: " + "; ".join(titles.get(f, f) for f in x))
        elif key.startswith("text_"):
            out.append(f"{EXPECT_WORDS.get(key, key)}: " + ", ".join(f"/{rx}/" for rx in x))
        else:
            out.append(f"{key}: {x}")
    return [line for line in out if line]


def _vignette_page(content: Content, results: list[vignettes.Result], folder: Path) -> Page:
    failed = [r for r in results if not r.passed]
    blocks = [para(f"{len(results) - len(failed)} of {len(results)} test patients meet every expectation. "
                   f"They come from the YAML files in {_shown_path(folder)} and run in make test "
                   "(tests/test_vignettes.py) through the same checks.")]
    if failed:
        blocks.append(para(("B", "Not met: "), ", ".join(r.vignette.name for r in failed)))
    titles = {f: content.options[f].title for f in OPTION_FAMILIES}
    for r in results:
        v, s = r.vignette, r.summary
        blocks += [Heading(f"{v.name} — {'meets its expectations' if r.passed else 'DOES NOT MEET its expectations'}", 3),
                   para(("I", f"File tests/data/{v.file}")),
                   para(("B", "Answers:")), bullets(_answers_in_words(content, v.answers) or ["None given."])]
        if s:
            later = [f for f in OPTION_FAMILIES if r.outcome(f, content)[0] == "later"]
            blocks += [para(("B", "Listed now: "), "; ".join(titles[f] for f in r.now) or "none"),
                       para(("B", "Later: "), "; ".join(titles[f] for f in later) or "none"),
                       para(("B", "Urgent notice: "), "shown" if s.urgent_notice else "not shown")]
        blocks += [para(("B", "The test expects:")),
                   bullets(_expectations(v.expect, titles) or ["Nothing beyond the checks every summary gets."])]
        if r.failures:
            blocks += [para(("B", "Not met:")), bullets(r.failures)]
        if r.not_checked:
            blocks.append(para(("B", "Expectations this checker does not know (not checked): "), ", ".join(r.not_checked)))
    return Page("vignettes", "Test patients (vignettes)", blocks)


# --- the index -----------------------------------------------------------------------------

def _subtype_table(content: Content) -> Table:
    rows = []
    for hr in (*FIELDS["hr_status"].values, None):
        by_type: dict[str, list[str]] = {}
        for her2 in (*FIELDS["her2_status"].values, None):
            answers = {k: v for k, v in (("hr_status", hr), ("her2_status", her2)) if v}
            label = choice_label(content, "her2_status", her2) if her2 else "not answered"
            by_type.setdefault(subtype(answers), []).append(f"“{label}”")
        for kind, her2s in by_type.items():
            rows.append((f"“{choice_label(content, 'hr_status', hr)}”" if hr else "not answered",
                         ", ".join(her2s), f"“{choice_label(content, 'subtype', kind)}”"))
    return Table(("Hormone receptors", "HER2 status", "Tumor type"), tuple(rows), (6, 10, 5))


def _index(content: Content, pages: list[Page], results, folder: Path, today: dt.date) -> Page:
    items = [i for _, i in sourced_by_file(content)]
    counts = {s: sum(i.review_status == s for i in items) for s in ("reviewed", "review_due", "draft")}
    sources = [s for i in items for s in i.sources]
    checks = {c: sum(s.check == c for s in sources) for c in CHECK}
    failed = sum(not r.passed for r in results)
    fam_lines = []
    for f in OPTION_FAMILIES:
        fam = content.options[f]
        now = sum(f in r.now for r in results)
        ok = sum(s.check == "confirmed" for s in fam.sources)
        fam_lines.append((("B", fam.title, f"page:family-{f}"),
                          ("", f" ({f}). {signoff(fam, today)} Sources confirmed: {ok} of {len(fam.sources)}. "
                               f"Listed now for {now} of {len(results)} test patients.")))
    others = [(("", p.title, f"page:{p.id}"),) for p in pages if p.id.startswith("file-")]
    return Page("index", TITLE, [
        para(f"Made on {today} from {content.language!r} content. Every table and text below is read "
             "from the content files and the rules the app runs; nothing is written by hand. Build it "
             "again after any change (see docs/clinical-review.md)."),
        Heading("Where things stand"),
        bullets([f"Clinical items: {len(items)}. Signed off: {counts['reviewed']}. Review due: "
                 f"{counts['review_due']}. Draft: {counts['draft']}.",
                 f"Sources: {len(sources)}. " + ". ".join(f"{CHECK[c]}: {n}" for c, n in checks.items()) + ".",
                 f"Test patients (vignettes): {len(results)}; meeting every expectation: {len(results) - failed}; "
                 f"not: {failed}."]),
        Heading("How to read the rules"),
        bullets(["Each option family has a decision table. Its conditions are checked from the top; the "
                 "first that holds decides whether the option is shown now, named as later, or not listed, "
                 "and which reason the patient reads.",
                 "An answer is named by its question (its short label) and the choice the patient sees, "
                 "in “quotes”. “has … ticked” is for questions where several boxes can be ticked.",
                 "A skipped question never makes “is …” or “has … ticked” true; “is not …” holds when the "
                 "question is skipped, and the table says so.",
                 "Tumor type is never asked: it is worked out from two answers, as in the table below."]),
        _subtype_table(content),
        Heading("What the source checks mean"),
        bullets([(("B", f"{CHECK[c]}: "), ("", m)) for c, m in CHECK_MEANS.items()]),
        Heading("Option families"), bullets(fam_lines),
        Heading("The other clinical texts"), bullets(others),
        Heading("Test patients"), para(("", "Every test patient, its answers and its result", "page:vignettes")),
        Heading("How to sign an item off"),
        bullets(["In the item's YAML file set review_status: reviewed, reviewed_by: your name and role, "
                 "reviewed_on: the date (YYYY-MM-DD).",
                 "Run: python -m decision_aid validate-content. It refuses a sign-off without a name or a date.",
                 "A sign-off holds 12 months. After that, or once the item is checked again later "
                 "(last_reviewed after reviewed_on), the item is review due: the app shows its draft notice "
                 "again and validate-content reports it.",
                 "The app shows “Reviewed by … on …” with each signed option, and its draft notice while any "
                 "item is not signed."]),
    ])


def build(content: Content, results: list[vignettes.Result], folder: Path, today: dt.date) -> list[Page]:
    """Every page of the packet, the index first."""
    pages = [_family_page(content, f, results, today) for f in OPTION_FAMILIES]
    pages += [_list_page(content, key, rel, title, today) for key, rel, title in OTHER_FILES]
    pages += [_urgent_page(content, today), _vignette_page(content, results, folder)]
    return [_index(content, pages, results, folder, today), *pages]


def write(output: Path, content_root: Path, vignette_dir: Path, today: dt.date | None = None) -> Built:
    """Build the packet from this content and these vignettes, and write it into `output`."""
    today = today or dt.date.today()
    content = load_content(content_root, today=today)
    results = [vignettes.run(v, content) for v in vignettes.load(vignette_dir)] if vignette_dir.is_dir() else []
    pages = build(content, results, vignette_dir, today)
    output.mkdir(parents=True, exist_ok=True)
    for p in pages:
        (output / f"{p.id}.html").write_text(to_html(p, pages[0], TITLE), encoding="utf-8")
    (output / PDF_NAME).write_bytes(to_pdf(pages, TITLE))
    return Built(output / "index.html", output / PDF_NAME, len(pages), len(results),
                 sum(not r.passed for r in results))
