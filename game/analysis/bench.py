"""Benchmarks of the core: `python -m game.analysis.bench [--scenario ID|PATH] [--runs N] [--budget S]`.

Prints figures, asserts nothing: scenario load time, validation time, random playthroughs per second in
one process (best of three) and with the default number of workers, exact analysis time per policy from
the start (median of `--repeat` runs, with the states solved), per-option odds time at every decision
of the documented course (slowest and median) per policy, and the sampled odds the window falls back on.
Times are wall-clock, with CPU seconds beside them: on a shared machine the CPU figure is the steadier one.
An analysis that runs past `--budget` seconds is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

from game.analysis.batch import AnalysisTooLarge
from game.analysis.documented import documented_path
from game.analysis.exact import Analyser, AnalysisCancelled, documented_state
from game.analysis.playtest import validate
from game.analysis.policies import policies
from game.analysis.sampled import PLAYS, sampled_option_odds
from game.analysis.simulate import default_jobs, simulate_many, summarise
from game.engine.engine import Engine
from game.scenario.catalog import resolve
from game.scenario.loader import load_scenario

T = TypeVar("T")


def _timed(fn: Callable[[], T], repeat: int = 5) -> tuple[float, T]:
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result  # repeat is at least 1 wherever this is called


def _deadline(budget: float) -> Callable[[], bool]:
    stop = time.perf_counter() + budget
    return lambda: time.perf_counter() > stop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default=None)
    parser.add_argument("--runs", type=int, default=20_000)
    parser.add_argument("--budget", type=float, default=10.0, help="seconds allowed to one exact analysis")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each whole-scenario analysis (median)")
    parser.add_argument("--skip-exact", action="store_true", help="only load, validate and simulate")
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
    one = simulate_many(scenario, "random", args.runs, jobs=1)
    print(f"random playthroughs, --jobs 1: {one['playthroughs_per_second']:,.0f} per second over {args.runs:,}")
    result = simulate_many(scenario, "random", args.runs)
    print(
        f"random playthroughs, default ({default_jobs(args.runs)} of {os.cpu_count()} cores): "
        f"{result['playthroughs_per_second']:,.0f} per second over {args.runs:,}"
    )
    print(
        f"coverage: nodes {result['coverage']['nodes']:.1%}, options {result['coverage']['options']:.1%}, "
        f"incidents {result['coverage']['incidents']:.1%}; endings reached {len(result['endings'])}"
    )
    if args.skip_exact:
        return 0
    print(
        f"exact analysis from the start (median of {args.repeat}; wall and CPU seconds, the machine may be shared; "
        f"stopped after {args.budget:g} s):"
    )
    for name in policies(scenario):
        walls: list[float] = []
        cpus: list[float] = []
        try:
            for _ in range(args.repeat):
                start, cpu = time.perf_counter(), time.process_time()
                analysis = Analyser(scenario, name, cancel=_deadline(args.budget)).from_start()
                walls.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
            r = analysis.result
            print(
                f"  {name:16} {statistics.median(walls):8.3f} s  (CPU {statistics.median(cpus):7.3f} s)  "
                f"{analysis.states:7,} states  P(nuclear) {r.nuclear:.4f} = E[ΣH] {r.hazard:.4f}"
            )
        except AnalysisCancelled:
            print(f"  {name:16} > {args.budget:g} s (stopped)")
        except AnalysisTooLarge as exc:
            print(f"  {name:16} too large: {exc}")
    decisions = [p.node for p in documented_path(engine).path if p.kind == "decision"]
    print(f"per-option odds at each decision of the documented course ({len(decisions)} decisions):")
    for name, policy in policies(scenario).items():
        sides = policy.sides or (scenario.model.player,)
        times: list[float] = []
        option_cpus: list[float] = []
        stopped = 0
        slowest = ""
        for node in decisions:
            if scenario.by_id[node].actor not in sides:
                continue
            state = documented_state(scenario, node, policy)
            start, cpu = time.perf_counter(), time.process_time()
            try:
                Analyser(scenario, policy, cancel=_deadline(args.budget)).option_odds(state)
                took = time.perf_counter() - start
            except (AnalysisCancelled, AnalysisTooLarge):
                took, stopped = float("inf"), stopped + 1
            option_cpus.append(time.process_time() - cpu)
            if not times or took > max(times):
                slowest = node
            times.append(took)
        if not times:
            continue
        worst = "stopped" if max(times) == float("inf") else f"{max(times):.3f} s"
        median = statistics.median(times)
        median_text = "stopped" if median == float("inf") else f"{median:.3f} s"
        print(
            f"  {name:16} {len(times):2} decisions  median {median_text:>9}  slowest {worst:>9} ({slowest})"
            f"  CPU median {statistics.median(option_cpus):.3f} s"
            + (f"  {stopped} stopped (past {args.budget:g} s, or too many states)" if stopped else "")
        )
    # the window's fallback where exact odds would hold too many states: estimates by sampling
    first = decisions[0] if decisions else None
    if first is not None and "random" in policies(scenario):
        state = documented_state(scenario, first, "random")
        start, cpu = time.perf_counter(), time.process_time()
        sampled = sampled_option_odds(scenario, state, "random")
        print(
            f"sampled odds at {first} under random ({PLAYS:,} plays per option, {len(sampled)} options): "
            f"{time.perf_counter() - start:.2f} s (CPU {time.process_time() - cpu:.2f} s), widest 95% margin "
            f"±{max(o.margin for o in sampled) * 100:.1f} points"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
