"""Content checks: schema, links between items, wording, freshness — and that a broken
content file is caught with its file, its item and the reason."""
import ast
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from decision_aid.content import CONTENT_DIR, ContentError, load_content
from decision_aid.content_checks import check_all
from decision_aid.dictionary import FIELDS, OPTION_FAMILIES

ROOT = Path(__file__).resolve().parent.parent


def test_every_option_family_has_a_sourced_dated_item(content):
    assert sorted(content.options) == sorted(OPTION_FAMILIES)
    for item in content.sourced_items():
        assert item.sources and item.last_reviewed <= dt.date.today()
        assert item.review_status in ("draft", "reviewed")


def test_wording_is_plain_and_never_prescribes(content):
    assert check_all(content, CONTENT_DIR) == []


def test_glossary_has_at_least_40_terms_and_questions_link_to_it(content):
    assert len(content.glossary) >= 40
    linked = {t for s in content.questions.steps for q in s.questions for t in q.terms}
    assert linked and linked <= set(content.glossary)


def test_every_question_has_why_and_an_unsure_choice_where_the_dictionary_does(content):
    for step in content.questions.steps:
        for q in step.questions:
            assert q.why.strip(), q.id
            if "unsure" in FIELDS[q.id].values:
                assert any(c.value == "unsure" and c.label for c in q.choices), q.id


@pytest.fixture
def broken(tmp_path):
    """A copy of content/ to break one file at a time."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)

    def edit(rel, change):
        path = root / rel
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return root
    return edit


def _first(items):
    return items[0]


@pytest.mark.parametrize("rel, change, words", [
    ("options/t_dxd.yaml", lambda d: d.update(show_when={"her2_state": "low"}), ["t_dxd", "unknown answer id"]),
    ("options/t_dxd.yaml", lambda d: d.update(show_when={"her2_status": "medium"}), ["t_dxd", "unknown value"]),
    ("options/chemotherapy.yaml", lambda d: d.update(show_when={"all": [{"sex": "male"}, {"sex": "female"}]}),
     ["chemotherapy", "can never be true"]),
    ("options/parp_inhibitor.yaml", lambda d: d.pop("sources"), ["parp_inhibitor", "sources"]),
    ("options/parp_inhibitor.yaml", lambda d: d.update(sources=[]), ["parp_inhibitor", "sources"]),
    ("cautions.yaml", lambda d: _first(d).pop("last_reviewed"), ["cautions.yaml", "last_reviewed"]),
    ("cautions.yaml", lambda d: _first(d).update(applies_to=["magic_pill"]), ["cautions.yaml", "magic_pill"]),
    ("tests.yaml", lambda d: _first(d).update(review_status="approved"), ["tests.yaml", "review_status"]),
    ("questions.yaml", lambda d: d["steps"][1]["questions"].pop(0), ["questions.yaml", "recurrence_type", "not asked"]),
    ("questions.yaml", lambda d: d["steps"][2]["questions"][0]["choices"].pop(), ["questions.yaml", "hr_status", "choices"]),
    ("questions.yaml", lambda d: d["steps"][2]["questions"][0].update(terms=["nonsense_term"]), ["nonsense_term"]),
    ("urgent.yaml", lambda d: d["symptoms"].pop("fever_or_chills_during_treatment"), ["urgent.yaml", "fever"]),
    # every string the app shows is checked at load: a missing one is named, never a KeyError later
    ("ui.yaml", lambda d: d["fit"]["concern_names"].pop("fertility"), ["ui.yaml", "fit.concern_names.fertility", "required"]),
    ("ui.yaml", lambda d: d["sheet"].pop("options_now"), ["ui.yaml", "sheet.options_now", "required"]),
    ("ui.yaml", lambda d: d["summary_headings"].update(titel="x"), ["ui.yaml", "summary_headings.titel"]),
    ("settings.yaml", lambda d: d["sheet"].update(facts=["her2_statu"]), ["settings.yaml", "her2_statu"]),
    ("settings.yaml", lambda d: d["sheet"]["ask_first"].append("no_such_question"), ["settings.yaml", "no_such_question"]),
    ("settings.yaml", lambda d: d.update(paper="legal"), ["settings.yaml", "paper"]),
    ("options/bone_modifying.yaml", lambda d: d.update(alongside_when={"sex": "martian"}), ["bone_modifying", "unknown value"]),
])
def test_broken_content_names_file_item_and_reason(broken, rel, change, words):
    root = broken(rel, change)
    with pytest.raises(ContentError) as e:
        load_content(root)
    for w in words:
        assert w in str(e.value), str(e.value)


def test_missing_option_file_and_bad_yaml_are_named(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    (root / "options" / "oral_serd.yaml").unlink()
    with pytest.raises(ContentError, match="oral_serd"):
        load_content(root)
    shutil.copy(CONTENT_DIR / "options" / "oral_serd.yaml", root / "options")
    (root / "glossary.yaml").write_text("- id: x\n  term: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match="glossary.yaml.*not valid"):
        load_content(root)


def test_prescriptive_phrase_and_stale_date_are_reported(broken):
    root = broken("support.yaml", lambda d: _first(d).update(text="You should call us. It is the best option."))
    content = load_content(root)
    problems = check_all(content, root)
    assert any("support.yaml" in p and "you should" in p.lower() for p in problems)
    later = max(i.last_reviewed for i in content.sourced_items()) + dt.timedelta(days=400)
    assert any("over 12 months" in p for p in check_all(content, root, today=later))


def test_hard_words_are_reported(broken):
    long = ("Notwithstanding considerable interindividual heterogeneity, pharmacological "
            "interventions demonstrate substantially differential efficacy characteristics.")
    root = broken("situation.yaml", lambda d: _first(d).update(text=long))
    assert any("reading grade" in p for p in check_all(load_content(root), root))


def test_one_long_sentence_is_caught_among_easy_ones(broken):
    """Each sentence is scored on its own: easy sentences around it do not average a hard one away."""
    hard = ("Trastuzumab deruxtecan demonstrated considerably prolonged progression-free survival "
            "compared with conventional chemotherapy in previously treated individuals.")
    text = "You can ask us. We are here. It is fine to ask. " * 8 + hard + " Ask us what it means."
    root = broken("situation.yaml", lambda d: _first(d).update(text=text))
    problems = [p for p in check_all(load_content(root), root) if "reading grade" in p]
    assert len(problems) == 1 and "progression-free survival" in problems[0]


def test_drug_names_count_and_glossary_terms_do_not():
    from decision_aid.content_checks import glossary_terms
    from decision_aid.textcheck import hard_sentences
    terms = glossary_terms(load_content(CONTENT_DIR))
    names = "It can be trastuzumab deruxtecan, sacituzumab govitecan or datopotamab deruxtecan."
    assert hard_sentences(names, terms), "drug names are scored as written, not hidden"
    explained = "Ask about visceral crisis, endocrine resistance and an antibody-drug conjugate."
    assert hard_sentences(explained) and not hard_sentences(explained, terms)


@pytest.mark.parametrize("url, words", [
    ("https://www.curetoday.com/view/fda-approves-something", ["curetoday.com", "news or secondary"]),
    ("https://ascopost.com/news/june-2026/fda-approves-something/", ["ascopost.com", "news or secondary"]),
    ("https://www.drugs.com/news/fda-approves-something.html", ["drugs.com", "news or secondary"]),
    ("https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=ribociclib", ["search page"]),
])
def test_news_pages_and_search_pages_are_not_accepted_as_sources(broken, url, words):
    def add(d):
        d["sources"].append({"name": "A page", "year": 2026, "url": url})
    root = broken("options/oral_serd.yaml", add)
    problems = [p for p in check_all(load_content(root), root) if url in p]
    assert problems and all(w in problems[0] for w in words), problems


def test_every_source_says_whether_it_was_checked(content):
    for item in content.sourced_items():
        for src in item.sources:
            assert src.check_note.strip(), (item.id, src.url)


DISPLAY = {"markdown", "write", "header", "subheader", "title", "caption", "error", "info", "warning",
           "success", "button", "radio", "checkbox", "text_area", "download_button", "link_button",
           "expander", "text", "page_link", "pills", "file_uploader", "toast", "segmented_control"}


def test_pages_hold_no_patient_facing_text():
    """Every patient-facing string comes from content/, so a language can be added as files."""
    offenders = []
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # the one exception: the message shown when the content itself cannot be read
        exempt = {n.lineno for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == "content_or_stop"
                  for n in ast.walk(f) if hasattr(n, "lineno")}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in DISPLAY and node.lineno not in exempt
                    and ast.unparse(node.func.value) != "log"):
                args = list(node.args[:1]) + [k.value for k in node.keywords if k.arg in ("label", "body", "help")]
                for a in args:
                    if (isinstance(a, ast.Constant) and isinstance(a.value, str) and " " in a.value.strip()
                            and any(c.isalpha() for c in a.value)):
                        offenders.append(f"{path.name}:{node.lineno}: {a.value[:40]!r}")
    assert offenders == []


def test_yaml_is_only_read_safely():
    for path in (ROOT / "decision_aid").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "yaml.load(" not in text and "yaml.unsafe_load" not in text and "FullLoader" not in text


def test_validate_content_names_a_missing_ui_string(broken):
    from decision_aid.cli import main
    root = broken("ui.yaml", lambda d: d["fit"]["concern_names"].pop("fertility"))
    import contextlib
    import io
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["validate-content", "--content", str(root)]) == 2
    assert "ui.yaml" in err.getvalue() and "fit.concern_names.fertility" in err.getvalue()
