"""Exact outcome distributions: every branch of chance followed, none sampled.

Every roll of the dice in the engine goes through `Engine._chance` and
`Engine._choice`. `_Branching` answers them from a script instead and notes the
answers it did not give, so replaying one step under each noted script yields
every way that step can turn out, with its probability. Working forward one
step at a time from copies of the state, and remembering states already solved
(the future depends only on the state, not on how it was reached), gives the
exact distribution of endings for a way of playing.

Because a step's hazard H is the chance that it escapes control given the game
got that far, P(nuclear ending) = E[Σ H] exactly; `check` reports both.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from game.analysis.policies import STRATEGIES
from game.engine.engine import Engine
from game.engine.state import GameState
from game.errors import RuleError
from game.scenario.compiled import SLOT_RISK, CompiledScenario

NUCLEAR = ("limited-nuclear", "general-nuclear")


class _Branching(Engine):
    """An engine whose dice follow a script, recording the branches not taken."""

    def begin(self, script: list[int]) -> None:
        self.script = script
        self.position = 0
        self.probability = 1.0
        self.alternatives: list[list[int]] = []

    def _branch(self, probabilities: list[float]) -> int:
        if sum(probabilities) <= 0:  # as dice.pick does: all-zero weights mean a uniform choice
            probabilities = [1 / len(probabilities)] * len(probabilities)
        if self.position < len(self.script):
            pick = self.script[self.position]
        else:
            live = [i for i, p in enumerate(probabilities) if p > 0]
            pick = live[0]
            prefix = self.script[: self.position]
            self.alternatives.extend([*prefix, other] for other in live[1:])
            self.script.append(pick)
        self.position += 1
        self.probability *= probabilities[pick]
        return pick

    def _chance(self, state: GameState, key: str, p: float) -> bool:
        if p <= 0:
            return False
        if p >= 1:
            return True
        return self._branch([p, 1 - p]) == 0

    def _choice(self, state: GameState, key: str, weights: list[float]) -> int:
        total = sum(weights)
        return self._branch([w / total for w in weights] if total > 0 else [1.0] * len(weights))

    def outcomes(self, state: GameState, option_id: str) -> list[tuple[float, GameState]]:
        """Every way taking `option_id` in `state` can turn out, with its probability."""
        results = []
        pending: list[list[int]] = [[]]
        while pending:
            self.begin(pending.pop())
            after = state.clone()
            self.advance(after, option_id)
            pending.extend(self.alternatives)
            results.append((self.probability, after))
        return results


# A policy says how the US plays: a list of (probability, option id) for the decision at hand.
Policy = Callable[[Engine, GameState], list[tuple[float, str]]]


def documented_or_first(engine: Engine, state: GameState) -> list[tuple[float, str]]:
    """The 1962 choice where the scenario has one, else the first available option."""
    options = [c for c in engine.choices(state, in_scenario_order=True) if c.available]
    return [(1.0, next((c for c in options if c.historical), options[0]).id)]


def strategy(tags: tuple[str, ...]) -> Policy:
    def choose(engine: Engine, state: GameState) -> list[tuple[float, str]]:
        options = [c for c in engine.choices(state, in_scenario_order=True) if c.available]
        for tag in tags:
            for c in options:
                if tag in c.tags:
                    return [(1.0, c.id)]
        return [(1.0, next((c for c in options if c.historical), options[0]).id)]

    return choose


def uniform(engine: Engine, state: GameState) -> list[tuple[float, str]]:
    ids = engine.available_ids(state)
    return [(1 / len(ids), i) for i in ids]


POLICY_FUNCTIONS: dict[str, Policy] = {
    "historical-dice": documented_or_first,
    "random": uniform,
    **{name: strategy(tags) for name, tags in STRATEGIES.items()},
}


@dataclass
class Distribution:
    """What follows from a state: ending probabilities and the risk figures' expectations."""

    endings: dict[str, float] = field(default_factory=dict)
    nuclear: float = 0.0  # P(a nuclear ending)
    hazard: float = 0.0  # E[Σ step hazards from here]: equals `nuclear` when the model is honest
    survival: float = 1.0  # E[Π (1 - H)]: the mean final risk is 1 - survival × (1 - risk so far)

    def add(self, weight: float, step_hazard: float, rest: Distribution) -> None:
        for ending, p in rest.endings.items():
            self.endings[ending] = self.endings.get(ending, 0.0) + weight * p
        self.nuclear += weight * rest.nuclear
        self.hazard += weight * (step_hazard + rest.hazard)
        self.survival += weight * (1 - step_hazard) * rest.survival


@dataclass
class Analysis:
    policy: str
    first: str | None
    result: Distribution
    start_risk: float
    states: int
    seconds: float

    def as_json(self) -> dict:
        r = self.result
        return {
            "policy": self.policy,
            "first_choice": self.first,
            "endings": {k: round(v, 9) for k, v in sorted(r.endings.items(), key=lambda kv: -kv[1])},
            "p_nuclear": round(r.nuclear, 9),
            "expected_hazard": round(r.hazard, 9),
            "mean_risk": round(1 - r.survival * (1 - self.start_risk), 9),
            "states": self.states,
            "seconds": round(self.seconds, 3),
        }


class _Solver:
    def __init__(self, scenario: CompiledScenario, policy: Policy):
        self.engine = _Branching(scenario)
        self.policy = policy
        self.memo: dict[tuple, Distribution] = {}
        self.nuclear_ids = {n.id for n in scenario.nodes if n.kind == "ending" and n.category in NUCLEAR}
        # The cumulative risk is part of the state only if some expression reads it.
        self.keep_risk = "risk" in scenario.used_names

    def key(self, state: GameState) -> tuple:
        values = state.values if self.keep_risk else [*state.values[:SLOT_RISK], *state.values[SLOT_RISK + 1 :]]
        return (state.node, state.clock, tuple(values), frozenset(state.considered), tuple(state.resume))

    def solve(self, state: GameState) -> Distribution:
        if state.ended:
            end = self.engine.node(state).id
            return Distribution({end: 1.0}, 1.0 if end in self.nuclear_ids else 0.0, 0.0, 1.0)
        key = self.key(state)
        known = self.memo.get(key)
        if known is not None:
            return known
        result = Distribution(survival=0.0)
        for weight, option in self.policy(self.engine, state):
            self.take(state, option, weight, result)
        self.memo[key] = result
        return result

    def take(self, state: GameState, option: str, weight: float, into: Distribution) -> None:
        for p, after in self.engine.outcomes(state, option):
            step_hazard = after.hazard_sum - state.hazard_sum
            into.add(weight * p, step_hazard, self.solve(after))


def analyse(scenario: CompiledScenario, policy: str = "historical-dice", first: str | None = None) -> Analysis:
    """The exact distribution when the US plays `policy` from the start (after taking `first`, if given)."""
    if policy not in POLICY_FUNCTIONS:
        raise ValueError(f"no exact analysis for policy '{policy}' (choose from {', '.join(POLICY_FUNCTIONS)})")
    solver = _Solver(scenario, POLICY_FUNCTIONS[policy])
    start = time.perf_counter()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))  # one frame per decision on the deepest path
    try:
        solver.engine.begin([])
        state = solver.engine.new_game(seed=0, narrate=False)
        if solver.engine.alternatives:
            raise RuleError(
                "the opening of this scenario rolls dice before the first decision; exact analysis "
                "starts from a fixed first decision"
            )
        if first is None:
            result = solver.solve(state)
        else:
            result = Distribution(survival=0.0)
            solver.take(state, first, 1.0, result)
    finally:
        sys.setrecursionlimit(limit)
    return Analysis(policy, first, result, state.risk, len(solver.memo), time.perf_counter() - start)


def analyse_first_decision(scenario: CompiledScenario, policy: str = "historical-dice") -> list[Analysis]:
    """For each option of the first decision: the exact distribution if it is taken, then `policy` played."""
    engine = Engine(scenario)
    state = engine.new_game(seed=0)
    if state.ended:
        raise RuleError("the scenario ends before any decision")
    return [analyse(scenario, policy, first=c.id) for c in engine.choices(state, in_scenario_order=True) if c.available]
