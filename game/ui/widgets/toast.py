"""A one-line notice over the bottom of any screen (what a key did: 'Sound off', how to enable reading).

It stays until the next key or click (the app clears it), or SHOW_S seconds of ticks while something runs."""

from __future__ import annotations

import pygame

from game.ui.widgets.text import Typeface

SHOW_S = 6.0


class Toast:
    def __init__(self) -> None:
        self.text = ""
        self.left = 0.0

    def show(self, text: str) -> None:
        self.text = text
        self.left = SHOW_S

    def update(self, dt: float) -> bool:
        """Count down; True when the notice just went away (the screen needs a redraw)."""
        if not self.text:
            return False
        self.left -= dt
        if self.left <= 0:
            self.text = ""
            return True
        return False

    def draw(self, surface: pygame.Surface, tf: Typeface) -> None:
        if not self.text:
            return
        w, h = surface.get_size()
        width = min(w - tf.px(40), tf.px(900))
        lines = tf.wrap("body", self.text, width - tf.px(24))
        box = pygame.Rect(0, 0, width, len(lines) * tf.line_height("body") + tf.px(16))
        box.midbottom = (w // 2, h - tf.px(64))
        pygame.draw.rect(surface, tf.pal.panel_alt, box, border_radius=8)
        pygame.draw.rect(surface, tf.pal.accent, box, 2, border_radius=8)
        y = box.y + tf.px(8)
        for line in lines:
            surface.blit(tf.render("body", line, "text"), (box.x + tf.px(12), y))
            y += tf.line_height("body")
