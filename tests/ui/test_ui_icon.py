"""The window icon is drawn in code and set on the window."""

import pygame

from game.ui.icon import SIZE, window_icon
from tests.ui.ui_support import SHOTS


def test_icon_is_drawn_and_opaque_inside():
    pygame.display.init()
    try:
        icon = window_icon()
        assert icon.get_size() == (SIZE, SIZE)
        assert icon.get_at((SIZE // 2, SIZE // 2)).a == 255
        colours = {tuple(icon.get_at((x, y)))[:3] for x in range(0, SIZE, 4) for y in range(0, SIZE, 4)}
        assert len(colours) >= 3  # frame, background and the triangle at least
        SHOTS.mkdir(parents=True, exist_ok=True)
        pygame.image.save(pygame.transform.scale(icon, (256, 256)), str(SHOTS / "10-icon.png"))
    finally:
        pygame.display.quit()
