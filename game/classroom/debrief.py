"""The lesson's debrief and report: the core's report model (`game.report.build_report`, with the class's votes)
plus what a class adds — the roster, how each decision was taken, and discussion questions drawn from the
decisions the class actually took. Rendered to HTML here (the core's page with the class's sections added) and to
PDF in `paper.py`."""

from __future__ import annotations

from dataclasses import dataclass, replace

from game import wording
from game.classroom.lesson import Lesson
from game.classroom.roles import roles_of
from game.classroom.views import how_text, split_text
from game.report.build import build_report
from game.report.model import Report
from game.report.render_html import esc, render_html
from game.session.inputs import Inject, Reveal

__all__ = ["ClassLine", "LessonReport", "RosterLine", "lesson_report", "questions_for", "render_lesson_html"]

QUESTIONS = 5


@dataclass(frozen=True)
class RosterLine:
    role: str
    name: str
    office: str
    team: str
    students: tuple[str, ...]


@dataclass(frozen=True)
class ClassLine:
    """One decision of the class's lesson: what was chosen, how, and the split."""

    when_text: str
    title: str
    team: str
    choice: str
    documented: str
    same: bool
    how: str
    split: str
    played: bool  # taken by the class (not along the 1962 course for a short lesson)


@dataclass(frozen=True)
class LessonReport:
    report: Report
    setup_text: str
    roster: tuple[RosterLine, ...]
    unfilled: tuple[str, ...]
    lines: tuple[ClassLine, ...]
    questions: tuple[str, ...]
    interventions: tuple[str, ...] = ()  # the incidents the facilitator injected and the secrets revealed, in order


def lesson_report(lesson: Lesson, names: dict[str, str] | None = None, joined: int | None = None) -> LessonReport:
    """The class's report (call when the crisis has ended). `names` (a served lesson's seats: slot -> the names
    its students typed) puts the students' own names on the roster; `joined` is how many took part (by default
    one a named seat)."""
    engine = lesson.engine
    report = build_report(engine, lesson.session.state, lesson.session.documented, lesson.votes_by_node())
    path = {d.node: d for d in lesson.class_path()}
    # who decided, as a class knows it: the class, the default when time ran out, or the 1962 course it followed
    by = {"class": "The class", "timeout": "The default (time ran out)", "auto": "As in 1962 (not played)"}
    by["ended"] = by["auto"]
    report = replace(
        report,
        decisions=tuple(
            replace(d, by_label=by[path[d.node].how]) if d.by == "player" and d.node in path else d
            for d in report.decisions
        ),
    )
    lines = []
    for dec in report.decisions:
        d = path.get(dec.node)
        if d is None or dec.by != "player":
            continue
        lines.append(
            ClassLine(
                dec.when_text,
                dec.title,
                dec.side_label,
                dec.choice_text,
                dec.documented_text or "(no documented choice)",
                dec.same,
                how_text(lesson, d),
                split_text(lesson, d) if d.how != "auto" else "",
                d.how != "auto",  # the class discussed it (an ended vote too)
            )
        )
    cards = roles_of(engine, lesson.people)

    def played_by(role: str) -> tuple[str, ...]:
        slots = lesson.casting.by_role.get(role, ())
        return slots if names is None else tuple(names[s] for s in slots if s in names)

    roster = tuple(RosterLine(c.id, c.role.name, c.role.office, c.side_name, played_by(c.id)) for c in cards)
    setup = lesson.setup
    plan = "every decision" if lesson.full else "the key decisions"
    sides = " and ".join(engine.scenario.side_name(s) for s in setup.people)
    rule = "the leader decides after an advisory vote" if setup.rule == "leader" else "the majority decides"
    seats = len(lesson.students)
    if joined is None:
        joined = 0 if names is None else len(names)
    count = f"{seats} students" if names is None else f"{joined} student{'' if joined == 1 else 's'} (of {seats} seats)"
    setup_text = (
        f"{count} played {sides}; a {setup.minutes}-minute lesson playing {plan}; "
        f"{rule}; {setup.seconds // 60} min {setup.seconds % 60:02d} s of discussion per decision."
    )
    return LessonReport(
        report,
        setup_text,
        roster,
        tuple(c.role.name for c in cards if c.id in lesson.casting.empty),
        tuple(lines),
        questions_for(lesson, report),
        interventions(lesson),
    )


def interventions(lesson: Lesson) -> tuple[str, ...]:
    """What the facilitator brought into the class's crisis — incidents injected (with the risk they added, so
    that a jump is not read as the next decision's) and secrets revealed — on the path the class played."""
    engine, session = lesson.engine, lesson.session
    incidents = {inc.id: inc for inc in engine.scenario.model.incidents}
    secrets = {s.id: s for s in engine.scenario.model.secrets}
    out = []
    for node in lesson.here.path()[1:]:
        move = node.move
        if not isinstance(move, Inject | Reveal) or node.parent is None:
            continue
        before, after = session.state_at(node.parent), session.state_at(node)
        when = wording.when(before.clock)
        if isinstance(move, Inject):
            title = incidents[move.incident].title if move.incident in incidents else move.incident
            risk = f"risk {wording.pct(before.risk)} → {wording.pct(after.risk)}"
            out.append(f"{when} — injected: {title} ({risk})")
        else:
            title = secrets[move.secret].title if move.secret in secrets else move.secret
            to = "everyone" if move.to == "all" else f"the {engine.scenario.side_name(move.to)} team"
            out.append(f"{when} — revealed to {to}: {title}")
    return tuple(out)


def questions_for(lesson: Lesson, report: Report) -> tuple[str, ...]:
    """Five questions for the class, drawn first from the decisions it took (the scenario's questions for that
    decision and option), then from the scenario's general questions."""
    plan = lesson.plan
    taken = [d for d in report.player_decisions if d.node in {c.node for c in lesson.class_path() if c.how != "auto"}]
    out: list[str] = []
    for d in taken:
        specific = [q.text for q in plan.questions if q.at == d.node and q.option == d.choice]
        generic = [q.text for q in plan.questions if q.at == d.node and q.option is None]
        for text in specific or generic[:1]:
            if text not in out:
                out.append(text)
    differing = next((d for d in taken if d.comparison == "different"), None)
    for text in plan.general_questions:
        if "{" in text:
            if differing is None:
                continue
            text = text.format(
                title=differing.title, choice=differing.choice_text, documented=differing.documented_text or "—"
            )
        if text not in out:
            out.append(text)
    if len(out) > QUESTIONS:  # keep the class's own decisions first, then the general questions
        own = out[: max(0, QUESTIONS - 2)]
        rest = [q for q in out if q not in own]
        out = own + rest[: QUESTIONS - len(own)]
    return tuple(out[:QUESTIONS])


def render_lesson_html(lr: LessonReport) -> str:
    """The core's report page with the class's roster, decisions and questions added (every string escaped)."""
    page = render_html(lr.report)
    roster = ['<section id="class"><h2>The class</h2>', f"<p>{esc(lr.setup_text)}</p>", "<table>"]
    roster.append("<tr><th>Role</th><th>Team</th><th>Played by</th></tr>")
    roster += [
        f"<tr><td>{esc(r.name)} <span class='muted'>({esc(r.office)})</span></td><td>{esc(r.team)}</td>"
        f"<td>{esc(', '.join(r.students) or 'nobody: the facilitator reads the part')}</td></tr>"
        for r in lr.roster
    ]
    roster.append("</table>")
    roster += [
        "<h3>How the class decided</h3><table>",
        "<tr><th>When</th><th>Decision</th><th>How</th><th>Vote</th></tr>",
    ]
    roster += [
        f"<tr><td>{esc(c.when_text)}</td><td>{esc(wording.titled(c.title, c.choice))}</td><td>{esc(c.how)}</td>"
        f"<td>{esc(c.split)}</td></tr>"
        for c in lr.lines
    ]
    roster.append("</table>")
    if lr.interventions:
        roster.append("<h3>What the facilitator brought in</h3><ul>")
        roster += [f"<li>{esc(line)}</li>" for line in lr.interventions]
        roster.append("</ul>")
    roster.append("</section>")
    questions = ['<section id="questions"><h2>Questions for discussion</h2><ol>']
    questions += [f"<li>{esc(q)}</li>" for q in lr.questions]
    questions.append("</ol></section>")
    page = page.replace("</header>", "</header>\n" + "\n".join(roster), 1)
    anchor = '<section id="unknowns">' if '<section id="unknowns">' in page else "</main>"
    return page.replace(anchor, "\n".join(questions) + "\n" + anchor, 1)
