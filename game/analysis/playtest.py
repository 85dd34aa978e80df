"""Checks that play the scenario, above the engine: dead ends found by random playthroughs, and the
documented 1962 course reaching the historical ending inside the scenario's risk band.

`validate` runs the scenario layer's static graph checks first, then these; the command line and the
tests call it.
"""

from __future__ import annotations

import random

from game.analysis.documented import documented_path
from game.analysis.policies import available, get_policy
from game.engine.engine import Engine
from game.errors import RuleError
from game.scenario.compiled import CompiledScenario
from game.scenario.errors import Problem
from game.scenario.validate import ProblemCollector, check_graph


def check_play(sc: CompiledScenario, runs: int = 400, seed: int = 0) -> list[Problem]:
    """Dynamic checks by playing: dead ends, the documented path and its risk band."""
    out = ProblemCollector(sc)
    engine = Engine(sc)
    walk = get_policy(sc, "random")  # the same random player that simulations use
    rng = random.Random(seed)
    stuck: set[str] = set()
    failures: dict[str, str] = {}
    for run in range(runs):
        state = None
        try:
            state = walk.new_game(engine, seed + run, narrate=True)
            while not state.ended:
                try:
                    available(engine, state)
                except RuleError:
                    stuck.add(engine.node(state).id)
                    break
                engine.choose(state, walk.pick(engine, state, rng.random()))  # narrated: exercises the text too
        except RuleError as exc:
            failures.setdefault(str(exc), engine.node(state).id if state is not None else sc.nodes[sc.start].id)
    for node_id in sorted(stuck):
        out.node(
            sc.by_id[node_id],
            "options",
            "every option was unavailable in a reachable state (a dead end)",
            "add an option with no condition, or loosen the conditions",
        )
    for message, node_id in failures.items():
        out.node(sc.by_id[node_id], "", f"play failed: {message}", "fix the scenario so play can go on")
    # The documented course.
    try:
        state = documented_path(engine)
    except RuleError as exc:
        out.top(
            ("nodes",),
            "nodes",
            f"the documented path cannot be played: {exc}",
            "mark the option taken in 1962 'historical: true' on each decision of the path",
        )
        return out.items
    end = engine.node(state)
    has_historical = any(n.kind == "ending" and n.category == "historical" for n in sc.nodes)
    if has_historical and end.category != "historical":
        out.node(
            end,
            "category",
            "the documented path (historical options and outcomes) ends here, not at the historical ending",
            "mark the 1962 choices and outcomes 'historical: true'",
        )
    low, high = sc.model.risk.band
    if not low <= state.risk <= high:
        out.top(
            ("risk", "band"),
            "risk.band",
            f"the documented path ends with cumulative risk {state.risk:.1%}, outside the band {low:.0%}–{high:.0%}",
            "retune the drivers and shocks, or justify a new band in risk.calibration",
        )
    return out.items


def validate(sc: CompiledScenario, runs: int = 400) -> list[Problem]:
    """Every check, static then by playing; an empty list means the scenario is valid."""
    problems = check_graph(sc)
    if not problems:  # playing a broken graph would only repeat the same problems
        problems = check_play(sc, runs=runs)
    return problems
