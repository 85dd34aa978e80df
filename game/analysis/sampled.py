"""The odds of every option by sampling: the fallback where exact analysis would hold too many states.

Exact odds (exact.py) follow every branch of chance; for a policy that may take any option early in a long
scenario that is millions of states, more than a window can hold. Then the next best is to play each option
on a fixed number of times and count how the games end. The seeds are 0…plays-1 for every option (the same
dice for each, so that their differences owe less to luck), which makes the estimate the same every time.
Each figure comes with its 95% margin, so a front end can say how far it may be from the exact one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from game.analysis.branching import lean_copy
from game.analysis.exact import AnalysisCancelled
from game.analysis.policies import Policy, available, get_policy
from game.analysis.simulate import play_from
from game.engine.engine import Engine
from game.engine.state import GameState
from game.errors import AnalysisError
from game.scenario.compiled import CompiledScenario

PLAYS = 2000  # games per option: the widest 95% margin is then about ±2.2 points
_Z95 = 1.96


@dataclass(frozen=True)
class SampledOdds:
    """How often each ending category followed when `option` was taken and play went on by the policy."""

    option: str
    text: str
    historical: bool
    plays: int
    categories: dict[str, float]  # ending category -> share of the plays
    nuclear: float  # share of the plays that ended in nuclear use

    @property
    def margin(self) -> float:
        """The widest 95% margin (normal approximation) of any figure given: categories and nuclear use."""
        shares = [*self.categories.values(), self.nuclear]
        return max(_Z95 * math.sqrt(p * (1 - p) / self.plays) for p in shares) if self.plays else 1.0

    def as_json(self) -> dict[str, object]:
        return {
            "option": self.option,
            "text": self.text,
            "historical": self.historical,
            "plays": self.plays,
            "categories": {k: round(v, 6) for k, v in sorted(self.categories.items(), key=lambda kv: -kv[1])},
            "p_nuclear": round(self.nuclear, 6),
            "margin_95": round(self.margin, 6),
        }


def sampled_option_odds(
    scenario: CompiledScenario,
    state: GameState,
    policy: str | Policy,
    plays: int = PLAYS,
    cancel: Callable[[], bool] | None = None,
    first_seed: int = 0,
) -> list[SampledOdds]:
    """For each option open at `state`'s decision (scenario order): `plays` games with it taken first and
    `policy` playing on, the dice falling as they may; deterministic for the same state, policy and plays.
    The seeds are `first_seed`…`first_seed + plays - 1`: a later batch begins where an earlier one ended, so
    that the two together are the estimate one batch of both sizes would give (`merged`)."""
    if state.ended:
        raise AnalysisError("the game has ended: there is no decision to weigh; choose an earlier point")
    if plays < 1:
        raise AnalysisError(f"plays must be at least 1 (got {plays})")
    chosen = get_policy(scenario, policy)
    engine = Engine(scenario, paths=False)
    start = lean_copy(state, fate="dice")
    catastrophic = scenario.catastrophic
    found: list[SampledOdds] = []
    for option in available(engine, start):
        counts: Counter[str] = Counter()
        for seed in range(first_seed, first_seed + plays):
            if cancel is not None and seed % 64 == 0 and cancel():
                raise AnalysisCancelled("stopped before the sampled odds were done")
            counts[engine.node(play_from(engine, chosen, start, seed, option.id)).category] += 1
        nuclear = sum(n for cat, n in counts.items() if cat in catastrophic)
        found.append(
            SampledOdds(
                option.id,
                option.text,
                option.historical,
                plays,
                {cat: n / plays for cat, n in counts.items()},
                nuclear / plays,
            )
        )
    return found


def merged(earlier: SampledOdds, later: SampledOdds) -> SampledOdds:
    """Two batches of plays of one option as one estimate: each share weighted by its batch's plays."""
    if earlier.option != later.option:
        raise AnalysisError(f"cannot merge the plays of '{earlier.option}' with those of '{later.option}'")
    plays = earlier.plays + later.plays
    cats = set(earlier.categories) | set(later.categories)

    def pooled(a: float, b: float) -> float:
        return (a * earlier.plays + b * later.plays) / plays

    categories = {c: pooled(earlier.categories.get(c, 0.0), later.categories.get(c, 0.0)) for c in cats}
    return SampledOdds(
        earlier.option,
        earlier.text,
        earlier.historical,
        plays,
        categories,
        pooled(earlier.nuclear, later.nuclear),
    )
