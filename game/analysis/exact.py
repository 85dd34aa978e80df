"""Exact outcome distributions: every branch of chance followed, none sampled.

The engine rolls through a dice object; the analyser gives it `ForkingDice`, which take the first way at
each draw and copy the state where the engine drew, then go on from each copy with the other answers, so
one step yields every way it can turn out, with its probability (see branching.py); a step's beginning,
shared by all its ways, runs once. Three more things keep it fast:

- the catastrophe is weighed in closed form at the end of a step (the step hazard H and each cause's
  share), instead of replaying the step for every way control can be lost;
- solved states are remembered under the values that a later condition, chance, weight or danger can
  still read, directly or through effects (liveness.py), so histories that differ only in what nothing
  reads again share one future — the cumulative risk stays in the key wherever a later expression reads
  it (a scenario should rarely need that: `validate` notes such weights);
- steps run on lean copies of a state, without its narrated history.

Because a step's hazard H is the chance that it escapes control given the game got that far,
P(nuclear ending) = E[Σ H] exactly; every result carries both (`nuclear`, `hazard`).

Where it can (dice as fate, a policy of a known kind, no expression reading the cumulative risk), the
Analyser hands the whole computation to the batched solver (batch.py), which steps every state resting at
the same place together as the rows of an array and gives the same result to rounding; the state-by-state
solver here is the fallback and the reference (`Analyser(batch=False)`).

Entry points: `analyse` (from the start, or from any state), `option_odds` (for each available option
at a state, what follows if it is taken), `documented_state` (the state at a node on the 1962 course).
An `Analyser` holds no global state; each call builds its own engine and dice, so it may run on a
worker thread, and `cancel` (a callable) stops it between states.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from game.analysis.batch import BatchSolver, OutOfOrder
from game.analysis.branching import ClosedFormDice, ForkingDice, lean_copy
from game.analysis.columns import Unsupported
from game.analysis.liveness import Liveness
from game.analysis.policies import Policy, get_policy
from game.analysis.rowsteps import columns_of
from game.engine.engine import Engine
from game.engine.state import GameState
from game.errors import AnalysisError, RuleError, excerpt
from game.scenario.compiled import CompiledScenario
from game.scenario.expressions import Value

_CHECK_EVERY = 64  # solved states between two looks at `cancel`

# A state as the analysis tells states apart: node, clock, interrupted nodes to resume, the values still read
# from there, and the incidents still ahead that have already happened or passed.
_StateKey = tuple[int, int, tuple[int, ...], tuple[Value, ...], tuple[int, ...]]
# What the catastrophe's course can depend on (the cause flag aside): clock, values it may read, incidents.
_CatastropheBase = tuple[int, tuple[Value, ...], tuple[int, ...]]
_CatastropheKey = tuple[str, int | None, _CatastropheBase]  # ("catastrophe", cause flag slot, base)


class AnalysisCancelled(AnalysisError):
    """The caller's `cancel` said stop; nothing was computed."""


@dataclass
class Distribution:
    """What follows from a state: ending probabilities and the risk figures' expectations."""

    endings: dict[str, float] = field(default_factory=dict)
    nuclear: float = 0.0  # P(a nuclear ending)
    hazard: float = 0.0  # E[Σ step hazards from here]: equals `nuclear` when the model is honest
    survival: float = 1.0  # E[Π (1 - H)]: the mean final risk is 1 - survival × (1 - risk so far)

    def add(self, weight: float, step_hazard: float, rest: Distribution) -> None:
        """Add `rest`, reached with probability `weight` through a step of hazard `step_hazard`."""
        endings = self.endings
        for ending, p in rest.endings.items():
            endings[ending] = endings.get(ending, 0.0) + weight * p
        self.nuclear += weight * rest.nuclear
        self.hazard += weight * (step_hazard + rest.hazard)
        self.survival += weight * (1 - step_hazard) * rest.survival

    def gather(self, weight: float, weighted_hazard: float, rest: Distribution) -> None:
        """`add` summed over several ways to `rest`: `weight` their Σ weight, `weighted_hazard` their
        Σ weight × step hazard."""
        endings = self.endings
        for ending, p in rest.endings.items():
            endings[ending] = endings.get(ending, 0.0) + weight * p
        self.nuclear += weight * rest.nuclear
        self.hazard += weighted_hazard + weight * rest.hazard
        self.survival += (weight - weighted_hazard) * rest.survival

    def categories(self, scenario: CompiledScenario) -> dict[str, float]:
        found: dict[str, float] = {}
        for ending, p in self.endings.items():
            cat = scenario.by_id[ending].category
            found[cat] = found.get(cat, 0.0) + p
        return found


@dataclass
class Analysis:
    """The exact distribution for a policy from a state (the start, or any state of a game)."""

    policy: str
    first: str | None  # the option taken first, for an analysis of one option
    result: Distribution
    start_risk: float  # the cumulative risk of the state analysed from (0 at the start)
    states: int  # distinct states solved
    seconds: float
    categories: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        r = self.result
        return {
            "policy": self.policy,
            "first_choice": self.first,
            "endings": {k: round(v, 9) for k, v in sorted(r.endings.items(), key=lambda kv: -kv[1])},
            "categories": {k: round(v, 9) for k, v in sorted(self.categories.items(), key=lambda kv: -kv[1])},
            "p_nuclear": round(r.nuclear, 9),
            "expected_hazard": round(r.hazard, 9),
            "mean_risk": round(1 - r.survival * (1 - self.start_risk), 9),
            "states": self.states,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class OptionOdds:
    """What follows if `option` is taken at the state analysed and play goes on by the policy."""

    option: str
    text: str
    historical: bool
    result: Distribution
    categories: dict[str, float]
    start_risk: float

    @property
    def nuclear(self) -> float:
        return self.result.nuclear

    def as_json(self) -> dict[str, object]:
        r = self.result
        return {
            "option": self.option,
            "text": self.text,
            "historical": self.historical,
            "endings": {k: round(v, 9) for k, v in sorted(r.endings.items(), key=lambda kv: -kv[1])},
            "categories": {k: round(v, 9) for k, v in sorted(self.categories.items(), key=lambda kv: -kv[1])},
            "p_nuclear": round(r.nuclear, 9),
            "expected_hazard": round(r.hazard, 9),
            "mean_risk": round(1 - r.survival * (1 - self.start_risk), 9),
        }


class Analyser:
    """Exact analysis of one scenario under one policy. Reuse it for several states: what it has solved
    is remembered (per fate and sides played)."""

    def __init__(
        self,
        scenario: CompiledScenario,
        policy: str | Policy = "historical-dice",
        cancel: Callable[[], bool] | None = None,
        batch: bool = True,
        row_limit: int | None = None,
    ):
        self.scenario = scenario
        self.batch = batch  # False: always state by state (the batched solver's own tests compare the two)
        self.row_limit = row_limit  # states a batched analysis may follow (None: batch.MAX_ROWS)
        self._batch_states = 0
        self.policy = get_policy(scenario, policy)
        self.cancel = cancel
        self.dice = ForkingDice()
        self.engine = Engine(scenario, dice=self.dice, paths=False)
        self.nuclear_ids = frozenset(
            n.id for n in scenario.nodes if n.kind == "ending" and n.category in scenario.catastrophic
        )
        self._incident_end = {inc.index: inc.end for inc in scenario.incidents}
        self._memo: dict[_StateKey | _CatastropheKey, Distribution] = {}
        self._live: dict[tuple[str, ...], Liveness] = {}
        self._setting: tuple[str, tuple[str, ...]] | None = None
        self._solved = 0

    # -------------------------------------------------------------- entry points

    def from_start(self) -> Analysis:
        """From the start of a new game played by the policy (every way the opening can fall, included)."""
        started = time.perf_counter()
        sides = self.policy.sides or (self.scenario.model.player,)
        self._use(self.policy.fate, sides)
        found = self._batched([(None, -1)], self.policy.fate)
        if found is not None:
            return self._analysis(None, found[0], 0.0, started)
        engine = self.engine
        result = Distribution(survival=0.0)
        self._step(
            lambda: engine.new_game(seed=0, controlled=sides, fate=self.policy.fate, narrate=False), 1.0, result, 0.0
        )
        return self._analysis(None, result, 0.0, started)

    def from_state(self, state: GameState) -> Analysis:
        """From `state` (any state of a game: its fate is kept, and the policy plays the sides it leaves to
        people)."""
        started = time.perf_counter()
        self._use(state.fate, state.controlled)
        result = Distribution(survival=0.0)
        lean = lean_copy(state)
        found = None if lean.ended else self._batched([(lean, -1)], state.fate)
        if found is not None:
            return self._analysis(None, found[0], state.risk, started)
        result.add(1.0, 0.0, self._solve(lean))
        return self._analysis(None, result, state.risk, started)

    def option_odds(self, state: GameState) -> list[OptionOdds]:
        """For each option available at `state`'s decision, in scenario order: the exact distribution of what
        follows if it is taken and play goes on by the policy."""
        if state.ended:
            raise AnalysisError("the game has ended: there is no decision to weigh; analyse an earlier state")
        self._use(state.fate, state.controlled)
        engine = self.engine
        start = lean_copy(state)
        numbered = [
            (i, o) for i, o in enumerate(engine.node(start).options) if o.condition is None or o.condition(start.values)
        ]
        taken = [o for _, o in numbered]
        results = self._batched([(start, i) for i, _ in numbered], state.fate)
        if results is None:
            results = [Distribution(survival=0.0) for _ in taken]
            for o, r in zip(taken, results):
                self._step(self._advance(start, o.id), 1.0, r, start.hazard_sum)
        return [
            OptionOdds(o.id, o.text, o.historical, r, r.categories(self.scenario), state.risk)
            for o, r in zip(taken, results)
        ]

    def states_solved(self) -> int:
        """Distinct states solved so far, by either solver."""
        return len(self._memo) + self._batch_states

    def remembered(self) -> int:
        """How many states' futures are remembered (a caller may drop the analyser to bound memory)."""
        return len(self._memo)

    # -------------------------------------------------------------- the solver

    def _use(self, fate: str, controlled: tuple[str, ...]) -> None:
        setting = (fate, tuple(controlled))
        if setting != self._setting:  # what was solved for other sides or fate does not carry over
            self._memo.clear()
            self._setting = setting
        live = self._live.get(setting[1])
        if live is None:
            live = self._live[setting[1]] = Liveness(self.scenario, setting[1])
        self._liveness = live

    def _analysis(self, first: str | None, result: Distribution, risk: float, started: float) -> Analysis:
        return Analysis(
            self.policy.name,
            first,
            result,
            risk,
            self.states_solved(),
            time.perf_counter() - started,
            result.categories(self.scenario),
        )

    def _batched(self, jobs: list[tuple[GameState | None, int]], fate: str) -> list[Distribution] | None:
        """Each job's distribution from the batched solver (batch.py): a job is (None, -1) for a new game,
        (state, -1) for a state, (state, i) for option number i (scenario order) taken at it. None when the
        setting is one the batched solver does not take: then solve state by state."""
        if not self.batch or not BatchSolver.supports(self.scenario, self.policy, fate, self._liveness):
            return None
        columns = columns_of(self._liveness)
        if columns is None:  # an expression the column compiler does not take
            return None
        assert self._setting is not None
        solver = BatchSolver(columns, self.policy, self._liveness, self._setting[1], self.row_limit)
        cancel = self.cancel
        if cancel is not None:

            def check() -> None:
                if cancel():
                    raise AnalysisCancelled("the analysis was cancelled")

            solver.check = check
        numbers = []
        for state, option in jobs:
            if state is None:
                numbers.append(solver.add_opening())
            elif option < 0:
                numbers.append(solver.add_state(state))
            else:
                numbers.append(solver.add_option(state, option))
        try:
            solver.solve()
        except (Unsupported, OutOfOrder):
            return None
        except RuleError as exc:
            raise AnalysisError(f"cannot analyse: {exc}") from None
        self._batch_states = solver.states
        ids = columns.ending_ids
        found = []
        for number in numbers:
            totals = solver.totals(number)
            endings = {ids[e]: float(p) for e, p in enumerate(totals.endings) if p != 0.0}
            nuclear = sum(p for e, p in endings.items() if e in self.nuclear_ids)
            found.append(Distribution(endings, nuclear, totals.hazard, totals.survival))
        return found

    def _advance(self, state: GameState, option: str) -> Callable[[], GameState]:
        advance = self.engine.advance

        def run() -> GameState:
            after = lean_copy(state)
            advance(after, option)
            return after

        return run

    def _key(self, state: GameState) -> _StateKey:
        resume = tuple(state.resume)
        values = state.values
        clock = state.clock
        ends = self._incident_end
        return (
            state.node,
            clock,
            resume,
            tuple([values[i] for i in self._liveness.slots(state.node, resume)]),
            tuple(sorted(i for i in state.considered if ends[i] >= clock)),  # incidents still ahead, already passed
        )

    def _solve(self, state: GameState) -> Distribution:
        if state.ended:
            end = self.scenario.nodes[state.node].id
            return Distribution({end: 1.0}, 1.0 if end in self.nuclear_ids else 0.0, 0.0, 1.0)
        key = self._key(state)
        known = self._memo.get(key)
        if known is not None:
            return known
        self._solved += 1
        if self.cancel is not None and self._solved % _CHECK_EVERY == 0 and self.cancel():
            raise AnalysisCancelled("the analysis was cancelled")
        result = Distribution(survival=0.0)
        try:
            odds = self.policy.odds(self.engine, state)
        except RuleError as exc:
            raise AnalysisError(f"cannot analyse: {exc}") from None
        for weight, option in odds:
            self._step(self._advance(state, option), weight, result, state.hazard_sum)
        self._memo[key] = result
        return result

    def _step(self, run: Callable[[], GameState], weight: float, into: Distribution, hazard_sum: float) -> None:
        """Add every way one step (`run`, from a state whose Σ hazards is `hazard_sum`) can turn out, with the
        catastrophe weighed in closed form."""
        # The ways control can be lost, gathered by what the catastrophe's course can read and by the flag of
        # the danger that escaped (P(flag | control lost): each term's share of the step's hazard, as the
        # engine draws it): a step's ways mostly lose control into the same few catastrophes, each then looked
        # up and added once rather than once per way and flag.
        # Per catastrophe: a state it starts from, and per cause flag [Σ weight, Σ weight × step hazard].
        lost: dict[_CatastropheBase, tuple[GameState, dict[int | None, list[float]]]] = {}
        solve = self._solve
        for p, after, hazard, causes in self.dice.outcomes(run, self.engine):
            if causes is None:  # nothing deferred: no danger, or a fate ('history') under which none escapes
                into.add(weight * p, after.hazard_sum - hazard_sum, solve(after))
                continue
            into.add(weight * p * (1 - hazard), hazard, solve(after))
            base = self._catastrophe_key(after)
            found = lost.get(base)
            if found is None:
                found = lost[base] = (after, {})
            flags = found[1]
            escaped = weight * p * hazard
            total = 0.0
            for h, _ in causes:
                total += h
            even = 1 / len(causes)  # every term zero: the engine draws the cause uniformly
            for h, slot in causes:
                share = h / total if total > 0 else even
                if share > 0:
                    w = escaped * share
                    sums = flags.get(slot)
                    if sums is None:
                        flags[slot] = [w, w * hazard]
                    else:
                        sums[0] += w
                        sums[1] += w * hazard
        for base, (state, flags) in lost.items():
            for slot, (w, w_hazard) in flags.items():
                into.gather(w, w_hazard, self._catastrophe(state, slot, base))

    def _catastrophe_key(self, state: GameState) -> _CatastropheBase:
        """What the catastrophe's course can depend on (the cause flag aside): the values it may read."""
        values = state.values
        escape = self._liveness.escape
        if escape is not None:  # it runs to an ending without the clock's dangers or incidents
            slots, timed = escape
            return (state.clock if timed else -1, tuple([values[i] for i in slots]), ())
        clock = state.clock
        ends = self._incident_end
        return (
            clock,
            tuple([values[i] for i in self._liveness.slots(self.scenario.catastrophe)]),
            tuple(sorted(i for i in state.considered if ends[i] >= clock)),
        )

    def _catastrophe(self, state: GameState, slot: int | None, base: _CatastropheBase) -> Distribution:
        """What follows once control is lost at the end of the step that left `state`, begun by `slot`'s
        danger (the flag is set first, so the key holds the slot rather than its value)."""
        key: _CatastropheKey = ("catastrophe", slot, base)
        known = self._memo.get(key)
        if known is not None:
            return known
        engine = self.engine

        def run() -> GameState:
            after = lean_copy(state)
            engine.escape(after, slot)
            return after

        result = Distribution(survival=0.0)
        # no step ends inside a catastrophe: nothing deferred
        for p, after, _, _ in self.dice.outcomes(run, self.engine, live=False, finish=False):
            result.add(p, 0.0, self._solve(after))
        self._memo[key] = result
        return result


# ------------------------------------------------------------------ functions for callers


def analyse(
    scenario: CompiledScenario,
    policy: str | Policy = "historical-dice",
    state: GameState | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Analysis:
    """The exact distribution of endings when `policy` plays, from the start (or from `state`)."""
    analyser = Analyser(scenario, policy, cancel)
    return analyser.from_start() if state is None else analyser.from_state(state)


def option_odds(
    scenario: CompiledScenario,
    state: GameState,
    policy: str | Policy = "historical-dice",
    cancel: Callable[[], bool] | None = None,
) -> list[OptionOdds]:
    """For each available option at `state`: what follows if it is taken, then `policy` plays on."""
    return Analyser(scenario, policy, cancel).option_odds(state)


def documented_state(scenario: CompiledScenario, node_id: str, policy: str | Policy = "historical-dice") -> GameState:
    """The state at `node_id` the first time the documented 1962 course reaches it (1962's choices by both
    sides, chance as it fell), set up for `policy`: its fate, and the sides it plays. The node must be a
    decision of a side the policy plays."""
    chosen = get_policy(scenario, policy)
    node = scenario.by_id.get(node_id)
    if node is None:
        decisions = [n.id for n in scenario.nodes if n.kind == "decision"]
        near = difflib.get_close_matches(node_id, decisions, n=3)
        guess = f" (did you mean {' or '.join(near)}?)" if near else ""
        raise AnalysisError(
            f"no node has the id '{excerpt(node_id, 40)}' in scenario '{scenario.id}'{guess}; the decisions of the "
            f"1962 course are listed by id in `python main.py simulate --policy historical --json` (its steps), "
            f"or give --save FILE to weigh the decision a saved game waits at"
        )
    if node.kind != "decision":
        article = "an" if node.kind[:1] in "aeiou" else "a"
        raise AnalysisError(f"'{node_id}' is {article} {node.kind} node, not a decision: give the id of a decision")
    sides = chosen.sides or (scenario.model.player,)
    if node.actor not in sides:
        raise AnalysisError(
            f"'{node_id}' is decided by {node.actor}, which policy '{chosen.name}' does not play "
            f"(it plays {', '.join(sides)}): give a decision of {' or '.join(sides)}"
        )
    engine = Engine(scenario)
    state = engine.new_game(seed=0, controlled=scenario.sides, fate="history", narrate=False)
    while not state.ended and engine.node(state).id != node_id:
        options = [o for o in engine.node(state).options if o.condition is None or o.condition(state.values)]
        if not options:
            raise AnalysisError(f"the documented course stops at a dead end, '{engine.node(state).id}'")
        engine.advance(state, next((o for o in options if o.historical), options[0]).id)
    if state.ended:
        raise AnalysisError(
            f"the documented 1962 course never reaches '{node_id}': give a decision on that course "
            f"(python main.py simulate --policy historical --json lists them)"
        )
    return lean_copy(state, fate=chosen.fate, controlled=sides)


def analyse_first_decision(scenario: CompiledScenario, policy: str | Policy = "historical-dice") -> list[Analysis]:
    """For each option of the first decision: the exact distribution if it is taken, then `policy` played.
    Needs an opening without dice (otherwise the first decision is not one state: use `option_odds`)."""
    chosen = get_policy(scenario, policy)
    probe = ClosedFormDice()
    engine = Engine(scenario, dice=probe)
    state = engine.new_game(seed=0, controlled=chosen.sides or (scenario.model.player,), fate=chosen.fate)
    if probe.alternatives or probe.hazard > 0:
        raise AnalysisError(
            "the opening of this scenario rolls dice, so its first decision can be reached in more than one "
            "state: analyse the whole game (python main.py analyse) or a decision on the documented course (--at NODE)"
        )
    if state.ended:
        raise AnalysisError("the scenario ends before any decision: there is nothing to weigh")
    analyser = Analyser(scenario, chosen)
    started = time.perf_counter()
    results = []
    for odds in analyser.option_odds(state):
        results.append(
            Analysis(
                chosen.name,
                odds.option,
                odds.result,
                state.risk,
                analyser.states_solved(),  # all options are solved together: the same figures for each
                time.perf_counter() - started,
                odds.categories,
            )
        )
    return results
