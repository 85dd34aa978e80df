"""Issue 13 in the window: no save, settings file, folder or window size can lock the player out,
freeze the window or show "Something went wrong"; wrapping is near linear; caches are bounded."""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path

import pygame
import pytest

from game.ui import paths, settings_store
from game.ui.app import MAX_TYPEFACES, MIN_SIZE
from game.ui.widgets import text as text_widget
from game.ui.widgets.text import Typeface, wrap
from tests.ui.ui_support import MINI

HOSTILE_SAVES = {
    "huge-number": '{"format": "excomm-save", "save_version": 1, "seed": ' + "9" * 5000 + "}",
    "deep": "[" * 30_000 + "]" * 30_000,
    "nan": '{"format": "excomm-save", "save_version": NaN}',
    "binary": "\udcff",  # written as bytes below
}


def write_save(name: str) -> Path:
    save = paths.autosave_path("mini")
    save.parent.mkdir(parents=True, exist_ok=True)
    if name == "binary":
        save.write_bytes(b"\xff\xfe\x00\x01garbage")
    else:
        save.write_text(HOSTILE_SAVES[name], encoding="utf-8")
    return save


def start_new_game(d) -> None:
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    if d.name == "TitleScene":  # asked to confirm replacing a game in progress
        d.key(pygame.K_RETURN)
    assert d.name == "BriefingScene", d.name


@pytest.mark.parametrize("name", sorted(HOSTILE_SAVES))
def test_a_hostile_save_is_reported_once_kept_aside_and_the_title_goes_on(make_app, home, name):
    save = write_save(name)
    original = save.read_bytes()
    d = make_app()
    assert d.name == "TitleScene" and "could not be read" in d.scene.notice
    kept = list(save.parent.glob("autosave-mini.unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == original and not save.exists()
    assert len(d.scene.notice) < 1200
    # the next launch: nothing to report, and New game goes on
    pygame.display.quit()
    d2 = make_app()
    assert d2.name == "TitleScene" and "could not be read" not in d2.scene.notice
    start_new_game(d2)


def test_an_error_screen_leads_back_to_a_working_title(make_app, home):
    """The old lock-out: Enter on the error screen read the save again, and the game exited."""
    from game.ui.scenes.message import ErrorScene

    d = make_app()
    write_save("deep")
    d.app.go(ErrorScene(d.app, "test"))
    d.step()
    d.key(pygame.K_RETURN)
    assert d.name == "TitleScene" and "could not be read" in d.scene.notice
    start_new_game(d)


def test_a_save_unreadable_only_by_permission_is_not_renamed(make_app, home, monkeypatch):
    save = paths.autosave_path("mini")
    save.parent.mkdir(parents=True)
    save.write_text((MINI.parent / "saves" / "v1" / "mini-both-sides.json").read_text())
    real_open = os.open

    def denied(p, *args, **kwargs):
        if Path(p) == save:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    d = make_app()
    assert "permission" in d.scene.notice
    assert save.exists() and not list(save.parent.glob("*.unreadable-*"))


def test_a_save_path_that_is_a_fifo_or_a_device_does_not_freeze_the_title(make_app, home):
    save = paths.autosave_path("mini")
    save.parent.mkdir(parents=True)
    os.mkfifo(save)
    t0 = time.monotonic()
    d = make_app()
    assert time.monotonic() - t0 < 20
    assert "not a regular file" in d.scene.notice
    pygame.display.quit()
    for p in save.parent.iterdir():
        p.unlink()
    save.symlink_to("/dev/zero")
    d = make_app()
    assert "not a regular file" in d.scene.notice


def test_a_save_with_a_two_megabyte_scenario_id_is_shown_cut(make_app, home):
    data = json.loads((MINI.parent / "saves" / "v1" / "mini-both-sides.json").read_text())
    data["scenario_id"] = "x" * 1_900_000
    save = paths.autosave_path("mini")
    save.parent.mkdir(parents=True)
    save.write_text(json.dumps(data))
    t0 = time.monotonic()
    d = make_app()
    assert time.monotonic() - t0 < 20
    assert "for scenario 'xxx" in d.scene.notice and len(d.scene.notice) < 1200


def test_stale_temp_files_in_the_saves_folder_are_cleaned_at_start(make_app, home):
    folder = paths.autosave_path("mini").parent
    folder.mkdir(parents=True)
    stale = [folder / f".autosave.json.{i:08d}.tmp" for i in range(114)]
    for p in stale:
        p.write_text("half a save")
        os.utime(p, (time.time() - 3600, time.time() - 3600))
    make_app()
    assert not any(p.exists() for p in stale)


# ------------------------------------------------------------------ settings


def test_a_nested_settings_file_does_not_stop_the_game_and_is_kept_aside(make_app, home):
    home.mkdir(parents=True)
    settings = home / "settings.json"
    settings.write_text("[" * 30_000 + "]" * 30_000)
    original = settings.read_bytes()
    d = make_app()
    assert d.name == "TitleScene" and "settings could not be read" in d.scene.notice
    kept = home / "settings.unreadable-1.json"
    assert kept.read_bytes() == original and str(kept) in d.scene.notice
    d.app.apply_settings(settings_store.Settings(text_size=2))  # the next change does not overwrite it
    assert kept.read_bytes() == original
    assert json.loads(settings.read_text())["text_size"] == 2


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"high_contrast": "false", "fullscreen": "no", "text_size": True}, settings_store.Settings()),
        ({"high_contrast": 1, "fullscreen": [], "text_size": 1.0}, settings_store.Settings()),
        ({"text_size": 7}, settings_store.Settings()),
        ({"high_contrast": True, "fullscreen": False, "text_size": 2}, settings_store.Settings(2, True, False)),
        ({"text_size": 0, "unknown": "kept out"}, settings_store.Settings(0)),
    ],
)
def test_settings_values_are_typed(tmp_path, data, expected):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(data))
    settings, notice = settings_store.load_with_notice(path)
    assert settings == expected and notice == ""
    assert settings.normalised() == expected


def test_settings_that_are_a_device_a_fifo_or_unreadable(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    path.symlink_to("/dev/urandom")
    assert settings_store.load_with_notice(path)[0] == settings_store.Settings()
    path.unlink()
    os.mkfifo(path)
    settings, notice = settings_store.load_with_notice(path)
    assert settings == settings_store.Settings() and "not a regular file" in notice
    path.unlink()
    path.write_text('{"text_size": 2}')
    real_open = os.open

    def denied(p, *args, **kwargs):
        if Path(p) == path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    settings, notice = settings_store.load_with_notice(path)
    assert "permission" in notice and path.exists() and not list(tmp_path.glob("*.unreadable-*"))


# ------------------------------------------------------------------ EXCOMM_HOME


@pytest.mark.parametrize("kind", ["too-long", "under-a-file", "read-only"])
def test_an_unusable_home_folder_starts_anyway_and_says_saving_is_impossible(make_app, tmp_path, monkeypatch, kind):
    if kind == "too-long":
        home = tmp_path / ("x" * 300) / ("y" * 300)
    elif kind == "under-a-file":
        (tmp_path / "file").write_text("")
        home = tmp_path / "file" / "excomm"
    else:
        home = tmp_path / "ro"
        home.mkdir()
        monkeypatch.setattr(os, "access", lambda *a, **k: False)  # as root, chmod alone would not stop us
    monkeypatch.setenv("EXCOMM_HOME", str(home))
    d = make_app()
    assert d.name == "TitleScene"
    assert "Saving is impossible" in d.scene.notice and "EXCOMM_HOME" in d.scene.notice
    start_new_game(d)  # the game goes on without saving


# ------------------------------------------------------------------ window sizes and caches

TINY = [(1, 1), (2, 3), (40, 40), (99, 99), (99, 700), (1500, 40), (1023, 599), (300, 2000)]


def test_every_window_size_draws_every_screen(make_app, home):
    from game.ui.scenes.message import ErrorScene

    d = make_app()
    sizes = iter(TINY * 40)

    def shrink(drv):
        drv.resize(next(sizes))
        assert not isinstance(drv.scene, ErrorScene)
        assert drv.app.size[0] >= MIN_SIZE[0] and drv.app.size[1] >= MIN_SIZE[1]
        assert drv.app.window.get_size() == drv.app.windowed_size
        drv.key(pygame.K_TAB)  # the decision screen's map tab, where the old failure was
        drv.key(pygame.K_TAB)

    for size in TINY:
        d.resize(size)
        assert not isinstance(d.scene, ErrorScene) and d.app.draw(force=True)
    d.play_documented(on_scene=shrink)
    assert d.name == "DebriefScene"
    for size in TINY:
        d.resize(size)
        assert not isinstance(d.scene, ErrorScene) and d.app.draw(force=True)
    d.resize((1280, 720))
    assert d.app.screen is d.app.window  # full size again: no scaling


def test_clicks_in_a_small_window_land_where_the_scaled_screen_shows_them(make_app, home):
    d = make_app()
    d.resize((512, 300))  # half the minimum: the screen is shown at half size
    on_canvas = d.scene.menu.rects[1].center  # New game, where the scenes drew it
    v = d.app._view
    in_window = (v.x + on_canvas[0] * v.w // d.app.size[0], v.y + on_canvas[1] * v.h // d.app.size[1])
    d.click(in_window)
    assert d.name == "BriefingScene"


def test_typefaces_and_rendered_lines_are_bounded(make_app, home):
    d = make_app()
    for i in range(60):
        d.resize((1024 + 37 * i, 600 + 21 * i))
    assert len(d.app._typefaces) <= MAX_TYPEFACES
    tf = Typeface(1.0, d.app.tf.pal)
    for i in range(3000):
        tf.render("body", f"line {i} " + "w" * (i % 200))
    assert tf.budget == text_widget._CACHE_BYTES and 0.5 * tf.budget < tf.cached_bytes <= tf.budget
    assert len(tf._lines) <= text_widget._CACHE_LIMIT
    again = tf.render("body", "line 2999 " + "w" * (2999 % 200))
    assert again is tf.render("body", "line 2999 " + "w" * (2999 % 200))  # recent lines are still cached


# ------------------------------------------------------------------ wrapping


class CountingFont:
    """A font whose every glyph is 7 px wide and that counts the characters it is asked to measure."""

    def __init__(self) -> None:
        self.measured = 0

    def size(self, text: str) -> tuple[int, int]:
        self.measured += len(text)
        return 7 * len(text), 12


@pytest.mark.parametrize("n", [1_000, 10_000, 100_000])
def test_wrapping_a_long_word_measures_near_linearly(n):
    font = CountingFont()
    lines = wrap(font, "x" * n, 600)
    assert "".join(lines) == "x" * n and all(len(x) * 7 <= 600 for x in lines)
    assert all(len(x) == 85 for x in lines[:-1])  # full lines: 85 glyphs of 7 px in 600 px
    # the old wrap measured ~n^2 / 2 characters per line; this is a few times n, whatever n is
    assert font.measured <= 12 * n, font.measured


@pytest.mark.parametrize("width", [7 * n for n in range(10, 40)])  # no word is cut
def test_no_wrapped_line_starts_or_ends_with_a_separating_dot(width):
    text = "Enter: decide · A: arguments · Esc: menu · H: histories · B: back"
    lines = wrap(CountingFont(), text, width)
    assert all(7 * len(x) <= width for x in lines)
    assert not any(x.startswith("·") or x.endswith("·") for x in lines), lines
    # nothing but the dots at the breaks is dropped: the items come out whole and in order
    items = [i for line in lines for i in line.split(" · ")]
    assert " ".join(items).split() == text.replace(" · ", " ").split()


def test_wrapping_with_a_real_font_keeps_words_and_width(make_app):
    d = make_app()
    font = d.app.tf.font("body")
    text = "A short line, then " + "supercalifragilistic" * 300 + " and the end.\nNext paragraph."
    lines = wrap(font, text, 400)
    assert all(font.size(x)[0] <= 400 for x in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert lines[-1] == "Next paragraph."


def test_probe_autosave_never_raises_and_reports_each_bad_file_once(home, monkeypatch):
    from game.session import store as store_module
    from tests.support import engine

    eng = engine()
    save = write_save("nan")
    store = store_module.SaveStore(save.parent)
    saved, problem = store.probe_autosave(eng)
    assert saved is None and "NaN" in problem.reason and problem.kept_at.exists()
    assert store.probe_autosave(eng) == (None, None)  # moved aside: not reported again

    save.write_text("{}")

    def bug(*args):
        raise RuntimeError("a bug in reading")

    monkeypatch.setattr(store_module, "load_session", bug)
    saved, problem = store.probe_autosave(eng)  # even a bug does not lock the player out
    assert saved is None and "could not be read" in problem.reason and not save.exists()


START = r"""
import sys, pygame
from game.ui.app import run
def first():
    print("NOTICE", pygame.display.get_caption()[0], flush=True)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
sys.exit(run(scenario=sys.argv[1], seed=1, size=(1024, 600), on_first_frame=first))
"""


@pytest.mark.parametrize("kind", ["too-long", "under-a-file"])
def test_the_real_start_up_with_an_unusable_home_prints_no_traceback(tmp_path, kind):
    import subprocess
    import sys

    from tests.ui.ui_support import ROOT

    if kind == "too-long":
        home = str(tmp_path / ("x" * 250)) * 20  # longer than any path the system accepts
    else:
        (tmp_path / "file").write_text("")
        home = str(tmp_path / "file" / "excomm")
    env = dict(os.environ, EXCOMM_HOME=home, SDL_VIDEODRIVER="dummy")
    r = subprocess.run(
        [sys.executable, "-c", START, str(MINI)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
    assert "NOTICE" in r.stdout
    assert r.stderr.strip() == "", r.stderr  # no traceback, and the log does not spill onto the terminal


def test_the_wheel_in_a_small_window_scrolls_the_panel_under_the_pointer(make_app, home, monkeypatch):
    """In a window smaller than the layout the screen is scaled: the wheel must find the panel where it is drawn,
    not where the raw window position would fall on the unscaled layout."""
    import pygame

    from tests.ui.ui_support import REAL

    d = make_app(REAL)
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    assert d.name == "DecisionScene"
    d.resize((512, 300))
    d.key(pygame.K_a)  # every argument: a panel grows past its frame
    panels = [d.scene.views["briefing"], d.scene.options, d.scene.views["escalation"]]
    options = next((p for p in panels if p.max_offset > 0), None)
    assert options is not None, "every panel fits: nothing to scroll"
    target = options.rect.center  # where the scene drew the panel, on the canvas
    v = d.app._view
    in_window = (v.x + target[0] * v.w // d.app.size[0], v.y + target[1] * v.h // d.app.size[1])
    assert not options.rect.collidepoint(in_window)  # the raw position lies elsewhere on the layout
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: in_window)
    d.app.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-3, flipped=False, precise_x=0.0, precise_y=-3.0))
    d.step()
    assert options.offset > 0
