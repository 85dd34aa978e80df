"""How long is each route? Player decisions per route, so that no road through the story is a short cut.

A route starts with one option of the first decision and goes on by a way of playing: the 1962 choice
wherever it is on offer (else the first option in scenario order), or one of the scenario's strategies
(by the options' tags). The other sides follow the record where it exists and their weights elsewhere;
nothing escapes control (fate 'history'), so a route is measured to its end rather than to a catastrophe.

    python -m game.analysis.routes [SCENARIO] [--seeds N]
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from game.engine.engine import Engine
from game.engine.results import ChoiceView
from game.engine.state import GameState

Pick = Callable[[list[ChoiceView]], ChoiceView]


@dataclass(frozen=True)
class RouteCount:
    first: str  # the first decision's option
    policy: str  # 'historical' or a strategy id
    decisions: tuple[int, ...]  # player decisions per seed
    endings: tuple[str, ...]  # the ending node each seed reached

    @property
    def low(self) -> int:
        return min(self.decisions)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.decisions)


def _historical(options: list[ChoiceView]) -> ChoiceView:
    return next((c for c in options if c.historical), options[0])


def _by_tags(prefer: tuple[str, ...]) -> Pick:
    def pick(options: list[ChoiceView]) -> ChoiceView:
        for tag in prefer:
            for c in options:
                if tag in c.tags:
                    return c
        return _historical(options)

    return pick


def play_route(engine: Engine, first: str, pick: Pick, seed: int) -> tuple[int, str]:
    """(player decisions, ending id) of one game that opens with `first` and goes on by `pick`."""
    state: GameState = engine.new_game(seed=seed, fate="history")
    engine.choose(state, first)
    count = 1
    while not state.ended:
        options = [c for c in engine.choices(state, in_scenario_order=True) if c.available]
        engine.choose(state, pick(options).id)
        count += 1
    return count, engine.node(state).id


def count_routes(engine: Engine, seeds: int = 20) -> list[RouteCount]:
    """Every (first option, way of playing) route, measured over `seeds` games."""
    policies: dict[str, Pick] = {"historical": _historical}
    for sid, strategy in engine.scenario.model.strategies.items():
        policies[sid] = _by_tags(tuple(strategy.prefer))
    start = engine.new_game(seed=0, fate="history")
    firsts = [c.id for c in engine.choices(start, in_scenario_order=True) if c.available]
    out = []
    for first in firsts:
        for name, pick in policies.items():
            runs = [play_route(engine, first, pick, seed) for seed in range(seeds)]
            out.append(RouteCount(first, name, tuple(n for n, _ in runs), tuple(e for _, e in runs)))
    return out


def main(argv: list[str] | None = None) -> None:
    from game.scenario.catalog import bundled_paths
    from game.scenario.loader import load_scenario

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?")
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args(argv)
    engine = Engine(load_scenario(args.scenario or bundled_paths()[0]))
    print(f"{'first option':<22} {'then':<11} {'fewest':>6} {'mean':>6} {'most':>5}  endings")
    for r in count_routes(engine, args.seeds):
        endings = ", ".join(sorted(set(r.endings)))
        print(f"{r.first:<22} {r.policy:<11} {r.low:>6} {r.mean:>6.1f} {max(r.decisions):>5}  {endings}")


if __name__ == "__main__":
    main()
