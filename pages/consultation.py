import streamlit as st

from decision_aid.summary import build_summary
from ui import chrome, downloads, guard, state
from ui.content import get_content

# Printed for the visit: only the content, on one page (no menu, header, buttons or help).
PRINT_STYLE = ("<style>@page { size: letter; margin: 10mm; } @media print {"
               '[data-testid="stSidebar"], [data-testid="stHeader"], .stButton, .stDownloadButton,'
               ' [data-testid="stPageLink"], [data-testid="stTooltipIcon"], .st-key-nv_print_hint,'
               ' .st-key-nv_privacy { display: none !important; }'
               ' [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }'
               ' [data-testid="stMain"] { zoom: 0.72; } }</style>')

with chrome.page("nav.consultation") as content:
    t = content.text
    english = get_content("en") if content.language != "en" else None
    # The nurse may read this view in English; the patient's own pages stay in her language.
    if english and st.toggle(t("consultation.show_english"), key="nv_english"):
        view, t = english, english.text
    else:
        view = content

    st.subheader(t("consultation.heading"))
    if not state.answers():
        st.caption(t("consultation.intro"))
        st.info(t("consultation.empty"))
        st.page_link("pages/start.py", label=t("consultation.load_link"), icon=":material/upload_file:")
        st.stop()

    s = build_summary(state.answers(), view)

    def printed():   # hers, then (in another language) the sheet in English: built on the click
        return build_summary(state.answers(), content, team=english)
    st.html(PRINT_STYLE)

    def box(title: str, lines: list[str], empty: str | None = None, key: str | None = None) -> None:
        with st.container(border=True, key=key):
            st.markdown(f"**{title}**\n\n" + ("\n".join(f"- {x}" for x in lines) if lines
                                               else f"*{empty or t('consultation.none')}*"))

    # Above the fold at 1366x768: the options, her questions, SURE, what is not known, the notes.
    top = st.columns([1.5, 1, 1, 1.2])
    with top[0]:
        along = [o.title for o in s.options if o.alongside]
        box(t("consultation.options"),
            [o.title + (f" ({t('consultation.cautions', n=len(o.cautions) + len(o.warnings))})"
                        if o.cautions or o.warnings else "")
             for o in s.options if not o.alongside], key="nv_options")
        if along:
            st.caption(f"{t('consultation.options_alongside')}: {'; '.join(along)}")
    with top[1]:
        with st.container(border=True, key="nv_own_questions"):
            st.markdown(f"**{t('consultation.own_questions')}**")
            if s.own_questions:
                st.text(s.own_questions)  # the patient's words, shown as plain text
            else:
                st.markdown(f"*{t('consultation.none')}*")
        box(t("consultation.sure"), s.sure_to_discuss, t("consultation.no_sure"), key="nv_sure")
    with top[2]:
        box(t("consultation.unknown"), [i.title for i in s.missing] + [i.title for i in s.tests_to_ask],
            key="nv_missing")
    with top[3]:
        state.seed_notes()
        st.text_area(t("consultation.notes"), key=state.NOTES_WIDGET, on_change=guard.callback(state.store_notes),
                     max_chars=5000, height=200, help=t("consultation.notes_help"))
    downloads.pdf_button(printed, content.language, state.notes() or None, t("consultation.prepare_pdf"), t("consultation.pdf"),
                         "summary-for-visit.pdf", key="download_pdf_nurse")
    with st.container(key="nv_print_hint"):
        st.caption(t("consultation.print_hint"))

    # Patient details, below.
    st.subheader(t("consultation.details"))

    def answers_of(*step_ids: str, skip: tuple[str, ...] = ()) -> list[str]:
        return [f"**{a.short}:** {a.answer}" for a in s.answers if a.step_id in step_ids and a.id not in skip]

    low = st.columns(3)
    with low[0]:
        box(t("consultation.tumor"), [f"**{t('consultation.subtype')}:** {s.subtype}"]
            + answers_of("recurrence", "biology"), key="nv_tumor")
    with low[1]:
        box(t("consultation.treatments"), answers_of("treatments"), key="nv_treatments")
        box(t("consultation.health"), answers_of("health"), key="nv_health")
    with low[2]:
        box(t("consultation.matters"), answers_of("values", skip=("own_questions",)), key="nv_values")
    with st.container(key="nv_privacy"):
        st.caption(t("consultation.privacy"))
