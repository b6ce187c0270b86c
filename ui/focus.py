"""Where keyboard focus goes, and what a screen reader hears, when the page changes.

Streamlit never moves focus itself: after Next, or when a warning appears, focus stays on a
button that may no longer be there. `request()` asks, from a callback or before `st.rerun()`,
for focus to move to an element and for a short sentence to be announced; `draw()` (called
once per page by the frame) emits the script that does it on that run.

The script polls for its target (every 50 ms, up to 3 s), because it can run before the new
content is drawn, then scrolls it into view and focuses it. Announcements go to one visually
hidden `role="status"` region created once on the page and updated by its text, so screen
readers hear it (a new live region per message is often not read). Measured in Chromium:
docs in ../shared/research/streamlit-engineering.md, section 11.

To use it for another element (e.g. the PDF download button, after "Make a PDF"):
    focus.request(".st-key-download_pdf button", content.text("..."))
in the on_click of the button that makes the element appear.
"""
from __future__ import annotations

import html

import streamlit as st

PENDING, COUNT, LAST_VIEW = "focus_pending", "focus_count", "focus_last_view"
BOX = "focus_script"   # a keyed container, hidden by ui/style.py: the script takes no room

# The script's text never changes (so a Content-Security-Policy can allow it by its hash);
# what it does comes in data- attributes, and data-n makes each request a new element.
_JS = """(() => {
  const d = document.currentScript.dataset;
  const sel = d.sel || null, say = d.say || '', block = d.block || 'center';
  if (say) {
    let r = document.getElementById('a11y-status');
    if (!r) {
      r = document.createElement('div');
      r.id = 'a11y-status'; r.setAttribute('role', 'status'); r.setAttribute('aria-live', 'polite');
      r.style.cssText = 'position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;'
        + 'clip:rect(0 0 0 0);white-space:nowrap;border:0';
      document.body.appendChild(r);
    }
    r.textContent = '';
    setTimeout(() => { r.textContent = say; }, 100);
  }
  if (!sel) return;
  let tries = 0;
  const before = document.activeElement;   // if she moves focus herself meanwhile, leave it there
  const timer = setInterval(() => {
    const now = document.activeElement;
    if (now !== before && now && now !== document.body && document.contains(before)) {
      clearInterval(timer); return;
    }
    const e = [...document.querySelectorAll(sel)].find((x) => x.getClientRects().length);
    if (!e && ++tries < 60) return;
    clearInterval(timer);
    if (!e) return;
    if (!e.matches('a, button, input, textarea, select, [tabindex]')) e.setAttribute('tabindex', '-1');
    e.querySelectorAll('a[href^="#"]').forEach((a) => a.setAttribute('tabindex', '-1'));
    if (block !== 'nearest') window.__daKept = e;   // ui/style.py's scroll-to-top leaves it in view
    e.scrollIntoView({block: block});
    e.focus({preventScroll: true});
  }, 50);
})();"""


def request(selector: str | None, announce: str = "", block: str = "center") -> None:
    """On this run (from a callback) or the next (before st.rerun / st.switch_page): move focus
    to the first displayed element matching `selector`, scrolled into view, and announce `announce`."""
    st.session_state[PENDING] = (selector, announce, block)


def announce(text: str) -> None:
    """Say `text` to screen readers, without moving focus."""
    request(None, text)


def on_new_view(view: str, selector: str, announce: str) -> None:
    """Move focus to `selector` and announce, once each time `view` differs from the last view
    this session focused (a new step after Next, Back, the browser's Back, a link), unless the
    click that led here asked for another place already."""
    if st.session_state.get(LAST_VIEW) != view:
        st.session_state[LAST_VIEW] = view
        if PENDING not in st.session_state:
            request(selector, announce, block="nearest")


def draw() -> None:
    """Emit the pending focus move, if any (once: the request is used up)."""
    pending = st.session_state.pop(PENDING, None)
    if not pending:
        return
    selector, say, block = pending
    n = st.session_state[COUNT] = st.session_state.get(COUNT, 0) + 1   # new text: the script runs
    with st.container(key=BOX):
        st.html(script(_JS, n=n, sel=selector or "", say=say, block=block), unsafe_allow_javascript=True)


def script(code: str, **data: object) -> str:
    """A <script> element whose text is `code` unchanged and whose inputs are data- attributes
    (read with document.currentScript.dataset): the text, and so its CSP hash, stays the same."""
    attrs = "".join(f' data-{k}="{html.escape(str(v), quote=True)}"' for k, v in data.items())
    return f"<script{attrs}>{code}</script>"
