"""The title screen: what the game is, and New game / Continue / Settings / Quit."""

from __future__ import annotations

import pygame

from game.ui import fmt
from game.ui.scenes.base import Scene, TextCheck, view_check
from game.ui.session import Session, probe_autosave
from game.ui.widgets.buttons import Menu, MenuItem, menu_check
from game.ui.widgets.doc import P, prose
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView


class TitleScene(Scene):
    def __init__(self, app, notice: str = ""):
        super().__init__(app)
        self.notice = notice
        self.saved, problem = probe_autosave(app.engine, app.save_path)
        if problem is not None:
            kept = f" The file was kept as {problem.kept_at}." if problem.kept_at else ""
            self.notice = f"Your saved game could not be read: {problem.reason}.{kept} You can start a new game."
        items = []
        if self.saved is not None:
            st = self.saved.state
            if st.ended:
                note = "The crisis is over — read your debrief again."
            else:
                note = f"{fmt.when(st.clock)} — risk so far {fmt.pct(st.risk)}"
            items.append(MenuItem("Continue", True, note))
        else:
            items.append(MenuItem("Continue", False, "No saved game yet."))
        items += [
            MenuItem("New game", True, "Replaces your saved game." if self.saved else ""),
            MenuItem("Settings"),
            MenuItem("Quit"),
        ]
        self.menu = Menu(items, 0 if self.saved else 1)
        self.actions = ["continue", "new", "settings", "quit"]
        self.summary: ScrollView | None = None

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(28)
        left_w = int((w - 3 * m) * 0.55)
        right_w = w - 3 * m - left_w
        model = self.app.scenario.model
        self.head = FixedText(
            "title",
            [
                P("ExComm", "huge", "accent", after=2),
                P(model.title, "title", after=2),
                P(model.subtitle or "A decision game of the Cuban Missile Crisis", "body", "muted", after=0),
            ],
            left_w,
            tf,
        ).place(m, m)
        blocks = [
            P("What is at stake", "heading", "accent", after=4),
            *prose(model.summary),
            P(
                "You sit with President Kennedy's Executive Committee (ExComm). Each decision is one the "
                "ExComm faced, with what it knew at the time. Watch the risk of nuclear war: it is the score "
                "that matters.",
                "body",
                "muted",
            ),
        ]
        top = self.head.rect.bottom + tf.px(16)
        foot_blocks = [P("↑↓ or Tab to move · Enter to select · F11 full screen · mouse works too", "small", "muted")]
        self.foot = FixedText("footer", foot_blocks, w - 2 * m, tf)
        self.foot.place(m, h - m // 2 - self.foot.height)
        rect = pygame.Rect(m, top, left_w, self.foot.rect.y - top - tf.px(10))
        if self.summary is None:
            self.summary = ScrollView("summary", rect, tf, blocks)
        else:
            self.summary.set(rect, tf, blocks)
        x = 2 * m + left_w
        menu_w = right_w
        bottom = self.menu.layout(tf, x + menu_w // 2, m + tf.px(20), menu_w)
        self.note = None
        if self.notice:
            self.note = FixedText("notice", [P(self.notice, "body", "warn")], menu_w - tf.px(20), tf)
            self.note.place(x + tf.px(10), bottom + tf.px(16))

    def handle_event(self, event):
        if self.summary.handle_wheel(event, pygame.mouse.get_pos() if event.type == pygame.MOUSEWHEEL else (0, 0)):
            self.dirty()
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.summary.handle_key(event.key)
            self.dirty()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return
        before = self.menu.focus
        chosen = self.menu.handle_event(event)
        if self.menu.focus != before or event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.dirty()
        if chosen is not None:
            self.activate(self.actions[chosen])

    def activate(self, action: str) -> None:
        app = self.app
        if action == "continue" and self.saved is not None:
            from game.ui.scenes.debrief import DebriefScene
            from game.ui.scenes.decision import DecisionScene
            from game.ui.scenes.outcome import OutcomeScene

            s = self.saved
            if s.state.ended:
                app.go(DebriefScene(app, s))
            elif len(s.state.steps) > 1:
                app.go(OutcomeScene(app, s, s.state.steps[-1], recap=True))
            else:
                app.go(DecisionScene(app, s))
        elif action == "new":
            from game.ui.scenes.briefing import BriefingScene

            app.go(BriefingScene(app, Session.new(app.engine, app.save_path, app.seed, app.fate)))
        elif action == "settings":
            from game.ui.scenes.settings import SettingsScene

            app.go(SettingsScene(app, back=TitleScene(app)))
        elif action == "quit":
            app.quit(0)

    def draw(self, surface):
        self.head.draw(surface)
        self.summary.draw(surface)
        self.menu.draw(surface, self.tf)
        if self.note:
            r = self.note.rect.inflate(self.tf.px(16), self.tf.px(12))
            pygame.draw.rect(surface, self.tf.pal.panel, r, border_radius=6)
            pygame.draw.rect(surface, self.tf.pal.warn, r, 2, border_radius=6)
            self.note.draw(surface)
        self.foot.draw(surface)

    def text_checks(self) -> list[TextCheck]:
        checks = [
            self.head.check(),
            view_check(self.summary),
            self.foot.check(),
            menu_check(self.menu, self.tf, self.foot.rect.top),
        ]
        if self.note:
            checks.append(self.note.check())
        return checks
