import streamlit as st

from bare import STEPS, WORDS, answers, frame, pdf_button, save_button

frame()
if not answers():
    st.info(WORDS)
    if st.button("Begin", key="begin_from_summary"):
        st.switch_page("pages/questions.py")
    st.stop()

st.header("Your summary")
st.info(WORDS)
st.subheader("Your situation")
for _ in range(3):
    st.markdown(WORDS)
st.subheader("Your path")
for col in st.columns(3):
    with col.container(border=True):
        st.markdown(f"**{WORDS[:20]}**")
        st.markdown(f"- {WORDS}")
st.caption(WORDS)
st.subheader("Options")
st.markdown(WORDS)
for i in range(6):
    with st.container(border=True, key=f"option_{i}"):
        st.markdown(f"### Option {i + 1}")
        for _ in range(4):
            st.markdown(WORDS)
        with st.expander("Show more"):
            st.markdown(WORDS)
st.subheader("Compare")
cells = "".join(f"<tr><th>Row {r}</th>" + "<td>placeholder</td>" * 6 + "</tr>" for r in range(5))
st.html(f"<table><tbody>{cells}</tbody></table>")   # as ui/summary_view.py: an HTML table, no pandas
for heading in ("Tests", "Trials", "Support", "Questions to ask"):
    st.subheader(heading)
    st.markdown(WORDS)
st.subheader("Sure again")
with st.form("sure_again", enter_to_submit=False):
    for q in STEPS[-1]["questions"]:
        st.radio(f"Question {q['id']}", ["Yes", "No"], horizontal=True, index=None, key=f"sure_after_{q['id']}")
    st.form_submit_button("Save", type="primary", key="sure_again_save")
st.subheader("Please note")
st.markdown(WORDS)
st.caption(WORDS)

pdf, md = st.columns(2)
with pdf:
    pdf_button("download_pdf")
md.download_button("Download text", data=WORDS, file_name="my-summary.md", mime="text/markdown",
                   on_click="ignore", key="download_md")
save_button("save_answers_summary")
