"""The sampled odds (the fallback where exact odds would hold too much) agree with the exact ones within their
margin, are the same every time, and refuse what cannot be weighed, in words."""

import math

import pytest

from game.analysis.exact import Analyser, AnalysisCancelled, documented_state
from game.analysis.policies import policies
from game.analysis.sampled import SampledOdds, sampled_option_odds
from game.engine.engine import Engine
from game.errors import AnalysisError
from tests.support import MINI, OCTOBER, scenario


def _close(sampled: SampledOdds, exact_categories: dict[str, float], exact_nuclear: float) -> None:
    """Every figure within four standard errors of the exact one (the seeds are fixed: this never flickers)."""
    n = sampled.plays
    for cat in set(sampled.categories) | set(exact_categories):
        p = exact_categories.get(cat, 0.0)
        bound = 4 * math.sqrt(p * (1 - p) / n) + 1 / n
        assert abs(sampled.categories.get(cat, 0.0) - p) <= bound, (sampled.option, cat)
    bound = 4 * math.sqrt(exact_nuclear * (1 - exact_nuclear) / n) + 1 / n
    assert abs(sampled.nuclear - exact_nuclear) <= bound, sampled.option


@pytest.mark.parametrize("policy", ["random", "historical-dice"])
def test_sampled_odds_agree_with_the_exact_ones_on_the_fixture(policy):
    sc = scenario(MINI)
    state = Engine(sc).new_game(seed=3, fate="dice", narrate=False)
    exact = Analyser(sc, policy).option_odds(state)
    sampled = sampled_option_odds(sc, state, policy, plays=3000)
    assert [s.option for s in sampled] == [e.option for e in exact]  # the options open, in scenario order
    for s, e in zip(sampled, exact):
        assert s.plays == 3000 and s.text == e.text and s.historical == e.historical
        assert abs(sum(s.categories.values()) - 1) < 1e-12
        assert s.nuclear == pytest.approx(sum(p for c, p in s.categories.items() if c in sc.catastrophic))
        _close(s, e.categories, e.nuclear)


def test_sampled_odds_agree_at_a_late_decision_of_october_1962():
    sc = scenario(OCTOBER)
    policy = policies(sc)["random"]
    state = documented_state(sc, "d27-evening", policy)
    exact = Analyser(sc, policy).option_odds(state)
    sampled = sampled_option_odds(sc, state, policy, plays=1500)
    assert [s.option for s in sampled] == [e.option for e in exact]
    for s, e in zip(sampled, exact):
        _close(s, e.categories, e.nuclear)
        assert 0 < s.margin < 0.05


def test_sampled_odds_are_the_same_every_time_and_leave_the_state_alone():
    sc = scenario(MINI)
    state = Engine(sc).new_game(seed=5, fate="dice", narrate=False)
    before = (list(state.values), state.node, state.clock, dict(state.draws), state.seed)
    first = sampled_option_odds(sc, state, "random", plays=200)
    again = sampled_option_odds(sc, state, "random", plays=200)
    assert first == again
    assert (list(state.values), state.node, state.clock, dict(state.draws), state.seed) == before
    assert [s.as_json()["plays"] for s in first] == [200] * len(first)


def test_the_margin_is_the_widest_95_percent_interval_of_the_figures_given():
    odds = SampledOdds("o", "text", False, 400, {"a": 0.5, "b": 0.5}, 0.1)
    assert odds.margin == pytest.approx(1.96 * math.sqrt(0.25 / 400))
    certain = SampledOdds("o", "text", False, 400, {"a": 1.0}, 0.0)
    assert certain.margin == 0.0


def test_sampled_odds_refuse_an_ending_nonsense_plays_and_stop_when_cancelled():
    sc = scenario(MINI)
    engine = Engine(sc)
    state = engine.new_game(seed=1, fate="dice", narrate=False)
    with pytest.raises(AnalysisError, match="at least 1"):
        sampled_option_odds(sc, state, "random", plays=0)
    with pytest.raises(AnalysisCancelled):
        sampled_option_odds(sc, state, "random", plays=500, cancel=lambda: True)
    while not state.ended:
        engine.advance(state, engine.available_ids(state)[0])
    with pytest.raises(AnalysisError, match="earlier point"):
        sampled_option_odds(sc, state, "random")


def test_two_batches_merged_are_the_one_batch_of_both_sizes():
    """The window refines an estimate batch by batch: 300 plays then 500 more must be the 800-play estimate."""
    from game.analysis.sampled import merged

    sc = scenario(MINI)
    state = Engine(sc).new_game(seed=3, fate="dice", narrate=False)
    whole = sampled_option_odds(sc, state, "random", plays=800)
    first = sampled_option_odds(sc, state, "random", plays=300)
    then = sampled_option_odds(sc, state, "random", plays=500, first_seed=300)
    for w, a, b in zip(whole, first, then, strict=True):
        m = merged(a, b)
        assert m.plays == 800 and m.option == w.option
        assert m.nuclear == pytest.approx(w.nuclear, abs=1e-12)
        assert set(k for k, v in m.categories.items() if v) == set(w.categories)
        for cat, p in w.categories.items():
            assert m.categories[cat] == pytest.approx(p, abs=1e-12)
        assert m.margin == pytest.approx(w.margin, abs=1e-12)
    with pytest.raises(AnalysisError, match="cannot merge"):
        merged(first[0], then[1])
