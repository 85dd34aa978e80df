"""Same choices, other luck: a history's decisions replayed with other seeds, and how often each ending follows.

Where another seed's dice lead to a decision the history never met, the history's choice at that decision
node is not known; the 1962 choice is taken there (else the first open option), as `historical-dice` does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from game.engine.engine import Engine

__all__ = ["Luck", "other_luck"]


@dataclass(frozen=True)
class Luck:
    runs: int
    categories: dict[str, int]  # ending category -> games
    same_course: int  # games in which every decision of the history was met and taken as it was
    mean_risk: float


def other_luck(engine: Engine, choices: list[tuple[str, str]], seeds: range, controlled: tuple[str, ...]) -> Luck:
    """Play `choices` ((decision node, option), in order) again with each of `seeds`, the dice falling as they may."""
    wanted = dict(choices)
    counts: Counter[str] = Counter()
    same = 0
    risk = 0.0
    for seed in seeds:
        state = engine.new_game(seed=seed, controlled=controlled, fate="dice", narrate=False)
        followed = True
        while not state.ended:
            node = engine.node(state)
            ids = engine.available_ids(state)
            pick = wanted.get(node.id)
            if pick not in ids:
                followed = False
                hist = next((o.id for o in node.options if o.historical and o.id in ids), None)
                pick = hist or ids[0]
            engine.advance(state, pick)
        counts[engine.node(state).category] += 1
        same += followed and len(state.decisions) == len(choices)
        risk += state.risk
    n = max(1, len(seeds))
    return Luck(len(seeds), dict(counts), same, risk / n)
