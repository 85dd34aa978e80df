"""Play many games automatically: endings, mean risk, coverage, speed.

Policies decide for the sides people would play:
- historical: the documented 1962 course (historical options and outcomes, fate 'history').
- random: a uniformly random available option; chance and the other side roll the dice.
- historical-dice: the 1962 choices, but chance rolls the dice — how often would
  Kennedy's and Khrushchev's decisions have come through with other luck?
- force / diplomacy / passive: a consistent strategy, by the tags of the options
  (see STRATEGIES); where no option fits, the 1962 choice.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from game.analysis.policies import POLICIES, STRATEGIES
from game.engine.engine import Engine
from game.engine.state import GameState
from game.errors import RuleError
from game.scenario.compiled import CompiledScenario, datetime_of


@dataclass
class Playthrough:
    seed: int
    state: GameState


@dataclass
class Summary:
    runs: int
    endings: Counter = field(default_factory=Counter)
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


def play(engine: Engine, policy: str, seed: int) -> GameState:
    """One complete game under `policy`, deterministic in `seed`."""
    if policy == "historical":
        from game.analysis.documented import documented_path

        return documented_path(engine, seed)
    if policy == "historical-dice":
        # Kennedy's documented choices where they exist; Moscow, chance and incidents roll the dice.
        rng = random.Random(seed)
        state = engine.new_game(seed=seed, fate="dice")
        while not state.ended:
            options = [c for c in engine.choices(state, in_scenario_order=True) if c.available]
            if not options:
                raise RuleError(f"dead end at '{engine.node(state).id}': no option is available")
            pick = next((c for c in options if c.historical), None) or options[int(rng.random() * len(options))]
            engine.choose(state, pick.id)
        return state
    if policy in STRATEGIES:
        return _play_strategy(engine, STRATEGIES[policy], seed)
    if policy != "random":
        raise ValueError(f"unknown policy '{policy}' (choose from {', '.join(POLICIES)})")
    rng = random.Random(seed)
    state = engine.new_game(seed=seed, narrate=False)
    while not state.ended:
        ids = engine.available_ids(state)
        if not ids:
            raise RuleError(f"dead end at '{engine.node(state).id}': no option is available")
        engine.advance(state, ids[int(rng.random() * len(ids))])
    return state


def _play_strategy(engine: Engine, tags: tuple[str, ...], seed: int) -> GameState:
    state = engine.new_game(seed=seed, narrate=False)
    while not state.ended:
        options = [c for c in engine.choices(state, in_scenario_order=True) if c.available]
        if not options:
            raise RuleError(f"dead end at '{engine.node(state).id}': no option is available")
        pick = None
        for tag in tags:
            pick = next((c for c in options if tag in c.tags), None)
            if pick:
                break
        pick = pick or next((c for c in options if c.historical), options[0])
        engine.advance(state, pick.id)
    return state


def one_run_json(engine: Engine, policy: str, seed: int) -> dict:
    """The JSON object `simulate` prints for a single run."""
    state = play(engine, policy, seed)
    end = engine.node(state)
    steps = [
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
        "policy": policy,
        "ending": {
            "id": end.id,
            "title": end.title,
            "category": end.category,
            "historical": end.category == "historical",
        },
        "risk": round(state.risk, 6),
        "steps": steps,
    }


def _batch(args: tuple) -> Summary:
    path, policy, seeds = args
    from game.scenario.catalog import load

    return summarise(Engine(load(path)), policy, seeds)


def summarise(engine: Engine, policy: str, seeds: range) -> Summary:
    summary = Summary(runs=len(seeds))
    nodes, options, endings, incidents = summary.nodes, summary.options, summary.endings, summary.incidents
    for seed in seeds:
        state = play(engine, policy, seed)
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


def simulate_many(scenario: CompiledScenario, policy: str, runs: int, seed: int = 0, jobs: int | None = None) -> dict:
    """Run `runs` games (seeds seed..seed+runs-1), across processes when it pays; returns the JSON summary."""
    jobs = jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, runs // 2000 or 1))
    start = time.perf_counter()
    if jobs == 1:
        total = summarise(Engine(scenario), policy, range(seed, seed + runs))
    else:
        bounds = [seed + runs * k // jobs for k in range(jobs + 1)]
        chunks = [(scenario.path, policy, range(bounds[k], bounds[k + 1])) for k in range(jobs)]
        total = Summary(runs=runs)
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for part in pool.map(_batch, chunks):
                total.merge(part)
    seconds = time.perf_counter() - start
    all_options = {(n.id, o.id) for n in scenario.nodes if n.kind == "decision" for o in n.options}
    unvisited = sorted(n.id for n in scenario.nodes if n.id not in total.nodes)
    return {
        "scenario": scenario.id,
        "policy": policy,
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
