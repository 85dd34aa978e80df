"""Where lessons are kept: a folder of their own beside the solo saves, so a lesson never takes a solo game's
autosave slot (and the other way round). One autosave per scenario (the lesson in progress), named saves beside."""

from __future__ import annotations

from pathlib import Path

from game.session.store import SaveStore

__all__ = ["lesson_store"]


def lesson_store(saves: Path) -> SaveStore:
    """The store for classroom lessons under a saves folder (`<saves>/classroom/`)."""
    return SaveStore(Path(saves) / "classroom")
