"""The documented 1962 course, played through the engine, for comparison."""

from __future__ import annotations

from game.engine.engine import Engine
from game.engine.state import GameState
from game.errors import RuleError


def documented_path(engine: Engine, seed: int = 0) -> GameState:
    """Play the historical option at every decision, with fate fixed to what happened in 1962."""
    state = engine.new_game(seed=seed, controlled=engine.scenario.sides, fate="history")
    while not state.ended:
        choices = [c for c in engine.choices(state, in_scenario_order=True) if c.available]
        if not choices:
            raise RuleError(f"dead end at '{engine.node(state).id}': no option is available")
        pick = next((c for c in choices if c.historical), choices[0])
        engine.choose(state, pick.id)
    return state


def historical_choice(engine: Engine, node_id: str) -> tuple[str, str] | None:
    """(option id, option text) of the documented choice at a decision node, if it has one."""
    node = engine.scenario.by_id.get(node_id)
    if node is None:
        return None
    for opt in node.options:
        if opt.historical:
            return opt.id, opt.text
    return None
