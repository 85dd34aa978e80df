"""The title screen's picture: the Executive Committee around the Cabinet Room table, drawn in code from
the scenario's people (portraits are invented likenesses). Drawn once per size and palette."""

from __future__ import annotations

import math

import pygame

from game.ui import portraits
from game.ui.widgets.text import Typeface

CAPTION = "Around the table: the President and his advisers (drawn for the game)"
_cache: dict[tuple, pygame.Surface] = {}


def table_people(model, side: str = "us", limit: int = 12) -> list[str]:
    """The player's side's people with a dossier, the leader first, at most `limit`."""
    if model is None:
        return []
    ids = [pid for pid in model.people if model.advisors.get(pid) and model.advisors[pid].side == side]
    leader = model.sides.get(side).leader if model.sides.get(side) else None
    if leader in ids:
        ids.remove(leader)
        ids.insert(0, leader)
    return ids[:limit]


def picture(model, size: tuple[int, int], tf: Typeface) -> pygame.Surface | None:
    """The picture for a `size` area (None when there is too little room or nobody to draw)."""
    w, h = size
    people = table_people(model, model.player if model is not None else "us")
    if w < tf.px(200) or h < tf.px(140) or not people:
        return None
    key = (w, h, tf.pal, tf.scale, tuple(people))
    surf = _cache.get(key)
    if surf is None:
        _cache.clear()  # one title at a time
        surf = _cache[key] = _draw(model, people, w, h, tf)
    return surf


def _draw(model, people: list[str], w: int, h: int, tf: Typeface) -> pygame.Surface:
    pal = tf.pal
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    cap_h = tf.line_height("small") + tf.px(4)
    area = pygame.Rect(0, 0, w, h - cap_h)
    face = max(tf.px(28), min(area.h // 4, area.w // 7))
    table = pygame.Rect(0, 0, int(area.w * 0.62), int(area.h * 0.42))
    table.center = area.center
    # the table: dark wood with a lighter rim, and papers on it
    pygame.draw.ellipse(surf, (70, 46, 30), table.inflate(tf.px(8), tf.px(8)))
    pygame.draw.ellipse(surf, (96, 64, 40), table)
    for i in range(5):
        a = 2 * math.pi * i / 5 + 0.4
        px = table.centerx + int(table.w * 0.3 * math.cos(a))
        py = table.centery + int(table.h * 0.28 * math.sin(a))
        paper = pygame.Rect(0, 0, tf.px(18), tf.px(13))
        paper.center = (px, py)
        pygame.draw.rect(surf, (226, 222, 206), paper)
    # the people around it, the leader at the head (the top)
    n = len(people)
    rx, ry = (table.w + face) // 2 + tf.px(4), (table.h + face) // 2 + tf.px(2)
    for i, pid in enumerate(people):
        a = -math.pi / 2 + 2 * math.pi * i / n
        cx = area.centerx + int(rx * math.cos(a))
        cy = area.centery + int(ry * math.sin(a))
        img = portraits.portrait(pid, face, pal, portraits.spec_for(model, pid))
        surf.blit(img, img.get_rect(center=(cx, cy)))
    cap = tf.render("small", CAPTION, "muted")
    if cap.get_width() <= w:
        surf.blit(cap, cap.get_rect(midbottom=(w // 2, h)))
    return surf
