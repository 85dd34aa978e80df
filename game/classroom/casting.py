"""Spreading the roles over the students present: every needed role filled first, then the rest, shared when many."""

from __future__ import annotations

from dataclasses import dataclass

from game.classroom.roles import RoleCard

__all__ = ["Casting", "cast", "student_names"]


@dataclass(frozen=True)
class Casting:
    """Who plays what. `by_role` maps a role to its students (several may share one); `by_student` the reverse
    (with few students one takes two roles). `empty` lists the roles nobody plays (their lines are read out
    by the facilitator)."""

    by_role: dict[str, tuple[str, ...]]
    by_student: dict[str, tuple[str, ...]]
    empty: tuple[str, ...]
    order: tuple[str, ...]  # the roles in casting order, most needed first


def student_names(names: tuple[str, ...], count: int) -> tuple[str, ...]:
    """The class roster: the names given, or 'Student 1'... for a count."""
    if names:
        return tuple(names)
    return tuple(f"Student {i}" for i in range(1, count + 1))


def cast(roles: list[RoleCard], students: tuple[str, ...], sides: tuple[str, ...]) -> Casting:
    """Deal the roles of `sides` to `students`, team by team, most needed roles first.

    Students are split between the sides in proportion to their roles. Within a side, each student
    takes the next unfilled role; when every role has someone, the next students share the most
    needed roles; when there are fewer students than the side's needed roles (priority 1 and 2), the
    first students take a second one so that no needed role is left empty.
    """
    by_role: dict[str, list[str]] = {c.id: [] for c in roles}
    by_student: dict[str, list[str]] = {s: [] for s in students}
    teams = _split(students, [[c for c in roles if c.side == side] for side in sides])
    for team, side_roles in teams:
        if not side_roles or not team:
            continue
        for i, student in enumerate(team):
            card = (
                side_roles[i % len(side_roles)]
                if i < len(side_roles)
                else side_roles[(i - len(side_roles)) % _needed(side_roles)]
            )
            by_role[card.id].append(student)
            by_student[student].append(card.id)
        needed = [c for c in side_roles[: _needed(side_roles)] if not by_role[c.id]]
        leaders = {s for c in side_roles if c.role.decides for s in by_role[c.id]}
        helpers = [s for s in team if s not in leaders] or list(team)  # the leader has enough to do
        for k, card in enumerate(needed):
            student = helpers[k % len(helpers)]
            by_role[card.id].append(student)
            by_student[student].append(card.id)
    order = tuple(c.id for c in roles)
    return Casting(
        {k: tuple(v) for k, v in by_role.items()},
        {k: tuple(v) for k, v in by_student.items()},
        tuple(r for r in order if not by_role[r]),
        order,
    )


def _needed(side_roles: list[RoleCard]) -> int:
    return max(1, sum(1 for c in side_roles if c.role.decides or c.role.priority <= 2))


def _split(students: tuple[str, ...], groups: list[list[RoleCard]]) -> list[tuple[tuple[str, ...], list[RoleCard]]]:
    """Students shared between the teams in proportion to their roles (at least one each when possible)."""
    weights = [len(g) for g in groups]
    total = sum(weights) or 1
    sizes = [len(students) * w // total for w in weights]
    for i in sorted(range(len(groups)), key=lambda i: -weights[i]):
        if sum(sizes) < len(students):
            sizes[i] += 1
    for i, size in enumerate(sizes):  # no team without a player while another has two
        if size == 0 and weights[i] and max(sizes) > 1:
            sizes[sizes.index(max(sizes))] -= 1
            sizes[i] = 1
    out, at = [], 0
    for size, group in zip(sizes, groups):
        out.append((students[at : at + size], group))
        at += size
    return out
