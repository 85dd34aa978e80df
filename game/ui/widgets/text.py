"""Fonts, word wrapping by measurement, and a cache of rendered lines (text is rendered once)."""

from __future__ import annotations

import pygame

from game.ui import paths
from game.ui.theme import BASE, BOLD_ROLES, DOCUMENT_BASE, FONT_FILES, Palette

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
_CACHE_LIMIT = 4000  # rendered lines kept per typeface...
_CACHE_BYTES = 8_000_000  # ...and at most this many bytes of their pixels (at scale 1; see Typeface.budget)


def _cost(surf: pygame.Surface) -> int:
    return surf.get_width() * surf.get_height() * surf.get_bytesize()


class Typeface:
    """The fonts for one type scale and palette, and the cache of rendered lines."""

    def __init__(self, scale: float, pal: Palette):
        self.scale = scale
        self.pal = pal
        self.fonts: dict[str, pygame.font.Font] = {}
        for role, base in (BASE | DOCUMENT_BASE).items():
            name = FONT_FILES.get(role) or (BOLD if role in BOLD_ROLES else REGULAR)
            self.fonts[role] = pygame.font.Font(str(paths.font_path(name)), max(9, round(base * scale)))
        self._lines: dict[tuple, pygame.Surface] = {}  # insertion order = age (a hit moves a line last)
        self._bytes = 0
        # Lines grow with the type scale in both directions, so the budget does too: a large window
        # keeps a screenful of lines cached rather than rendering them again every frame.
        self.budget = int(_CACHE_BYTES * max(1.0, scale) ** 2)

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
        lines = self._lines
        surf = lines.pop(key, None)
        if surf is None:
            surf = self.fonts[role].render(text, True, rgb)
            self._bytes += _cost(surf)
            # The least recently used lines go first; the budget is in bytes, since one line of a
            # wide window weighs as much as a hundred short labels.
            while lines and (self._bytes > self.budget or len(lines) >= _CACHE_LIMIT):
                self._bytes -= _cost(lines.pop(next(iter(lines))))
        lines[key] = surf
        return surf

    @property
    def cached_bytes(self) -> int:
        """Pixel bytes held by the rendered-line cache (for tests and the bench)."""
        return self._bytes

    def width(self, role: str, text: str) -> int:
        return self.fonts[role].size(text)[0]

    def wrap(self, role: str, text: str, width: int) -> list[str]:
        return wrap(self.fonts[role], text, width)


_SEPARATOR = "·"  # between the items of a list of keys or facts: dropped where the line breaks


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Break `text` into lines no wider than `width` (explicit newlines kept; long words split; a
    separating "·" that falls at a break is left out, the break separating instead).

    Near linear in the length of the text: a word wider than the line is cut by a galloping then
    binary search over its prefixes, so each cut measures about log(line length) prefixes no longer
    than twice the line, whatever the word's length.
    """
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
            if word == _SEPARATOR and line:  # the break itself separates: no line starts with a dot
                out.append(line)
                line = ""
                continue
            if line:
                out.append(line.removesuffix(f" {_SEPARATOR}"))
            # a word wider than the line: split it by characters (by offsets: no copy of the rest per line)
            start = 0
            while len(word) - start > 1:
                cut = _fitting_prefix(font, word, start, width)
                if start + cut >= len(word):
                    break
                out.append(word[start : start + cut])
                start += cut
            line = word[start:]
        out.append(line)
    return out


def _fitting_prefix(font: pygame.font.Font, word: str, start: int, width: int) -> int:
    """The longest length n with word[start:start + n] no wider than `width` (at least 1: one glyph always goes)."""
    n = len(word) - start
    fits, too_long = 1, min(n, 16)
    while font.size(word[start : start + too_long])[0] <= width:  # gallop: 16, 32, 64... characters
        if too_long == n:
            return n
        fits, too_long = too_long, min(n, too_long * 2)
    while too_long - fits > 1:
        mid = (fits + too_long) // 2
        if font.size(word[start : start + mid])[0] <= width:
            fits = mid
        else:
            too_long = mid
    return fits


def fit_line(tf: Typeface, roles: tuple[str, ...], text: str, width: int) -> str:
    """The first role (largest first) in which `text` fits on one line, else the last."""
    for role in roles:
        if tf.width(role, text) <= width:
            return role
    return roles[-1]
