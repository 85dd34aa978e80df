"""Player settings (text size, contrast, full screen, odds, the 1962 mark, volume, mute), kept as JSON.

Values are typed: a value of the wrong type ("false" as text, `true` as a text size) is
ignored for the default, never read as truthy. A settings file that cannot be read as
settings is moved aside (kept as `settings.unreadable-N.json`) and the player is told, so
the next change does not silently overwrite it; one unreadable only because of its
permissions is left where it is.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from game.errors import UnreadableFile, excerpt
from game.fileio import read_json_bounded, write_atomic
from game.ui import paths

TEXT_SIZES = ("Small", "Medium", "Large")
BOOLEANS = ("high_contrast", "fullscreen", "show_odds", "mark_history", "muted")  # settings that are true or false
MAX_SETTINGS_BYTES = 64_000
MAX_SETTINGS_DEPTH = 4
log = logging.getLogger(__name__)


@dataclass
class Settings:
    text_size: int = 1  # index into TEXT_SIZES
    high_contrast: bool = False
    fullscreen: bool = False
    show_odds: bool = False  # the odds of every option during play: off by default (no spoilers)
    mark_history: bool = False  # mark the option taken in 1962 on the decision screen (off: a first play)
    volume: int = 7  # 0-10
    muted: bool = False

    def normalised(self) -> Settings:
        return Settings(
            _size_or_default(self.text_size),
            self.high_contrast if isinstance(self.high_contrast, bool) else False,
            self.fullscreen if isinstance(self.fullscreen, bool) else False,
            self.show_odds if isinstance(self.show_odds, bool) else False,
            self.mark_history if isinstance(self.mark_history, bool) else False,
            self.volume if _valid_volume(self.volume) else Settings.volume,
            self.muted if isinstance(self.muted, bool) else False,
        )


def _valid_size(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(TEXT_SIZES)


def _valid_volume(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10


def _size_or_default(value: object) -> int:
    return value if _valid_size(value) else Settings.text_size  # type: ignore[return-value]


def from_data(data: dict) -> tuple[Settings, list[str]]:
    """Settings from a JSON object, and the keys whose values were of the wrong type (defaults used)."""
    out, ignored = Settings(), []
    for key, value in data.items():
        if key == "text_size" and _valid_size(value):
            out.text_size = value  # type: ignore[assignment]
        elif key == "volume" and _valid_volume(value):
            out.volume = value  # type: ignore[assignment]
        elif key in BOOLEANS and isinstance(value, bool):
            setattr(out, key, value)
        elif key in ("text_size", "volume") or key in BOOLEANS:
            ignored.append(key)
    return out, ignored


def load_with_notice(path: Path | None = None) -> tuple[Settings, str]:
    """The saved settings and a sentence for the player when the file could not be used (else "").

    Never raises: defaults stand in for anything unreadable.
    """
    path = path or paths.settings_path()
    try:
        data = read_json_bounded(path, MAX_SETTINGS_BYTES, MAX_SETTINGS_DEPTH)
    except UnreadableFile as exc:
        if exc.reason == "missing":
            return Settings(), ""
        log.warning("settings unreadable: %s", exc)
        if exc.reason in ("permission", "not-a-file", "os"):
            return Settings(), f"Your settings could not be read ({excerpt(str(exc), 200)}); the defaults are used."
        return Settings(), _set_aside(path, excerpt(str(exc), 200))
    if not isinstance(data, dict):
        return Settings(), _set_aside(path, f"{path} does not hold settings")
    settings, ignored = from_data(data)
    if ignored:
        log.warning("settings at %s: wrong type for %s; defaults used", path, ", ".join(ignored))
    return settings, ""


def _set_aside(path: Path, reason: str) -> str:
    kept = _keep(path)
    where = f" It was kept as {kept}." if kept else ""
    return f"Your settings could not be read: {reason}.{where} The defaults are used."


def _keep(path: Path) -> Path | None:
    n = 1
    try:
        while True:
            target = path.with_name(f"{path.stem}.unreadable-{n}{path.suffix}")
            if not target.exists():
                os.replace(path, target)
                return target
            n += 1
    except OSError as exc:
        log.warning("could not move the unreadable settings aside: %s", exc)
        return None


def load(path: Path | None = None) -> Settings:
    """The saved settings; defaults when there are none or the file is unreadable (never raises)."""
    return load_with_notice(path)[0]


def save(settings: Settings, path: Path | None = None) -> None:
    path = path or paths.settings_path()
    try:
        write_atomic(path, json.dumps(asdict(settings.normalised()), indent=1))
    except OSError as exc:  # a read-only home must not stop the game
        log.warning("could not save settings to %s: %s", path, exc)
