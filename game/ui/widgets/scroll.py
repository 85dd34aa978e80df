"""A scrolling view of a laid-out document: wheel, keys, a scrollbar and a 'more below' cue.

Text is never cut: the view scrolls from line to line (every offset starts at the top of a line), a line
is drawn only when it fits entirely, and when there is more below, the last row is kept for the cue.
"""

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
        self.stops: list[int] = []
        self.drawn: list[pygame.Rect] = []  # the lines drawn last frame (for layout tests)
        self.link_items: list[tuple[pygame.Rect, tuple[str, str]]] = []  # every link: (content rect, entry)
        self.links_drawn: list[tuple[pygame.Rect, tuple[str, str], int]] = []  # on screen last frame
        self.link_focus: int | None = None  # the link the keyboard is on (see links.LinkFocus)
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
        self.settle()

    def settle(self) -> None:
        """After a new layout: the scroll stops, and the offset clamped and snapped to one of them."""
        self.stops = doc.stops(self.laid) if self.laid else []
        self.offset = self.snap_up(max(0, min(self.offset, self.max_offset)))
        self.link_items = [(it[1], it[2]) for it in self.laid.items if it[0] == "u"] if self.laid else []
        if self.link_focus is not None and self.link_focus >= len(self.link_items):
            self.link_focus = None

    @property
    def content_h(self) -> int:
        return self.laid.height if self.laid else 0

    @property
    def max_offset(self) -> int:
        """The furthest the view scrolls: the first line top from which the rest fits entirely."""
        raw = self.content_h - self.inner().h
        if raw <= 0:
            return 0
        return next((y for y in self.stops if y >= raw), raw)

    def cue_h(self) -> int:
        return self.tf.line_height("small")

    def text_clip(self) -> pygame.Rect:
        """Where lines may be drawn now: the inner rect, less the cue row when there is more below."""
        inner = self.inner()
        if self.offset < self.max_offset:
            inner.h -= self.cue_h()
        return inner

    def snap_up(self, value: int) -> int:
        """The first scroll position at or after `value` (a line top, or the end)."""
        end = self.max_offset
        if value <= 0:
            return 0
        if value >= end:
            return end
        return next((y for y in self.stops if value <= y <= end), end)

    def snap_down(self, value: int) -> int:
        """The last scroll position at or before `value`."""
        if value <= 0:
            return 0
        end = self.max_offset
        if value >= end:
            return end
        return max((y for y in self.stops if y <= value), default=0)

    def overflows(self) -> bool:
        return self.max_offset > 0

    def fits_width(self) -> bool:
        return self.laid is not None and self.laid.widest <= self.laid.width

    # input --------------------------------------------------------------
    def scroll(self, dy: int) -> bool:
        """Move by about `dy` pixels, in whole lines (always at least one line when there is room)."""
        target = self.offset + dy
        if dy > 0:
            new = self.snap_down(target)
            if new <= self.offset:
                new = self.snap_up(self.offset + 1)
        elif dy < 0:
            new = self.snap_up(target)
            if new >= self.offset:
                new = self.snap_down(self.offset - 1)
        else:
            new = self.offset
        new = max(0, min(self.max_offset, new))
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

    def link_at(self, pos: tuple[int, int]) -> tuple[str, str] | None:
        """The codex entry of the link drawn under `pos` last frame, or None."""
        for rect, key, _ in self.links_drawn:
            if rect.inflate(2, 4).collidepoint(pos):
                return key
        return None

    def reveal_link(self, i: int) -> None:
        """Scroll so that link `i` is wholly in view."""
        r = self.link_items[i][0]
        room = self.inner().h - self.cue_h()
        if r.y < self.offset:
            self.offset = self.snap_down(r.y)
        elif r.bottom > self.offset + room:
            self.offset = self.snap_up(r.bottom - room)

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
        self.drawn = []
        self.links_drawn = []
        doc.draw(surface, self.laid, tf, inner.x, inner.y - self.offset, self.text_clip(), self.drawn, self.links_drawn)
        for rect, _, i in self.links_drawn:
            if i == self.link_focus:  # the keyboard's link: a frame as well as its colour and underline
                pygame.draw.rect(surface, tf.pal.accent, rect.inflate(tf.px(6), tf.px(2)), 2, border_radius=3)
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
                surface.blit(cue, r)
