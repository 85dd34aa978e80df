"""Games for the report tests: the documented course as a player plays it, and one that departs from it."""

from __future__ import annotations

from functools import lru_cache

from game.analysis.documented import documented_path
from game.engine.engine import Engine
from game.engine.state import GameState
from tests.support import OCTOBER, scenario

DEPARTING_SEED = 665164120


@lru_cache(maxsize=1)
def october() -> Engine:
    return Engine(scenario(OCTOBER))


@lru_cache(maxsize=2)
def documented(eng: Engine) -> GameState:
    return documented_path(eng)


def as_played(eng: Engine, seed: int, depart: int = 0, fate: str = "dice") -> GameState:
    """The player takes the last option on screen at the first `depart` decisions, then 1962's wherever
    it is open (else the first open option) — as a person at the keyboard would."""
    state = eng.new_game(seed=seed, fate=fate)
    turn = 0
    while not state.ended:
        shown = eng.choices(state)
        open_ = [c for c in shown if c.available]
        if turn < depart and shown[-1].available:
            pick = shown[-1]
        else:
            pick = next((c for c in open_ if c.historical), open_[0])
        eng.choose(state, pick.id)
        turn += 1
    return state
