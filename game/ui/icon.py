"""The window icon, drawn in code: a missile-site triangle over a sea-blue square with a gold frame."""

from __future__ import annotations

import pygame

SIZE = 64


def window_icon() -> pygame.Surface:
    surf = pygame.Surface((SIZE, SIZE), pygame.SRCALPHA)
    pygame.draw.rect(surf, (22, 34, 56), surf.get_rect(), border_radius=10)
    pygame.draw.rect(surf, (232, 188, 92), surf.get_rect(), 4, border_radius=10)
    # a dashed range arc, as on the game's map
    rect = pygame.Rect(8, 14, 48, 48)
    for i in range(0, 180, 24):
        start = 3.1416 * (i / 180)
        pygame.draw.arc(surf, (222, 90, 80), rect, start, start + 0.22, 3)
    pygame.draw.polygon(surf, (222, 90, 80), [(32, 22), (19, 46), (45, 46)])
    pygame.draw.polygon(surf, (240, 236, 224), [(32, 22), (19, 46), (45, 46)], 2)
    return surf
