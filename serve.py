"""The server's entry point: the app (app.py) plus a readiness check that asks the PDF worker.

    python -m streamlit run serve.py ...     (the image's CMD; `streamlit run app.py` also works,
                                             without /_app/ready)

Streamlit's own /_stcore/health says "ok" as long as the server runs, even while the PDF worker
is stopped or stuck. GET /_app/ready also asks the worker for a trivial answer (ui/pdf_worker.py:
responsive); a worker that does not answer within seconds is killed (the next PDF starts a new
one) and this check answers 503 once, so a probe sees it. The Kubernetes readinessProbe uses it.
"""
from __future__ import annotations

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from ui import pdf_worker


async def ready(request: Request) -> PlainTextResponse:
    answers = await run_in_threadpool(pdf_worker.responsive)
    headers = {"Cache-Control": "no-cache"}
    if answers:
        return PlainTextResponse("ok", headers=headers)
    return PlainTextResponse("PDF worker did not answer; replaced", status_code=503, headers=headers)


app = st.App("app.py", routes=[Route("/_app/ready", ready, methods=["GET", "HEAD"])])
