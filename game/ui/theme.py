"""Colours and type sizes. Two palettes (normal, high contrast); sizes scale with window and setting."""

from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    bg: Color
    panel: Color
    panel_alt: Color
    border: Color
    text: Color
    muted: Color
    accent: Color  # headings, focus
    warn: Color
    danger: Color
    ok: Color
    focus_bg: Color
    disabled: Color
    sea: Color
    land: Color
    land_border: Color
    cuba: Color
    grid: Color
    band: Color = (44, 66, 100)  # the band the 1962 course is tuned to, on the risk gauge: visible against panel_alt
    link: Color = (128, 190, 255)  # a term the codex explains: this colour and always an underline


NORMAL = Palette(
    bg=(18, 22, 30),
    panel=(28, 34, 46),
    panel_alt=(36, 44, 60),
    border=(70, 82, 104),
    text=(232, 228, 216),
    muted=(160, 166, 178),
    accent=(236, 196, 96),
    warn=(240, 150, 60),
    danger=(230, 80, 70),
    ok=(120, 200, 140),
    focus_bg=(58, 70, 96),
    disabled=(112, 116, 124),
    sea=(24, 44, 70),
    land=(74, 84, 70),
    land_border=(130, 140, 120),
    cuba=(120, 92, 60),
    grid=(40, 62, 92),
)

HIGH_CONTRAST = Palette(
    bg=(0, 0, 0),
    panel=(0, 0, 0),
    panel_alt=(20, 20, 20),
    border=(255, 255, 255),
    text=(255, 255, 255),
    muted=(230, 230, 230),
    accent=(255, 230, 0),
    warn=(255, 170, 0),
    danger=(255, 90, 90),
    ok=(90, 255, 120),
    focus_bg=(0, 60, 140),
    disabled=(190, 190, 190),
    sea=(0, 0, 40),
    land=(60, 60, 60),
    land_border=(255, 255, 255),
    cuba=(150, 110, 0),
    grid=(60, 60, 110),
    band=(96, 96, 96),  # grey on black, not navy: the band must read without colour vision or a good screen
    link=(0, 255, 255),
)

SIZE_FACTORS = (0.85, 1.0, 1.2)  # Small, Medium, Large
BASE = {"small": 15, "body": 18, "bold": 18, "heading": 22, "title": 30, "huge": 54}
BOLD_ROLES = {"bold", "heading", "title", "huge"}
# Documents set in their own faces: cables in a typewriter's monospace, letters and newspapers in a serif.
DOCUMENT_BASE = {"mono": 16, "serif": 18, "serif-small": 14, "headline": 30}
FONT_FILES = {
    "mono": "DejaVuSansMono.ttf",
    "serif": "DejaVuSerif.ttf",
    "serif-small": "DejaVuSerif.ttf",
    "headline": "DejaVuSerif-Bold.ttf",
}
PAPER = {
    "cable": (232, 226, 196),
    "letter": (242, 238, 228),
    "newspaper": (236, 232, 220),
    "broadcast": (222, 228, 232),
}
INK = (28, 28, 32)
INK_LINK = (20, 60, 170)  # a codex link on paper (cables, letters, front pages): dark blue, underlined


def scale_for(size: tuple[int, int], text_size: int) -> float:
    """Type scale: with the window (within reason) and the player's text size.

    Below 1280x720 the type shrinks with the window; above it, it grows at half the rate, so a large
    window shows more as well as larger text (at 1920x1080: x1.25, not x1.5).
    """
    w, h = size
    fit = min(w / 1280, h / 720)
    window = max(0.85, min(1.6, fit if fit < 1 else 1 + (fit - 1) / 2))
    return window * SIZE_FACTORS[text_size]


def palette(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL
