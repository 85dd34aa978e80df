"""Every road through the story has its days: no route is a short cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis.routes import count_routes
from game.engine.engine import Engine
from game.scenario.loader import load_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "october-1962.yaml"


@pytest.fixture(scope="module")
def routes():
    return count_routes(Engine(load_scenario(SCENARIO)), seeds=12)


def test_the_routes_start_with_every_first_move_and_every_way_of_playing(routes):
    firsts = {r.first for r in routes}
    assert firsts == {"deliberate", "strike-fast", "go-public", "accept"}
    assert {r.policy for r in routes} == {"historical", "force", "diplomacy", "passive"}
    assert len(routes) == len(firsts) * 4


def test_every_route_that_does_not_end_in_catastrophe_runs_at_least_ten_decisions(routes):
    """Issue 11: at least ten decisions on every major route, whatever the player does on 16 October and
    however Moscow answers (the seeds vary the other sides where the record is silent). Routes are measured
    with fate 'history', so none ends in catastrophe."""
    short = {
        (r.first, r.policy, seed, end): n
        for r in routes
        for seed, (n, end) in enumerate(zip(r.decisions, r.endings, strict=True))
        if n < 10
    }
    assert not short, f"routes shorter than ten decisions: {short}"


def test_strike_now_reaches_every_ending_its_branches_promise(routes):
    """The strike-now road forks on Moscow's answer: a withdrawal, Berlin, an invasion; each runs its days."""
    strike = [r for r in routes if r.first == "strike-fast"]
    endings = {e for r in strike for e in r.endings}
    assert {"end-strike-stopped", "end-berlin-crisis", "end-invasion"} <= endings
