"""What the projector and each team may see during a lesson, as plain data for any front end to draw.

The projector shows the view of the audience everyone in the room may see: in a lesson where the
class plays one side, that side (the room is its council); with two teams, the public ('all').
A team view is that team's side, opened by the facilitator after blanking the screen. Secrets are
filtered by the core's views (`game.engine.views`), never here: this module only chooses the
viewer and words the lesson's own state (phase, timer, votes, arguments).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game import wording
from game.classroom.lesson import ClassDecision, Lesson
from game.classroom.roles import arguments_at, roles_of
from game.engine.results import Step
from game.engine.views import DecisionView, decision_view, step_view
from game.scenario.compiled import EVERYONE, FACILITATOR
from game.session.inputs import Inject

__all__ = ["OptionLine", "RoleLines", "Screen", "facilitator_only", "how_text", "projector_viewer", "screen_for"]

PHASES = {
    "brief": "Briefing",
    "discuss": "Discussion",
    "vote": "Vote",
    "result": "Decision",
    "debrief": "Debrief",
}
HOW = {
    "class": "decided by the class",
    "timeout": "time ran out: the default happened",
    "auto": "not played in this lesson: the 1962 course (or the scenario's default)",
    "ended": "the crisis was ended during the vote: the 1962 course (or the scenario's default) was taken",
}


def how_text(lesson: Lesson, d: ClassDecision) -> str:
    """How a decision was taken, in words: who decided, and whether it went against the vote (a debrief
    question asks where the vote and the leader parted)."""
    if d.how != "class":
        return HOW[d.how]
    if not d.split:
        return "decided by the leader (no votes entered)"
    top = max(d.split.values())
    if d.split.get(d.option, 0) < top:
        return "decided by the leader, against the vote"
    tied = sum(1 for n in d.split.values() if n == top) > 1
    if lesson.setup.rule == "leader":
        return "decided by the leader, breaking a tied vote" if tied else "decided by the leader, with the vote"
    return "decided by the class's vote, which was tied" if tied else "decided by the class's vote"


@dataclass(frozen=True)
class OptionLine:
    number: int
    id: str
    text: str
    available: bool
    reason: str
    votes: int
    chosen: bool


@dataclass(frozen=True)
class RoleLines:
    role: str
    name: str
    office: str
    students: tuple[str, ...]
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Screen:
    """Everything one screen of the lesson shows, already worded. `viewer` is the audience it was filtered for."""

    viewer: str
    kind: str  # projector | team | blank
    heading: str  # 'Washington decides' / 'The Washington team'
    title: str
    when_text: str
    phase: str
    phase_label: str
    private: bool  # the decision is another side's (or the public's view): no briefing or options
    deciding: str  # the side's name
    text: str
    intel_title: str
    intel: tuple[str, ...]
    options: tuple[OptionLine, ...]
    timer_text: str
    timer_note: str
    paused: bool
    votes_total: int
    arguments: tuple[RoleLines, ...]
    news: tuple[str, ...]
    followed: tuple[str, ...]  # decisions the plan took along the 1962 course since the class last decided
    result: str  # the decision just taken ('' outside the result phase)
    result_notes: tuple[str, ...]  # how it was taken and the split, then what it did at once
    secrets: tuple[tuple[str, str], ...]  # (title, text) the viewer knows (a team's own, or revealed)
    risk_text: str
    defcon_text: str
    ended: bool

    def strings(self) -> list[str]:
        """Every string the screen draws (for tests that what is drawn keeps each team's secrets)."""
        out = [self.heading, self.title, self.when_text, self.phase_label, self.deciding, self.text, self.intel_title]
        out += list(self.intel) + [o.text for o in self.options] + [o.reason for o in self.options]
        out += [self.timer_text, self.timer_note, self.result, *self.result_notes, self.risk_text, self.defcon_text]
        for r in self.arguments:
            out += [r.name, r.office, *r.students, *r.lines]
        out += list(self.news) + list(self.followed)
        for title, text in self.secrets:
            out += [title, text]
        return [s for s in out if s]


def projector_viewer(lesson: Lesson) -> str:
    """The audience the projector shows: the class's side when it plays one, else the public."""
    return lesson.people[0] if len(lesson.people) == 1 else EVERYONE


def screen_for(lesson: Lesson, viewer: str | None = None) -> Screen:
    """The screen for `viewer` (a side's team view), or for the projector when None. A blanked projector
    gives an empty screen."""
    kind = "projector" if viewer is None else "team"
    if viewer is None and lesson.screen == "blank":
        return _blank(lesson)
    who = viewer if viewer is not None else projector_viewer(lesson)
    engine = lesson.engine
    session = lesson.session
    state = session.state
    view = decision_view(engine, state, who, session.settings)
    split = lesson.split()
    chosen = lesson.proposal() if lesson.phase == "vote" else None
    options: tuple[OptionLine, ...] = ()
    result, notes, decided_title = _result(lesson, who)
    if lesson.phase == "result":  # the decision just taken holds the screen until the facilitator moves on
        view = None if view is None else _hidden(view)
    if view is not None and not view.private:
        options = tuple(
            OptionLine(c.number, c.id, c.text, c.available, c.reason, split.get(c.id, 0), c.id == chosen)
            for c in view.choices
        )
    secrets = tuple((s.title, s.text) for s in view.secrets) if view is not None else ()
    if who == EVERYONE or view is None:  # after the end a team still has its dossier
        secrets = tuple((t, x) for _, t, x in engine.known_secrets(state, who))
    deciding = view.actor_name if view is not None else ""
    if decided_title:  # the result on screen is the last decision's: name its side, not the next one's
        path = lesson.class_path()
        deciding = engine.scenario.side_name(path[-1].side) if path else deciding
    heading = (
        f"The {engine.scenario.side_name(who)} team"
        if kind == "team"
        else (
            f"{deciding} has decided"
            if decided_title and deciding
            else f"{deciding} decides"
            if deciding
            else "The crisis is over"
        )
    )
    return Screen(
        viewer=who,
        kind=kind,
        heading=heading,
        title=_without_side(decided_title or (view.title if view is not None else _ending_title(lesson)), deciding),
        when_text=wording.when(state.clock, year=True),
        phase=lesson.phase,
        phase_label=PHASES.get(lesson.phase, lesson.phase),
        private=view is None or view.private,
        deciding=deciding,
        text=view.text if view is not None else _ending_text(lesson, who),
        intel_title=view.intel_title if view is not None else "",
        intel=view.intel if view is not None else (),
        options=options,
        timer_text=_clock(lesson.remaining()),
        timer_note=_timer_note(lesson) if view is not None and not view.private else _timer_state(lesson),
        paused=lesson.paused,
        votes_total=0 if view is None or view.private else sum(split.values()),  # another side's count is its own
        arguments=_arguments(lesson, who, view is not None and not view.private),
        news=_news(lesson, who),
        followed=_followed(lesson, who),
        result=result,
        result_notes=notes,
        secrets=secrets,
        risk_text=f"Risk of nuclear use so far: {wording.pct(state.risk)}",
        defcon_text=wording.defcon_text(engine.defcon(state)),
        ended=state.ended,
    )


def _without_side(title: str, side_name: str) -> str:
    """A title that begins with the deciding side's name ('Moscow: the Presidium answers') without it: every
    screen already heads it with the side ('Moscow decides'), and twice reads as a slip."""
    prefix = f"{side_name}: "
    if not side_name or not title.startswith(prefix) or len(title) == len(prefix):
        return title
    rest = title[len(prefix) :]
    return rest[0].upper() + rest[1:]


def _blank(lesson: Lesson) -> Screen:
    return Screen(
        EVERYONE, "blank", "", "", "", lesson.phase, "", True, "", "", "", (), (), "", "", lesson.paused, 0, (), (),
        (), "", (), (), "", "", lesson.session.state.ended,
    )  # fmt: skip


def _hidden(view: DecisionView) -> DecisionView:
    """The decision view with its briefing and options held back (while the last decision's result is shown)."""
    return replace(view, text="", intel=(), choices=())


def _clock(seconds: float) -> str:
    whole = int(seconds + 0.999)
    return f"{whole // 60}:{whole % 60:02d}"


def _timer_state(lesson: Lesson) -> str:
    """The timer's note for a viewer who does not see the deliberation: never what would happen (that names the
    option the deciding side's votes lean to)."""
    if lesson.phase not in ("discuss", "vote"):
        return ""
    return "paused" if lesson.paused else "time is up" if lesson.remaining() <= 0 else ""


def _timer_note(lesson: Lesson) -> str:
    if lesson.phase not in ("discuss", "vote"):
        return ""
    if lesson.paused:
        return "paused"
    if lesson.remaining() <= 0:
        return "time is up"
    option, why = lesson.default_option()
    names = {c.id: c.text for c in lesson.engine.choices(lesson.session.state)}
    return f"if time runs out: {names.get(option, option)} ({why})"


def _arguments(lesson: Lesson, viewer: str, open_view: bool) -> tuple[RoleLines, ...]:
    if not open_view or lesson.node_id is None:
        return ()
    spoken = lesson.spoken()
    side = lesson.awaited
    out = []
    for card in roles_of(lesson.engine, (side,) if side else None):
        if "*" not in spoken and card.id not in spoken:
            continue
        lines = tuple(arguments_at(lesson.engine, card.id, lesson.node_id, lesson.engine.choices(lesson.session.state)))
        if lines:
            students = lesson.casting.by_role.get(card.id, ())
            out.append(RoleLines(card.id, card.role.name, card.role.office, students, lines))
    return tuple(out)


def _since_class(lesson: Lesson) -> list[Step]:
    """The steps since the class last decided (or the facilitator last injected): the news to tell."""
    session = lesson.session
    start = session.current
    while start.parent is not None and session.made_by.get(start.id, -1) in lesson._f.autos:
        start = start.parent
    if start.parent is not None and (lesson.phase in ("result", "debrief") or isinstance(start.move, Inject)):
        # the class's own decision (while its result shows, or when it ended the crisis) and an injection are
        # news too
        start = start.parent
    before = len(session.state_at(start).steps)
    return session.state.steps[before:]


def _news(lesson: Lesson, viewer: str) -> tuple[str, ...]:
    """What happened since the class's last decision, as `viewer` may know it (the class's own decisions and
    those taken along the 1962 course are shown elsewhere): one item an event, its title line first and what
    happened after it in paragraphs (blank-line separated)."""
    out: list[str] = []
    for step in _since_class(lesson):
        for e in step_view(step, viewer).events:
            if e.kind == "decision" and viewer in (e.actor, FACILITATOR):  # a side's own: told as results
                continue
            if e.kind == "ending":  # the screen's title and text tell it (and a catastrophe's cause)
                continue
            line = f"{wording.when(e.when)} — {e.title}"
            said = e.choice_text or e.headline  # the public is told a decision's headline only
            if said and said != e.title:
                line += f": {said}"
            if e.text and e.kind in ("incident", "computer", "chance"):  # what happened, under its title
                line = "\n\n".join([line, *(" ".join(part.split()) for part in e.text.split("\n\n") if part.strip())])
            out.append(line)
    return tuple(out[-10:])


def facilitator_only(lesson: Lesson) -> tuple[str, ...]:
    """The news that only the facilitator is told (what no team knew at the time), for the facilitator's page:
    in no team's view and not on the projector."""
    told = {line for viewer in (EVERYONE, *lesson.people) for line in _news(lesson, viewer)}
    return tuple(line for line in _news(lesson, FACILITATOR) if line not in told)


def _followed(lesson: Lesson, viewer: str) -> tuple[str, ...]:
    out = []
    for d in reversed(lesson.class_path()):
        if d.how != "auto":
            break
        if viewer != EVERYONE and d.side != viewer and viewer != "facilitator":
            continue
        if viewer == EVERYONE:  # the public learns of decisions from the news, as they were made public
            continue
        out.append(f"{_node_title(lesson, d.node)}: {_option_text(lesson, d)}")
    return tuple(reversed(out))


def _result(lesson: Lesson, viewer: str) -> tuple[str, tuple[str, ...], str]:
    """(the choice, notes, the decision's title) for the result phase, and for the debrief when the class's own
    decision ended the crisis (its title then left to the ending); empty otherwise."""
    path = lesson.class_path()
    if lesson.phase not in ("result", "debrief") or not path:
        return "", (), ""
    d = path[-1]
    title = _node_title(lesson, d.node)
    if lesson.phase == "debrief":
        steps = lesson.session.state.steps
        if d.how not in ("class", "timeout") or not steps or steps[-1].node != d.node:
            return "", (), ""
        title = ""
    side = lesson.engine.scenario.side_name(d.side)
    if viewer != "facilitator" and d.side != viewer:
        # how it was taken (a vote overruled?) is that team's own; that its time ran out, the whole room saw
        said = f"{side} has decided." if d.how != "timeout" else f"{side}'s time ran out: its default was taken."
        return said, (), title
    notes = [_sentence(how_text(lesson, d)), _sentence(split_text(lesson, d))]
    for step in _since_class(lesson):
        for e in step_view(step, viewer).events:
            if e.kind == "decision" and e.node == d.node and e.text:
                notes.append(" ".join(e.text.split()))
    return _option_text(lesson, d), tuple(notes), title


def _sentence(text: str) -> str:
    return (text[:1].upper() + text[1:] + ".") if text else ""


def split_text(lesson: Lesson, d: ClassDecision) -> str:
    if not d.split:
        return "no votes entered"
    total = sum(d.split.values())
    parts = [f"{n} for {_option_text(lesson, d, o)}" for o, n in sorted(d.split.items(), key=lambda kv: -kv[1])]
    return f"{total} vote{'' if total == 1 else 's'}: " + ", ".join(parts)


def _node_title(lesson: Lesson, node_id: str) -> str:
    return next((n.title for n in lesson.engine.scenario.model.nodes if n.id == node_id), node_id)


def _option_text(lesson: Lesson, d: ClassDecision, option: str | None = None) -> str:
    """An option as the class read it when it decided (its variant for that state, not its first wording)."""
    want = option or d.option
    node = lesson.engine.scenario.by_id.get(d.node)
    awaited = lesson.session.root.find(d.at)
    for o in node.options if node is not None else ():
        if o.id == want:
            if awaited is None:
                return o.text
            return lesson.engine.wording(o, lesson.session.state_at(awaited).values).text
    return want


def _ending_text(lesson: Lesson, viewer: str) -> str:
    """How the crisis ended, as `viewer` is told it ('' before the end): the loss of control that ended it, if
    one did (which danger it began with and how likely it was), then the ending's own words."""
    state = lesson.session.state
    if not state.ended or not state.steps:
        return ""
    events = step_view(state.steps[-1], viewer).events
    endings = [e.text.strip() for e in events if e.kind == "ending"] or [lesson.engine.node(state).text.strip()]
    lost = [e.text.strip() for e in events if e.kind == "catastrophe" and e.text.strip()]
    return "\n\n".join([*lost, endings[-1]])


def _ending_title(lesson: Lesson) -> str:
    state = lesson.session.state
    return lesson.engine.node(state).title if state.ended else ""
