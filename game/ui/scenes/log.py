"""The log: everything read in this game so far, in order (as a visual novel's history screen).

It is built from the session's steps through the core's step views (`story_of_step` renders a
`step_view` for the session's viewer), so it shows exactly what the player was shown and never filters
secrets itself. Opened with L; Esc returns to the screen as it was left. It opens at the end.
"""

from __future__ import annotations

import pygame

from game import wording as fmt
from game.ui import links
from game.ui.scenes import extras
from game.ui.scenes.base import Scene, view_check
from game.ui.scenes.common import story_of_step
from game.ui.widgets import doc
from game.ui.widgets.doc import P
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView


def log_blocks(engine, session) -> list:
    """Everything the session's viewer has read, oldest first: each decision's briefing as it was shown,
    then what followed the choice (the step's events), for the moves from the start to the current node."""
    from game.engine.views import decision_view

    blocks: list = []
    seen_steps = 0
    for node in session.current.path():
        state = session.state_at(node)
        for step in state.steps[seen_steps:]:
            story = story_of_step(engine, step, include_history=False, viewer=session.viewer)
            if story:
                blocks.append(P(f"What followed · {fmt.when(step.clock_before)}", "small", "muted", after=4))
                blocks.extend(story)
        seen_steps = len(state.steps)
        if state.ended:
            break
        view = decision_view(engine, state, session.viewer, session.settings)
        if view is None:
            continue
        blocks.append(doc.Rule())
        blocks.append(P(f"{fmt.when(view.when)} — {view.title}", "heading", "accent", after=4))
        if view.private:
            blocks.append(P(f"{view.actor_name} deliberates in private.", "body", "muted"))
        else:
            blocks.extend(doc.prose(view.text or ""))
    if not blocks:
        blocks.append(P("Nothing has happened yet in this game.", "body", "muted"))
    return blocks


class LogScene(Scene):
    def __init__(self, app, back: Scene, session):
        super().__init__(app)
        self.back = back
        self.session = session
        self.view: ScrollView | None = None
        self.link_focus = links.LinkFocus()

    def link_views(self) -> list:
        return [self.view]

    def _spoken(self) -> str:
        return " ".join(b.text for b in self.view.blocks if isinstance(b, P))

    def resume(self):
        """Back from the codex: the log where it was left."""

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(12)
        n = sum(1 for st in self.session.state.steps if st.option)
        self.head = FixedText(
            "header",
            [
                P(f"LOG · {n} decision{'s' if n != 1 else ''} so far", "small", "accent", after=1),
                P("Everything you have read in this game", "title", after=0),
            ],
            w - 2 * m,
            tf,
        ).place(m, m)
        self.foot = FixedText(
            "footer",
            [
                P(
                    extras.hint("↑↓ PgUp PgDn Home End scroll · F terms · C codex · Esc back to where you were"),
                    "small",
                    "muted",
                )
            ],
            w - 2 * m,
            tf,
        )
        self.foot.place(m, h - m - self.foot.height)
        top = self.head.rect.bottom + tf.px(10)
        col = min(w - 2 * m, tf.px(980))
        rect = pygame.Rect((w - col) // 2, top, col, self.foot.rect.top - tf.px(8) - top)
        if self.view is None:
            blocks = links.mark(self.app.scenario.model, log_blocks(self.app.engine, self.session))
            self.view = ScrollView("log", rect, tf, blocks)
            self.view.offset = self.view.max_offset  # the latest first in view, as a history screen opens
        else:
            self.view.set(rect, tf)

    def handle_event(self, event):
        if extras.handle_pointer(self.app, self, event, self._spoken):
            return
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_f, pygame.K_c) and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
                extras.handle_key(self.app, self, self.session, event, self._spoken)
            elif event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_l):
                self.app.go(self.back)
            elif self.view.handle_key(event.key):
                self.dirty()
        elif event.type == pygame.MOUSEWHEEL and self.view.handle_wheel(event, self.app.pointer()):
            self.dirty()

    def draw(self, surface):
        self.head.draw(surface)
        self.view.draw(surface)
        self.foot.draw(surface)

    def text_checks(self):
        return [self.head.check(), self.foot.check(), view_check(self.view)]
