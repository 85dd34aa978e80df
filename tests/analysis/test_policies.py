"""The automatic players, defined once: names from the scenario, exact odds, sampling from those odds."""

import random

import pytest

from game.analysis.exact import documented_state
from game.analysis.policies import BUILT_IN, get_policy, policies, policy_names, sample
from game.engine.engine import Engine
from game.errors import AnalysisError
from tests.support import MINI, OCTOBER, scenario


def test_the_scenarios_strategies_are_policies():
    sc = scenario(OCTOBER)
    assert policy_names(sc) == [*BUILT_IN, *sc.model.strategies]
    force = get_policy(sc, "force")
    assert force.prefer == tuple(sc.model.strategies["force"].prefer)
    # The fixture declares no strategies, so it offers only the built-in policies.
    assert policy_names(scenario(MINI)) == list(BUILT_IN)


def test_an_unknown_policy_names_the_ones_that_exist():
    with pytest.raises(AnalysisError) as err:
        get_policy(scenario(OCTOBER), "clairvoyant")
    assert all(name in str(err.value) for name in policy_names(scenario(OCTOBER)))


@pytest.mark.parametrize("node", ["d27-evening", "d28-reply", "d16-photos"])
def test_odds_are_a_distribution_over_available_options_in_scenario_order(node):
    sc = scenario(OCTOBER)
    eng = Engine(sc)
    for name, policy in policies(sc).items():
        state = documented_state(sc, node, policy)
        odds = policy.odds(eng, state)
        ids = eng.available_ids(state)
        assert sum(p for p, _ in odds) == pytest.approx(1)
        assert [o for _, o in odds] == [i for i in ids if i in {o for _, o in odds}], name


def test_historical_dice_is_uniform_where_1962_made_no_choice():
    sc = scenario(OCTOBER)
    eng = Engine(sc)
    policy = get_policy(sc, "historical-dice")
    state = documented_state(sc, "d27-evening", policy)
    (only,) = policy.odds(eng, state)
    assert only[0] == 1.0 and next(o for o in sc.by_id["d27-evening"].options if o.id == only[1]).historical
    checked = 0
    for node in sc.nodes:
        if node.kind != "decision" or node.actor != "us" or any(o.historical for o in node.options):
            continue
        state.node = node.index  # only the options' conditions are read, against this state's values
        ids = eng.available_ids(state)
        if len(ids) < 2:
            continue
        odds = policy.odds(eng, state)
        assert [o for _, o in odds] == ids and all(p == pytest.approx(1 / len(ids)) for p, _ in odds)
        checked += 1
    assert checked


def test_sampling_draws_from_the_same_odds():
    odds = [(0.2, "a"), (0.5, "b"), (0.3, "c")]
    rng = random.Random(5)
    counts = {"a": 0, "b": 0, "c": 0}
    for _ in range(20_000):
        counts[sample(odds, rng.random())] += 1
    for p, option in odds:
        assert abs(counts[option] / 20_000 - p) < 4.5 * (p * (1 - p) / 20_000) ** 0.5
    assert sample(odds, 0.999999999) == "c" and sample(odds, 0.0) == "a"
