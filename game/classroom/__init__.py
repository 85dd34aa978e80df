"""Classroom play (no pygame): roles and casting, the lesson's phases and timers, the facilitator's actions,
what the projector and each team may see, the lesson's report and its paper (role cards, dossiers, slips).

Built on `game.session.Session`: every action is an input in the session's log, so a lesson resumes by replay.
"""

from game.classroom.casting import Casting, cast, student_names
from game.classroom.lesson import ClassDecision, Lesson, Timer
from game.classroom.roles import RoleCard, arguments_at, roles_of

__all__ = [
    "Casting",
    "ClassDecision",
    "Lesson",
    "RoleCard",
    "Timer",
    "arguments_at",
    "cast",
    "roles_of",
    "student_names",
]
