"""Exact analysis: every branch followed; the risk figure's meaning checked without sampling."""

import pytest

from game.analysis.exact import analyse, analyse_first_decision
from game.analysis.simulate import simulate_many
from tests.support import MINI, OCTOBER, scenario


@pytest.mark.parametrize("policy", ["historical-dice", "random", "force"])
def test_fixture_distribution_is_complete_and_the_risk_means_what_it_says(policy):
    result = analyse(scenario(MINI), policy).as_json()
    assert sum(result["endings"].values()) == pytest.approx(1, abs=1e-8)  # each rounded to 9 places
    # P(nuclear ending) is exactly the expected sum of step hazards: the model's promise.
    assert result["p_nuclear"] == pytest.approx(result["expected_hazard"], abs=1e-9)
    assert 0 < result["mean_risk"] <= result["p_nuclear"] + 1e-12


def test_exact_agrees_with_sampling():
    exact = analyse(scenario(MINI), "random").as_json()
    sampled = simulate_many(scenario(MINI), "random", runs=20_000, seed=1, jobs=1)
    for ending, p in exact["endings"].items():
        share = sampled["endings"].get(ending, 0) / 20_000
        assert abs(share - p) < 4 * (p * (1 - p) / 20_000) ** 0.5 + 1e-3, ending


def test_first_decision_breakdown_covers_every_available_option():
    results = analyse_first_decision(scenario(MINI))
    assert [a.first for a in results] == ["strike", "blockade", "wait"]
    strike, blockade, wait = (a.as_json() for a in results)
    assert strike["p_nuclear"] > blockade["p_nuclear"] > wait["p_nuclear"]
    assert wait["endings"] == {"end-weak": 1.0}


@pytest.mark.parametrize("policy", ["force", "passive"])
def test_real_scenario_exact_figures(policy):
    result = analyse(scenario(OCTOBER), policy).as_json()
    assert sum(result["endings"].values()) == pytest.approx(1, abs=1e-8)  # each rounded to 9 places
    assert result["p_nuclear"] == pytest.approx(result["expected_hazard"], abs=1e-9)
    if policy == "force":
        assert result["p_nuclear"] > 0.4
    else:
        assert result["p_nuclear"] < 0.01
