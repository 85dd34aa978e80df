"""Buttons and vertical menus: keyboard focus (arrows, Tab), mouse hover and click."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.widgets.text import Typeface

CONFIRM_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


@dataclass
class Button:
    label: str
    rect: pygame.Rect
    enabled: bool = True
    hot: bool = False

    def hit(self, pos: tuple[int, int]) -> bool:
        return self.enabled and self.rect.collidepoint(pos)

    def draw(self, surface: pygame.Surface, tf: Typeface, focused: bool = False, role: str = "bold") -> None:
        pal = tf.pal
        bg = pal.focus_bg if (focused or self.hot) and self.enabled else pal.panel_alt
        pygame.draw.rect(surface, bg, self.rect, border_radius=6)
        edge = pal.accent if focused and self.enabled else pal.border
        pygame.draw.rect(surface, edge, self.rect, 2 if focused else 1, border_radius=6)
        color = "text" if self.enabled else "disabled"
        surf = tf.render(role, self.label, color)
        surface.blit(surf, surf.get_rect(center=self.rect.center))


def button_size(tf: Typeface, label: str, role: str = "bold") -> tuple[int, int]:
    return tf.width(role, label) + tf.px(28), tf.line_height(role) + tf.px(12)


@dataclass
class MenuItem:
    label: str
    enabled: bool = True
    note: str = ""  # a second line (e.g. what Continue resumes)


class Menu:
    """A vertical list of items; `handle_event` returns the index activated, if any."""

    def __init__(self, items: list[MenuItem], focus: int = 0):
        self.items = items
        self.focus = focus if items and items[focus].enabled else self._next(-1, 1)
        self.rects: list[pygame.Rect] = []

    def _next(self, start: int, step: int) -> int:
        n = len(self.items)
        i = start
        for _ in range(n):
            i = (i + step) % n
            if self.items[i].enabled:
                return i
        return max(0, start)

    def layout(self, tf: Typeface, center_x: int, top: int, width: int) -> int:
        """Place the items; returns the bottom edge."""
        self.rects = []
        y = top
        for it in self.items:
            h = tf.line_height("heading") + tf.px(14)
            if it.note:
                h += len(tf.wrap("small", it.note, width - tf.px(24))) * tf.line_height("small")
            r = pygame.Rect(0, y, width, h)
            r.centerx = center_x
            self.rects.append(r)
            y += h + tf.px(8)
        return y

    def height(self, tf: Typeface, width: int) -> int:
        return self.layout(tf, 0, 0, width)

    def handle_event(self, event: pygame.event.Event) -> int | None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN,) or (event.key == pygame.K_TAB and not event.mod & pygame.KMOD_SHIFT):
                self.focus = self._next(self.focus, 1)
            elif event.key == pygame.K_UP or (event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT):
                self.focus = self._next(self.focus, -1)
            elif event.key in (pygame.K_HOME, pygame.K_END):  # the first or the last item that can be chosen
                ends = [i for i, it in enumerate(self.items) if it.enabled]
                if ends:
                    self.focus = ends[0] if event.key == pygame.K_HOME else ends[-1]
            elif event.key in CONFIRM_KEYS and self.items[self.focus].enabled:
                return self.focus
        elif event.type == pygame.MOUSEMOTION:
            for i, r in enumerate(self.rects):
                if r.collidepoint(event.pos) and self.items[i].enabled:
                    self.focus = i
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, r in enumerate(self.rects):
                if r.collidepoint(event.pos) and self.items[i].enabled:
                    self.focus = i
                    return i
        return None

    def draw(self, surface: pygame.Surface, tf: Typeface) -> None:
        pal = tf.pal
        for i, (it, r) in enumerate(zip(self.items, self.rects, strict=True)):
            focused = i == self.focus and it.enabled
            pygame.draw.rect(surface, pal.focus_bg if focused else pal.panel, r, border_radius=8)
            pygame.draw.rect(surface, pal.accent if focused else pal.border, r, 3 if focused else 1, border_radius=8)
            color = "text" if it.enabled else "disabled"
            label = ("▶ " if focused else "") + it.label
            surf = tf.render("heading", label, color)
            surface.blit(surf, (r.x + tf.px(12), r.y + tf.px(7)))
            if it.note:
                y = r.y + tf.px(7) + tf.line_height("heading")
                for line in tf.wrap("small", it.note, r.w - tf.px(24)):
                    surface.blit(tf.render("small", line, "muted"), (r.x + tf.px(12), y))
                    y += tf.line_height("small")


def menu_check(menu: Menu, tf: Typeface, screen_h: int):
    """A TextCheck for a laid-out menu: labels fit their boxes and the menu ends on screen."""
    from game.ui.scenes.base import TextCheck

    rects = menu.rects
    box = rects[0].unionall(rects[1:]) if rects else pygame.Rect(0, 0, 1, 1)
    widest = max((tf.width("heading", "▶ " + it.label) + tf.px(12) for it in menu.items), default=0)
    return TextCheck("menu", box, widest, min(r.w for r in rects) - tf.px(12), box.height, screen_h - box.y, False)
