"""A small Streamlit 1.67 WebSocket client for tests: one browser tab, without a browser.

It speaks the app's own protocol (see ../shared/research/streamlit-engineering.md, section 6):
connect to ws://host/_stcore/stream with subprotocol "streamlit" (second entry: the XSRF
token, third: a session id to resume), send BackMsg(rerun_script=ClientState(...)) as binary
protobuf, read ForwardMsg until script_finished. It keeps what a test needs from each run:
the page, the session id, the widget ids by key, the text shown and download URLs.

Headers (Cookie, Origin) are passed as a browser would send them, so the client works
behind a reverse proxy that routes on a cookie. The bench/ load client is separate.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

FINISHED_OK = ForwardMsg.FINISHED_SUCCESSFULLY
EARLY_FOR_RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN


@dataclass
class Run:
    """What one script run (or a chain of st.rerun/switch_page runs) showed."""
    page: str = ""                                   # page_script_hash after the run
    session_id: str | None = None                    # only on a session's first run
    pages: dict[str, str] = field(default_factory=dict)     # url path ("" = default) -> hash
    widgets: dict[str, str] = field(default_factory=dict)   # user key -> widget id
    kinds: dict[str, str] = field(default_factory=dict)     # user key -> element type
    downloads: dict[str, str] = field(default_factory=dict) # download key -> media URL (prepared data)
    texts: list[str] = field(default_factory=list)          # every string in the last run's deltas
    status: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def _strings(msg, out: list[str]) -> None:
    for fd, value in msg.ListFields():
        repeated = not isinstance(value, (str, bytes)) and not hasattr(value, "ListFields") \
            and hasattr(value, "__iter__")   # a repeated field (or map)
        values = list(value) if repeated else [value]
        for v in values:
            if isinstance(v, str):
                out.append(v)
            elif hasattr(v, "ListFields"):
                _strings(v, out)


def _key(widget_id: str) -> str:
    return widget_id.split("-", 2)[-1]   # "$$ID-<hash>-<key>"


class StreamlitTab:
    """One connected tab. Use `async with await StreamlitTab.open(...)` or call close()."""

    def __init__(self, ws):
        self.ws = ws
        self.page = ""
        self.session_id: str | None = None

    @property
    def response_headers(self):
        return self.ws.response.headers

    @classmethod
    async def open(cls, url: str, *, cookie: str = "", origin: str | None = None,
                   xsrf: str | None = None, session_id: str | None = None,
                   timeout: float = 15) -> StreamlitTab:
        protocols = ["streamlit"]
        if xsrf or session_id:
            protocols.append(xsrf or "none")
        if session_id:
            protocols.append(session_id)
        headers = {"Cookie": cookie} if cookie else {}
        ws = await connect(url, subprotocols=protocols, additional_headers=headers, origin=origin,
                           open_timeout=timeout, max_size=None, compression=None, proxy=None)
        tab = cls(ws)
        tab.session_id = session_id
        return tab

    async def close(self) -> None:
        await self.ws.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()

    async def _recv(self, timeout: float) -> ForwardMsg:
        msg = ForwardMsg()
        msg.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout))
        return msg

    async def rerun(self, *, page: str | None = None, click: str | None = None,
                    values: dict[str, tuple[str, object]] | None = None,
                    timeout: float = 20) -> Run:
        """Rerun the script as a browser would after an interaction.

        page: page_script_hash to run (default: the current page). click: a button's widget id.
        values: widget id -> (WidgetState value field, value), e.g. ("bool_value", True).
        """
        state = ClientState(page_script_hash=self.page if page is None else page)
        if click:
            state.widget_states.widgets.add(id=click, trigger_value=True)
        for wid, (fld, value) in (values or {}).items():
            setattr(state.widget_states.widgets.add(id=wid), fld, value)
        back = BackMsg()
        back.rerun_script.CopyFrom(state)
        await self.ws.send(back.SerializeToString())

        run = Run()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            msg = await self._recv(max(0.1, deadline - loop.time()))
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                run.page = msg.new_session.page_script_hash or run.page
                if msg.new_session.HasField("initialize"):
                    run.session_id = msg.new_session.initialize.session_id
            elif kind == "navigation":
                run.page = msg.navigation.page_script_hash or run.page
                run.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            elif kind == "delta":
                _strings(msg.delta, run.texts)
                if msg.delta.WhichOneof("type") == "new_element":
                    el = msg.delta.new_element
                    etype = el.WhichOneof("type")
                    sub = getattr(el, etype) if etype else None
                    wid = getattr(sub, "id", "") if sub is not None else ""
                    if wid:
                        run.widgets[_key(wid)] = wid
                        run.kinds[_key(wid)] = etype
                        if etype == "download_button" and sub.url:
                            run.downloads[_key(wid)] = sub.url
            elif kind == "script_finished":
                if msg.script_finished == EARLY_FOR_RERUN:
                    # st.rerun / st.switch_page: the next run replaces what this one drew
                    run.texts, run.widgets, run.kinds, run.downloads = [], {}, {}, {}
                    continue
                run.status = msg.script_finished
                break
        self.page = run.page or self.page
        if run.session_id:
            self.session_id = run.session_id
        return run
