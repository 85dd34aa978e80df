"""Where lessons are kept: a folder of their own beside the solo saves, so a lesson never takes a solo game's
autosave slot (and the other way round). One autosave per scenario (the lesson in progress), named saves beside:
a lesson a new one replaces is kept as one of those (`lesson-<when>.json`), never overwritten, and its report
is written beside it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import ExcommError, SaveError
from game.session.store import SaveStore

if TYPE_CHECKING:
    from game.classroom.debrief import LessonReport
    from game.session.session import Session

__all__ = ["lesson_store", "set_aside_lesson", "write_bytes", "write_report"]


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


def write_report(report: LessonReport, folder: Path, stem: str = "lesson-report") -> list[Path]:
    """The class's debrief as one HTML page and a PDF for each paper size, written in `folder` (atomically).
    Raises OSError or PaperError; the caller says so."""
    from game.classroom.debrief import render_lesson_html
    from game.classroom.paper import report_pdf

    written = [write_bytes(Path(folder) / f"{stem}.html", render_lesson_html(report).encode("utf-8"))]
    for size in ("a4", "letter"):
        written.append(write_bytes(Path(folder) / f"{stem}-{size}.pdf", report_pdf(report, size)))
    return written


def set_aside_lesson(store: SaveStore, session: Session) -> str:
    """Before a new lesson replaces `session` (the lesson in the autosave slot): keep it as a save of its own,
    and write its report beside it if it had ended. Returns the sentence to tell the teacher; raises SaveError,
    and nothing is replaced, when it cannot be kept."""
    from game.classroom.debrief import lesson_report
    from game.classroom.lesson import Lesson

    ended = session.state.ended
    path = store.autosave_path(session.config.scenario_id)
    if not path.exists():
        return ""
    try:
        kept = store.set_aside(path, "lesson")  # named for when it was last saved: lesson-2026-12-02-1405.json
    except OSError as exc:  # never start over a lesson that could not be kept
        raise SaveError(
            f"the last lesson could not be kept aside ({exc.strerror or exc}): free the saves folder "
            f"{store.folder} or copy its autosave elsewhere, then start again"
        ) from None
    said = f"The {'last lesson had ended' if ended else 'lesson in progress was set aside'}; it is kept as {kept}"
    if not ended:
        return said + "."
    try:
        written = write_report(lesson_report(Lesson(session)), kept.parent, stem=kept.stem + "-report")
    except (OSError, ExcommError) as exc:
        return said + f" (its report could not be written: {exc})."
    return said + f", and its report beside it ({written[0].name}, and PDFs for A4 and Letter)."
