"""The rules: what may be chosen now and what follows, with the risk and its drivers; views by audience.

Public API (imported on first use): `Engine`, `GameState`, the results front ends read (`Step`,
`Event`, `RiskTerm`, `Change`, `ChoiceView`), and the views (`decision_view`, `step_view`,
`ViewSettings`).
"""

from __future__ import annotations

from game.scenario.lazy import lazy_attributes

__all__ = [
    "Change",
    "ChoiceView",
    "Engine",
    "Event",
    "GameState",
    "RiskTerm",
    "Step",
    "ViewSettings",
    "decision_view",
    "step_view",
]

_WHERE = {
    "Change": "game.engine.results",
    "ChoiceView": "game.engine.results",
    "Engine": "game.engine.engine",
    "Event": "game.engine.results",
    "GameState": "game.engine.state",
    "RiskTerm": "game.engine.results",
    "Step": "game.engine.results",
    "ViewSettings": "game.engine.views",
    "decision_view": "game.engine.views",
    "step_view": "game.engine.views",
}

__getattr__ = lazy_attributes("game.engine", _WHERE)
