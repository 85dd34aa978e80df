"""A game played without narration (as simulations play), replayed with it, so it can be reported."""

from __future__ import annotations

from game.engine.engine import Engine
from game.engine.state import GameState
from game.errors import RuleError


def narrated(engine: Engine, state: GameState) -> GameState:
    """The same history with every step recorded: the same seed, fate, sides and decisions, replayed."""
    again = engine.new_game(seed=state.seed, controlled=state.controlled, fate=state.fate)
    for _node, option in state.decisions:
        engine.choose(again, option)
    if again.path != state.path:  # determinism says this cannot happen; say so rather than report another game
        raise RuleError("replaying the game's decisions gave a different history; report this as a bug")
    return again
