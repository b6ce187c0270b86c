"""Crafted saved-answers files in a real browser: while each is loaded, no request leaves the
app's origin (a remote picture would tell another site the patient's address) and no picture
or link from the file appears; the file's own words are never shown as Markdown or HTML."""
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from decision_aid.answer_errors import message
from decision_aid.answers import AnswersError, from_file, to_file

pytestmark = pytest.mark.browser

BAD = Path(__file__).resolve().parents[1] / "data" / "bad_answers"
CRAFTED = ["markdown_link_value.json", "markdown_image_id.json", "markdown_image_key.json",
           "markdown_version.json", "html_image_value.json", "terminal_escapes.json",
           "lone_surrogate.json", "huge_number.json", "duplicate_answer.json"]
# a valid file: the patient's own questions may hold anything, and are shown as plain text
WORDS = ("![restore](https://evil.example/pixel.png) [Click here to restore your answers]"
         "(https://evil.example/restore) <img src=\"https://evil.example/i.png\"> https://evil.example/bare")

FROM_THE_FILE = """() => ({
  pictures: [...document.images].map(i => i.currentSrc || i.src)
             .filter(s => !s.startsWith(location.origin) && !/^(data|blob):/.test(s)),
  links: [...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => h.includes('evil')),
})"""


def _load(app, path: Path) -> None:
    dropzone = app.page.get_by_test_id("stFileUploaderDropzone")
    if not dropzone.is_visible():                     # "Pick up where you left off" is folded
        app.key("pick_up").locator("summary").click()
        expect(dropzone).to_be_visible()
    app.act(lambda: app.page.locator("input[type=file]").set_input_files(str(path)))
    expect(app.button("resume")).to_be_visible()
    app.act(lambda: app.button("resume").click())


def test_crafted_files_send_no_request_away_and_show_nothing_of_theirs(open_app, content, tmp_path):
    app = open_app()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(app.url))
    away = []
    app.page.on("request", lambda r: None if r.url.startswith((origin, "data:", "blob:")) else away.append(r.url))
    app.goto()
    app.expect_start()

    for name in CRAFTED:
        data = (BAD / name).read_bytes()
        with pytest.raises(AnswersError) as e:
            from_file(data)
        _load(app, BAD / name)
        alert = app.main().get_by_test_id("stAlert").filter(has_text=content.text("errors.not_loaded"))
        expect(alert).to_contain_text(message(e.value, content))
        assert "evil" not in app.page.content(), name          # not a word of the file, anywhere
        assert app.page.evaluate(FROM_THE_FILE) == {"pictures": [], "links": []}, name

    good = tmp_path / "my-answers.json"
    good.write_bytes(to_file({"recurrence_type": "distant", "hr_status": "positive", "own_questions": WORDS}))
    _load(app, good)
    expect(app.main()).to_contain_text(content.text("start.resume_done"))
    for key in ("nav.review", "nav.summary", "nav.consultation"):
        app.nav(key, app.idle)
        if key == "nav.review":
            app.open_review_folds()                   # her answers, one tap away per step
        expect(app.main().get_by_test_id("stText").filter(has_text=WORDS).first).to_be_visible()
        assert app.page.evaluate(FROM_THE_FILE) == {"pictures": [], "links": []}, key
    assert away == [], f"requests that left the app's origin: {away}"
    saved = app.save_answers(tmp_path / "saved")                # the answers were never replaced
    assert saved["answers"]["own_questions"] == WORDS


def test_the_page_is_never_lost_to_a_crafted_file(open_app, content):
    """After every crafted file the app still works: the next step opens as usual."""
    app = open_app()
    app.goto()
    for name in ("lone_surrogate.json", "huge_number.json"):
        _load(app, BAD / name)
        expect(app.page.get_by_test_id("stException")).to_have_count(0)
    app.begin()
