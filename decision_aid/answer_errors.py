"""The message a person reads when answers or a saved file are refused.

It is built from content only (ui.yaml, section `errors`): the question a problem is about is
named by its label in content, never by the file's own text. A crafted file cannot put its
words, links or pictures into a message, in the app (where messages render as Markdown) or
on a terminal.
"""
from __future__ import annotations

from .answers import AnswersError
from .content import Content
from .dictionary import FIELDS

SAFE_PARAMS = ("limit", "limit_kb")


def message(error: AnswersError, content: Content) -> str:
    params = {k: int(v) for k, v in error.params.items() if k in SAFE_PARAMS}
    qid = error.params.get("id")
    if qid in FIELDS:   # a dictionary id, checked before the error was raised
        labels = {q.id: q.label for s in content.questions.steps for q in s.questions}
        params["question"] = labels.get(qid, content.text("errors.a_question"))
    return content.text(f"errors.{error.code}", **params)
