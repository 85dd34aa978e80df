"""What followed a choice: the events in order with dates, the other side's move, the escalation, and 1962."""

from __future__ import annotations

import pygame

from game import wording as fmt
from game.ui import links, read_marks
from game.ui.scenes import extras
from game.ui.scenes.base import Scene, view_check
from game.ui.scenes.common import MapPanel, escalation_blocks, go_back, open_histories, story_of_step
from game.ui.widgets import calendar, doc
from game.ui.widgets.buttons import Button, button_size
from game.ui.widgets.doc import P
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView


class OutcomeScene(Scene):
    def __init__(self, app, session, step, recap: bool = False):
        super().__init__(app)
        self.session = session
        self.step = step
        self.recap = recap
        self.map_panel = MapPanel()
        self.views: dict[str, ScrollView] = {}
        self.read_before = False  # this screen's text was read in an earlier game (K skips on)
        self.link_focus = links.LinkFocus()

    def startup(self):
        extras.enter(self.app, self.session.state.risk, None if self.recap else "teletype")
        self.read_before = not read_marks.get(self.app).add(self.app.scenario.model.id, self._spoken())
        if self.read_before and getattr(self.app, "skipping", False):
            self.proceed()  # skipping read text: on to the next screen, as K started
            return
        self.app.skipping = False  # new text stops a skip
        if self.read_before:
            self.layout(self.app.size)

    def resume(self):
        """Back from the codex, the map, the log or the menu: as it was left (not 'read before', no cue)."""

    def link_views(self) -> list:
        return [self.views["story"], self.views["escalation"], self.views["map"]]

    def _spoken(self) -> str:
        """What 'read aloud' reads here: the events of the step, as the player sees them."""
        events = self.session.step_view(self.step).events
        return " ".join(f"{ev.title}. {ev.choice_text + '.' if ev.choice_text else ''} {ev.text}" for ev in events)

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(12)
        st = self.session.state
        step = self.step
        left_w = int((w - 3 * m) * 0.58)
        right_w = w - 3 * m - left_w
        if self.recap:
            kicker = "WHERE YOU LEFT OFF"
        elif not step.option:
            kicker = "BEFORE YOUR FIRST DECISION"
        else:
            kicker = "WHAT FOLLOWED"
        if self.read_before:
            kicker += " · READ BEFORE (K skips on)"
        span = fmt.when(step.clock_before, year=True)
        if step.clock_after != step.clock_before:
            span += f" → {fmt.when(step.clock_after)}"
        headline = self.session.step_view(step, self.session.viewer).title
        title = "How it ends" if step.ended else (headline or "The crisis goes on")
        if step.catastrophe:
            title = "Control is lost"
        self.head = FixedText(
            "header",
            [
                P(f"{kicker} · {span}", "small", "accent", after=1),
                P(title, "title", "danger" if step.catastrophe else "text", after=0),
            ],
            left_w,
            tf,
        ).place(m, m)
        self.calendar = pygame.Rect(2 * m + left_w, m, right_w, calendar.strip_height(tf))
        self.days = calendar.strip_days(self.app.scenario.model)
        label = "Read the debrief ▶ (Enter)" if step.ended else "Continue ▶ (Enter)"
        bw, bh = button_size(tf, label)
        self.go_on = Button(label, pygame.Rect(w - m - bw, h - m - bh, bw, bh))
        self.menu_btn = extras.menu_button(tf, self.go_on.rect.left - tf.px(8), self.go_on.rect.centery)
        self.foot = FixedText(
            "footer",
            [
                P(
                    extras.hint(
                        f"Enter continue · ↑↓ PgUp PgDn scroll · B back · H histories · {extras.KEYS_HINT} · Esc menu"
                    ),
                    "small",
                    "muted",
                )
            ],
            self.menu_btn.rect.left - 2 * m,
            tf,
        )
        self.foot.place(m, self.go_on.rect.centery - self.foot.height // 2)
        bottom = min(self.go_on.rect.top, self.foot.rect.top) - m
        top = self.head.rect.bottom + tf.px(8)
        blocks = story_of_step(self.app.engine, step, viewer=self.session.viewer)
        if self.session.save_error:
            blocks.insert(0, P(self.session.save_error, "bold", "warn"))
        if not blocks:
            blocks = [P("Nothing else happened.", "body", "muted")]
        self._view("story", pygame.Rect(m, top, left_w, bottom - top), blocks)
        x = 2 * m + left_w
        band = tuple(self.app.scenario.model.risk.band)
        esc_blocks = escalation_blocks(self.app.engine, st, step, band, self.session.viewer)
        esc_h = min(
            int((bottom - top) * 0.6), doc.layout(esc_blocks, right_w - 2 * tf.px(10), tf).height + 2 * tf.px(10)
        )
        self._view("escalation", pygame.Rect(x, top, right_w, esc_h), esc_blocks)
        mrect = pygame.Rect(x, top + esc_h + tf.px(8), right_w, bottom - top - esc_h - tf.px(8))
        self._view("map", mrect, self.map_panel.blocks(self.app.engine, st, mrect.h - 2 * tf.px(10) - tf.px(40), tf))

    def _view(self, name, rect, blocks):
        blocks = links.mark(self.app.scenario.model, blocks)
        v = self.views.get(name)
        if v is None:
            self.views[name] = ScrollView(name, rect, self.tf, blocks)
        else:
            v.set(rect, self.tf, blocks)

    def proceed(self) -> None:
        from game.ui.scenes.debrief import DebriefScene
        from game.ui.scenes.decision import DecisionScene

        if self.session.state.ended:
            self.app.go(DebriefScene(self.app, self.session))
        else:
            self.app.go(DecisionScene(self.app, self.session))

    def handle_event(self, event):
        t = event.type
        if t == pygame.KEYDOWN:
            if extras.handle_key(self.app, self, self.session, event, self._spoken):
                return
            if event.key == pygame.K_ESCAPE:
                from game.ui.scenes.pause import PauseScene

                self.app.go(PauseScene(self.app, self, self.session))
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.proceed()
            elif event.key == pygame.K_b:
                go_back(self.app, self.session)
            elif event.key == pygame.K_h:
                open_histories(self.app, self.session, self)
            elif event.key == pygame.K_k and self.read_before:
                self.app.skipping = True  # on through screens read before, to the next decision or new text
                self.proceed()
            elif self.views["story"].handle_key(event.key):
                self.dirty()
        elif t == pygame.MOUSEWHEEL:
            pos = self.app.pointer()
            for v in self.views.values():
                if v.handle_wheel(event, pos):
                    self.dirty()
                    break
        elif extras.handle_pointer(self.app, self, event, self._spoken):
            return
        elif t == pygame.MOUSEMOTION:
            hot = self.go_on.hit(event.pos)
            if hot != self.go_on.hot:
                self.go_on.hot = hot
                self.dirty()
        elif t == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.go_on.hit(event.pos):
            self.proceed()

    def draw(self, surface):
        calendar.draw_strip(surface, self.calendar, self.tf, self.days, self._today())
        self.head.draw(surface)
        for v in self.views.values():
            v.draw(surface)
        self.foot.draw(surface)
        self.go_on.draw(surface, self.tf, focused=True)
        self.menu_btn.draw(surface, self.tf, role="small")

    def _today(self):
        from game.scenario.compiled import datetime_of

        return datetime_of(self.session.state.clock).date()

    def text_checks(self):
        return [self.head.check(), self.foot.check(), *(view_check(v) for v in self.views.values())]
