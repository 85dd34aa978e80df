"""Scenario content in: YAML read safely, validated by pydantic models, compiled for the engine.

Public API (imported on first use, so that importing a submodule stays cheap):
`load` (a bundled id or a path), `load_scenario`, `parse_scenario`, `CompiledScenario`,
`Scenario` (the format's model), `ScenarioError` and `Problem`, and `check_graph` (static checks).
"""

from __future__ import annotations

from game.scenario.lazy import lazy_attributes

__all__ = [
    "CompiledScenario",
    "Problem",
    "Scenario",
    "ScenarioError",
    "check_graph",
    "load",
    "load_scenario",
    "parse_scenario",
]

_WHERE = {
    "CompiledScenario": "game.scenario.compiled",
    "Problem": "game.scenario.errors",
    "Scenario": "game.scenario.models",
    "ScenarioError": "game.scenario.errors",
    "check_graph": "game.scenario.validate",
    "load": "game.scenario.catalog",
    "load_scenario": "game.scenario.loader",
    "parse_scenario": "game.scenario.loader",
}

__getattr__ = lazy_attributes("game.scenario", _WHERE)
