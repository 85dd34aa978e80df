"""Portraits drawn in code: a head and shoulders from a few traits in the scenario (`people:`).

The likenesses are the game's invention, not photographs; a person without traits gets a plain bust whose
colours follow from their id. Each portrait is drawn once per size and palette and then blitted.
"""

from __future__ import annotations

import zlib

import pygame

from game.ui.theme import Palette

HAIR = {
    "dark": (40, 34, 30),
    "brown": (104, 72, 44),
    "grey": (150, 150, 146),
    "white": (222, 220, 212),
    "fair": (196, 164, 104),
    "red": (150, 70, 36),
    "none": (0, 0, 0),
}
SKIN = {"light": (232, 196, 166), "medium": (196, 150, 110), "dark": (130, 90, 62)}
SUIT = ((44, 50, 66), (58, 56, 52), (36, 44, 40))
UNIFORM = (74, 84, 58)
_cache: dict[tuple, pygame.Surface] = {}
_CACHE_LIMIT = 400


def _traits(spec) -> dict:
    """The traits as a dict (from a PortraitSpec, a dict or nothing)."""
    if spec is None:
        return {}
    if isinstance(spec, dict):
        return spec
    return spec.model_dump()


def portrait(person_id: str, size: int, pal: Palette, spec=None) -> pygame.Surface:
    """A square portrait `size` px wide of `person_id` with `spec`'s traits, framed for `pal`."""
    size = max(12, int(size))
    # looked up every frame: the key is the (frozen, hashable) spec itself, not a dump of it
    key = (person_id, size, pal, spec if not isinstance(spec, dict) else tuple(sorted(spec.items())))
    surf = _cache.get(key)
    if surf is None:
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        surf = _draw(person_id, size, pal, _traits(spec))
        if pygame.display.get_surface() is not None:
            surf = surf.convert_alpha()  # the display's pixel format: a cheaper blit
        _cache[key] = surf
    return surf


def _draw(person_id: str, size: int, pal: Palette, t: dict) -> pygame.Surface:
    # Drawn at 3x and smoothly scaled down: cheap antialiasing for shapes pygame draws hard-edged.
    k = 3
    s = size * k
    img = pygame.Surface((s, s), pygame.SRCALPHA)
    seed = zlib.crc32(person_id.encode())
    backdrop = (pal.panel_alt[0], pal.panel_alt[1], min(255, pal.panel_alt[2] + 10))
    pygame.draw.circle(img, backdrop, (s // 2, s // 2), s // 2)
    skin = SKIN.get(t.get("skin", "light"), SKIN["light"])
    hair = HAIR.get(t.get("hair", "dark"), HAIR["dark"])
    style = t.get("style", "parted")
    face = t.get("face", "round")
    cx = s // 2
    # shoulders: a suit (with shirt and tie) or a uniform (with a collar tab)
    body = UNIFORM if t.get("uniform") else SUIT[seed % len(SUIT)]
    shoulders = pygame.Rect(int(s * 0.12), int(s * 0.70), int(s * 0.76), int(s * 0.6))
    pygame.draw.ellipse(img, body, shoulders)
    neck = pygame.Rect(cx - int(s * 0.08), int(s * 0.56), int(s * 0.16), int(s * 0.18))
    pygame.draw.rect(img, _shade(skin, 0.85), neck)
    if t.get("uniform"):
        pygame.draw.polygon(
            img, _shade(UNIFORM, 0.7), [(cx - s * 0.12, s * 0.72), (cx, s * 0.86), (cx + s * 0.12, s * 0.72)]
        )
        pygame.draw.rect(img, (190, 60, 50), (cx - s * 0.22, s * 0.78, s * 0.07, s * 0.04))
        pygame.draw.rect(img, (190, 60, 50), (cx + s * 0.15, s * 0.78, s * 0.07, s * 0.04))
    else:
        pygame.draw.polygon(
            img, (236, 236, 232), [(cx - s * 0.10, s * 0.71), (cx, s * 0.86), (cx + s * 0.10, s * 0.71)]
        )
        tie = (120 + seed % 90, 40, 40 + (seed >> 8) % 60)
        pygame.draw.polygon(
            img,
            tie,
            [(cx - s * 0.025, s * 0.73), (cx + s * 0.025, s * 0.73), (cx + s * 0.035, s * 0.86), (cx, s * 0.9)],
        )
    # head
    widths = {"narrow": 0.30, "round": 0.36, "square": 0.35}
    hw = int(s * widths.get(face, 0.34))
    hh = int(s * 0.44)
    head = pygame.Rect(cx - hw // 2, int(s * 0.18), hw, hh)
    if face == "square":
        pygame.draw.rect(img, skin, head, border_radius=int(hw * 0.35))
    else:
        pygame.draw.ellipse(img, skin, head)
    # ears
    for ex in (head.left - s * 0.02, head.right - s * 0.03):
        pygame.draw.ellipse(img, _shade(skin, 0.92), (ex, head.y + hh * 0.4, s * 0.05, hh * 0.2))
    _hair(img, head, hair, style, s)
    # eyes and brows
    ey = head.y + int(hh * 0.47)
    for dx in (-0.2, 0.2):
        x = cx + int(hw * dx)
        pygame.draw.circle(img, (30, 30, 36), (x, ey), max(2, s // 60))
        pygame.draw.line(
            img,
            _shade(hair if style != "bald" else skin, 0.6),
            (x - s // 30, ey - s // 26),
            (x + s // 30, ey - s // 26),
            max(2, s // 70),
        )
    if t.get("glasses"):
        for dx in (-0.2, 0.2):
            x = cx + int(hw * dx)
            pygame.draw.rect(img, (24, 24, 28), (x - s // 22, ey - s // 36, s // 11, s // 18), max(2, s // 90), 4)
        pygame.draw.line(img, (24, 24, 28), (cx - s // 50, ey), (cx + s // 50, ey), max(2, s // 90))
    # nose and mouth
    pygame.draw.line(img, _shade(skin, 0.75), (cx, ey + s // 40), (cx - s // 60, ey + s // 12), max(2, s // 80))
    my = head.y + int(hh * 0.78)
    if t.get("moustache"):
        pygame.draw.ellipse(img, _shade(hair, 0.9), (cx - s // 16, my - s // 28, s // 8, s // 30))
    pygame.draw.line(img, (140, 70, 64), (cx - s // 24, my), (cx + s // 24, my), max(2, s // 80))
    if t.get("beard"):
        chin = pygame.Rect(head.x, head.y + int(hh * 0.62), hw, int(hh * 0.5))
        pygame.draw.ellipse(img, hair, chin)
        pygame.draw.line(img, (140, 70, 64), (cx - s // 24, my), (cx + s // 24, my), max(2, s // 80))
    # the round frame: everything outside the circle is cut away
    mask = pygame.Surface((s, s), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (s // 2, s // 2), s // 2)
    img.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    pygame.draw.circle(img, pal.border, (s // 2, s // 2), s // 2, max(2, k))
    return pygame.transform.smoothscale(img, (size, size))


def _hair(img: pygame.Surface, head: pygame.Rect, hair: tuple, style: str, s: int) -> None:
    if style == "bald":
        # a fringe above the ears only
        for x in (head.left, head.right - head.w // 5):
            pygame.draw.ellipse(
                img,
                hair if hair != HAIR["none"] else (120, 116, 110),
                (x, head.y + head.h * 0.3, head.w // 5, head.h // 4),
            )
        return
    cap = pygame.Rect(head.x - s // 80, head.y - s // 40, head.w + s // 40, int(head.h * 0.5))
    if style == "receding":
        cap.y += s // 40
        cap.h -= s // 40
    pygame.draw.ellipse(img, hair, cap)
    # the forehead shows below the hairline
    line = head.y + int(head.h * (0.30 if style == "receding" else 0.22))
    brow = pygame.Rect(head.x + head.w // 6, line, head.w * 2 // 3, head.h // 4)
    skin_at = img.get_at((head.centerx, head.y + int(head.h * 0.6)))
    pygame.draw.ellipse(img, skin_at, brow)
    if style == "parted":
        pygame.draw.line(
            img,
            _shade(hair, 0.6),
            (head.x + head.w // 3, cap.y + s // 60),
            (head.x + head.w // 3, line),
            max(2, s // 90),
        )
    elif style == "swept":
        pygame.draw.ellipse(img, hair, (head.x + head.w // 8, cap.y, head.w * 3 // 4, cap.h * 2 // 3))
    elif style == "curly":
        for i in range(7):
            pygame.draw.circle(img, hair, (head.x + head.w * i // 6, cap.y + s // 30), s // 22)


def _shade(c: tuple, f: float) -> tuple:
    return tuple(max(0, min(255, int(v * f))) for v in c[:3])


def spec_for(scenario_model, person_id: str):
    """The portrait traits the scenario gives `person_id` (None: a plain bust)."""
    person = scenario_model.people.get(person_id) if scenario_model is not None else None
    return person.portrait if person is not None else None
