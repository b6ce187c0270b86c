"""The PDF summary: the same Summary value as the Markdown, read back with pypdf."""
import datetime as dt
import functools
import io
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_aid.answers import to_file
from decision_aid.export_pdf import to_pdf
from decision_aid.pdf_fonts import FONTS
from decision_aid.summary import build_summary

ROOT = Path(__file__).resolve().parent.parent
OWN = ("Können wir über Nebenwirkungen sprechen? ¿Y el costo? Tóm tắt\n"
       "<b>bold</b> and **x** [a](http://x)")
NOTES = "Call on Tuesday. <i>not italic</i> __y__ # not a heading"
ANSWERS = {
    "urgent_symptoms": ["back_pain_with_weakness_or_numbness"],
    "recurrence_type": "distant",
    "metastatic_sites": ["bone"],
    "recurrence_timing": "more_than_12_months_after",
    "hr_status": "positive",
    "her2_status": "zero",
    "biomarkers": ["not_tested"],
    "prior_treatments": ["surgery", "radiation", "taxane", "aromatase_inhibitor"],
    "metastatic_lines": "none_yet",
    "sex": "female",
    "menopausal_status": "postmenopausal",
    "conditions": ["dental_problems"],
    "side_effect_concerns": ["fatigue", "diarrhea", "infection_risk"],
    "own_questions": OWN,
}


def flat(text: str) -> str:
    """Extracted text with line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def read(data: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, flat("\n".join(p.extract_text() for p in reader.pages))


@pytest.fixture(scope="module")
def summary(content):
    return build_summary(ANSWERS, content)


@pytest.fixture(scope="module")
def pdf(summary):
    """The full PDF: every section."""
    return read(to_pdf(summary, notes=NOTES, made_on=dt.date(2025, 3, 4), full=True))


@pytest.fixture(scope="module")
def with_own(content):
    """The summary of ANSWERS with other words as the patient's own questions."""
    return lambda text: build_summary({**ANSWERS, "own_questions": text}, content)


def test_is_a_pdf_with_title_and_language(summary, pdf):
    reader, _ = pdf
    assert reader.metadata.title == summary.headings["title"]
    assert reader.trailer["/Root"]["/Lang"] == summary.language


def test_urgent_notice_comes_before_the_options(summary, pdf):
    _, text = pdf
    assert summary.urgent_notice and summary.options
    notice = text.find(flat(summary.urgent_notice))
    assert 0 <= notice < text.find(flat(summary.options[0].title))
    assert text.find(summary.headings["urgent"]) < text.find(flat(summary.headings["title"]))
    for symptom in summary.urgent_symptoms:
        assert flat(symptom) in text


def test_no_urgent_block_without_urgent_symptoms(content):
    s = build_summary({**ANSWERS, "urgent_symptoms": ["none"]}, content)
    _, text = read(to_pdf(s, full=True))
    assert s.headings["urgent"] not in text


def test_every_listed_option_and_section_is_present(summary, pdf):
    _, text = pdf
    h = summary.headings
    for o in summary.options:
        assert flat(o.title) in text
    for n in summary.not_listed:
        assert flat(n.title) in text
    for key in ("situation", "path", "not_listed", "trials", "disclaimer"):
        assert flat(h[key]) in text
    assert f"{h['made_on']}: March 4, 2025" in text     # as people write dates in her language


def test_accents_and_non_latin_text_come_out_intact(pdf):
    _, text = pdf
    assert "Können wir über Nebenwirkungen sprechen? ¿Y el costo? Tóm tắt" in text


def test_markup_in_free_text_is_printed_as_typed(summary, pdf):
    _, text = pdf
    assert "<b>bold</b> and **x** [a](http://x)" in text
    assert flat(NOTES) in text
    assert next(sec.title for sec in summary.document if sec.id == "notes") in text


def test_notes_only_when_given(summary):
    _, text = read(to_pdf(summary))
    assert flat(NOTES) not in text and "Call on Tuesday" not in text


def test_decomposed_text_is_normalised(with_own):
    _, text = read(to_pdf(with_own("Cafe\u0301 te\u0302\u0301t")))  # NFD
    assert "Café tết" in text


def test_page_numbers_on_every_page(summary, pdf):
    reader, _ = pdf
    total = len(reader.pages)
    for n, page in enumerate(reader.pages, 1):
        assert summary.headings["page"].format(n=n, total=total) in flat(page.extract_text())


def test_disclaimer_and_content_date(summary, pdf):
    _, text = pdf
    assert flat(summary.disclaimer) in text
    reviewed = summary.dates.date(summary.content_last_reviewed)
    assert f"{summary.headings['content_date']}: {reviewed}" in text


def test_picture_caption_for_side_effects_with_a_number(summary, pdf, content):
    _, text = pdf
    numbers = [e.about_n_in_100 for o in summary.options for e in o.side_effects
               if e.about_n_in_100 is not None]
    for n in numbers:
        assert summary.headings["picture_caption"].format(n=n) in text
    # whatever the content holds, a side effect with a number gets its picture and caption
    fam = content.options[summary.options[0].id]
    effect = fam.side_effects[0].model_copy(update={"about_n_in_100": 37})
    changed = content.model_copy(update={"options": {**content.options,
                                                     fam.id: fam.model_copy(update={"side_effects": [effect]})}})
    _, text = read(to_pdf(build_summary(ANSWERS, changed), full=True))
    assert summary.headings["picture_caption"].format(n=37) in text
    assert flat(summary.headings["picture_key"]) in text


def test_worry_flag_for_side_effects_the_patient_named(summary, pdf):
    _, text = pdf
    if any(e.worries_patient for o in summary.options for e in o.side_effects):
        assert summary.headings["you_said_worry"] in text


def test_characters_the_font_lacks_are_marked_not_dropped(with_own):
    _, text = read(to_pdf(with_own("Ask about 中文 please")))
    assert "Ask about \ufffd\ufffd please" in text


def test_fonts_are_vendored_with_their_licence():
    assert FONTS.is_relative_to(ROOT / "decision_aid")
    for name in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"):
        assert (FONTS / f"{name}.ttf").is_file()
    assert "Bitstream" in (FONTS / "LICENSE").read_text(encoding="utf-8")


def test_command_line_writes_a_pdf(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_bytes(to_file(ANSWERS))
    out = tmp_path / "summary.pdf"
    run = subprocess.run([sys.executable, "-m", "decision_aid", "summarize", str(answers),
                          "--format", "pdf", "--output", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    _, text = read(out.read_bytes())
    assert "Tóm tắt" in text


def test_pdfs_built_at_once_in_threads_each_come_out_whole(summary, with_own):
    """The fonts are parsed once per process and shared; each PDF keeps its own glyph subset."""
    from concurrent.futures import ThreadPoolExecutor

    other = with_own("Ask about 中文 and ÅÉÎØÜ ŁŻŚ please")
    jobs = [(summary, NOTES), (other, None)] * 4

    def build(job):
        s, notes = job
        return read(to_pdf(s, notes=notes, made_on=dt.date(2025, 3, 4)))[1]

    alone = [build(job) for job in jobs[:2]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(build, jobs))
    assert together == alone * 4
    assert "Tóm tắt" in together[0] and NOTES.split(" <")[0] in together[0]
    assert "Ask about \ufffd\ufffd and ÅÉÎØÜ ŁŻŚ please" in together[1]


def pages_and_lines(data: bytes) -> list[list[str]]:
    """Each page's lines of text, as extracted: line and page breaks kept."""
    return [[" ".join(line.split()) for line in page.extract_text().splitlines()]
            for page in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("full", [False, True])
def test_plain_fpdf2_path_prints_the_same_lines_on_the_same_pages(summary, monkeypatch, full):
    """The speed-ups are tied to one fpdf2 version; any other version takes fpdf2's own path
    (its fonts and its line breaking), which must print the same lines on the same pages."""
    import fpdf
    import fpdf.line_break

    import decision_aid.pdf_fonts as pdf_fonts
    if not pdf_fonts.FAST:
        pytest.skip("the speed-ups only run with the fpdf2 version they are tuned for")
    build = lambda: to_pdf(summary, notes="Ça va? 你好\nSecond line", made_on=dt.date(2026, 11, 26), full=full)  # noqa: E731
    fast = pages_and_lines(build())
    monkeypatch.setattr(pdf_fonts, "FAST", False)
    monkeypatch.setattr(fpdf.fpdf, "MultiLineBreak", fpdf.line_break.MultiLineBreak)
    plain = pages_and_lines(build())
    assert len(fast) >= 2 and sum(map(len, fast)) > 40
    assert fast == plain


def embedded_glyphs(data: bytes) -> dict[str, bool]:
    """Each character the PDF's embedded font programs map to a glyph: does the glyph have an
    outline (True) or is it blank (False)?"""
    from fontTools.ttLib import TTFont
    glyphs: dict[str, bool] = {}
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            for code, name in program.getBestCmap().items():
                glyph = program["glyf"][name]
                glyphs[chr(code)] = glyphs.get(chr(code), False) or glyph.numberOfContours != 0
    return glyphs


def test_characters_beyond_the_fonts_core_cut_keep_their_glyphs(with_own):
    """Cyrillic and Greek are not in the core cut of the fonts that most PDFs are subset from:
    they are still printed as themselves, with their outlines embedded (from the whole font),
    and what DejaVu cannot draw at all is still marked U+FFFD."""
    own, notes = "Вопрос о лечении? Ελληνικά. 中文 😀 🧬", "Заметки: ß Łódź tắt ★"
    data = to_pdf(with_own(own), notes=notes)
    _, text = read(data)
    assert "Вопрос о лечении? Ελληνικά. \ufffd\ufffd 😀 \ufffd" in text   # DejaVu has 😀
    assert notes in text
    glyphs = embedded_glyphs(data)
    for c in set("Вопрос о лечении Ελληνικά 😀 \ufffd" + notes) - set(" :"):
        assert glyphs.get(c), c


def test_fonts_core_cut_embeds_the_same_subsets_as_the_whole_fonts(summary, monkeypatch):
    """A PDF set in the core cut of the fonts (most PDFs) is, byte for byte, the PDF the whole
    fonts would give."""
    import decision_aid.export_pdf as export_pdf

    class Doc(export_pdf._Doc):        # a fixed creation date, so that two PDFs can be compared
        def __init__(self, *args):
            super().__init__(*args)
            self.set_creation_date(dt.datetime(2025, 3, 4, tzinfo=dt.timezone.utc))

    monkeypatch.setattr(export_pdf, "_Doc", Doc)
    from_core, from_whole = (export_pdf._pdf(summary, NOTES, dt.date(2025, 3, 4), False, whole)
                             for whole in (False, True))
    assert from_core == from_whole
    assert "Tóm tắt" in read(from_core)[1]


def test_vendored_core_cut_is_made_from_the_whole_fonts_and_todays_content():
    """decision_aid/fonts/core/ is what `make fonts` makes: content with a new character (a new
    language, a symbol) fails here until the cut is made again, rather than every PDF silently
    taking the slower whole fonts."""
    from decision_aid.pdf_fonts import CORE, CORE_STYLES, core_cut
    assert sorted(p.name for p in CORE.glob("*.ttf")) == sorted(f"DejaVuSans{n}.ttf" for _, n in CORE_STYLES)
    for _, name in CORE_STYLES:
        file = f"DejaVuSans{name}.ttf"
        assert (CORE / file).read_bytes() == core_cut(FONTS / file), f"{file}: run `make fonts`"


@functools.cache
def _page():
    """One page for all examples (fpdf2 caches glyph look-ups, keeping every font it saw
    until a PDF is output)."""
    import decision_aid.export_pdf as export_pdf
    pdf = export_pdf._Doc("{n}", whole=True)
    pdf.add_page()
    return pdf


PIECES = ["a", "b", "W", "i", "é", "ắ", "Ж", "中", ".", "-", "—", " ", " ", "  ", "\n", "\t",
          "\u2003", "\u200b", "\u00a0", "\u00ad", "word", "x" * 25]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
       width=st.one_of(st.floats(0.1, 6), st.floats(6, 180)), first=st.floats(0.1, 180),
       style=st.sampled_from(["", "B", "I", "BI"]), size=st.sampled_from([10, 11, 12, 14, 20]),
       align=st.sampled_from(["L", "J", "C", "R"]), indent=st.sampled_from([0, 3.5]),
       line_height=st.sampled_from([1, 1.5]), wrapmode=st.sampled_from(["WORD", "CHAR"]))
def test_fast_line_breaking_finds_fpdf2s_own_lines(text, width, first, style, size, align,
                                                   indent, line_height, wrapmode):
    """The export's line breaking (pdf_line_break.LineBreak) gives exactly the lines, widths,
    fragments and errors of fpdf2's own, for fixed widths (multi_cell) and a narrower first
    line (write)."""
    import decision_aid.export_pdf as export_pdf
    from decision_aid.pdf_fonts import FAST
    if not FAST:
        pytest.skip("LineBreak only with the fpdf2 version pdf_fonts is tuned for")
    from fpdf.enums import Align, WrapMode
    from fpdf.line_break import MultiLineBreak
    from decision_aid.pdf_line_break import LineBreak

    pdf = _page()
    pdf.set_font(export_pdf.FONT, style, size)

    def lines(cls, write: bool):
        fragments = pdf._preload_font_styles(pdf.normalize_text(text), False)
        room = [first if write else width]       # write(): the first line starts further right
        breaker = cls(fragments, lambda _height: room[0], (pdf.c_margin, pdf.c_margin),
                      align=Align.coerce(align), wrapmode=WrapMode.coerce(wrapmode),
                      line_height=line_height, first_line_indent=indent)
        out = []
        try:      # at most a line a character (fpdf2's CHAR wrapping may repeat an empty line)
            while len(out) <= len(text) and (line := breaker.get_line()) is not None:
                room[0] = width
                out.append((repr(line.text_width), *line[1:],
                            [(type(f), f.characters, f.link) for f in line.fragments]))
        except Exception as e:   # fpdf2's errors (e.g. too narrow for a letter): the same ones
            out.append(repr(e))
        state = (breaker.fragment_index, breaker.character_index, breaker._is_first_line,
                 breaker.idx_last_forced_break)
        return out, state, breaker

    for write in (False, True):
        got, expected = lines(LineBreak, write), lines(MultiLineBreak, write)
        assert got[:2] == expected[:2]
    plain = wrapmode == "WORD" and not {"\u00a0", "\u00ad"} & set(text)
    assert bool(got[2]._index) == (plain and bool(text))   # the fast way was taken


# --- the short PDF: the sheet first, at most 4 pages -------------------------------------

VIGNETTES = [v for f in sorted((ROOT / "tests" / "data").glob("*.yaml"))
             for v in __import__("yaml").safe_load(f.read_text(encoding="utf-8"))]
LETTER = (612, 792)                       # US Letter in PDF points
OWN_WORDS = "Can I keep working during treatment?"


@pytest.mark.parametrize("v", VIGNETTES, ids=[v["name"] for v in VIGNETTES])
def test_default_pdf_is_at_most_four_letter_pages_and_page_one_is_the_sheet(v, content):
    s = build_summary({**v["answers"], "own_questions": OWN_WORDS}, content)
    reader = pypdf.PdfReader(io.BytesIO(to_pdf(s, notes="Bring the scan report")))
    assert len(reader.pages) <= 4
    assert all(tuple(round(float(x)) for x in p.mediabox[2:]) == LETTER for p in reader.pages)
    first = flat(reader.pages[0].extract_text())
    for o in s.options:                   # every option discussed now, and what goes alongside
        assert flat(o.title) in first, o.id
    assert OWN_WORDS in first
    sheet = {sec.id: sec.title for sec in s.document}
    for part in ("facts", "options_now", "own_questions"):
        assert flat(sheet[part]) in first
    if s.urgent_notice:
        assert first.index(flat(s.urgent_notice)) < first.index(flat(s.headings["title"]))
    first_two = flat(" ".join(p.extract_text() for p in reader.pages[:2]))
    for part in ("ask", "notes", "disclaimer"):   # the rest of the sheet: on the first pages, not the last
        assert flat(sheet[part]) in first_two
    assert "Bring the scan report" in first_two and flat(s.disclaimer) in first_two


def test_the_short_pdf_has_the_options_details_and_their_sources_the_full_one_everything(summary, content):
    short = read(to_pdf(summary))[1]
    full_reader, full = read(to_pdf(summary, full=True))
    main = [o for o in summary.options if not o.alongside]
    assert main
    for o in main:                        # the details of each option discussed now
        assert flat(o.what_it_is) in short and flat(o.tell_team[0]) in short
        for x in o.sources:
            assert flat(x.name) in short
    for part in ("not_listed", "situation", "path"):     # the rest only in the full PDF
        assert flat(summary.headings[part]) not in short and flat(summary.headings[part]) in full
    assert len(full_reader.pages) > len(read(to_pdf(summary))[0].pages)


def test_paper_and_center_are_content_settings(content):
    center = content.settings.center.model_copy(update={"name": "Hope Cancer Center", "phone": "555-0100"})
    a4 = content.model_copy(update={"settings": content.settings.model_copy(update={"paper": "a4", "center": center})})
    reader, text = read(to_pdf(build_summary(ANSWERS, a4)))
    assert tuple(round(float(x)) for x in reader.pages[0].mediabox[2:]) == (595, 842)
    first = flat(reader.pages[0].extract_text())
    assert "Hope Cancer Center" in first and "555-0100" in first
    assert f"{content.text('sheet.name')}:" in first and f"{content.text('sheet.date')}:" in first


def test_command_line_full_pdf_has_more_pages(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_bytes(to_file(ANSWERS))
    pages = {}
    for flag in ([], ["--full"]):
        out = tmp_path / f"summary{len(flag)}.pdf"
        run = subprocess.run([sys.executable, "-m", "decision_aid", "summarize", str(answers),
                              "--format", "pdf", "--output", str(out), *flag],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        pages[bool(flag)] = len(read(out.read_bytes())[0].pages)
    assert pages[False] <= 4 < pages[True]
