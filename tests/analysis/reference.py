"""A slow, plain reference for exact analysis: today's full-tree algorithm, kept only for the tests.

Every step is replayed for every way its dice can fall — the catastrophe included, no closed form —
on full copies of the state, and a state is remembered only under everything it holds (all values,
the risk among them). Nothing here is shared with the fast analyser except the engine, the policies
and the scripted dice.
"""

from __future__ import annotations

from game.analysis.branching import BranchingDice
from game.analysis.exact import Distribution
from game.analysis.policies import get_policy
from game.engine.engine import Engine
from game.engine.state import GameState
from game.scenario.compiled import CompiledScenario


class Reference:
    def __init__(self, scenario: CompiledScenario, policy: str):
        self.scenario = scenario
        self.policy = get_policy(scenario, policy)
        self.dice = BranchingDice()
        self.engine = Engine(scenario, dice=self.dice)
        self.memo: dict[tuple, Distribution] = {}
        self.nuclear = {n.id for n in scenario.nodes if n.kind == "ending" and n.category in scenario.catastrophic}

    def _outcomes(self, run) -> list[tuple[float, GameState, float]]:
        return [(o.probability, o.state, 0.0) for o in self.dice.outcomes(run)]

    def solve(self, state: GameState) -> Distribution:
        if state.ended:
            end = self.engine.node(state).id
            return Distribution({end: 1.0}, 1.0 if end in self.nuclear else 0.0, 0.0, 1.0)
        key = (state.node, state.clock, tuple(state.values), frozenset(state.considered), tuple(state.resume))
        if key in self.memo:
            return self.memo[key]
        result = Distribution(survival=0.0)
        for weight, option in self.policy.odds(self.engine, state):
            self.take(state, option, weight, result)
        self.memo[key] = result
        return result

    def take(self, state: GameState, option: str, weight: float, into: Distribution) -> None:
        def run() -> GameState:
            after = state.clone()
            self.engine.advance(after, option)
            return after

        for p, after, _ in self._outcomes(run):
            into.add(weight * p, after.hazard_sum - state.hazard_sum, self.solve(after))

    def from_start(self) -> Distribution:
        sides = self.policy.sides or (self.scenario.model.player,)
        result = Distribution(survival=0.0)
        for p, state, _ in self._outcomes(
            lambda: self.engine.new_game(seed=0, controlled=sides, fate=self.policy.fate, narrate=False)
        ):
            result.add(p, state.hazard_sum, self.solve(state))
        return result

    def option(self, state: GameState, option: str) -> Distribution:
        result = Distribution(survival=0.0)
        self.take(state, option, 1.0, result)
        return result


def max_difference(a: Distribution, b: Distribution) -> float:
    endings = set(a.endings) | set(b.endings)
    diffs = [abs(a.endings.get(e, 0.0) - b.endings.get(e, 0.0)) for e in endings]
    return max([*diffs, abs(a.nuclear - b.nuclear), abs(a.hazard - b.hazard), abs(a.survival - b.survival)])
