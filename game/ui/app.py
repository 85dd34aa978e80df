"""The window, the loop and the scene in charge. `run(...)` is what `python main.py` calls.

The loop is events → update(dt) → draw, drawing only when something changed and blocking on
`pygame.event.wait` when nothing animates. Tests drive `App` directly: `handle(event)`, `tick()`,
`draw()`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
import traceback
import warnings
from pathlib import Path

import pygame

from game.engine.engine import Engine
from game.scenario.compiled import CompiledScenario
from game.ui import paths, settings_store
from game.ui.scenes.base import Scene
from game.ui.settings_store import Settings
from game.ui.theme import palette, scale_for
from game.ui.widgets.text import Typeface

log = logging.getLogger("excomm.ui")

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (1024, 600)
IDLE_POLL_S = 0.015  # a static screen checks for input ~66 times a second: answered within a frame, ~no CPU
FPS = 60
TEXT_ALTERNATIVE = "python main.py text"


class App:
    """Owns pygame's display, the settings, the typeface and the current scene."""

    def __init__(
        self,
        scenario: CompiledScenario,
        seed: int | None = None,
        size: tuple[int, int] | None = None,
        fullscreen: bool | None = None,
        fate: str = "dice",
        home: Path | None = None,
    ):
        if home is not None:
            os.environ["EXCOMM_HOME"] = str(home)
        self.scenario = scenario
        self.engine = Engine(scenario)
        self.seed = seed
        self.fate = fate
        self.save_path = paths.autosave_path()
        self.settings = settings_store.load()
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(f"ExComm — {scenario.model.title}")
        self.windowed_size = tuple(size) if size else DEFAULT_SIZE
        self.fullscreen = self.settings.fullscreen if fullscreen is None else fullscreen
        self.screen = self._set_mode()
        with contextlib.suppress(pygame.error):
            pygame.key.set_repeat(350, 35)
        self._typefaces: dict[tuple, Typeface] = {}
        self.tf = self._typeface()
        self.dirty = True
        self.running = True
        self.exit_code = 0
        self.frames = 0
        self._next: Scene | None = None
        from game.ui.scenes.title import TitleScene

        self.scene: Scene = TitleScene(self)
        self.scene.layout(self.size)
        self.scene.startup()

    # window -----------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    def _set_mode(self) -> pygame.Surface:
        if self.fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error as exc:
                log.warning("fullscreen failed (%s); using a window", exc)
                self.fullscreen = False
        screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().minimum_size = MIN_SIZE
        except (AttributeError, pygame.error):
            pass
        return screen

    def set_fullscreen(self, on: bool) -> None:
        if on == self.fullscreen:
            return
        if on:
            self.windowed_size = self.size
        self.fullscreen = on
        self.screen = self._set_mode()
        self.settings.fullscreen = self.fullscreen
        settings_store.save(self.settings)
        self.relayout()

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(1, int(size[0])), max(1, int(size[1])))
        surface = pygame.display.get_surface()
        if surface is None or surface.get_size() != size:
            surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.screen = surface
        if not self.fullscreen:
            self.windowed_size = size
        self.relayout()

    def _typeface(self) -> Typeface:
        scale = round(scale_for(self.size, self.settings.text_size), 2)
        key = (scale, self.settings.high_contrast)
        tf = self._typefaces.get(key)
        if tf is None:
            tf = self._typefaces[key] = Typeface(scale, palette(self.settings.high_contrast))
        return tf

    def relayout(self) -> None:
        self.tf = self._typeface()
        self.scene.layout(self.size)
        self.dirty = True

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings.normalised()
        settings_store.save(self.settings)
        if self.settings.fullscreen != self.fullscreen:
            self.set_fullscreen(self.settings.fullscreen)
        self.relayout()

    # scenes -----------------------------------------------------------------
    def go(self, scene: Scene) -> None:
        """Hand over to `scene` at the end of this event/update."""
        self._next = scene

    def _switch(self) -> None:
        while self._next is not None:
            scene, self._next = self._next, None
            self.scene = scene
            scene.layout(self.size)
            scene.startup()
            self.dirty = True

    def fail(self, where: str, exc: BaseException) -> None:
        """A bug in a scene: log the details and show the player a way on, never a traceback."""
        log.error("error in %s:\n%s", where, "".join(traceback.format_exception(exc)))
        from game.ui.scenes.message import ErrorScene

        if isinstance(self.scene, ErrorScene):
            raise exc
        self._next = ErrorScene(self, f"Something went wrong ({type(exc).__name__}: {exc}).")
        self._switch()

    # the three calls a frame is made of ----------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        try:
            t = event.type
            if t == pygame.QUIT:
                self.running = False
                return
            if t == pygame.VIDEORESIZE:
                self.resize(event.size)
                return
            if t == pygame.WINDOWSIZECHANGED:
                self.resize((event.x, event.y))
                return
            if t in (
                pygame.WINDOWEXPOSED,
                pygame.WINDOWSHOWN,
                pygame.WINDOWRESTORED,
                pygame.WINDOWFOCUSGAINED,
                pygame.VIDEOEXPOSE,
            ):
                self.dirty = True
                return
            if t == pygame.KEYDOWN and event.key == pygame.K_F11:
                self.set_fullscreen(not self.fullscreen)
                return
            if t in (
                pygame.KEYDOWN,
                pygame.MOUSEBUTTONDOWN,
                pygame.MOUSEBUTTONUP,
                pygame.MOUSEWHEEL,
                pygame.MOUSEMOTION,
                pygame.TEXTINPUT,
                pygame.KEYUP,
            ):
                self.scene.handle_event(event)
                self._switch()
        except Exception as exc:
            self.fail("handling input", exc)

    def tick(self, dt: float = 0.0) -> None:
        try:
            self.scene.update(dt)
            self._switch()
        except Exception as exc:
            self.fail("update", exc)

    def draw(self, force: bool = False) -> bool:
        """Redraw if something changed; True when a frame was drawn."""
        if not (self.dirty or force or self.scene.animating):
            return False
        try:
            self.screen.fill(self.tf.pal.bg)
            self.scene.draw(self.screen)
        except Exception as exc:
            self.fail("drawing", exc)
            self.screen.fill(self.tf.pal.bg)
            self.scene.draw(self.screen)
        self.dirty = False
        self.frames += 1
        return True

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.running = False

    def loop(self, on_first_frame=None) -> int:
        clock = pygame.time.Clock()
        last = time.perf_counter()
        while self.running:
            events = pygame.event.get()
            if not events and not (self.scene.animating or self.dirty):
                # pygame's event.wait() polls every millisecond (a few % of a core); a short sleep is
                # cheaper and still answers input within a frame.
                time.sleep(IDLE_POLL_S)
                continue
            for event in events:
                self.handle(event)
                if not self.running:
                    break
            now = time.perf_counter()
            self.tick(min(0.1, now - last))
            last = now
            if self.draw():
                pygame.display.flip()
                if on_first_frame is not None:
                    on_first_frame()
                    on_first_frame = None
            if self.scene.animating:
                clock.tick(FPS)
        return self.exit_code


# ------------------------------------------------------------------------------ entry point


def no_display_reason() -> str | None:
    """Why no window can be opened here, if we can tell without trying."""
    driver = os.environ.get("SDL_VIDEODRIVER", "").lower()
    if driver in ("dummy", "offscreen"):
        return None
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no graphical display was found (DISPLAY and WAYLAND_DISPLAY are not set)"
    return None


def _setup_logging() -> Path | None:
    path = paths.log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def run(
    scenario: str | None = None,
    seed: int | None = None,
    size: tuple[int, int] | None = None,
    fullscreen: bool = False,
    *,
    fate: str = "dice",
    on_first_frame=None,
) -> int:
    """Open the game window and play; returns the process exit code. Never lets a traceback out."""
    log_file = _setup_logging()
    try:
        from game.scenario import catalog
        from game.scenario.errors import ScenarioError

        reason = no_display_reason()
        if reason:
            _say(f"ExComm cannot open its window: {reason}. Play in the terminal instead: {TEXT_ALTERNATIVE}")
            return 2
        try:
            compiled = catalog.load(scenario)
        except ScenarioError as exc:
            _say(f"ExComm cannot load the scenario '{scenario or catalog.DEFAULT_SCENARIO}':\n{exc}")
            return 2
        try:
            app = App(compiled, seed=seed, size=size, fullscreen=fullscreen or None, fate=fate)
        except pygame.error as exc:
            log.warning("display failed: %s", exc)
            _say(f"ExComm cannot open its window ({exc}). Play in the terminal instead: {TEXT_ALTERNATIVE}")
            return 2
        try:
            return app.loop(on_first_frame)
        finally:
            pygame.quit()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        log.error("fatal error:\n%s", traceback.format_exc())
        where = f" Details are in {log_file}." if log_file else ""
        _say(
            f"ExComm stopped because of an unexpected error ({type(exc).__name__}: {exc}).{where} "
            "Your game was autosaved after your last decision."
        )
        return 1
