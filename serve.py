"""The server's entry point: the app (app.py) plus a readiness check that looks at the PDF builder.

    python -m streamlit run serve.py ...     (the image's CMD; `streamlit run app.py` also works,
                                             without /_app/ready)

Streamlit's own /_stcore/health says "ok" as long as the server runs. GET /_app/ready answers
503 while a PDF build has been under way for longer than PDF_TIMEOUT_SECONDS (hung:
ui/pdf_build.py), so the replica gets no new patients. The Kubernetes readinessProbe uses it.
"""
from __future__ import annotations

import streamlit as st
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from ui import pdf_build


async def ready(request: Request) -> PlainTextResponse:
    headers = {"Cache-Control": "no-cache"}
    if pdf_build.responsive():
        return PlainTextResponse("ok", headers=headers)
    return PlainTextResponse("a PDF build is hung", status_code=503, headers=headers)


app = st.App("app.py", routes=[Route("/_app/ready", ready, methods=["GET", "HEAD"])])
