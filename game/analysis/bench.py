"""Benchmarks of the core: `python -m game.analysis.bench [--scenario ID|PATH] [--runs N]`.

Prints figures, asserts nothing: scenario load time, validation time, and random
playthroughs per second in one process (best of three) and across all cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from game.analysis.simulate import simulate_many, summarise
from game.engine.engine import Engine
from game.scenario.catalog import resolve
from game.scenario.loader import load_scenario
from game.scenario.validate import validate


def _timed(fn, repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default=None)
    parser.add_argument("--runs", type=int, default=20_000)
    args = parser.parse_args(argv)
    path = resolve(args.scenario)
    load_s, scenario = _timed(lambda: load_scenario(path))
    print(f"scenario: {path} ({len(scenario.nodes)} nodes, {len(scenario.incidents)} incidents)")
    print(f"load + validate schema + compile: {load_s * 1000:.0f} ms (median of 5)")
    validate_s, problems = _timed(lambda: validate(scenario), repeat=3)
    print(
        f"validate (graph + 400 random plays + documented path): {validate_s * 1000:.0f} ms, {len(problems)} problems"
    )
    engine = Engine(scenario)
    n = max(1, args.runs // 4)
    best = min(_timed(lambda: summarise(engine, "random", range(n)), repeat=1)[0] for _ in range(3))
    print(f"random playthroughs, one process: {n / best:,.0f} per second (best of 3 × {n:,})")
    result = simulate_many(scenario, "random", args.runs)
    print(
        f"random playthroughs, {result['jobs']} processes ({os.cpu_count()} cores): "
        f"{result['playthroughs_per_second']:,.0f} per second over {args.runs:,}"
    )
    print(
        f"coverage: nodes {result['coverage']['nodes']:.1%}, options {result['coverage']['options']:.1%}, "
        f"incidents {result['coverage']['incidents']:.1%}; endings reached {len(result['endings'])}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
