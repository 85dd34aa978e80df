"""Where lessons are kept: a folder of their own beside the solo saves, so a lesson never takes a solo game's
autosave slot (and the other way round). One autosave per scenario (the lesson in progress), named saves beside."""

from __future__ import annotations

import os
from pathlib import Path

from game.session.store import SaveStore

__all__ = ["lesson_store", "write_bytes"]


def lesson_store(saves: Path) -> SaveStore:
    """The store for classroom lessons under a saves folder (`<saves>/classroom/`)."""
    return SaveStore(Path(saves) / "classroom")


def write_bytes(path: Path, data: bytes) -> Path:
    """Write a printout so a crash never leaves half of one (a temporary file beside it, then a rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
