"""The patient's answers: validation, derived facts and the saved-answers file.

Answers are a plain mapping from data-dictionary ids to a string (single choice, scale,
free text) or a tuple of strings (multiple choice). A skipped question has no key.
"""
from __future__ import annotations

import json
import re
from typing import Any, BinaryIO, Mapping, Optional

from pydantic import BaseModel, ConfigDict, StrictInt, ValidationError

from .dictionary import FIELDS, LEGACY_VALUES, SCHEMA_VERSION

MAX_FILE_BYTES = 100 * 1024

Answers = dict[str, Any]


class AnswersError(ValueError):
    """A problem with answers or a saved-answers file.

    `code` names a message in content (ui.yaml, section `errors`); `params` hold only what
    this guide itself defines (a dictionary id already checked, a limit), never text from the
    file: decision_aid/answer_errors.py turns them into the message.
    """

    def __init__(self, code: str, **params: Any):
        self.code, self.params = code, params
        super().__init__(f"{code}: {params}" if params else code)


def clean(raw: Mapping[str, Any]) -> Answers:
    """Check answers against the dictionary and return them in canonical form.

    Lists become tuples in dictionary order without repeats; empty answers are dropped.
    Raises AnswersError for an unknown id, an unknown value or a wrong type.
    """
    out: Answers = {}
    for key, value in raw.items():
        field = FIELDS.get(key)
        if field is None:
            raise AnswersError("unknown_id")   # the id is the file's own text: never named
        if field.kind == "multi":
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise AnswersError("wrong_type", id=key, expected="list")
            value = [LEGACY_VALUES.get((key, v), v) for v in value]
            bad = [v for v in value if v not in field.values]
            if bad:
                raise AnswersError("unknown_value", id=key)
            if value:
                out[key] = tuple(v for v in field.values if v in value)
        elif field.kind == "text":
            if not isinstance(value, str):
                raise AnswersError("wrong_type", id=key, expected="text")
            if not _encodable(value):
                raise AnswersError("not_unicode", id=key)
            if len(value) > field.max_length:
                raise AnswersError("text_too_long", id=key, limit=field.max_length)
            if value.strip():
                out[key] = value
        else:
            if not isinstance(value, str):
                raise AnswersError("wrong_type", id=key, expected="text")
            if value not in field.values:
                raise AnswersError("unknown_value", id=key)
            out[key] = value
    return {k: out[k] for k in FIELDS if k in out}


def subtype(answers: Mapping[str, Any]) -> str:
    """The derived subtype; `unknown` whenever the answers do not settle it."""
    hr, her2 = answers.get("hr_status"), answers.get("her2_status")
    if her2 == "positive":
        return "her2_positive"
    her2_not_positive = her2 in ("low", "ultralow", "zero", "negative_level_unknown")
    # ER-low (1-10 % of cells) often behaves like triple-negative cancer (ASCO/CAP 2020) and is
    # treated like it (NCCN): the rules read it as triple-negative; the wording names it ER-low.
    if hr in ("negative", "low") and her2_not_positive:
        return "triple_negative"
    if hr == "positive" and her2_not_positive:
        return "hr_positive_her2_negative"
    return "unknown"


def facts(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers plus derived facts: what content rules read."""
    return {**answers, "subtype": subtype(answers)}


class _SavedFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_version: StrictInt
    answers: dict[str, Any]
    language: Any = None   # additive: the language she used ("es"); English when absent


def to_file(answers: Mapping[str, Any], language: str = "en") -> bytes:
    """The saved-answers file (data dictionary): UTF-8 JSON the patient keeps. A language other
    than English is written as the optional top-level "language", so resuming speaks it again."""
    body: dict[str, Any] = {"schema_version": SCHEMA_VERSION,
                            "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}}
    if language != "en":
        body["language"] = language
    return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")


def read_limited(stream: BinaryIO) -> bytes:
    """At most one byte more than a saved file may hold: enough to tell it is too large,
    without ever reading a huge file whole (an upload, or a path given to the command line)."""
    return stream.read(MAX_FILE_BYTES + 1)


def _encodable(text: str) -> bool:
    """False for text that cannot be written as UTF-8 (a lone surrogate, from a JSON escape
    such as \\ud800): such text would break every later save, print or download."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json.loads object_pairs_hook: a key written twice at any depth is refused, not
    silently won by the last one (a file could say HER2-positive and HER2-zero)."""
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise AnswersError("duplicate_key")
    return dict(pairs)


def _not_a_json_constant(name: str) -> Any:
    raise ValueError(name)   # NaN and Infinity are not JSON


def _parse(text: str) -> Any:
    """The JSON value of the file, or AnswersError. Every parse failure is "not JSON": bad
    syntax, nesting too deep, a number too long for Python to read (over 4,300 digits)."""
    try:
        body = json.loads(text, object_pairs_hook=_no_repeats, parse_constant=_not_a_json_constant)
    except AnswersError:
        raise
    except (ValueError, RecursionError, MemoryError):   # JSONDecodeError is a ValueError
        raise AnswersError("not_json") from None
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")   # every key and string, any depth
    except UnicodeEncodeError:
        raise AnswersError("not_unicode") from None
    except (ValueError, RecursionError):
        raise AnswersError("not_json") from None
    return body


def from_file(data: bytes) -> Answers:
    """Read a saved-answers file, or raise AnswersError naming the one problem found.

    `data` may be the result of read_limited: a file over the limit is refused by its size."""
    return read_saved(data)[0]


_LANGUAGE = re.compile(r"[a-z]{2,3}")


def read_saved(data: bytes) -> tuple[Answers, Optional[str]]:
    """The answers of a saved file and the language it was saved in (None: not said, or not
    a language code; the answers are read all the same)."""
    if not data or not data.strip():
        raise AnswersError("empty_file")
    if len(data) > MAX_FILE_BYTES:
        raise AnswersError("too_large", limit_kb=MAX_FILE_BYTES // 1024)
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark from a text editor is fine
    except UnicodeDecodeError:
        raise AnswersError("not_utf8") from None
    body = _parse(text)
    if not isinstance(body, dict):
        raise AnswersError("not_an_object")
    if "schema_version" not in body:
        raise AnswersError("no_version")
    version = body["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise AnswersError("bad_version")
    if version > SCHEMA_VERSION:
        raise AnswersError("newer_version")
    if version != SCHEMA_VERSION:
        raise AnswersError("bad_version")
    if "answers" not in body:
        raise AnswersError("no_answers")
    if not isinstance(body["answers"], dict):
        raise AnswersError("bad_answers")
    try:
        saved = _SavedFile.model_validate(body)
    except ValidationError as e:
        if any(err["type"] == "extra_forbidden" for err in e.errors()):
            raise AnswersError("unknown_key") from None
        raise AnswersError("no_answers") from None
    language = saved.language if isinstance(saved.language, str) and _LANGUAGE.fullmatch(saved.language) else None
    return clean(saved.answers), language
