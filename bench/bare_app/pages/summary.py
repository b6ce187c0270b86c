import streamlit as st

from bare import STEPS, WORDS, answers, frame, pdf_button, save_button

frame()
if not answers():
    st.info(WORDS)
    if st.button("Begin", key="begin_from_summary"):
        st.switch_page("pages/questions.py")
    st.stop()


def fold(title: str, key: str, paragraphs: int) -> None:
    """As ui/summary_view.py: a fold drawn only when opened."""
    exp = st.expander(title, key=key, on_change="rerun")
    with exp:
        if exp.open:
            for _ in range(paragraphs):
                st.markdown(WORDS)


# as pages/summary.py and ui/summary_view.py: the sheet (her facts folded, Save and the PDF under
# them, the options side by side, what to ask), her SURE answers folded, the details one switch away
st.html("<style>.cmp-table { border-collapse: collapse; }</style>")
st.header("Your summary")
st.info(WORDS)
fold("Your situation", "fold_facts", 9)
with st.container(key="summary_actions", horizontal=True):
    save_button("save_answers_summary")
    pdf_button("download_pdf")
st.subheader("Your questions")
st.text(WORDS)
st.subheader("Options to discuss now")
st.markdown(WORDS)
cells = "".join(f"<tr><th>Row {r}</th>" + "<td>placeholder</td>" * 5 + "</tr>" for r in range(6))
st.html(f'<table class="cmp-table"><tbody>{cells}</tbody></table>')   # an HTML table, no pandas
for heading, items in (("Alongside any treatment", 4), ("Questions to ask first", 3)):
    st.subheader(heading)
    st.markdown("\n".join(f"- {WORDS}" for _ in range(items)))
fold("Talk it through", "fold_talk_through", 1)
st.subheader("Please note")
st.markdown(WORDS)
st.caption(WORDS)
exp = st.expander("Sure again", key="sure_again_open", on_change="rerun")
with exp:
    if exp.open:
        with st.form("sure_again", enter_to_submit=False):
            for q in STEPS[-1]["questions"]:
                st.radio(f"Question {q['id']}", ["Yes", "No"], horizontal=True, index=None, key=f"sure_after_{q['id']}")
            st.form_submit_button("Save", type="primary", key="sure_again_save")
if st.toggle("Show the details", key="show_details"):
    for i in range(14):
        fold(f"Details {i + 1}", f"details_{i}", 4)
    with st.container(key="summary_more_downloads", horizontal=True):
        pdf_button("download_pdf_full")
        st.download_button("Download text", data=WORDS, file_name="my-summary.md", mime="text/markdown",
                           on_click="ignore", key="download_md")
