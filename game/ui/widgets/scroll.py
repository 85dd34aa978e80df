"""A scrolling view of a laid-out document: wheel, keys, a scrollbar and a 'more below' cue."""

from __future__ import annotations

import pygame

from game.ui.widgets import doc
from game.ui.widgets.text import Typeface


class ScrollView:
    def __init__(self, name: str, rect: pygame.Rect, tf: Typeface, blocks: list | None = None, frame: bool = True):
        self.name = name
        self.rect = pygame.Rect(rect)
        self.tf = tf
        self.blocks = blocks or []
        self.frame = frame
        self.offset = 0
        self.laid: doc.Laid | None = None
        self.relayout()

    # layout -------------------------------------------------------------
    @property
    def pad(self) -> int:
        return self.tf.px(10)

    @property
    def bar_w(self) -> int:
        return self.tf.px(8)

    def inner(self) -> pygame.Rect:
        p = self.pad
        return self.rect.inflate(-2 * p, -2 * p)

    def set(
        self,
        rect: pygame.Rect | None = None,
        tf: Typeface | None = None,
        blocks: list | None = None,
        keep_offset: bool = True,
    ) -> None:
        if rect is not None:
            self.rect = pygame.Rect(rect)
        if tf is not None:
            self.tf = tf
        if blocks is not None:
            self.blocks = blocks
        if not keep_offset:
            self.offset = 0
        self.relayout()

    def relayout(self) -> None:
        inner = self.inner()
        laid = doc.layout(self.blocks, inner.w, self.tf)
        if laid.height > inner.h:  # leave room for the scrollbar
            laid = doc.layout(self.blocks, inner.w - self.bar_w - self.tf.px(4), self.tf)
        self.laid = laid
        self.offset = max(0, min(self.offset, self.max_offset))

    @property
    def content_h(self) -> int:
        return self.laid.height if self.laid else 0

    @property
    def max_offset(self) -> int:
        return max(0, self.content_h - self.inner().h)

    def overflows(self) -> bool:
        return self.max_offset > 0

    def fits_width(self) -> bool:
        return self.laid is not None and self.laid.widest <= self.laid.width

    # input --------------------------------------------------------------
    def scroll(self, dy: int) -> bool:
        new = max(0, min(self.max_offset, self.offset + dy))
        moved = new != self.offset
        self.offset = new
        return moved

    def line(self) -> int:
        return self.tf.line_height("body")

    def page(self) -> int:
        return max(self.line(), self.inner().h - 2 * self.line())

    def handle_key(self, key: int) -> bool:
        """Arrow keys and PageUp/PageDown/Home/End; True when the view moved."""
        if key == pygame.K_PAGEDOWN or key == pygame.K_SPACE:
            return self.scroll(self.page())
        if key == pygame.K_PAGEUP:
            return self.scroll(-self.page())
        if key == pygame.K_DOWN:
            return self.scroll(self.line() * 2)
        if key == pygame.K_UP:
            return self.scroll(-self.line() * 2)
        if key == pygame.K_HOME:
            return self.scroll(-self.offset)
        if key == pygame.K_END:
            return self.scroll(self.max_offset)
        return False

    def handle_wheel(self, event: pygame.event.Event, mouse: tuple[int, int]) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(mouse):
            return self.scroll(-event.y * self.line() * 3)
        return False

    # drawing ------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        tf = self.tf
        if self.frame:
            pygame.draw.rect(surface, tf.pal.panel, self.rect, border_radius=6)
            pygame.draw.rect(surface, tf.pal.border, self.rect, 1, border_radius=6)
        inner = self.inner()
        doc.draw(surface, self.laid, tf, inner.x, inner.y - self.offset, inner)
        if self.overflows():
            track = pygame.Rect(inner.right - self.bar_w, inner.y, self.bar_w, inner.h)
            pygame.draw.rect(surface, tf.pal.panel_alt, track, border_radius=3)
            frac = inner.h / self.content_h
            th = max(tf.px(20), int(track.h * frac))
            ty = track.y + int((track.h - th) * self.offset / max(1, self.max_offset))
            pygame.draw.rect(surface, tf.pal.muted, (track.x, ty, track.w, th), border_radius=3)
            if self.offset < self.max_offset:
                cue = tf.render("small", "▼ more below", "accent")
                r = cue.get_rect(bottomright=(track.x - tf.px(6), inner.bottom))
                pygame.draw.rect(surface, tf.pal.panel, r.inflate(tf.px(8), tf.px(2)))
                surface.blit(cue, r)
