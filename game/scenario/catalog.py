"""Where scenarios live, and how a name given by a user becomes a file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from game.scenario.compiled import CompiledScenario
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import load_scenario

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"
DEFAULT_SCENARIO = "october-1962"


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long for a path, or holding a NUL: not a file here
        return False


def bundled_paths() -> list[Path]:
    """Every bundled scenario file, sorted by name."""
    return sorted(SCENARIO_DIR.glob("*.yaml"))


def resolve(name: str | None) -> Path:
    """A scenario id (e.g. 'october-1962') or a path -> the file; raises ScenarioError."""
    name = name or DEFAULT_SCENARIO
    as_path = Path(name)
    if as_path.suffix in (".yaml", ".yml") or _exists(as_path):
        return as_path
    candidate = SCENARIO_DIR / f"{name}.yaml"
    if _exists(candidate):
        return candidate
    known = ", ".join(p.stem for p in bundled_paths()) or "none"
    raise ScenarioError(
        [
            Problem(
                name,
                None,
                None,
                "",
                "no scenario with this id or path",
                f"bundled scenarios: {known}; or give a path to a .yaml file",
            )
        ]
    )


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> CompiledScenario:
    return load_scenario(path)


def load(name: str | None = None) -> CompiledScenario:
    """Load a scenario by id or path (cached while the file is unchanged); raises ScenarioError."""
    path = resolve(name)
    try:
        mtime = path.stat().st_mtime
    except (OSError, ValueError):
        return load_scenario(path)  # let the loader report the problem
    return _load_cached(str(path), mtime)
