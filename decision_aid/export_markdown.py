"""The summary as Markdown (command line, tests, and the text of the page's download)."""
from __future__ import annotations

import re

from .comparison import HIGHLIGHTED, comparison_table, parts
from .inert_text import strip_controls
from .summary import SideEffectView, Summary


def literal_block(text: str) -> list[str]:
    """Free text (the patient's own words) as a fenced code block: every Markdown viewer
    shows it exactly as typed and never as Markdown or HTML (no link, bare web address,
    picture or tag from it), and it reads plainly in a text editor. The fence is longer than
    any run of ~ in the text, so the text cannot close it. Control and bidirectional
    characters are dropped: they could steer a terminal or reorder what is shown."""
    lines = [strip_controls(line) for line in text.splitlines()]
    longest = max((len(run) for run in re.findall("~+", text)), default=0)
    fence = "~" * max(3, longest + 1)
    return [fence, *lines, fence]


def _cell(text: str, bold: bool = False) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return f"**{text}**" if bold and text else text


def comparison_markdown(s: Summary) -> list[str]:
    """The options side by side: Markdown tables of at most 3 options, rows about what the
    patient said matters in bold with their ★ mark."""
    df = comparison_table(s)
    if df.columns.empty:
        return []
    h, marked, pieces = s.headings, df.attrs[HIGHLIGHTED], parts(df)
    out = [f"### {h['comparison']}", "", h["comparison_intro"], ""]
    for k, piece in enumerate(pieces):
        if len(pieces) > 1:
            first = 3 * k + 1
            out += [f"*{h['comparison_part'].format(first=first, last=first + len(piece.columns) - 1, total=len(df.columns))}*", ""]
        out.append("| " + " | ".join(_cell(x) for x in [df.index.name, *piece.columns]) + " |")
        out.append("|" + "---|" * (len(piece.columns) + 1))
        for label, row in zip(piece.index, piece.itertuples(index=False)):
            out.append("| " + " | ".join([_cell(label, label in marked), *(_cell(v) for v in row)]) + " |")
        out.append("")
    return out


def side_effect_line(e: SideEffectView, h: dict[str, str]) -> str:
    """"**Very common (more than 1 in 10 people), about 40 in 100, serious:** Nausea." + a flag
    when the patient named it as a worry. Frequency first: it is what the eye looks for."""
    how = e.frequency
    if e.about_n_in_100 is not None:
        how += f", {h['about']} {e.about_n_in_100} {h['in_100']}"
    if e.serious:
        how += f", {h['serious']}"
    flag = f" — **{h['you_said_worry']}**" if e.worries_patient else ""
    return f"**{how}:** {e.label}{flag}"


def to_markdown(s: Summary) -> str:
    h = s.headings
    out: list[str] = [f"# {h['title']}", ""]
    if s.urgent_notice:
        out += [f"## {h['urgent']}", "", f"**{s.urgent_notice}**", ""]
        out += [f"- {x}" for x in s.urgent_symptoms] + [""]
    if s.draft_notice:
        out += [f"> {s.draft_notice}", ""]
    out += [f"## {h['situation']}", ""] + [f"- **{i.title}.** {i.text}" for i in s.situation] + [""]
    if s.missing:
        out += [f"## {h['missing']}", ""] + [f"- **{i.title}.** {i.text}" for i in s.missing] + [""]
    out += [f"## {h['path']}", ""]
    for label, items in ((h["path_before"], s.path.already_had), (h["path_now"], s.path.now),
                         (h["path_later"], s.path.later)):
        out += [f"**{label}:** " + ("; ".join(items) if items else h["path_none"]), ""]
    out += [f"## {h['options']}", "", h["options_intro"], ""]
    if s.what_matters:
        out += [f"### {h['what_matters']}", ""] + [f"- **{i.title}:** {i.text}" for i in s.what_matters] + [""]
    out += comparison_markdown(s)
    for o in s.options:
        out += [f"### {o.title}", ""]
        out += [f"> **{h['warnings']}:** {w}" for w in o.warnings] + ([""] if o.warnings else [])
        out += [o.what_it_is, ""]
        if o.examples:
            out += [f"*{h['examples']}:* " + ", ".join(o.examples), ""]
        out += [f"*{h['why_shown']}:* {o.why_shown}", "",
                f"*{h['how_given']}:* {o.how_given} {o.visits}", "", f"*{h['side_effects']}:*", ""]
        out += [f"- {side_effect_line(e, h)}" for e in o.side_effects]
        out.append("")
        if o.fit:
            out += [f"*{h['fit']}:*", ""] + [f"- {x}" for x in o.fit] + [""]
        if o.cautions:
            out += [f"*{h['cautions']}:*", ""] + [f"- {c}" for c in o.cautions] + [""]
        out += [f"*{h['tell_team']}:* " + "; ".join(o.tell_team), ""]
        out += [f"*{h['sources']}:* " + "; ".join(f"[{x.name} ({x.year})]({x.url})" for x in o.sources), ""]
        out += [f"*{o.review_line}*", ""] if o.review_line else []
    out += [f"## {h['not_listed']}", ""] + [f"- **{n.title}.** {n.why}" for n in s.not_listed] + [""]
    if s.tests_to_ask:
        out += [f"## {h['tests']}", ""] + [f"- **{i.title}.** {i.text}" for i in s.tests_to_ask] + [""]
    out += [f"## {h['trials']}", ""] + [f"- **{i.title}.** {i.text}" for i in s.trials]
    if s.trial_search_url:
        out += [f"- [{h['trial_search']}]({s.trial_search_url})"]
    out += [""]
    if s.support:
        out += [f"## {h['support']}", ""] + [f"- **{i.title}.** {i.text}" for i in s.support] + [""]
    out += [f"## {h['questions']}", ""] + ([s.questions_intro, ""] if s.questions_intro else [])
    out += [f"- {q}" for q in s.questions_to_ask] + [""]
    if s.own_questions:
        out += [f"### {h['own_questions']}", "", *literal_block(s.own_questions), ""]
    if s.sure_to_discuss:
        out += [f"## {h['sure']}", ""] + [f"- {x}" for x in s.sure_to_discuss] + [""]
    out += [f"## {h['disclaimer']}", "", s.disclaimer, "",
            f"*{h['content_date']}: {s.content_last_reviewed.isoformat()}*", ""]
    return "\n".join(out)
