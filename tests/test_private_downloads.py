"""A patient's files on the server: only their own page can find them, and Clear removes them.

Streamlit places a download button's file at /media/<id> on every run that draws the
button, and serves that path to anyone. These tests run the real app (`streamlit run`) and
drive it with the app's own WebSocket protocol (bench/client.py), then fetch the media
URL with no cookie at all, as a stranger would.
"""
import asyncio
import json
import urllib.error
import urllib.request

import pytest
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from bench.client import Session
from bench.server import streamlit_server

WORDS = "Can I keep working at the bakery during treatment?"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with streamlit_server(tmp_path_factory.mktemp("media") / "server.log") as url:
        yield url


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:     # no cookie, no session
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


async def _with_answers(content, tab: Session) -> None:
    """Start, walk to the values step and type a question: the sidebar's Save button appears."""
    await tab.open()
    await tab.click("begin")
    values_step = next(i for i, s in enumerate(content.questions.steps) if s.id == "values")
    for _ in range(values_step):
        await tab.click("next")
    await tab.type_text("q_own_questions", WORDS)


def test_saved_answers_url_cannot_be_predicted_and_is_gone_after_clear(app_url, content):
    async def scenario():
        async with Session(app_url, keep_text=True) as one, Session(app_url) as two:
            await _with_answers(content, one)
            await _with_answers(content, two)
            url_one, url_two = one.download_url("save_answers"), two.download_url("save_answers")

            status, body = fetch(app_url + url_one)
            assert status == 200 and WORDS in json.loads(body)["answers"]["own_questions"]
            # the same answers in two sessions: two different addresses
            assert url_one != url_two
            # the address is not the hash of the file's own bytes, type and name
            predictable = _calculate_file_id(body, "application/json", "my-answers.json")
            assert predictable not in url_one
            assert fetch(f"{app_url}/media/{predictable}.json")[0] == 404

            # Clear my answers: the file is gone at once, without waiting for other runs
            await one.click("clear_start")
            await one.click("clear_yes")
            assert WORDS not in one.text
            assert fetch(app_url + url_one)[0] == 404
            # the other patient's file is untouched
            assert fetch(app_url + url_two)[0] == 200

    asyncio.run(asyncio.wait_for(scenario(), timeout=120))


def test_summary_downloads_are_private_and_gone_after_clear(app_url, content):
    async def scenario():
        async with Session(app_url) as tab:
            await _with_answers(content, tab)
            await tab.goto("summary")
            await tab.checkbox("show_details")        # the text copy is with the details
            md = tab.download_url("download_md")
            await tab.click("download_pdf_prepare")
            pdf = tab.download_url("download_pdf")
            status, body = fetch(app_url + md)
            assert status == 200 and WORDS.encode() in body
            assert _calculate_file_id(body, "text/markdown", "my-summary.md") not in md
            assert fetch(app_url + pdf)[0] == 200
            await tab.click("clear_start")
            await tab.click("clear_yes")
            assert fetch(app_url + md)[0] == 404
            assert fetch(app_url + pdf)[0] == 404

    asyncio.run(asyncio.wait_for(scenario(), timeout=120))
