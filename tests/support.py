"""Shared helpers for the core tests (the UI tests keep theirs in tests/ui)."""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

from game.engine.engine import Engine
from game.engine.state import GameState
from game.scenario.catalog import SCENARIO_DIR
from game.scenario.compiled import CompiledScenario
from game.scenario.loader import load_scenario

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"
OCTOBER = SCENARIO_DIR / "october-1962.yaml"
# October 1962 as version 1.0.0 (the first release, format 1), frozen: the v1 save fixtures and the
# determinism digests were written against it, and a history is only the same for the same version.
OCTOBER_1_0 = FIXTURES / "october-1962-1.0.0.yaml"


@lru_cache(maxsize=4)
def scenario(path: Path) -> CompiledScenario:
    return load_scenario(path)


def engine(path: Path = MINI) -> Engine:
    return Engine(scenario(path))


def play_random(eng: Engine, seed: int, picks: list[int] | None = None, **new_game) -> GameState:
    """Play to the end; `picks` chooses among available options in turn (then a seeded RNG)."""
    rng = random.Random(seed)
    state = eng.new_game(seed=seed, **new_game)
    turn = 0
    while not state.ended:
        ids = eng.available_ids(state)
        k = picks[turn] if picks and turn < len(picks) else rng.randrange(len(ids))
        eng.choose(state, ids[k % len(ids)])
        turn += 1
    return state


def round_trip(eng: Engine, state: GameState) -> GameState:
    """`state` saved (format 2) and read back: the session of its decisions, through JSON, replayed."""
    import json

    from game.session import Decide, GameConfig, Session, dump_session, load_session

    session = Session(
        eng, GameConfig(state.scenario_id, state.scenario_version, state.seed, state.fate, state.controlled)
    )
    for node, option in state.decisions:
        session.apply(Decide(node=node, option=option))
    return load_session(eng, json.loads(json.dumps(dump_session(session)))).state
