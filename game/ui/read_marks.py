"""What the player has already read, across games (as a visual novel remembers seen text): screens read
before are marked, and K on such a screen skips on. Kept as a small JSON list of hashes beside the settings.

A mark is a hash of the scenario id and the text itself, so an edited text counts as new. Reading or writing
the file never stops the game: an unreadable file means nothing was read.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from game.fileio import write_atomic
from game.ui import paths

log = logging.getLogger(__name__)
LIMIT = 20_000  # marks kept (the oldest go first)


def mark_of(scenario_id: str, text: str) -> str:
    return hashlib.blake2s(f"{scenario_id}\0{text}".encode(), digest_size=8).hexdigest()


class ReadMarks:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.home() / "read.json"
        self._marks: dict[str, None] | None = None  # insertion-ordered set, loaded on first use

    def _load(self) -> dict[str, None]:
        if self._marks is None:
            self._marks = {}
            try:
                if self.path.is_file() and self.path.stat().st_size < 2_000_000:
                    data = json.loads(self.path.read_text(encoding="utf-8"))
                    if isinstance(data, list):
                        self._marks = {str(m): None for m in data[-LIMIT:]}
            except (OSError, ValueError) as exc:
                log.warning("read marks at %s unreadable (%s); starting afresh", self.path, exc)
        return self._marks

    def seen(self, scenario_id: str, text: str) -> bool:
        return mark_of(scenario_id, text) in self._load()

    def add(self, scenario_id: str, text: str) -> bool:
        """Mark `text` read; True when it was new."""
        marks = self._load()
        m = mark_of(scenario_id, text)
        if m in marks:
            return False
        marks[m] = None
        while len(marks) > LIMIT:
            marks.pop(next(iter(marks)))
        try:
            write_atomic(self.path, json.dumps(list(marks)))
        except OSError as exc:
            log.warning("could not save read marks to %s: %s", self.path, exc)
        return True


def get(app) -> ReadMarks:
    """The app's read marks (one per app, so tests with their own home have their own)."""
    marks = getattr(app, "_read_marks", None)
    if marks is None:
        marks = app._read_marks = ReadMarks()
    return marks
