"""Draw a Summary value on the page. Decides nothing: every item comes from the Summary."""
from __future__ import annotations

import streamlit as st

from decision_aid.summary import OptionView, Summary


def _items(items, heading: str | None = None) -> None:
    if not items:
        return
    if heading:
        st.subheader(heading)
    for i in items:
        st.markdown(f"**{i.title}.** {i.text}" if i.title else i.text)


def _option(o: OptionView, h: dict[str, str], more_label: str) -> None:
    with st.container(border=True, key=f"option_{o.id}"):
        st.markdown(f"### {o.title}")
        st.markdown(o.what_it_is)
        st.markdown(f"**{h['why_shown']}:** {o.why_shown}")
        st.markdown(f"**{h['how_given']}:** {o.route}. {o.how_given} {o.visits}")
        lines = []
        for e in o.side_effects:
            n = f" — {h['about']} {e.about_n_in_100} {h['in_100']}" if e.about_n_in_100 is not None else ""
            serious = f" ({h['serious']})" if e.serious else ""
            flag = f" — **{h['you_said_worry']}**" if e.worries_patient else ""
            lines.append(f"- {e.label}: {e.frequency}{n}{serious}{flag}")
        st.markdown(f"**{h['side_effects']}:**\n" + "\n".join(lines))
        if o.fit:
            st.markdown(f"**{h['fit']}:**\n" + "\n".join(f"- {x}" for x in o.fit))
        if o.cautions:
            st.warning(f"**{h['cautions']}:**\n" + "\n".join(f"- {c}" for c in o.cautions), icon=":material/health_and_safety:")
        with st.expander(more_label):
            if o.examples:
                st.markdown(f"**{h['examples']}:** " + ", ".join(o.examples))
            st.markdown(o.when_discussed)
            st.markdown(f"**{h['tell_team']}:**\n" + "\n".join(f"- {x}" for x in o.tell_team))
            st.markdown(f"**{h['sources']}:**\n" + "\n".join(f"- [{s.name} ({s.year})]({s.url})" for s in o.sources))


def render(s: Summary, more_label: str) -> None:
    h = s.headings
    st.header(h["title"])
    if s.draft_notice:
        st.info(s.draft_notice, icon=":material/edit_note:")
    _items(s.situation, h["situation"])
    if s.missing:
        _items(s.missing, h["missing"])

    st.subheader(h["path"])
    cols = st.columns(3)
    for col, label, items in zip(cols, (h["path_before"], h["path_now"], h["path_later"]),
                                 (s.path.already_had, s.path.now, s.path.later)):
        with col.container(border=True):
            st.markdown(f"**{label}**")
            st.markdown("\n".join(f"- {x}" for x in items) if items else f"*{h['path_none']}*")
    st.caption(h["path_note"])

    st.subheader(h["options"])
    st.markdown(h["options_intro"])
    for o in s.options:
        _option(o, h, more_label)

    with st.expander(h["not_listed"]):
        for n in s.not_listed:
            st.markdown(f"**{n.title}.** {n.why}")
    _items(s.tests_to_ask, h["tests"])
    _items(s.trials, h["trials"])
    if s.trial_search_url:
        st.link_button(h["trial_search"], s.trial_search_url)
    _items(s.support, h["support"])

    st.subheader(h["questions"])
    st.markdown("\n".join(f"- {q}" for q in s.questions_to_ask))
    if s.own_questions:
        st.markdown(f"**{h['own_questions']}:**")
        st.text(s.own_questions)  # the patient's own words, shown as plain text
    if s.sure_to_discuss:
        st.subheader(h["sure"])
        st.markdown("\n".join(f"- {x}" for x in s.sure_to_discuss))
    st.subheader(h["disclaimer"])
    st.markdown(s.disclaimer)
    st.caption(f"{h['content_date']}: {s.content_last_reviewed.isoformat()}")
