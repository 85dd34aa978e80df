"""Properties that must hold for every playthrough of every bundled scenario and the fixture."""

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.state import GameState
from tests.support import MINI, OCTOBER, engine
from tests.support import round_trip as saved_and_read

SCENARIOS = [MINI, OCTOBER]
games = st.fixed_dictionaries(
    {
        "scenario": st.sampled_from(SCENARIOS),
        "seed": st.integers(0, 2**31),
        "picks": st.lists(st.integers(0, 7), max_size=60),
        "fate": st.sampled_from(["dice", "history"]),
        "sides": st.sampled_from([("us",), ("us", "ussr")]),
    }
)


def play(game: dict, round_trip: bool) -> tuple[GameState, list]:
    """Play `game`, optionally replacing the state by its JSON round-trip before every choice."""
    eng = engine(game["scenario"])
    state = eng.new_game(seed=game["seed"], controlled=game["sides"], fate=game["fate"])
    picks = list(game["picks"])
    risks = [state.risk]
    turns = 0
    while not state.ended:
        if round_trip:
            state = saved_and_read(eng, state)
        ids = eng.available_ids(state)
        assert ids, f"dead end at {eng.node(state).id}"
        k = picks.pop(0) if picks else turns
        eng.choose(state, ids[k % len(ids)])
        risks.append(state.risk)
        turns += 1
        assert turns < 500, "a playthrough did not terminate"
    return state, risks


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games)
def test_every_playthrough_terminates_with_risk_in_bounds_that_never_falls(game):
    state, risks = play(game, round_trip=False)
    eng = engine(game["scenario"])
    assert eng.node(state).kind == "ending"
    assert all(0.0 <= r <= 1.0 for r in risks)
    assert all(b >= a for a, b in pairwise(risks))
    for step in state.steps:
        assert 0.0 <= step.hazard <= 1.0
        assert all(0.0 <= t.hazard <= 1.0 for t in step.terms)
        assert 1 <= step.defcon_after <= 5


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games)
def test_same_seed_and_choices_give_the_same_history(game):
    first, _ = play(game, round_trip=False)
    second, _ = play(game, round_trip=False)
    assert first.fingerprint() == second.fingerprint()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games)
def test_json_round_trip_before_every_choice_changes_nothing(game):
    plain, risks = play(game, round_trip=False)
    tripped, tripped_risks = play(game, round_trip=True)
    assert tripped.fingerprint() == plain.fingerprint()
    assert tripped_risks == risks
