"""The tree read as lines of play, and the same choices replayed with other luck."""

from __future__ import annotations

import pytest

from game.analysis.documented import documented_path, historical_choice
from game.engine.engine import Engine
from game.scenario.catalog import load
from game.session import Session
from game.session.lines import DOCUMENTED, documented_line, history_lines, parting
from game.session.luck import other_luck
from tests.support import MINI


def _branched():
    engine = Engine(load(str(MINI)))
    s = Session.new(engine, seed=2, fate="dice")
    first = [c.id for c in engine.choices(s.state, in_scenario_order=True) if c.available]
    s.choose(first[1])
    while not s.state.ended:
        s.choose(engine.available_ids(s.state)[0])
    s.go_to(s.root)
    s.choose(first[0])
    while not s.state.ended:
        s.choose(engine.available_ids(s.state)[-1])
    return engine, s


def test_every_leaf_is_a_line_and_its_marks_are_its_decisions():
    engine, s = _branched()
    lines = history_lines(s)
    assert [line.leaf for line in lines] == s.root.leaves()
    for line in lines:
        moves = line.leaf.moves()
        assert [(m.decision, m.choice) for m in line.marks] == [(mv.node, mv.option) for mv in moves]
        state = s.state_at(line.leaf)
        assert line.ended == state.ended and abs(line.risk - state.risk) < 1e-12
        assert line.ending_title == engine.node(state).title
        for m in line.marks:
            node = s.root.find(m.node_id)
            assert node.parent.id == m.at_id and abs(m.risk - s.state_at(node).risk) < 1e-12
            hist = historical_choice(engine, m.decision)
            assert m.same_as_1962 == (hist is not None and hist[0] == m.choice)
    assert lines[0].is_main and not lines[1].is_main
    assert parting(lines[0], lines[1]) == 0 and parting(lines[0], lines[0]) == len(lines[0].marks)


def test_the_1962_line_is_the_documented_course():
    engine = Engine(load("october-1962"))
    doc = documented_path(engine)
    line = documented_line(engine, doc, ("us",))
    assert line.id == DOCUMENTED and line.ended and line.ending
    us = [(n, o) for n, o in doc.decisions if engine.scenario.by_id[n].actor == "us"]
    assert [(m.decision, m.choice) for m in line.marks] == us
    assert all(m.same_as_1962 for m in line.marks)
    risks = [m.risk for m in line.marks]
    assert risks == sorted(risks) and abs(risks[-1] - doc.risk) < 1e-12


def test_a_named_history_takes_its_name():
    from game.session import Label

    _, s = _branched()
    leaf = s.root.leaves()[1]
    s.apply(Label(at=leaf.id, text="The hard line"))
    assert [line.name for line in history_lines(s)] == ["Main line", "The hard line"]


def test_other_luck_is_deterministic_and_counts_every_game():
    engine = Engine(load("october-1962"))
    doc = documented_path(engine)
    us = [(n, o) for n, o in doc.decisions if engine.scenario.by_id[n].actor == "us"]
    a = other_luck(engine, us, range(1, 121), ("us",))
    b = other_luck(engine, us, range(1, 121), ("us",))
    assert a == b and a.runs == 120 and sum(a.categories.values()) == 120
    assert 0 < a.same_course <= 120
    other = other_luck(engine, us, range(500, 620), ("us",))
    assert other != a  # other seeds, other luck
    assert set(a.categories) <= set(engine.scenario.model.endings)


def test_a_decision_is_listed_in_the_words_the_player_read_and_1962_in_its_record_s():
    """Earlier moves can reword an option (a variant): a line lists it as it was read when chosen, on the player's
    lines (also after a save is loaded and replayed) and on the 1962 line."""
    engine = Engine(load("october-1962"))
    doc = documented_path(engine)
    base = {(n.id, o.id): o.text for n in engine.scenario.nodes for o in n.options}
    line = documented_line(engine, doc, ("us",))
    reworded = [m for m in line.marks if m.choice_text != base[(m.decision, m.choice)]]
    assert [m.decision for m in reworded] == ["d27-letters", "d-nov-il28"]
    assert reworded[0].choice_text == "Keep talking, and draft a reply that can answer both letters"
    s = Session.new(engine, seed=0, fate="history")
    while not s.state.ended:
        s.choose(historical_choice(engine, engine.node(s.state).id)[0])
    mine = history_lines(s)[0]
    assert [m.choice_text for m in mine.marks] == [m.choice_text for m in line.marks]
    from game.session.store import dump_session, load_session

    again = load_session(engine, dump_session(s))
    assert [m.choice_text for m in history_lines(again)[0].marks] == [m.choice_text for m in mine.marks]


def test_a_decision_where_1962s_choice_was_closed_says_why_on_its_mark():
    """With other dice Khrushchev may send no private letter: the mark of the answer chosen instead says that
    1962's choice was not open, and why — kept when the tree is replayed from its save."""
    from game.session.store import dump_session, load_session

    engine = Engine(load("october-1962"))
    session = Session.new(engine, seed=7)
    while not session.state.ended:
        options = [c for c in engine.choices(session.state) if c.available]
        session.choose((next((c for c in options if c.historical), None) or options[0]).id)
    marks = history_lines(session)[0].marks
    closed = [m for m in marks if m.closed_1962]
    assert closed and all(not m.same_as_1962 for m in closed)
    assert "private letter" in closed[0].closed_1962
    assert all(m.closed_1962 == "" for m in marks if m.same_as_1962)
    again = load_session(engine, dump_session(session))
    assert [m.closed_1962 for m in history_lines(again)[0].marks] == [m.closed_1962 for m in marks]


def test_the_1962_lines_risk_after_each_decision_is_what_the_same_choices_give_in_a_game():
    """Each 1962 mark showed the risk from before its step: a student comparing step by step saw 1962 as
    safer than the same choices in their own game."""
    from game.analysis.documented import historical_choice
    from game.session.lines import documented_line

    engine = Engine(load("october-1962"))
    session = Session.new(engine, seed=7, fate="history")
    for _ in range(8):
        session.choose(historical_choice(engine, engine.node(session.state).id)[0])
    own = history_lines(session)[0].marks
    documented = documented_line(engine, session.documented, (engine.scenario.model.player,)).marks
    assert [m.decision for m in own] == [m.decision for m in documented[: len(own)]]
    for a, b in zip(own, documented, strict=False):
        assert b.risk == pytest.approx(a.risk, abs=1e-12), a.decision
    assert documented[-1].risk == pytest.approx(session.documented.risk, abs=1e-12)
