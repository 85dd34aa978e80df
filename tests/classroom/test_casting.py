"""Any class size: every role that matters is filled, nobody is left without a part, roles are shared when many."""

import pytest

from game.classroom import cast, roles_of, student_names
from tests.support import OCTOBER, engine


@pytest.mark.parametrize("sides", [("us",), ("us", "ussr")])
@pytest.mark.parametrize("n", [1, 3, 5, 10, 20, 30])
def test_every_student_has_a_role_and_the_needed_roles_are_filled(sides, n):
    eng = engine(OCTOBER)
    cards = roles_of(eng, sides)
    students = student_names((), n)
    casting = cast(cards, students, sides)
    assert all(casting.by_student[s] for s in students)
    teams = {c.side for c in cards}
    assert teams == set(sides)
    for side in sides:
        team = [c for c in cards if c.side == side]
        if not any(casting.by_role[c.id] for c in team):
            assert n < len(sides)  # only when there are fewer students than teams
            continue
        leader = next(c for c in team if c.role.decides)
        assert casting.by_role[leader.id]
        for c in team:
            if c.role.priority <= 2:
                assert casting.by_role[c.id], f"{c.id} is empty with {n} students"
    if n >= len(cards):
        assert not casting.empty


def test_thirty_students_share_the_most_needed_roles():
    eng = engine(OCTOBER)
    cards = roles_of(eng, ("us",))
    casting = cast(cards, student_names((), 30), ("us",))
    assert len(casting.by_role["jfk"]) >= 2 and max(len(v) for v in casting.by_student.values()) == 1


def test_few_students_take_two_roles():
    eng = engine(OCTOBER)
    casting = cast(roles_of(eng, ("us",)), student_names((), 5), ("us",))
    assert max(len(v) for v in casting.by_student.values()) >= 2


def test_castro_sits_with_moscow_when_moscow_plays():
    eng = engine(OCTOBER)
    assert "castro" in {c.id for c in roles_of(eng, ("us", "ussr")) if c.side == "ussr"}
    assert "castro" not in {c.id for c in roles_of(eng, ("us",))}
