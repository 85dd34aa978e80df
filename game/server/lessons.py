"""A served lesson and its room, kept in the lesson folder: start a new one, or resume the one in progress.

The lesson autosaves after every input through the classroom store (`saves/classroom/autosave-<id>.json`,
the same slot the window uses); the room file (`room-<id>.json`) sits beside it. Resuming is automatic:
`open_room` picks up an unfinished lesson of the scenario (its room file, if it matches, gives the same code,
key and seats) unless a new lesson is asked for. A lesson that a new one replaces — it had ended, or `--new`
was asked for — is kept as a save of its own with its report beside it, and the teacher is told where.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.classroom.lesson import Lesson
from game.classroom.store import lesson_store, set_aside_lesson
from game.engine.engine import Engine
from game.errors import ExcommError
from game.server.room import Room, room_path
from game.session.inputs import Setup

__all__ = ["Opened", "open_room"]


@dataclass(frozen=True)
class Opened:
    room: Room
    resumed: bool
    notice: str  # a sentence for the teacher ('' when there is nothing to say)


def open_room(
    engine: Engine,
    setup: Setup,
    saves: Path,
    *,
    seed: int | None = None,
    fate: str = "dice",
    new: bool = False,
) -> Opened:
    """The room to serve: the unfinished lesson of this scenario in `saves` (unless `new`), else a new lesson
    from `setup`. A saved lesson that cannot be read is moved aside by the store and said in `notice`."""
    store = lesson_store(saves)
    path = room_path(store.autosave_path(engine.scenario.id))
    notice = ""
    session, problem = store.probe_autosave(engine)
    if problem is not None:
        notice = f"The lesson in progress could not be read ({problem.reason}); a new one starts."
    if session is not None and not session.state.ended and not new:
        store.attach(session, save_now=False)  # before resume: the pause it logs is saved
        try:
            lesson = Lesson.resume(session)
        except ExcommError as exc:
            notice = f"The saved lesson cannot go on ({exc}); a new one starts."
        else:
            return Opened(Room.open(lesson, path), True, notice)
    if session is not None:
        notice = " ".join(part for part in (notice, set_aside_lesson(store, session)) if part)
    lesson = Lesson.start(engine, setup, seed=seed, fate=fate, saver=store.autosave)
    room = Room(lesson, path=path)
    room.save()
    return Opened(room, False, notice)
