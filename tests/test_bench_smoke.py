"""Smoke test of the load benchmark's client (the benchmark itself is `make bench`, not a test).

Starts the real app with `streamlit run` on a free loopback port and walks one whole patient
journey over Streamlit's websocket protocol: every step, review, summary, the PDF, back to a
step from the review page, a changed answer, the summary again; and that the PDF was built in
the server's own process (no child process holds memory beside it). Then the bare app
(bench/bare_app/, its layout made at run time from content/questions.yaml) walks the same journey
and must draw the same question widgets, of the same types, in the same order.
"""
import asyncio

from bench.client import CHANGE, PATIENT, Session, journey, plan_from_values
from bench.server import Server
from decision_aid.summary import build_summary


def test_load_client_walks_one_whole_journey_to_the_summary(content, tmp_path):
    plan = plan_from_values(content, PATIENT, CHANGE)
    final_answers = {**PATIENT, CHANGE[0]: CHANGE[1]}
    expected = [o.title for o in build_summary(final_answers, content).options]
    assert expected

    async def walk(server: Server):
        s = Session(server.base, keep_text=True)
        try:
            return s, await journey(s, plan)
        finally:
            await s.close()

    with Server("app", workdir=tmp_path) as server:
        s, res = asyncio.run(asyncio.wait_for(walk(server), 60))
        tree = server.tree()        # the server process and its children, from /proc
    with Server("bare", workdir=tmp_path) as server:
        bare, bare_res = asyncio.run(asyncio.wait_for(walk(server), 60))

    # the benchmark's floor asks the same questions with the same widgets, step by step
    def questions(seen: dict) -> list:
        return [(k, t) for k, t in seen.items() if k.startswith("q_")]
    assert questions(bare.seen) == questions(s.seen)
    assert bare_res.steps == res.steps and bare_res.reruns == res.reruns

    # the PDF was built in the server's own process: nothing else holds memory beside it
    assert tree["children"] == [] and tree["rss_mb"] > 0

    assert res.steps == len(content.questions.steps)
    assert s.page_name() == "summary"
    assert res.pdf_bytes > 1000
    shown = "\n".join(res.summary_texts)
    for title in expected:
        assert title in shown, f"the summary page does not show {title!r}"
    assert res.reruns >= 30 and res.script_runs > res.reruns   # page switches run two scripts
