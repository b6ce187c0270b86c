"""What the theme in .streamlit/config.toml cannot say: touch targets, focus rings, and
showing the top of a new page or step.

Drawn once per page by ui.chrome.frame(): one small CSS block that only sizes and outlines
Streamlit's own widgets, found by their `data-testid` attributes (the hooks Streamlit's own
tests use), and one constant line of JavaScript. Checked by tests/e2e; see docs/accessibility.md.
"""
from __future__ import annotations

import hashlib

import streamlit as st

from . import focus, state

FOCUS = "#1d4ed8"    # the theme's primaryColor: 6.7:1 on white
CAPTION = "#4b5563"  # 7.6:1 on white, 6.9:1 on the sidebar's #f1f5f9

CSS = f"""<style>
/* Touch targets of at least 44 x 44 CSS px for everything a patient taps (WCAG 2.5.5).
   Streamlit draws buttons 42 px high, checkbox and radio rows 22-24 px, page links 30 px. */
.stButton button, .stDownloadButton button, .stFormSubmitButton button, .stLinkButton a,
[data-testid="stFileUploaderDropzone"] button, [data-testid="stButtonGroup"] button,
[data-testid="stTab"], [data-testid="stExpander"] summary {{ min-height: 44px; }}
[data-testid="stCheckbox"] label, [data-testid="stRadioOption"] {{
  min-height: 44px; display: flex; align-items: center; padding-block: 0.2rem; }}
[data-testid="stPageLink-NavLink"] {{ min-height: 44px; align-items: center; }}
[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"] button {{
  min-width: 44px; min-height: 44px; }}

/* A choice's help, shown under its checkbox (ui/widgets.py), lined up with the label's text. */
[class*="st-key-choice_"] [data-testid="stCaptionContainer"],
[class*="st-key-group_"] [data-testid="stCaptionContainer"] {{ padding-left: 1.5rem; }}
/* A step heading takes focus after Next (ui/focus.py) so screen readers start there; it is
   not a control, so no ring. */
h2[tabindex="-1"]:focus {{ outline: none; }}
/* The names within a kind of treatment, set in under it. */
[class*="st-key-names_"] {{ padding-left: 1.75rem; }}
/* A radio choice with help: its text sits low in its 44 px row, so the help reads as its own. */
[data-testid="stRadioOption"]:has(+ [data-testid="stRadioCaption"]) {{ align-items: flex-end; }}
/* A chosen pill or scale number is bold with a thicker edge, not only tinted (WCAG 1.4.1). */
[data-testid="stButtonGroup"] button:is([aria-pressed="true"], [aria-checked="true"]) {{
  font-weight: 700; box-shadow: inset 0 0 0 1px {FOCUS}; }}
[data-testid="stButtonGroup"] button:is([aria-pressed="true"], [aria-checked="true"]) p {{ font-weight: 700; }}
/* The question of a radio, pills, scale or text box reads like a checkbox group's: bold. */
[class*="st-key-box_"] label[data-testid="stWidgetLabel"] p {{ font-weight: 700; }}
/* Captions ("Why we ask", a choice's help) in a darker grey than Streamlit's text at 60%
   opacity: 7.6:1 on white instead of 4.7:1 (and 4.3:1, under AA, on the sidebar).
   Sizes here are !important: Streamlit's own rules have the same specificity and are added to
   the page as elements first appear, so without it the one added last would win (seen on a
   loaded machine: captions at 14.9 px). */
[data-testid="stCaptionContainer"] {{ color: {CAPTION} !important; opacity: 1 !important;
  font-size: 0.95rem !important; }}
/* No text under 16 px: Streamlit writes answer choices, widget labels, buttons and links at
   0.875rem (14.9 px here); the theme's baseFontSize only sets body text. */
[data-testid="stWidgetLabel"] p, [data-testid="stRadioOption"] p, [data-testid="stButtonGroup"] p,
.stButton p, .stDownloadButton p, .stFormSubmitButton p, .stLinkButton p,
[data-testid="stExpander"] summary p, [data-testid="stPageLink-NavLink"] p, [data-testid="stTab"] p,
[data-testid="stFileUploaderDropzone"] p, [data-testid="stProgress"] p {{ font-size: 1rem !important; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0.95rem !important; }}
[data-testid="stTextAreaRootElement"] textarea, [data-testid="stTextInputRootElement"] input,
[data-testid="stSelectbox"] [data-baseweb="select"] div {{ font-size: 1rem !important; }}
[data-testid="stTable"] :is(th, td, p) {{ font-size: 0.95rem !important; }}
/* Less empty space above the page: Streamlit's 6rem left a phone 100 px of nothing under the
   menu button. (theme.paddingTop cannot do this: on a phone it is added to the header's height.) */
[data-testid="stMainBlockContainer"] {{ padding-top: 4.5rem !important; }}
.st-key-view_top, [data-testid="stLayoutWrapper"]:has(> .st-key-view_top),
.st-key-focus_script, [data-testid="stLayoutWrapper"]:has(> .st-key-focus_script),
.st-key-lang_script, [data-testid="stLayoutWrapper"]:has(> .st-key-lang_script) {{ display: none; }}
/* The urgent warning takes focus when it appears (ui/focus.py): show it with the same ring. */
.st-key-urgent_now:focus {{ outline: 3px solid {FOCUS}; outline-offset: 2px; }}
.st-key-urgent_now {{ scroll-margin-top: 4.5rem; }}

/* The folded menu is out of the Tab order (its links stayed Tab stops, off screen, on every
   page); the button that opens it, in the header, still works. */
[data-testid="stSidebar"][data-collapsed="true"] {{ visibility: hidden; }}
/* "Press Ctrl+Enter to apply" means nothing on a phone (no such keys): never shown there. */
@media (max-width: 767.98px), (pointer: coarse) {{ [data-testid="InputInstructions"] {{ display: none; }} }}

/* A clear focus ring (WCAG 2.4.7, 1.4.11). Streamlit only tints a focused checkbox or radio
   row faintly, shows nothing on a focused page link, and rings buttons in half-transparent blue. */
[data-testid="stCheckbox"] label[data-focus-visible], [data-testid="stRadioOption"][data-focus-visible],
[data-testid="stPageLink-NavLink"]:focus-visible, [data-testid="stExpander"] summary:focus-visible,
.stButton button:focus-visible, .stDownloadButton button:focus-visible,
.stFormSubmitButton button:focus-visible, .stLinkButton a:focus-visible,
[data-testid="stButtonGroup"] button:focus-visible, [data-testid="stFileUploaderDropzone"] button:focus-visible {{
  outline: 3px solid {FOCUS}; outline-offset: 2px; border-radius: 4px; }}
</style>"""


# Streamlit keeps the scroll position of its main container when the page changes, so after
# Next (at the bottom of a step) a phone showed the middle of the next step, not its heading.
# On a phone, Streamlit leaves the menu open over the page after one of its links is chosen:
# close it (its own button) when the page changes.
# Scripts keep one text (their inputs are data- attributes, ui/focus.script), so the
# Content-Security-Policy allows each by its hash (deploy/nginx.conf.in).
TOP_JS = ('if (!(window.__daKept && document.activeElement === window.__daKept))'
          ' document.querySelector(\'[data-testid="stMain"]\')?.scrollTo(0, 0);'
          'if (window.matchMedia("(max-width: 767.98px)").matches'
          ' && document.querySelector(\'[data-testid="stSidebar"][data-collapsed="false"]\'))'
          ' document.querySelector(\'[data-testid="stSidebarCollapseButton"] button\')?.click();')

# While there are answers, the browser asks before a reload or closing the tab would lose them
# (Chromium shows its own words; the page's "Save my answers" is the way to keep them).
LEAVE_JS = ('(() => { const w = window;'
            'if (w.__daLeave) w.removeEventListener("beforeunload", w.__daLeave);'
            'w.__daLeave = (e) => { e.preventDefault(); e.returnValue = ""; };'
            'if (document.currentScript.dataset.on === "true") w.addEventListener("beforeunload", w.__daLeave); })();')


def apply() -> None:
    """Inject the CSS (a style-only st.html takes no room on the page), and scroll to the top
    when the page or the step is new. The script's text changes only then, and Streamlit runs
    an st.html script again only when its text changes: ticking a box never moves the page."""
    st.html(CSS)
    view = f"{st.context.url}|{st.session_state.get(state.STEP, 0)}"
    with st.container(key="view_top"):
        st.html(focus.script(TOP_JS, view=hashlib.sha256(view.encode()).hexdigest()[:16]),
                unsafe_allow_javascript=True)
        st.html(focus.script(LEAVE_JS, on="true" if state.answers() else "false"), unsafe_allow_javascript=True)


def relabel_file_chooser(key: str, label: str) -> None:
    """Streamlit 1.67 names its file chooser's button and limits in English only: in another
    language, the button shows `label` instead (CSS generated text is part of its accessible
    name in Chromium) and the English limit line is hidden (the field's label says .json)."""
    text = label.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    words = f".st-key-{key} [data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p"
    st.html(f"<style>{words} {{ font-size: 0 !important; }}"
            f"{words}::after {{ content: \"{text}\"; font-size: 1rem; }}"
            f".st-key-{key} [data-testid='stFileUploaderDropzoneInstructions'] {{ display: none; }}</style>")
