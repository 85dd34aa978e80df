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


def caption(advisor) -> str:
    """The name under an advisor's face: the scenario's `short` name (two Kennedys), else the surname."""
    return getattr(advisor, "short", "") or surname(advisor.name)


def _cells(advisors, tf: Typeface, compact: bool = False) -> list[tuple[str, str, int]]:
    face = face_size(tf, compact)
    return [(a.id, caption(a), face + tf.px(4) + tf.width("small", caption(a))) for a in advisors]


def face_size(tf: Typeface, compact: bool = False) -> int:
    return round(tf.line_height("small") * (1.15 if compact else 1.5))


def rows(advisors, width: int, tf: Typeface, compact: bool = False) -> list[list[tuple[str, str, int]]]:
    """The backers split into rows that fit `width`."""
    out: list[list] = [[]]
    x = 0
    gap = tf.px(12)
    for cell in _cells(advisors, tf, compact):
        if out[-1] and x + cell[2] > width:
            out.append([])
            x = 0
        out[-1].append(cell)
        x += cell[2] + gap
    return out if out[0] else []


def backers_figure(
    advisors, scenario_model, color: str = "text", label: str = "Heard from", after: float = 3, compact: bool = False
) -> Figure:
    """A Figure: "Heard from" then the face and surname of each advisor who speaks to the option, for or against
    (nothing when no one does)."""
    advisors = tuple(advisors)

    def lead(tf: Typeface) -> int:
        return tf.width("small", label) + tf.px(8) if label else 0

    def height(w: int, tf: Typeface) -> int:
        n = len(rows(advisors, w - lead(tf), tf, compact))
        return n * (face_size(tf, compact) + tf.px(3))

    def paint(surface: pygame.Surface, rect: pygame.Rect, tf: Typeface) -> None:
        face = face_size(tf, compact)
        x0 = rect.x + lead(tf)
        if label:
            surface.blit(tf.render("small", label, "muted"), (rect.x, rect.y + (face - tf.line_height("small")) // 2))
        y = rect.y
        for row in rows(advisors, rect.w - lead(tf), tf, compact):
            x = x0
            for pid, name, w in row:
                surface.blit(portraits.portrait(pid, face, tf.pal, portraits.spec_for(scenario_model, pid)), (x, y))
                surface.blit(
                    tf.render("small", name, color), (x + face + tf.px(4), y + (face - tf.line_height("small")) // 2)
                )
                x += w + tf.px(12)
            y += face + tf.px(3)

    return Figure(height, paint, after=after)


def row_width(advisors, tf: Typeface, compact: bool = True) -> int:
    """The width of the backers on one row, without a label."""
    cells = _cells(tuple(advisors), tf, compact)
    return sum(c[2] for c in cells) + tf.px(12) * max(0, len(cells) - 1)


def inline_backers(advisors, scenario_model, color: str, line_h: int, lift: int) -> Figure:
    """The backers drawn right-aligned on the line above (a Figure of no height): `lift` px up is the top
    of that line, `line_h` its height. Used when they fit beside the last line of an option's text."""
    advisors = tuple(advisors)

    def paint(surface: pygame.Surface, rect: pygame.Rect, tf: Typeface) -> None:
        face = face_size(tf, True)
        y = rect.y - lift + (line_h - face) // 2
        x = rect.right - row_width(advisors, tf)
        for pid, name, w in _cells(advisors, tf, True):
            surface.blit(portraits.portrait(pid, face, tf.pal, portraits.spec_for(scenario_model, pid)), (x, y))
            ty = y + (face - tf.line_height("small")) // 2
            surface.blit(tf.render("small", name, color), (x + face + tf.px(4), ty))
            x += w + tf.px(12)

    return Figure(lambda w, tf: 0, paint, after=0)
