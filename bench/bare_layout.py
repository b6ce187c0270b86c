"""The shape of the app's questions for the bare app, made at run time so it cannot go stale: ids,
widget kinds, counts and the checkbox values in widget keys, never a word of content/. The bare
app reads it as JSON from $BENCH_BARE_LAYOUT (about 8 kB), which bench/server.py sets."""
from __future__ import annotations

import functools
import json

ENV = "BENCH_BARE_LAYOUT"


def layout() -> dict:
    from decision_aid.content import load_content
    from decision_aid.dictionary import FIELDS

    c = load_content()

    def shape(q) -> dict:
        boxes = q.widget == "checkboxes"
        return {
            "id": q.id,
            "widget": q.widget,
            "multi": FIELDS[q.id].kind == "multi",
            "n_choices": len(q.choices),
            # checkbox widgets are keyed q_<id>__<value>: the values are part of the keys
            "values": [ch.value for ch in q.choices] if boxes else [],
            # a tick box with its own help is drawn in a keyed container, with the help under it
            "choice_help": [bool(ch.help) for ch in q.choices] if boxes else [],
            # a gate (one question before the list): the value each of its choices sets (None: the list opens)
            "gate": [gc.sets for gc in q.gate.choices] if boxes and q.gate else [],
            # kinds asked first, their names drawn once the kind is ticked
            "groups": [{"id": g.id, "values": list(g.values)} for g in q.groups] if boxes else [],
            "n_terms": len(q.terms),
            "max_length": FIELDS[q.id].max_length,
        }

    return {
        "STEPS": [{"id": s.id, "intro": bool(s.intro), "site": s.site is not None,
                   "questions": [shape(q) for q in s.questions]} for s in c.questions.steps],
        "SITE_SECTIONS": [len(p.sections) for p in c.site.values()],
        "GLOSSARY_TERMS": len(c.glossary),
    }


@functools.cache
def as_json() -> str:
    return json.dumps(layout())
