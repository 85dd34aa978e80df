"""A plain message after an unexpected error: what happened in words, where the details are, a way on."""

from __future__ import annotations

import pygame

from game.ui import paths
from game.ui.scenes.base import Scene, view_check
from game.ui.widgets.doc import P
from game.ui.widgets.scroll import ScrollView


class ErrorScene(Scene):
    def __init__(self, app, message: str):
        super().__init__(app)
        self.message = message
        self.view: ScrollView | None = None

    def layout(self, size):
        tf = self.tf
        w, h = size
        col = min(w - 2 * tf.px(24), tf.px(800))
        rect = pygame.Rect((w - col) // 2, tf.px(40), col, h - tf.px(80))
        blocks = [
            P("Sorry — something went wrong", "title", "warn", after=10),
            P(self.message),
            P(
                f"The details were written to {paths.log_path()}. Your game was saved after your last "
                "decision; choose Continue on the title screen to pick it up.",
                "body",
                "muted",
            ),
            P("Press Enter (or click) for the title screen.", "bold", "accent"),
        ]
        if self.view is None:
            self.view = ScrollView("message", rect, tf, blocks)
        else:
            self.view.set(rect, tf, blocks)

    def handle_event(self, event):
        if (event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE)) or (
            event.type == pygame.MOUSEBUTTONDOWN and event.button == 1
        ):
            from game.ui.scenes.title import TitleScene

            self.app.go(TitleScene(self.app))

    def draw(self, surface):
        self.view.draw(surface)

    def text_checks(self):
        return [view_check(self.view)]
