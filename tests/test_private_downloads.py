"""A patient's files on the server: only their own page can find them, and Clear removes them.

Streamlit places a download button's file at /media/<id> on every run that draws the
button, and serves that path to anyone. These tests run the real app (`streamlit run`) and
drive it with the app's own WebSocket protocol (tests/ws_client.py), then fetch the media
URL with no cookie at all, as a stranger would.
"""
import asyncio
import json
import urllib.error
import urllib.request

import pytest
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from server import streamlit_server
from ws_client import FINISHED_OK, StreamlitTab

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


async def _with_answers(url: str, content, tab: StreamlitTab):
    """Start, walk to the values step and type a question: the sidebar's Save button appears."""
    run = await tab.rerun()
    run = await tab.rerun(click=run.widgets["begin"])
    values_step = next(i for i, s in enumerate(content.questions.steps) if s.id == "values")
    for _ in range(values_step):
        run = await tab.rerun(click=run.widgets["next"])
    return await tab.rerun(values={run.widgets["q_own_questions"]: ("string_value", WORDS)})


def _ws(url: str) -> str:
    return url.replace("http", "ws") + "/_stcore/stream"


def test_saved_answers_url_cannot_be_predicted_and_is_gone_after_clear(app_url, content):
    async def scenario():
        async with await StreamlitTab.open(_ws(app_url)) as one, \
                await StreamlitTab.open(_ws(app_url)) as two:
            run_one = await _with_answers(app_url, content, one)
            run_two = await _with_answers(app_url, content, two)
            url_one, url_two = run_one.downloads["save_answers"], run_two.downloads["save_answers"]

            status, body = fetch(app_url + url_one)
            assert status == 200 and WORDS in json.loads(body)["answers"]["own_questions"]
            # the same answers in two sessions: two different addresses
            assert url_one != url_two
            # the address is not the hash of the file's own bytes, type and name
            predictable = _calculate_file_id(body, "application/json", "my-answers.json")
            assert predictable not in url_one
            assert fetch(f"{app_url}/media/{predictable}.json")[0] == 404

            # Clear my answers: the file is gone at once, without waiting for other runs
            run = await one.rerun(click=run_one.widgets["clear_start"])
            run = await one.rerun(click=run.widgets["clear_yes"])
            assert run.status == FINISHED_OK and WORDS not in run.text
            assert fetch(app_url + url_one)[0] == 404
            # the other patient's file is untouched
            assert fetch(app_url + url_two)[0] == 200

    asyncio.run(asyncio.wait_for(scenario(), timeout=120))


def test_summary_downloads_are_private_and_gone_after_clear(app_url, content):
    async def scenario():
        async with await StreamlitTab.open(_ws(app_url)) as tab:
            run = await _with_answers(app_url, content, tab)
            run = await tab.rerun(page=run.pages["summary"])
            md = run.downloads["download_md"]
            run = await tab.rerun(click=run.widgets["download_pdf_prepare"])
            pdf = run.downloads["download_pdf"]
            status, body = fetch(app_url + md)
            assert status == 200 and WORDS.encode() in body
            assert _calculate_file_id(body, "text/markdown", "my-summary.md") not in md
            assert fetch(app_url + pdf)[0] == 200
            run = await tab.rerun(click=run.widgets["clear_start"])
            run = await tab.rerun(click=run.widgets["clear_yes"])
            assert fetch(app_url + md)[0] == 404
            assert fetch(app_url + pdf)[0] == 404

    asyncio.run(asyncio.wait_for(scenario(), timeout=120))
