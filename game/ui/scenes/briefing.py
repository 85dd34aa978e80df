"""Before the first decision: how to play, what is at stake, and the road to October — a page at a time."""

from __future__ import annotations

import pygame

from game.ui import links
from game.ui.scenes import extras
from game.ui.scenes.base import Scene, view_check
from game.ui.widgets.buttons import Button, button_size
from game.ui.widgets.doc import P, prose
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView

FADE_S = 0.3

HOW_TO_PLAY = """It is October 1962. American spy planes have found Soviet nuclear missiles being installed in Cuba, \
ninety miles from Florida. You take President Kennedy's place: his Executive Committee — the ExComm — \
advises, and you decide.

- At each decision you read the briefing and the intelligence Washington had at that moment — no more. The \
story of what follows sometimes shows you what Washington could not see (Moscow's orders, Castro's letters): \
the ExComm decided without it.
- Advisers argue for and against the options: the faces on an option are those who spoke to it, + beside \
a face for it and − against (A shows what they said). Choose with the number keys (or click), then press \
Enter (or click Decide).
- After each choice you see what followed, Moscow's move, and what actually happened in 1962.
- The escalation panel shows the cumulative risk of nuclear war and the DEFCON alert level. Every step can \
raise it, and the dice are real: a step with a 2% risk goes wrong about once in fifty games. The shaded band on \
the gauge is where the game is tuned to put the course taken in 1962, inside the range of serious estimates of \
the real danger (the debrief says whose); changes are shown in percentage points.
- The game saves itself after every decision. Esc opens the menu at any time.
- On any game screen: G shows the map large, C the codex (terms like MRBM or DEFCON, and the people), P the \
advisers' dossiers, L the log of everything you have read, V reads the screen aloud (with espeak-ng installed), \
M turns the sound on or off. Esc brings you back where you were.
- Underlined words are in the codex: click one to read its entry, or press F to move from one to the next \
(Shift+F back) and C to open the one framed.

At the end, a debrief compares your crisis with the real one."""


class BriefingScene(Scene):
    def __init__(self, app, session, page: int = 0):
        super().__init__(app)
        self.session = session
        model = app.scenario.model
        # the title screen already shows the scenario's summary: the briefing does not repeat it
        self.pages: list[tuple[str, str, list]] = [("How to play", HOW_TO_PLAY, [])]
        for bp in model.briefing:
            note = []
            if bp.invented:
                note.append("This page is the game's invention, not a documented event.")
            if bp.sources:
                cites = "; ".join(model.sources.get(s, s) for s in bp.sources)
                note.append(f"Sources: {cites}")
            self.pages.append((bp.title, bp.text, note))
        self.page = page
        self.fade = 0.0
        self.view: ScrollView | None = None
        self.link_focus = links.LinkFocus()

    @property
    def animating(self) -> bool:
        return self.fade > 0

    def startup(self):
        self.fade = FADE_S
        from game.ui import sound

        sound.get(self.app).prepare()  # ready by the first screen that plays one

    def resume(self):
        """Back from the codex or the menu: the page as it was, without fading in again."""

    def link_views(self) -> list:
        return [self.view]

    def _spoken(self) -> str:
        title, text, _ = self.pages[self.page]
        return f"{title}. {text}"

    def _blocks(self) -> list:
        title, text, notes = self.pages[self.page]
        blocks = [P(title, "title", "accent", after=10), *prose(text)]
        for n in notes:
            blocks.append(P(n, "small", "muted", after=4))
        return links.mark(self.app.scenario.model, blocks)

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(24)
        col = min(w - 2 * m, tf.px(900))
        x = (w - col) // 2
        self.head = FixedText(
            "header",
            [P(f"THE ROAD TO OCTOBER — page {self.page + 1} of {len(self.pages)}", "small", "muted", after=0)],
            col,
            tf,
        ).place(x, m)
        labels = [
            "◀ Back",
            "Skip briefing (S)",
            "Next ▶ (Enter)" if self.page < len(self.pages) - 1 else "Begin ▶ (Enter)",
        ]
        sizes = [button_size(tf, lab) for lab in labels]
        bh = max(s[1] for s in sizes)
        by = h - m - bh
        self.back = Button(labels[0], pygame.Rect(x, by, *sizes[0]), enabled=self.page > 0)
        self.skip = Button(labels[1], pygame.Rect(0, by, *sizes[1]))
        self.skip.rect.centerx = x + col // 2
        self.next = Button(labels[2], pygame.Rect(0, by, *sizes[2]))
        self.next.rect.right = x + col
        self.foot = FixedText(
            "footer",
            [
                P(
                    extras.hint(
                        f"Enter or → next page · ← back · S skip · ↑↓ PgUp PgDn scroll · {extras.KEYS_SHORT} · Esc menu"
                    ),
                    "small",
                    "muted",
                )
            ],
            col,
            tf,
        )
        self.foot.place(x, by - tf.px(8) - self.foot.height)
        top = self.head.rect.bottom + tf.px(8)
        rect = pygame.Rect(x, top, col, self.foot.rect.y - top - tf.px(8))
        if self.view is None:
            self.view = ScrollView("page", rect, tf, self._blocks())
        else:
            self.view.set(rect, tf, self._blocks())

    def _turn(self, delta: int) -> None:
        page = self.page + delta
        if page < 0:
            return
        if page >= len(self.pages):
            self._begin()
            return
        self.page = page
        self.view.offset = 0
        self.link_focus.clear()
        self.layout(self.app.size)
        self.fade = FADE_S
        self.dirty()

    def _begin(self) -> None:
        from game.ui.scenes.decision import DecisionScene
        from game.ui.scenes.outcome import OutcomeScene

        first = self.session.state.steps[0]
        if first.events:
            self.app.go(OutcomeScene(self.app, self.session, first))
        else:
            self.app.go(DecisionScene(self.app, self.session))

    def handle_event(self, event):
        if extras.handle_key(self.app, self, self.session, event, self._spoken):
            return
        if extras.handle_pointer(self.app, self, event, self._spoken):
            return
        if event.type == pygame.KEYDOWN:
            k = event.key
            if k == pygame.K_ESCAPE:
                from game.ui.scenes.pause import PauseScene

                self.app.go(PauseScene(self.app, self, self.session))
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_RIGHT):
                self._turn(1)
            elif k in (pygame.K_LEFT, pygame.K_BACKSPACE):
                self._turn(-1)
            elif k == pygame.K_s:
                self._begin()
            elif self.view.handle_key(k):
                self.dirty()
        elif event.type == pygame.MOUSEWHEEL:
            if self.view.handle_wheel(event, self.app.pointer()):
                self.dirty()
        elif event.type == pygame.MOUSEMOTION:
            for b in (self.back, self.skip, self.next):
                hot = b.hit(event.pos)
                if hot != b.hot:
                    b.hot = hot
                    self.dirty()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.next.hit(event.pos):
                self._turn(1)
            elif self.back.hit(event.pos):
                self._turn(-1)
            elif self.skip.hit(event.pos):
                self._begin()

    def update(self, dt):
        if self.fade > 0:
            self.fade = max(0.0, self.fade - dt)
            self.dirty()

    def draw(self, surface):
        tf = self.tf
        self.head.draw(surface)
        self.view.draw(surface)
        if self.fade > 0:
            veil = pygame.Surface(self.view.inner().size)
            veil.fill(tf.pal.panel)
            veil.set_alpha(int(255 * self.fade / FADE_S))
            surface.blit(veil, self.view.inner())
        self.foot.draw(surface)
        self.back.draw(surface, tf)
        self.skip.draw(surface, tf)
        self.next.draw(surface, tf, focused=True)

    def text_checks(self):
        return [self.head.check(), view_check(self.view), self.foot.check()]
