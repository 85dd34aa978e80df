"""Shared test set-up: no test opens a real window or audio device; CI runs reproducibly."""

import os

import pytest
from hypothesis import settings

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# Under CI the property tests use a fixed sequence of examples, so a run is reproducible;
# locally they explore new examples every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch):
    """Every test keeps its saves and settings in a folder of its own, never the user's."""
    monkeypatch.setenv("EXCOMM_HOME", str(tmp_path_factory.mktemp("home")))
