"""Dice that follow every branch: how one step of the engine can turn out, with each probability.

`BranchingDice` is handed to the engine (`Engine(scenario, dice=...)`). Rather than rolling, it
answers each draw from a script (a list of branch indices) and notes the branches it did not take;
running the step again under each noted script yields every way the step can turn out — the catastrophe
included, which makes it the plain reference the tests compare with. `ClosedFormDice` also defers the
end-of-step catastrophe (see `game.engine.dice.Dice`): the step is run once for the case where control
holds, and the hazard and its causes are reported for the caller to weigh, instead of re-running the
whole step for every way control can be lost (nine replays in ten, before). `ForkingDice`, which exact
analysis uses, also branches at the draw: it copies the state and the step's log where the engine draws
and goes on from each copy with another answer (`Engine.resume`), so a step's shared beginning runs once
instead of once for every way its end can fall (about four runs per step on the 1962 scenario, before).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from game.engine.state import GameState

if TYPE_CHECKING:
    from game.engine.engine import DrawPoint, Engine, _StepLog


class Outcome(NamedTuple):
    probability: float
    state: GameState
    hazard: float  # the step hazard the dice were told of (0 when not deferred or none)
    causes: list[tuple[float, int | None]] | None  # (term hazard, cause flag slot) per term, when deferred


class _Draws:
    """A draw of chance or choice as a branch over its probabilities: `_branch` says which way this run goes."""

    __slots__ = ()

    def _branch(self, probabilities: list[float]) -> int:
        raise NotImplementedError

    def chance(self, state: GameState, key: str, p: float) -> bool:
        if p <= 0:
            return False
        if p >= 1:
            return True
        return self._branch([p, 1 - p]) == 0

    def choice(self, state: GameState, key: str, weights: list[float]) -> int:
        total = sum(weights)
        if total > 0:
            return self._branch([w / total for w in weights])
        n = len(weights)  # all-zero weights: a uniform choice, as the engine's own dice make it
        return self._branch([1 / n] * n)


class BranchingDice(_Draws):
    """Scripted dice for one analysis (one thread): not shared, no global state."""

    __slots__ = ("alternatives", "causes", "hazard", "position", "probability", "script")

    def __init__(self) -> None:
        self.begin([])

    def begin(self, script: list[int]) -> None:
        self.script = script
        self.position = 0
        self.probability = 1.0
        self.alternatives: list[list[int]] = []
        self.hazard = 0.0
        self.causes: list[tuple[float, int | None]] | None = None

    def _branch(self, probabilities: list[float]) -> int:
        position = self.position
        if position < len(self.script):
            pick = self.script[position]
        else:
            live = [i for i, p in enumerate(probabilities) if p > 0]
            pick = live[0]
            if len(live) > 1:
                prefix = self.script[:position]
                self.alternatives.extend([*prefix, other] for other in live[1:])
            self.script.append(pick)
        self.position = position + 1
        self.probability *= probabilities[pick]
        return pick

    def outcomes(self, run: Callable[[], GameState]) -> list[Outcome]:
        """Every way `run` (one engine step on a fresh copy of a state) can turn out."""
        results = []
        pending: list[list[int]] = [[]]
        while pending:
            self.begin(pending.pop())
            after = run()
            pending.extend(self.alternatives)
            results.append(Outcome(self.probability, after, self.hazard, self.causes))
        return results


class ClosedFormDice(BranchingDice):
    """Branching dice that leave the end-of-step catastrophe to the caller (`Outcome.hazard`, `.causes`)."""

    __slots__ = ()

    def defer_catastrophe(self, state: GameState, hazard: float, causes: list[tuple[float, int | None]]) -> None:
        self.hazard = hazard
        self.causes = causes


def lean_copy(state: GameState, fate: str | None = None, controlled: tuple[str, ...] | None = None) -> GameState:
    """A copy carrying only what the future depends on (no path, steps, decisions or draw counts)."""
    return GameState(
        state.scenario_id,
        state.scenario_version,
        state.seed,
        state.fate if fate is None else fate,
        state.controlled if controlled is None else controlled,
        state.node,
        state.clock,
        list(state.values),
        state.survival,
        state.hazard_sum,
        set(state.considered),
        [],
        list(state.resume),
        {},
        [],
        [],
        [],
        state.ended,
    )


class ForkingDice(_Draws):
    """Dice that branch at the draw: the first way is taken, and each other way is noted with a copy of the
    state and the step's log as they were then; `outcomes` goes on from each copy (`Engine.resume`) instead
    of replaying the step from its start. The catastrophe is left to the caller, as `ClosedFormDice` does.
    One analysis (one thread) each: not shared, no global state."""

    __slots__ = ("_at", "causes", "hazard", "pending", "probability")

    def __init__(self) -> None:
        self._at: tuple[GameState, _StepLog, DrawPoint] | None = None
        self.pending: list[tuple[float, GameState, _StepLog, DrawPoint, int]] = []
        self.probability = 1.0
        self.hazard = 0.0
        self.causes: list[tuple[float, int | None]] | None = None

    def fork(self, state: GameState, log: _StepLog, point: DrawPoint) -> None:
        self._at = (state, log, point)

    def _branch(self, probabilities: list[float]) -> int:
        live = [i for i, p in enumerate(probabilities) if p > 0]
        pick = live[0]
        if len(live) > 1:
            at = self._at
            assert at is not None, "the engine draws without telling the dice where (Engine.resume needs it)"
            state, log, point = at
            for other in live[1:]:
                self.pending.append(
                    (self.probability * probabilities[other], lean_copy(state), log.copy(), point, other)
                )
        self.probability *= probabilities[pick]
        return pick

    def defer_catastrophe(self, state: GameState, hazard: float, causes: list[tuple[float, int | None]]) -> None:
        self.hazard = hazard
        self.causes = causes

    def outcomes(
        self, run: Callable[[], GameState], engine: Engine, live: bool = True, finish: bool = True
    ) -> list[Outcome]:
        """Every way `run` (one engine step on a fresh copy of a state, or an escape: `live` and `finish` as
        `Engine.resume` takes them) can turn out."""
        self.pending = []
        self.probability, self.hazard, self.causes = 1.0, 0.0, None
        first = run()
        results = [Outcome(self.probability, first, self.hazard, self.causes)]
        pending = self.pending
        while pending:
            p, state, log, point, answer = pending.pop()
            self.probability, self.hazard, self.causes = p, 0.0, None
            engine.resume(state, log, point, answer, live, finish)
            results.append(Outcome(self.probability, state, self.hazard, self.causes))
        self._at = None
        return results
