"""A history file (a save: the whole tree) as a readable report, in Markdown or one self-contained HTML page.

The report opens with every line of the tree — its decisions, the risk after each, its ending, and
where it differs from 1962 — then gives each finished line's debrief as the report renderers write it
(`game.report`), so no debrief is written twice. Importing a history on another machine is loading the
save file itself (`python main.py text --load FILE`, or copying it into the saves folder).
"""

from __future__ import annotations

import html

from game import wording
from game.report.build import build_report
from game.report.render_html import CSS, render_html_body
from game.report.render_md import md, render_markdown
from game.session import Session
from game.session.lines import Line, Mark, documented_line, history_lines, parting


def _lines(session: Session) -> tuple[Line, list[Line]]:
    sides = session.config.controlled or (session.engine.scenario.model.player,)
    return documented_line(session.engine, session.documented, sides), history_lines(session)


def _ending(line: Line) -> str:
    return line.ending_words(": ") if line.ended else f"not finished (next: {line.ending_title})"


def _shared(line: Line, earlier: list[Line]) -> tuple[int, int]:
    """How many first decisions `line` shares with the earlier line it follows longest, and that line's number."""
    return max(((parting(line, other), k) for k, other in enumerate(earlier, 1)), default=(0, 0))


def _first(decisions: int) -> str:
    return "The first decision is" if decisions == 1 else f"The first {decisions} decisions are"


def _beside_1962(m: Mark, different: str) -> str:
    """The 1962 column: as the debrief says it, 'no documented choice' where 1962 never came to this decision."""
    return "same" if m.same_as_1962 else different if m.documented else "no documented choice"


def _notes(session: Session, line: Line) -> dict[str, str]:
    """The 1962 note of each decision on the line that the scenario documents."""
    out = {}
    for m in line.marks:
        node = session.engine.scenario.by_id.get(m.decision)
        if node is not None and node.history:
            out[m.decision] = node.history
    return out


def tree_markdown(session: Session) -> str:
    doc, lines = _lines(session)
    model = session.engine.scenario.model
    out = [
        f"# {md(model.title)}: the histories of one game",
        "",
        f"Seed {session.config.seed} · fate: {md(session.config.fate)} · {len(lines)} histories · "
        f"1962 ended: {md(_ending(doc))}, risk {wording.pct(doc.risk)}",
        "",
    ]
    for number, line in enumerate(lines, 1):
        start, like = _shared(line, lines[: number - 1])
        out += [f"## {number}. {md(line.name)}", "", f"Ends: {md(_ending(line))} · risk {wording.pct(line.risk)}", ""]
        if start:
            out += [f"{_first(start)} those of history {like}.", ""]
        notes = _notes(session, line)
        out += ["| When | Decision | Chosen | Risk after its step | 1962 |", "| --- | --- | --- | --- | --- |"]
        for m in line.marks[start:]:
            same = _beside_1962(m, "**different**")  # our own emphasis: not escaped
            cells = [md(c).replace("|", "\\|") for c in (wording.when(m.when), m.title, m.choice_text)]
            out.append("| " + " | ".join([*cells, wording.pct(m.risk), same]) + " |")
        out.append("")
        for m in line.marks[start:]:
            if m.comment:
                out += [f"*Note at {md(wording.when(m.when))}:* {md(m.comment)}", ""]
        for m in line.marks[start:]:
            if not m.same_as_1962 and m.decision in notes:
                out += [f"**In 1962, at {md(m.title)}:** {md(notes[m.decision])}", ""]
    for number, line in enumerate(lines, 1):
        if line.ended:
            report = build_report(session.engine, session.state_at(line.leaf), session.documented)
            out += ["---", "", f"# Debrief of history {number}: {md(line.name)}", "", render_markdown(report), ""]
    return "\n".join(out)


def tree_html(session: Session) -> str:
    doc, lines = _lines(session)
    model = session.engine.scenario.model
    e = html.escape
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(model.title)}: histories</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # the debriefs' own style, so that they read here as they do alone; each one starts a printed page
        f"<style>{CSS}.diff{{color:#a4561b;font-weight:bold}}article.debrief{{break-before:page;margin-top:3rem;"
        f"border-top:3px double #999}}</style>",
        "</head><body><main>",
        f"<h1>{e(model.title)}: the histories of one game</h1>",
        f"<p>Seed {session.config.seed} · fate: {e(session.config.fate)} · {len(lines)} histories · "
        f"1962 ended: {e(_ending(doc))}, risk {e(wording.pct(doc.risk))}</p>",
    ]
    for number, line in enumerate(lines, 1):
        start, like = _shared(line, lines[: number - 1])
        out.append(
            f"<h2>{number}. {e(line.name)}</h2><p>Ends: {e(_ending(line))} · risk {e(wording.pct(line.risk))}</p>"
        )
        if start:
            out.append(f"<p>{_first(start)} those of history {like}.</p>")
        notes = _notes(session, line)
        out.append(
            "<table><tr><th>When</th><th>Decision</th><th>Chosen</th><th>Risk after its step</th><th>1962</th></tr>"
        )
        for m in line.marks[start:]:
            same = _beside_1962(m, "<span class='diff'>different</span>")
            out.append(
                f"<tr><td>{e(wording.when(m.when))}</td><td>{e(m.title)}</td><td>{e(m.choice_text)}</td>"
                f"<td>{e(wording.pct(m.risk))}</td><td>{same}</td></tr>"
            )
        out.append("</table>")
        for m in line.marks[start:]:
            if m.comment:
                out.append(f"<p><em>Note at {e(wording.when(m.when))}:</em> {e(m.comment)}</p>")
            if not m.same_as_1962 and m.decision in notes:
                out.append(f"<p><strong>In 1962, at {e(m.title)}:</strong> {e(notes[m.decision])}</p>")
    for number, line in enumerate(lines, 1):
        if line.ended:
            report = build_report(session.engine, session.state_at(line.leaf), session.documented)
            # the report renderer's own content, in full on the page (a frame cut it short on screen and in print)
            out.append(f"<article class='debrief' id='debrief-{number}'>")
            out.append(f"<p class='category'>Debrief of history {number}: {e(line.name)}</p>")
            out.append(render_html_body(report, prefix=f"h{number}-"))
            out.append("</article>")
    out.append("</main></body></html>")
    return "\n".join(out)
