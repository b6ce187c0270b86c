import streamlit as st

from decision_aid.answers import facts
from ui import chrome, state, urgent, widgets

steps = chrome.content_or_stop().questions.steps
n = min(state.step(), len(steps) - 1)
step = steps[n]
urgent_here = any(q.id == urgent.QUESTION for q in step.questions)   # the whole warning, under it

with chrome.page("nav.questions", urgent_here=urgent_here) as content:
    t = content.text

    st.progress((n + 1) / len(steps), text=t("steps.progress", n=n + 1, total=len(steps), title=step.title))
    st.header(step.title)
    if step.intro:
        st.markdown(step.intro)
    st.caption(t("steps.skip_note"))

    main, side = st.columns([3, 2], gap="large")
    with main:
        f = facts(state.answers())
        for q in step.questions:
            if q.show_when.holds(f):
                widgets.question(q, content)
        back, nxt = st.columns(2)
        if n > 0 and back.button(t("steps.back"), key="back", use_container_width=True):
            state.go_to_step(n - 1)
            st.rerun()
        last = n == len(steps) - 1
        if nxt.button(t("steps.review") if last else t("steps.next"), type="primary", key="next",
                      use_container_width=True):
            if last:
                st.switch_page("pages/review.py")
            state.go_to_step(n + 1)
            st.rerun()
        chrome.save_button(content, key="save_answers_step")  # on phones the sidebar is folded away
    with side:
        if step.site:
            chrome.site_passage(step.site, content)
