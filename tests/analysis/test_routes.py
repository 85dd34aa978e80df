"""Every road through the story has its days: no route is a short cut."""

from __future__ import annotations

from pathlib import Path

from game.analysis.routes import count_routes
from game.engine.engine import Engine
from game.scenario.loader import load_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "october-1962.yaml"


def test_every_first_move_played_as_1962_would_runs_at_least_ten_decisions():
    """Whatever the player does on 16 October, then taking the documented choice wherever there is one,
    the story runs through the same days: at least ten decisions."""
    routes = count_routes(Engine(load_scenario(SCENARIO)), seeds=6)
    historical = {r.first: r for r in routes if r.policy == "historical"}
    assert set(historical) == {"deliberate", "strike-fast", "go-public", "accept"}
    short = {first: r.low for first, r in historical.items() if r.low < 10 and first != "strike-fast"}
    assert not short, f"routes shorter than ten decisions: {short}"
    # A strike may end early only because Moscow answers in Berlin, an ending of its own.
    strike = historical["strike-fast"]
    assert all(n >= 10 or end == "end-berlin-crisis" for n, end in zip(strike.decisions, strike.endings, strict=True))
