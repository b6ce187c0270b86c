"""Spanish (issue 16): the whole aid in a second language, built from files only.

A translation holds only the words (decision_aid/translation.py): a missing, extra or
still-English text fails validate-content; the rules stay those of the English files, so every
patient gets the same options in Spanish; her saved file and the command line keep her
language; her PDF ends with the sheet in English for her care team.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
import shutil

import pytest
import yaml

from decision_aid import translation, vignettes
from decision_aid.answers import read_saved, to_file
from decision_aid.cli import main
from decision_aid.content import CONTENT_DIR, ContentError, load_content, translations
from decision_aid.content_checks import check_all
from decision_aid.summary import build_summary

VIGNETTES = vignettes.load(CONTENT_DIR.parent / "tests" / "data")

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def es():
    return load_content(language="es")


@pytest.fixture(scope="module")
def en():
    return load_content()


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_spanish_is_offered_by_its_own_name():
    langs = translations()
    assert langs["es"].name == "Español" and langs["es"].picker_label == "Idioma"
    assert load_content().language_info.name == "English"


def test_the_spanish_content_passes_every_check(es):
    """Every file, item and UI string has Spanish words that differ from the English ones (names
    and numbers aside), read plainly (Fernández-Huerta per sentence) and never prescribe."""
    problems = check_all(es, CONTENT_DIR)
    assert problems == [], f"{len(problems)} problems, first: {problems[:5]}"


def test_validate_content_in_spanish_passes_from_the_command_line():
    code, out, err = _cli("validate-content", "--language", "es")
    assert code == 0, err[:2000]


@pytest.fixture
def copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    return root


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_text_missing_from_the_translation_is_named(copy):
    _edit(copy / "i18n/es/ui.yaml", lambda d: d["sidebar"].pop("clear"))
    with pytest.raises(ContentError) as e:
        load_content(copy, language="es")
    assert e.value.file == "i18n/es/ui.yaml" and e.value.item == "sidebar.clear"
    code, _, err = _cli("validate-content", "--content", str(copy), "--language", "es")
    assert code == 2 and "i18n/es/ui.yaml" in err and "sidebar.clear" in err


def test_a_new_english_text_without_spanish_fails(copy):
    """An English item added later must be translated before the Spanish aid loads."""
    def add(d):
        d.append({**d[0], "id": "new_item"})
    _edit(copy / "glossary.yaml", add)
    with pytest.raises(ContentError) as e:
        load_content(copy, language="es")
    assert e.value.file == "i18n/es/glossary.yaml" and "new_item" in e.value.item


def test_a_translation_cannot_change_a_rule(copy):
    """Rules, ids and sources stay in the English file: a translated file that carries one is refused."""
    _edit(copy / "i18n/es/options/oral_serd.yaml", lambda d: d.update(show_when={"all": []}))
    with pytest.raises(ContentError) as e:
        load_content(copy, language="es")
    assert e.value.item == "show_when" and "English file" in e.value.reason


def test_a_text_left_in_english_is_reported_but_names_may_stay(copy):
    english = yaml.safe_load((copy / "ui.yaml").read_text(encoding="utf-8"))
    _edit(copy / "i18n/es/ui.yaml", lambda d: d["sidebar"].update(clear=english["sidebar"]["clear"]))
    problems = check_all(load_content(copy, language="es"), copy)
    assert [p for p in problems if "sidebar.clear" in p and "still the English text" in p]
    assert translation.same_as_english_allowed("elacestrant (Orserdu)", {"elacestrant", "orserdu"})
    assert translation.same_as_english_allowed("ESR1, PD-L1 {n}", set())
    assert not translation.same_as_english_allowed("Clear my answers", set())


def test_a_long_spanish_sentence_is_reported(copy):
    long = ("La terapia hormonal con inhibidores de la aromatasa combinados con medicamentos dirigidos "
            "contra las proteínas reguladoras del ciclo celular representa habitualmente la primera "
            "alternativa considerada internacionalmente para personas posmenopáusicas.")
    _edit(copy / "i18n/es/glossary.yaml", lambda d: d[0].update(definition=long))
    problems = check_all(load_content(copy, language="es"), copy)
    assert [p for p in problems if "fernandez_huerta" in p and "i18n/es/glossary.yaml" in p]


def test_a_prescriptive_spanish_phrase_is_reported(copy):
    _edit(copy / "i18n/es/glossary.yaml", lambda d: d[0].update(definition="Usted debe elegir esto."))
    problems = check_all(load_content(copy, language="es"), copy)
    assert [p for p in problems if "prescriptive phrase" in p and "i18n/es/glossary.yaml" in p]


def test_each_translated_item_carries_its_review_and_the_draft_is_said_in_spanish(copy, es):
    assert es.translation_draft
    summary = build_summary({"sex": "female"}, es)
    assert es.text("app.translation_draft") in summary.draft_notice
    for path in (copy / "i18n/es").rglob("*.yaml"):
        rel = path.relative_to(copy / "i18n/es").as_posix()
        if rel != "language.yaml":
            assert list(translation.reviews(yaml.safe_load(path.read_text(encoding="utf-8")))), rel

    def sign(d):
        d["translation_review"] = {"status": "reviewed", "reviewed_by": "A. Translator, CMI"}
    _edit(copy / "i18n/es/ui.yaml", sign)
    with pytest.raises(ContentError) as e:          # signed needs a date too
        load_content(copy, language="es")
    assert "reviewed_on" in e.value.reason


@pytest.mark.parametrize("v", VIGNETTES, ids=[v.name for v in VIGNETTES])
def test_every_vignette_gets_the_same_options_in_spanish(v, en, es):
    ours, theirs = build_summary(v.answers, en), build_summary(v.answers, es)
    assert [o.id for o in theirs.options] == [o.id for o in ours.options]
    assert [n.id for n in theirs.not_listed] == [n.id for n in ours.not_listed]
    assert bool(theirs.urgent_notice) == bool(ours.urgent_notice)


def test_the_spanish_summary_speaks_spanish_and_dates_in_spanish(es):
    v = next(v for v in VIGNETTES if v.answers.get("recurrence_type") == "distant")
    s = build_summary(v.answers, es)
    assert s.language == "es" and s.disclaimer == es.text("summary.disclaimer")
    assert re.search(r"\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
                     r"noviembre|diciembre) de \d{4}", s.dates.date(s.content_last_reviewed))


def test_the_saved_file_keeps_her_language():
    data = to_file({"sex": "female"}, "es")
    assert json.loads(data)["language"] == "es" and json.loads(data)["schema_version"] == 1
    assert read_saved(data) == ({"sex": "female"}, "es")
    assert "language" not in json.loads(to_file({"sex": "female"}))       # English: as before
    odd = b'{"schema_version": 1, "answers": {"sex": "female"}, "language": "<b>x</b>"}'
    assert read_saved(odd) == ({"sex": "female"}, None)                   # answers kept, language ignored


def _text_of(pdf: bytes) -> str:
    from pypdf import PdfReader
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_the_command_line_speaks_the_files_language_and_the_pdf_ends_in_english(tmp_path, en, es):
    v = next(v for v in VIGNETTES if v.answers.get("recurrence_type") == "distant"
             and build_summary(v.answers, en).options)
    saved = tmp_path / "answers.json"
    saved.write_bytes(to_file({**v.answers, "own_questions": "¡Gracias! ¿Y después?"}, "es"))
    code, out, _ = _cli("summarize", str(saved), "--format", "markdown")
    assert code == 0 and es.text("summary.disclaimer") in out
    code, out, _ = _cli("summarize", str(saved), "--format", "markdown", "--language", "en")
    assert code == 0 and en.text("summary.disclaimer") in out
    code, _, err = _cli("summarize", str(saved), "--language", "xx")
    assert code == 2 and "--language" in err

    pdf = tmp_path / "s.pdf"
    assert _cli("summarize", str(saved), "--format", "pdf", "--output", str(pdf))[0] == 0
    text = _text_of(pdf.read_bytes())
    mine, _, team = text.partition(en.text("sheet.team_copy_title"))
    assert team, "the English sheet for the care team follows her pages"
    assert set("áéíóúñ¿¡") <= set(mine), "Spanish letters and marks are kept in the PDF"
    assert "¡Gracias! ¿Y después?" in mine
    flat = lambda s: re.sub(r"\s+", " ", s)
    # the same options discussed now, named in English (what goes alongside any treatment is hers alone)
    for option in (o for o in build_summary(v.answers, en).options if not o.alongside):
        assert flat(option.title)[:25] in flat(team)


def test_a_question_groups_choice_ids_stay_in_the_english_file(es, en):
    """A group's `values` name answer choices (ids), not words: the Spanish file leaves them out,
    the check does not ask for them in Spanish, and the Spanish groups gather the same choices."""
    def groups(content):
        return {g.id: g.values for s in content.questions.steps for q in s.questions for g in q.groups}
    assert groups(en) and groups(es) == groups(en)
    assert not [p for p in check_all(es, CONTENT_DIR) if ".values." in p]


def test_the_english_sheet_for_the_team_is_one_page_after_her_pages(en, es):
    """Her pages first; then the team's English sheet on one page of its own, for every test patient."""
    from pypdf import PdfReader
    from decision_aid.export_pdf import to_pdf
    assert len(VIGNETTES) > 40
    for v in VIGNETTES:
        s = build_summary(v.answers, es, team=en)
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(s))).pages]
        first = [n for n, text in enumerate(pages) if en.text("sheet.team_copy_title") in text]
        assert first == [len(pages) - 1], f"{v.name}: the English sheet starts on page {first} of {len(pages)}"
        assert en.text("summary.disclaimer")[:40] not in pages[-1]      # her reminder is on her pages


def test_a_third_language_is_only_files(tmp_path):
    """Vietnamese, as docs/translation.md says: start it, fill in the words, and the aid offers it,
    loads it and builds summaries in it, with no change to the code."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    assert _cli("translation-template", "--language", "vi", "--content", str(root))[0] == 0
    folder = root / "i18n" / "vi"

    def fill(node):
        if isinstance(node, dict):
            return {k: (v if k in translation.ANCHORS + (translation.REVIEW_KEY,) else fill(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [fill(v) for v in node]
        return f"[vi] {node}" if isinstance(node, str) else node

    for path in folder.rglob("*.yaml"):
        if path.name != "language.yaml":
            path.write_text(yaml.safe_dump(fill(yaml.safe_load(path.read_text(encoding="utf-8"))),
                                           allow_unicode=True), encoding="utf-8")
    for path in folder.glob("site/*.md"):
        path.write_text(re.sub(r"^(#+ )", r"\1[vi] ", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    _edit(folder / "language.yaml", lambda d: d.update(name="Tiếng Việt", picker_label="Ngôn ngữ"))

    assert translations(root)["vi"].name == "Tiếng Việt"
    vi, en = load_content(root, language="vi"), load_content(root)
    assert vi.text("sidebar.clear") == f"[vi] {en.text('sidebar.clear')}"
    v = next(v for v in VIGNETTES if v.answers.get("recurrence_type") == "distant")
    theirs, ours = build_summary(v.answers, vi, team=en), build_summary(v.answers, en)
    assert [o.id for o in theirs.options] == [o.id for o in ours.options]
    assert theirs.options[0].title.startswith("[vi] ") and theirs.team_copy.language == "en"
    assert not [p for p in check_all(vi, root) if "still the English" in p]
