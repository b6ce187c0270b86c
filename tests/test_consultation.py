"""The nurse's consultation view: the whole picture on one screen, notes into the PDF."""
import io

from pypdf import PdfReader

from decision_aid.summary import build_summary
from walk import click, open_app, texts

PATIENT = {
    "urgent_symptoms": ("none",), "recurrence_type": "distant", "metastatic_sites": ("bone",),
    "hr_status": "positive", "her2_status": "zero", "prior_treatments": ("surgery", "tamoxifen"),
    "metastatic_lines": "none_yet", "sex": "female", "menopausal_status": "postmenopausal",
    "conditions": ("diabetes",), "priority_balance": "5", "side_effect_concerns": ("fatigue",),
    "own_questions": "Will I be able to look after my mother?", "sure_understand": "no",
}


def _nurse_view(answers):
    at = open_app()
    at.session_state["answers"] = dict(answers)
    at.switch_page("pages/consultation.py").run()
    assert not at.exception
    return at


def test_nurse_view_shows_the_whole_picture(content):
    at = _nurse_view(PATIENT)
    screen = texts(at)
    s = build_summary(PATIENT, content)
    assert s.subtype in screen                                   # subtype
    assert "Tamoxifen" in screen or "tamoxifen" in screen        # prior treatments
    assert any(c.label in screen for s in content.questions.steps for q in s.questions
               if q.id == "conditions" for c in q.choices if c.value == "diabetes")
    for o in s.options:                                          # options listed
        assert o.title in screen
    for line in s.sure_to_discuss:                               # the SURE "no"
        assert line in screen
    assert "Will I be able to look after my mother?" in [t.value for t in at.text]  # as plain text


def test_nurse_view_shows_what_is_unknown(content):
    at = _nurse_view({"recurrence_type": "distant", "hr_status": "unsure"})
    screen = texts(at)
    s = build_summary({"recurrence_type": "distant", "hr_status": "unsure"}, content)
    assert s.missing and all(m.title in screen for m in s.missing)


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_notes_survive_page_changes_and_go_into_the_pdf(content):
    at = _nurse_view(PATIENT)
    at.text_area(key="w_nurse_notes").input("Discussed fatigue; refer to <b>dietitian</b>.").run()
    at.switch_page("pages/summary.py").run()
    at.switch_page("pages/consultation.py").run()
    assert at.text_area(key="w_nurse_notes").value == "Discussed fatigue; refer to <b>dietitian</b>."
    assert not [b for b in at.get("download_button") if b.proto.id.endswith("download_pdf_nurse")]
    click(at, "download_pdf_nurse_prepare")                   # built on request, in this session
    assert [b for b in at.get("download_button") if "download_pdf_nurse" in b.proto.id]
    assert "refer to <b>dietitian</b>" in _pdf_text(at.session_state["prepared_pdf"][1])


def test_a_prepared_pdf_is_not_offered_once_the_notes_change(content):
    at = _nurse_view(PATIENT)
    click(at, "download_pdf_nurse_prepare")
    assert [b for b in at.get("download_button") if "download_pdf_nurse" in b.proto.id]
    at.text_area(key="w_nurse_notes").input("A new note").run()
    assert not [b for b in at.get("download_button") if "download_pdf_nurse" in b.proto.id]
    assert any(b.key == "download_pdf_nurse_prepare" for b in at.button)


def test_clear_also_clears_notes_and_leaves_no_trace(content):
    at = _nurse_view(PATIENT)
    at.text_area(key="w_nurse_notes").input("Private note about family").run()
    click(at, "clear_start")
    click(at, "clear_yes")
    for page in ("pages/consultation.py", "pages/review.py", "pages/summary.py", "pages/start.py"):
        at.switch_page(page).run()
        screen = texts(at) + " ".join(str(t.value) for t in at.text_area)
        assert "Private note" not in screen and "look after my mother" not in screen
    assert "nurse_notes" not in at.session_state and at.session_state["answers"] == {}


def test_nurse_view_without_answers_points_to_loading_a_file(content):
    at = open_app()
    at.switch_page("pages/consultation.py").run()
    assert content.text("consultation.empty") in texts(at)


def test_start_page_links_to_the_nurse_view(content):
    at = open_app()
    at.run()
    assert any(link.proto.page.endswith("consultation") or "consultation" in link.proto.page
               for link in at.get("page_link"))
