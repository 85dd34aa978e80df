"""Exact analysis and sampling describe the same policies: their ending shares agree within sampling error.

The policies are defined once (policies.py); sampling draws from the same distributions the analysis
follows. Checked for every policy of the real scenario — from the start where the exact analysis is quick,
and from a decision of the documented course for the policies whose whole tree is large.
"""

import pytest

from game.analysis.exact import analyse, documented_state
from game.analysis.policies import policy_names
from game.analysis.simulate import play_from, simulate_many
from game.engine.engine import Engine
from tests.support import OCTOBER, scenario

RUNS = 3000
FROM_START = {"historical", "historical-dice", "force", "passive", "diplomacy"}
FROM = "d27-u2"  # for the others: a Black Saturday decision on the documented course


def _agree(exact: dict[str, float], counts: dict[str, int], runs: int) -> None:
    for ending in set(exact) | set(counts):
        p = exact.get(ending, 0.0)
        share = counts.get(ending, 0) / runs
        # 4.5 binomial standard errors, plus one run's worth for the rarest endings.
        assert abs(share - p) <= 4.5 * (p * (1 - p) / runs) ** 0.5 + 1 / runs, (ending, share, p)


@pytest.mark.parametrize("policy", policy_names(scenario(OCTOBER)))
def test_exact_and_sampled_odds_agree(policy):
    sc = scenario(OCTOBER)
    if policy in FROM_START:
        exact = analyse(sc, policy).result.endings
        counts = simulate_many(sc, policy, RUNS, seed=1, jobs=1)["endings"]
    else:
        state = documented_state(sc, FROM, policy)
        exact = analyse(sc, policy, state=state).result.endings
        eng = Engine(sc)
        counts: dict[str, int] = {}
        for seed in range(RUNS):
            end = eng.node(play_from(eng, policy, state, seed)).id
            counts[end] = counts.get(end, 0) + 1
    assert sum(counts.values()) == RUNS
    _agree(exact, counts, RUNS)


def test_the_check_can_fail():
    """The tolerance is not so loose that a different policy would pass."""
    sc = scenario(OCTOBER)
    exact = analyse(sc, "force").result.endings
    counts = simulate_many(sc, "passive", RUNS, seed=1, jobs=1)["endings"]
    with pytest.raises(AssertionError):
        _agree(exact, counts, RUNS)
