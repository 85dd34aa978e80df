"""Roles and the classroom plan are scenario data: checked at load time, with lines that say what to fix."""

from pathlib import Path

import pytest

from game.classroom import arguments_at
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from tests.support import OCTOBER, engine


def test_october_1962_declares_every_role_the_issue_names():
    roles = engine(OCTOBER).scenario.model.roles
    us = {"jfk", "rfk", "mcnamara", "rusk", "bundy", "taylor", "mccone", "sorensen", "stevenson", "ball", "dillon"}
    us |= {"acheson", "thompson", "jcs"}
    soviet = {"khrushchev", "mikoyan", "malinovsky", "gromyko", "dobrynin", "pliyev"}
    assert us | soviet | {"castro"} <= set(roles)
    assert [r for r, role in roles.items() if role.decides] == ["jfk", "khrushchev"]
    for rid, role in roles.items():
        assert role.portrait and role.wants and role.fears and role.argued, rid


def test_every_key_decision_gives_its_side_something_to_argue():
    eng = engine(OCTOBER)
    plan = eng.scenario.model.classroom
    nodes = {n.id: n for n in eng.scenario.model.nodes}
    for node_id in plan.key:
        side = nodes[node_id].actor
        lines = [
            ln
            for rid, r in eng.scenario.model.roles.items()
            if r.side == side
            for ln in arguments_at(eng, rid, node_id)
        ]
        assert lines, node_id


def _mutated(tmp_path: Path, old: str, new: str) -> list[str]:
    text = OCTOBER.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "october.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    return [str(p) for p in err.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    d20-choice: quarantine\n", "    d20-choice: quarantin\n", "did you mean 'quarantine'"),
        ("  key: [d16-photos,", "  key: [d16-photoz,", "did you mean 'd16-photos'"),
        ("    speaks_for: [lemay]\n", "    speaks_for: [le-may]\n", "unknown advisor 'le-may'"),
        ("    team: ussr\n", "    team: havana\n", "no side has the id 'havana'"),
        (
            "  mikoyan:\n    name: Anastas Mikoyan\n",
            "  mikoyan:\n    decides: true\n    name: Anastas Mikoyan\n",
            "2 roles decide",
        ),
    ],
)
def test_bad_classroom_data_is_reported_with_a_fix(tmp_path, old, new, expected):
    problems = _mutated(tmp_path, old, new)
    assert any(expected in p for p in problems), problems


def test_a_roles_lines_in_a_lesson_are_those_that_hold_now_and_the_card_prints_one_per_option():
    """Khrushchev's line for accepting on 28 October depends on whether Kennedy has pledged not to invade."""
    from game.classroom.roles import arguments_at
    from tests.classroom.test_lesson import Clock, play_lesson

    lesson = play_lesson(Clock(), stop_before="s28-decision")
    assert lesson.node_id == "s28-decision"
    engine, state = lesson.engine, lesson.session.state
    live = arguments_at(engine, "khrushchev", "s28-decision", engine.choices(state))
    retreat = [line for line in live if "We must retreat to save the peace" in line]
    pledged = bool(engine.value(state, "pledge"))
    assert len(retreat) == 1 and ("Kennedy's word" in retreat[0]) == pledged
    printed = [line for line in arguments_at(engine, "khrushchev", "s28-decision") if "We must retreat" in line]
    assert len(printed) == 1


def test_a_roles_line_says_whether_it_argues_for_or_against_the_option():
    """George Ball's Pearl Harbor line is against the strike it is heard at: the card must not say 'For'."""
    eng = engine(OCTOBER)
    lines = arguments_at(eng, "ball", "d16-photos")
    pearl = [ln for ln in lines if "Pearl Harbor" in ln]
    assert pearl and all(ln.startswith("Against \u201c") for ln in pearl), pearl
    backing = [ln for ln in arguments_at(eng, "rusk", "d16-photos") if "a little time" in ln]
    assert backing and backing[0].startswith("For \u201c")
    # and the engine's view of the decision, which the lesson's pages read, carries the same leaning
    from game.session import Session

    session = Session.new(eng, seed=1, fate="history")
    live = arguments_at(eng, "ball", "d16-photos", eng.choices(session.state))
    assert [ln for ln in live if "Pearl Harbor" in ln] == pearl
