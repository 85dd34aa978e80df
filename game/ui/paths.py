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
