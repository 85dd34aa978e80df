"""Fonts, word wrapping by measurement, and a cache of rendered lines (text is rendered once)."""

from __future__ import annotations

import pygame

from game.ui import paths
from game.ui.theme import BASE, BOLD_ROLES, DOCUMENT_BASE, FONT_FILES, Palette

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
_CACHE_LIMIT = 4000


class Typeface:
    """The fonts for one type scale and palette, and the cache of rendered lines."""

    def __init__(self, scale: float, pal: Palette):
        self.scale = scale
        self.pal = pal
        self.fonts: dict[str, pygame.font.Font] = {}
        for role, base in (BASE | DOCUMENT_BASE).items():
            name = FONT_FILES.get(role) or (BOLD if role in BOLD_ROLES else REGULAR)
            self.fonts[role] = pygame.font.Font(str(paths.font_path(name)), max(9, round(base * scale)))
        self._lines: dict[tuple, pygame.Surface] = {}

    def font(self, role: str) -> pygame.font.Font:
        return self.fonts[role]

    def line_height(self, role: str) -> int:
        return self.fonts[role].get_linesize()

    def px(self, n: float) -> int:
        """A spacing in pixels at this scale."""
        return max(1, round(n * self.scale))

    def color(self, name: str | tuple) -> tuple:
        return name if isinstance(name, tuple) else getattr(self.pal, name)

    def render(self, role: str, text: str, color: str | tuple = "text") -> pygame.Surface:
        rgb = self.color(color)
        key = (role, text, rgb)
        surf = self._lines.get(key)
        if surf is None:
            if len(self._lines) > _CACHE_LIMIT:
                self._lines.clear()
            surf = self.fonts[role].render(text, True, rgb)
            self._lines[key] = surf
        return surf

    def width(self, role: str, text: str) -> int:
        return self.fonts[role].size(text)[0]

    def wrap(self, role: str, text: str, width: int) -> list[str]:
        return wrap(self.fonts[role], text, width)


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Break `text` into lines no wider than `width` (explicit newlines kept; long words split)."""
    width = max(8, width)
    out: list[str] = []
    for para in text.split("\n"):
        words = para.split(" ")
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if font.size(candidate)[0] <= width:
                line = candidate
                continue
            if line:
                out.append(line)
            # a word wider than the line: split it by characters
            while font.size(word)[0] > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                out.append(word[:cut])
                word = word[cut:]
            line = word
        out.append(line)
    return out


def fit_line(tf: Typeface, roles: tuple[str, ...], text: str, width: int) -> str:
    """The first role (largest first) in which `text` fits on one line, else the last."""
    for role in roles:
        if tf.width(role, text) <= width:
            return role
    return roles[-1]
