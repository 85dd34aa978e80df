"""The title screen: what the game is, and New game / Continue / Settings / Quit.

It is the first frame, so it imports nothing from the core at module level: it comes up while the
scenario is still loading on a worker thread (see `app.ScenarioLoader`). The menu works at once; a
choice that needs the scenario waits for it with a brief "Preparing the briefing…".
"""

from __future__ import annotations

import pygame

from game.errors import excerpt
from game.ui.scenes.base import Scene, TextCheck, view_check
from game.ui.widgets.buttons import Menu, MenuItem, menu_check
from game.ui.widgets.doc import P, prose
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView

GAME_NAME = "ExComm"
TAGLINE = "A decision game of the Cuban Missile Crisis"
ROLE_TEXT = (
    "You take President Kennedy's chair at the ExComm's table: the advisers argue, you decide. "
    "The intelligence you are given is what Washington knew at the time; the story sometimes shows what was "
    "hidden from it. Watch the risk of nuclear war: it is the score that matters."
)
WAIT_TEXT = {
    "new": "Preparing the briefing…",
    "continue": "Opening your saved game…",
    "classroom": "Preparing the classroom lesson…",
}
ACTIONS = ["continue", "new", "settings", "saves", "histories", "classroom", "quit"]
HISTORIES_NOTE = "Every history of your saved game: compare them, see the odds, choose again anywhere."
CLASSROOM_NOTE = "A class role-plays the crisis on a projector: roles, votes, a facilitator."


def scenario_title(title: str) -> str:
    """The scenario's title without the game's name in front ('ExComm: Thirteen Days' -> 'Thirteen Days')."""
    rest = title.strip()
    if rest.lower().startswith(GAME_NAME.lower()):
        rest = rest[len(GAME_NAME) :].lstrip(" :—–-·")
    return rest


def _exists(path) -> bool:
    try:
        return path.exists()
    except OSError:  # e.g. a folder the user cannot search: there is no save we could read
        return False


class TitleScene(Scene):
    def __init__(self, app, notice: str = "", focus: str = ""):
        super().__init__(app)
        startup = app.take_notices() if hasattr(app, "take_notices") else ""
        self.given_notice = " ".join(n for n in (notice, startup) if n)
        self.notice = notice
        self.saved = None
        self.pending: str | None = None  # an action waiting for the scenario
        self.probed = False
        self.summary: ScrollView | None = None
        self.menu = Menu(self._items(), 0)
        self._probe()
        self.menu.focus = 0 if self.menu.items[0].enabled else 1
        if focus in ACTIONS:  # back from Settings: the focus stays where the player left it
            self.menu.focus = ACTIONS.index(focus)
        self.actions = ACTIONS
        self.confirming_new = False  # a saved game in progress: New game asks once before replacing it

    # the saved game, once the scenario is there ---------------------------------------------------
    def _probe(self) -> None:
        app = self.app
        if not app.ready or self.probed:
            return
        from game.ui.session import probe_autosave

        self.probed = True
        self.saved, problem = probe_autosave(app)
        self.notice = self.given_notice
        if problem is not None:
            kept = f" The file was kept as {excerpt(str(problem.kept_at), 160)}." if problem.kept_at else ""
            reason = excerpt(problem.reason, 400)
            said = f"Your saved game could not be read: {reason}.{kept} You can start a new game."
            if said not in self.given_notice:  # said once, and again when coming back from Settings
                self.given_notice = " ".join(n for n in (said, self.given_notice) if n)
            self.notice = self.given_notice
        focus = self.menu.focus
        self.menu.items = self._items()
        if not self.menu.items[focus].enabled:
            self.menu.focus = 1

    def _items(self) -> list[MenuItem]:
        app = self.app
        if app.load_error:
            return [
                MenuItem("Continue", False, "The scenario could not be loaded."),
                MenuItem("New game", False),
                MenuItem("Settings"),
                MenuItem("Saved games", False),
                MenuItem("Histories", False),
                MenuItem("Classroom lesson", False),
                MenuItem("Quit"),
            ]
        from game.ui import paths

        if not app.ready:  # still loading: offer Continue if there is a file; it is read when the load is done
            has_save = paths.any_autosave()
            return [
                MenuItem("Continue", has_save, "Your saved game." if has_save else "No saved game yet."),
                MenuItem("New game", True, "Your saved game moves to Saved games." if has_save else ""),
                MenuItem("Settings"),
                MenuItem("Saved games", False),
                MenuItem("Histories", False),
                MenuItem("Classroom lesson", True, CLASSROOM_NOTE),
                MenuItem("Quit"),
            ]
        from game import wording as fmt

        if self.saved is not None:
            st = self.saved.state
            note = (
                "The crisis is over — read your debrief again."
                if st.ended
                else (f"{fmt.when(st.clock)} — risk of nuclear war so far {fmt.pct(st.risk)}")
            )
            first = MenuItem("Continue", True, note)
        else:
            first = MenuItem("Continue", False, self._nothing_to_continue())
        return [
            first,
            MenuItem("New game", True, "Your saved game moves to Saved games." if self.saved else ""),
            MenuItem("Settings"),
            MenuItem("Saved games"),
            MenuItem(
                "Histories", self.saved is not None, HISTORIES_NOTE if self.saved else self._nothing_to_continue()
            ),
            MenuItem("Classroom lesson", app.scenario.model.classroom is not None, CLASSROOM_NOTE),
            MenuItem("Quit"),
        ]

    def _nothing_to_continue(self) -> str:
        """Why Continue is greyed: no game yet at all, or none in progress while Saved games holds some."""
        try:
            saves = any(p.suffix == ".json" for p in self.app.store.folder.iterdir() if p.is_file())
        except OSError:
            saves = False
        return "No game in progress: Saved games has your saves." if saves else "No saved game yet."

    def startup(self):
        if self.app.ready and not self.probed:  # the load finished while another screen was up
            self.scenario_ready()

    def scenario_ready(self) -> None:
        self._probe()
        if self.app.load_error:
            self.menu.items = self._items()
            self.menu.focus = ACTIONS.index("quit")
            self.pending = None
        self.layout(self.app.size)
        action, self.pending = self.pending, None
        if action is not None and self.app.ready:
            if action == "continue" and self.saved is None:
                return  # the save turned out unreadable: the notice says so
            self.activate(action)

    # layout ---------------------------------------------------------------------------------------
    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(28)
        left_w = int((w - 3 * m) * 0.55)
        right_w = w - 3 * m - left_w
        model = self.app.scenario.model if self.app.ready else None
        head = [P(GAME_NAME, "huge", "accent", after=2)]
        if model is not None:
            name = scenario_title(model.title)
            if name:
                head.append(P(name, "title", after=2))
            head.append(P(model.subtitle or TAGLINE, "body", "muted", after=0))
        else:
            # the same shape as the loaded header, so nothing jumps when the scenario arrives
            wait = "The scenario could not be loaded" if self.app.load_error else "Loading the scenario…"
            head.append(P(wait, "title", "warn" if self.app.load_error else "muted", after=2))
            head.append(P(TAGLINE, "body", "muted", after=0))
        self.head = FixedText("title", head, left_w, tf).place(m, m)
        if model is not None:
            blocks = [
                P("What is at stake", "heading", "accent", after=4),
                *prose(model.summary),
                P(ROLE_TEXT, "body", "muted"),
            ]
        elif self.app.load_error:
            blocks = [P("The scenario could not be loaded", "heading", "warn", after=4), *prose(self.app.load_error)]
        else:
            blocks = [P(ROLE_TEXT, "body", "muted")]
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
        text, color = self.notice, "warn"
        if self.pending is not None:
            text, color = WAIT_TEXT[self.pending], "accent"
        if text:
            self.note = FixedText("notice", [P(text, "body", color)], menu_w - tf.px(20), tf)
            self.note.place(x + tf.px(10), bottom + tf.px(16))
        self.note_color = color
        below = self.note.rect.bottom + tf.px(12) if self.note else bottom
        self.art_rect = pygame.Rect(x, below + tf.px(8), menu_w, self.foot.rect.y - tf.px(10) - below - tf.px(8))

    # input ----------------------------------------------------------------------------------------
    def handle_event(self, event):
        if self.summary.handle_wheel(event, self.app.pointer() if event.type == pygame.MOUSEWHEEL else (0, 0)):
            self.dirty()
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.summary.handle_key(event.key)
            self.dirty()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            if self.pending is not None or self.confirming_new:  # changed one's mind
                self.pending = None
                self._cancel_new()
                self.layout(self.app.size)
                self.dirty()
            return
        before = self.menu.focus
        chosen = self.menu.handle_event(event)
        if self.menu.focus != before or event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.dirty()
        if chosen is not None:
            if self.actions[chosen] != "new":
                self._cancel_new()
            self.activate(self.actions[chosen])

    def _cancel_new(self) -> None:
        if self.confirming_new:
            self.confirming_new = False
            self.notice = self.given_notice

    def activate(self, action: str) -> None:
        app = self.app
        if action in ("continue", "new", "classroom") and not app.ready:
            if app.load_error:
                return
            self.pending = action  # proceed when the load is done (scenario_ready)
            self.layout(app.size)
            self.dirty()
            return
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
            saved = self.saved
            lines = len(saved.root.leaves()) if saved is not None else 0
            # the new game takes the autosave slot: ask first, unless all it holds is one finished game
            if saved is not None and (not saved.state.ended or lines > 1) and not self.confirming_new:
                from game import wording as fmt

                st = saved.state
                what = "game in progress" if not st.ended else f"last game and its {lines} histories"
                self.confirming_new = True
                self.notice = (
                    f"Start again? Your {what} ({fmt.when(st.clock)}, risk {fmt.pct(st.risk)}) moves to "
                    "Saved games. Choose New game again to confirm, or anything else (Esc) to keep it as it is."
                )
                self.layout(app.size)
                self.dirty()
                return
            from game.ui.scenes.briefing import BriefingScene
            from game.ui.session import new_session

            app.go(BriefingScene(app, new_session(app)))
        elif action == "classroom":
            from game.ui.scenes.classroom_setup import ClassroomSetupScene

            if app.scenario.model.classroom is None:
                self.notice = "This scenario has no classroom plan."
                self.layout(app.size)
                self.dirty()
                return
            app.go(ClassroomSetupScene(app))
        elif action == "settings":
            from game.ui.scenes.settings import SettingsScene

            self.pending = None
            app.go(SettingsScene(app, back=TitleScene(app, self.given_notice, focus="settings")))
        elif action == "saves" and app.ready:
            from game.ui.scenes.saves import SavesScene

            app.go(SavesScene(app, back=TitleScene(app, self.given_notice, focus="saves")))
        elif action == "histories" and self.saved is not None:
            from game.ui.scenes.common import open_histories

            open_histories(app, self.saved, TitleScene(app, self.given_notice, focus="histories"))
        elif action == "quit":
            app.quit(0)

    # drawing --------------------------------------------------------------------------------------
    def draw(self, surface):
        tf = self.tf
        self.head.draw(surface)
        self.summary.draw(surface)
        self.menu.draw(surface, tf)
        if self.app.ready:  # the picture needs the scenario's people; the first frame does without
            from game.ui.widgets.title_art import picture

            art = picture(self.app.scenario.model, self.art_rect.size, tf)
            if art is not None:
                surface.blit(art, self.art_rect)
        if self.note:
            r = self.note.rect.inflate(tf.px(16), tf.px(12))
            pygame.draw.rect(surface, tf.pal.panel, r, border_radius=6)
            pygame.draw.rect(surface, tf.color(self.note_color), r, 2, border_radius=6)
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
