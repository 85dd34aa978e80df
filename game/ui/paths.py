"""Where the game keeps its settings, autosave and log: EXCOMM_HOME, else the user's config folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR = "excomm"


def home() -> Path:
    """The folder for settings, saves and the log (not created here)."""
    override = os.environ.get("EXCOMM_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "ExComm"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "ExComm"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / APP_DIR


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


def autosave_path() -> Path:
    return home() / "saves" / "autosave.json"


def log_path() -> Path:
    return home() / "excomm.log"


def assets_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "assets"


def font_path(name: str) -> Path:
    return assets_dir() / "fonts" / name
