"""The clinicians' review packet: built from the content and the vignettes of `make test`,
readable as HTML and PDF, and generated from the rules (a changed rule changes the packet)."""
import datetime as dt
import html
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from decision_aid import review_packet, rule_text, rules, vignettes
from decision_aid.cli import main
from decision_aid.content import CONTENT_DIR, load_content
from decision_aid.packet_render import to_html
from decision_aid.summary import choice_label

DATA = Path(__file__).parent / "data"


def text_of(html_text: str) -> str:
    """What a reader sees of an HTML page: tags dropped, entities read, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


@pytest.fixture(scope="module")
def packet(tmp_path_factory):
    out = tmp_path_factory.mktemp("packet")
    assert main(["review-packet", "--output", str(out)]) == 0
    return out


def test_the_packet_has_an_index_a_page_per_family_and_a_pdf_naming_every_family(packet, content):
    index = (packet / "index.html").read_text(encoding="utf-8")
    pdf = PdfReader(io.BytesIO((packet / review_packet.PDF_NAME).read_bytes()))
    pdf_text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    for fam in content.options.values():
        page = packet / f"family-{fam.id}.html"
        assert f'href="family-{fam.id}.html"' in index
        assert f"<h1>{html.escape(fam.title)}</h1>" in page.read_text(encoding="utf-8")
        assert fam.title in pdf_text and f"({fam.id})" in pdf_text
    for rel in ("situation.yaml", "cautions.yaml", "tests.yaml", "missing.yaml", "support.yaml",
                "trials.yaml", "questions_to_ask.yaml", "urgent.yaml"):
        assert rel in text_of(index)
    for f in packet.glob("*.html"):          # self-contained: nothing fetched from elsewhere
        assert not re.search(r"<script|<link|src=|@import", f.read_text(encoding="utf-8"))


def test_a_family_page_holds_its_texts_cautions_sources_and_sign_off(packet, content):
    fam = content.options["chemotherapy"]
    page = text_of((packet / "family-chemotherapy.html").read_text(encoding="utf-8"))
    for t in [fam.what_it_is, fam.when_discussed, *fam.tell_team, *(r.text for r in fam.not_listed)]:
        assert " ".join(t.split()) in page
    for c in content.cautions:
        assert (" ".join(c.text.split()) in page) == ("chemotherapy" in c.applies_to)
    for s in fam.sources:
        assert s.name in page and review_packet.CHECK[s.check] in page
    assert "Draft: not yet reviewed" in page
    # the decision table says when it is shown now, in the questions' own words
    show = rule_text.lines(fam.show_when.cond, content)
    assert " ".join(show) in page and rule_text.question_name(content, "recurrence_type") in show[-1]


def test_every_text_of_every_clinical_item_is_in_the_packet(packet, content):
    """Every patient-facing string (textcheck.prose: what the reading-grade check reads) of an
    option family is on its page, and of every other item on its file's page."""
    from decision_aid.content_checks import sourced_by_file
    from decision_aid.textcheck import prose
    pages = {p.name: text_of(p.read_text(encoding="utf-8")) for p in packet.glob("*.html")}
    file_page = {"cautions.yaml": "file-cautions.html", "tests.yaml": "file-tests.html",
                 "support.yaml": "file-support.html", "situation.yaml": "file-situation.html",
                 "missing.yaml": "file-missing.html", "trials.yaml": "file-trials.html",
                 "questions_to_ask.yaml": "file-ask.html", "urgent.yaml": "file-urgent.html"}
    for rel, item in sourced_by_file(content):
        page = pages[f"family-{item.id}.html" if rel.startswith("options/") else file_page[rel]]
        for text in prose(item.model_dump(mode="json")):
            assert " ".join(text.split()) in page, (rel, item.id, text[:60])
    prominent = [c for c in content.cautions if c.prominent]
    for c in prominent:               # a warning shown first in the app is marked so
        for fam in c.applies_to:
            page = pages[f"family-{fam}.html"]
            start = page.index(f"Caution ({c.id})")
            end = page.find("Caution (", start + 1)
            assert "Prominent: shown as a warning" in page[start:end if end > 0 else None]
    assert prominent     # the pregnancy warnings (docs/clinical-rules.md)


def test_every_vignette_result_appears_as_the_tests_see_it(packet, content):
    page = text_of((packet / "vignettes.html").read_text(encoding="utf-8"))
    results = [vignettes.run(v, content) for v in vignettes.load(DATA)]
    assert len(results) >= 16
    for r in results:
        verdict = "meets its expectations" if r.passed else "DOES NOT MEET its expectations"
        assert f"{r.vignette.name} — {verdict}" in page
        for failure in r.failures:
            assert failure in page
    passed = sum(r.passed for r in results)
    assert f"{passed} of {len(results)} test patients meet every expectation" in page


@pytest.fixture
def changed(tmp_path):
    """A copy of content/ with one rule changed and a text holding markup."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    path = root / "options" / "oral_serd.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["show_when"]["all"].append({"age_group": "75_or_older"})
    data["what_it_is"] += " <script>alert(1)</script> **bold**"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def _oral_serd_page(root: Path, vignette_dir: Path) -> str:
    content = load_content(root)
    results = [vignettes.run(v, content) for v in vignettes.load(vignette_dir)]
    pages = review_packet.build(content, results, vignette_dir, dt.date.today())
    return to_html(next(p for p in pages if p.id == "family-oral_serd"), pages[0], "packet")


def _first_cell(page: str) -> str:
    return text_of(page.split("<td>", 1)[1].split("</td>", 1)[0])


def test_the_decision_table_follows_a_changed_rule_and_text_is_escaped(changed, content):
    age = f"Age is “{choice_label(content, 'age_group', '75_or_older')}”"
    before = _oral_serd_page(CONTENT_DIR, DATA)
    after = _oral_serd_page(changed, DATA)
    assert _first_cell(before).startswith("1. Shown now when:") and age not in _first_cell(before)
    assert _first_cell(after).endswith(f"AND {age}")
    assert "<script>" not in after and "&lt;script&gt;alert(1)&lt;/script&gt; **bold**" in after


def test_a_failing_vignette_is_shown_as_failing_on_the_family_page(tmp_path, content):
    listed = {"recurrence_type": "distant", "metastatic_sites": ["bone"], "hr_status": "positive",
              "her2_status": "zero", "biomarkers": ["esr1"], "prior_treatments": ["aromatase_inhibitor"],
              "metastatic_lines": "one"}
    (tmp_path / "v.yaml").write_text(yaml.safe_dump([
        {"name": "wrongly-expects-no-serd", "answers": listed, "expect": {"options_exclude": ["oral_serd"]}},
        {"name": "expects-a-serd", "answers": listed, "expect": {"options_include": ["oral_serd"]}},
    ]), encoding="utf-8")
    (tmp_path / "not_vignettes.yaml").write_text("just: a mapping\n", encoding="utf-8")
    page = text_of(_oral_serd_page(CONTENT_DIR, tmp_path))
    assert re.search(r"wrongly-expects-no-serd \(v\.yaml\) now .*? not listed now ✗ NOT MET", page)
    assert re.search(r"expects-a-serd \(v\.yaml\) now .*? listed now ✓", page)


def test_conditions_read_in_plain_words(content):
    label = lambda q, v: choice_label(content, q, v)  # noqa: E731
    cond = rules.parse({"all": [{"hr_status": "positive"}, {"recurrence_type": ["distant", "both"]},
                                {"any": [{"missing": "her2_status"}, {"not": {"prior_treatments": "t_dxd"}}]}]})
    assert rule_text.sentence(cond, content) == (
        f"Hormone receptors is “{label('hr_status', 'positive')}” AND Where it came back is one of "
        f"“{label('recurrence_type', 'distant')}”, “{label('recurrence_type', 'both')}” AND "
        f"(HER2 status is not answered OR Past treatments does not have “{label('prior_treatments', 't_dxd')}” "
        "ticked (or is not answered))")


def test_bad_content_gives_one_clear_line(tmp_path, capsys):
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    path = root / "options" / "t_dm1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("review_status: draft", "review_status: reviewed"),
                    encoding="utf-8")
    assert main(["review-packet", "--output", str(tmp_path / "out"), "--content", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: options/t_dm1.yaml: t_dm1:") and "reviewed_by" in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "out").exists()
    (tmp_path / "v").mkdir()
    (tmp_path / "v" / "broken.yaml").write_text("- name: [unclosed\n", encoding="utf-8")
    assert main(["review-packet", "--output", str(tmp_path / "out"), "--vignettes", str(tmp_path / "v")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: vignettes: broken.yaml: not valid") and len(err.strip().splitlines()) == 1


def test_the_packet_shows_each_sign_off_and_when_it_runs_out(tmp_path, content):
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    path = root / "options" / "t_dm1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(review_status="reviewed", reviewed_by="Dr. Lee, oncology nurse", reviewed_on=dt.date(2026, 11, 30))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def page(today):
        pages = review_packet.build(load_content(root, today=today), [], tmp_path, today)
        return {p.id: text_of(to_html(p, pages[0], "packet")) for p in pages}

    signed = page(dt.date(2026, 12, 1))
    assert "Sign-off: Reviewed by Dr. Lee, oncology nurse on 2026-11-30 (review due on 2027-11-30)" in signed["family-t_dm1"]
    assert "Signed off: 1. Review due: 0." in signed["index"]
    due = page(dt.date(2027, 11, 30))
    assert "Sign-off: Review due: reviewed by Dr. Lee, oncology nurse on 2026-11-30" in due["family-t_dm1"]
    assert "Signed off: 0. Review due: 1." in due["index"]
    assert "Draft: not yet reviewed" in due["family-t_dxd"]
