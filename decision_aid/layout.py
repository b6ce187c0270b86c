"""Lay the Summary out as one document: the discussion sheet, then the details.

The sheet (on screen first, page 1 of the PDF): an urgent notice when set, her key facts in
the words of her own answers, the options discussed now side by side, what goes alongside
any treatment, her own questions, the few questions to ask first, her "no" answers of the
SURE check, room for notes, and the disclaimer. The details (one tap away on screen; in
the PDF, the options discussed now and their sources, or everything with `full`): each
option, her situation, the path, the options not listed, tests, trials, support, every
question to ask, and the sources as numbered references in one place.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional

from .comparison import comparison
from .document import (Block, Line, ListBlock, Paragraph, Picture, Pictures, Reference, Section,
                       SiteLink, WriteIn)

if TYPE_CHECKING:
    from .content import Content
    from .summary import Item, OptionView, Summary

NOTE_LINES = 4                            # ruled lines for notes on page 1 of the PDF


def _site(part: str, content: "Content") -> Optional[SiteLink]:
    passage = content.settings.site_links.get(part)
    if passage is None:
        return None
    heading = next(s.heading for s in content.site[passage.page].sections if s.id == passage.section)
    return SiteLink(page=passage.page, section=passage.section,
                    label=content.text("summary_page.site_link", heading=heading))


def _topics(items: list["Item"]) -> list[Line]:
    return [Line(label=i.title, text=i.text) for i in items]


def _facts(s: "Summary", answers: Mapping[str, Any], content: "Content") -> list[Block]:
    """Her key facts, one line each, in her own answers' words; then what is not known yet."""
    from .summary import answer_text, question_short      # summary imports this module
    t = content.text
    lines = [Line(label=question_short(content, qid), text=answer_text(content, qid, answers[qid]))
             for qid in content.settings.sheet.facts if qid in answers]
    if answers.get("sex") == "male":
        lines.insert(0, Line(label=question_short(content, "sex"), text=answer_text(content, "sex", "male")))
    # what her answers leave open, then how many tests could fill it in (named in the details)
    unknown = "; ".join([i.title for i in s.missing]
                        + ([t("sheet.not_known_tests", count=len(s.tests_to_ask), heading=s.headings["tests"])]
                           if s.tests_to_ask else [])) or t("sheet.not_known_none")
    lines.append(Line(label=t("sheet.not_known"), text=unknown))
    blocks: list[Block] = []
    if answers.get("sex") == "male":
        blocks.append(Paragraph(id="for_a_man", text=t("sheet.for_a_man")))
    return blocks + [ListBlock(id="facts_list", lines=lines)]


def _ask_first(answers: Mapping[str, Any], content: "Content") -> list[str]:
    """The questions to ask that matter most for her: the first that apply, in the order of
    priority the content sets (settings.yaml, sheet.ask_first)."""
    from .answers import facts
    f = facts(answers)
    by_id = {a.id: a for a in content.ask}
    chosen = [by_id[i].text for i in content.settings.sheet.ask_first if by_id[i].show_when.holds(f)]
    return chosen[:content.settings.sheet.questions]


def _option(o: "OptionView", h: dict[str, str], refs: dict[str, int], content: "Content",
            brief: bool = False) -> Section:
    """An option's details. `brief`: in the short PDF, only what it is and its warnings and
    cautions (many options are discussed now; the sheet's table gives how it is given and the
    very common side effects; the rest is in the full PDF and on screen)."""
    t = content.text
    about = [Line(label=h["how_given"], text=f"{o.route}. {o.how_given} {o.visits}")]
    if o.examples:
        about.insert(0, Line(label=h["examples"], text=", ".join(o.examples)))
    why = [Line(label=h["why_shown"], text=o.why_shown)]
    if o.tests_needed:
        why.append(Line(label=h["cmp_tests"], text=o.tests_needed))
    # one line per frequency, most frequent first; uncommon and rare ones that are not serious
    # are listed apart (in the full PDF and on screen, not in the short PDF)
    rarer = {t("frequency.uncommon"), t("frequency.rare")}

    def by_frequency(effects: list) -> list[Line]:
        lines = []
        for freq in dict.fromkeys(e.frequency for e in effects):
            named = []
            for e in (x for x in effects if x.frequency == freq):
                notes = ([f"{h['about']} {e.about_n_in_100} {h['in_100']}"] if e.about_n_in_100 is not None else []) \
                    + ([h["serious"]] if e.serious else []) + ([h["you_said_worry"]] if e.worries_patient else [])
                named.append(e.label.strip().rstrip(".") + (f" ({', '.join(notes)})" if notes else ""))
            lines.append(Line(label=freq, text="; ".join(named) + "."))   # a worry she named says so in words
        return lines

    effects = by_frequency([e for e in o.side_effects if e.frequency not in rarer or e.serious or e.worries_patient])
    less = by_frequency([e for e in o.side_effects if e.frequency in rarer and not (e.serious or e.worries_patient)])
    # The short PDF keeps what a visit needs (what it is, how it is given, cautions, side
    # effects, what to tell the team); why it is shown, the tests and the fit marks (which the
    # sheet's ★ rows also show) are in the full PDF and on screen.
    blocks: list[Block] = [Paragraph(id=f"{o.id}_what", text=o.what_it_is),
                           ListBlock(id=f"{o.id}_about", lines=about, full_only=brief),
                           ListBlock(id=f"{o.id}_why", lines=why, full_only=True)]
    if o.cautions:
        blocks.append(ListBlock(id=f"{o.id}_cautions", title=h["cautions"], tone="caution",
                                lines=[Line(text=c) for c in o.cautions]))
    if o.fit:
        blocks.append(ListBlock(id=f"{o.id}_fit", title=h["fit"], lines=[Line(text=x) for x in o.fit], full_only=True))
    blocks.append(ListBlock(id=f"{o.id}_side_effects", title=h["side_effects"], lines=effects, full_only=brief))
    if less:
        blocks.append(ListBlock(id=f"{o.id}_side_effects_less", title=t("sheet.side_effects_less"), lines=less,
                                full_only=True))
    counted = [e for e in o.side_effects if e.about_n_in_100 is not None]
    if counted:
        blocks.append(Pictures(id=f"{o.id}_pictures", key=h["picture_key"], items=[
            Picture(n=e.about_n_in_100, label=e.label, caption=h["picture_caption"].format(n=e.about_n_in_100),
                    alt=t("summary_page.picture_alt", n=e.about_n_in_100)) for e in counted]))
    blocks.append(ListBlock(id=f"{o.id}_tell_team", title=h["tell_team"], lines=[Line(text=x) for x in o.tell_team],
                            full_only=brief))
    numbers = ", ".join(f"[{refs[x.url]}]" for x in o.sources)
    blocks.append(Paragraph(id=f"{o.id}_sources", text=t("sheet.refs", refs=numbers), tone="caption"))
    if o.review_line:                    # "Reviewed by … on …"
        blocks.append(Paragraph(id=f"{o.id}_review", text=o.review_line, tone="caption"))
    # prominent cautions (e.g. pregnancy) come before anything else
    return Section(id=f"option_{o.id}", title=o.title, layer="details", in_short_pdf=not o.alongside,
                   warnings=o.warnings, warnings_title=h["warnings"], site=_site(f"option_{o.id}", content),
                   blocks=blocks)


def document(s: "Summary", answers: Mapping[str, Any], content: "Content") -> list[Section]:
    h, t = s.headings, content.text
    main = [o for o in s.options if not o.alongside]
    alongside = [o for o in s.options if o.alongside]
    refs: dict[str, int] = {}
    sources: list[Reference] = []
    for o in main + alongside:
        for x in o.sources:
            if x.url not in refs:
                refs[x.url] = len(refs) + 1
                sources.append(Reference(n=refs[x.url], name=x.name, year=x.year, url=x.url))

    def sheet(sid: str, title: str, blocks: list[Block], **kw) -> Section:
        return Section(id=sid, title=title, layer="sheet", in_short_pdf=True, site=_site(sid, content),
                       blocks=blocks, **kw)

    def details(sid: str, title: str, blocks: list[Block], **kw) -> Section:
        return Section(id=sid, title=title, layer="details", in_short_pdf=False, site=_site(sid, content),
                       blocks=blocks, **kw)

    doc: list[Section] = []
    if s.urgent_notice:
        doc.append(sheet("urgent", h["urgent"], [
            Paragraph(id="urgent_notice", text=s.urgent_notice, tone="urgent"),
            ListBlock(id="urgent_symptoms", lines=[Line(text=x) for x in s.urgent_symptoms])], tone="urgent"))
    center = content.settings.center
    doc.append(sheet("form", h["title"], [
        WriteIn(id="name_date", fields=[t("sheet.name"), t("sheet.date")]),
        Paragraph(id="center", text=t("sheet.center", name=center.name, phone=center.phone), tone="caption")],
        print_only=True))
    facts_blocks = _facts(s, answers, content)
    if s.draft_notice:
        facts_blocks.insert(0, Paragraph(id="draft", text=s.draft_notice, tone="note"))
    # on screen, her facts are one tap away: she has just checked these answers (the PDF prints them)
    doc.append(sheet("facts", t("sheet.facts"), facts_blocks, folded_on_screen=True))
    if s.own_questions:
        doc.append(sheet("own_questions", t("sheet.own_questions"),
                         [Paragraph(id="own_questions_text", text=s.own_questions, tone="her_words")]))
    grid = comparison(main, s.emphasis, h)
    doc.append(sheet("options_now", t("sheet.options_now"), warnings=list(dict.fromkeys(
        w for o in main + alongside for w in o.warnings)), warnings_title=h["warnings"], blocks=[
        Paragraph(id="options_now_intro", text=t("sheet.options_now_intro")
                  + (f" {t('sheet.options_now_marks')}" if any(r.marked for r in grid.rows) else "")),
        grid] if main else
        [Paragraph(id="options_none", text=t("sheet.options_none"))]))
    if alongside:
        doc.append(sheet("alongside", t("sheet.alongside"), [      # the heading says they go with any option
            ListBlock(id="alongside_list", lines=[Line(text=o.title) for o in alongside])]))
    doc.append(sheet("ask", t("sheet.ask"), [
        ListBlock(id="ask_first", lines=[Line(text=q) for q in _ask_first(answers, content)])]))
    if s.sure_to_discuss:
        doc.append(sheet("talk_through", t("sheet.talk_through"),   # her own answers: one tap away on screen
                         [ListBlock(id="sure", lines=[Line(text=x) for x in s.sure_to_discuss])],
                         folded_on_screen=True))
    doc.append(sheet("notes", t("sheet.notes"), [WriteIn(id="notes_room", lines=NOTE_LINES, notes_here=True)],
                     print_only=True))
    doc.append(sheet("disclaimer", h["disclaimer"], [
        Paragraph(id="disclaimer_text", text=s.disclaimer),
        Paragraph(id="content_date", text=f"{h['content_date']}: {s.dates.date(s.content_last_reviewed)}",
                  tone="caption")]))

    # --- the details, one tap away ---
    brief = len(main) > content.settings.sheet.pdf_whole_details
    doc += [_option(o, h, refs, content, brief) for o in main + alongside]
    if s.what_matters:
        doc.append(details("what_matters", t("sheet.what_matters"),
                           [ListBlock(id="what_matters_list", lines=_topics(s.what_matters))]))
    doc.append(details("situation", h["situation"], [ListBlock(id="situation_list", lines=_topics(s.situation))]
                       + ([ListBlock(id="missing_list", title=h["missing"], lines=_topics(s.missing))]
                          if s.missing else [])))
    doc.append(details("path", h["path"], [
        ListBlock(id=f"path_{key}", title=h[f"path_{key}"], lines=[Line(text=x) for x in (items or [h["path_none"]])])
        for key, items in (("before", s.path.already_had), ("now", s.path.now), ("later", s.path.later))]
        + [Paragraph(id="path_note", text=h["path_note"], tone="caption")]))
    doc.append(details("not_listed", h["not_listed"],
                       [ListBlock(id="not_listed_list", lines=[Line(label=n.title, text=n.why) for n in s.not_listed])]))
    if s.tests_to_ask:
        doc.append(details("tests", h["tests"], [ListBlock(id="tests_list", lines=_topics(s.tests_to_ask))]))
    trials = _topics(s.trials)
    if s.trial_search_url:
        trials.append(Line(text=h["trial_search"], url=s.trial_search_url))
    doc.append(details("trials", h["trials"], [ListBlock(id="trials_list", lines=trials)]))
    if s.support:
        doc.append(details("support", h["support"], [ListBlock(id="support_list", lines=_topics(s.support))]))
    doc.append(details("all_questions", t("sheet.all_questions"),
                       ([Paragraph(id="questions_intro", text=s.questions_intro)] if s.questions_intro else [])
                       + [ListBlock(id="questions_list", lines=[Line(text=q) for q in s.questions_to_ask])]))
    if sources:
        cited_now = {refs[x.url] for o in main for x in o.sources}    # printed in the short PDF too

        def ref_list(bid: str, items: list[Reference], full_only: bool) -> list[Block]:
            return [ListBlock(id=bid, numbered=True, full_only=full_only, lines=[
                Line(label=f"[{r.n}]", text=f"{r.name} ({r.year})", url=r.url) for r in items])] if items else []

        doc.append(Section(id="references", title=t("sheet.references"), layer="details", in_short_pdf=bool(cited_now),
                           blocks=ref_list("references_now", [r for r in sources if r.n in cited_now], False)
                           + ref_list("references_more", [r for r in sources if r.n not in cited_now], True)))
    return doc
