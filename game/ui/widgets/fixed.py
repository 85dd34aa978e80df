"""Text laid out once into a rect that does not scroll (headers, footers, labels): sized from its content."""

from __future__ import annotations

import pygame

from game.ui.scenes.base import TextCheck
from game.ui.widgets import doc
from game.ui.widgets.text import Typeface


class FixedText:
    def __init__(self, name: str, blocks: list, width: int, tf: Typeface):
        self.name = name
        self.blocks = blocks
        self.tf = tf
        self.laid = doc.layout(blocks, max(10, width), tf)
        self.rect = pygame.Rect(0, 0, max(10, width), self.laid.height)

    @property
    def height(self) -> int:
        return self.laid.height

    def place(self, x: int, y: int, room: int | None = None) -> FixedText:
        self.rect.topleft = (x, y)
        if room is not None:
            self.rect.height = room
        return self

    def draw(self, surface: pygame.Surface) -> None:
        doc.draw(surface, self.laid, self.tf, self.rect.x, self.rect.y, self.rect.inflate(2, 2))

    def check(self) -> TextCheck:
        return TextCheck(
            self.name, self.rect, self.laid.widest, self.laid.width, self.laid.height, self.rect.height, False
        )
