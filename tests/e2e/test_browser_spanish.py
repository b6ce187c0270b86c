"""En español, in Chromium on a phone (issue 16): a patient chooses Spanish on the start page,
answers every step, reads her summary and the center's page, saves her answers, comes back with
the file, and never meets a sentence of our English on any screen; the nurse can read the nurse
view in English while her pages stay Spanish."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from playwright.sync_api import expect

from decision_aid import translation
from decision_aid.content import CONTENT_DIR, load_content
from decision_aid.summary import build_summary
from e2e_app import App
from patients import DISTANT_HR_POSITIVE

pytestmark = pytest.mark.browser


def english_sentences() -> set[str]:
    """Every English text of the content that its Spanish counterpart changes, cut into
    phrases of at least three words: any of them on a Spanish screen is a missed translation."""
    out = set()
    for path in [*CONTENT_DIR.glob("*.yaml"), *CONTENT_DIR.glob("options/*.yaml")]:
        rel = path.relative_to(CONTENT_DIR).as_posix()
        if rel == "language.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        keep = translation.kept_keys(rel)
        for _, text, _ in translation.pairs(data, data, keep):
            for part in re.split(r"(?<=[.!?:;])\s+|\n+|\{[a-z_]+\}", text):
                words = re.sub(r"[*_`#>]", "", part).split()
                if len(words) >= 3 and not translation.same_as_english_allowed(part, set()):
                    out.add(" ".join(words).strip(" .,:;"))
    return out


def english_on_screen(app: App, phrases: set[str]) -> list[str]:
    text = " ".join((app.main_text() + " " + app.sidebar().inner_text()).split())
    return sorted(p for p in phrases if p in text)


def test_a_patient_does_everything_in_spanish_on_a_phone(open_app, tmp_path):
    es, en = load_content(language="es"), load_content()
    phrases = english_sentences()
    assert len(phrases) > 500
    found: dict[str, list[str]] = {}

    def check(app: App, name: str) -> None:
        app.idle()
        if english := english_on_screen(app, phrases):
            found[name] = english[:5]
        assert app.page.evaluate("document.documentElement.lang") == "es", name
        app.whole_page_shot(f"es-{name}")

    opened = open_app("phone")
    app = App(opened.page, opened.url, es, "phone", opened.shots, check)   # she reads, and clicks, Spanish words
    app.goto()
    picker = app.key("language_picker")
    expect(picker).to_contain_text("Español")
    expect(picker).to_contain_text("English")
    app.act(lambda: picker.get_by_role("radio", name="Español").click())   # her choice, first on the page
    app.expect_start()
    assert "lang=es" in app.page.url
    app.screen("start")
    app.begin()
    app.walk(DISTANT_HR_POSITIVE)
    app.click("see_summary", app.expect_summary)
    app.screen("summary")
    assert app.option_titles() == [sec.title for sec in build_summary(DISTANT_HR_POSITIVE, es).document
                                   if sec.id.startswith("option_")]
    app.nav("nav.learn", lambda: expect(app.main()).to_contain_text(es.text("learn.intro")))
    app.screen("learn")

    saved = app.save_answers(tmp_path)
    path = saved.pop("__path__")
    assert saved["language"] == "es"

    # the nurse view in English for the team; her own pages stay Spanish
    app.nav("nav.consultation", lambda: expect(app.main()).to_contain_text(es.text("consultation.heading")))
    app.screen("nurse-view")
    toggle = app.key("nv_english")
    app.act(lambda: toggle.get_by_text(es.text("consultation.show_english")).click())
    expect(app.main()).to_contain_text(en.text("consultation.heading"))
    app.nav("nav.summary", app.expect_summary)
    expect(app.main()).to_contain_text(es.text("summary_headings.title"))

    # a new session in English (no lang in the address), then her file: Spanish again
    app.page.goto(app.url)
    app.after_run(0)
    expect(app.main().get_by_role("heading", name=en.text("start.heading"))).to_be_visible()
    assert app.page.evaluate("document.documentElement.lang") == "en"
    app.resume(path)                           # ends on her Spanish "loaded" message
    assert app.page.evaluate("document.documentElement.lang") == "es" and "lang=es" in app.page.url
    app.nav("nav.summary", app.expect_summary)
    app.screen("summary-resumed")
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
