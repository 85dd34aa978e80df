"""The scenario engine: what may be chosen now, and what follows from a choice.

`Engine(scenario)` is stateless apart from the (immutable) compiled scenario;
all that changes lives in `GameState`. One `choose` call is one step: the
choice's effects, the other side's moves, chance, incidents as the clock runs,
and the escalation risk those carried — with every driver named.

Risk: each step gathers terms h_i (ongoing drivers over the elapsed days,
one-off shocks from actions, incidents and chance outcomes). The step hazard is
H = 1 - Π(1 - h_i), capped; cumulative risk = 1 - Π_t(1 - H_t). Under 'dice'
fate the danger is real: with probability H the crisis escapes control and the
game enters the scenario's catastrophe node. Under 'history' fate the
documented course is followed and nothing escapes control, as in 1962.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from game import wording
from game.engine import dice
from game.engine.dice import Dice, KeyedDice
from game.engine.results import AdvisorView, Change, ChoiceView, Event, RiskTerm, Step
from game.engine.state import FATES, GameState, PathEntry
from game.errors import RuleError
from game.scenario.compiled import (
    BUILTINS,
    FACILITATOR,
    MINUTES_PER_DAY,
    RESUME,
    SLOT_DAY,
    SLOT_HOUR,
    SLOT_RISK,
    CompiledScenario,
    IntelLine,
    RAdvisor,
    REffect,
    RNode,
    ROption,
    ROutcome,
    RShock,
)
from game.scenario.expressions import Values, compile_expression

MAX_TRANSITIONS = 10_000  # per step: a guard against content that loops forever


class Wording(NamedTuple):
    """An option's words as the present state makes them true."""

    text: str
    detail: str
    advisors: tuple[RAdvisor, ...]
    outcome: str
    headline: str


class Briefing(NamedTuple):
    text: str
    intel: tuple[IntelLine, ...]  # every line with its audience; a view keeps what its audience may see
    departs: bool  # True when earlier moves made this a telling that departs from 1962's


@dataclass(frozen=True)
class AssessmentLine:
    id: str
    label: str
    text: str
    score: int


def _weight(w: float) -> float:
    """A computer-played option's weight as drawn: negative, NaN and infinite weights count as zero."""
    w = float(w)
    return w if 0.0 < w < float("inf") else 0.0


_TermInfo = tuple[str, str, int | None, str]  # a risk term's label, kind, cause flag slot and audience
_Before = tuple[float, int, int, Values | None]  # risk, DEFCON, clock and values (None when lean) before a step
# Where a step draws, for dice that branch there: ('incident', node being reached, incident's place in time
# order), ('choice', node, -1) for a computer's decision, ('outcome', node, -1) for a chance node.
DrawPoint = tuple[str, int, int]


def _driver_reads(scenario: CompiledScenario) -> Callable[[Values], object] | None:
    """What picks out the values the daily rates read (a key under which they recur), or None when that
    cannot be told (a scenario built without its model's drivers) and rates are computed every time."""
    specs = scenario.model.risk.drivers
    if len(specs) != len(scenario.drivers) or any(s.id != d.id for s, d in zip(specs, scenario.drivers)):
        return None
    slots: set[int] = set()
    try:
        for spec in specs:
            slots |= {scenario.symbols[n].slot for n in compile_expression(str(spec.per_day), scenario.symbols).names}
    except (ValueError, KeyError):  # an expression the compiler refused, a name it does not know
        return None
    if not slots:
        return lambda values: ()
    return itemgetter(*sorted(slots))  # of one slot, the value itself: as good a key


class _StepLog:
    """What one step gathers. A lean log (for simulations) keeps the same risk arithmetic but no narration."""

    __slots__ = ("events", "hazards", "lean", "terms")

    def __init__(self, lean: bool = False) -> None:
        self.events: list[Event] = []
        # One risk term per source: its hazard, and what names it (label, kind, cause flag slot, audience).
        # Two dicts with the same keys in the same order, so that the hazard is a float that combines in place.
        self.hazards: dict[str, float] = {}
        self.terms: dict[str, _TermInfo] = {}
        self.lean = lean

    def copy(self) -> _StepLog:
        """An independent copy (for dice that branch in the middle of a step)."""
        twin = _StepLog(self.lean)
        twin.events = list(self.events)
        twin.hazards = dict(self.hazards)
        twin.terms = dict(self.terms)
        return twin

    def add(
        self, source: str, label: str, kind: str, hazard: float, cause: int | None = None, audience: str = "all"
    ) -> None:
        if hazard <= 0:
            return
        hazard = 1.0 if hazard > 1 else hazard
        hazards = self.hazards
        old = hazards.get(source)
        if old is None:
            hazards[source] = hazard
            self.terms[source] = (label, kind, cause, audience)
        else:  # the same source twice in a step: combine as independent chances
            hazards[source] = 1 - (1 - old) * (1 - hazard)


class Engine:
    def __init__(self, scenario: CompiledScenario, dice: Dice | None = None, paths: bool = True):
        self.scenario = scenario
        # `paths=False` (exact analysis, on lean states) keeps no `state.path`: nothing it solves reads one.
        self._paths = paths
        # Every roll goes through `self.dice` (see game/engine/dice.py); an analysis passes its own.
        self.dice: Dice = KeyedDice() if dice is None else dice
        self._defer = getattr(self.dice, "defer_catastrophe", None)
        self._fork = getattr(self.dice, "fork", None)  # told (state, log, point) before a draw in a step
        # The draw keys, built once: formatting a key for every draw cost an eighth of a playthrough.
        self._choice_keys = [f"choice:{n.id}" for n in scenario.nodes]
        self._chance_keys = [f"chance:{n.id}" for n in scenario.nodes]
        self._incident_keys = {i.index: f"incident:{i.id}" for i in scenario.incidents}
        self._nodes = scenario.nodes
        self._incidents = scenario.incidents
        # The latest end among the incidents up to each place in time order: every incident before the first
        # place whose figure reaches the clock has closed, so moving the clock starts looking there.
        self._closed_by: list[int] = []
        latest = -(2**62)
        for inc in scenario.incidents:
            latest = max(latest, inc.end)
            self._closed_by.append(latest)
        self._drivers = scenario.drivers
        # Each driver as its term is logged: source, rate, and what names it (built once, not per accrual).
        self._driver_rows = tuple((d.id, d.per_day, (d.label, "ongoing", d.cause, d.audience)) for d in self._drivers)
        self._day_one = scenario.calendar.day_one
        self._rate_reads = _driver_reads(scenario)
        self._rates: dict[object, tuple[tuple[str, float, _TermInfo], ...]] = {}
        self._defcon = scenario.defcon
        self._cap = scenario.max_step_hazard
        self._calendar = scenario.calendar
        self._key_zero = scenario.calendar.key_zero
        self._secrets = {s.id: s for s in scenario.secrets}
        model = scenario.model
        self._labels = [BUILTINS.get(name, name) for name in scenario.slot_names]
        for i, name in enumerate(scenario.slot_names):
            spec = model.variables.get(name) or model.flags.get(name)
            if spec is not None:
                self._labels[i] = spec.label

    # ------------------------------------------------------------------ queries

    def node(self, state: GameState) -> RNode:
        return self._nodes[state.node]

    def defcon(self, state: GameState) -> int:
        values = state.values
        for level, cond in self._defcon:
            if cond(values):
                return level
        return 5

    def defcon_note(self, state: GameState) -> str:
        """Which forces the shown DEFCON applies to, as the scenario words it ('' when it says nothing)."""
        values = state.values
        notes = self.scenario.defcon_notes
        for i, (_, cond) in enumerate(self._defcon):
            if cond(values):
                return notes[i] if i < len(notes) else ""
        return ""

    def waiting_for(self, state: GameState) -> str | None:
        """The side whose decision is awaited, or None when the game has ended."""
        if state.ended:
            return None
        return self._nodes[state.node].actor

    def why_closed(self, state: GameState, node_id: str, option_id: str) -> str:
        """Why `option_id` cannot be taken at the decision `node_id` that `state` awaits, in the scenario's
        words without the full stop ('' if it can, or if `state` is not at that decision)."""
        if state.ended or self.node(state).id != node_id:
            return ""
        shut = next((c for c in self.choices(state) if c.id == option_id and not c.available), None)
        return shut.reason.rstrip(".") if shut is not None else ""

    def choices(self, state: GameState, in_scenario_order: bool = False) -> list[ChoiceView]:
        """The options of the current decision, available or not (with the reason), numbered as a player
        sees them. Automatic players ask for `in_scenario_order`, so that their choices never depend on
        the seeded display order."""
        if state.ended:
            return []
        node = self._nodes[state.node]
        views = []
        shown = node.options if in_scenario_order else self._display_order(state, node)
        values = state.values
        for number, opt in enumerate(shown, 1):
            available = opt.condition is None or bool(opt.condition(values))
            reason = "" if available else (opt.unavailable or "Not possible in the present situation.")
            wording_ = self.wording(opt, values)
            views.append(
                ChoiceView(
                    id=opt.id,
                    number=number,
                    text=wording_.text,
                    detail=wording_.detail,
                    available=available,
                    reason=reason,
                    advisors=tuple(
                        AdvisorView(a.id, a.name, a.role, a.argument, a.short, a.stance) for a in wording_.advisors
                    ),
                    tags=opt.tags,
                    historical=opt.historical,
                )
            )
        return views

    @staticmethod
    def wording(opt: ROption, values: Values) -> Wording:
        """How an option reads in this state: its first variant that holds over its own words, and only the
        advisors' arguments whose conditions hold."""
        text, detail, advisors, outcome, headline = opt.text, opt.detail, opt.advisors, opt.outcome, opt.headline
        for v in opt.variants:
            if v.condition(values):
                text = v.text if v.text is not None else text
                detail = v.detail if v.detail is not None else detail
                advisors = v.advisors if v.advisors is not None else advisors
                outcome = v.outcome if v.outcome is not None else outcome
                headline = v.headline if v.headline is not None else headline
                break
        heard = tuple(a for a in advisors if a.condition is None or a.condition(values))
        return Wording(text, detail, heard, outcome, headline)

    def _display_order(self, state: GameState, node: RNode) -> tuple[ROption, ...] | list[ROption]:
        """The options as a front end numbers them: the scenario's order, or — if the scenario asks — an
        order drawn from the seed and the node (a pure function: every replay shows the same numbers)."""
        if not self.scenario.model.shuffle_options:
            return node.options
        return sorted(node.options, key=lambda o: dice.draw(state.seed, f"order:{node.id}:{o.id}"))

    def available_ids(self, state: GameState) -> list[str]:
        """Ids of the options that may be chosen now (fast path for simulations)."""
        if state.ended:
            return []
        values = state.values
        return [o.id for o in self._nodes[state.node].options if o.condition is None or o.condition(values)]

    def briefing(self, state: GameState) -> Briefing:
        """The current decision's briefing text and intelligence, as the state of the world makes them true:
        the first of the node's variants whose condition holds, else its own text."""
        node = self._nodes[state.node]
        for condition, text, intel in node.variants:
            if condition(state.values):
                return Briefing(text, node.intel if intel is None else intel, True)
        return Briefing(node.text, node.intel, False)

    def telling(self, state: GameState) -> tuple[str, tuple[str, ...]]:
        """The current decision's title and the major events its telling recalls, as `briefing` picks it."""
        node = self._nodes[state.node]
        for (condition, _, _), (title, recalls) in zip(node.variants, node.variant_extras, strict=False):
            if condition(state.values):
                return title or node.title, recalls
        return node.title, node.recalls

    def value(self, state: GameState, name: str) -> float | bool:
        return state.values[self.scenario.symbols[name].slot]

    def assess(self, state: GameState) -> list[AssessmentLine]:
        """The strategic outcome: for each assessment, the first case that holds."""
        lines = []
        for a in self.scenario.assessments:
            for cond, text, score in a.cases:
                if cond is None or cond(state.values):
                    lines.append(AssessmentLine(a.id, a.label, text, score))
                    break
        return lines

    # ------------------------------------------------------------------ new game

    def new_game(
        self, seed: int = 0, controlled: tuple[str, ...] | None = None, fate: str = "dice", narrate: bool = True
    ) -> GameState:
        """A fresh state, advanced to the first decision a person must take.

        `narrate=False` (for simulations) skips recording the opening step; the history is the same.
        """
        if fate not in FATES:
            raise RuleError(f"fate must be one of {', '.join(FATES)}, not '{fate}'")
        if controlled is None:
            controlled = (self.scenario.model.player,)
        for side in controlled:
            if side not in self.scenario.sides:
                raise RuleError(f"unknown side '{side}': choose from {', '.join(self.scenario.sides)}")
        start = self._nodes[self.scenario.start]
        state = GameState(
            scenario_id=self.scenario.id,
            scenario_version=self.scenario.version,
            seed=int(seed),
            fate=fate,
            controlled=tuple(controlled),
            node=start.index,
            clock=start.when,
            values=list(self.scenario.initial),
        )
        self._set_clock(state, start.when)
        log = _StepLog(lean=not narrate)
        before: _Before = (
            state.risk,
            0 if log.lean else self.defcon(state),
            state.clock,
            None if log.lean else list(state.values),
        )
        self._run(state, start.index, log)
        step = self._finish(state, log, "", "", before)
        if step is not None:
            state.steps.append(step)
        return state

    # ------------------------------------------------------------------ choose

    def choose(self, state: GameState, option_id: str) -> Step:
        """Take option `option_id` at the current decision; returns what followed."""
        step = self._choose(state, option_id, _StepLog())
        assert step is not None  # a narrated step is always told
        state.steps.append(step)
        return step

    def advance(self, state: GameState, option_id: str) -> None:
        """Take an option exactly as `choose` does, without narrating it (simulations use this)."""
        self._choose(state, option_id, _StepLog(lean=True))

    def _choose(self, state: GameState, option_id: str, log: _StepLog) -> Step | None:
        if state.ended:
            raise RuleError("the game has ended; start a new one or go back to an earlier decision")
        node = self._nodes[state.node]
        if node.kind != "decision":
            raise RuleError(f"node '{node.id}' is not a decision")
        if node.actor not in state.controlled:
            raise RuleError(f"'{node.id}' is decided by the computer for {node.actor}, not by a player")
        opt = next((o for o in node.options if o.id == option_id), None)
        if opt is None:
            known = ", ".join(o.id for o in node.options)
            raise RuleError(f"'{option_id}' is not an option at '{node.id}' (options: {known})")
        if opt.condition is not None and not opt.condition(state.values):
            raise RuleError(f"'{option_id}' is not available now: {opt.unavailable or 'its condition is false'}")
        before: _Before = (
            state.risk,
            0 if log.lean else self.defcon(state),
            state.clock,
            None if log.lean else list(state.values),
        )
        state.decisions.append((node.id, opt.id))
        self._take(state, node, opt, "player", log)
        self._run(state, opt.next, log)
        return self._finish(state, log, node.id, opt.id, before)

    # ------------------------------------------------------------------ facilitator's inputs

    def reveal(self, state: GameState, secret_id: str, to: str) -> None:
        """Make a hidden fact known to an audience ('all' or a side). Replayed like any input."""
        if secret_id not in self._secrets:
            known = ", ".join(self._secrets) or "none"
            raise RuleError(f"no secret '{secret_id}' in this scenario (secrets: {known})")
        if to not in self.scenario.audiences():
            raise RuleError(f"cannot reveal to '{to}': choose from {', '.join(self.scenario.audiences())}")
        if (secret_id, to) not in state.revealed:
            state.revealed.append((secret_id, to))

    def known_secrets(self, state: GameState, audience: str) -> list[tuple[str, str, str]]:
        """(id, title, text) of every secret `audience` knows now: its own, revealed to it, or by the story."""
        out = []
        for s in self.scenario.secrets:
            told = {to for sid, to in state.revealed if sid == s.id}
            if (
                audience == "facilitator"
                or s.known_to in (audience, "all")
                or audience in told
                or "all" in told
                or (s.revealed_when is not None and s.revealed_when(state.values))
            ):
                out.append((s.id, s.title, s.text))
        return out

    def inject(self, state: GameState, incident_id: str) -> Step:
        """A facilitator makes an incident happen now, whatever its window and chance: its effects and
        dangers count as a step of their own, and an interrupting incident is answered at once."""
        if state.ended:
            raise RuleError("the game has ended; go back to an earlier decision to inject an incident")
        inc = next((i for i in self._incidents if i.id == incident_id), None)
        if inc is None:
            known = ", ".join(i.id for i in self._incidents) or "none"
            raise RuleError(f"no incident '{incident_id}' in this scenario (incidents: {known})")
        if inc.index in state.considered:
            raise RuleError(f"'{incident_id}' has already happened or passed in this game")
        log = _StepLog()
        before: _Before = (state.risk, self.defcon(state), state.clock, list(state.values))
        state.considered.add(inc.index)
        state.fired.append(inc.id)
        self._shock(state, inc.shocks, f"incident:{inc.id}", "incident", log)
        self._apply(state, inc.effects)
        text = inc.text
        if state.clock < inc.start:  # its telling keeps its own date: say that it was brought forward
            held = "in the record it happened" if inc.historical else "in the game it can happen"
            day = wording.when(inc.start, time=False)
            on = (
                f"later that day, at {wording.when(inc.start)[len(day) :].strip(' ,')}"
                if day == wording.when(state.clock, time=False)
                else f"on {day}"
            )
            text = f"(Brought forward by the facilitator: {held} {on}.) {text}"
        log.events.append(
            Event(
                "incident",
                inc.id,
                inc.title,
                text,
                state.clock,
                historical=inc.historical,
                audience=inc.audience,
                headline=inc.title,
                private=tuple((to, self.private_part(to, part)) for to, part in inc.private),
            )
        )
        state.path.append(
            PathEntry("incident", inc.id, inc.id, "facilitator", "facilitator", state.clock, state.risk, False)
        )
        here = state.node
        if inc.interrupt is not None:
            state.resume.append(here)
            self._run(state, inc.interrupt, log, at_once=True)
        step = self._finish(state, log, self._nodes[here].id, f"inject:{inc.id}", before)
        assert step is not None
        state.steps.append(step)
        return step

    # ------------------------------------------------------------------ internals

    def _finish(self, state: GameState, log: _StepLog, node_id: str, option_id: str, before: _Before) -> Step | None:
        risk_before, defcon_before, clock_before, values_before = before
        survive = 1.0
        for h in log.hazards.values():
            survive *= 1 - h
        hazard = min(1 - survive, self._cap)
        catastrophe = False
        if hazard > 0 and state.fate == "dice":
            if self._defer is not None:  # the dice take the escape in closed form (exact analysis)
                self._defer(state, hazard, [(h, t[2]) for h, t in zip(log.hazards.values(), log.terms.values())])
            else:
                catastrophe = self.dice.chance(state, f"escalation@{state.clock - self._key_zero}", hazard)
        state.survival *= 1 - hazard
        state.hazard_sum += hazard
        state.values[SLOT_RISK] = 1 - state.survival
        if catastrophe:
            # The crisis escapes control and overtakes whatever was pending. Which danger did it is
            # drawn in proportion to each term's share of the step's hazard; its `cause` flag is set.
            infos = list(log.terms.values())
            picked = self.dice.choice(state, f"cause@{state.clock - self._key_zero}", list(log.hazards.values()))
            cause, _, cause_slot, _ = infos[picked]
            if cause_slot is not None:
                state.values[cause_slot] = True
            node = self._nodes[self.scenario.catastrophe]
            state.resume.clear()
            if state.ended:  # the ending this step reached is overtaken by what the step set loose
                state.ended = False
                if state.path and state.path[-1].kind == "ending":
                    state.path.pop()
                if log.events and log.events[-1].kind == "ending":
                    log.events.pop()
            if not log.lean:
                odds = (
                    "With other luck this step would usually have passed off quietly: risk is a chance, not a verdict."
                    if hazard < 0.5
                    else "With a danger that large, this was more likely than not."
                )
                text = (
                    f"This step carried a {wording.pct(hazard)} chance that events would slip out of anyone's "
                    f"control, and this time they did. It began with “{cause}”. {odds}"
                )
                title = "The dice fall against you"
                log.events.append(Event("catastrophe", node.id, title, text, state.clock, headline="Control is lost"))
            self._run(state, node.index, log, live=False)
        if state.ended:  # what the ending says happened, so that the assessment follows it (not one overtaken)
            self._apply(state, self._nodes[state.node].effects)
        if log.lean:
            return None
        assert values_before is not None  # a narrated step keeps the values it started from
        hazards = log.hazards
        # an action's source is 'action:<option>:<shock>': whose move it was is the side that took that option
        movers = {e.choice: e.actor for e in log.events if e.kind in ("decision", "computer")}
        terms = tuple(
            RiskTerm(
                source,
                label,
                kind,
                hazards[source],
                audience,
                movers.get(source.split(":")[1], "") if kind == "action" else "",
            )
            for source, (label, kind, _, audience) in sorted(log.terms.items(), key=lambda kv: -hazards[kv[0]])
        )
        return Step(
            node=node_id,
            option=option_id,
            events=tuple(log.events),
            terms=terms,
            hazard=hazard,
            risk_before=risk_before,
            risk_after=state.risk,
            defcon_before=defcon_before,
            defcon_after=self.defcon(state),
            clock_before=clock_before,
            clock_after=state.clock,
            next_node=self._nodes[state.node].id,
            ended=state.ended,
            catastrophe=catastrophe,
            changes=self._changes(values_before, state.values),
        )

    def escape(self, state: GameState, cause_slot: int | None) -> None:
        """Enter the catastrophe from a state at the end of a step, as the engine does when the dice fall
        against the player (`cause_slot`: the flag of the danger that escaped control, if it has one).
        For dice that defer the catastrophe (see `Dice`); nothing is narrated. Mirrors `_finish`."""
        if cause_slot is not None:
            state.values[cause_slot] = True
        state.resume.clear()
        if state.ended:
            state.ended = False
            if state.path and state.path[-1].kind == "ending":
                state.path.pop()
        self._run(state, self.scenario.catastrophe, _StepLog(lean=True), live=False)

    def resume(
        self, state: GameState, log: _StepLog, point: DrawPoint, answer: int, live: bool = True, finish: bool = True
    ) -> None:
        """Go on with a step from one of its draws, with that draw's answer forced: `state` and `log` are
        copies of what they were when the dice were told of `point` (see `Dice.fork`). For dice that branch at
        the draw instead of replaying the whole step; `finish` ends the step as `advance` does (not for
        `escape`, which does not), `live` as the run it came from. Nothing is narrated."""
        self._run(state, point[1], log, live, (point, answer))
        if finish:
            self._finish(state, log, "", "", (state.risk, 0, state.clock, None))

    def _changes(self, before: Values, after: Values) -> tuple[Change, ...]:
        """What the step's effects changed, in declaration order (built-ins like the clock left out)."""
        names, labels, audiences = self.scenario.slot_names, self._labels, self.scenario.slot_audiences
        return tuple(
            Change(names[i], labels[i], before[i], after[i], audiences[i])
            for i in range(len(BUILTINS), len(after))
            if before[i] != after[i]
        )

    def _set_clock(self, state: GameState, minutes: int) -> None:
        state.clock = minutes
        values = state.values
        values[SLOT_DAY] = self._calendar.day_of(minutes)
        values[SLOT_HOUR] = (minutes // 60) % 24

    def _apply(self, state: GameState, effects: tuple[REffect, ...]) -> None:
        values = state.values
        for e in effects:
            new = e.fn(values)
            if e.op != "=":
                old = values[e.slot]
                new = old + new if e.op == "+=" else old - new if e.op == "-=" else old * new
            if e.lo is not None and e.hi is not None:  # a bounded variable has both bounds
                new = float(new)
                if new != new:  # NaN (e.g. inf - inf after an overflow): the variable keeps its value
                    continue
                new = e.lo if new < e.lo else e.hi if new > e.hi else new
            values[e.slot] = new

    def private_part(self, to: str, text: str) -> str:
        """A part of a story kept to `to`, opening with whom it is kept to (the facilitator: no side knew)."""
        return wording.private_part(None if to == FACILITATOR else self.scenario.side_name(to), text)

    def _shock(self, state: GameState, shocks: tuple[RShock, ...], source: str, kind: str, log: _StepLog) -> None:
        for s in shocks:
            h = float(s.fn(state.values))
            if h > 0:
                log.add(f"{source}:{s.label}", s.label, kind, h, s.cause, s.audience)

    def _take(self, state: GameState, node: RNode, opt: ROption, by: str, log: _StepLog) -> None:
        # The move is told in the words that held when it was chosen, before its own effects.
        before_effects = None if log.lean or not opt.variants else list(state.values)
        self._shock(state, opt.shocks, f"action:{opt.id}", "action", log)
        self._apply(state, opt.effects)
        if before_effects is None:
            before_effects = state.values
        kind = "decision" if by == "player" else "computer"
        if not log.lean:
            said = self.wording(opt, before_effects) if opt.variants else None
            log.events.append(
                Event(
                    kind,
                    node.id,
                    node.title,
                    said.outcome if said else opt.outcome,
                    state.clock,
                    node.actor,
                    opt.id,
                    said.text if said else opt.text,
                    opt.historical,
                    opt.audience,
                    said.headline if said else opt.headline,
                )
            )
        if self._paths:
            state.path.append(
                PathEntry("decision", node.id, opt.id, node.actor, by, state.clock, state.risk, opt.historical)
            )

    def _computer_option(self, state: GameState, node: RNode, forced: int | None = None) -> ROption:
        values = state.values
        available = [o for o in node.options if o.condition is None or o.condition(values)]
        if not available:  # content error caught by the validator; never leave the game stuck
            available = list(node.options)
        if forced is not None:  # resumed at this draw (see `resume`)
            return available[forced]
        if state.fate == "history":
            for o in available:
                if o.historical:
                    return o
        weights = [_weight(o.weight(values)) for o in available]
        return available[self.dice.choice(state, self._choice_keys[node.index], weights)]

    def _outcome(self, state: GameState, node: RNode, forced: int | None = None) -> ROutcome:
        if forced is not None:  # resumed at this draw (see `resume`)
            return node.outcomes[forced]
        values = state.values
        if state.fate == "history":
            for o in node.outcomes:
                if o.historical:
                    return o
        fixed = []
        rest_at = -1
        for i, o in enumerate(node.outcomes):
            if o.chance is None:
                rest_at = i
                fixed.append(0.0)
            else:
                p = float(o.chance(values))
                fixed.append(1.0 if p > 1 else p if p > 0 else 0.0)  # NaN counts as 0
        total = sum(fixed)
        if total > 1:
            fixed = [p / total for p in fixed]
        elif rest_at >= 0:
            fixed[rest_at] = 1 - total
        return node.outcomes[self.dice.choice(state, self._chance_keys[node.index], fixed)]

    def _accrue(self, state: GameState, until: int, log: _StepLog) -> None:
        """Ongoing danger from the clock to `until`, at the rates the present state sets; then move the clock."""
        clock = state.clock
        if until <= clock:
            return
        days = (until - clock) / MINUTES_PER_DAY
        values = state.values
        hazards, terms = log.hazards, log.terms
        read = self._rate_reads
        if read is None:
            rows = self._positive_rates(values)
        else:  # the same few rates recur: remembered under the values the drivers read
            key = read(values)
            rows = self._rates.get(key)  # type: ignore[assignment]
            if rows is None:
                if len(self._rates) > 100_000:  # bounded by the scenario's states; this only guards memory
                    self._rates.clear()
                rows = self._rates[key] = self._positive_rates(values)
        for source, rate, info in rows:  # the engine's hottest loop: log.add, inlined
            hazard = 1 - (1 - rate) ** days
            old = hazards.get(source)
            if old is None:
                hazards[source] = hazard
                terms[source] = info
            elif hazard > 0:
                hazards[source] = 1 - (1 - old) * (1 - hazard)
        state.clock = until  # _set_clock, inlined
        values[SLOT_DAY] = 1 + (until - self._day_one) / MINUTES_PER_DAY
        values[SLOT_HOUR] = (until // 60) % 24

    def _positive_rates(self, values: Values) -> tuple[tuple[str, float, _TermInfo], ...]:
        """Each driver with a positive daily rate now: its source, the rate (capped at 1) and its term."""
        rows = []
        for source, per_day, info in self._driver_rows:
            rate = per_day(values)
            if rate > 0:
                rows.append((source, 1.0 if rate > 1 else rate, info))
        return tuple(rows)

    def _move_clock(
        self, state: GameState, to: int, log: _StepLog, target: int = -1, first: int = 0, forced: bool | None = None
    ) -> int | None:
        """Advance the clock to `to`, meeting incidents in time order; return an interrupting node, if any.

        Danger accrues piecewise between incidents (an incident changes the rates after it), and an
        incident that interrupts stops the clock at its own moment: the rest of the way to `to` is
        covered, with any incidents still ahead, when play resumes. `target` is the node being reached (for
        the dice's `fork`); `first` and `forced` resume at incident `first`, its draw answered (`resume`).
        """
        considered = state.considered
        incidents = self._incidents
        if forced is None:  # skip the incidents that have all closed (the clock never runs backwards)
            first = max(first, bisect_left(self._closed_by, state.clock))
        for k in range(first, len(incidents)):
            inc = incidents[k]
            if forced is not None and k == first:  # met before the step was forked here: only its draw is new
                happens, when = forced, state.clock
            else:
                if inc.start > to:
                    break
                if inc.index in considered or inc.end < state.clock:
                    continue
                if inc.condition is not None and not inc.condition(state.values):
                    continue
                when = max(state.clock, inc.start)
                self._accrue(state, when, log)
                considered.add(inc.index)
                if state.fate == "history":
                    happens = inc.historical
                else:
                    p = float(inc.chance(state.values))
                    if self._fork is not None:
                        self._fork(state, log, ("incident", target, k))
                    happens = self.dice.chance(state, self._incident_keys[inc.index], p)
            if not happens:
                continue
            state.fired.append(inc.id)
            self._shock(state, inc.shocks, f"incident:{inc.id}", "incident", log)
            self._apply(state, inc.effects)
            if not log.lean:
                log.events.append(
                    Event(
                        "incident",
                        inc.id,
                        inc.title,
                        inc.text,
                        when,
                        historical=inc.historical,
                        audience=inc.audience,
                        headline=inc.title,
                        private=tuple((to, self.private_part(to, text)) for to, text in inc.private),
                    )
                )
            if self._paths:
                state.path.append(
                    PathEntry("incident", inc.id, inc.id, "chance", "chance", when, state.risk, inc.historical)
                )
            if inc.interrupt is not None:
                return inc.interrupt
        self._accrue(state, to, log)  # the clock never runs backwards: `to` may be earlier
        return None

    def _run(
        self,
        state: GameState,
        target: int,
        log: _StepLog,
        live: bool = True,
        at: tuple[DrawPoint, int] | None = None,
        at_once: bool = False,
    ) -> None:
        """Follow the graph from `target` until a person must decide or the game ends (`at`: go on from a
        draw on the way to `target`, its answer forced; see `resume`). `at_once`: `target` is met where the
        clock stands, not at its own time (the answer to an incident a facilitator brought forward)."""
        nodes = self._nodes
        fork = self._fork
        for _ in range(MAX_TRANSITIONS):
            forced: int | None = None
            if at_once:  # no clock moved on to the node's own date: the days between are not skipped
                at_once = False
                node = nodes[target]
                interrupt = None
            elif at is not None:  # resumed at a draw: the clock was being moved to `target`, or it was about to draw
                (where, _, first), answer = at
                at = None
                node = nodes[target]
                interrupt = None
                if where == "incident":
                    interrupt = self._move_clock(state, node.when, log, target, first, answer == 0)
                else:
                    forced = answer
            else:
                if target == RESUME:
                    if not state.resume:
                        raise RuleError("'@resume' used where no incident interrupted; fix the scenario")
                    target = state.resume.pop()
                node = nodes[target]
                if live and node.kind != "ending":
                    interrupt = self._move_clock(state, node.when, log, target)
                else:
                    # An ending closes the crisis (its dangers are the shocks that led to it), and after a
                    # catastrophe nothing more is added: the clock just moves on.
                    interrupt = None
                    self._set_clock(state, max(node.when, state.clock))
            if interrupt is not None:
                state.resume.append(target)
                target = interrupt
                continue
            state.node = target
            kind = node.kind
            if kind == "decision":
                if node.actor in state.controlled:
                    return
                if fork is not None and forced is None:
                    fork(state, log, ("choice", target, -1))
                opt = self._computer_option(state, node, forced)
                self._take(state, node, opt, "computer", log)
                target = opt.next
            elif kind == "chance":
                if fork is not None and forced is None:
                    fork(state, log, ("outcome", target, -1))
                out = self._outcome(state, node, forced)
                self._shock(state, out.shocks, f"chance:{out.id}", "chance", log)
                self._apply(state, out.effects)
                if out.text and not log.lean:
                    log.events.append(
                        Event(
                            "chance",
                            node.id,
                            node.title,
                            out.text,
                            state.clock,
                            "chance",
                            out.id,
                            historical=out.historical,
                            audience=out.audience,
                            headline=out.headline,
                        )
                    )
                if self._paths:
                    state.path.append(
                        PathEntry(
                            "chance", node.id, out.id, "chance", "chance", state.clock, state.risk, out.historical
                        )
                    )
                target = out.next
            else:
                state.ended = True
                if not log.lean:
                    log.events.append(Event("ending", node.id, node.title, node.text, state.clock))
                if self._paths:
                    state.path.append(PathEntry("ending", node.id, "", "", "", state.clock, state.risk, False))
                return
        raise RuleError(
            f"more than {MAX_TRANSITIONS} moves without a decision near '{nodes[target].id}'; the scenario loops"
        )
