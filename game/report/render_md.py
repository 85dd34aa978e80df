"""A report as Markdown: for printing, pasting into a course page, or keeping beside other histories."""

from __future__ import annotations

import re

from game.report.model import Decision, Report
from game.wording import prose_pieces

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])")


def md(text: str) -> str:
    """Scenario text as literal Markdown: no markup, links or HTML can hide in it."""
    flat = " ".join((text or "").split())
    return _SPECIAL.sub(r"\\\1", flat)


def _start(text: str) -> str:
    """An escaped line that must not begin a list or a quote ('1962. The…' would number itself)."""
    text = _LIST_START.sub(r"\1\2\\\3", text)
    if text[:1] in "-+=":
        text = "\\" + text
    return text


def _prose(text: str) -> list[str]:
    lines: list[str] = []
    for pieces in prose_pieces(text):
        for kind, words in pieces:
            if kind == "heading":
                lines.append(f"#### {md(words)}")
            elif kind == "bullet":
                lines.append(f"- {md(words)}")
                continue
            else:
                lines.append(_start(md(words)))
            lines.append("")
        if lines and lines[-1] != "":
            lines.append("")  # a list ends with a blank line
    return lines


def _cell(text: str) -> str:
    return md(text) or " "


def _decision(d: Decision) -> list[str]:
    lines = [f"### {md(d.when_text)} — {md(d.title)}", ""]
    lines.append(f"- **You chose:** {md(d.choice_text)} ({md(d.verdict)})")
    documented = d.documented_text if d.documented_text is not None else "(not a documented decision)"
    lines.append(f"- **{md(d.documented_label)}:** {md(documented)}")
    lines.append(f"- **Risk of nuclear use after this step:** {md(d.risk_after_text)}")
    if d.votes is not None:
        split = "; ".join(f"{md(s.text)} {md(s.share_text)} ({s.votes})" for s in d.votes.shares)
        lines.append(f"- **The class voted** ({d.votes.total} votes): {split}")
    lines.append("")
    if d.history:
        lines += ["*What actually happened:*", "", *_prose(d.history)]
    return lines


def render_markdown(report: Report) -> str:
    g, end, risk = report.game, report.ending, report.risk
    out: list[str] = [f"# {md(report.title)}", ""]
    if report.subtitle:
        out += [_start(md(report.subtitle)), ""]
    if g.span_text:
        out += [f"This history: {md(g.span_text)}", ""]
    out += [
        f"Seed {g.seed} · fate: {md(g.fate_label)} · played: {md(g.sides_label)} · "
        f"scenario {md(g.scenario_id)} {md(g.scenario_version)}",
        "",
        f"**{md(end.category_label.upper())}**",
        "",
        f"## {md(end.title)}",
        "",
        f"*{md(end.when_text)}*",
        "",
    ]
    if end.text:
        out += _prose(end.text)
    out += _prose(end.debrief)

    out += ["## The risk you ran", "", _start(md(risk.summary)), ""]
    if risk.control_lost_note:
        out += [_start(md(risk.control_lost_note)), ""]
    curve = report.curve
    for label, points in ((curve.yours_label, curve.yours), (curve.documented_label, curve.documented)):
        if points:
            out += [f"| {md(label)} | Cumulative risk by then |", "| --- | ---: |"]
            out += [f"| {_cell(p.label)} | {_cell(p.risk_text)} |" for p in points]
            out.append("")
    if risk.calibration:
        out += ["### How these numbers were chosen", "", *_prose(risk.calibration)]

    outcome = report.outcome
    if outcome is not None:
        out += ["## The strategic outcome", "", "| | Your crisis | 1962 |", "| --- | --- | --- |"]
        out += [f"| **{_cell(r.label)}** | {_cell(r.yours_cell)} | {_cell(r.documented_cell)} |" for r in outcome.rows]
        out += [
            f"| **Strategic score** | **{outcome.yours_total_text}** | **{outcome.documented_total_text}** |",
            "",
            _start(md(outcome.scale_note)),
            "",
        ]

    out += ["## Your decisions beside 1962's", ""]
    for d in report.player_decisions:
        out += _decision(d)
    if not report.player_decisions:
        out += ["You took no decisions in this game.", ""]
    if report.missed:
        out += ["### Decisions of 1962 your crisis never reached", ""]
        out += [f"- {md(m.when_text)} — {md(m.line)}" for m in report.missed]
        out.append("")

    if report.decisions:
        out += ["## The course of the crisis", "", "| When | Side | Decided by | Decision | Risk after |"]
        out.append("| --- | --- | --- | --- | ---: |")
        for d in report.decisions:
            out.append(
                f"| {_cell(d.when_text)} | {_cell(d.side_label)} | {_cell(d.by_label)} | {_cell(d.line)} "
                f"| {_cell(d.risk_after_text)} |"
            )
        out.append("")

    for section in (report.unknowns, report.historiography):
        if section.pages:
            out += [f"## {md(section.heading)}", ""]
            for page in section.pages:
                out += [f"### {md(page.title)}", "", *_prose(page.text)]
                if page.sources_text:
                    out += [f"*{md(page.sources_text)}*", ""]
    if report.sources:
        out += ["## Sources", ""]
        out += [f"- {md(s.citation)}" for s in report.sources]
        out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
