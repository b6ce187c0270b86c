import streamlit as st

from decision_aid.answers import facts
from decision_aid.summary import answer_text
from ui import chrome, focus, state

with chrome.page("nav.review") as content:
    t = content.text

    st.header(t("review.heading"), anchor="review")
    focus.on_new_view("review", '[id="review"]', t("review.heading"))
    st.markdown(t("review.intro"))
    answers = state.answers()
    f = facts(answers)
    for i, step in enumerate(content.questions.steps):
        st.subheader(step.title)
        for q in step.questions:
            if not q.show_when.holds(f):
                continue
            # one row on a phone too (columns would stack): the answer, then its Change button
            with st.container(border=True, key=f"review_{q.id}", horizontal=True, wrap=False,
                              vertical_alignment="center", gap="small"):
                left, right = st.container(width="stretch"), st.container(width="content")
                value = answers.get(q.id)
                name = q.short or q.label   # a few words: the question itself is on its step
                if value is None:
                    left.markdown(f"**{name}:** *{t('review.skipped')}*")
                elif q.widget == "text":
                    left.markdown(f"**{name}:**")
                    left.text(answer_text(content, q.id, value))  # the patient's words, shown as text
                else:
                    left.markdown(f"**{name}:** {answer_text(content, q.id, value)}")
                if right.button(t("review.change"), key=f"change_{q.id}", help=q.label):
                    state.go_to_step(i)
                    st.session_state[state.CHANGING] = q.id   # the step offers a way back here
                    st.switch_page("pages/questions.py")
    if st.button(t("review.see_summary"), type="primary", key="see_summary"):
        st.session_state.pop(state.CHANGING, None)
        st.switch_page("pages/summary.py")
