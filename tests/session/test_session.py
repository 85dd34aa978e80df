"""The session: inputs logged only when legal, a tree of histories, states rebuilt by replay."""

import pytest

from game.errors import RuleError
from game.session import Decide, GoTo, Session, Vote
from tests.support import OCTOBER, engine


def first_available(session: Session) -> str:
    return next(c.id for c in session.engine.choices(session.state, in_scenario_order=True) if c.available)


def play(session: Session, n: int, pick=first_available) -> None:
    for _ in range(n):
        if session.state.ended:
            return
        session.choose(pick(session))


def test_a_refused_input_is_not_logged_and_changes_nothing():
    s = Session.new(engine(), seed=4)
    before = (len(s.log), s.state.fingerprint(), s.current.id)
    with pytest.raises(RuleError):
        s.choose("no-such-option")
    with pytest.raises(RuleError):
        s.apply(Decide(node="not-here", option="x"))
    with pytest.raises(RuleError):
        s.apply(GoTo(at="h999"))
    assert (len(s.log), s.state.fingerprint(), s.current.id) == before


def test_going_back_keeps_both_futures_and_the_mainline_is_the_first():
    s = Session.new(engine(OCTOBER), seed=20)
    play(s, 4)
    first_line_end = s.current
    branch_point = s.current.parent.parent
    s.go_to(branch_point)
    options = [c.id for c in s.engine.choices(s.state, in_scenario_order=True) if c.available]
    other = next(o for o in options if o != first_line_end.parent.move.option)
    s.choose(other)
    assert len(branch_point.variations) == 2
    assert branch_point.variations[0].end() is first_line_end  # the first line stays the main line
    assert not s.current.is_main_variation()
    s.current.promote_to_main()
    assert s.current.is_main_variation() and not first_line_end.is_main_variation()
    # the same move again re-enters the existing history instead of growing a new node
    s.go_to(branch_point)
    s.choose(other)
    assert len(branch_point.variations) == 2


def test_states_rebuilt_by_replay_equal_states_played_in_one_go():
    eng = engine(OCTOBER)
    s = Session.new(eng, seed=9)
    play(s, 6)
    direct = eng.new_game(seed=9, controlled=("us",))
    for node in s.current.path()[1:]:
        eng.choose(direct, node.move.option)
    s._cache.clear()  # force a replay from the root
    assert s.state.fingerprint() == direct.fingerprint()


def test_votes_attach_to_the_decision_awaited_and_a_later_vote_replaces_an_earlier():
    s = Session.new(engine(), seed=1)
    options = [c.id for c in s.engine.choices(s.state, in_scenario_order=True)]
    s.apply(Vote(at=s.current.id, voter="rfk", option=options[0]))
    s.apply(Vote(at=s.current.id, voter="rfk", option=options[1]))
    s.apply(Vote(at=s.current.id, voter="rusk", option=options[0]))
    assert s.votes_here() == {"rfk": options[1], "rusk": options[0]}
    with pytest.raises(RuleError):
        s.apply(Vote(at=s.current.id, voter="rusk", option="not-an-option"))


def test_deleting_a_branch_moves_the_cursor_out_of_it_and_the_root_stays():
    s = Session.new(engine(OCTOBER), seed=2)
    play(s, 3)
    doomed = s.current.parent
    s.apply(__import__("game.session", fromlist=["Delete"]).Delete(at=doomed.id))
    assert s.current is doomed.parent and doomed not in doomed.parent.variations
    with pytest.raises(RuleError):
        s.apply(__import__("game.session", fromlist=["Delete"]).Delete(at="h0"))


def test_reveal_and_inject_are_inputs_in_the_tree():
    eng = engine(OCTOBER)
    s = Session.new(eng, seed=5)
    s.reveal("soviet-troops", "us")
    assert any(sid == "soviet-troops" for sid, _, _ in eng.known_secrets(s.state, "us"))
    incident = eng.scenario.incidents[0].id
    step = s.inject(incident)
    assert step.events[0].kind == "incident" and incident in s.state.fired
    with pytest.raises(RuleError):
        s.inject(incident)  # once only
    kinds = [type(n.move).__name__ for n in s.current.path()[1:]]
    assert kinds == ["Reveal", "Inject"]
