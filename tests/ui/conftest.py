"""Fixtures for the pygame front end: a private EXCOMM_HOME and an App driven by synthetic events."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.ui.ui_support import MINI, Driver

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("EXCOMM_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def make_app(home):
    import pygame

    from game.scenario import catalog
    from game.ui.app import App

    def make(path: Path | None = None, size=(1280, 720), fate="history", seed=1):
        app = App(catalog.load(str(path or MINI)), seed=seed, size=size, fate=fate)
        app.draw()
        return Driver(app)

    yield make
    pygame.display.quit()
