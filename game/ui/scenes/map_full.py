"""The map at full size: the region as large as the window allows, with its key beside it. Opened with G
from a game screen; Esc returns to the screen as it was left. It draws the same map state as the map tab."""

from __future__ import annotations

import pygame

from game import wording as fmt
from game.ui import map_data
from game.ui.map_view import MapView, aspect, legend
from game.ui.scenes.base import Scene, view_check
from game.ui.widgets.doc import P
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView


class MapScene(Scene):
    def __init__(self, app, back: Scene, session):
        super().__init__(app)
        self.back = back
        self.session = session
        self.view = MapView()
        self.state = map_data.map_state(app.engine, session.state)
        self.key_view: ScrollView | None = None
        self.map_rect = pygame.Rect(0, 0, 1, 1)

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(12)
        when = fmt.when(self.session.state.clock, year=True)
        self.head = FixedText(
            "header",
            [P(f"MAP · {when}", "small", "accent", after=1), P("The map", "title")],
            w - 2 * m,
            tf,
        ).place(m, m)
        self.foot = FixedText(
            "footer", [P("↑↓ PgUp PgDn scroll the key · Esc back to where you were", "small", "muted")], w - 2 * m, tf
        )
        self.foot.place(m, h - m - self.foot.height)
        top = self.head.rect.bottom + tf.px(8)
        room_h = self.foot.rect.top - tf.px(8) - top
        key_w = max(tf.px(260), int((w - 3 * m) * 0.26))
        room_w = w - 3 * m - key_w
        if self.state is None:
            self.map_rect = pygame.Rect(m, top, room_w, room_h)
            blocks = [P("This scenario has no map.", "body", "muted")]
        else:
            ratio = aspect(self.state.map.bounds)
            mw = min(room_w, int(room_h * ratio))
            self.map_rect = pygame.Rect(m, top, mw, int(mw / ratio))
            key_w = w - 3 * m - mw
            blocks = [P("KEY", "small", "muted", after=4)] + [P(line, "small", after=4) for line in legend(self.state)]
        rect = pygame.Rect(self.map_rect.right + m, top, key_w, room_h)
        if self.key_view is None:
            self.key_view = ScrollView("key", rect, tf, blocks)
        else:
            self.key_view.set(rect, tf, blocks)

    def handle_event(self, event):
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_g):
                self.app.go(self.back)
            elif self.key_view.handle_key(event.key):
                self.dirty()
        elif event.type == pygame.MOUSEWHEEL and self.key_view.handle_wheel(event, self.app.pointer()):
            self.dirty()

    def draw(self, surface):
        self.head.draw(surface)
        if self.state is not None:
            self.view.draw(surface, self.map_rect, self.tf, self.state)
            pygame.draw.rect(surface, self.tf.pal.border, self.map_rect, 1)
        self.key_view.draw(surface)
        self.foot.draw(surface)

    def text_checks(self):
        return [self.head.check(), self.foot.check(), view_check(self.key_view)]
