"""The calendar strip: the scenario's days (the thirteen days of October 1962) with today marked,
the days gone shaded and those to come open, always in view on the game screens."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pygame

from game.ui.widgets.text import Typeface


def strip_days(model) -> list[date]:
    """The days the scenario's calendar strip shows (none when it declares no strip)."""
    span = model.calendar.strip if model is not None else []
    if len(span) != 2:
        return []
    first, last = (datetime.strptime(d, "%Y-%m-%d").date() for d in span)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def strip_height(tf: Typeface) -> int:
    return tf.line_height("small") * 2 + tf.px(6)


def draw_strip(surface: pygame.Surface, rect: pygame.Rect, tf: Typeface, days: list[date], today: date) -> None:
    """One box per day, `today` filled and framed; after the last day, every box is shaded (it is over)."""
    if not days:
        return
    pal = tf.pal
    gap = tf.px(3)
    n = len(days)
    w = max(8, (rect.w - gap * (n - 1)) // n)
    x = rect.right - (w * n + gap * (n - 1))
    for d in days:
        r = pygame.Rect(x, rect.y, w, rect.h)
        if d == today:
            pygame.draw.rect(surface, pal.accent, r, border_radius=3)
            fg: str | tuple = (0, 0, 0)
        elif d < today:
            pygame.draw.rect(surface, pal.panel_alt, r, border_radius=3)
            pygame.draw.rect(surface, pal.border, r, 1, border_radius=3)
            fg = "muted"
        else:
            pygame.draw.rect(surface, pal.border, r, 1, border_radius=3)
            fg = "text"
        top = tf.render("small", f"{d:%a}"[:2], fg)
        num = tf.render("small", str(d.day), fg)
        if top.get_width() <= w - 2:
            surface.blit(top, top.get_rect(midtop=(r.centerx, r.y + tf.px(2))))
        surface.blit(num, num.get_rect(midbottom=(r.centerx, r.bottom - tf.px(2))))
        x += w + gap
    month = tf.render("small", f"{days[0]:%B %Y}", "muted")
    if days[0] <= today <= days[-1]:
        label = f"day {(today - days[0]).days + 1} of {n}"
    else:
        label = "after the crisis" if today > days[-1] else "before the crisis"
    lab = tf.render("small", f"{days[0]:%B %Y} · {label}", "muted")
    left = rect.right - (w * n + gap * (n - 1))
    if lab.get_width() <= left - rect.x - tf.px(6):
        surface.blit(lab, lab.get_rect(midright=(left - tf.px(6), rect.centery)))
    elif month.get_width() <= left - rect.x - tf.px(6):
        surface.blit(month, month.get_rect(midright=(left - tf.px(6), rect.centery)))
