"""The histories screen: every history played, on the calendar, with 1962 on top for reference.

Point at a decision (arrows or the mouse) to read what was chosen and the risk then; open it (Enter)
to re-enter the game there and choose again — the old line stays as a variation. Name a history (N),
comment a decision (K), delete a branch (Delete, twice), promote a branch to the main line (P),
compare two histories (C; Space picks the other one, 1962 unless you pick), see the odds of every
option at a decision (O), or play on at the end of a history (E).
"""

from __future__ import annotations

import pygame

from game import wording as fmt
from game.errors import excerpt
from game.session import Comment, Delete, Label, Promote
from game.session.lines import DOCUMENTED, Line, Mark, documented_line, history_lines
from game.ui.history_chart import HistoryChart
from game.ui.scenes import extras
from game.ui.scenes.base import Scene, view_check
from game.ui.widgets.buttons import Button, button_size
from game.ui.widgets.doc import P
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView

HINT = "←→ decisions · ↑↓ histories · Enter re-enter and choose again · C compare · O odds · Esc back"
# The tools that act on the selected history or decision, each a small button that says its key too.
TOOLS = (
    ("play", "Play on (E)", pygame.K_e),
    ("partner", "Other history (Space)", pygame.K_SPACE),
    ("name", "Name (N)", pygame.K_n),
    ("note", "Note (K)", pygame.K_k),
    ("save", "Save a copy (S)", pygame.K_s),
    ("promote", "Promote (P)", pygame.K_p),
    ("delete", "Delete (Del)", pygame.K_DELETE),
)
OWN_ONLY = {"play", "name", "note", "promote", "delete"}  # not on the 1962 line, which is for reference


class HistoriesScene(Scene):
    def __init__(self, app, session, back: Scene | None = None):
        super().__init__(app)
        self.session = session
        self.back = back
        self.partner = 0  # the other history of a comparison: row 0 is 1962
        self.hover: tuple[int, int] | None = None  # the mark under the pointer (told of, not selected)
        self.mode = ""  # '' | 'name' | 'comment': typing a name or a note
        self.buffer = ""
        self.confirm_delete = False
        self.message = ""
        self.details: ScrollView | None = None
        self.opened_at = session.current  # where the game stood: Esc returns there if it still does
        self.refresh(select_current=True)
        # the other history chosen last time this game's histories were open (the screen is made anew each
        # time): the same history, or the line that has since played on from it
        kept = getattr(app, "compare_partner", None)
        if kept is not None and kept[0] is session:
            self.partner = self._row_of(kept[1])

    # the data -------------------------------------------------------------------------------
    def refresh(self, select_current: bool = False) -> None:
        s = self.session
        sides = s.config.controlled or (s.engine.scenario.model.player,)
        old = getattr(self, "lines", None)
        partner = old[self.partner].leaf if old and self.partner < len(old) else None  # a history, not a row
        self.lines: list[Line] = [documented_line(s.engine, s.documented, sides), *history_lines(s)]
        self.chart = HistoryChart(self.lines)
        if select_current:
            self.row, self.col = self._where(s.current)
        else:
            self.row = min(self.row, len(self.lines) - 1)
            self.col = min(self.col, max(0, len(self.lines[self.row].marks) - 1))
        # the other history of the next comparison stays the same history when a promotion or a deletion
        # moves the rows (1962 when it was deleted)
        self.partner = self._row_of(partner)

    def _row_of(self, node) -> int:
        """The row of the history that ends at `node`, else the first one through it; 1962 (row 0) if none."""
        if node is None:
            return 0
        through = None
        for i, ln in enumerate(self.lines):
            if ln.leaf is node:
                return i
            if through is None and ln.leaf is not None and node in ln.leaf.path():
                through = i
        return through if through is not None else 0

    def _where(self, node) -> tuple[int, int]:
        """The row and mark of a tree node: the last decision made on the way to it, on a line through it."""
        ids = {n.id for n in node.path()}
        for row, line in enumerate(self.lines[1:], start=1):
            if line.leaf is not None and node in line.leaf.path():
                marks = [k for k, m in enumerate(line.marks) if m.node_id in ids]
                return row, (marks[-1] if marks else 0)
        return (1 if len(self.lines) > 1 else 0), 0

    @property
    def line(self) -> Line:
        return self.lines[self.row]

    @property
    def mark(self) -> Mark | None:
        marks = self.line.marks
        return marks[self.col] if 0 <= self.col < len(marks) else None

    # layout ------------------------------------------------------------------------------------
    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(12)
        n_own = len(self.lines) - 1
        seed = self.session.config.seed
        self.head = FixedText(
            "header",
            [
                P(
                    f"HISTORIES · {n_own} of yours beside 1962 · the dice of this game: seed {seed} "
                    "(Saved games › New game with a seed… plays the same luck)",
                    "small",
                    "accent",
                    after=1,
                ),
                P("The histories you have played", "title", after=0),
            ],
            w - 2 * m,
            tf,
        ).place(m, m)
        labels = ["Re-enter (Enter)", "Compare (C)", "Odds (O)", "Back (Esc)"]
        sizes = [button_size(tf, lab) for lab in labels]
        by = h - m - sizes[0][1]
        x = w - m
        self.buttons: dict[str, Button] = {}
        for key, lab, sz in reversed(list(zip(["open", "compare", "odds", "back"], labels, sizes, strict=True))):
            x -= sz[0]
            self.buttons[key] = Button(lab, pygame.Rect(x, by, *sz))
            if key == "open":  # 1962 is for reference: nothing there to re-enter
                self.buttons[key].enabled = self.line.id != DOCUMENTED and self.mark is not None
            if self.mode:  # while typing, Enter and Esc are the prompt's (its Keep and Cancel): these wait
                self.buttons[key].enabled = False
            x -= tf.px(8)
        foot = [P(self._foot_text(), "small", "accent" if self.mode else "muted")]
        self.foot = FixedText("footer", foot, x - 2 * m, tf)
        self.foot.place(m, by + sizes[0][1] // 2 - self.foot.height // 2)
        if self.foot.rect.top < by:
            self.foot.rect.top = min(self.foot.rect.top, h - m - self.foot.height)
        # the tools, in as many rows as the width needs, just above the footer
        own = self.line.id != DOCUMENTED
        th, gap = button_size(tf, "Ag", "small")[1] - tf.px(4), tf.px(6)
        rows: list[list[tuple[str, str, int, int]]] = [[]]
        tx = m
        for key, lab, _ in TOOLS:
            tw = button_size(tf, lab, "small")[0] - tf.px(10)
            if tx + tw > w - m and rows[-1]:
                rows.append([])
                tx = m
            rows[-1].append((key, lab, tx, tw))
            tx += tw + gap
        ty = min(by, self.foot.rect.top) - tf.px(8) - len(rows) * th - (len(rows) - 1) * gap
        self.tools: dict[str, Button] = {}
        for row in rows:
            for key, lab, tx, tw in row:
                self.tools[key] = Button(lab, pygame.Rect(tx, ty, tw, th), enabled=own or key not in OWN_ONLY)
            ty += th + gap
        # while a name, a note or a save's name is typed, the tools' row holds the prompt's own two buttons,
        # so that the mouse can finish or cancel it too
        self.prompt: dict[str, Button] = {}
        if self.mode:
            first = min(self.tools.values(), key=lambda b: (b.rect.top, b.rect.left)).rect
            px = m
            for key, lab in (
                ("keep", "Save (Enter)" if self.mode == "save" else "Keep (Enter)"),
                ("cancel", "Cancel (Esc)"),
            ):
                pw = button_size(tf, lab, "small")[0] - tf.px(10)
                self.prompt[key] = Button(lab, pygame.Rect(px, first.top, pw, first.h))
                px += pw + gap
        # what a tool answers goes above the tools, which stay where they are: a second click on Delete (a
        # message growing the footer moved every button up under the pointer) still finds it
        tools_top = min(b.rect.top for b in self.tools.values())
        self.said: FixedText | None = None
        if self.message and not self.mode:
            self.said = FixedText("message", [P(self.message, "small", "warn")], w - 2 * m, tf)
            self.said.place(m, tools_top - tf.px(6) - self.said.height)
            tools_top = self.said.rect.top
        top = self.head.rect.bottom + tf.px(8)
        bottom = min(by, self.foot.rect.top, tools_top) - m
        chart_w = int((w - 3 * m) * 0.64)
        self.chart.layout(pygame.Rect(m, top, chart_w, bottom - top), tf)
        self.chart.scroll_to(self.row)
        rect = pygame.Rect(2 * m + chart_w, top, w - 3 * m - chart_w, bottom - top)
        if self.details is None:
            self.details = ScrollView("details", rect, tf, self._detail_blocks())
        else:
            self.details.set(rect, tf, self._detail_blocks(), keep_offset=False)

    def _foot_text(self) -> str:
        if self.mode == "name":
            return f"Name this history: {self.buffer}▌  (Enter keep · Esc cancel)"
        if self.mode == "comment":
            return f"Note on this decision: {self.buffer}▌  (Enter keep · Esc cancel)"
        if self.mode == "save":
            return f"Save a copy of the whole game as: {self.buffer}▌  (Enter save · Esc cancel)"
        return extras.hint(HINT)

    def _detail_blocks(self) -> list:
        line, mark = self.line, self.mark
        side_name = self.session.engine.scenario.side_name
        blocks: list = [P(line.name, "heading", "ok" if line.id == DOCUMENTED else "accent", after=2)]
        if line.ended:
            color = "danger" if line.catastrophic else "text"
            blocks.append(P(f"Ends: {line.ending_words(' — ')}", "bold", color, after=2))
        else:
            blocks.append(P(f"Not finished: next, {line.ending_title}", "bold", after=2))
        if line.catastrophic:  # it happened: the figure is the chance this course had run until then
            blocks.append(P(f"The risk this course ran until control was lost: {fmt.pct(line.risk)}", "body", after=2))
        else:
            said = "at the end" if line.ended else "so far"
            blocks.append(P(f"Risk of nuclear war {said}: {fmt.pct(line.risk)}", "body", after=2))
        n = len(line.marks)
        main = " · the main line" if line.is_main and line.name != "Main line" else ""  # a named one says so too
        blocks.append(P(f"{n} decision{'' if n == 1 else 's'}{main}", "small", "muted", after=8))
        if mark is not None:
            blocks += [
                P(f"{fmt.when(mark.when)} · {side_name(mark.side)} decides", "small", "accent", after=1),
                P(mark.title, "bold", after=2),
                P(f"Chose: “{mark.choice_text}”", "body", after=2),
                P(
                    "✓ as in 1962"
                    if mark.same_as_1962
                    else f"not as in 1962: 1962's choice was not open ({mark.closed_1962})"
                    if mark.closed_1962
                    else "not as in 1962"
                    if mark.documented
                    else "not as in 1962: this decision never came in 1962",
                    "small",
                    "ok" if mark.same_as_1962 else "warn",
                    after=2,
                ),
                P(f"Risk of nuclear war after this step: {fmt.pct(mark.risk)}", "body", after=4),
            ]
            if mark.label and mark.label != line.name:  # the name given here, when another one now heads the line
                blocks.append(P(f"Named here: {mark.label}", "small", "muted", after=2))
            if mark.comment:
                blocks.append(P(f"Note: {mark.comment}", "small", "text", after=2))
        other = self.lines[self.partner]
        if self.partner != self.row:
            blocks.append(P(f"Compare (C) with: {other.name}", "small", "muted", after=2))
        if line.id == DOCUMENTED:
            blocks.append(P("The 1962 line is for reference: it cannot be re-entered or changed.", "small", "muted"))
        return blocks

    # input ---------------------------------------------------------------------------------------
    def _select(self, row: int, col: int) -> None:
        row = max(0, min(len(self.lines) - 1, row))
        marks = self.lines[row].marks
        self.row, self.col = row, max(0, min(len(marks) - 1, col))
        self.confirm_delete = False
        self.message = ""
        self.layout(self.app.size)
        self.dirty()

    def _move_row(self, d: int) -> None:
        """Up and down keep to the same date as near as the other line allows."""
        mark = self.mark
        row = max(0, min(len(self.lines) - 1, self.row + d))
        marks = self.lines[row].marks
        col = 0
        if mark is not None and marks:
            col = min(range(len(marks)), key=lambda k: (abs(marks[k].when - mark.when), k))
        self._select(row, col)

    def _say(self, text: str) -> None:
        self.message = text
        self.layout(self.app.size)
        self.dirty()

    def open_mark(self) -> None:
        """Re-enter the game where the selected decision was awaited, to choose again."""
        mark = self.mark
        if self.line.id == DOCUMENTED or mark is None:
            self._say("Pick a decision on one of your own histories to re-enter it (1962 is for reference).")
            return
        self.session.go_to(mark.at_id)
        from game.ui.scenes.decision import DecisionScene

        self.app.go(DecisionScene(self.app, self.session))

    def play_on(self) -> None:
        line = self.line
        if line.leaf is None:
            self._say("The 1962 line is for reference; pick one of yours to play on.")
            return
        self.session.go_to(line.leaf)
        self.play_on_here()

    def compare(self) -> None:
        from game.ui.scenes.compare import CompareScene

        other = self.partner if self.partner != self.row else (1 if self.row == 0 else 0)
        if len(self.lines) < 2:
            self._say("There is nothing to compare yet: play a decision first.")
            return
        self.app.go(CompareScene(self.app, self.session, self.lines[self.row], self.lines[other], back=self))

    def odds(self) -> None:
        mark = self.mark
        if self.line.id == DOCUMENTED or mark is None:
            self._say("Pick a decision on one of your own histories to see the odds of its options.")
            return
        if mark.side != self.session.engine.scenario.model.player:
            self._say("The odds are for your side's decisions.")
            return
        from game.ui.scenes.odds import OddsScene

        node = self.session.root.find(mark.at_id)
        self.app.go(OddsScene(self.app, self.session, node, back=self, taken=mark.choice))

    def delete(self) -> None:
        line = self.line
        if line.leaf is None:
            self._say("The 1962 line cannot be deleted.")
            return
        start = _branch_start(line.leaf)
        if start is None:
            self._say("Your only history cannot be deleted; start a new game instead.")
            return
        if not self.confirm_delete:
            self.confirm_delete = True
            self._say(
                f"Press Delete (or click it) again to remove '{line.name}' from {fmt.when(_when(self, start))} on; "
                "anything else keeps it."
            )
            return
        before = self._names()
        self.session.apply(Delete(at=start.id))
        self.confirm_delete = False
        self.refresh()
        self._say(f"'{line.name}' was removed.{self._renamed(before)}")

    def promote(self) -> None:
        line = self.line
        if line.leaf is None:
            self._say("The 1962 line is already the reference.")
            return
        if line.is_main:
            self._say(f"'{line.name}' is already the main line: P makes another history the main one.")
            return
        before = self._names()
        self.session.apply(Promote(at=line.leaf.id))
        leaf = line.leaf
        self.refresh()
        self.row = next(i for i, ln in enumerate(self.lines) if ln.leaf is leaf)
        now = self.lines[self.row].name
        called = f", called '{now}' from now on" if now != line.name else ""
        self._say(f"'{line.name}' is now the main line{called}.{self._renamed(before, besides=line.id)}")

    def _names(self) -> dict[str, str]:
        return {ln.id: ln.name for ln in self.lines if ln.leaf is not None}

    def _renamed(self, before: dict[str, str], besides: str = "") -> str:
        """Unnamed histories are called by their place in the tree: say which ones a change renamed (not the
        one with the id `besides`, whose new name the message has said already)."""
        moved = [
            (before[ln.id], ln.name)
            for ln in self.lines
            if ln.id in before and before[ln.id] != ln.name and ln.id != besides
        ]
        if not moved:
            return ""
        said = "; ".join(f"'{old}' is now called '{new}'" for old, new in moved)
        return f" {said[:1].upper()}{said[1:]} (N names a history for good)."

    def _commit_text(self) -> None:
        text = self.buffer.strip()
        line, mark = self.line, self.mark
        if self.mode == "name" and line.leaf is not None:
            self.session.apply(Label(at=line.leaf.id, text=text[:200]))
        elif self.mode == "comment" and mark is not None:
            self.session.apply(Comment(at=mark.node_id, text=text[:4000]))
        elif self.mode == "save":
            self.mode, self.buffer = "", ""
            self._save_copy(text)
            return
        self.mode, self.buffer = "", ""
        self.refresh()
        self.layout(self.app.size)
        self.dirty()

    def _save_copy(self, name: str) -> None:
        try:
            where = self.app.store.save_as(self.session, name or "histories")
        except OSError as exc:
            self._say(f"Could not save: {exc.strerror or exc}. Nothing was lost; the autosave goes on.")
            return
        self._say(f"Saved a copy as {where.name}: Saved games on the title screen opens it.")

    def _start_text(self, mode: str) -> None:
        if self.line.leaf is None or (mode == "comment" and self.mark is None):
            self._say("Names and notes go on your own histories.")
            return
        self.mode = mode
        self.buffer = self.line.leaf.label if mode == "name" else (self.mark.comment if self.mark else "")
        self.app.begin_text_input()
        self.layout(self.app.size)
        self.dirty()

    def handle_event(self, event):
        t = event.type
        if self.mode:
            self._handle_typing(event)
            return
        if t == pygame.KEYDOWN:
            self._key(event)
        elif t == pygame.MOUSEMOTION:
            # pointing at a mark tells what was chosen there, in a note beside it; only a click selects it, so
            # the pointer on its way to a button does not change what the button acts on
            hit = self.chart.hit(event.pos)
            if hit != self.hover:
                self.hover = hit
                self.dirty()
            for b in (*self.buttons.values(), *self.tools.values()):
                hot = b.hit(event.pos)
                if hot != b.hot:
                    b.hot = hot
                    self.dirty()
        elif t == pygame.MOUSEWHEEL:
            if self.details.handle_wheel(event, self.app.pointer()):
                self.dirty()
        elif t == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._click(event.pos)

    def _key(self, event) -> None:
        k = event.key
        if k != pygame.K_DELETE:  # a deletion is confirmed only by Delete straight after
            self.confirm_delete = False
        if k == pygame.K_ESCAPE:
            self.leave()
        elif k == pygame.K_LEFT:
            self._select(self.row, self.col - 1)
        elif k == pygame.K_RIGHT:
            self._select(self.row, self.col + 1)
        elif k == pygame.K_HOME:
            self._select(self.row, 0)
        elif k == pygame.K_END:
            self._select(self.row, len(self.line.marks) - 1)
        elif k == pygame.K_UP:
            self._move_row(-1)
        elif k == pygame.K_DOWN:
            self._move_row(1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.open_mark()
        elif k == pygame.K_e:
            self.play_on()
        elif k == pygame.K_c:
            self.compare()
        elif k == pygame.K_SPACE:
            self.partner = self.row
            self.app.compare_partner = (self.session, self.line.leaf)  # None for 1962
            self._say(f"'{self.line.name}' is the other history of the next comparison.")
        elif k == pygame.K_o:
            self.odds()
        elif k == pygame.K_n:
            self._start_text("name")
        elif k == pygame.K_k:
            self._start_text("comment")
        elif k == pygame.K_DELETE:  # not Backspace: a branch goes only by the key that says so
            self.delete()
        elif k == pygame.K_p:
            self.promote()
        elif k == pygame.K_s:
            self.mode, self.buffer = "save", ""
            self.app.begin_text_input()
            self.layout(self.app.size)
            self.dirty()
        elif k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.details.handle_key(k):
            self.dirty()

    def _handle_typing(self, event) -> None:
        t = event.type
        if t == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.prompt.get("keep") and self.prompt["keep"].hit(event.pos):
                self._commit_text()
                return
            if not (self.prompt.get("cancel") and self.prompt["cancel"].hit(event.pos)):
                return
            self.mode, self.buffer = "", ""
        elif t == pygame.MOUSEMOTION:
            for b in self.prompt.values():
                if b.hit(event.pos) != b.hot:
                    b.hot = not b.hot
                    self.dirty()
            return
        elif t == pygame.TEXTINPUT:
            self.buffer = (self.buffer + event.text)[: 200 if self.mode == "name" else 4000]
        elif t == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self._commit_text()
                return
            if event.key == pygame.K_ESCAPE:
                self.mode, self.buffer = "", ""
            elif event.key == pygame.K_BACKSPACE:
                self.buffer = self.buffer[:-1]
            else:
                return
        else:
            return
        self.layout(self.app.size)
        self.dirty()

    def _click(self, pos) -> None:
        if not self.tools["delete"].hit(pos):  # as for keys: only Delete again confirms a deletion
            self.confirm_delete = False
        actions = {
            "open": self.open_mark,
            "compare": self.compare,
            "odds": self.odds,
            "back": self.leave,
        }
        for key, b in self.buttons.items():
            if b.hit(pos):
                actions[key]()
                return
        for key, _label, k in TOOLS:
            if self.tools[key].hit(pos):  # the same as its key
                self._key(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=""))
                return
        hit = self.chart.hit(pos)
        if hit is not None:
            self._select(*hit)
            return
        row = self.chart.row_at(pos)
        if row is not None:
            self._select(row, len(self.lines[row].marks) - 1)

    def leave(self) -> None:
        if self.back is not None and self.session.current is self.opened_at:
            self.app.go(self.back)
            return
        if self.back is None:
            from game.ui.scenes.title import TitleScene

            self.app.go(TitleScene(self.app))
            return
        # the point the game stood at was deleted: go on from where the session stands now, and say why
        self.play_on_here(
            f"The history you were playing was deleted, so you go on from {fmt.when(self.session.state.clock)}, "
            "where it branched off."
        )

    def play_on_here(self, message: str = "") -> None:
        if self.session.state.ended:
            from game.ui.scenes.debrief import DebriefScene

            self.app.go(DebriefScene(self.app, self.session))
        else:
            from game.ui.scenes.decision import DecisionScene

            scene = DecisionScene(self.app, self.session)
            scene.message = message
            self.app.go(scene)

    # drawing ---------------------------------------------------------------------------------------
    def draw(self, surface):
        self.head.draw(surface)
        self.chart.draw(surface, (self.row, self.col), self.partner)
        self.details.draw(surface)
        self.foot.draw(surface)
        if self.said is not None:
            self.said.draw(surface)
        for key, b in self.buttons.items():
            b.draw(surface, self.tf, focused=key == "open")
        for b in (self.prompt or self.tools).values():
            b.draw(surface, self.tf, role="small")
        self._draw_hover(surface)

    def hover_lines(self) -> list[str]:
        """What the note beside the mark under the pointer says (nothing when it is the selected one)."""
        if self.hover is None or self.hover == (self.row, self.col):
            return []
        row, col = self.hover
        if not (0 <= row < len(self.lines) and 0 <= col < len(self.lines[row].marks)):
            return []
        line, mark = self.lines[row], self.lines[row].marks[col]
        note = [f"Note: {excerpt(mark.comment, 120)}"] if mark.comment else []  # the gold dot's text
        return [
            f"{fmt.when(mark.when)} · {line.name}",
            f"{mark.title}: {mark.choice_text}",
            *note,
            f"Risk after this step: {fmt.pct(mark.risk)} · click to select",
        ]

    def _draw_hover(self, surface) -> None:
        lines = self.hover_lines()
        if not lines:
            return
        tf, pal = self.tf, self.tf.pal
        width = min(tf.px(420), self.chart.rect.w)
        wrapped = [w for text in lines for w in tf.wrap("small", text, width - tf.px(16))]
        box = pygame.Rect(0, 0, width, len(wrapped) * tf.line_height("small") + tf.px(12))
        row, col = self.hover
        x, y = self.chart.rows[row].xs[col], self.chart.rows[row].y
        box.midtop = (x, y + tf.px(14))
        if box.bottom > self.chart.rect.bottom:  # above the mark when there is no room below it
            box.midbottom = (x, y - tf.px(14))
        box.clamp_ip(self.chart.rect)
        pygame.draw.rect(surface, pal.panel_alt, box, border_radius=6)
        pygame.draw.rect(surface, pal.accent, box, 1, border_radius=6)
        ty = box.y + tf.px(6)
        for i, text in enumerate(wrapped):
            surface.blit(tf.render("small", text, "accent" if i == 0 else "text"), (box.x + tf.px(8), ty))
            ty += tf.line_height("small")

    def text_checks(self):
        checks = [self.head.check(), self.foot.check(), view_check(self.details)]
        return checks + ([self.said.check()] if self.said is not None else [])


def _branch_start(leaf):
    """The first node of the part of the tree that leads to this leaf alone (None: it is the only history)."""
    node = leaf
    while node.parent is not None and len(node.parent.variations) == 1:
        node = node.parent
    return node if node.parent is not None else None


def _when(scene: HistoriesScene, node) -> int:
    mark = next((m for line in scene.lines for m in line.marks if m.node_id == node.id), None)
    return mark.when if mark is not None else scene.session.state_at(node).clock
