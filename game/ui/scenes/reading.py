"""A screen read from the histories (compare, odds): a header, one scrolling view, a footer and a back button."""

from __future__ import annotations

import pygame

from game.ui.scenes.base import Scene, view_check


class ReadingScene(Scene):
    """Subclasses set `head`, `view`, `foot` and `back_btn` in `layout`, and `session` and `back` at start."""

    def leave(self) -> None:
        """Back where the player came from, else to the histories screen."""
        if self.back is not None:
            self.app.go(self.back)
        else:
            from game.ui.scenes.histories import HistoriesScene

            self.app.go(HistoriesScene(self.app, self.session))

    def pointer_event(self, event) -> None:
        """The wheel scrolls the view; the back button lights under the pointer and leaves on a click."""
        t = event.type
        if t == pygame.MOUSEWHEEL:
            if self.view.handle_wheel(event, self.app.pointer()):
                self.dirty()
        elif t == pygame.MOUSEMOTION:
            hot = self.back_btn.hit(event.pos)
            if hot != self.back_btn.hot:
                self.back_btn.hot = hot
                self.dirty()
        elif t == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.back_btn.hit(event.pos):
            self.leave()

    def draw(self, surface):
        self.head.draw(surface)
        self.view.draw(surface)
        self.foot.draw(surface)
        self.back_btn.draw(surface, self.tf, focused=True)

    def text_checks(self):
        return [self.head.check(), view_check(self.view), self.foot.check()]
