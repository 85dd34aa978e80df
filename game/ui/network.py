"""The classroom's web server as the projector window runs it: the room, the server thread, the join address and
its QR code. The window only starts it, reads it and stops it; the server (`game.server`) does the rest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.classroom.lesson import Lesson
from game.server.qr import qr_matrix
from game.server.room import Room, room_path
from game.server.runner import DEFAULT_PORT, ServerThread

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ClassNetwork"]

DEFAULT_HOST = "0.0.0.0"  # every interface: the students' phones are on the school's network, not this machine


@dataclass
class ClassNetwork:
    room: Room
    server: ServerThread
    url: str  # what a student opens (the room code in it, so the page fills it in)
    matrix: list[list[bool]]  # the QR code of `url`, quiet zone included

    @classmethod
    def start(cls, lesson: Lesson, host: str, port: int, autosave: Path | None, resumed: bool = False) -> ClassNetwork:
        """The lesson's room, kept beside its autosave: a resumed lesson reopens its room (the same code, and the
        phones' tokens hold their seats), a new lesson gets a new one. Then listen. Raises
        `game.server.runner.ServerError` with a message for the window when it cannot listen."""
        path = room_path(autosave) if autosave is not None else None
        if path is not None and resumed:
            room = Room.open(lesson, path)
        else:
            room = Room(lesson, path=path)
            room.save()
        server = ServerThread(room, host, port).start()
        url = f"{server.url}?room={room.code}"
        return cls(room, server, url, qr_matrix(url))

    @property
    def address(self) -> str:
        """The join address without its query, for people to type."""
        return self.server.url

    def joined(self) -> int:
        return sum(1 for seat in self.room.seats() if seat["taken"])

    def stop(self) -> None:
        """Stop serving (the server writes the lesson's batched autosave as it stops); from then on the lesson
        saves after every entry again, as it did before the server."""
        self.server.stop()
        batched = self.room.saves
        if batched is not None and self.room.lesson.session.saver is batched:
            self.room.lesson.session.saver = batched.save
