"""Drive the running app in Chromium the way a person does: clicks, typing, keys.

Everything waits on what the next screen shows, never on a fixed sleep. Each page carries a
small init script that watches the websocket (rerun requests sent, script runs finished) and
records any Streamlit file-based menu (`stSidebarNav`) ever inserted into the page.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from decision_aid.content import Content, Question

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"          # ignored by git
SCREENSHOTS = ARTIFACTS / "screenshots"

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

INIT_JS = """
(() => {
  if (window.__e2e) return;
  // req: rerun requests this page sent; done: the value of req when the server last said a
  // script run finished (not one cut short for a rerun). Idle for us: req > 0 && done >= req.
  const st = window.__e2e = {req: 0, done: 0, sidebarNav: 0};
  const fields = (buf) => {                 // the top-level fields of a protobuf message
    const out = []; let i = 0;
    const varint = () => { let r = 0, m = 1, b; do { b = buf[i++]; r += (b & 0x7f) * m; m *= 128; } while (b & 0x80); return r; };
    while (i < buf.length) {
      const tag = varint(), f = Math.floor(tag / 8), w = tag & 7;
      if (w === 0) out.push([f, varint()]);
      else if (w === 2) { const n = varint(); out.push([f, null]); i += n; }
      else if (w === 1) i += 8; else if (w === 5) i += 4; else break;
    }
    return out;
  };
  const bytes = (d) => d instanceof ArrayBuffer ? new Uint8Array(d) : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : null;
  const forward = (b) => {                  // ForwardMsg field 6: script_finished (2 = early, for a rerun)
    for (const [f, v] of fields(b)) if (f === 6 && v !== 2) st.done = st.req;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        const b = bytes(ev.data);
        if (b) forward(b); else if (ev.data instanceof Blob) ev.data.arrayBuffer().then((a) => forward(new Uint8Array(a)));
      });
    }
    send(data) {
      const b = bytes(data);                 // BackMsg field 11: rerun_script
      if (b && fields(b).some(([f]) => f === 11)) st.req++;
      return super.send(data);
    }
  };
  const hasNav = (n) => n.nodeType === 1 &&
      (n.matches('[data-testid="stSidebarNav"]') || !!n.querySelector('[data-testid="stSidebarNav"]'));
  new MutationObserver((muts) => {
    for (const m of muts) for (const n of m.addedNodes) if (hasNav(n)) st.sidebarNav++;
  }).observe(document, {subtree: true, childList: true});
})();
"""

AXE = Axe()
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                     "wcag22aa", "best-practice"]},
               "resultTypes": ["violations"]}

# The project's own controls on a phone (measured on the clickable row, not the hidden input).
TOUCH_TARGETS = {
    "button": '[data-testid="stMain"] [data-testid="stButton"] button, '
              '[data-testid="stSidebar"] [data-testid="stButton"] button',
    "download": '[data-testid="stDownloadButton"] button',
    "checkbox": '[data-testid="stCheckbox"] label',
    "radio": '[data-testid="stRadioOption"]',
    "pill": '[data-testid="stButtonGroup"] button',
    "page link": '[data-testid="stPageLink-NavLink"]',
    "expander": '[data-testid="stExpander"] summary',
    "link button": '[data-testid="stLinkButton"] a',
    "tab": '[data-testid="stTab"]',
    "file chooser": '[data-testid="stFileUploaderDropzone"] button',
}


def new_page(browser: Browser, size: str = "laptop", **extra: Any) -> Page:
    """A fresh browser context (so a fresh Streamlit session) at phone, laptop or 200% zoom."""
    if size == "phone":
        ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, accept_downloads=True, **extra)
    elif size == "zoom":   # a 1280 px wide screen at 200% zoom: 640 CSS px, 2 device px each
        ctx = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2,
                                  accept_downloads=True, **extra)
    else:
        ctx = browser.new_context(viewport=extra.pop("viewport", LAPTOP), accept_downloads=True, **extra)
    ctx.add_init_script(INIT_JS)
    ctx.set_default_timeout(20_000)
    page = ctx.new_page()
    # the app asks before a reload would lose answers (beforeunload): a person says "Reload"
    page.dialogs_seen = []
    page.on("dialog", lambda d: (page.dialogs_seen.append(d.type), d.accept()))
    return page


class App:
    """One person's browser tab on the app."""

    def __init__(self, page: Page, url: str, content: Content, size: str = "laptop",
                 shots: Path | None = None, on_screen: Callable[["App", str], None] | None = None):
        self.page, self.url, self.content, self.size = page, url, content, size
        self.shots, self.on_screen = shots, on_screen
        self.t = content.text
        self.steps = content.questions.steps
        self.questions = {q.id: q for s in self.steps for q in s.questions}
        self.seen: list[str] = []

    # ---- waiting ---------------------------------------------------------------------------
    def requests(self) -> int:
        return self.page.evaluate("window.__e2e ? window.__e2e.req : 0")

    def idle(self) -> None:
        expect(self.page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")

    def after_run(self, before: int) -> None:
        """Wait until a script run that started after `before` has finished."""
        self.page.wait_for_function(f"window.__e2e.req > {before} && window.__e2e.done >= window.__e2e.req")
        self.idle()

    def act(self, action: Callable[[], Any]) -> None:
        """Do something that makes Streamlit rerun, and wait for that rerun to finish."""
        before = self.requests()
        action()
        self.after_run(before)

    def main(self) -> Locator:
        return self.page.get_by_test_id("stMain")

    def sidebar(self) -> Locator:
        return self.page.get_by_test_id("stSidebar")

    def main_text(self) -> str:
        return self.main().inner_text()

    # ---- pages -----------------------------------------------------------------------------
    def goto(self, path: str = "") -> None:
        self.page.goto(f"{self.url}/{path}")
        self.after_run(0)
        self.idle()

    def expect_start(self) -> None:
        expect(self.main().get_by_role("heading", name=self.t("start.heading"))).to_be_visible()
        self.idle()

    def expect_step(self, n: int) -> None:
        step = self.steps[n]
        expect(self.page.get_by_test_id("stProgress")).to_contain_text(
            self.t("steps.progress", n=n + 1, total=len(self.steps), title=step.title))
        expect(self.main().get_by_role("heading", name=step.title, exact=True)).to_be_visible()
        self.idle()
        self.at_top()

    def expect_review(self) -> None:
        expect(self.main().get_by_role("heading", name=self.t("review.heading"))).to_be_visible()
        expect(self.key("see_summary")).to_be_visible()
        self.idle()
        self.at_top()

    def expect_summary(self) -> None:
        expect(self.main().get_by_role("heading", name=self.content.text("summary_headings.title"))).to_be_visible()
        expect(self.key("show_details")).to_be_visible()
        self.idle()
        self.at_top()

    def at_top(self) -> None:
        """A new page or step opens at its top, not where the last one was scrolled to."""
        self.page.wait_for_function("document.querySelector('[data-testid=\"stMain\"]').scrollTop < 2")

    def key(self, key: str) -> Locator:
        """The element Streamlit renders for the widget or container with this key."""
        return self.page.locator(f".st-key-{key}")

    def button(self, key: str) -> Locator:
        # a button with help= is drawn twice by Streamlit 1.67, once with display:none
        return self.key(key).locator("button").filter(visible=True)

    def click(self, key: str, then: Callable[[], None]) -> None:
        self.act(lambda: self.button(key).click())
        then()

    # ---- answering -------------------------------------------------------------------------
    def question(self, qid: str) -> Question:
        return self.questions[qid]

    def label(self, qid: str, value: str) -> str:
        return next(c.label for c in self.question(qid).choices if c.value == value)

    def answer(self, qid: str, value: Any) -> None:
        """Answer one question by clicking its labels or typing, as a person would."""
        q = self.question(qid)
        if q.widget == "checkboxes" and q.gate:   # one question before the list
            gate = [gc.sets for gc in q.gate.choices]
            pick = gate.index(value[0]) if len(value) == 1 and value[0] in gate else gate.index(None)
            radio = self.key(f"q_{qid}__gate").get_by_test_id("stRadioOption").nth(pick)
            self.act(radio.click)
            expect(radio.locator("input")).to_be_checked()
            if gate[pick]:
                return
        if q.widget == "checkboxes":
            for v in value:
                self.open_group(q, v)
                box = self.key(f"q_{qid}__{v}")
                self.act(lambda: box.locator("label").get_by_text(self.label(qid, v), exact=True).click())
                expect(box.get_by_role("checkbox")).to_be_checked()
        elif q.widget == "pills":
            group = self.key(f"q_{qid}")
            for v in value:
                pill = group.get_by_role("button", name=self.label(qid, v), exact=True)
                self.act(pill.click)
                expect(pill).to_have_attribute("aria-pressed", "true")
        elif q.widget == "scale":     # a segmented control of numbers, the two ends in words under it
            button = self.key(f"q_{qid}").get_by_role("radio", name=value, exact=True)
            self.act(button.click)
            expect(button).to_have_attribute("aria-checked", "true")
        elif q.widget == "text":
            box = self.key(f"q_{qid}").locator("textarea")
            box.click()
            self.page.keyboard.type(value)
            self.act(lambda: self.page.keyboard.press("Tab"))   # leaving the box sends the text
            expect(box).to_have_value(value)
        else:
            radio = self.key(f"q_{qid}").get_by_test_id("stRadioOption").filter(
                has=self.page.get_by_text(self.label(qid, value), exact=True))
            self.act(radio.click)
            expect(radio.locator("input")).to_be_checked()

    def open_group(self, q: Question, value: str) -> None:
        """A grouped choice is shown once its kind is ticked: tick the kind first."""
        group = next((g for g in q.groups if value in g.values), None)
        if group is None:
            return
        box = self.key(f"q_{q.id}__group_{group.id}")
        if not box.get_by_role("checkbox").is_checked():
            self.act(lambda: box.locator("label").get_by_text(group.label, exact=True).click())
            expect(self.key(f"q_{q.id}__{value}")).to_be_visible()

    def begin(self) -> None:
        self.click("begin", lambda: self.expect_step(0))

    def walk(self, answers: dict[str, Any], screen_prefix: str = "") -> None:
        """From step 1, answer every step (showing each screen to on_screen), go Back once and
        forward again, and reach the review page."""
        for n, step in enumerate(self.steps):
            for q in step.questions:
                if q.id in answers:
                    expect(self.key(f"box_{q.id}")).to_be_visible()
                    self.answer(q.id, answers[q.id])
            self.screen(f"{screen_prefix}step-{n + 1}-{step.id}")
            if n == 1:   # a person goes back to look, then on again: answers are kept
                self.click("back", lambda: self.expect_step(0))
                for v in answers.get("urgent_symptoms", ()):
                    expect(self.key(f"q_urgent_symptoms__{v}").get_by_role("checkbox")).to_be_checked()
                self.click("next", lambda: self.expect_step(1))
            last = n == len(self.steps) - 1
            self.click("next", self.expect_review if last else (lambda n=n: self.expect_step(n + 1)))
        self.screen(f"{screen_prefix}review")

    def screen(self, name: str) -> None:
        self.seen.append(name)
        if self.on_screen:
            self.on_screen(self, name)

    # ---- sidebar ---------------------------------------------------------------------------
    def sidebar_collapsed(self) -> bool:
        return self.page.get_by_test_id("stExpandSidebarButton").is_visible()

    def open_sidebar(self) -> None:
        """On a phone the sidebar starts collapsed: open it as a person would."""
        if not self.sidebar_collapsed():
            return
        self.page.get_by_test_id("stExpandSidebarButton").click()
        expect(self.sidebar().get_by_test_id("stPageLink-NavLink").first).to_be_in_viewport()

    def close_sidebar(self) -> None:
        """On a phone, close the sidebar again to see the page (a no-op if it closed itself)."""
        if self.size == "laptop" or self.sidebar_collapsed():
            return
        self.sidebar().get_by_test_id("stSidebarCollapseButton").locator("button").click()
        expect(self.page.get_by_test_id("stExpandSidebarButton")).to_be_visible()

    def nav(self, label_key: str, then: Callable[[], None]) -> None:
        """Go to a page through the app's own menu in the sidebar."""
        self.open_sidebar()
        link = self.sidebar().get_by_test_id("stPageLink-NavLink").filter(has_text=self.t(label_key))
        self.act(link.click)
        then()
        self.close_sidebar()

    def save_answers(self, folder: Path) -> dict:
        self.open_sidebar()
        with self.page.expect_download() as dl:
            self.button("save_answers").click()
        path = folder / dl.value.suggested_filename
        dl.value.save_as(path)
        self.close_sidebar()
        assert path.suffix == ".json", path
        return json.loads(path.read_text(encoding="utf-8")) | {"__path__": str(path)}

    def clear_answers(self) -> None:
        self.open_sidebar()
        self.click("clear_start", lambda: expect(self.sidebar()).to_contain_text(self.t("sidebar.clear_confirm")))
        self.click("clear_yes", lambda: expect(self.main()).to_contain_text(self.t("sidebar.cleared")))
        self.expect_start()
        self.close_sidebar()

    def resume(self, path: str) -> None:
        """On the start page: open "Pick up where you left off", choose the saved file with the
        file chooser, then load it."""
        dropzone = self.page.get_by_test_id("stFileUploaderDropzone")
        if not dropzone.is_visible():
            self.key("pick_up").locator("summary").click()
            expect(dropzone).to_be_visible()
        self.idle()                   # a run still drawing the page could replace the button under the click
        try:
            with self.page.expect_file_chooser(timeout=5_000) as fc:
                dropzone.locator("button").click()
            chooser = fc.value
            self.act(lambda: chooser.set_files(path))
        except PlaywrightTimeoutError:
            # on a loaded 2-core machine headless Chromium sometimes drops the chooser event of this
            # click (seen in CI only); the file then goes to the input the chooser fills
            self.act(lambda: dropzone.locator("input[type=file]").set_input_files(path))
        expect(self.button("resume")).to_be_visible()
        self.click("resume", lambda: expect(self.main()).to_contain_text(self.t("start.resume_done")))

    def open_fold(self, key: str) -> None:
        """Open a fold drawn only when opened (one tap on its summary line)."""
        fold = self.key(key).locator("details").first
        if fold.get_attribute("open") is None:
            self.act(self.key(key).locator("summary").first.click)
        expect(self.key(key).locator("details").first).to_have_attribute("open", "")

    def open_review_folds(self) -> None:
        """On check-your-answers: every step's answers opened, one tap each."""
        for step in self.steps:
            if self.key(f"fold_review_{step.id}").count():
                self.open_fold(f"fold_review_{step.id}")

    # ---- summary ---------------------------------------------------------------------------
    def show_details(self) -> None:
        """The summary's list of details, behind one switch."""
        switch = self.key("show_details").get_by_role("switch")
        if not switch.is_checked():
            self.act(lambda: self.key("show_details").locator("label").click())
        expect(switch).to_be_checked()

    def option_titles(self) -> list[str]:
        """The options of the summary, as their details' expanders name them (in the summary's
        order: the options discussed now, then what goes alongside any treatment)."""
        self.show_details()
        titles = self.main().locator("[class*='st-key-details_option_'] summary [data-testid='stMarkdownContainer']")
        expect(titles.first).to_be_visible()
        return [s.strip() for s in titles.all_inner_texts()]

    def download_pdf(self, folder: Path) -> Path:
        """The PDF is made when asked for (one button), then offered for download (another)."""
        if not self.key("download_pdf").count():
            self.click("download_pdf_prepare", lambda: expect(self.button("download_pdf")).to_be_visible())
        return self.download("download_pdf", folder)

    def download(self, key: str, folder: Path) -> Path:
        with self.page.expect_download() as dl:
            self.button(key).click()
        path = folder / dl.value.suggested_filename
        dl.value.save_as(path)
        return path

    # ---- checks ----------------------------------------------------------------------------
    def whole_page_shot(self, name: str) -> None:
        """Streamlit scrolls inside its own container: grow the viewport to its height first."""
        if not self.shots:
            return
        vp = self.page.viewport_size
        height = self.page.evaluate(
            "Math.max(document.querySelector('[data-testid=stMain]').scrollHeight,"
            " document.querySelector('[data-testid=stSidebarContent]')?.scrollHeight || 0)")
        self.page.set_viewport_size({"width": vp["width"], "height": max(vp["height"], min(height, 12000))})
        try:
            self.idle()
            self.page.screenshot(path=str(self.shots / f"{self.size}-{name}.png"),
                                 animations="disabled", caret="initial")
        finally:
            self.page.set_viewport_size(vp)

    def axe(self) -> list[dict]:
        """Every axe violation on the page as it is now (WCAG 2.2 AA + best practice)."""
        result = AXE.run(self.page, options=AXE_OPTIONS)
        return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                 "nodes": [n["target"] for n in v["nodes"]][:5]}
                for v in result.response["violations"]]

    def horizontal_overflow(self) -> dict:
        """Widths that do not fit: the page and Streamlit's scrolling main container."""
        return self.page.evaluate("""() => {
            const out = {};
            const d = document.scrollingElement;
            if (d.scrollWidth > d.clientWidth + 1) out.document = [d.scrollWidth, d.clientWidth];
            const m = document.querySelector('[data-testid="stMain"]');
            if (m && m.scrollWidth > m.clientWidth + 1) out.stMain = [m.scrollWidth, m.clientWidth];
            return out;
        }""")

    def small_targets(self, minimum: float = 44) -> list[str]:
        """Our own controls whose clickable box is smaller than minimum x minimum CSS px."""
        found = []
        for kind, selector in TOUCH_TARGETS.items():
            for box in self.page.evaluate("""(sel) => { const b = document.querySelector('[data-testid="stExpandSidebarButton"]');
                const collapsed = !!b && b.getClientRects().length > 0; return [...document.querySelectorAll(sel)]
                .filter(e => e.offsetParent !== null && !(e.closest('[data-testid="stSidebar"]') && collapsed))
                .map(e => { const r = e.getBoundingClientRect();
                            return {w: r.width, h: r.height, text: (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40)}; }); }""",
                                          selector):
                if box["w"] < minimum - 0.5 or box["h"] < minimum - 0.5:
                    found.append(f"{kind} '{box['text']}' {box['w']:.0f}x{box['h']:.0f}")
        return found

    def unlabelled_controls(self) -> list[str]:
        """Form controls without a visible label whose text is their accessible name."""
        return self.page.evaluate("""() => {
            const bad = [];
            const visible = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'
                && (e.innerText || '').trim().length > 0;
            const controls = document.querySelectorAll(
              '[data-testid="stMain"] input, [data-testid="stMain"] textarea, [data-testid="stMain"] select,'
              + '[data-testid="stSidebar"] input, [data-testid="stSidebar"] textarea');
            for (const c of controls) {
              if (c.type === 'hidden' || c.closest('[data-testid="stFileUploaderDropzone"]')) continue;
              const widget = c.closest('[data-testid="stCheckbox"], [data-testid="stRadio"], [data-testid="stTextArea"],'
                                       + '[data-testid="stTextInput"], [data-testid="stSelectbox"], [data-testid="stNumberInput"]');
              if (!(widget || c).getClientRects().length) continue;   // not displayed at this width
              let labelEl = c.closest('label');
              if (widget && widget.getAttribute('data-testid') === 'stRadio') {
                labelEl = widget.querySelector('[data-testid="stWidgetLabel"]');
                const option = c.closest('[data-testid="stRadioOption"]');
                if (!visible(option)) bad.push('radio option without visible text: ' + (option && option.outerHTML.slice(0, 80)));
              } else if (widget && !labelEl) {
                labelEl = widget.querySelector('[data-testid="stWidgetLabel"]');
              }
              const name = (c.getAttribute('aria-label') || '').trim();
              if (!visible(labelEl)) { bad.push((c.tagName + ' ' + (name || c.outerHTML.slice(0, 80)))); continue; }
              if (name && !labelEl.innerText.replace(/\\s+/g, ' ').includes(name.replace(/\\s+/g, ' ').slice(0, 30)))
                bad.push('label text differs from name: ' + name);
            }
            for (const g of document.querySelectorAll('[data-testid="stMain"] [data-testid="stButtonGroup"]')) {
              if (!visible(g.querySelector('[data-testid="stWidgetLabel"]'))) bad.push('pills without visible label');
            }
            return bad;
        }""")

    def small_text(self, minimum: float = 16) -> dict[str, int]:
        """Text on the page drawn smaller than `minimum` CSS px, counted by the widget holding it."""
        return self.page.evaluate("""(minimum) => {
            const out = {};
            for (const e of document.querySelectorAll('[data-testid="stMain"] *, [data-testid="stSidebar"] *')) {
              if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
              if (!e.getClientRects().length) continue;
              const size = parseFloat(getComputedStyle(e).fontSize);
              if (size >= minimum - 0.01) continue;
              const w = e.closest('[data-testid]');
              const k = `${w ? w.getAttribute('data-testid') : e.tagName} ${size}px: ${e.textContent.trim().slice(0, 30)}`;
              out[k] = (out[k] || 0) + 1;
            }
            return out;
        }""", minimum)

    def nav_menus_seen(self) -> int:
        return self.page.evaluate("window.__e2e.sidebarNav")


class Keyboard:
    """The same app, driven with Tab, Shift+Tab, Space, Enter and the arrow keys only."""

    def __init__(self, app: App):
        self.app, self.page, self.keys = app, app.page, app.page.keyboard

    def focused(self, selector: str, text: str | None = None) -> bool:
        return self.page.evaluate("""([sel, text]) => {
            const e = document.activeElement;
            if (!e || !e.closest(sel)) return false;
            return text === null || (e.innerText || '').trim() === text
                || (e.closest('label') && e.closest('label').innerText.trim() === text);
        }""", [selector, text])

    def tab_to(self, selector: str, text: str | None = None, back: bool = False, limit: int = 150) -> None:
        """Press Tab (or Shift+Tab) until the focused element is inside `selector`."""
        for _ in range(limit):
            self.keys.press("Shift+Tab" if back else "Tab")
            if self.focused(selector, text):
                return
        raise AssertionError(f"Tab never reached {selector} {text or ''}")

    def press(self, key: str) -> None:
        """A key that makes Streamlit rerun; wait for that run."""
        self.app.act(lambda: self.keys.press(key))

    def button(self, key: str, then: Callable[[], None], back: bool = False) -> None:
        self.tab_to(f".st-key-{key} button", back=back)
        self.press("Enter")
        then()

    def answer(self, qid: str, value: Any) -> None:
        app = self.app
        q = app.question(qid)
        if q.widget == "checkboxes" and q.gate:   # one question before the list
            gate = [gc.sets for gc in q.gate.choices]
            pick = gate.index(value[0]) if len(value) == 1 and value[0] in gate else gate.index(None)
            self.tab_to(f".st-key-q_{qid}__gate input[type=radio]")
            if pick == 0:
                self.press("Space")
            for _ in range(pick):
                self.press("ArrowDown")
            if gate[pick]:
                return
        if q.widget == "checkboxes":
            for v in value:
                group = next((g for g in q.groups if v in g.values), None)
                if group and not app.key(f"q_{qid}__group_{group.id}").get_by_role("checkbox").is_checked():
                    self.tab_to(f".st-key-q_{qid}__group_{group.id} input")
                    self.press("Space")
                    expect(app.key(f"q_{qid}__{v}")).to_be_visible()
                self.tab_to(f".st-key-q_{qid}__{v} input")
                self.press("Space")
                expect(app.key(f"q_{qid}__{v}").get_by_role("checkbox")).to_be_checked()
        elif q.widget in ("pills", "scale"):
            # one Tab stop for the whole row; the arrow keys move along it, Space chooses
            names = [c.label for c in q.choices] if q.widget == "pills" else [c.value for c in q.choices]
            wanted = [app.label(qid, v) for v in value] if q.widget == "pills" else [value]
            self.tab_to(f".st-key-q_{qid} button")
            for name in wanted:
                at = names.index(self.page.evaluate("document.activeElement.innerText.trim()"))
                for _ in range(abs(names.index(name) - at)):
                    self.keys.press("ArrowRight" if names.index(name) > at else "ArrowLeft")
                self.press("Space")
                chosen = app.key(f"q_{qid}").get_by_role("button" if q.widget == "pills" else "radio",
                                                         name=name, exact=True)
                expect(chosen).to_have_attribute("aria-pressed" if q.widget == "pills" else "aria-checked", "true")
        elif q.widget == "text":
            self.tab_to(f".st-key-q_{qid} textarea")
            self.keys.type(value)
            self.press("Tab")                    # leaving the box sends the text
            expect(app.key(f"q_{qid}").locator("textarea")).to_have_value(value)
        else:
            # Tab enters the radio group on its first option; arrow keys move and choose
            index = [c.value for c in q.choices].index(value)
            self.tab_to(f".st-key-q_{qid} input[type=radio]")
            if index == 0:
                self.press("Space")
            for _ in range(index):
                self.press("ArrowDown")
            radio = app.key(f"q_{qid}").get_by_test_id("stRadioOption").filter(
                has=self.page.get_by_text(app.label(qid, value), exact=True))
            expect(radio.locator("input")).to_be_checked()

    def focus_ring(self) -> dict:
        """How the focused element (or the row it sits in) shows focus."""
        return self.page.evaluate("""() => {
            const e = document.activeElement;
            const shown = e.closest('label, [data-testid="stRadioOption"]') || e;
            const cs = getComputedStyle(shown);
            return {tag: shown.tagName, outline: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth),
                    shadow: cs.boxShadow};
        }""")
