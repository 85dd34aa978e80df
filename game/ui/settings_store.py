"""Player settings (text size, contrast, fullscreen, volume and mute), kept as JSON in the config folder."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game.fileio import write_atomic
from game.ui import paths

TEXT_SIZES = ("Small", "Medium", "Large")
log = logging.getLogger(__name__)


@dataclass
class Settings:
    text_size: int = 1  # index into TEXT_SIZES
    high_contrast: bool = False
    fullscreen: bool = False
    volume: int = 7  # 0-10
    muted: bool = False

    def normalised(self) -> Settings:
        size = self.text_size if isinstance(self.text_size, int) and 0 <= self.text_size < len(TEXT_SIZES) else 1
        volume = self.volume if isinstance(self.volume, int) and 0 <= self.volume <= 10 else 7
        return Settings(size, bool(self.high_contrast), bool(self.fullscreen), volume, bool(self.muted))


def load(path: Path | None = None) -> Settings:
    """The saved settings; defaults when there are none or the file is unreadable (never raises)."""
    path = path or paths.settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings at %s unreadable (%s); using defaults", path, exc)
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known}).normalised()


def save(settings: Settings, path: Path | None = None) -> None:
    path = path or paths.settings_path()
    try:
        write_atomic(path, json.dumps(asdict(settings.normalised()), indent=1))
    except OSError as exc:  # a read-only home must not stop the game
        log.warning("could not save settings to %s: %s", path, exc)
