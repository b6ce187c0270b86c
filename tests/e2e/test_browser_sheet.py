"""The discussion sheet in a real browser: what a patient on a phone and a nurse on a laptop
see without hunting for it (issue 14). Boxes are measured, not guessed."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from decision_aid.answers import to_file
from decision_aid.summary import build_summary
from e2e_app import App
from patients import DISTANT_HR_POSITIVE

pytestmark = pytest.mark.browser

PHONE_SCREEN, NURSE_SCREEN = 844, 768


def _load(app: App, tmp_path, answers: dict) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(to_file(answers))
    app.goto()
    app.expect_start()
    app.resume(str(path))


def _top_in_main(app: App, selector: str) -> float:
    """How far below the top of the summary's scrolling area the element starts (CSS px)."""
    return app.page.evaluate("""(sel) => {
        const m = document.querySelector('[data-testid="stMain"]');
        const e = document.querySelector(sel);
        return e.getBoundingClientRect().top - m.getBoundingClientRect().top + m.scrollTop; }""", selector)


def test_on_a_phone_the_options_and_save_and_pdf_are_within_three_screens(open_app, content, tmp_path):
    app = open_app("phone")
    _load(app, tmp_path, DISTANT_HR_POSITIVE)
    app.nav("nav.summary", app.expect_summary)
    s = build_summary(DISTANT_HR_POSITIVE, content)
    cards = app.main().locator(".cmp-cards .cmp-card")
    main = [o for o in s.options if not o.alongside]
    expect(cards).to_have_count(len(main))
    for card, o in zip(cards.all(), main):              # one card per option, its whole name shown
        expect(card.locator("h4")).to_have_text(o.title)
        assert card.locator("h4").evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    expect(app.main().locator(".cmp-table")).to_be_hidden()   # no wide table on a phone
    for selector in (".st-key-sec_options_now", ".st-key-save_answers_summary", ".st-key-download_pdf_prepare"):
        assert _top_in_main(app, selector) < 3 * PHONE_SCREEN, selector
    assert _top_in_main(app, ".st-key-sec_options_now .cmp-card:last-child") < 3 * PHONE_SCREEN + PHONE_SCREEN
    assert app.horizontal_overflow() == {}


def test_details_are_drawn_only_when_opened(open_app, content, tmp_path):
    app = open_app("laptop")
    _load(app, tmp_path, DISTANT_HR_POSITIVE)
    app.nav("nav.summary", app.expect_summary)
    o = next(o for o in build_summary(DISTANT_HR_POSITIVE, content).options if not o.alongside)
    first_words = " ".join(o.what_it_is.split()[:6])
    expect(app.main()).not_to_contain_text(first_words)
    details = app.key(f"details_option_{o.id}")
    expect(details).to_have_count(0)                 # the list of details: one switch away
    app.show_details()
    expect(app.main()).not_to_contain_text(first_words)
    app.act(details.locator("summary").click)
    expect(details).to_contain_text(first_words)


def test_the_nurse_sees_the_five_items_above_the_fold_at_1366_by_768(open_app, content, tmp_path):
    app = open_app("laptop", viewport={"width": 1366, "height": NURSE_SCREEN})
    _load(app, tmp_path, DISTANT_HR_POSITIVE)
    app.nav("nav.consultation", lambda: expect(app.key("nv_options")).to_be_visible())
    s = build_summary(DISTANT_HR_POSITIVE, content)
    expect(app.key("nv_options")).to_contain_text(next(o.title for o in s.options if not o.alongside))
    expect(app.key("nv_own_questions")).to_contain_text(DISTANT_HR_POSITIVE["own_questions"])
    expect(app.key("nv_sure")).to_contain_text(content.text("sure_talk.sure_certain"))
    expect(app.key("nv_missing")).to_contain_text(s.tests_to_ask[0].title)
    notes = app.main().get_by_role("textbox", name=content.text("consultation.notes"))
    for box in (app.key("nv_options"), app.key("nv_own_questions"), app.key("nv_sure"),
                app.key("nv_missing"), notes):
        b = box.bounding_box()
        assert b and b["y"] >= 0 and b["y"] + b["height"] <= NURSE_SCREEN, b
    scroll = app.page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTop")
    assert scroll == 0


def test_the_nurse_view_prints_on_one_page_without_menu_or_buttons(open_app, content, tmp_path):
    import io

    from pypdf import PdfReader
    app = open_app("laptop")
    _load(app, tmp_path, DISTANT_HR_POSITIVE)
    app.nav("nav.consultation", lambda: expect(app.key("nv_options")).to_be_visible())
    app.page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(app.page.pdf(format="Letter")))
    app.page.emulate_media(media="screen")
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert DISTANT_HR_POSITIVE["own_questions"] in " ".join(text.split())
    for hidden in ("nav.start", "sidebar.clear", "consultation.prepare_pdf"):
        assert content.text(hidden) not in text
