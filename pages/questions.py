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


def return_to(step, came_from: str | None, changing: str) -> str:
    """The Change button to come back to on check-your-answers: the one she used, or, if it is
    gone (the answer now skipped, or the step now answered), the one for where the question is now.
    An answer's own Change sits in its step's fold, which is then opened."""
    f = facts(state.answers())
    asked = [q for q in step.questions if q.show_when.holds(f)]
    answered = {q.id for q in asked if state.answers().get(q.id) is not None}
    skipped_left = len(answered) < len(asked)
    if came_from == f"change_{changing}" and changing in answered:
        st.session_state[f"fold_review_{step.id}"] = True
        return came_from
    if came_from == f"change_step_{step.id}" and answered:
        return came_from
    return f"change_skipped_{step.id}" if skipped_left else f"change_step_{step.id}"


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
                target = return_to(step, st.session_state.pop(state.CHANGED_FROM, None), changing)
                focus.request(f".st-key-{target} button", t("review.heading"))
                st.switch_page("pages/review.py")
        back, nxt = st.columns(2)
        if n > 0:
            back.button(t("steps.back"), key="back", use_container_width=True, on_click=go, args=(n - 1,))
        last = n == len(steps) - 1
        nxt.button(t("steps.review") if last else t("steps.next"), type="secondary" if changing else "primary",
                   key="next", use_container_width=True, on_click=go, args=(n + 1,))
        if n == 0:   # once, where the answers begin (later: in the menu, and on the summary)
            chrome.save_button(content, key="save_answers_step")  # on phones the menu is folded away
            if state.answers():   # before a reload (which also asks first)
                st.caption(t("steps.leave_note"))
    with side:
        if step.site:
            chrome.site_passage(step.site, content)
