"""Saved games: every save in the folder (slot, scenario, date in the game, when saved, ending), to load one;
and a new game with a seed typed in, to share a game's luck.

A loaded save becomes the scenario's game in progress (it is autosaved from then on, in its own slot);
the file loaded is never changed.
"""

from __future__ import annotations

import time

import pygame

from game.errors import ExcommError
from game.ui.scenes.base import Scene
from game.ui.widgets.buttons import Button, Menu, MenuItem, button_size
from game.ui.widgets.doc import P
from game.ui.widgets.fixed import FixedText

MAX_SEED = 2**31 - 1


def _saved_at(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(t)) if t else "—"


class SavesScene(Scene):
    def __init__(self, app, back: Scene, message: str = "", focus: int = 0):
        super().__init__(app)
        self.back = back
        self.saves = app.store.list_saves(app.engine)
        self.mode = ""  # 'seed' while a seed is typed
        self.buffer = ""
        self.message = message
        self.confirm_delete: int | None = None  # the save Delete was pressed on once (a second press deletes)
        self.confirming = ""  # the seed whose new game would replace a game in progress, once asked
        items = []
        for info in self.saves:
            where = (info.ending and f"ended: {info.ending}") or info.when_in_game or "another scenario"
            lines = f" · {info.histories} histories" if info.histories > 1 else ""  # a tree, not one game
            note = f"{info.scenario_id} · {where}{lines} · saved {_saved_at(info.saved_at)}"
            if info.problem:
                note = f"{info.scenario_id or '?'} · cannot be opened: {info.problem}"
            ok = not info.problem and info.scenario_id == app.engine.scenario.id
            items.append(MenuItem(info.name, ok, note))
        items.append(MenuItem("New game with a seed…", True, "Type a seed to play with the same luck as someone else"))
        items.append(MenuItem("Back", True, "Esc"))
        self.menu = Menu(items, min(focus, len(items) - 1))

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(20)
        col = min(w - 2 * m, tf.px(820))
        x = (w - col) // 2
        n = len(self.saves)
        self.head = FixedText(
            "header",
            [
                P(f"SAVED GAMES · {n} in {self.app.store.folder}", "small", "accent", after=1),
                P("Load a game", "title", after=0),
            ],
            col,
            tf,
        ).place(x, m)
        if self.mode == "seed" and self.message:
            text, color = f"Seed: {self.buffer}▌  {self.message}", "warn"
        elif self.mode == "seed":
            text, color = f"Seed: {self.buffer}▌  (digits, Enter to start, Esc to cancel)", "accent"
        else:
            text = self.message or "↑↓ choose · Enter load · Del delete · Esc back"
            color = "warn" if self.message else "muted"
        # Delete to the mouse too: it acts on the save chosen in the list (greyed on the two last items)
        label = "Delete this save (Del)"
        bw, bh = button_size(tf, label, "small")
        self.delete_btn = Button(label, pygame.Rect(x + col - bw, h - m - bh, bw, bh))
        self.delete_btn.enabled = self.menu.focus < len(self.saves) and self.mode != "seed"
        self.foot = FixedText("footer", [P(text, "small", color)], col - bw - tf.px(12), tf)
        self.foot.place(x, h - m - max(self.foot.height, bh) + max(0, bh - self.foot.height) // 2)
        top = self.head.rect.bottom + tf.px(12)
        room = min(self.foot.rect.top, self.delete_btn.rect.top) - top - tf.px(8)
        # the menu scrolls by moving its top so the focused item stays in view
        self.menu.layout(tf, w // 2, top, col)
        focused = self.menu.rects[self.menu.focus]
        shift = max(0, focused.bottom - (top + room))
        if shift:
            self.menu.layout(tf, w // 2, top - shift, col)
        self.clip = pygame.Rect(x - tf.px(4), top, col + tf.px(8), room)

    def _start(self) -> None:
        text = self.buffer.strip()
        if not text.isdigit() or int(text) > MAX_SEED:
            self.message = f"A seed is a whole number from 0 to {MAX_SEED}: type one, or Esc to cancel."
            self.buffer = ""  # the prompt stays open for another try
            self.layout(self.app.size)
            self.dirty()
            return
        if self.confirming != text:
            from game import wording as fmt

            saved, _ = self.app.store.probe_autosave(self.app.engine)  # a damaged one is kept aside, not lost
            lines = len(saved.root.leaves()) if saved is not None else 0
            if saved is not None and (not saved.state.ended or lines > 1):  # it takes the autosave slot: ask
                st = saved.state
                what = "game in progress" if not st.ended else "last game"
                self.confirming = text
                self.message = (
                    f"Start seed {text}? Your {what} ({fmt.when(st.clock)}, risk {fmt.pct(st.risk)}, "
                    f"{lines} {'history' if lines == 1 else 'histories'}) moves to Saved games. Enter again "
                    f"to confirm, Esc to keep it as it is."
                )
                self.layout(self.app.size)
                self.dirty()
                return
        from game.ui.scenes.briefing import BriefingScene
        from game.ui.session import new_session

        self.app.seed = int(text)
        self.app.go(BriefingScene(self.app, new_session(self.app)))

    def load(self, info) -> None:
        from game.errors import ExcommError
        from game.ui.scenes.debrief import DebriefScene
        from game.ui.scenes.decision import DecisionScene
        from game.ui.scenes.outcome import OutcomeScene

        app = self.app
        try:
            session = app.store.load(info.path, app.engine)
        except ExcommError as exc:
            self.message = f"That save cannot be opened: {exc}"
            self.layout(app.size)
            self.dirty()
            return
        session.settings = app.view_settings()
        from game.ui.session import take_slot

        take_slot(app, session)  # the game it replaces is kept, and the player told where
        st = session.state
        if st.ended:
            app.go(DebriefScene(app, session))
        elif len(st.steps) > 1:
            app.go(OutcomeScene(app, session, st.steps[-1], recap=True))
        else:
            app.go(DecisionScene(app, session))

    def delete(self, index: int) -> None:
        """Delete the focused save: asked once, done on the second press; the file goes to the `deleted`
        subfolder, where it can still be found."""
        if index >= len(self.saves):
            return
        info = self.saves[index]
        autosave = info.path.name.startswith("autosave")
        if self.confirm_delete != index:
            self.confirm_delete = index
            what = (
                "your current game (the one Continue opens), with all its histories" if autosave else f"'{info.name}'"
            )
            self.message = f"Press Delete (or click it) again to delete {what}; anything else keeps it."
        else:
            try:
                gone = self.app.store.discard(info.path)
            except (OSError, ExcommError) as exc:
                self.message = f"Could not delete it: {getattr(exc, 'strerror', None) or exc}. Nothing was lost."
                self.confirm_delete = None
            else:
                from game.ui.scenes.title import TitleScene

                note = f"Deleted '{info.name}': it is kept in {gone.parent} should you want it back."
                # the title read the saved game when it was made: a fresh one, so that Continue is not offered
                # a game whose file was just deleted
                back = TitleScene(self.app, focus="saves") if isinstance(self.back, TitleScene) else self.back
                self.app.go(SavesScene(self.app, back, note, focus=index))
                return
        self.layout(self.app.size)
        self.dirty()

    def handle_event(self, event):
        if self.mode == "seed":
            if event.type == pygame.TEXTINPUT:
                self.buffer = (self.buffer + "".join(c for c in event.text if c.isdigit()))[:10]
                self.message, self.confirming = "", ""
            elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self._start()
                return
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.mode, self.message, self.confirming = "", "", ""
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE:
                self.buffer = self.buffer[:-1]
                self.message, self.confirming = "", ""
            else:
                return
            self.layout(self.app.size)
            self.dirty()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.go(self.back)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_DELETE:
            self.delete(self.menu.focus)
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.delete_btn.hit(event.pos):
            if self.delete_btn.enabled:
                self.delete(self.menu.focus)
            return
        if event.type == pygame.MOUSEMOTION and self.delete_btn.hit(event.pos) != self.delete_btn.hot:
            self.delete_btn.hot = not self.delete_btn.hot
            self.dirty()
        if event.type == pygame.MOUSEBUTTONDOWN and self.confirm_delete is not None:  # a click elsewhere: kept
            self.confirm_delete, self.message = None, ""
            self.layout(self.app.size)
        if event.type == pygame.KEYDOWN and self.confirm_delete is not None:  # any other key: not deleted
            self.confirm_delete, self.message = None, ""
            self.layout(self.app.size)
        before = self.menu.focus
        chosen = self.menu.handle_event(event)
        if before != self.menu.focus:
            self.layout(self.app.size)
        if before != self.menu.focus or event.type == pygame.KEYDOWN:
            self.dirty()
        if chosen is None:
            return
        if chosen < len(self.saves):
            self.load(self.saves[chosen])
        elif chosen == len(self.saves):
            self.mode, self.buffer, self.message = "seed", "", ""
            self.app.begin_text_input()
            self.layout(self.app.size)
            self.dirty()
        else:
            self.app.go(self.back)

    def draw(self, surface):
        self.head.draw(surface)
        old = surface.get_clip()
        surface.set_clip(self.clip)
        self.menu.draw(surface, self.tf)
        surface.set_clip(old)
        self.foot.draw(surface)
        self.delete_btn.draw(surface, self.tf, role="small")

    def text_checks(self):
        return [self.head.check(), self.foot.check()]
