"""Where the game keeps its settings, autosave and log: EXCOMM_HOME, else the user's config folder."""

from __future__ import annotations

from pathlib import Path

from game.locations import home, saves_dir

__all__ = ["any_autosave", "assets_dir", "autosave_path", "font_path", "home", "log_path", "saves_dir", "settings_path"]


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
