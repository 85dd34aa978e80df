"""Classroom play (no pygame): roles and casting, the lesson's phases and timers, the facilitator's actions,
what the projector and each team may see, the lesson's report and its paper (role cards, dossiers, slips).

Built on `game.session.Session`: every action is an input in the session's log, so a lesson resumes by replay.
"""

from game.classroom.casting import Casting, cast, student_names
from game.classroom.debrief import LessonReport, lesson_report, render_lesson_html
from game.classroom.lesson import FULL_PLAN_MINUTES, ClassDecision, Lesson, Timer
from game.classroom.roles import RoleCard, arguments_at, roles_of, teams_of
from game.classroom.store import lesson_store
from game.classroom.views import Screen, projector_viewer, screen_for

__all__ = [
    "FULL_PLAN_MINUTES",
    "Casting",
    "ClassDecision",
    "Lesson",
    "LessonReport",
    "RoleCard",
    "Screen",
    "Timer",
    "arguments_at",
    "cast",
    "lesson_report",
    "lesson_store",
    "projector_viewer",
    "render_lesson_html",
    "roles_of",
    "screen_for",
    "student_names",
    "teams_of",
]
