import streamlit as st

from decision_aid.summary import build_summary
from ui import chrome, downloads, guard, state

with chrome.page("nav.consultation") as content:
    t = content.text
    h = content.ui["summary_headings"]

    st.header(t("consultation.heading"))
    st.caption(t("consultation.intro"))
    if not state.answers():
        st.info(t("consultation.empty"))
        st.page_link("pages/start.py", label=t("consultation.load_link"), icon=":material/upload_file:")
        st.stop()

    s = build_summary(state.answers(), content)
    by_step = {step.title: [a for a in s.answers if a.step == step.title] for step in content.questions.steps}


    def box(title: str, lines: list[str], empty: str | None = None, key: str | None = None) -> None:
        with st.container(border=True, key=key):
            st.markdown(f"**{title}**")
            st.markdown("\n".join(f"- {x}" for x in lines) if lines else f"*{empty or t('consultation.none')}*")


    def answers_of(step_id: str, skip: tuple[str, ...] = ()) -> list[str]:
        step = next(x for x in content.questions.steps if x.id == step_id)
        qs = {q.label: (q.short or q.label) for q in step.questions if q.id not in skip}
        return [f"**{qs[a.question]}:** {a.answer}" for a in by_step[step.title] if a.question in qs]


    top = st.columns(3)
    with top[0]:
        box(t("consultation.tumor"), [f"**{t('consultation.subtype')}:** {s.subtype}"]
            + answers_of("recurrence") + answers_of("biology"), key="nv_tumor")
    with top[1]:
        box(t("consultation.treatments"), answers_of("treatments"), key="nv_treatments")
        box(t("consultation.health"), answers_of("health"), key="nv_health")
    with top[2]:
        box(t("consultation.matters"), answers_of("values", skip=("own_questions",)), key="nv_values")

    low = st.columns(3)
    with low[0]:
        box(t("consultation.options"), [o.title + (f" — {t('consultation.cautions', n=len(o.cautions) + len(o.warnings))}"
                                                   if o.cautions or o.warnings else "") for o in s.options],
            key="nv_options")
    with low[1]:
        box(h["sure"], s.sure_to_discuss, t("consultation.no_sure"), key="nv_sure")
        box(t("consultation.unknown"), [i.title for i in s.missing], key="nv_missing")
    with low[2], st.container(border=True, key="nv_own_questions"):
        st.markdown(f"**{h['own_questions']}**")
        if s.own_questions:
            st.text(s.own_questions)  # the patient's words, shown as plain text
        else:
            st.markdown(f"*{t('consultation.none')}*")

    state.seed_notes()
    st.text_area(t("consultation.notes"), key=state.NOTES_WIDGET, on_change=guard.callback(state.store_notes),
                 max_chars=5000, height=160, help=t("consultation.notes_help"))
    downloads.pdf_button(s, state.notes() or None, t("consultation.prepare_pdf"), t("consultation.pdf"),
                         "summary-for-visit.pdf", key="download_pdf_nurse")
    st.caption(t("consultation.privacy"))
