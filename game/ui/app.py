"""The window, the loop and the scene in charge. `run(...)` is what `python main.py` calls.

The loop is events → update(dt) → draw, drawing only when something changed and blocking on
sleeping briefly when nothing animates. Tests drive `App` directly: `handle(event)`, `tick()`, `draw()`.

Start-up is split for speed: the window and the title screen need only pygame and the UI's light
modules; the scenario (and with it the core and pydantic) is loaded by a `ScenarioLoader` on a worker
thread started right after the first frame. Only the main thread touches pygame: the worker loads,
then hands back the compiled scenario or the error, which the main thread picks up in `tick()`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.fileio import clean_stale_temps
from game.ui import paths, settings_store
from game.ui.icon import window_icon
from game.ui.scenes.base import Scene
from game.ui.settings_store import Settings
from game.ui.theme import palette, scale_for
from game.ui.widgets.text import Typeface
from game.ui.widgets.toast import Toast

if TYPE_CHECKING:
    from game.scenario.compiled import CompiledScenario

log = logging.getLogger("excomm.ui")

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (1024, 600)  # the smallest layout; a smaller window shows it scaled down
MAX_TYPEFACES = 3  # type scales kept with their rendered lines (a resize back and forth reuses them)
IDLE_POLL_S = 0.015  # a static screen checks for input ~66 times a second: answered within a frame, ~no CPU
FPS = 60
TEXT_ALTERNATIVE = "python main.py text"
HEADLESS_DRIVERS = ("dummy", "offscreen")


class ScenarioLoader:
    """Loads a scenario on a worker thread. The worker never touches pygame: it imports the core, loads,
    and leaves either `compiled` or `error` (words for the player) before setting `done`."""

    def __init__(self, name: str | None):
        self.name = name
        self.done = threading.Event()
        self.compiled: CompiledScenario | None = None
        self.error = ""
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._work, name="excomm-scenario-load", daemon=True)
            self.thread.start()

    def _work(self) -> None:
        try:
            from game.scenario import catalog
            from game.scenario.errors import ScenarioError

            try:
                self.compiled = catalog.load(self.name)
            except ScenarioError as exc:
                self.error = f"ExComm cannot load the scenario '{self.name or catalog.DEFAULT_SCENARIO}':\n{exc}"
                return
            # warm the imports the next screens need (core only, no pygame), so the switch is instant
        except Exception as exc:  # a bug or an unreadable file: reported in words, details in the log
            log.error("scenario load failed:\n%s", traceback.format_exc())
            self.error = f"ExComm cannot load the scenario '{self.name or 'default'}' ({type(exc).__name__}: {exc})"
        finally:
            self.done.set()

    def wait(self, timeout: float | None = None) -> bool:
        self.start()
        return self.done.wait(timeout)


def window_title(scenario_title: str) -> str:
    """'ExComm — Thirteen Days', without the game's name twice when the scenario's title starts with it."""
    from game.ui.scenes.title import GAME_NAME
    from game.ui.scenes.title import scenario_title as bare

    rest = bare(scenario_title)
    return f"{GAME_NAME} — {rest}" if rest else GAME_NAME


class App:
    """Owns pygame's display, the settings, the typeface and the current scene."""

    def __init__(
        self,
        scenario: CompiledScenario | None = None,
        seed: int | None = None,
        size: tuple[int, int] | None = None,
        fullscreen: bool | None = None,
        fate: str = "dice",
        home: Path | None = None,
        loader: ScenarioLoader | None = None,
    ):
        """With `scenario` the game is ready at once; with `loader` it becomes ready when the loader is
        done (`start_loading()` starts it; `tick()` picks up the result)."""
        if home is not None:
            os.environ["EXCOMM_HOME"] = str(home)
        self.scenario: CompiledScenario | None = None
        self.engine = None
        self.loader = loader
        self.load_error = ""
        self.seed = seed
        self.fate = fate
        self._store = None  # the saves folder, opened when first needed (the first frame loads no core)
        # What the player must hear about at start (an unusable folder, unreadable settings); the first
        # title screen shows it once.
        self.notices = [n for n in (paths.home_problem(),) if n]
        clean_stale_temps(paths.home())  # half-written settings from a killed run (saves: see probe_autosave)
        self.settings, settings_notice = settings_store.load_with_notice()
        if settings_notice:
            self.notices.append(settings_notice)
        if sys.platform.startswith("linux"):
            # We draw into a software surface and flip it; SDL's GL-backed framebuffer costs 0.1-0.25 s of
            # start-up under X (loading the GL stack) for nothing. An explicit setting wins.
            os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("ExComm")
        with contextlib.suppress(pygame.error):  # some drivers have no icons; the game does not need one
            pygame.display.set_icon(window_icon())
        self.windowed_size = tuple(size) if size else DEFAULT_SIZE
        self.fullscreen = self.settings.fullscreen if fullscreen is None else fullscreen
        self._adopt_window(self._set_mode())
        with contextlib.suppress(pygame.error):
            pygame.key.set_repeat(350, 35)
        self._typefaces: dict[tuple, Typeface] = {}  # the most recently used few (see MAX_TYPEFACES)
        self.tf = self._typeface()
        self.dirty = True
        self.running = True
        self.exit_code = 0
        self.toast = Toast()
        self._key_text = ""  # the text of the key just pressed
        self._swallow = ""  # the text of the key that opened a prompt: SDL sends it next, and it is not typed
        self.frames = 0
        self._next: Scene | None = None
        # Where the classroom's server listens when the setup's "Students' devices" switch is on.
        self.serve_host, self.serve_port = "0.0.0.0", 8962
        self._held: list[tuple[Scene, Callable[[], None]]] = []
        if scenario is not None:
            self._adopt(scenario)
        from game.ui.scenes.title import TitleScene

        self.scene: Scene = TitleScene(self)
        self.scene.layout(self.size)
        self.scene.startup()

    def take_notices(self) -> str:
        """The start-up notices, once: the first title screen shows them."""
        text, self.notices = " ".join(self.notices), []
        return text

    # the scenario ---------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """True once the scenario is loaded and the engine built."""
        return self.engine is not None

    @property
    def loading(self) -> bool:
        return self.engine is None and not self.load_error and self.loader is not None

    @property
    def store(self):
        if self._store is None:
            from game.ui.session import store_for

            self._store = store_for(self)
        return self._store

    def view_settings(self):
        """How much the views give away (the 1962 choice is marked only if the player asked for it)."""
        from game.engine.views import ViewSettings

        return ViewSettings(mark_history=bool(getattr(self.settings, "mark_history", False)))

    def _adopt(self, compiled: CompiledScenario) -> None:
        from game.engine.engine import Engine

        self.scenario = compiled
        self.engine = Engine(compiled)
        with contextlib.suppress(pygame.error):
            pygame.display.set_caption(window_title(compiled.model.title))

    def start_loading(self) -> None:
        if self.loader is not None:
            self.loader.start()

    def poll_loader(self) -> bool:
        """Pick up the worker's result (main thread); True when something changed."""
        loader = self.loader
        if loader is None or not loader.done.is_set() or self.ready or self.load_error:
            return False
        if loader.compiled is not None:
            self._adopt(loader.compiled)
        else:
            self.load_error = loader.error or "ExComm cannot load the scenario."
            _say(self.load_error)
            self.exit_code = 2
            if os.environ.get("SDL_VIDEODRIVER", "").lower() in HEADLESS_DRIVERS:
                self.running = False  # nobody can see the window: the message above is the report
        self.scene.scenario_ready()
        self._switch()
        self.dirty = True
        return True

    # window -----------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        """The size scenes lay out for: the window's, or at least MIN_SIZE (see `_adopt_window`)."""
        return self.screen.get_size()

    def _adopt_window(self, window: pygame.Surface) -> None:
        """Draw into `window`, or, when it is smaller than MIN_SIZE (no window manager enforces the
        minimum, or the screen is small), into a canvas of at least MIN_SIZE that is scaled down into
        it. So every size the system can give draws the same, complete screen, down to 1x1."""
        self.window = window
        w, h = window.get_size()
        need = (max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1]))
        if need == (w, h):
            self.screen = window
        elif getattr(self, "screen", window) is window or self.screen.get_size() != need:
            self.screen = pygame.Surface(need)
        self._view = self._fit_rect()

    def _fit_rect(self) -> pygame.Rect:
        """Where the canvas is shown in the window: scaled to fit, centred, keeping its proportions."""
        (w, h), (cw, ch) = self.window.get_size(), self.screen.get_size()
        k = min(w / cw, h / ch)
        tw, th = max(1, round(cw * k)), max(1, round(ch * k))
        return pygame.Rect((w - tw) // 2, (h - th) // 2, tw, th)

    def _present(self) -> None:
        if self.screen is self.window:
            return
        self.window.fill(self.tf.pal.bg)
        try:
            scaled = pygame.transform.smoothscale(self.screen, self._view.size)
        except (ValueError, pygame.error):  # smoothscale wants 24/32-bit surfaces; any driver will do with this
            scaled = pygame.transform.scale(self.screen, self._view.size)
        self.window.blit(scaled, self._view)

    def pointer(self) -> tuple[int, int]:
        """Where the mouse is, on what the scenes drew (a wheel event carries no position of its own; in a small
        window the layout is scaled, so the raw window position would point at another panel)."""
        return self.to_canvas(pygame.mouse.get_pos())

    def to_canvas(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A window position (of the mouse) as a position on what the scenes drew."""
        if self.screen is self.window:
            return pos
        v, (cw, ch) = self._view, self.screen.get_size()
        return (int((pos[0] - v.x) * cw / v.w), int((pos[1] - v.y) * ch / v.h))

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
            self.windowed_size = self.window.get_size()
        self.fullscreen = on
        self._adopt_window(self._set_mode())
        if not on:
            self._adopt_window(self._restore_window())
        self.settings.fullscreen = self.fullscreen
        settings_store.save(self.settings)
        self.relayout()

    def _restore_window(self) -> pygame.Surface:
        """Back from full screen: SDL without a window manager keeps the full-screen size at the old position,
        partly off screen; put the window back at its own size, centred."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                win = pygame.Window.from_display_module()
                if tuple(win.size) != tuple(self.windowed_size):
                    win.size = self.windowed_size
                win.position = pygame.WINDOWPOS_CENTERED
        except (AttributeError, pygame.error) as exc:
            log.info("could not restore the window (%s)", exc)
        return pygame.display.get_surface() or self.window

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(1, int(size[0])), max(1, int(size[1])))
        surface = pygame.display.get_surface()
        if surface is None or surface.get_size() != size:
            try:
                surface = pygame.display.set_mode(size, pygame.RESIZABLE)
            except pygame.error as exc:  # a size the driver refuses: keep drawing into the window we have
                log.warning("resize to %sx%s failed: %s", *size, exc)
                if surface is None:
                    raise
        self._adopt_window(surface)
        if not self.fullscreen:
            self.windowed_size = size
        self.relayout()

    def _typeface(self) -> Typeface:
        scale = round(scale_for(self.size, self.settings.text_size), 2)
        key = (scale, self.settings.high_contrast)
        tf = self._typefaces.pop(key, None)
        if tf is None:
            tf = Typeface(scale, palette(self.settings.high_contrast))
        self._typefaces[key] = tf  # most recent last; the oldest go, so resizing cannot pile up fonts
        while len(self._typefaces) > MAX_TYPEFACES:
            del self._typefaces[next(iter(self._typefaces))]
        return tf

    def relayout(self) -> None:
        self.tf = self._typeface()
        self.scene.layout(self.size)
        self.dirty = True

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings.normalised()
        settings_store.save(self.settings)
        from game.ui import sound

        sound.get(self)  # volume and mute take effect at once
        if self.settings.fullscreen != self.fullscreen:
            self.set_fullscreen(self.settings.fullscreen)
        self.relayout()

    # scenes -----------------------------------------------------------------
    def go(self, scene: Scene) -> None:
        """Hand over to `scene` at the end of this event/update."""
        self._next = scene

    def _switch(self) -> None:
        switched = False
        while self._next is not None:
            scene, self._next = self._next, None
            self.scene = scene
            scene.layout(self.size)
            if getattr(scene, "_started", False):
                scene.resume()
            else:
                scene._started = True
                scene.startup()
            self.dirty = True
            switched = True
        if switched:
            self._release(everything=False)

    # what a scene keeps running (the classroom's server) ----------------------------------
    def hold(self, owner: Scene, stop: Callable[[], None]) -> None:
        """`owner` keeps something running; `stop()` is called once no current screen leads back to the owner
        (an overlay such as the pause menu or its settings keeps it), and when the window closes."""
        self._held.append((owner, stop))

    def hand_over(self, old: Scene, new: Scene) -> None:
        """What `old` holds is held by `new` from now on (the lesson's server goes on into its debrief)."""
        self._held = [(new if owner is old else owner, stop) for owner, stop in self._held]

    def _release(self, everything: bool) -> None:
        chain = set()
        scene: Scene | None = None if everything else self.scene
        while scene is not None and id(scene) not in chain:
            chain.add(id(scene))
            scene = getattr(scene, "under", None) or getattr(scene, "back", None)
        keep = []
        for owner, stop in self._held:
            if id(owner) in chain:
                keep.append((owner, stop))
                continue
            try:
                stop()
            except Exception as exc:  # stopping must never take the window down
                log.warning("stopping %s failed: %s", type(owner).__name__, exc)
        self._held = keep

    def release_all(self) -> None:
        """Stop whatever the screens hold (the window is closing)."""
        self._release(everything=True)

    def fail(self, where: str, exc: BaseException) -> None:
        """A bug in a scene: log the details and show the player a way on, never a traceback."""
        log.error("error in %s:\n%s", where, "".join(traceback.format_exception(exc)))
        from game.ui.scenes.message import ErrorScene

        if isinstance(self.scene, ErrorScene):
            raise exc
        self._next = ErrorScene(self, f"Something went wrong ({type(exc).__name__}: {exc}).")
        self._switch()

    def begin_text_input(self) -> None:
        """A prompt opens for typing. The letter of the key that opened it (N: name) follows its key-down as
        text, and is dropped rather than typed into the prompt."""
        pygame.key.start_text_input()
        self._swallow = self._key_text

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
            if "pos" in event.dict and self.screen is not self.window:
                event = pygame.event.Event(t, {**event.dict, "pos": self.to_canvas(event.pos)})
            if t == pygame.TEXTINPUT and self._swallow:
                swallowed, self._swallow = self._swallow, ""
                if event.text == swallowed:
                    return
            elif t in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
                self._swallow = ""
                self._key_text = getattr(event, "unicode", "") if t == pygame.KEYDOWN else ""
            if t in (
                pygame.KEYDOWN,
                pygame.MOUSEBUTTONDOWN,
                pygame.MOUSEBUTTONUP,
                pygame.MOUSEWHEEL,
                pygame.MOUSEMOTION,
                pygame.TEXTINPUT,
                pygame.KEYUP,
            ):
                if t in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and self.toast.text:
                    self.toast.text = ""  # a notice lasts until the next input (the idle loop runs no clock)
                    self.dirty = True
                self.scene.handle_event(event)
                self._switch()
        except Exception as exc:
            self.fail("handling input", exc)

    def tick(self, dt: float = 0.0) -> None:
        try:
            self.poll_loader()
            self.scene.update(dt)
            if self.toast.update(dt):
                self.dirty = True
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
            self.toast.draw(self.screen, self.tf)
        except Exception as exc:
            self.fail("drawing", exc)
            self.screen.fill(self.tf.pal.bg)
            self.scene.draw(self.screen)
        self._present()
        self.dirty = False
        self.frames += 1
        return True

    def quit(self, code: int = 0) -> None:
        self.exit_code = code if not self.load_error else max(code, 2)
        self.running = False

    def loop(self, on_first_frame=None) -> int:
        clock = pygame.time.Clock()
        last = time.perf_counter()
        while self.running:
            events = pygame.event.get()
            pending = self.loader is not None and self.loader.done.is_set() and not (self.ready or self.load_error)
            if not events and not (self.scene.animating or self.dirty or pending):
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
                if self.frames == 1:
                    self.start_loading()  # the title is on screen and interactive: now the heavy part
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
    if driver in HEADLESS_DRIVERS:
        return None
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no graphical display was found (DISPLAY and WAYLAND_DISPLAY are not set)"
    return None


def _setup_logging() -> Path | None:
    path = paths.log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8", errors="backslashreplace")
    except (OSError, ValueError):
        # No log file: warnings must not spill onto the terminal instead (the title screen says
        # where saving is impossible).
        logging.getLogger().addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def _fit_size(size: tuple[int, int] | None) -> tuple[int, int] | None:
    """The window size to open: a size below the smallest layout is raised to it, and the player told."""
    if size is None or (size[0] >= MIN_SIZE[0] and size[1] >= MIN_SIZE[1]):
        return size
    fitted = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
    _say(
        f"--size {size[0]}x{size[1]} is smaller than the game can lay out; opening at {fitted[0]}x{fitted[1]} "
        f"(the smallest is {MIN_SIZE[0]}x{MIN_SIZE[1]})."
    )
    return fitted


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
    start: str = "",
    serve: tuple[str, int] | None = None,
) -> int:
    """Open the game window and play; returns the process exit code. Never lets a traceback out."""
    log_file = _setup_logging()
    try:
        reason = no_display_reason()
        if reason:
            _say(f"ExComm cannot open its window: {reason}. Play in the terminal instead: {TEXT_ALTERNATIVE}")
            return 2
        loader = ScenarioLoader(scenario)  # started after the first frame (see App.loop)
        size = _fit_size(size)
        try:
            app = App(None, seed=seed, size=size, fullscreen=fullscreen or None, fate=fate, loader=loader)
        except pygame.error as exc:
            log.warning("display failed: %s", exc)
            _say(f"ExComm cannot open its window ({exc}). Play in the terminal instead: {TEXT_ALTERNATIVE}")
            return 2
        if start == "classroom":  # straight to the classroom setup once the scenario is loaded
            app.scene.pending = "classroom"
        if serve is not None:  # `classroom --host/--port`: where the students' devices switch listens
            app.serve_host, app.serve_port = serve
        try:
            return app.loop(on_first_frame)
        finally:
            app.release_all()
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
