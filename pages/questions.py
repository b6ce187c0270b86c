import streamlit as st

from decision_aid.answers import facts
from ui import chrome, focus, guard, state, urgent, widgets

steps = chrome.content_or_stop().questions.steps
# The step is in the URL (?step=3), so the browser's Back and Forward move between steps.
in_url = st.query_params.get("step", "")
if in_url.isdigit() and 1 <= int(in_url) <= len(steps):
    state.go_to_step(int(in_url) - 1)
n = min(state.step(), len(steps) - 1)
step = steps[n]
if in_url != str(n + 1):
    st.query_params["step"] = str(n + 1)
urgent_here = any(q.id == urgent.QUESTION for q in step.questions)   # the whole warning, under it


TO_REVIEW = "to_review"


@guard.callback
def go(to: int) -> None:
    """on_click of Next and Back: a new step, and a new entry in the browser's history; after
    the last step, the check-your-answers page. (A callback, not `if st.button(...)`: the
    clicked button's key is drawn again on the new step, where it would still read as clicked.)"""
    if to == len(steps):
        st.session_state[TO_REVIEW] = True
        return
    state.go_to_step(to)
    st.query_params["step"] = str(to + 1)


if st.session_state.pop(TO_REVIEW, False):
    st.switch_page("pages/review.py")


with chrome.page("nav.questions", urgent_here=urgent_here) as content:
    t = content.text
    progress = t("steps.progress", n=n + 1, total=len(steps), title=step.title)
    st.progress((n + 1) / len(steps), text=progress)
    st.header(step.title, anchor=f"step-{step.id}")
    # after Next, Back or a link: focus on the step's heading, and the new step is announced
    focus.on_new_view(f"step-{step.id}", f'[id="step-{step.id}"]',
                      t("steps.announce", n=n + 1, total=len(steps), title=step.title))
    if step.intro:
        st.markdown(step.intro)
    if n == 0:
        st.caption(t("steps.skip_note"))   # once, on the first step

    main, side = st.columns([3, 2], gap="large")
    with main:
        f = facts(state.answers())
        for q in step.questions:
            if q.show_when.holds(f):
                widgets.question(q, content)
        if changing := st.session_state.get(state.CHANGING):   # came here from "Change"
            if st.button(t("steps.back_to_review"), type="primary", key="back_to_review",
                         use_container_width=True):
                st.session_state.pop(state.CHANGING, None)
                # back to its Change button (or, still skipped, to the step's line of skipped questions)
                focus.request(f".st-key-change_{changing} button, .st-key-change_skipped_{step.id} button",
                              t("review.heading"))
                st.switch_page("pages/review.py")
        back, nxt = st.columns(2)
        if n > 0:
            back.button(t("steps.back"), key="back", use_container_width=True, on_click=go, args=(n - 1,))
        last = n == len(steps) - 1
        nxt.button(t("steps.review") if last else t("steps.next"), type="secondary" if changing else "primary",
                   key="next", use_container_width=True, on_click=go, args=(n + 1,))
        chrome.save_button(content, key="save_answers_step")  # on phones the sidebar is folded away
        if state.answers() and n == 0:   # once, where the answers begin (and before a reload)
            st.caption(t("steps.leave_note"))
    with side:
        if step.site:
            chrome.site_passage(step.site, content)
