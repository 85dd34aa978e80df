"""Who backs an option, by face and name: a row (wrapping as needed) of small portraits with surnames."""

from __future__ import annotations

import pygame

from game.ui import portraits
from game.ui.widgets.doc import Figure
from game.ui.widgets.text import Typeface


def surname(name: str) -> str:
    """'Gen. Maxwell Taylor' -> 'Taylor'; 'U Thant' stays whole (two short words)."""
    words = name.split()
    if len(words) <= 2 and all(len(w) <= 2 for w in words[:-1]):
        return name
    return words[-1]


def _cells(advisors, tf: Typeface) -> list[tuple[str, str, int]]:
    face = face_size(tf)
    return [(a.id, surname(a.name), face + tf.px(4) + tf.width("small", surname(a.name))) for a in advisors]


def face_size(tf: Typeface) -> int:
    return round(tf.line_height("small") * 1.5)


def rows(advisors, width: int, tf: Typeface) -> list[list[tuple[str, str, int]]]:
    """The backers split into rows that fit `width`."""
    out: list[list] = [[]]
    x = 0
    gap = tf.px(12)
    for cell in _cells(advisors, tf):
        if out[-1] and x + cell[2] > width:
            out.append([])
            x = 0
        out[-1].append(cell)
        x += cell[2] + gap
    return out if out[0] else []


def backers_figure(advisors, scenario_model, color: str = "text", label: str = "Backed by", after: float = 3) -> Figure:
    """A Figure: 'Backed by' then each advisor's face and surname (nothing when no one speaks for it)."""
    advisors = tuple(advisors)

    def lead(tf: Typeface) -> int:
        return tf.width("small", label) + tf.px(8) if label else 0

    def height(w: int, tf: Typeface) -> int:
        n = len(rows(advisors, w - lead(tf), tf))
        return n * (face_size(tf) + tf.px(3))

    def paint(surface: pygame.Surface, rect: pygame.Rect, tf: Typeface) -> None:
        face = face_size(tf)
        x0 = rect.x + lead(tf)
        if label:
            surface.blit(tf.render("small", label, "muted"), (rect.x, rect.y + (face - tf.line_height("small")) // 2))
        y = rect.y
        for row in rows(advisors, rect.w - lead(tf), tf):
            x = x0
            for pid, name, w in row:
                surface.blit(portraits.portrait(pid, face, tf.pal, portraits.spec_for(scenario_model, pid)), (x, y))
                surface.blit(
                    tf.render("small", name, color), (x + face + tf.px(4), y + (face - tf.line_height("small")) // 2)
                )
                x += w + tf.px(12)
            y += face + tf.px(3)

    return Figure(height, paint, after=after)
