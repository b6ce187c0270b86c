"""Command line: `python -m decision_aid summarize FILE --format json|markdown|pdf [--full]`,
`python -m decision_aid validate-content`, `python -m decision_aid review-packet --output DIR`.

Bad input gives one clear line on stderr and exit status 2, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

from .answer_errors import message
from .answers import AnswersError, read_limited, read_saved
from .content import CONTENT_DIR, ContentError, load_content, translations
from .export_markdown import to_markdown
from .inert_text import BIDI, strip_controls
from .summary import build_summary

_RAW_IN_JSON = re.compile(f"[\\x7f-\\x9f\\u2028\\u2029{BIDI}]")   # json.dumps escapes the rest
VIGNETTE_DIR = CONTENT_DIR.parent / "tests" / "data"


def _fail(text: str) -> int:
    """One line on stderr, with no control characters (a file name or a message can hold
    terminal escape sequences), and exit status 2."""
    print(f"error: {strip_controls(text, one_line=True)}", file=sys.stderr)
    return 2


def _json(data: object) -> str:
    """JSON as text a terminal shows as it is: characters that could steer a terminal or
    reorder a line are written as \\u escapes (still the same JSON)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m decision_aid",
                                     description="Relapsed breast cancer decision aid: summaries and content checks.")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("summarize", help="build the discussion summary of a saved-answers file")
    s.add_argument("file", help="a saved-answers JSON file ('Save my answers' in the app)")
    s.add_argument("--format", choices=["json", "markdown", "pdf"], default="markdown")
    s.add_argument("--output", help="write here instead of standard output (needed for pdf)")
    s.add_argument("--language", help="the summary's language, such as es (default: the file's, else English);"
                                      " in another language than English the PDF ends with the sheet in English")
    s.add_argument("--full", action="store_true",
                   help="pdf: every section (default: the discussion sheet and the options' details, at most a few pages)")
    v = sub.add_parser("validate-content", help="check every content file")
    v.add_argument("--content", default=str(CONTENT_DIR), help="the content folder")
    v.add_argument("--language", default="en", help="check this translation (a folder of content/i18n/)")
    r = sub.add_parser("review-packet", help="write the clinicians' review packet (HTML and PDF)")
    r.add_argument("--output", required=True, help="the folder to write it into")
    r.add_argument("--content", default=str(CONTENT_DIR), help="the content folder")
    r.add_argument("--vignettes", default=str(VIGNETTE_DIR), help="the folder of vignette YAML files")
    t = sub.add_parser("translation-template",
                       help="start a translation: write content/i18n/LANG/ with the words to translate")
    t.add_argument("--language", required=True, help="the language code, such as vi")
    t.add_argument("--content", default=str(CONTENT_DIR), help="the content folder")
    args = parser.parse_args(argv)

    if args.command == "translation-template":
        from .translation import write_template
        if not re.fullmatch(r"[a-z]{2,3}", args.language) or args.language == "en":
            return _fail("--language must be a language code of 2 or 3 small letters, not en")
        if not (Path(args.content) / "language.yaml").is_file():
            return _fail(f"{args.content} is not a content folder (it has no language.yaml)")
        try:
            written = write_template(Path(args.content), args.language)
        except (OSError, yaml.YAMLError) as e:
            return _fail(f"the translation could not be started: {type(e).__name__}")
        print(f"{len(written)} files written in {Path(args.content) / 'i18n' / args.language}")
        return 0

    if args.command == "review-packet":
        from .review_packet import write
        try:
            built = write(Path(args.output), Path(args.content), Path(args.vignettes))
        except ContentError as e:
            return _fail(str(e))
        except ValueError as e:       # a vignette file that is not YAML
            return _fail(f"vignettes: {e}")
        except OSError as e:
            return _fail(f"cannot write into {args.output}: {e.strerror}")
        print(f"review packet: {built.index} and {built.pdf} ({built.pages} HTML pages; "
              f"{built.vignettes} test patients, {built.failed} not meeting their expectations)")
        return 0

    if args.command == "validate-content":
        try:
            from .content_checks import check_all
            content = load_content(Path(args.content), language=args.language)
            problems = check_all(content, Path(args.content))
        except ContentError as e:
            return _fail(str(e))
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        if problems:
            return 2
        print(f"content ok: {len(content.options)} option families, last reviewed {content.last_reviewed()}")
        return 0

    try:
        return _summarize(args)
    except Exception as e:   # never a traceback; the message could hold a patient's answer
        return _fail(f"the summary could not be made ({type(e).__name__})")


def _summarize(args: argparse.Namespace) -> int:
    try:
        with open(args.file, "rb") as f:
            data = read_limited(f)   # never the whole of a huge file
    except OSError as e:
        return _fail(f"cannot read {args.file}: {e.strerror}")
    languages = ["en", *translations()]
    if args.language and args.language not in languages:
        return _fail(f"--language must be one of: {', '.join(languages)}")
    try:
        english = load_content()          # her summary's language, or the care team's copy
        content = english if args.language in (None, "en") else load_content(language=args.language)
        try:
            answers, saved_in = read_saved(data)
        except AnswersError as e:
            return _fail(f"{args.file}: {message(e, content)}")
        if args.language is None and saved_in in languages and saved_in != "en":
            content = load_content(language=saved_in)
    except ContentError as e:
        return _fail(f"content is invalid: {e}")
    summary = build_summary(answers, content, team=english if content.language != "en" else None)
    if args.format == "pdf":
        if not args.output:
            return _fail("--format pdf needs --output FILE.pdf")
        from .export_pdf import to_pdf
        Path(args.output).write_bytes(to_pdf(summary, full=args.full))
        return 0
    text = _json(summary.to_json_dict()) if args.format == "json" else to_markdown(summary)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0
