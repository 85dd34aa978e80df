"""Exact analysis: equal to the plain full-tree reference, internally consistent, and usable from any state."""

import threading

import pytest

from game.analysis.branching import BranchingDice
from game.analysis.exact import (
    Analyser,
    AnalysisCancelled,
    Distribution,
    analyse,
    analyse_first_decision,
    documented_state,
    option_odds,
)
from game.analysis.policies import policy_names
from game.engine.engine import Engine
from game.errors import AnalysisError
from game.scenario.loader import parse_scenario
from tests.analysis.reference import Reference, max_difference
from tests.support import MINI, OCTOBER, scenario

EXACT = 1e-12
MINI_POLICIES = policy_names(scenario(MINI))
OCTOBER_POLICIES = policy_names(scenario(OCTOBER))
# Late decisions of the documented course, where the plain reference finishes quickly for every policy.
LATE = ["d27-evening", "d28-reply", "d-nov-il28"]


def _opening_dice_text() -> str:
    """The fixture with a chance node before its first decision (which also lets danger accrue)."""
    text = MINI.read_text()
    text = text.replace("start: d1\n", "start: opening\n", 1)
    opening = """  - id: opening
    kind: chance
    when: "1962-10-14T10:00"
    title: Who saw the photographs first
    outcomes:
      - {id: quiet, chance: "0.7", next: d1}
      - {id: leak, chance: rest, effects: ["tension += 2"], risk: [{label: A leak, hazard: "0.05"}], next: d1}
"""
    return text.replace("nodes:\n", "nodes:\n" + opening, 1)


def _identity_holds(d: Distribution, policy: str = "") -> None:
    assert sum(d.endings.values()) == pytest.approx(1, abs=1e-12)
    if policy == "historical":  # fate 'history': the danger is reported, but nothing escapes control
        assert d.nuclear == 0
        return
    # P(nuclear ending) is exactly the expected sum of step hazards: the model's promise.
    assert d.nuclear == pytest.approx(d.hazard, abs=1e-12)


@pytest.mark.parametrize("policy", MINI_POLICIES)
def test_fixture_equals_the_plain_reference_for_every_policy(policy):
    fast = analyse(scenario(MINI), policy).result
    slow = Reference(scenario(MINI), policy).from_start()
    assert max_difference(fast, slow) < EXACT
    _identity_holds(fast, policy)


@pytest.mark.parametrize("policy", ["historical", "force", "passive"])
def test_real_scenario_from_the_start_equals_the_plain_reference(policy):
    fast = analyse(scenario(OCTOBER), policy).result
    slow = Reference(scenario(OCTOBER), policy).from_start()
    assert max_difference(fast, slow) < EXACT
    _identity_holds(fast, policy)


@pytest.mark.parametrize("policy", OCTOBER_POLICIES)
@pytest.mark.parametrize("node", LATE)
def test_option_odds_equal_the_plain_reference_at_late_decisions(policy, node):
    sc = scenario(OCTOBER)
    state = documented_state(sc, node, policy)
    reference = Reference(sc, policy)
    odds = option_odds(sc, state, policy)
    assert odds, node
    for o in odds:
        assert max_difference(o.result, reference.option(state, o.option)) < EXACT, o.option
        _identity_holds(o.result, policy)
        assert sum(o.categories.values()) == pytest.approx(1, abs=1e-12)


@pytest.mark.parametrize("policy", OCTOBER_POLICIES)
def test_option_odds_agree_with_taking_the_option_then_analysing(policy):
    sc = scenario(OCTOBER)
    state = documented_state(sc, "d27-evening", policy)
    dice = BranchingDice()
    eng = Engine(sc, dice=dice)
    analyser = Analyser(sc, policy)
    for o in option_odds(sc, state, policy):

        def run(option=o.option):
            after = state.clone()
            eng.advance(after, option)
            return after

        combined = Distribution(survival=0.0)
        for outcome in dice.outcomes(run):  # every way the step falls, catastrophe included
            after = outcome.state
            combined.add(outcome.probability, after.hazard_sum - state.hazard_sum, analyser.from_state(after).result)
        assert max_difference(o.result, combined) < EXACT, o.option


@pytest.mark.parametrize("policy", OCTOBER_POLICIES)
def test_the_policy_mix_of_option_odds_is_the_analysis_of_the_state(policy):
    sc = scenario(OCTOBER)
    state = documented_state(sc, "d28-reply", policy)
    analyser = Analyser(sc, policy)
    whole = analyser.from_state(state).result
    weights = dict((o, p) for p, o in analyser.policy.odds(Engine(sc), state))
    mixed = Distribution(survival=0.0)
    for o in analyser.option_odds(state):
        mixed.add(weights.get(o.option, 0.0), 0.0, o.result)
    assert max_difference(whole, mixed) < EXACT


def test_a_weight_that_reads_the_risk_keeps_the_risk_in_the_key():
    """Where a later weight reads the cumulative risk, states with different risk are never merged: the
    analysis stays equal to the plain reference, which keys on every value."""
    from game.analysis.liveness import Liveness
    from game.scenario.compiled import SLOT_RISK

    text = _opening_dice_text()  # an opening that may leak: the risk differs between the two openings
    sc = parse_scenario(text.replace('weight: "tension / 10"', 'weight: "tension / 10 + 3 * risk"', 1), "risky.yaml")
    start = sc.by_id["d1"].index
    assert SLOT_RISK in Liveness(sc, ("us",)).slots(start)
    assert SLOT_RISK not in Liveness(scenario(MINI), ("us",)).slots(start)  # nothing reads it there
    for policy in policy_names(sc):
        fast = analyse(sc, policy).result
        slow = Reference(sc, policy).from_start()
        assert max_difference(fast, slow) < EXACT, policy
        _identity_holds(fast, policy)
    # The weight does read it: the same analysis without the risk term gives other odds.
    plain = analyse(parse_scenario(text, "plain.yaml"), "random").result
    assert max_difference(analyse(sc, "random").result, plain) > 1e-6


def test_an_opening_that_rolls_dice_is_analysed_over_every_opening():
    sc = parse_scenario(_opening_dice_text(), "opening.yaml")
    for policy in policy_names(sc):
        fast = analyse(sc, policy).result
        slow = Reference(sc, policy).from_start()
        assert max_difference(fast, slow) < EXACT, policy
        _identity_holds(fast, policy)
    with pytest.raises(AnalysisError, match="opening of this scenario rolls dice"):
        analyse_first_decision(sc)


def test_first_decision_breakdown_covers_every_available_option():
    results = analyse_first_decision(scenario(MINI), "historical-dice")
    assert [a.first for a in results] == ["strike", "blockade", "wait"]
    strike, blockade, wait = (a.as_json() for a in results)
    assert strike["p_nuclear"] > blockade["p_nuclear"] > wait["p_nuclear"]
    assert wait["endings"] == {"end-weak": 1.0}


def test_documented_state_errors_say_what_is_possible():
    sc = scenario(OCTOBER)
    with pytest.raises(AnalysisError, match="no node has the id"):
        documented_state(sc, "no-such-node")
    with pytest.raises(AnalysisError, match="not a decision"):
        documented_state(sc, "castro-approach")
    with pytest.raises(AnalysisError, match="never reaches"):
        documented_state(sc, "d-after-late-strike")
    ussr = next(n.id for n in sc.nodes if n.kind == "decision" and n.actor == "ussr")
    with pytest.raises(AnalysisError, match="does not play"):
        documented_state(sc, ussr, "random")


def test_a_cancelled_analysis_stops_with_an_analysis_error():
    sc = scenario(OCTOBER)
    with pytest.raises(AnalysisCancelled):
        analyse(sc, "random", cancel=lambda: True)


def test_analyses_on_threads_do_not_disturb_each_other():
    sc = scenario(OCTOBER)
    state = documented_state(sc, "d27-evening", "random")
    alone = [o.result for o in option_odds(sc, state, "random")]
    found: dict[int, list] = {}

    def work(k: int) -> None:
        found[k] = [o.result for o in option_odds(sc, state, "random")]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for results in found.values():
        assert all(max_difference(a, b) == 0 for a, b in zip(alone, results, strict=True))
