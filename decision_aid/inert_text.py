"""Text from outside (a file, a patient) made inert for a terminal or a plain-text reader:
control characters (terminal escape sequences) and bidirectional controls (which reorder
what is shown) are removed. New lines and tabs stay unless asked."""
from __future__ import annotations

import re

BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{BIDI}]")
_CONTROLS_AND_BREAKS = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{BIDI}]")


def strip_controls(text: str, one_line: bool = False) -> str:
    """`text` without control or bidirectional characters; with one_line, line breaks and
    tabs become spaces too."""
    if one_line:
        return _CONTROLS_AND_BREAKS.sub(" ", text)
    return _CONTROLS.sub("", text)
