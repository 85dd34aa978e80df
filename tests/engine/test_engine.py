import pytest

from game.errors import RuleError
from tests.support import engine, play_random, round_trip


def test_new_game_waits_at_the_first_player_decision():
    eng = engine()
    state = eng.new_game(seed=1)
    assert eng.node(state).id == "d1"
    assert eng.waiting_for(state) == "us"
    assert state.risk == 0 and eng.defcon(state) == 5
    assert [c.number for c in eng.choices(state)] == [1, 2, 3]


def test_step_reports_effects_opponent_move_incident_and_drivers():
    eng = engine()
    state = eng.new_game(seed=2)  # seed 2: the plane-down incident fires
    step = eng.choose(state, "blockade")
    kinds = [e.kind for e in step.events]
    assert kinds[:2] == ["decision", "computer"]
    assert "incident" in kinds
    assert eng.node(state).id == "retaliate"  # the incident interrupted
    labels = {t.label for t in step.drivers()}
    assert {"Forces in contact", "General tension", "Plane lost"} <= labels
    # The step hazard is the combination of its terms, and the risk moved by exactly that.
    survive = 1.0
    for term in step.terms:
        survive *= 1 - term.hazard
    assert step.hazard == pytest.approx(1 - survive)
    assert step.risk_after == pytest.approx(1 - (1 - step.risk_before) * (1 - step.hazard))
    assert step.defcon_before == 5 and step.defcon_after == 3
    # '@resume' returns to where play was headed.
    eng.choose(state, "hold")
    assert eng.node(state).id == "d2"


def test_unavailable_option_is_shown_with_its_reason_and_refused():
    eng = engine()
    state = eng.new_game(seed=3)
    eng.choose(state, "blockade")
    if eng.node(state).id == "retaliate":
        eng.choose(state, "hit")
    state.values[eng.scenario.symbols["tension"].slot] = 9.5
    deal = next(c for c in eng.choices(state) if c.id == "deal")
    assert not deal.available and deal.reason == "Too late for talk."
    with pytest.raises(RuleError, match="not available"):
        eng.choose(state, "deal")
    node = eng.node(state).id
    assert eng.why_closed(state, node, "deal") == "Too late for talk"  # as a sentence's clause
    open_one = next(c for c in eng.choices(state) if c.available)
    assert eng.why_closed(state, node, open_one.id) == ""
    assert eng.why_closed(state, "not-this-decision", "deal") == ""  # asked of another decision: nothing


def test_bad_requests_are_engine_errors():
    eng = engine()
    state = eng.new_game(seed=1)
    with pytest.raises(RuleError, match="not an option"):
        eng.choose(state, "nonsense")
    with pytest.raises(RuleError, match="fate"):
        eng.new_game(fate="karma")
    with pytest.raises(RuleError, match="side"):
        eng.new_game(controlled=("cuba",))
    eng.choose(state, "strike")
    assert state.ended
    with pytest.raises(RuleError, match="ended"):
        eng.choose(state, "strike")


def test_history_fate_follows_1962():
    eng = engine()
    from game.analysis.documented import documented_path

    state = documented_path(eng)
    assert eng.node(state).category == "historical"
    assert state.fired == ["plane-down"]
    assert [p.choice for p in state.path if p.kind == "decision"] == ["blockade", "turn", "hold", "deal"]
    assert 0 < state.risk < 1


def test_catastrophe_only_through_the_risk_model_and_its_frequency_matches_the_risk():
    """Dice fate: the share of nuclear endings equals the mean risk of the choices that led there."""
    eng = engine()
    nuclear, expected, n = 0, 0.0, 3000
    for seed in range(n):
        state = eng.new_game(seed=seed)
        eng.choose(state, "strike")  # one step: hazard is fixed by the choice, not by luck
        expected += state.steps[-1].hazard
        nuclear += eng.node(state).category in ("limited-nuclear", "general-nuclear")
    mean = expected / n
    assert abs(nuclear / n - mean) < 4 * (mean * (1 - mean) / n) ** 0.5


def test_assessment_reports_first_matching_case():
    eng = engine()
    state = play_random(eng, 1, picks=[0])
    (line,) = eng.assess(state)
    assert (line.label, line.text, line.score) == ("Missiles", "Still there", -2)


def test_both_sides_can_be_played():
    eng = engine()
    state = eng.new_game(seed=5, controlled=("us", "ussr"))
    eng.choose(state, "blockade")
    node = eng.node(state)
    assert node.id in ("soviet",)
    assert eng.waiting_for(state) == "ussr"


def test_save_round_trip_is_exact():
    eng = engine()
    state = eng.new_game(seed=7)
    eng.choose(state, "blockade")
    again = round_trip(eng, state)
    assert again.fingerprint() == state.fingerprint()


def test_a_computer_played_side_without_weights_leans_to_1962():
    eng = engine()
    picks = {"blockade": 0, "strike": 0, "wait": 0}
    for seed in range(600):
        state = eng.new_game(seed=seed, controlled=("ussr",))
        first_us = next(p for p in state.path if p.node == "d1")
        picks[first_us.choice] += 1
    assert 0.5 < picks["blockade"] / 600 < 0.7  # 3 : 1 : 1
    assert picks["strike"] > 60 and picks["wait"] > 60


def test_an_actions_danger_names_the_side_whose_move_it_was():
    """Each 'action' driver of a step carries the actor of the move that set it off, the player's or another
    side's (the front ends say 'your action' only for the viewer's own)."""
    import random

    from tests.support import OCTOBER

    eng = engine(OCTOBER)
    seen: set[str] = set()
    for seed in range(12):
        rng, state = random.Random(seed), eng.new_game(seed=seed)
        while not state.ended:
            eng.choose(state, rng.choice([c for c in eng.choices(state) if c.available]).id)
        for step in state.steps:
            movers = {e.choice: e.actor for e in step.events if e.kind in ("decision", "computer")}
            for term in step.terms:
                if term.kind == "action":
                    assert term.actor and term.actor == movers[term.source.split(":")[1]], term
                    seen.add(term.actor)
                else:
                    assert term.actor == ""
    assert {"us", "ussr"} <= seen, seen
