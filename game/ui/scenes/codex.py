"""The codex: terms of the period and the people, each explained once. Opened with C from a screen (P for
the people), it lists first what that screen mentions; Esc returns to the screen as it was left."""

from __future__ import annotations

import pygame

from game.ui import codex_index, links
from game.ui.scenes.base import Scene, view_check
from game.ui.scenes.dossier import dossier_blocks
from game.ui.widgets.doc import P
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView

DRIVER_HELP = (
    "An ongoing driver is a daily chance of losing control while its condition holds, added up over the days "
    "that pass: the escalation panel shows this step's share, e.g. '0.18% (ongoing)'; '<0.01%' means less than "
    "a hundredth of a percent. A one-off driver ('your action', 'incident') is a single chance at the moment it "
    "happens. Together they make the step's chance of losing control, which raises the cumulative risk."
)


class CodexScene(Scene):
    def __init__(self, app, back: Scene, text: str = "", start: str | tuple = "here"):
        super().__init__(app)
        self.back = back
        model = app.scenario.model if app.scenario is not None else None
        self.model = model
        here = [("term", t) for t in codex_index.terms_in(model, text)]
        here += [("person", p) for p in codex_index.people_in(model, text)]
        here += [("driver", d) for d in codex_index.drivers_in(model, text)]
        terms = [("term", t.id) for t in model.codex] if model else []
        people = [("person", p) for p in model.advisors if p in model.people] if model else []
        drivers = [("driver", d.id) for d in model.risk.drivers if d.audience == "all"] if model else []
        # rows: ('head', label) or (kind, id); 'here' repeats entries so the screen's terms come first
        self.rows: list[tuple[str, str]] = []
        sections = (("ON THIS SCREEN", here), ("TERMS", terms), ("PEOPLE", people), ("RISK DRIVERS", drivers))
        for label, entries in sections:
            if entries:
                self.rows.append(("head", label))
                self.rows.extend(entries)
        self.selected = self._first(start)
        self.link_focus = links.LinkFocus()
        self.top = 0
        self.row_rects: list[tuple[int, pygame.Rect]] = []
        self.content: ScrollView | None = None

    def _first(self, start) -> int:
        picks = [i for i, r in enumerate(self.rows) if r[0] != "head"]
        if not picks:
            return -1
        if isinstance(start, tuple):
            for i, r in enumerate(self.rows):
                if r == start:
                    return i
        if start == "people":
            return next((i for i in picks if self.rows[i][0] == "person"), picks[0])
        return picks[0]

    def label(self, row: tuple[str, str]) -> str:
        kind, rid = row
        if kind == "head":
            return rid
        if kind == "term":
            return next(t.term for t in self.model.codex if t.id == rid)
        if kind == "driver":
            return next(d.label for d in self.model.risk.drivers if d.id == rid)
        return self.model.advisors[rid].name

    def entry_blocks(self) -> list:
        """The selected entry, its mentions of other entries linked (a click or F then Enter goes there)."""
        if self.selected < 0:
            return [P("This scenario has no codex.", "body", "muted")]
        return links.mark(self.model, self._entry_blocks(), {self.rows[self.selected]})

    def open_entry(self, entry: tuple[str, str]) -> None:
        """Show another entry, as a link in this one asked."""
        i = next((i for i, r in enumerate(self.rows) if r == entry), None)
        if i is not None:
            self.link_focus.clear()
            self.select(i)

    def _entry_blocks(self) -> list:
        kind, rid = self.rows[self.selected]
        if kind == "person":
            return dossier_blocks(self.model, rid)
        if kind == "driver":
            drv = next(d for d in self.model.risk.drivers if d.id == rid)
            return [
                P("RISK DRIVER", "small", "muted", after=2),
                P(drv.label, "title", "accent", after=6),
                *([P(drv.note, "body")] if drv.note else []),
                P(DRIVER_HELP, "body", "muted"),
            ]
        term = next(t for t in self.model.codex if t.id == rid)
        blocks = [P(term.term, "title", "accent", after=2)]
        if term.aliases:
            blocks.append(P("Also: " + ", ".join(term.aliases), "small", "muted", after=8))
        blocks.append(P(term.text, "body"))
        if term.sources:
            blocks.append(
                P("Sources: " + "; ".join(self.model.sources.get(s, s) for s in term.sources), "small", "muted")
            )
        if term.invented:
            blocks.append(P("This entry includes the game's invention.", "small", "muted"))
        return blocks

    # layout -----------------------------------------------------------------
    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(12)
        self.head = FixedText(
            "header",
            [
                P("CODEX", "small", "accent", after=1),
                P("Terms and people of October 1962", "title", after=0),
            ],
            w - 2 * m,
            tf,
        ).place(m, m)
        self.foot = FixedText(
            "footer",
            [
                P(
                    "↑↓ choose · PgUp/PgDn read · click an entry or an underlined word · F links, Enter open one · "
                    "Esc back to where you were",
                    "small",
                    "muted",
                )
            ],
            w - 2 * m,
            tf,
        )
        self.foot.place(m, h - m - self.foot.height)
        top = self.head.rect.bottom + tf.px(10)
        bottom = self.foot.rect.top - tf.px(8)
        list_w = min(int((w - 3 * m) * 0.32), tf.px(340))
        self.list_rect = pygame.Rect(m, top, list_w, bottom - top)
        rect = pygame.Rect(2 * m + list_w, top, w - 3 * m - list_w, bottom - top)
        if self.content is None:
            self.content = ScrollView("entry", rect, tf, self.entry_blocks())
        else:
            self.content.set(rect, tf, self.entry_blocks())
        self._place_rows()

    def row_h(self) -> int:
        return self.tf.line_height("body") + self.tf.px(8)

    def _place_rows(self) -> None:
        rh = self.row_h()
        pad = self.tf.px(8)
        fits = max(1, (self.list_rect.h - 2 * pad) // rh)
        if len(self.rows) > fits:
            fits = max(1, fits - 1)  # a row for the 'more' cue
        if self.selected >= 0:
            if self.selected < self.top:
                self.top = max(0, self.selected - 1)
            elif self.selected >= self.top + fits:
                self.top = self.selected - fits + 1
        self.row_rects = []
        y = self.list_rect.y + pad
        for i in range(self.top, min(len(self.rows), self.top + fits)):
            self.row_rects.append((i, pygame.Rect(self.list_rect.x + pad, y, self.list_rect.w - 2 * pad, rh - 2)))
            y += rh

    def select(self, i: int) -> None:
        if 0 <= i < len(self.rows) and self.rows[i][0] != "head":
            self.selected = i
            self.link_focus.clear()
            self.content.offset = 0
            self.content.set(blocks=self.entry_blocks())
            self._place_rows()
            self.dirty()

    def move(self, d: int) -> None:
        i = self.selected
        while 0 <= i + d < len(self.rows):
            i += d
            if self.rows[i][0] != "head":
                self.select(i)
                return

    # input --------------------------------------------------------------------
    def handle_event(self, event):
        t = event.type
        if t == pygame.KEYDOWN:
            k = event.key
            if k in (pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_c, pygame.K_p):
                self.app.go(self.back)
            elif k == pygame.K_DOWN:
                self.move(1)
            elif k == pygame.K_UP:
                self.move(-1)
            elif k == pygame.K_f:
                if self.link_focus.step([self.content], -1 if event.mod & pygame.KMOD_SHIFT else 1):
                    self.dirty()
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.link_focus.key() is not None:
                self.open_entry(self.link_focus.key())
            elif self.content.handle_key(k):
                self.dirty()
        elif t == pygame.MOUSEBUTTONDOWN and event.button == 1:
            entry = self.content.link_at(event.pos)
            if entry is not None:
                self.open_entry(entry)
                return
            for i, r in self.row_rects:
                if r.collidepoint(event.pos):
                    self.select(i)
                    return
        elif t == pygame.MOUSEWHEEL:
            pos = self.app.pointer()
            if self.list_rect.collidepoint(pos):
                self.move(-event.y)
            elif self.content.handle_wheel(event, pos):
                self.dirty()

    # drawing ------------------------------------------------------------------
    def draw(self, surface):
        tf = self.tf
        pal = tf.pal
        self.head.draw(surface)
        pygame.draw.rect(surface, pal.panel, self.list_rect, border_radius=6)
        pygame.draw.rect(surface, pal.border, self.list_rect, 1, border_radius=6)
        for i, r in self.row_rects:
            row = self.rows[i]
            if row[0] == "head":
                surface.blit(tf.render("small", row[1], "muted"), (r.x, r.bottom - tf.line_height("small") - 2))
                continue
            if i == self.selected:
                pygame.draw.rect(surface, pal.focus_bg, r, border_radius=4)
                pygame.draw.rect(surface, pal.accent, r, 2, border_radius=4)
            text = self.label(row)
            while len(text) > 3 and tf.width("body", text) > r.w - tf.px(16):
                text = text[:-2] + "…"
            surface.blit(tf.render("body", text, "text"), (r.x + tf.px(8), r.y + tf.px(4)))
        if self.row_rects:
            first, last = self.row_rects[0][0], self.row_rects[-1][0]
            cue = ("▲ " if first > 0 else "") + ("▼ more" if last < len(self.rows) - 1 else "")
            if cue:
                surf = tf.render("small", cue, "accent")
                y = self.row_rects[-1][1].bottom + tf.px(4)
                surface.blit(surf, (self.list_rect.right - tf.px(10) - surf.get_width(), y))
        self.content.draw(surface)
        self.foot.draw(surface)

    def text_checks(self):
        return [self.head.check(), self.foot.check(), view_check(self.content)]
