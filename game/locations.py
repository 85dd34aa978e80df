"""Where a player's games are kept: EXCOMM_HOME, else the user's config folder (standard library only)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["home", "reports_dir", "saves_dir"]

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


def saves_dir() -> Path:
    return home() / "saves"


def reports_dir() -> Path:
    """Where the window writes a debrief's report for a browser or a printer."""
    return home() / "reports"
