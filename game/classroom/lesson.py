"""A classroom lesson: the phase machine, timers and facilitator's actions on top of a `Session`.

Everything a teacher enters is an input in the session's log (`Setup`, `Facilitate`, `Vote`,
`Unvote`, `Tally`, and the moves `Decide`, `Inject`, `Reveal`, `GoTo`), so a crashed or closed
laptop resumes the lesson by replaying the log. The lesson's own state (phase, timer, screen,
undone entries) is a fold over that log and nothing else: timers are rebuilt from the `elapsed`
each action logged, never from the wall clock, and a time-out is itself an input.

At each decision of a side the class plays: the briefing (phase 'brief'), the discussion with
the timer running ('discuss'), the vote ('vote'), then the decision with its split ('result')
until the facilitator moves on. A short lesson plays only the scenario's key decisions; the
others follow 1962 (or the side's default) and are summarised.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from game.classroom.casting import Casting, cast, student_names
from game.classroom.roles import arguments_at, roles_of
from game.engine.engine import Engine
from game.errors import RuleError
from game.scenario.models import ClassroomPlan
from game.session.inputs import Decide, Facilitate, GoTo, Inject, Input, Promote, Reveal, Setup, Tally, Unvote, Vote
from game.session.session import Session
from game.session.tree import HistoryNode

__all__ = ["FULL_PLAN_MINUTES", "ClassDecision", "Lesson", "Timer", "default_seconds"]

FULL_PLAN_MINUTES = 90  # a lesson this long (or longer) plays every decision


def default_seconds(teams: int) -> int:
    """Discussion time per decision by default: 4 minutes for one council; with several teams each decides in
    turn, so 2½ minutes keeps a 50-minute lesson inside its hour."""
    return 240 if teams <= 1 else 150


@dataclass
class Timer:
    """A decision's discussion timer as the log leaves it; `since` is the live wall-clock anchor (not logged)."""

    limit: float
    elapsed: float = 0.0
    running: bool = False
    since: float | None = None

    def remaining(self, now: float) -> float:
        live = now - self.since if (self.running and self.since is not None) else 0.0
        return max(0.0, self.limit - self.elapsed - live)

    def spent(self, now: float) -> float:
        live = now - self.since if (self.running and self.since is not None) else 0.0
        return min(self.limit, self.elapsed + live)


@dataclass(frozen=True)
class ClassDecision:
    """One decision on the class's path: who took it, how, and the split."""

    tree_node: str  # the tree node the decision made
    at: str  # the tree node where it was awaited (votes sit there)
    node: str  # the scenario's decision node
    side: str
    option: str
    how: str  # class | timeout | auto (followed 1962 or the default: not played in this plan) | ended (voted on,
    # then taken by the 1962 course when the facilitator ended the crisis)
    split: dict[str, int]


@dataclass
class _Fold:
    phase: dict[str, str] = field(default_factory=dict)  # tree node -> phase
    timers: dict[str, Timer] = field(default_factory=dict)
    tallies: dict[str, dict[str, int]] = field(default_factory=dict)
    spoken: dict[str, list[str]] = field(default_factory=dict)
    undone: set[int] = field(default_factory=set)
    compensations: set[int] = field(default_factory=set)
    timeouts: set[int] = field(default_factory=set)  # log indices of the Decide a time-out made
    autos: set[int] = field(default_factory=set)  # log indices of Decides made by the plan (not the class)
    screen: str = "projector"
    paused: bool = False
    ended: bool = False


class Lesson:
    """A classroom lesson. Build one with `Lesson.start` (a new lesson) or `Lesson.resume` (from a session)."""

    def __init__(self, session: Session, clock: Callable[[], float] = time.monotonic):
        self.session = session
        self.engine: Engine = session.engine
        self.clock = clock
        plan = self.engine.scenario.model.classroom
        if plan is None:
            raise RuleError(f"scenario '{self.engine.scenario.id}' has no classroom plan (a 'classroom:' section)")
        self.plan: ClassroomPlan = plan
        setups = [i for i in session.log if isinstance(i, Setup)]
        if not setups:
            raise RuleError("this game is not a classroom lesson (its log has no setup)")
        self.setup: Setup = setups[0]
        self.students = student_names(self.setup.students, self.setup.count)
        self.casting: Casting = cast(roles_of(self.engine, self.people), self.students, self.people)
        self._actors = {n.id: str(getattr(n, "actor", "")) for n in self.engine.scenario.model.nodes}
        self._f = _Fold()
        self._pending_timeout = False
        self._pending_undo: int | None = None
        self._pending_auto = False
        self._undo_from: str | None = None  # the node an undo leaves (its GoTo follows)
        # a discussion an incident interrupted with a decision of its own: (the decision, votes, shows of hands,
        # phase, time spent), to be taken up again when the class comes back to it
        self._interrupted: tuple[str, list[Vote], dict[str, int], str, float] | None = None
        for index, inp in enumerate(session.log):
            self._absorb(index, inp)

    # ---------------------------------------------------------------- making one

    @classmethod
    def start(
        cls,
        engine: Engine,
        setup: Setup,
        seed: int | None = None,
        fate: str = "dice",
        clock: Callable[[], float] = time.monotonic,
        saver: Callable[[Session], bool] | None = None,
    ) -> Lesson:
        """A new lesson: a session for the sides the class plays, its setup logged first."""
        if engine.scenario.model.classroom is None:
            raise RuleError(f"scenario '{engine.scenario.id}' has no classroom plan (a 'classroom:' section)")
        for side in setup.people:
            spec = engine.scenario.model.sides.get(side)
            if spec is None or not spec.plays:
                raise RuleError(f"'{side}' is not a side that plays; choose from {', '.join(_playing(engine))}")
        session = Session.new(engine, seed=seed, fate=fate, controlled=tuple(setup.people))
        session.saver = saver
        session.apply(setup)
        lesson = cls(session, clock)
        lesson._settle()
        return lesson

    @classmethod
    def resume(cls, session: Session, clock: Callable[[], float] = time.monotonic) -> Lesson:
        """The lesson a session's log holds, where it was. A timer that was running is paused: the time the
        laptop was closed is not the class's."""
        lesson = cls(session, clock)
        timer = lesson.timer
        if timer is not None and timer.running:
            lesson._log(Facilitate(action="pause", at=lesson.here.id, elapsed=round(timer.elapsed, 3)))
        if lesson._f.screen not in ("projector", "blank"):
            lesson._log(Facilitate(action="screen", at=lesson.here.id, what="blank"))
        return lesson

    # ---------------------------------------------------------------- reading

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(self.setup.people)

    @property
    def full(self) -> bool:
        """Does this lesson play every decision (a long lesson), or the key ones only?"""
        return self.setup.minutes >= FULL_PLAN_MINUTES

    @property
    def here(self) -> HistoryNode:
        return self.session.current

    @property
    def awaited(self) -> str | None:
        """The side whose decision is awaited now (None when the crisis has ended)."""
        return self.engine.waiting_for(self.session.state)

    @property
    def node_id(self) -> str | None:
        state = self.session.state
        return None if state.ended else self.engine.node(state).id

    @property
    def ended(self) -> bool:
        return self._f.ended or self.session.state.ended

    @property
    def phase(self) -> str:
        """brief | discuss | vote | result | debrief."""
        if self.session.state.ended:
            return "debrief"
        return self._f.phase.get(self.here.id, "brief")

    @property
    def screen(self) -> str:
        """What the projector shows: 'projector' (what everyone may see), 'blank', or a side id (a team view)."""
        return self._f.screen

    @property
    def paused(self) -> bool:
        return self._f.paused

    @property
    def timer(self) -> Timer | None:
        return self._f.timers.get(self.here.id)

    def remaining(self) -> float:
        timer = self.timer
        return float(self.setup.seconds) if timer is None else timer.remaining(self.clock())

    def timed_out(self) -> bool:
        """Has the discussion time run out (live)? The caller then logs it with `time_out()`."""
        timer = self.timer
        return (
            timer is not None
            and timer.running
            and self.phase in ("discuss", "vote")
            and timer.remaining(self.clock()) <= 0
        )

    def spoken(self) -> list[str]:
        """Roles whose argument is on screen at this decision ('*': all of them)."""
        return list(self._f.spoken.get(self.here.id, []))

    def role_votes(self, at: HistoryNode | None = None) -> dict[str, str]:
        node = at or self.here
        return {v.voter: v.option for v in node.votes}

    def split(self, at: HistoryNode | None = None) -> dict[str, int]:
        """Votes per option at a decision: role votes plus shows of hands."""
        node = at or self.here
        out: dict[str, int] = {}
        for option in self.role_votes(node).values():
            out[option] = out.get(option, 0) + 1
        for option, count in self._f.tallies.get(node.id, {}).items():
            if count:
                out[option] = out.get(option, 0) + count
        return out

    def class_path(self) -> list[ClassDecision]:
        """The decisions on the path to here, oldest first (the people's sides only: the rest are the computer's)."""
        made = self.session.made_by
        out = []
        for node in self.here.path()[1:]:
            move = node.move
            if not isinstance(move, Decide) or node.parent is None:
                continue
            index = made.get(node.id, -1)
            how = "timeout" if index in self._f.timeouts else "auto" if index in self._f.autos else "class"
            split = self.split(node.parent)
            if how == "auto" and split:  # the class was voting on it when the facilitator ended the crisis
                how = "ended"
            side = self._actors.get(move.node, "")
            out.append(ClassDecision(node.id, node.parent.id, move.node, side, move.option, how, split))
        return out

    def votes_by_node(self) -> dict[str, dict[str, int]]:
        """Scenario node -> option -> votes, for the report (decisions the class voted on)."""
        return {d.node: d.split for d in self.class_path() if d.split}

    def plays(self, node_id: str) -> bool:
        """Does the class play this decision in this lesson's plan (or does it follow 1962)?"""
        return self.full or node_id in self.plan.key

    def injectable(self) -> list[tuple[str, str]]:
        """(incident id, title) the facilitator may inject now: those the plan allows that have neither happened
        nor passed in this game (one brought forward says so in its telling)."""
        allowed = set(self.plan.injects)
        gone = self.session.state.considered
        return [  # in the scenario's order (an incident's index in `considered` is its place there)
            (i.id, i.title)
            for k, i in enumerate(self.engine.scenario.model.incidents)
            if (not allowed or i.id in allowed) and k not in gone
        ]

    def revealable(self) -> list[tuple[str, str, str]]:
        """(secret id, title, the side that knows it) for the secrets of the scenario."""
        return [(s.id, s.title, s.known_to) for s in self.engine.scenario.model.secrets]

    def default_option(self) -> tuple[str, str]:
        """(option, why) that happens if time runs out now: the scenario's default, else the leader's vote so far,
        else the majority so far, else the 1962 choice, else the first option available."""
        state = self.session.state
        available = self.engine.available_ids(state)
        node_id = self.engine.node(state).id
        named = self.plan.defaults.get(node_id)
        if named in available:
            return named, "the scenario's default"
        leader = self._leader_role(self.engine.node(state).actor)
        vote = self.role_votes().get(leader or "")
        if vote in available:
            return vote, "the leader's choice so far"
        split = {o: n for o, n in self.split().items() if o in available}
        if split:
            return max(available, key=lambda o: split.get(o, 0)), "the majority so far"
        return self._auto_option(), "the 1962 course"

    def proposal(self) -> str | None:
        """The option the side's rule gives from the votes now (None when nobody has voted)."""
        state = self.session.state
        if state.ended:
            return None
        available = self.engine.available_ids(state)
        leader = self._leader_role(self.engine.node(state).actor)
        votes = self.role_votes()
        if self.setup.rule == "leader":
            choice = votes.get(leader or "")
            return choice if choice in available else None
        split = {o: n for o, n in self.split().items() if o in available}
        if not split:
            return None
        top = max(split.values())
        tied = [o for o in available if split.get(o, 0) == top]
        if len(tied) > 1 and votes.get(leader or "") in tied:
            return votes[leader or ""]
        return tied[0]

    # ---------------------------------------------------------------- the facilitator's actions

    def discuss(self) -> None:
        """Open the discussion: the timer starts."""
        self._need_decision()
        self._log(Facilitate(action="discuss", at=self.here.id, elapsed=self._elapsed()))

    def open_vote(self) -> None:
        self._need_decision()
        self._log(Facilitate(action="vote", at=self.here.id, elapsed=self._elapsed()))

    def vote(self, voter: str, option: str) -> None:
        """A role (or a named person) votes; a later vote by the same voter replaces the earlier one."""
        self._need_decision()
        self._log(Vote(at=self.here.id, voter=voter, option=option))

    def unvote(self, voter: str) -> None:
        """A voter takes back their vote at the decision in progress (nothing happens if they had none)."""
        self._need_decision()
        if voter in self.role_votes():
            self._log(Unvote(at=self.here.id, voter=voter))

    def hands(self, option: str, count: int) -> None:
        """A show of hands for `option` (replaces the last count for it)."""
        self._need_decision()
        self._log(Tally(at=self.here.id, option=option, count=count))

    def decide(self, option: str | None = None) -> None:
        """The side decides: `option` as the leader announces it (or from a handed-in order slip), or when None,
        what the side's rule gives from the votes."""
        self._need_decision()
        choice = option or self.proposal()
        if choice is None:
            raise RuleError("nobody has voted yet: enter the votes, or the leader's choice")
        timer = self.timer
        if timer is not None and timer.running:  # logged, so that an undo brings the discussion back to its time
            self._log(Facilitate(action="stop", at=self.here.id, elapsed=self._elapsed()))
        self._log(Decide(node=self.engine.node(self.session.state).id, option=choice))
        self._settle()

    def time_out(self) -> str:
        """Time has run out: the default happens (logged, so a replay does the same). Returns why it was chosen."""
        self._need_decision()
        option, why = self.default_option()
        timer = self.timer
        limit = timer.limit if timer is not None else float(self.setup.seconds)
        self._log(Facilitate(action="timeout", at=self.here.id, elapsed=limit, what=why[:200]))
        self._log(Decide(node=self.engine.node(self.session.state).id, option=option))
        self._settle()
        return why

    def next(self) -> None:
        """Leave the result on screen and go on to the next decision the class plays (back at one an incident
        interrupted, its discussion goes on with its votes and time)."""
        self._log(Facilitate(action="next", at=self.here.id))
        self._settle()
        self._resume_interrupted()

    def pause(self) -> None:
        if not self._f.paused:
            self._log(Facilitate(action="pause", at=self.here.id, elapsed=self._elapsed()))

    def resume_timer(self) -> None:
        if self._f.paused:
            self._log(Facilitate(action="resume", at=self.here.id, elapsed=self._elapsed()))

    def extend(self, seconds: int = 60) -> None:
        self._log(Facilitate(action="extend", at=self.here.id, elapsed=self._elapsed(), seconds=seconds))

    def cut(self, seconds: int = 60) -> None:
        self._log(Facilitate(action="cut", at=self.here.id, elapsed=self._elapsed(), seconds=seconds))

    def speak(self, role: str) -> None:
        """Show a role's argument (when its student speaks); '*' shows every role's; again hides it."""
        self._log(Facilitate(action="speak", at=self.here.id, what=role))

    def show(self, screen: str) -> None:
        """What the projector shows: 'projector', 'blank', or a side's team view (blank first, then the team)."""
        if screen not in ("projector", "blank") and screen not in self.people:
            raise RuleError(f"no team plays '{screen}'")
        if screen not in ("projector", "blank") and self._f.screen != "blank":
            self._log(Facilitate(action="screen", at=self.here.id, what="blank"))
        self._log(Facilitate(action="screen", at=self.here.id, what=screen))

    def inject(self, incident: str) -> None:
        """An incident happens now. When the same decision is still awaited after it, the decision goes on where it
        was (its phase, timer, arguments and votes carried over, as for a reveal); an incident that interrupts
        with a decision of its own starts that one afresh."""
        self._carrying(Inject(incident=incident))
        self._settle()

    def reveal(self, secret: str, to: str) -> None:
        """Make a secret known to a team or to all. A decision in progress goes on: its votes are carried over
        (logged again at the new point, as carried entries that undo passes over)."""
        self._carrying(Reveal(secret=secret, to=to))

    def _carrying(self, move: Inject | Reveal) -> None:
        """Log `move` in the middle of a decision; if the same decision is awaited after it, log its votes and
        shows of hands again there (the phase, timer and arguments are carried by `_absorb`)."""
        before = self.here
        carried = list(before.votes)
        tallies = dict(self._f.tallies.get(before.id, {}))
        phase, spent = self.phase, self._elapsed()
        self._log(move)
        if self.here is before or self.session.state.ended:
            return
        if not self._same_decision(before, self.here):  # an interruption: the discussion waits for its end
            if phase in ("discuss", "vote") or carried or tallies:  # logged, so a resumed lesson still knows it
                self._log(Facilitate(action="hold", at=before.id, elapsed=spent, what=phase))
            return
        self._carry(carried, tallies)

    def _carry(self, votes: list[Vote], tallies: dict[str, int], phase: str = "", spent: float = 0.0) -> None:
        """Log again at the decision now awaited the votes and shows of hands cast before an injection or a
        reveal (and, back from an interruption, the discussion's phase and time)."""
        entries: list[Input] = [Vote(at=self.here.id, voter=v.voter, option=v.option) for v in votes]
        entries += [Tally(at=self.here.id, option=o, count=n) for o, n in tallies.items()]
        if entries:
            self._log(Facilitate(action="carry", at=self.here.id, target=len(entries)))
            for inp in entries:
                self._log(inp)
        if phase == "discuss":
            self._log(Facilitate(action="discuss", at=self.here.id, elapsed=spent))
        elif phase == "vote":
            self._log(Facilitate(action="vote", at=self.here.id, elapsed=spent))

    def _resume_interrupted(self) -> None:
        """Back at the decision an incident interrupted: its discussion goes on where it stood."""
        waiting = self._interrupted
        if waiting is None or self.session.state.ended or self.phase != "brief":
            return
        decision, votes, tallies, phase, spent = waiting
        if self._awaited_at(self.here) == decision:
            self._carry(votes, tallies, phase, spent)
            self._interrupted = None  # (taken up: the carry's entries, absorbed, cleared it already)

    def undo(self) -> str:
        """Undo the last entry (a vote, a show of hands, a decision, an injection, a reveal). Says what was undone."""
        index = self._undoable()
        if index is None:
            raise RuleError("there is nothing to undo")
        inp = self.session.log[index]
        if isinstance(inp, Vote):
            fix: Input = Unvote(at=inp.at, voter=inp.voter)
            what = f"the vote of {inp.voter}"
        elif isinstance(inp, Tally):
            fix = Tally(at=inp.at, option=inp.option, count=self._tally_before(index))
            what = f"the show of hands for {inp.option}"
        else:
            # the history node this entry made, or re-entered (the same move played again after an undo of it)
            node = next((n for n, i in self.session.made_by.items() if i == index), None)
            if node is None:
                node = self.session.entered.get(index)
            found = self.session.root.find(node) if node is not None else None
            if found is None or found.parent is None:
                raise RuleError("that entry has already gone from the game's histories")
            fix = GoTo(at=found.parent.id)
            what = (
                f"{inp.type} {getattr(inp, 'option', '') or getattr(inp, 'incident', '') or getattr(inp, 'secret', '')}"
            )
        self._log(Facilitate(action="undo", at=self.here.id, target=index))
        self._log(fix)
        return what.strip()

    def end(self) -> None:
        """End the crisis into the debrief: what remains follows 1962 (or the defaults)."""
        self._log(Facilitate(action="end", at=self.here.id))
        guard = 0
        while not self.session.state.ended and guard < 500:
            guard += 1
            self._pending_auto = True
            self._log(Decide(node=self.engine.node(self.session.state).id, option=self._auto_option()))

    # ---------------------------------------------------------------- internals

    def _log(self, inp: Input) -> None:
        self.session.apply(inp)
        self._absorb(len(self.session.log) - 1, inp)
        here = self.here
        if isinstance(inp, Decide | Inject | Reveal) and here.parent is not None and not here.is_main_variation():
            # after an undo the class plays on along a new branch: that is the lesson, so it is the main line
            # of its histories (the branch undone stays beside it)
            self._log(Promote(at=here.id))

    def _absorb(self, index: int, inp: Input) -> None:
        """Fold one logged input into the lesson's state (the same code live and on replay)."""
        f = self._f
        now = self.clock()
        if not isinstance(inp, GoTo) and not (isinstance(inp, Facilitate) and inp.action == "undo"):
            self._undo_from = None  # only the GoTo that follows an undo reads it
        self._follow_interruption(inp)
        if isinstance(inp, Facilitate):
            timer = f.timers.get(inp.at)
            if inp.action == "hold":
                return  # (read by `_follow_interruption`: the discussion's own timer stays as it was)
            if inp.action == "undo":
                f.undone.add(inp.target)
                f.compensations.add(index + 1)
                self._undo_from = inp.at
            elif inp.action == "carry":
                f.compensations.update(range(index + 1, index + 1 + inp.target))
            elif inp.action == "timeout":
                self._pending_timeout = True
            elif inp.action == "stop" and timer is not None:
                timer.elapsed = inp.elapsed
                timer.running = False
            elif inp.action == "speak":
                shown = f.spoken.setdefault(inp.at, [])
                if inp.what == "*":  # all of them, or (again) none
                    shown[:] = [] if "*" in shown else ["*"]
                elif "*" in shown:  # one hidden out of all: the others stay on screen
                    shown[:] = [r for r in self.speakers_at(inp.at) if r != inp.what]
                elif inp.what in shown:
                    shown.remove(inp.what)
                else:
                    shown.append(inp.what)
            elif inp.action == "screen":
                f.screen = inp.what
            elif inp.action == "end":
                f.ended = True
                self._pending_auto = True
            elif inp.action == "next":
                f.phase[inp.at] = "brief"
            elif inp.action in ("discuss", "vote"):
                if inp.action == "discuss" or f.phase.get(inp.at, "brief") == "brief":
                    f.paused = False  # opening a discussion starts its clock, whatever was paused before
                f.phase[inp.at] = "discuss" if inp.action == "discuss" else "vote"
                if timer is None:
                    timer = f.timers[inp.at] = Timer(float(self.setup.seconds))
                timer.elapsed = inp.elapsed
                timer.running = not f.paused
                timer.since = now
            if timer is not None and inp.action in ("pause", "resume", "extend", "cut"):
                timer.elapsed = inp.elapsed
                timer.since = now
                if inp.action == "extend":
                    timer.limit += inp.seconds
                elif inp.action == "cut":
                    timer.limit = max(timer.elapsed, timer.limit - inp.seconds)
            if inp.action == "pause":
                f.paused = True
                if timer is not None:
                    timer.running = False
            elif inp.action == "resume":
                f.paused = False
                if timer is not None and f.phase.get(inp.at) in ("discuss", "vote"):
                    timer.running = True
        elif isinstance(inp, Tally):
            f.tallies.setdefault(inp.at, {})[inp.option] = inp.count
        elif isinstance(inp, GoTo):
            # Undoing a reveal or an incident goes back to the decision it interrupted: the discussion's timer,
            # carried on past it meanwhile, comes back with it (else it would stand where the reveal left it).
            left, self._undo_from = self._undo_from, None
            carried = f.timers.get(left) if left is not None else None
            if carried is not None and inp.at in f.timers and f.phase.get(inp.at) in ("discuss", "vote"):
                f.timers[inp.at] = Timer(carried.limit, carried.elapsed, carried.running, carried.since)
                carried.running = False
            elif inp.at in f.timers and f.phase.get(inp.at) in ("discuss", "vote") and not f.timers[inp.at].running:
                f.paused = True  # an undone decision: its discussion comes back paused, at the time it stood at
        elif isinstance(inp, Decide | Reveal | Inject):
            made = self._made(index)
            if made is None and isinstance(inp, Reveal | Inject):  # the same news again, after an undo of it:
                entered = self.session.entered.get(index)  # the decision goes on there as it does here
                made = self.session.root.find(entered) if entered is not None else None
            if made is None:  # the same move again re-entered a history already played
                self._pending_timeout = self._pending_auto = False
                return
            parent = made.parent
            if isinstance(inp, Inject) and (parent is None or not self._same_decision(parent, made)):
                return  # the incident brought a decision of its own: it starts at its briefing
            if isinstance(inp, Reveal | Inject):  # news in the middle of a decision: it goes on where it was
                if parent is not None:
                    if parent.id in f.phase:
                        f.phase[made.id] = f.phase[parent.id]
                    if parent.id in f.timers:
                        old = f.timers[parent.id]
                        f.timers[made.id] = Timer(old.limit, old.elapsed, old.running, old.since)
                        old.running = False
                    if parent.id in f.spoken:
                        f.spoken[made.id] = list(f.spoken[parent.id])
                return
            if parent is not None and parent.id in f.timers:
                f.timers[parent.id].running = False
            if self._pending_timeout:
                f.timeouts.add(index)
            if self._pending_auto or f.ended or not self.plays(inp.node):
                f.autos.add(index)
            else:
                f.phase[made.id] = "result"
            self._pending_timeout = False
            self._pending_auto = False

    def _settle(self) -> None:
        """Play on through the decisions this plan does not give the class (they follow 1962 or the default)."""
        guard = 0
        while guard < 500 and not self.session.state.ended and self.phase == "brief":
            node = self.engine.node(self.session.state)
            if self.plays(node.id):
                break
            guard += 1
            self._pending_auto = True
            self._log(Decide(node=node.id, option=self._auto_option()))

    def speakers_at(self, at: str) -> list[str]:
        """The roles with something to say at the decision awaited at tree node `at` (the ones a facilitator
        may put to the council there)."""
        node = self.session.root.find(at)
        if node is None:
            return []
        decision = self._awaited_at(node)
        side = self._actors.get(decision, "")
        return [c.id for c in roles_of(self.engine, (side,)) if arguments_at(self.engine, c.id, decision)]

    def _follow_interruption(self, inp: Input) -> None:
        """Which discussion waits for an interruption to end, from the log alone (live and on replay alike):
        a 'hold' names it; an undo forgets it (what it goes back to holds its own votes); taking it up again,
        or deciding it, ends the wait."""
        if isinstance(inp, Facilitate) and inp.action == "hold":
            before = self.session.root.find(inp.at)
            if before is not None:
                tallies = dict(self._f.tallies.get(before.id, {}))
                self._interrupted = (self._awaited_at(before), list(before.votes), tallies, inp.what, inp.elapsed)
            return
        waiting = self._interrupted
        if waiting is None:
            return
        undone = isinstance(inp, Facilitate) and inp.action == "undo"
        if undone or (isinstance(inp, Decide) and inp.node == waiting[0]):
            self._interrupted = None
        elif isinstance(inp, Facilitate) and inp.action in ("carry", "discuss", "vote"):
            at = self.session.root.find(inp.at)
            if at is not None and self._awaited_at(at) == waiting[0]:
                self._interrupted = None

    def _same_decision(self, before: HistoryNode, after: HistoryNode) -> bool:
        """Is the decision awaited after `after`'s move the one awaited at `before`?"""
        return self._awaited_at(before) == self._awaited_at(after)

    def _awaited_at(self, node: HistoryNode) -> str:
        if node.check is not None:
            return node.check.at
        state = self.session.state_at(node)
        return self.engine.node(state).id

    def _made(self, index: int) -> HistoryNode | None:
        for node_id, at in self.session.made_by.items():
            if at == index:
                return self.session.root.find(node_id)
        return None

    def _auto_option(self) -> str:
        state = self.session.state
        available = self.engine.available_ids(state)
        node = self.engine.node(state)
        for choice in self.engine.choices(state, in_scenario_order=True):
            if choice.historical and choice.available:
                return choice.id
        named = self.plan.defaults.get(node.id)
        return named if named in available else available[0]

    def _leader_role(self, side: str) -> str | None:
        for rid, role in self.engine.scenario.model.roles.items():
            if role.side == side and role.decides:
                return rid
        return None

    def _need_decision(self) -> None:
        if self.session.state.ended:
            raise RuleError("the crisis has ended: there is no decision in progress")
        if self.awaited not in self.people:
            raise RuleError("no decision of the class is awaited now")

    def _elapsed(self) -> float:
        timer = self.timer
        return 0.0 if timer is None else round(timer.spent(self.clock()), 3)

    def _undoable(self) -> int | None:
        f = self._f
        for index in range(len(self.session.log) - 1, -1, -1):
            inp = self.session.log[index]
            if index in f.undone or index in f.compensations:
                continue
            if isinstance(inp, Vote | Tally | Inject | Reveal):
                return index
            if isinstance(inp, Decide) and index not in f.autos:
                return index
        return None

    def _tally_before(self, index: int) -> int:
        target = self.session.log[index]
        assert isinstance(target, Tally)
        for inp in reversed(self.session.log[:index]):
            if isinstance(inp, Tally) and inp.at == target.at and inp.option == target.option:
                return inp.count
        return 0


def _playing(engine: Engine) -> list[str]:
    return [sid for sid, spec in engine.scenario.model.sides.items() if spec.plays]
