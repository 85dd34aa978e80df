"""The pause menu over the current screen: resume, settings, save and quit to title, quit."""

from __future__ import annotations

import pygame

from game.ui.scenes.base import Scene
from game.ui.widgets.buttons import Menu, MenuItem, menu_check
from game.ui.widgets.doc import P
from game.ui.widgets.fixed import FixedText


class PauseScene(Scene):
    def __init__(self, app, under: Scene, session):
        super().__init__(app)
        self.under = under
        self.session = session
        self.menu = Menu(
            [
                MenuItem("Resume", True, "Esc"),
                MenuItem("Go back a decision", session is not None, "B: choose again; this line is kept."),
                MenuItem("Histories", session is not None, "H: every line you have played, beside 1962."),
                MenuItem("Settings"),
                MenuItem("Save and quit to title", True, "The game is also saved after every decision."),
                MenuItem("Quit the game", True, "Saved; Continue picks up here."),
            ],
            0,
        )

    def layout(self, size):
        self.under.layout(size)
        tf = self.tf
        w, h = size
        col = min(w - 2 * tf.px(24), tf.px(520))
        self.head = FixedText("header", [P("Paused", "title", "accent")], col, tf)
        menu_h = self.menu.height(tf, col)
        total = self.head.height + tf.px(12) + menu_h
        top = max(tf.px(12), (h - total) // 2)
        self.head.place((w - col) // 2, top)
        self.menu.layout(tf, w // 2, self.head.rect.bottom + tf.px(12), col)
        self.box = pygame.Rect((w - col) // 2, top, col, total).inflate(tf.px(40), tf.px(40))

    def handle_event(self, event):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.go(self.under)
            return
        before = self.menu.focus
        chosen = self.menu.handle_event(event)
        if event.type == pygame.KEYDOWN and chosen is None and self.session is not None:
            # the keys the items name do here what they do on the screen below
            chosen = {pygame.K_b: 1, pygame.K_h: 2}.get(event.key)
        if before != self.menu.focus or event.type == pygame.KEYDOWN:
            self.dirty()
        if chosen == 0:
            self.app.go(self.under)
        elif chosen == 1:
            from game.ui.scenes.common import go_back

            if not go_back(self.app, self.session):
                self.app.go(self.under)
        elif chosen == 2:
            from game.ui.scenes.common import open_histories

            open_histories(self.app, self.session, self.under)
        elif chosen == 3:
            from game.ui.scenes.settings import SettingsScene

            self.app.go(SettingsScene(self.app, back=self))
        elif chosen == 4:
            from game.ui.scenes.title import TitleScene

            if self.session is not None:
                self.session.autosave()
            self.app.go(TitleScene(self.app))
        elif chosen == 5:
            if self.session is not None:
                self.session.autosave()
            self.app.quit(0)

    def draw(self, surface):
        self.under.draw(surface)
        veil = pygame.Surface(surface.get_size())
        veil.fill(self.tf.pal.bg)
        veil.set_alpha(200)
        surface.blit(veil, (0, 0))
        pygame.draw.rect(surface, self.tf.pal.panel, self.box, border_radius=10)
        pygame.draw.rect(surface, self.tf.pal.accent, self.box, 2, border_radius=10)
        self.head.draw(surface)
        self.menu.draw(surface, self.tf)

    def text_checks(self):
        return [self.head.check(), menu_check(self.menu, self.tf, self.app.size[1])]
