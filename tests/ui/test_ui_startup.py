"""Fast start-up: the title comes up before the scenario is loaded (on a worker thread), and stays usable."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pygame

from game.ui.app import App, ScenarioLoader
from tests.ui.ui_support import MINI, ROOT, Driver

HEAVY = ("pydantic", "yaml", "game.scenario", "game.engine", "game.analysis", "game.cli")


class GatedLoader(ScenarioLoader):
    """A loader that waits for the test to open the gate, so 'still loading' can be looked at."""

    def __init__(self, name):
        super().__init__(name)
        self.gate = threading.Event()

    def _work(self):
        self.gate.wait(30)
        super()._work()


def finish(d: Driver, loader: ScenarioLoader) -> None:
    if isinstance(loader, GatedLoader):
        loader.gate.set()
    assert loader.wait(30)
    d.step()


def test_first_frame_imports_no_core_and_no_pydantic(tmp_path):
    env = dict(os.environ, EXCOMM_HOME=str(tmp_path), SDL_VIDEODRIVER="dummy")
    code = (
        "import sys\n"
        "from game.ui.app import App, ScenarioLoader\n"
        f"app = App(None, size=(1024, 600), loader=ScenarioLoader({str(MINI)!r}))\n"
        "assert app.draw()\n"
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]", f"the first frame imported {r.stdout.strip()}"


def test_title_is_interactive_while_loading_and_new_game_waits(home):
    loader = GatedLoader(str(MINI))
    d = Driver(App(None, size=(1024, 600), fate="history", loader=loader))
    d.step()
    loader.start()
    assert d.name == "TitleScene" and not d.app.ready
    assert d.scene.menu.focus == 1  # no save: New game
    d.key(pygame.K_DOWN)  # the menu answers at once
    d.key(pygame.K_UP)
    d.key(pygame.K_RETURN)
    assert d.name == "TitleScene" and d.scene.pending == "new"
    assert "Preparing the briefing" in " ".join(str(it[4]) for it in d.scene.note.laid.items if it[0] == "t")
    d.shot("00-title-preparing")
    finish(d, loader)
    assert d.app.ready and d.name == "BriefingScene"
    pygame.display.quit()


def test_settings_while_loading_then_back_to_a_ready_title(home):
    loader = GatedLoader(str(MINI))
    d = Driver(App(None, size=(1280, 720), fate="history", loader=loader))
    d.step()
    loader.start()
    d.scene.menu.focus = 2
    d.key(pygame.K_RETURN)
    assert d.name == "SettingsScene"
    finish(d, loader)
    d.key(pygame.K_ESCAPE)
    assert d.name == "TitleScene" and d.app.ready
    assert d.scene.probed and "Loading" not in str(d.scene.head.laid.items)
    pygame.display.quit()


def test_continue_chosen_before_the_load_resumes_the_save(make_app, home):
    d = make_app(fate="history")
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    assert d.name == "DecisionScene"
    pygame.display.quit()
    loader = GatedLoader(str(MINI))
    d2 = Driver(App(None, size=(1280, 720), fate="history", loader=loader))
    d2.step()
    loader.start()
    assert d2.scene.menu.focus == 0 and d2.scene.menu.items[0].enabled  # the file exists: Continue first
    d2.key(pygame.K_RETURN)
    assert d2.scene.pending == "continue"
    finish(d2, loader)
    assert d2.name == "DecisionScene"
    pygame.display.quit()


def test_a_load_error_is_shown_and_quitting_exits_non_zero(home, monkeypatch, capsys):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    loader = ScenarioLoader("no-such-scenario")
    d = Driver(App(None, size=(1024, 600), loader=loader))
    d.step()
    loader.start()
    finish(d, loader)
    assert d.app.load_error and "no-such-scenario" in d.app.load_error
    assert "no-such-scenario" in capsys.readouterr().err
    assert not d.app.running and d.app.exit_code == 2  # headless: stop at once, the message is the report
    assert not d.scene.menu.items[1].enabled  # no New game without a scenario
    d.shot("00-title-load-error")
    pygame.display.quit()
