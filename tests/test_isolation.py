"""Several patients on one server at the same time never see each other's answers.

Sessions are driven through Streamlit's own WebSocket protocol (bench/client.py), all
at once and interleaved, against the real app started with `streamlit run`.
"""
import asyncio

import pytest

from bench.client import Session
from bench.server import streamlit_server

PATIENTS = 6


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with streamlit_server(tmp_path_factory.mktemp("iso") / "server.log") as url:
        yield url


async def _patient(url: str, n: int, content) -> tuple[str, list[str]]:
    """Walk to the values step, type a question only this patient asks, then read the review
    page and the summary. Returns this patient's words and what each page showed."""
    words = f"Patient {n} asks about the garden of house number {1000 + n}"
    steps = content.questions.steps
    async with Session(url, keep_text=True) as tab:
        await tab.open()
        await tab.click("begin")
        values_step = next(i for i, s in enumerate(steps) if s.id == "values")
        for _ in range(values_step):
            await asyncio.sleep(0)                      # let the other patients interleave
            await tab.click("next")
        assert steps[values_step].title in tab.text
        await tab.type_text("q_own_questions", words)
        seen = []
        for page in ("review", "summary", "consultation"):
            await tab.goto(page)                        # fails on an error status or a traceback shown
            seen.append(tab.text)
        return words, seen


def test_patients_at_the_same_time_see_only_their_own_answers(app_url, content):
    async def all_at_once():
        return await asyncio.gather(*(_patient(app_url, n, content) for n in range(PATIENTS)))

    results = asyncio.run(asyncio.wait_for(all_at_once(), timeout=120))
    for words, pages in results:
        others = [w for w, _ in results if w != words]
        for page, text in zip(("review", "summary", "consultation"), pages):
            if page != "review":                 # on check-your-answers her words are one tap away
                assert words in text
            assert not any(o in text for o in others)
