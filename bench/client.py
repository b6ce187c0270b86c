"""A browser-less Streamlit session over the app's own websocket protocol (Streamlit 1.67): one
`Session` is one browser tab (asyncio, so hundreds run from one process), used by the benchmark
and the tests. `journey()` walks a whole patient journey from a `Plan`, so the app and the bare
app are driven the same way.
"""
from __future__ import annotations

import asyncio
import html
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from websockets.asyncio.client import connect

FINISHED_OK = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
FINISHED_RERUN = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")  # st.rerun, st.switch_page
WIDGET_TYPES = {"button", "checkbox", "radio", "button_group", "text_area", "download_button",
                "file_uploader", "text_input"}
TIMEOUT = 60.0  # seconds for one interaction; a stuck server fails the run instead of hanging


class ProtocolError(RuntimeError):
    """The server did not answer as a browser expects."""


@dataclass
class Sample:
    """One measured interaction: what it was, how long it took, how many script runs it caused."""
    kind: str
    seconds: float
    runs: int = 1


def _strings(msg, out: list[str]) -> None:
    """Every string field of a protobuf message, depth first (HTML unescaped)."""
    for _, value in msg.ListFields():
        repeated = not isinstance(value, (str, bytes)) and not hasattr(value, "ListFields") and hasattr(value, "__iter__")
        for v in value if repeated else [value]:
            if isinstance(v, str):
                out.append(html.unescape(v))
            elif hasattr(v, "ListFields"):
                _strings(v, out)


class Session:
    def __init__(self, base: str, *, keep_text: bool = False, record: Callable[[Sample], None] | None = None,
                 session_id: str = ""):
        self.base = base.rstrip("/")                     # http://127.0.0.1:<port>
        self.keep_text, self.record, self.ws = keep_text, record or (lambda s: None), None
        self.session_id = session_id                     # given: resume that session (connect())
        self.page_hash = ""                              # the page the server ran last
        self.pages: dict[str, str] = {}                  # url path -> page script hash
        self.widgets: dict[str, tuple[str, Any]] = {}    # key -> (element type, proto), last run
        self.texts: list[str] = []                       # every string the last run drew (keep_text)
        self.errors: list[str] = []                      # exception elements shown by the last run
        self._values: dict[str, WidgetState] = {}        # widget id -> the value the "browser" holds
        self.samples: list[Sample] = []
        self.seen: dict[str, str] = {}                   # every widget key drawn -> its type

    async def connect(self, *, cookie: str = "", origin: str | None = None, xsrf: str | None = None) -> None:
        """Open the websocket as a browser does (works behind a reverse proxy): subprotocols
        "streamlit", the XSRF token and the session id to resume; Cookie and Origin if given."""
        protocols = ["streamlit"] + ([xsrf or "none"] if xsrf or self.session_id else [])
        protocols += [self.session_id] if self.session_id else []
        self.ws = await connect(self.base.replace("http://", "ws://", 1) + "/_stcore/stream", subprotocols=protocols,
                                max_size=None, open_timeout=TIMEOUT, ping_interval=None, compression=None,
                                proxy=None, origin=origin, additional_headers={"Cookie": cookie} if cookie else None)

    @property
    def response_headers(self):
        """The headers of the websocket's handshake response (e.g. the proxy's X-Upstream)."""
        return self.ws.response.headers

    @property
    def text(self) -> str:
        """Every string the last run drew (with keep_text): labels, headings, markdown, HTML."""
        return "\n".join(self.texts)

    def download_url(self, key: str) -> str:
        """The /media/... URL of a download button."""
        return self._widget(key, "download_button").url

    def page_name(self) -> str:
        return next((url for url, h in self.pages.items() if h == self.page_hash), self.page_hash[:8])

    async def __aenter__(self) -> "Session":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    # ---- one rerun ----------------------------------------------------------------------
    def _take(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            if msg.new_session.HasField("initialize"):
                self.session_id = msg.new_session.initialize.session_id
            self.page_hash = msg.new_session.page_script_hash or self.page_hash
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
            self.pages.update((p.url_pathname, p.page_script_hash) for p in msg.navigation.app_pages)
        elif kind == "delta":
            if self.keep_text:
                _strings(msg.delta, self.texts)
            el = msg.delta.new_element if msg.delta.WhichOneof("type") == "new_element" else None
            t = el.WhichOneof("type") if el else None
            if t in WIDGET_TYPES:
                proto = getattr(el, t)                   # its id is $$ID-<hash>-<key>
                parts = proto.id.split("-", 2)
                key = parts[2] if proto.id.startswith("$$ID-") and len(parts) == 3 else proto.id
                self.widgets[key] = (t, proto)
                self.seen[key] = t
            elif t == "exception":
                self.errors.append(f"{el.exception.type}: {el.exception.message}")

    async def rerun(self, kind: str, states: list[WidgetState] = (), page_hash: str | None = None) -> Sample:
        """Send one rerun and read until the script finished successfully. Returns the sample."""
        cs = ClientState(page_script_hash=self.page_hash if page_hash is None else page_hash)
        sent = {s.id for s in states}
        kept = [v for k, v in self._values.items() if k not in sent]   # the values the browser holds
        cs.widget_states.CopyFrom(WidgetStates(widgets=kept + list(states)))
        t0, runs = time.perf_counter(), 0
        await self.ws.send(BackMsg(rerun_script=cs).SerializeToString())
        self.widgets, self.texts, self.errors = {}, [], []
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(self.ws.recv(), TIMEOUT))
            if msg.WhichOneof("type") != "script_finished":
                self._take(msg)
                continue
            runs += 1
            if msg.script_finished == FINISHED_OK:
                break
            if msg.script_finished != FINISHED_RERUN:
                raise ProtocolError(f"script finished with status {msg.script_finished}")
            self.widgets, self.texts, self.errors = {}, [], []  # the next run draws the page
        sample = Sample(kind, time.perf_counter() - t0, runs)
        # like the browser: remember the values we set, forget widgets no longer drawn, no triggers
        self._values.update((s.id, s) for s in states if s.WhichOneof("value") != "trigger_value")
        live = {proto.id for _, proto in self.widgets.values()}
        self._values = {k: v for k, v in self._values.items() if k in live}
        if self.errors:
            raise ProtocolError(f"the page shows an exception after {kind}: {self.errors[0]}")
        self.samples.append(sample)
        self.record(sample)
        return sample

    # ---- what a patient does --------------------------------------------------------------
    async def open(self) -> Sample:
        """A new tab: connect and run the default page (an empty ClientState)."""
        if self.ws is None:
            await self.connect()
        return await self.rerun("open", page_hash="")

    def _widget(self, key: str, *types: str):
        if key not in self.widgets:
            raise ProtocolError(f"no widget {key!r} on page {self.page_name()!r}; widgets: {sorted(self.widgets)}")
        t, proto = self.widgets[key]
        if types and t not in types:
            raise ProtocolError(f"widget {key!r} is a {t}, not {types}")
        return proto

    async def click(self, key: str, kind: str | None = None) -> Sample:
        proto = self._widget(key, "button")
        return await self.rerun(kind or f"click:{key.split('_')[0]}", [WidgetState(id=proto.id, trigger_value=True)])

    async def choose(self, key: str, indices: list[int]) -> Sample:
        """Pick options by position in a radio or in pills / a segmented control (a button_group)."""
        proto = self._widget(key, "radio", "button_group")
        ws = WidgetState(id=proto.id)
        if self.widgets[key][0] == "radio":
            ws.string_value = proto.options[indices[0]]
        else:
            ws.string_array_value.data.extend(proto.options[i].content for i in indices)
        return await self.rerun("answer", [ws])

    async def checkbox(self, key: str, value: bool = True) -> Sample:
        proto = self._widget(key, "checkbox")
        return await self.rerun("answer", [WidgetState(id=proto.id, bool_value=value)])

    async def type_text(self, key: str, value: str) -> Sample:
        proto = self._widget(key, "text_area", "text_input")
        return await self.rerun("answer", [WidgetState(id=proto.id, string_value=value)])

    async def goto(self, url_path: str) -> Sample:
        """A click on a page link in the sidebar: a rerun on that page's script hash."""
        if url_path not in self.pages:
            raise ProtocolError(f"no page {url_path!r}; pages: {sorted(self.pages)}")
        return await self.rerun(f"goto:{url_path}", page_hash=self.pages[url_path])

    async def pdf(self, key: str) -> bytes:
        """The PDF as the page offers it: the `<key>_prepare` click, then a GET of the download
        button's /media/... URL. Records one "pdf" sample from the click to the last byte."""
        t0 = time.perf_counter()
        if key not in self.widgets and f"{key}_prepare" in self.widgets:
            await self.click(f"{key}_prepare", "click:pdf_prepare")
        with await asyncio.to_thread(urllib.request.urlopen, self.base + self.download_url(key), timeout=TIMEOUT) as r:
            body = r.read()
        self.record(Sample("pdf", time.perf_counter() - t0, 0))
        return body

    async def answer(self, actions: list[tuple]) -> None:
        """One question answered as planned: ("choose", key, [indices]) | ("check", key, True)
        | ("type", key, words), one rerun each."""
        for verb, key, arg in actions:
            await {"choose": self.choose, "check": self.checkbox, "type": self.type_text}[verb](key, arg)


# ---- the journey ------------------------------------------------------------------------------

@dataclass
class Plan:
    """How a patient answers, so both apps are driven the same way. answers: question id -> the
    actions of Session.answer (keys q_<id>, q_<id>__<value>); questions not drawn are skipped.
    change: after the summary, the question changed from the review page and its new actions;
    change_step: its step's id (its Change, when the review page folds the step's answers)."""
    answers: dict[str, list[tuple]]
    change: tuple[str, list[tuple]]
    back_at_step: int = 2            # press Back once on this step (then Next again)
    download: str = "download_pdf"   # the summary's PDF button (after its "<key>_prepare" button)
    max_steps: int = 20              # bound on Next clicks (the app has 7 steps)
    change_step: str = ""


@dataclass
class JourneyResult:
    reruns: int = 0
    script_runs: int = 0
    steps: int = 0
    pdf_bytes: int = 0
    summary_texts: list[str] = field(default_factory=list)


async def journey(s: Session, plan: Plan, *, download: bool = True) -> JourneyResult:
    """Start, Begin, every step answered, Back once, review, summary, the PDF, back to a step
    from the review page (change_<id>), change that answer, summary again."""
    res = JourneyResult()
    await s.open()
    await s.click("begin", "click:begin")
    for n in range(plan.max_steps):
        done: set[str] = set()
        while True:   # answers can make other questions appear (show_when): look again after each
            drawn = dict.fromkeys(k[2:].split("__")[0] for k in s.widgets if k.startswith("q_"))
            todo = [q for q in drawn if q in plan.answers and q not in done]
            if not todo:
                break
            await s.answer(plan.answers[todo[0]])
            done.add(todo[0])
        if n == plan.back_at_step:
            await s.click("back", "click:back")
            await s.click("next", "click:next")
        await s.click("next", "click:next")
        res.steps += 1
        if "see_summary" in s.widgets:   # the last step's button opens the review page
            break
    else:
        raise ProtocolError(f"no review page after {plan.max_steps} steps")
    await s.click("see_summary", "click:see_summary")
    if download:
        body = await s.pdf(plan.download)
        if not body.startswith(b"%PDF"):
            raise ProtocolError("the PDF download is not a PDF")
        res.pdf_bytes = len(body)
    await s.goto("review")
    qid, actions = plan.change
    own = f"change_{qid}"            # the answer's own Change, or (folded away) its step's
    await s.click(own if own in s.widgets or not plan.change_step else f"change_step_{plan.change_step}",
                  "click:change")
    await s.answer(actions)
    await s.goto("summary")
    res.summary_texts = list(s.texts)
    reruns = [x for x in s.samples if x.runs]
    res.reruns, res.script_runs = len(reruns), sum(x.runs for x in reruns)
    return res


def plan_from_values(content, values: dict[str, Any], change: tuple[str, Any]) -> Plan:
    """Turn answers given as data-dictionary values into a Plan of clicks by option position."""
    from decision_aid.dictionary import FIELDS

    qs = {q.id: q for step in content.questions.steps for q in step.questions}

    def actions(qid: str, v: Any) -> list[tuple]:
        q, key = qs[qid], f"q_{qid}"
        order = [c.value for c in q.choices]
        if q.widget == "checkboxes":   # as ui/widgets.py: maybe a gate first, kinds, then the boxes
            sets = [gc.sets for gc in q.gate.choices] if q.gate else []
            if q.gate and len(v) == 1 and v[0] in sets:          # one tap answers it
                return [("choose", f"{key}__gate", [sets.index(v[0])])]
            out = [("choose", f"{key}__gate", [sets.index(None)])] if q.gate else []   # "yes": the list opens
            for x in v:
                group = next((g for g in q.groups if x in g.values), None)
                if group and ("check", f"{key}__group_{group.id}", True) not in out:
                    out.append(("check", f"{key}__group_{group.id}", True))
                out.append(("check", f"{key}__{x}", True))
            return out
        if q.widget == "text" or not order:
            return [("type", key, v)]
        return [("choose", key, [order.index(x) for x in v] if FIELDS[qid].kind == "multi" else [order.index(v)])]

    step = next(st.id for st in content.questions.steps if any(q.id == change[0] for q in st.questions))
    return Plan({qid: actions(qid, v) for qid, v in values.items() if qid in qs}, (change[0], actions(*change)),
                change_step=step)


# A patient with a distant, hormone-receptor-positive recurrence who answers nearly everything.
PATIENT = {
    "urgent_symptoms": ["none"], "recurrence_type": "distant", "metastatic_sites": ["bone", "liver"],
    "recurrence_timing": "more_than_12_months_after", "recurrence_biopsied": "yes",
    "hr_status": "positive", "her2_status": "zero", "biomarkers": ["not_tested"],
    "prior_treatments": ["surgery", "radiation", "aromatase_inhibitor"], "metastatic_lines": "none_yet",
    "sex": "female", "menopausal_status": "postmenopausal", "age_group": "65_to_74",
    "daily_activity": "fully_active", "conditions": ["dental_problems"],
    "priority_balance": "4", "side_effect_concerns": ["hair_loss", "fatigue"],
    "route_preference": "pills_at_home", "decision_role": "decide_together",
    "own_questions": "Can I still travel to see my grandchildren?",
    "sure_certain": "no",
}
CHANGE = ("priority_balance", "2")
