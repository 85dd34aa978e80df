"""The interface every screen implements, and the hand-off between screens.

A scene is built with what it needs (typed constructor arguments) and hands over by calling
`app.go(NextScene(app, ...))`. The app calls, in order each frame: handle_event for each event,
update(dt), then draw(surface) when something changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.widgets.text import Typeface


@dataclass
class TextCheck:
    """A text region, for layout tests: does the text fit where it is drawn?"""

    name: str
    rect: pygame.Rect
    widest: int  # widest line, px
    width: int  # room for lines, px
    height: int  # content height, px
    room: int  # visible height, px
    scrolls: bool  # True: content taller than room is reachable by scrolling
    view: object = None  # the ScrollView, when this region scrolls (tests check no line is cut)


class Scene:
    """Base scene: override startup/layout/handle_event/update/draw as needed."""

    animating = False  # True while something moves: the loop then runs at frame rate

    def __init__(self, app: App):
        self.app = app

    @property
    def tf(self) -> Typeface:
        return self.app.tf

    def startup(self) -> None:
        """Called when the scene becomes current (after layout) for the first time."""

    def resume(self) -> None:
        """Called instead of `startup` when the scene becomes current again (back from an overlay such as
        the codex or the menu); by default the same as `startup`."""
        self.startup()

    def scenario_ready(self) -> None:
        """Called on the current scene when the background scenario load has finished (or failed)."""

    def layout(self, size: tuple[int, int]) -> None:
        """(Re)compute every rect and wrap every text for the window size and type scale."""

    def handle_event(self, event: pygame.event.Event) -> None:
        pass

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def text_checks(self) -> list[TextCheck]:
        return []

    def dirty(self) -> None:
        self.app.dirty = True


def view_check(view) -> TextCheck:
    return TextCheck(
        view.name, view.rect, view.laid.widest, view.laid.width, view.content_h, view.inner().h, True, view
    )
