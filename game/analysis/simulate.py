"""Play many games automatically: endings, mean risk, coverage, speed.

The policies (who decides for the sides people would play) are defined once, in `policies.py`, and
sampled here from the same distributions the exact analysis follows: `historical`, `historical-dice`,
`random`, and the scenario's own strategies (e.g. force, diplomacy, passive).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TypedDict

from game.analysis.policies import Policy, get_policy, sample
from game.engine.engine import Engine
from game.engine.state import GameState
from game.scenario.compiled import CompiledScenario, datetime_of

# Below this many runs per worker, starting processes costs more than it saves.
RUNS_PER_WORKER = 5_000


class StepJson(TypedDict):
    date: str
    time: str
    node: str
    choice: str
    by: str
    risk: float


class EndingJson(TypedDict):
    id: str
    title: str
    category: str
    historical: bool


class RunJson(TypedDict):
    """What `simulate` prints for a single run."""

    scenario: str
    seed: int
    policy: str
    ending: EndingJson
    risk: float
    steps: list[StepJson]


class CoverageJson(TypedDict):
    nodes: float
    options: float
    incidents: float
    unvisited_nodes: list[str]


class SimulationJson(TypedDict):
    """What `simulate` prints for several runs."""

    scenario: str
    policy: str
    runs: int
    endings: dict[str, int]
    mean_risk: float
    coverage: CoverageJson
    playthroughs_per_second: float | None
    seconds: float
    jobs: int


@dataclass
class Playthrough:
    seed: int
    state: GameState


@dataclass
class Summary:
    runs: int
    endings: Counter[str] = field(default_factory=Counter)
    risk_sum: float = 0.0
    nodes: set[str] = field(default_factory=set)
    options: set[tuple[str, str]] = field(default_factory=set)
    incidents: set[str] = field(default_factory=set)
    seconds: float = 0.0

    def merge(self, other: Summary) -> None:
        self.endings.update(other.endings)
        self.risk_sum += other.risk_sum
        self.nodes |= other.nodes
        self.options |= other.options
        self.incidents |= other.incidents


def play(engine: Engine, policy: str | Policy, seed: int) -> GameState:
    """One complete game under `policy` (a name or a Policy), deterministic in `seed`."""
    chosen = get_policy(engine.scenario, policy)
    state = chosen.new_game(engine, seed)
    rng = None if chosen.deterministic() else random.Random(seed)
    while not state.ended:
        odds = chosen.odds(engine, state)
        engine.advance(state, odds[0][1] if len(odds) == 1 else sample(odds, rng.random()))  # type: ignore[union-attr]
    return state


def play_from(engine: Engine, policy: str | Policy, state: GameState, seed: int, first: str | None = None) -> GameState:
    """Play on from a copy of `state` to the end, with the dice (and the policy's choices) seeded by `seed`;
    the policy plays the sides `state` leaves to people, after option `first` if one is given. Sampling's
    counterpart of exact.Analyser.from_state (and, with `first`, of its option odds)."""
    chosen = get_policy(engine.scenario, policy)
    state = state.clone()
    state.seed = seed
    state.draws.clear()
    rng = None if chosen.deterministic() else random.Random(seed)
    if first is not None:
        engine.advance(state, first)
    while not state.ended:
        odds = chosen.odds(engine, state)
        engine.advance(state, odds[0][1] if len(odds) == 1 else sample(odds, rng.random()))  # type: ignore[union-attr]
    return state


def one_run_json(engine: Engine, policy: str | Policy, seed: int) -> RunJson:
    """The JSON object `simulate` prints for a single run."""
    chosen = get_policy(engine.scenario, policy)
    state = play(engine, chosen, seed)
    end = engine.node(state)
    steps: list[StepJson] = [
        {
            "date": f"{datetime_of(p.when):%Y-%m-%d}",
            "time": f"{datetime_of(p.when):%H:%M}",
            "node": p.node,
            "choice": p.choice,
            "by": p.by,
            "risk": round(p.risk, 6),
        }
        for p in state.path
        if p.kind == "decision"
    ]
    return {
        "scenario": engine.scenario.id,
        "seed": seed,
        "policy": chosen.name,
        "ending": {
            "id": end.id,
            "title": end.title,
            "category": end.category,
            "historical": end.category == "historical",
        },
        "risk": round(state.risk, 6),
        "steps": steps,
    }


# A forked worker inherits the parent's compiled scenario here instead of loading the YAML again.
_inherited: CompiledScenario | None = None


def _batch(args: tuple[str, Policy, range]) -> Summary:
    path, policy, seeds = args
    scenario = _inherited
    if scenario is None or scenario.path != path:  # a spawned worker (no fork): load it
        from game.scenario.catalog import load

        scenario = load(path)
    return summarise(Engine(scenario), policy, seeds)


def summarise(engine: Engine, policy: str | Policy, seeds: range) -> Summary:
    chosen = get_policy(engine.scenario, policy)
    summary = Summary(runs=len(seeds))
    nodes, options, endings, incidents = summary.nodes, summary.options, summary.endings, summary.incidents
    for seed in seeds:
        state = play(engine, chosen, seed)
        endings[engine.node(state).id] += 1
        summary.risk_sum += state.risk
        for entry in state.path:
            if entry.kind == "incident":
                incidents.add(entry.node)
                continue
            nodes.add(entry.node)
            if entry.kind == "decision":
                options.add((entry.node, entry.choice))
    return summary


def default_jobs(runs: int) -> int:
    """Worker processes for `runs` games: one per idle core, and only where each has enough to do.

    Workers that compete with other programs for the cores are slower than one process, so the cores
    other work keeps busy (the load average, this process aside) are not counted.
    """
    cores = os.cpu_count() or 1
    try:
        busy = max(0.0, os.getloadavg()[0] - 1)  # this process is one of the running ones
    except (AttributeError, OSError):  # no load average (Windows)
        busy = 0.0
    idle = int(cores - busy + 0.5)
    return max(1, min(cores, idle, runs // RUNS_PER_WORKER))


def simulate_many(
    scenario: CompiledScenario, policy: str | Policy, runs: int, seed: int = 0, jobs: int | None = None
) -> SimulationJson:
    """Run `runs` games (seeds seed..seed+runs-1), across processes when it pays; returns the JSON summary."""
    global _inherited
    chosen = get_policy(scenario, policy)
    jobs = default_jobs(runs) if jobs is None else max(1, min(jobs, runs))
    start = time.perf_counter()
    if jobs == 1:
        total = summarise(Engine(scenario), chosen, range(seed, seed + runs))
    else:
        bounds = [seed + runs * k // jobs for k in range(jobs + 1)]
        chunks = [(scenario.path, chosen, range(bounds[k], bounds[k + 1])) for k in range(jobs)]
        total = Summary(runs=runs)
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        _inherited = scenario
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                for part in pool.map(_batch, chunks):
                    total.merge(part)
        finally:
            _inherited = None
    seconds = time.perf_counter() - start
    all_options = {(n.id, o.id) for n in scenario.nodes if n.kind == "decision" for o in n.options}
    unvisited = sorted(n.id for n in scenario.nodes if n.id not in total.nodes)
    return {
        "scenario": scenario.id,
        "policy": chosen.name,
        "runs": runs,
        "endings": dict(sorted(total.endings.items(), key=lambda kv: (-kv[1], kv[0]))),
        "mean_risk": round(total.risk_sum / runs, 6) if runs else 0.0,
        "coverage": {
            "nodes": round(len(total.nodes) / len(scenario.nodes), 4),
            "options": round(len(total.options & all_options) / len(all_options), 4) if all_options else 1.0,
            "incidents": round(len(total.incidents) / len(scenario.incidents), 4) if scenario.incidents else 1.0,
            "unvisited_nodes": unvisited,
        },
        "playthroughs_per_second": round(runs / seconds, 1) if seconds > 0 else None,
        "seconds": round(seconds, 3),
        "jobs": jobs,
    }
