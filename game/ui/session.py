"""One game in progress: the engine, its state, and the autosave after every decision (no pygame)."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from game.analysis.documented import documented_path
from game.engine.engine import Engine
from game.engine.results import Step
from game.engine.save import SaveError, load_game, quarantine_corrupt, save_game
from game.engine.state import GameState
from game.fileio import clean_stale_temps

log = logging.getLogger(__name__)


@dataclass
class SaveProblem:
    """An autosave that could not be read: why, and where the file was kept."""

    reason: str
    kept_at: Path | None


class Session:
    def __init__(self, engine: Engine, state: GameState, save_path: Path):
        self.engine = engine
        self.state = state
        self.save_path = save_path
        self._documented: GameState | None = None
        self.save_error = ""

    @classmethod
    def new(cls, engine: Engine, save_path: Path, seed: int | None = None, fate: str = "dice") -> Session:
        seed = secrets.randbelow(2**31) if seed is None else seed
        s = cls(engine, engine.new_game(seed=seed, fate=fate), save_path)
        s.autosave()
        return s

    @classmethod
    def resume(cls, engine: Engine, save_path: Path) -> Session:
        """Continue from the autosave; raises SaveError (the file is left untouched)."""
        return cls(engine, load_game(save_path, engine), save_path)

    def choose(self, option_id: str) -> Step:
        step = self.engine.choose(self.state, option_id)
        self.autosave()
        return step

    def autosave(self) -> bool:
        try:
            save_game(self.save_path, self.engine, self.state)
            self.save_error = ""
            return True
        except OSError as exc:  # the game goes on; the player is told
            log.warning("autosave to %s failed: %s", self.save_path, exc)
            self.save_error = f"Autosave failed: {exc}"
            return False

    @property
    def documented(self) -> GameState:
        """The 1962 course through the same scenario (computed once)."""
        if self._documented is None:
            self._documented = documented_path(self.engine)
        return self._documented


def probe_autosave(engine: Engine, save_path: Path) -> tuple[Session | None, SaveProblem | None]:
    """Read the autosave if there is one; never raises, so the title screen always goes on.

    A damaged save is moved aside (kept, renamed `*.unreadable-N.json`) and reported, so it is
    reported once and the next launch starts clean. A save unreadable only because of its
    permissions is reported but left where it is: it is not damaged.
    """
    clean_stale_temps(save_path.parent)
    try:
        if not save_path.exists():
            return None, None
    except OSError as exc:  # e.g. a folder the user cannot search: say so, never stop the game
        return None, SaveProblem(f"the saves folder cannot be used ({exc.strerror or exc})", None)
    try:
        return Session.resume(engine, save_path), None
    except SaveError as exc:
        log.warning("autosave unreadable: %s", exc)
        if exc.permission:
            return None, SaveProblem(str(exc), None)
        return None, SaveProblem(str(exc), _move_aside(save_path))
    except Exception:  # a bug in reading must not lock the player out: keep the file aside, go on
        log.exception("autosave could not be read")
        return None, SaveProblem("the saved game could not be read (details are in the log)", _move_aside(save_path))


def _move_aside(save_path: Path) -> Path | None:
    try:
        return quarantine_corrupt(save_path)
    except OSError as move_exc:
        log.warning("could not move the unreadable save aside: %s", move_exc)
        return None
