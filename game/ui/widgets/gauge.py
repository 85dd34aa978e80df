"""The escalation instruments: a risk gauge and a DEFCON ladder. Never colour alone: numbers, labels, hatching."""

from __future__ import annotations

import pygame

from game import wording as fmt
from game.ui.widgets.text import Typeface


def hatch(surface: pygame.Surface, rect: pygame.Rect, color: tuple, step: int) -> None:
    """Diagonal stripes inside `rect` (a pattern that reads without colour)."""
    if rect.w <= 0 or rect.h <= 0:
        return
    old = surface.get_clip()
    surface.set_clip(rect.clip(old) if old else rect)
    for x in range(rect.left - rect.h, rect.right, step):
        pygame.draw.line(surface, color, (x, rect.bottom), (x + rect.h, rect.top), 2)
    surface.set_clip(old)


def gauge_scale(risk: float) -> float:
    """Full scale of the gauge: 50% unless the risk is beyond it."""
    return 0.5 if risk <= 0.5 else 1.0


def risk_gauge(
    surface: pygame.Surface,
    rect: pygame.Rect,
    tf: Typeface,
    risk: float,
    band: tuple[float, float] | None = None,
    previous: float | None = None,
) -> None:
    """A horizontal bar: hatched fill to the risk, tick labels, the 1962 band bracketed."""
    pal = tf.pal
    top = tf.line_height("small")
    bar = pygame.Rect(rect.x, rect.y + top, rect.w, max(tf.px(10), rect.h - 2 * top - tf.px(4)))
    full = gauge_scale(risk)
    pygame.draw.rect(surface, pal.panel_alt, bar)
    if band:
        bx0 = bar.x + int(bar.w * min(band[0], full) / full)
        bx1 = bar.x + int(bar.w * min(band[1], full) / full)
        if bx1 > bx0:
            pygame.draw.rect(surface, pal.band, (bx0, bar.y, bx1 - bx0, bar.h))
            label = tf.render("small", "where the real 1962 course ends", "muted")
            lx = min(max(bar.x, bx0), bar.right - label.get_width())
            surface.blit(label, (lx, rect.y))
            pygame.draw.line(surface, pal.muted, (bx0, rect.y + top - 2), (bx1, rect.y + top - 2), 1)
    fill = pygame.Rect(bar.x, bar.y, int(bar.w * min(risk, full) / full), bar.h)
    color = pal.ok if risk < 0.05 else pal.warn if risk < 0.2 else pal.danger
    pygame.draw.rect(surface, color, fill)
    hatch(surface, fill, pal.bg, tf.px(8))
    if previous is not None and previous < risk:
        px = bar.x + int(bar.w * min(previous, full) / full)
        pygame.draw.line(surface, pal.text, (px, bar.y - 2), (px, bar.bottom + 2), 2)
    pygame.draw.rect(surface, pal.border, bar, 1)
    ticks = 5
    for i in range(ticks + 1):
        v = full * i / ticks
        x = bar.x + int(bar.w * i / ticks)
        pygame.draw.line(surface, pal.border, (x, bar.bottom), (x, bar.bottom + tf.px(4)), 1)
        lab = tf.render("small", f"{round(v * 100)}%", "muted")
        lr = lab.get_rect(midtop=(x, bar.bottom + tf.px(2)))
        lr.clamp_ip(pygame.Rect(rect.x, lr.y, rect.w, lr.h))
        surface.blit(lab, lr)


def gauge_height(tf: Typeface) -> int:
    return tf.line_height("small") * 2 + tf.px(18)


def defcon_ladder(surface: pygame.Surface, rect: pygame.Rect, tf: Typeface, level: int) -> None:
    """Five labelled boxes 5..1; the current level filled and marked."""
    pal = tf.pal
    gap = tf.px(4)
    w = (rect.w - 4 * gap) // 5
    for i, lv in enumerate((5, 4, 3, 2, 1)):
        r = pygame.Rect(rect.x + i * (w + gap), rect.y, w, rect.h)
        current = lv == level
        if current:
            color = pal.ok if lv >= 4 else pal.warn if lv == 3 else pal.danger
            pygame.draw.rect(surface, color, r, border_radius=4)
            pygame.draw.rect(surface, pal.text, r, 3, border_radius=4)
            surf = tf.render("bold", str(lv), (0, 0, 0))  # the line above names it; the box reads alike at any size
        else:
            pygame.draw.rect(surface, pal.panel_alt, r, border_radius=4)
            pygame.draw.rect(surface, pal.border, r, 1, border_radius=4)
            surf = tf.render("small", str(lv), "muted")
        surface.blit(surf, surf.get_rect(center=r.center))


def change_text(before: float, after: float) -> str:
    was, now, added = fmt.change(before, after)
    return f"{added} (from {was} to {now})"
