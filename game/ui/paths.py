"""Where the game keeps its settings, autosave and log: EXCOMM_HOME, else the user's config folder."""

from __future__ import annotations

import os
from pathlib import Path

from game.locations import home, saves_dir

__all__ = [
    "any_autosave",
    "assets_dir",
    "autosave_path",
    "font_path",
    "home",
    "home_problem",
    "log_path",
    "saves_dir",
    "settings_path",
]


def home_problem() -> str:
    """ "" when the folder for settings and saves can be used; else a sentence saying why saving is impossible.

    Creates the folder if it is missing. Never raises: a path that is too long, a parent the user
    cannot search or a read-only disk are all reported in words, and the game runs without saving.
    """
    folder = home()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise NotADirectoryError(20, "it is not a folder")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(13, "permission denied")
    except OSError as exc:
        shown = str(folder) if len(str(folder)) <= 120 else str(folder)[:119] + "…"
        why = exc.strerror or str(exc)
        return (
            f"Saving is impossible: the folder {shown} cannot be used ({why}). Your game will not be kept; "
            "set EXCOMM_HOME to a folder you can write to."
        )
    return ""


def settings_path() -> Path:
    return home() / "settings.json"


def autosave_path(scenario_id: str) -> Path:
    """The scenario's own autosave (every scenario has one; none moves another's aside)."""
    return saves_dir() / f"autosave-{scenario_id}.json"


def any_autosave() -> bool:
    """Is there an autosave of any scenario (for the menu drawn before the scenario is loaded)?"""
    try:
        return any(saves_dir().glob("autosave*.json"))
    except OSError:
        return False


def log_path() -> Path:
    return home() / "excomm.log"


def assets_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "assets"


def font_path(name: str) -> Path:
    return assets_dir() / "fonts" / name
