"""Pause menu, settings that persist, autosave and Continue (even after a kill), corrupt saves, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pygame

from game.ui import paths
from tests.ui.ui_support import MINI, REAL, ROOT


def start_new_game(d):
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    assert d.name == "DecisionScene"


def test_pause_menu_resume_settings_and_save_to_title(make_app):
    d = make_app()
    start_new_game(d)
    decision = d.scene
    d.key(pygame.K_ESCAPE)
    assert d.name == "PauseScene"
    d.key(pygame.K_ESCAPE)  # Esc again resumes
    assert d.scene is decision
    d.key(pygame.K_ESCAPE)
    pause = d.scene
    for _ in range(3):  # past Go back and Histories
        d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)
    assert d.name == "SettingsScene"
    d.key(pygame.K_ESCAPE)  # back to the same pause menu
    assert d.scene is pause
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # Save and quit to title
    assert d.name == "TitleScene"
    assert d.scene.saved is not None and d.scene.menu.items[0].enabled


def test_settings_persist_across_an_app_restart(make_app, home):
    d = make_app()
    d.scene.menu.focus = 2
    d.key(pygame.K_RETURN)
    assert d.name == "SettingsScene"
    d.key(pygame.K_RIGHT)  # text size Medium -> Large
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # high contrast on
    assert d.app.settings.text_size == 2 and d.app.settings.high_contrast
    assert (home / "settings.json").exists()
    big = d.app.tf.scale
    pygame.display.quit()
    d2 = make_app()
    assert d2.app.settings.text_size == 2 and d2.app.settings.high_contrast
    assert d2.app.tf.scale == big
    assert d2.app.tf.pal.bg == (0, 0, 0)


def test_unreadable_settings_fall_back_to_defaults(make_app, home):
    home.mkdir(parents=True)
    (home / "settings.json").write_text("{not json", encoding="utf-8")
    d = make_app()
    assert d.app.settings.text_size == 1


def test_autosave_and_continue_after_a_kill(make_app, home):
    d = make_app(fate="dice", seed=7)
    start_new_game(d)
    pick = next(c for c in d.scene.choices if c.available)
    d.key(pygame.K_0 + pick.number)
    d.key(pygame.K_RETURN)
    assert d.name == "OutcomeScene"
    state = d.scene.session.state
    node, risk, steps = d.app.engine.node(state).id, state.risk, len(state.steps)
    assert paths.autosave_path("mini").exists()
    # the kill: the app object is dropped mid-game without any shutdown
    del d
    pygame.display.quit()
    d2 = make_app(fate="dice", seed=99)
    assert d2.scene.saved is not None
    assert d2.scene.menu.focus == 0  # Continue is offered first
    d2.key(pygame.K_RETURN)
    s2 = d2.scene.session.state
    assert d2.app.engine.node(s2).id == node
    assert s2.risk == risk and len(s2.steps) == steps
    if not s2.ended:
        assert d2.name == "OutcomeScene" and d2.scene.recap
        d2.key(pygame.K_RETURN)
        assert d2.name == "DecisionScene"


def test_corrupt_save_is_reported_and_kept(make_app, home):
    save = paths.autosave_path("mini")
    save.parent.mkdir(parents=True)
    save.write_text('{"format": "excomm-save", "save_version": 1, "seed": "oops"', encoding="utf-8")
    original = save.read_bytes()
    d = make_app()
    assert d.name == "TitleScene"
    assert "could not be read" in d.scene.notice
    kept = list(save.parent.glob("autosave-mini.unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == original
    assert str(kept[0]) in d.scene.notice
    assert not d.scene.menu.items[0].enabled  # no Continue
    d.shot("09-corrupt-save")
    # a new game writes a fresh autosave and never touches the kept file
    start_new_game(d)
    assert save.exists() and kept[0].read_bytes() == original


def test_a_bug_in_a_scene_shows_a_message_not_a_traceback(make_app, home):
    d = make_app()

    def boom(event):
        raise RuntimeError("test fault")

    d.scene.handle_event = boom
    d.key(pygame.K_RETURN)
    assert d.name == "ErrorScene"
    assert "test fault" in d.scene.message
    d.key(pygame.K_RETURN)
    assert d.name == "TitleScene"


def test_no_display_prints_one_line_and_exits_non_zero(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env["EXCOMM_HOME"] = str(tmp_path)
    code = (
        f"from game.ui.app import run; raise SystemExit(run(scenario={str(MINI)!r}, seed=None, size=None, "
        "fullscreen=False))"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert "python main.py text" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1


def test_bad_scenario_is_reported_in_words(tmp_path):
    env = dict(os.environ, EXCOMM_HOME=str(tmp_path), SDL_VIDEODRIVER="dummy")
    code = "from game.ui.app import run; raise SystemExit(run(scenario='no-such-scenario'))"
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "no-such-scenario" in r.stderr and "Traceback" not in r.stderr


def test_settings_file_is_json_with_the_chosen_values(make_app, home):
    d = make_app()
    from game.ui.settings_store import Settings

    d.app.apply_settings(Settings(text_size=0, high_contrast=False, fullscreen=False))
    data = json.loads((home / "settings.json").read_text(encoding="utf-8"))
    assert data == {
        "text_size": 0,
        "high_contrast": False,
        "fullscreen": False,
        "show_odds": False,
        "mark_history": False,
        "volume": 7,
        "muted": False,
    }


def test_new_game_asks_before_replacing_a_game_in_progress(make_app, home):
    d = make_app(REAL)
    start_new_game(d)
    d.key(pygame.K_1)
    d.key(pygame.K_RETURN)
    saved = paths.autosave_path("october-1962").read_bytes()
    pygame.display.quit()
    d = make_app(REAL)
    assert d.scene.saved is not None and not d.scene.saved.state.ended, "a game in progress was saved"
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)  # first press: a question, nothing replaced
    assert d.name == "TitleScene" and "moves to Saved games" in d.scene.notice
    d.key(pygame.K_ESCAPE)  # kept
    assert not d.scene.confirming_new and "Saved games" not in d.scene.notice
    assert paths.autosave_path("october-1962").read_bytes() == saved
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)  # asked again, and confirmed
    assert d.name == "BriefingScene"
    d.key(pygame.K_s)
    assert d.name == "DecisionScene" and len(d.scene.session.state.decisions) == 0
    kept = list(paths.saves_dir().glob("game-*.json"))  # the game it replaced is under Saved games
    assert len(kept) == 1 and kept[0].read_bytes() == saved


def test_new_game_asks_before_replacing_a_finished_game_with_several_histories(make_app, home):
    """A finished game is still its tree of histories: replacing two of them asks first; one alone does not."""
    from game.engine.engine import Engine
    from game.scenario.catalog import load
    from game.session import SaveStore, Session

    engine = Engine(load(str(MINI)))
    session = Session.new(engine, seed=3)
    first = session.current
    while not session.state.ended:
        session.choose(engine.available_ids(session.state)[0])
    session.go_to(first)
    while not session.state.ended:
        session.choose(engine.available_ids(session.state)[-1])
    assert len(session.root.leaves()) == 2
    store = SaveStore(paths.saves_dir())
    store.autosave(session)
    d = make_app(MINI)
    assert d.scene.saved is not None and d.scene.saved.state.ended
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    assert d.name == "TitleScene" and "2 histories" in d.scene.notice and "moves to Saved games" in d.scene.notice


def test_back_from_settings_the_focus_stays_on_settings(make_app):
    d = make_app()
    d.scene.menu.focus = 2
    d.key(pygame.K_RETURN)
    assert d.name == "SettingsScene"
    d.key(pygame.K_ESCAPE)
    assert d.name == "TitleScene" and d.scene.menu.focus == 2


def test_the_1962_choice_is_marked_only_when_the_player_asks(make_app):
    from dataclasses import replace

    d = make_app(REAL)
    start_new_game(d)
    assert d.name == "DecisionScene" and not any(c.historical for c in d.scene.choices)
    d.app.apply_settings(replace(d.app.settings, mark_history=True))
    d.key(pygame.K_ESCAPE)
    pygame.display.quit()
    d = make_app(REAL)
    d.scene.menu.focus = 0  # Continue
    d.key(pygame.K_RETURN)
    while d.name != "DecisionScene":
        d.key(pygame.K_RETURN)
    assert sum(c.historical for c in d.scene.choices) == 1


def test_the_pause_menu_answers_the_keys_its_items_name(make_app):
    d = make_app()
    start_new_game(d)
    d.key(pygame.K_ESCAPE)
    assert d.name == "PauseScene"
    d.key(pygame.K_h)  # "Histories — H: ..."
    assert d.name == "HistoriesScene"
    d.key(pygame.K_ESCAPE)
    assert d.name == "DecisionScene"
    first = d.scene.node.id
    pick = next(c for c in d.scene.choices if c.available)
    d.key(pygame.K_0 + pick.number)
    d.key(pygame.K_RETURN)
    assert d.name == "OutcomeScene"
    d.key(pygame.K_ESCAPE)
    assert d.name == "PauseScene"
    d.key(pygame.K_b)  # "Go back a decision — B: ..."
    assert d.name == "DecisionScene" and d.scene.node.id == first


def test_the_title_opens_the_histories_of_the_saved_game_and_comes_back_to_them(make_app, home):
    from game.ui.scenes.title import ACTIONS

    d = make_app(fate="dice", seed=7)
    item = d.scene.menu.items[ACTIONS.index("histories")]
    assert item.label == "Histories" and not item.enabled  # nothing played yet: nothing to show
    start_new_game(d)
    pick = next(c for c in d.scene.choices if c.available)
    d.key(pygame.K_0 + pick.number)
    d.key(pygame.K_RETURN)
    played = d.scene.session.state.steps[-1].option
    del d
    pygame.display.quit()
    d2 = make_app(fate="dice", seed=99)
    assert d2.scene.menu.items[ACTIONS.index("histories")].enabled
    d2.scene.menu.focus = ACTIONS.index("histories")
    d2.key(pygame.K_RETURN)
    assert d2.name == "HistoriesScene"
    assert any(m.choice == played for m in d2.scene.lines[d2.scene.row].marks)  # the saved game's own line
    d2.key(pygame.K_ESCAPE)
    assert d2.name == "TitleScene" and d2.scene.menu.focus == ACTIONS.index("histories")
