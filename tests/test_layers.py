"""The house rules a newcomer can rely on: layers import one way, and each core package pins its public API.

scenario ← engine ← session / analysis / report ← cli / ui. `errors`, `fileio`, `locations` sit
below everything; `wording` between the scenario and the engine. Checked on the source (every
import statement, including those inside functions), so a lazy import cannot hide an upward one.
"""

import ast
import importlib
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parents[1] / "game"
RANK = {
    "errors": 0,
    "fileio": 0,
    "locations": 0,
    "scenario": 1,
    "wording": 1.5,
    "engine": 2,
    "analysis": 3,
    "session": 3,
    "report": 3,
    "classroom": 3.5,
    "cli": 4,
    "ui": 4,
    "server": 4,
    "__main__": 5,
}
CORE = ("scenario", "engine", "analysis", "session", "report", "classroom")


def _layer(path: Path) -> str:
    rel = path.relative_to(GAME)
    return rel.parts[0].removesuffix(".py") if rel.parts else ""


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def test_every_module_has_a_layer():
    layers = {_layer(p) for p in GAME.rglob("*.py") if p.name != "__init__.py" or p.parent != GAME}
    assert layers <= set(RANK), f"unranked: {layers - set(RANK)}"


def test_layers_import_one_way():
    upward = []
    for path in GAME.rglob("*.py"):
        here = _layer(path)
        if here not in RANK:
            continue
        for line, module in _imports(path):
            parts = module.split(".")
            if parts[0] != "game" or len(parts) < 2:
                continue
            there = parts[1]
            if there in RANK and RANK[there] > RANK[here]:
                upward.append(f"{path.relative_to(GAME.parent)}:{line} imports {module}")
    assert not upward, "lower layers import higher ones:\n" + "\n".join(upward)


def test_the_core_never_imports_pygame():
    leaks = []
    for path in GAME.rglob("*.py"):
        if _layer(path) == "ui":
            continue
        leaks += [
            f"{path}:{line}" for line, module in _imports(path) if module.split(".")[0] in ("pygame", "pygame_gui")
        ]
    assert not leaks


PUBLIC = {
    "game.errors": ["AnalysisError", "ExcommError", "RuleError", "SaveError", "UnreadableFile", "excerpt"],
    "game.engine.views": [
        "PRIVATE_TITLE",
        "DecisionView",
        "SecretView",
        "StepView",
        "ViewSettings",
        "decision_view",
        "sees",
        "step_view",
    ],
    "game.session": [
        "MIN_SAVE_VERSION",
        "SAVE_VERSION",
        "Comment",
        "Decide",
        "Delete",
        "Facilitate",
        "GameConfig",
        "GoTo",
        "HistoryNode",
        "Inject",
        "Input",
        "Label",
        "PathCheck",
        "Promote",
        "Reveal",
        "SaveInfo",
        "SaveProblem",
        "SaveStore",
        "Session",
        "Setup",
        "Tally",
        "Unvote",
        "Vote",
        "dump_session",
        "load_session",
        "read_save_file",
    ],
}


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_public_api_is_pinned(module):
    mod = importlib.import_module(module)
    assert sorted(mod.__all__) == sorted(PUBLIC[module]), "a change of public API must be deliberate: update PUBLIC"
    for name in mod.__all__:
        assert hasattr(mod, name), f"{module}.__all__ names {name}, which does not exist"


@pytest.mark.parametrize("package", CORE)
def test_each_core_package_declares_its_public_api(package):
    mod = importlib.import_module(f"game.{package}")
    assert getattr(mod, "__all__", None), f"game.{package} has no __all__"
    for name in mod.__all__:
        assert hasattr(mod, name)


def test_every_game_error_shares_one_base():
    from game import errors
    from game.scenario.errors import ScenarioError

    for cls in (errors.SaveError, errors.RuleError, errors.AnalysisError, errors.UnreadableFile, ScenarioError):
        assert issubclass(cls, errors.ExcommError)


def test_the_server_never_imports_the_window_or_the_command_line():
    """The classroom server runs without a display: it may be imported by the window and the CLI, never the reverse."""
    leaks = [
        f"{path}:{line} imports {module}"
        for path in (GAME / "server").rglob("*.py")
        for line, module in _imports(path)
        if module.split(".")[:2] in (["game", "ui"], ["game", "cli"]) or module.split(".")[0] == "pygame"
    ]
    assert not leaks
