"""Settings: text size, high contrast, full screen, volume and sound. Saved at once; `back` is where to return."""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.ui.scenes.base import Scene
from game.ui.settings_store import TEXT_SIZES
from game.ui.widgets.buttons import Menu, MenuItem, menu_check
from game.ui.widgets.doc import P
from game.ui.widgets.fixed import FixedText

BACK = 6  # the menu's last item


class SettingsScene(Scene):
    def __init__(self, app, back: Scene):
        super().__init__(app)
        self.back = back
        self.menu = Menu(self._items(), 0)

    def _items(self) -> list[MenuItem]:
        s = self.app.settings
        on = {True: "On", False: "Off"}
        return [
            MenuItem(f"Text size: {TEXT_SIZES[s.text_size]}", True, "← → or Enter to change"),
            MenuItem(f"High contrast: {on[s.high_contrast]}", True, "Black background, white text, yellow focus"),
            MenuItem(f"Full screen: {on[self.app.fullscreen]}", True, "Also F11, anywhere"),
            MenuItem(
                f"Odds during play: {on[s.show_odds]}",
                True,
                "The exact odds of every option at each decision (always on the histories screen)",
            ),
            MenuItem(
                f"Mark the 1962 choice: {on[s.mark_history]}",
                True,
                "Show which option the ExComm took (off for a first play: no answers given)",
            ),
            MenuItem(
                f"Sound: {'Off' if s.muted else 'On'}, volume {s.volume} of 10",
                True,
                "← → volume · Enter on or off (also M) · sounds only repeat what the screen shows",
            ),
            MenuItem("Back", True, "Esc"),
        ]

    def layout(self, size):
        tf = self.tf
        w = size[0]
        col = min(w - 2 * tf.px(24), tf.px(620))
        x = (w - col) // 2
        self.head = FixedText(
            "header",
            [
                P("Settings", "title", "accent", after=4),
                P("Changes apply at once and are remembered.", "body", "muted"),
            ],
            col,
            tf,
        ).place(x, tf.px(16))
        self.menu.items = self._items()
        self.menu.layout(tf, w // 2, self.head.rect.bottom + tf.px(16), col)

    def change(self, index: int, step: int = 1, pressed: bool = False) -> None:
        s = self.app.settings
        new = replace(s, fullscreen=self.app.fullscreen)
        if index == 0:
            new.text_size = (s.text_size + step) % len(TEXT_SIZES)
        elif index == 1:
            new.high_contrast = not s.high_contrast
        elif index == 2:
            new.fullscreen = not self.app.fullscreen
        elif index == 3:
            new.show_odds = not s.show_odds
        elif index == 4:
            new.mark_history = not s.mark_history
        elif index == 5 and pressed:
            new.muted = not s.muted
        elif index == 5:
            new.volume = max(0, min(10, s.volume + step))
        self.app.apply_settings(new)
        self.dirty()

    def handle_event(self, event):
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                self.app.go(self.back)
                return
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.menu.focus < BACK:
                self.change(self.menu.focus, 1 if event.key == pygame.K_RIGHT else -1)
                return
        before = self.menu.focus
        chosen = self.menu.handle_event(event)
        if before != self.menu.focus or event.type == pygame.KEYDOWN:
            self.dirty()
        if chosen is not None:
            if chosen == BACK:
                self.app.go(self.back)
            else:
                self.change(chosen, pressed=True)

    def draw(self, surface):
        self.head.draw(surface)
        self.menu.draw(surface, self.tf)

    def text_checks(self):
        return [self.head.check(), menu_check(self.menu, self.tf, self.app.size[1])]
