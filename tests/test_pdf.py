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
from decision_aid.export_pdf import FONTS, to_pdf
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
    return read(to_pdf(summary, notes=NOTES, made_on=dt.date(2025, 3, 4)))


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
    _, text = read(to_pdf(s))
    assert s.headings["urgent"] not in text


def test_every_listed_option_and_section_is_present(summary, pdf):
    _, text = pdf
    h = summary.headings
    for o in summary.options:
        assert flat(o.title) in text
    for n in summary.not_listed:
        assert flat(n.title) in text
    for key in ("situation", "path", "options", "trials", "questions", "disclaimer"):
        assert flat(h[key]) in text
    assert f"{h['made_on']}: 2025-03-04" in text


def test_accents_and_non_latin_text_come_out_intact(pdf):
    _, text = pdf
    assert "Können wir über Nebenwirkungen sprechen? ¿Y el costo? Tóm tắt" in text


def test_markup_in_free_text_is_printed_as_typed(summary, pdf):
    _, text = pdf
    assert "<b>bold</b> and **x** [a](http://x)" in text
    assert flat(NOTES) in text
    assert summary.headings["notes"] in text


def test_notes_only_when_given(summary):
    _, text = read(to_pdf(summary))
    assert summary.headings["notes"] not in text
    assert NOTES not in text


def test_decomposed_text_is_normalised(summary):
    s = summary.model_copy(update={"own_questions": "Cafe\u0301 te\u0302\u0301t"})  # NFD
    _, text = read(to_pdf(s))
    assert "Café tết" in text


def test_page_numbers_on_every_page(summary, pdf):
    reader, _ = pdf
    total = len(reader.pages)
    for n, page in enumerate(reader.pages, 1):
        assert summary.headings["page"].format(n=n, total=total) in flat(page.extract_text())


def test_disclaimer_and_content_date(summary, pdf):
    _, text = pdf
    assert flat(summary.disclaimer) in text
    reviewed = summary.content_last_reviewed.isoformat()
    assert f"{summary.headings['content_date']}: {reviewed}" in text


def test_picture_caption_for_side_effects_with_a_number(summary, pdf):
    _, text = pdf
    numbers = [e.about_n_in_100 for o in summary.options for e in o.side_effects
               if e.about_n_in_100 is not None]
    for n in numbers:
        assert summary.headings["picture_caption"].format(n=n) in text
    # whatever the content holds, a side effect with a number gets its picture and caption
    o = summary.options[0]
    effect = o.side_effects[0].model_copy(update={"about_n_in_100": 37})
    option = o.model_copy(update={"side_effects": [effect]})
    _, text = read(to_pdf(summary.model_copy(update={"options": [option]})))
    assert summary.headings["picture_caption"].format(n=37) in text
    assert flat(summary.headings["picture_key"]) in text


def test_worry_flag_for_side_effects_the_patient_named(summary, pdf):
    _, text = pdf
    if any(e.worries_patient for o in summary.options for e in o.side_effects):
        assert summary.headings["you_said_worry"] in text


def test_characters_the_font_lacks_are_marked_not_dropped(summary):
    s = summary.model_copy(update={"own_questions": "Ask about 中文 please"})
    _, text = read(to_pdf(s))
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


def test_pdfs_built_at_once_in_threads_each_come_out_whole(summary):
    """The fonts are parsed once per process and shared; each PDF keeps its own glyph subset."""
    from concurrent.futures import ThreadPoolExecutor

    other = summary.model_copy(update={"own_questions": "Ask about 中文 and ÅÉÎØÜ ŁŻŚ please"})
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


def test_plain_fpdf2_path_prints_the_same_text(summary, monkeypatch):
    """The speed-ups are tied to one fpdf2 version; any other version takes fpdf2's own path,
    which must print the same document."""
    import decision_aid.export_pdf as export_pdf
    fast = read(export_pdf.to_pdf(summary, notes="Ça va? 你好", made_on=dt.date(2026, 11, 26)))[1]
    monkeypatch.setattr(export_pdf, "FAST", False)
    plain = read(export_pdf.to_pdf(summary, notes="Ça va? 你好", made_on=dt.date(2026, 11, 26)))[1]
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


def test_characters_beyond_the_fonts_core_cut_keep_their_glyphs(summary):
    """Cyrillic and Greek are not in the core cut of the fonts that most PDFs are subset from:
    they are still printed as themselves, with their outlines embedded (from the whole font),
    and what DejaVu cannot draw at all is still marked U+FFFD."""
    own, notes = "Вопрос о лечении? Ελληνικά. 中文 😀 🧬", "Заметки: ß Łódź tắt ★"
    data = to_pdf(summary.model_copy(update={"own_questions": own}), notes=notes)
    _, text = read(data)
    assert "Вопрос о лечении? Ελληνικά. \ufffd\ufffd 😀 \ufffd" in text   # DejaVu has 😀
    assert notes in text
    glyphs = embedded_glyphs(data)
    for c in set("Вопрос о лечении Ελληνικά 😀 \ufffd" + notes) - set(" :"):
        assert glyphs.get(c), c


def test_fonts_core_cut_embeds_the_same_subsets_as_the_whole_fonts(summary, monkeypatch):
    """A PDF whose glyphs are all in the fonts' core cut embeds, from it, byte for byte what the
    whole fonts would give."""
    import decision_aid.export_pdf as export_pdf
    if not export_pdf.FAST:
        pytest.skip("core cut only with the fpdf2 version export_pdf is tuned for")

    class Doc(export_pdf._Doc):        # a fixed creation date, so that two PDFs can be compared
        def __init__(self, *args):
            super().__init__(*args)
            self.set_creation_date(dt.datetime(2025, 3, 4, tzinfo=dt.timezone.utc))

    def build(**change) -> bytes:
        with monkeypatch.context() as m:
            m.setattr(export_pdf, "_Doc", Doc)
            for key, parsed in list(export_pdf._parsed.items()):
                m.setitem(export_pdf._parsed, key, parsed._replace(**change))
            return to_pdf(summary, notes=NOTES, made_on=dt.date(2025, 3, 4))

    export_pdf.warm_up()
    from_core = build(data=None)                     # the whole fonts are not there to be used
    from_whole = build(core_glyphs=frozenset())      # the core cut has no glyph to offer
    assert from_core == from_whole
    assert "Tóm tắt" in read(from_core)[1]


@functools.cache
def _page():
    """One page for all examples (fpdf2 caches glyph look-ups, keeping every font it saw
    until a PDF is output)."""
    import decision_aid.export_pdf as export_pdf
    pdf = export_pdf._Doc("{n}")
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
    if not export_pdf.FAST:
        pytest.skip("LineBreak only with the fpdf2 version export_pdf is tuned for")
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
