"""A report as one self-contained HTML page: inline CSS, the risk curve as inline SVG, nothing fetched.

Every string from the scenario or the game passes through `escape`, so content cannot add markup.
"""

from __future__ import annotations

from html import escape

from game.report.model import Decision, Report
from game.report.svg_curve import risk_svg
from game.wording import prose_pieces

CSS = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: #1d1d1d; background: #fbfaf7; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 2rem; margin: 0 0 .2rem; } h2 { margin-top: 2.4rem; border-top: 1px solid #ccc; padding-top: 1rem; }
h3 { margin: 1.4rem 0 .3rem; } .muted, .meta { color: #5b5b5b; } .meta { font-size: .9rem; }
.category { text-transform: uppercase; letter-spacing: .06em; font: bold .85rem sans-serif; color: #8a5a00; }
.category.war { color: #a1221b; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .95rem; }
th, td { border: 1px solid #d2d0c8; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #efede6; } td.num { text-align: right; white-space: nowrap; } tr.total td { font-weight: bold; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .6rem; }
.pair > div { border: 1px solid #d2d0c8; padding: .5rem .7rem; background: #fff; }
.label { font: .8rem sans-serif; color: #5b5b5b; } .same { color: #2f7d4f; } .different { color: #a4561b; }
.curve { width: 100%; height: auto; background: #fff; }
.note { font-size: .9rem; } ul.sources li { margin-bottom: .3rem; }
@media print { body { background: #fff; } h2 { break-after: avoid; } .decision, svg, table { break-inside: avoid; } }
"""


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def _prose(text: str, cls: str = "") -> list[str]:
    attr = f' class="{cls}"' if cls else ""
    out: list[str] = []
    for pieces in prose_pieces(text):
        items: list[str] = []
        for kind, words in pieces:
            if kind == "bullet":
                items.append(f"<li>{esc(words)}</li>")
                continue
            if items:
                out.append(f"<ul{attr}>{''.join(items)}</ul>")
                items = []
            out.append(f"<h4>{esc(words)}</h4>" if kind == "heading" else f"<p{attr}>{esc(words)}</p>")
        if items:
            out.append(f"<ul{attr}>{''.join(items)}</ul>")
    return out


def _decision(d: Decision) -> list[str]:
    documented = d.documented_text if d.documented_text is not None else "(not a documented decision)"
    out = [
        '<section class="decision">',
        f"<h3>{esc(d.when_text)} — {esc(d.title)}</h3>",
        '<div class="pair">',
        f'<div><div class="label">You chose</div><p>{esc(d.choice_text)}</p>'
        f'<div class="label {"same" if d.same else "different"}">{esc(d.verdict)}</div></div>',
        f'<div><div class="label">{esc(d.documented_label)}</div><p>{esc(documented)}</p></div>',
        "</div>",
        f'<p class="note muted">Risk of nuclear use after this step: {esc(d.risk_after_text)}</p>',
    ]
    if d.votes is not None:
        rows = "".join(
            f'<tr><td>{esc(s.text)}</td><td class="num">{s.votes}</td><td class="num">{esc(s.share_text)}</td></tr>'
            for s in d.votes.shares
        )
        out.append(
            f"<table><caption>The class voted ({d.votes.total} votes)</caption>"
            f"<tr><th>Option</th><th>Votes</th><th>Share</th></tr>{rows}</table>"
        )
    if d.history:
        out += ['<p class="label">What actually happened:</p>', *_prose(d.history, "note")]
    out.append("</section>")
    return out


def render_html(report: Report) -> str:
    """The report as one self-contained page."""
    title = f"{report.title} — {report.ending.title}"
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="en"><head><meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>",
                render_html_body(report),
                "</main></body></html>",
            ]
        )
        + "\n"
    )


def render_html_body(report: Report, prefix: str = "") -> str:
    """The report's content, for a page styled with `CSS`: one report's page, or one of several in a page (each
    with its own `prefix` on the ids of its sections, so that no id is used twice)."""
    g, end, risk = report.game, report.ending, report.risk
    out = [f"<header><h1>{esc(report.title)}</h1>"]
    if report.subtitle:
        out.append(f'<p class="muted">{esc(report.subtitle)}</p>')
    if g.span_text:
        out.append(f'<p class="meta">This history: {esc(g.span_text)}</p>')
    out.append(
        f'<p class="meta">Seed {g.seed} · fate: {esc(g.fate_label)} · played: {esc(g.sides_label)} · '
        f"scenario {esc(g.scenario_id)} {esc(g.scenario_version)}</p></header>"
    )
    out += [
        f'<section id="{prefix}ending"><p class="category{" war" if end.catastrophic else ""}">'
        f"{esc(end.category_label)}</p>",
        f'<h2 style="border:0;margin-top:.2rem;padding:0">{esc(end.title)}</h2>',
        f'<p class="meta">{esc(end.when_text)}</p>',
    ]
    if end.text:
        out += _prose(end.text)
    out += [*_prose(end.debrief), "</section>"]

    out += [f'<section id="{prefix}risk"><h2>The risk you ran</h2>', f"<p>{esc(risk.summary)}</p>"]
    if risk.control_lost_note:
        out.append(f"<p>{esc(risk.control_lost_note)}</p>")
    out.append(risk_svg(report.curve))
    if risk.calibration:
        out += ["<h3>How these numbers were chosen</h3>", *_prose(risk.calibration, "note")]
    out.append("</section>")

    outcome = report.outcome
    if outcome is not None:
        out += [
            f'<section id="{prefix}outcome"><h2>The strategic outcome</h2>',
            "<table><tr><th></th><th>Your crisis</th><th>1962</th></tr>",
        ]
        out += [
            f"<tr><th>{esc(r.label)}</th><td>{esc(r.yours_cell)}</td><td>{esc(r.documented_cell)}</td></tr>"
            for r in outcome.rows
        ]
        out += [
            f'<tr class="total"><th>Strategic score</th><td>{esc(outcome.yours_total_text)}</td>'
            f"<td>{esc(outcome.documented_total_text)}</td></tr></table>",
            f'<p class="note muted">{esc(outcome.scale_note)}</p></section>',
        ]

    out.append(f'<section id="{prefix}decisions"><h2>Your decisions beside 1962\'s</h2>')
    for d in report.player_decisions:
        out += _decision(d)
    if not report.player_decisions:
        out.append('<p class="muted">You took no decisions in this game.</p>')
    if report.missed:
        out.append("<h3>Decisions of 1962 your crisis never reached</h3><ul>")
        out += [f"<li>{esc(m.when_text)} — {esc(m.line)}</li>" for m in report.missed]
        out.append("</ul>")
    out.append("</section>")

    if report.decisions:
        out += [
            f'<section id="{prefix}course"><h2>The course of the crisis</h2><table>',
            "<tr><th>When</th><th>Side</th><th>Decided by</th><th>Decision</th><th>Risk after</th></tr>",
        ]
        out += [
            f"<tr><td>{esc(d.when_text)}</td><td>{esc(d.side_label)}</td><td>{esc(d.by_label)}</td>"
            f'<td>{esc(d.line)}</td><td class="num">{esc(d.risk_after_text)}</td></tr>'
            for d in report.decisions
        ]
        out.append("</table></section>")

    for key, section in (("unknowns", report.unknowns), ("historiography", report.historiography)):
        if section.pages:
            out.append(f'<section id="{prefix}{key}"><h2>{esc(section.heading)}</h2>')
            for page in section.pages:
                out += [f"<h3>{esc(page.title)}</h3>", *_prose(page.text)]
                if page.sources_text:
                    out.append(f'<p class="note muted">{esc(page.sources_text)}</p>')
            out.append("</section>")
    if report.sources:
        out.append(f'<section id="{prefix}sources"><h2>Sources</h2><ul class="sources">')
        out += [f"<li>{esc(s.citation)}</li>" for s in report.sources]
        out.append("</ul></section>")
    return "\n".join(out)
