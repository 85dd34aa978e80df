"""How long is each route? Player decisions per route, so that no road through the story is a short cut.

A route starts with one option of the first decision and goes on by a way of playing: the 1962 choice
wherever it is on offer (else the first option in scenario order), or one of the scenario's strategies
(by the options' tags). The other sides follow the record where it exists and their weights elsewhere;
nothing escapes control (fate 'history'), so a route is measured to its end rather than to a catastrophe.
A route may also be forced through one option further on (`via`: the secret ultimatum at 20 October).

`--walks N` adds what the routes cannot see, players who change course on the way: N random games (the
player's options uniform, the other sides and chance rolling their dice), and the number of player decisions
in each game that does not end in catastrophe.

    python -m game.analysis.routes [SCENARIO] [--seeds N] [--walks N]
"""

from __future__ import annotations

import argparse
import random
import statistics
from collections import Counter
from collections.abc import Callable, Mapping
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
    through: tuple[frozenset[str], ...] = ()  # the decision nodes each seed's game passed

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


def play_route(
    engine: Engine, first: str, pick: Pick, seed: int, via: Mapping[str, str] | None = None
) -> tuple[int, str, frozenset[str]]:
    """(player decisions, ending id, decision nodes passed) of one game that opens with `first` and goes on
    by `pick`, except that at a node named in `via` its option is taken when it is available."""
    state: GameState = engine.new_game(seed=seed, fate="history")
    passed = {engine.node(state).id}
    engine.choose(state, first)
    count = 1
    while not state.ended:
        node = engine.node(state).id
        passed.add(node)
        options = [c for c in engine.choices(state, in_scenario_order=True) if c.available]
        forced = (via or {}).get(node)
        chosen = next((c for c in options if c.id == forced), None) or pick(options)
        engine.choose(state, chosen.id)
        count += 1
    return count, engine.node(state).id, frozenset(passed)


def count_routes(engine: Engine, seeds: int = 20, via: Mapping[str, str] | None = None) -> list[RouteCount]:
    """Every (first option, way of playing) route, measured over `seeds` games (forced through `via`)."""
    policies: dict[str, Pick] = {"historical": _historical}
    for sid, strategy in engine.scenario.model.strategies.items():
        policies[sid] = _by_tags(tuple(strategy.prefer))
    start = engine.new_game(seed=0, fate="history")
    firsts = [c.id for c in engine.choices(start, in_scenario_order=True) if c.available]
    out = []
    for first in firsts:
        for name, pick in policies.items():
            runs = [play_route(engine, first, pick, seed, via) for seed in range(seeds)]
            out.append(
                RouteCount(
                    first, name, tuple(n for n, _, _ in runs), tuple(e for _, e, _ in runs), tuple(p for *_, p in runs)
                )
            )
    return out


def random_walks(engine: Engine, runs: int, seed: int = 0) -> Counter[int]:
    """Player decisions per game, over `runs` random games (game seeds seed, seed + 1, ...; the player's options
    drawn uniformly in scenario order by one generator seeded `seed`), counting only the games that do not end
    in catastrophe."""
    rng = random.Random(seed)
    catastrophic = engine.scenario.catastrophic
    counts: Counter[int] = Counter()
    for run in range(runs):
        state = engine.new_game(seed=seed + run, narrate=False)
        n = 0
        while not state.ended:
            options = [c for c in engine.choices(state, in_scenario_order=True) if c.available]
            engine.advance(state, rng.choice(options).id)
            n += 1
        if engine.node(state).category not in catastrophic:
            counts[n] += 1
    return counts


def main(argv: list[str] | None = None) -> None:
    from game.scenario.catalog import bundled_paths
    from game.scenario.loader import load_scenario

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?")
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--walks", type=int, default=0, help="also count decisions in N random games")
    args = parser.parse_args(argv)
    engine = Engine(load_scenario(args.scenario or bundled_paths()[0]))
    print(f"{'first option':<22} {'then':<11} {'fewest':>6} {'mean':>6} {'most':>5}  endings")
    for r in count_routes(engine, args.seeds):
        endings = ", ".join(sorted(set(r.endings)))
        print(f"{r.first:<22} {r.policy:<11} {r.low:>6} {r.mean:>6.1f} {max(r.decisions):>5}  {endings}")
    if args.walks:
        counts = random_walks(engine, args.walks)
        games = sum(counts.values())
        short = sum(k for n, k in counts.items() if n < 10)
        print(f"\n{args.walks} random games, {games} not ending in catastrophe; {short} of them under 10 decisions")
        print("decisions: " + ", ".join(f"{n}: {k}" for n, k in sorted(counts.items())))


if __name__ == "__main__":
    main()
