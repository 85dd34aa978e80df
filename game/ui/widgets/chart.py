"""The risk curve: cumulative risk over the days, as step lines with markers, legend and labelled axes."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pygame

from game import wording as fmt
from game.scenario.compiled import MINUTES_PER_DAY
from game.ui.widgets.text import Typeface


@dataclass
class Series:
    label: str
    points: list[tuple[int, float]]  # (minutes, cumulative risk)
    color: str  # palette name
    dashed: bool = False
    marker: str = "o"  # 'o' circle, 's' square


def _nice_top(v: float) -> float:
    for top in (0.01, 0.02, 0.04, 0.08, 0.12, 0.2, 0.4, 0.6, 0.8, 1.0):  # quarters are round numbers
        if v <= top * 0.95:
            return top
    return 1.0


def _dash(surface: pygame.Surface, color: tuple, a: tuple, b: tuple, width: int, dash: int) -> None:
    (x0, y0), (x1, y1) = a, b
    length = max(abs(x1 - x0), abs(y1 - y0))
    if length == 0:
        return
    n = max(1, length // dash)
    for i in range(0, n, 2):
        t0, t1 = i / n, min(1, (i + 1) / n)
        pygame.draw.line(
            surface,
            color,
            (x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0),
            (x0 + (x1 - x0) * t1, y0 + (y1 - y0) * t1),
            width,
        )


def paint(surface: pygame.Surface, rect: pygame.Rect, tf: Typeface, series: list[Series]) -> None:
    pal = tf.pal
    pygame.draw.rect(surface, pal.panel, rect)
    pygame.draw.rect(surface, pal.border, rect, 1)
    all_pts = [p for s in series for p in s.points]
    if not all_pts:
        return
    t0 = min(t for t, _ in all_pts)
    t1 = max(t for t, _ in all_pts)
    t0 -= t0 % MINUTES_PER_DAY
    t1 = max(t1, t0 + MINUTES_PER_DAY)
    top = _nice_top(max(r for _, r in all_pts) or 0.01)
    sh = tf.line_height("small")
    ylabels = [fmt.pct(top * i / 4) if i else "0%" for i in range(5)]
    ylab_w = max(tf.width("small", lab) for lab in ylabels) + tf.px(8)
    legend_h = sh + tf.px(8)
    plot = pygame.Rect(
        rect.x + ylab_w + tf.px(6),
        rect.y + legend_h + tf.px(6),
        rect.w - ylab_w - tf.px(18),
        rect.h - legend_h - sh - tf.px(18),
    )

    def px(t: int, r: float) -> tuple[int, int]:
        return (plot.x + int(plot.w * (t - t0) / (t1 - t0)), plot.bottom - int(plot.h * min(r, top) / top))

    for i in range(5):
        y = plot.bottom - int(plot.h * i / 4)
        pygame.draw.line(surface, pal.grid, (plot.x, y), (plot.right, y), 1)
        lab = tf.render("small", ylabels[i], "muted")
        surface.blit(lab, lab.get_rect(midright=(plot.x - tf.px(4), y)))
    days = (t1 - t0) // MINUTES_PER_DAY + 1
    every = max(1, int(days / max(1, plot.w // (tf.width("small", "28 Oct") + tf.px(10)))) + 1)
    for d in range(0, days, every):
        t = t0 + d * MINUTES_PER_DAY
        if t > t1:
            break
        x, _ = px(t, 0)
        pygame.draw.line(surface, pal.grid, (x, plot.y), (x, plot.bottom), 1)
        lab = tf.render("small", fmt.day_label(t), "muted")
        lr = lab.get_rect(midtop=(x, plot.bottom + tf.px(3)))
        lr.clamp_ip(rect)
        surface.blit(lab, lr)
    pygame.draw.rect(surface, pal.border, plot, 1)
    lx = plot.x
    for s in series:
        color = tf.color(s.color)
        pts = sorted(s.points)
        line: list[tuple[int, int]] = []
        prev = None
        for t, r in pts:
            if prev is not None:
                line.append(px(t, prev))
            line.append(px(t, r))
            prev = r
        for a, b in itertools.pairwise(line):
            if s.dashed:
                _dash(surface, color, a, b, 3, tf.px(6))
            else:
                pygame.draw.line(surface, color, a, b, 3)
        for t, r in pts:
            c = px(t, r)
            if s.marker == "s":
                pygame.draw.rect(
                    surface, color, pygame.Rect(0, 0, tf.px(8), tf.px(8)).move(c[0] - tf.px(4), c[1] - tf.px(4))
                )
            else:
                pygame.draw.circle(surface, color, c, tf.px(4))
        # legend: sample line + marker + words
        y = rect.y + tf.px(4) + sh // 2
        if s.dashed:
            _dash(surface, color, (lx, y), (lx + tf.px(28), y), 3, tf.px(6))
        else:
            pygame.draw.line(surface, color, (lx, y), (lx + tf.px(28), y), 3)
        if s.marker == "s":
            pygame.draw.rect(surface, color, (lx + tf.px(10), y - tf.px(4), tf.px(8), tf.px(8)))
        else:
            pygame.draw.circle(surface, color, (lx + tf.px(14), y), tf.px(4))
        text = f"{s.label}: {fmt.pct(pts[-1][1]) if pts else '—'}"
        lab = tf.render("small", text, "text")
        surface.blit(lab, (lx + tf.px(34), y - sh // 2))
        lx += tf.px(34) + lab.get_width() + tf.px(24)


def height_for(width: int, tf: Typeface) -> int:
    return max(tf.px(220), min(tf.px(340), int(width * 0.42)))
