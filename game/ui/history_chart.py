"""The tree of histories drawn on the calendar: dates across, one row per history, 1962 on top.

Time runs along an ordinal axis (one slot per distinct decision time, a tick at each new day), so
the four decisions of 16 October do not sit on one another while the whole crisis still reads left
to right. Each row starts drawing where it parts from the row it branched off, joined to it by a
short connector; what the two share is drawn faint. Positions are computed in `layout`, so a redraw
only blits cached text and draws circles and lines.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pygame

from game import wording as fmt
from game.scenario.compiled import MINUTES_PER_DAY
from game.session.lines import Line, parting
from game.ui.widgets.text import Typeface


@dataclass
class RowPlace:
    line: Line
    y: int
    parent: int | None  # the row it branched off
    parts_at: int  # marks before this index are shared with the parent
    xs: tuple[int, ...] = ()  # each mark's x, computed once per layout
    end_x: int | None = None  # where its ending falls on the calendar (None: not ended, or no decisions)


class HistoryChart:
    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.rows: list[RowPlace] = []
        self.times: list[int] = []
        self.hits: list[tuple[pygame.Rect, int, int]] = []  # (rect, row, mark index)
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.first = 0  # the first row shown (rows scroll when there are more than fit)
        self.visible = 1
        self.base_paints = 0  # times the unselected layer was painted (for tests)
        self._branching()

    def _branching(self) -> None:
        """Each row's parent: the earlier row (not 1962) it shares the longest start with."""
        self.parents: list[tuple[int | None, int]] = []
        for i, line in enumerate(self.lines):
            best, share = None, 0
            for j in range(1, i):
                n = parting(line, self.lines[j])
                if best is None or n > share:
                    best, share = j, n
            self.parents.append((best, share) if i > 1 else (None, 0))
        # an ending has a place on the calendar of its own: 1962's on 20 November, not beside 12 November's
        ends = {line.ended_when for line in self.lines if line.ended and line.ended_when is not None}
        self.times = sorted({m.when for line in self.lines for m in line.marks} | ends)
        self._slot = {t: i for i, t in enumerate(self.times)}

    def layout(self, rect: pygame.Rect, tf: Typeface) -> None:
        """Place the rows in `rect` (the painted layers are kept while the key of what they show holds)."""
        self.rect = pygame.Rect(rect)
        self.tf = tf
        self._names: dict[str, str] = {}
        self.head_h = tf.line_height("small") + tf.px(8)
        self.name_w = min(tf.px(190), rect.w // 4)
        self.row_h = max(tf.line_height("small") + tf.px(6), tf.px(26))
        self.visible = max(1, (rect.h - self.head_h - tf.px(6)) // self.row_h)
        if len(self.lines) > self.visible:  # some rows scroll: keep the bottom row for the 'more' cue
            self.visible = max(1, (rect.h - self.head_h - tf.px(6) - tf.line_height("small")) // self.row_h)
        self.plot = pygame.Rect(
            rect.x + self.name_w + tf.px(14),
            rect.y + self.head_h,
            rect.w - self.name_w - tf.px(14) - self.end_room(tf),
            rect.h,
        )
        self.place()

    @staticmethod
    def end_room(tf: Typeface) -> int:
        """Room right of the last date for an ending's square and a margin, so it never meets the frame."""
        return tf.px(12) + tf.px(4) + tf.px(12)

    def x_of(self, when: int) -> int:
        n = len(self.times)
        if n <= 1:
            return self.plot.x + self.plot.w // 2
        return self.plot.x + round(self.plot.w * self._slot[when] / (n - 1))

    def place(self) -> None:
        tf = self.tf
        self.rows, self.hits = [], []
        r = tf.px(6)
        for i, line in enumerate(self.lines):
            shown = i - self.first if i > 0 else 0  # 1962 always stays on top
            if i > 0 and not (0 <= shown - 1 < self.visible - 1):
                self.rows.append(RowPlace(line, -1, *self.parents[i]))
                continue
            y = self.rect.y + self.head_h + tf.px(4) + shown * self.row_h + self.row_h // 2
            xs = tuple(self.x_of(m.when) for m in line.marks)
            end_x = self.x_of(line.ended_when) if line.ended and line.ended_when is not None and xs else None
            self.rows.append(RowPlace(line, y, *self.parents[i], xs, end_x))
            for k, m in enumerate(line.marks):
                x = self.x_of(m.when)
                self.hits.append((pygame.Rect(x - r - 2, y - r - 2, 2 * r + 4, 2 * r + 4), i, k))
        # day ticks: the first decision time of each day
        # (x, "22 Oct", "22"): the short form where the month is the one just shown
        self.ticks: list[tuple[int, str, str]] = []
        self._tick_day: list[int] = []  # each tick's day (days since 1 January 1962)
        last_day = None
        for t in self.times:
            day = t // MINUTES_PER_DAY
            if day != last_day:
                label = fmt.day_label(t)
                self.ticks.append((self.x_of(t), label, label.split()[0]))
                self._tick_day.append(day)
                last_day = day
        self.labels = self.day_labels()

    def scroll_to(self, row: int) -> None:
        if row <= 0:
            return
        if row - 1 < self.first:
            self.first = row - 1
        elif row - 1 >= self.first + self.visible - 1:
            self.first = row - self.visible + 1
        self.place()

    def hit(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        for rect, row, k in self.hits:
            if rect.collidepoint(pos):
                return row, k
        return None

    def row_at(self, pos: tuple[int, int]) -> int | None:
        for i, place in enumerate(self.rows):
            if place.y >= 0 and abs(pos[1] - place.y) <= self.row_h // 2 and self.rect.x <= pos[0] < self.plot.x:
                return i
        return None

    def draw(self, surface: pygame.Surface, selected: tuple[int, int], partner: int | None) -> None:
        """Blit the rows as last painted, unselected, and draw the selected row over them.

        The layer of unselected rows is painted again only when the rows, the layout or the partner change,
        so pointing at another mark costs one blit and one row, not the whole chart."""
        base_key = (partner, self.first, tuple(self.rect), id(self.tf), self.tf.scale, self.tf.pal, len(self.hits))
        if not pygame.display.get_init():  # no display to match surfaces to: paint straight onto the target
            self._paint(surface, None, partner)
            self._paint_selected(surface, selected, partner)
            return
        size = (self.rect.right, self.rect.bottom)
        if getattr(self, "_base_key", None) != base_key or self._base.get_size() != size:
            if getattr(self, "_base", None) is None or self._base.get_size() != size:
                self._base = pygame.Surface(size).convert()
            self._base.fill(self.tf.pal.bg, self.rect)
            self._paint(self._base, None, partner)
            self._base_key = base_key
            self.base_paints += 1
        surface.blit(self._base, self.rect.topleft, area=self.rect)
        old = surface.get_clip()
        surface.set_clip(self.rect.clip(old) if old else self.rect)
        self._paint_selected(surface, selected, partner)
        surface.set_clip(old)

    def day_labels(self) -> list[tuple[str, pygame.Rect]]:
        """The day labels drawn above the ticks, where each has room: the day alone once its month has been
        shown, the last one kept inside the panel. Where labels crowd, the first and last days come first,
        then the days where a history parts from the one it branched off (or from 1962), then the days
        histories end, then the days with the most decisions, then the rest."""
        tf = self.tf
        gap = tf.px(3)
        ticks = self.ticks
        if not ticks:
            return []

        def placed(x: int, text: str) -> pygame.Rect:
            w, h = tf.render("small", text, "muted").get_size()
            place = pygame.Rect(0, 0, w, h)
            place.midtop = (x, self.rect.y + tf.px(4))
            place.right = min(place.right, self.rect.right - tf.px(4))
            return place

        def month(k: int) -> str:
            return ticks[k][1].split()[-1]

        def text_of(k: int, kept: list[int]) -> str:
            if k == len(ticks) - 1 and k > 0:  # the last day always says its month: where the histories end
                return ticks[k][1]
            before = [j for j in kept if j < k]
            return ticks[k][2] if before and month(before[-1]) == month(k) else ticks[k][1]

        def fits(kept: list[int]) -> bool:
            rects = [placed(ticks[k][0], text_of(k, kept)) for k in kept]
            return all(a.right + gap <= b.left for a, b in itertools.pairwise(rects))

        per_day: dict[int, int] = {}
        for t in self.times:
            per_day[t // MINUTES_PER_DAY] = per_day.get(t // MINUTES_PER_DAY, 0) + 1
        busy = [per_day.get(self._tick_day[k], 0) for k in range(len(ticks))]
        parts = self._parting_days()
        endings = {ln.ended_when // MINUTES_PER_DAY for ln in self.lines if ln.ended and ln.ended_when is not None}
        ends = [0, len(ticks) - 1] if len(ticks) > 1 else [0]
        rest = sorted(
            (k for k in range(len(ticks)) if k not in ends),
            key=lambda k: (self._tick_day[k] not in parts, self._tick_day[k] not in endings, -busy[k], k),
        )
        kept: list[int] = []
        for k in [*ends, *rest]:
            trial = sorted([*kept, k])
            if fits(trial):
                kept = trial
        return [(text_of(k, kept), placed(ticks[k][0], text_of(k, kept))) for k in kept]

    def _parting_days(self) -> set[int]:
        """The days on which a history parts from the row it branched off (the first row from 1962)."""
        days: set[int] = set()
        for i, line in enumerate(self.lines):
            if i == 0:
                continue
            parent, share = self.parents[i]
            if parent is None:
                share = parting(line, self.lines[0])
            if share < len(line.marks):
                days.add(line.marks[share].when // MINUTES_PER_DAY)
        return days

    def more_cue(self) -> str:
        """What the rows out of view are, by where they are: '2 more above · 3 more below · ↑↓ to scroll'."""
        shown = [i for i, p in enumerate(self.rows) if p.y >= 0]
        if not shown or len(shown) == len(self.rows):
            return ""
        above = sum(1 for i, p in enumerate(self.rows) if p.y < 0 and i < shown[-1])  # the 1962 row stays on top
        below = len(self.rows) - len(shown) - above
        parts = [f"{n} more {where}" for n, where in ((above, "above"), (below, "below")) if n]
        return " · ".join([*parts, "↑↓ to scroll"])

    def _paint(self, surface: pygame.Surface, selected: tuple[int, int] | None, partner: int | None) -> None:
        """The panel, the day ticks, every row (as selected, if one is given), the legend and the 'more' cue."""
        tf, pal = self.tf, self.tf.pal
        pygame.draw.rect(surface, pal.panel, self.rect, border_radius=6)
        pygame.draw.rect(surface, pal.border, self.rect, 1, border_radius=6)
        top, bottom = self.rect.y + self.head_h, self.rect.bottom - tf.px(4)
        for x, _, _ in self.ticks:
            pygame.draw.line(surface, pal.grid, (x, top), (x, bottom), 1)
        for text, place in self.labels:
            surface.blit(tf.render("small", text, "muted"), place)
        for i, place in enumerate(self.rows):
            if place.y >= 0:
                self._paint_row(surface, i, selected, partner)
        self._legend(surface)
        cue = self.more_cue()
        if cue:
            more = tf.render("small", cue, "muted")
            surface.blit(more, more.get_rect(bottomright=(self.rect.right - tf.px(8), self.rect.bottom - tf.px(2))))

    def _paint_selected(self, surface: pygame.Surface, selected: tuple[int, int], partner: int | None) -> None:
        """Over the unselected layer: the selected row's band and the row again, then every connector that
        crosses the band (the band must not cut another row's link to its parent)."""
        row = selected[0]
        if not 0 <= row < len(self.rows) or self.rows[row].y < 0:
            return
        self._paint_row(surface, row, selected, partner)
        y = self.rows[row].y
        lo, hi = y - self.row_h // 2, y + self.row_h // 2
        for i, place in enumerate(self.rows):
            if i != row and place.y >= 0:
                link = self._connector(place)
                if link is not None and min(link[1], link[2]) < hi and max(link[1], link[2]) > lo:
                    x, y0, y1 = link
                    pygame.draw.line(surface, self.tf.pal.accent, (x, y0), (x, y1), 1)

    def _connector(self, place: RowPlace) -> tuple[int, int, int] | None:
        """The vertical line from a row to the row it branched off: (x, parent's y, its y), if both are shown.
        It stands at the decision where the two part (the first chosen differently), or at the last one they
        share where one history only runs on further than the other."""
        start = place.parts_at if place.parent is not None else 0
        parent_y = self.rows[place.parent].y if place.parent is not None else -1
        if parent_y >= 0 and 0 < start <= len(place.xs):
            return place.xs[min(start, len(place.xs) - 1)], parent_y, place.y
        return None

    def _paint_row(self, surface: pygame.Surface, i: int, selected: tuple[int, int] | None, partner: int | None):
        tf, pal = self.tf, self.tf.pal
        r = tf.px(6)
        place = self.rows[i]
        line, y = place.line, place.y
        sel_row = selected is not None and i == selected[0]
        if sel_row:
            band = pygame.Rect(self.rect.x + 2, y - self.row_h // 2, self.rect.w - 4, self.row_h)
            pygame.draw.rect(surface, pal.focus_bg, band, border_radius=4)
        name = ("◆ " if i == partner else "") + line.name
        color = "accent" if sel_row else ("ok" if i == 0 else "text")
        fitted = self._names.get(name)
        if fitted is None:  # measured once per name, not every frame
            # short of the first mark by a gap: a long name ran into the circle of the first decision
            fitted = self._names[name] = _fit(tf, name, self.name_w - tf.px(8))
        lab = tf.render("small", fitted, color)
        surface.blit(lab, (self.rect.x + tf.px(8), y - lab.get_height() // 2))
        xs = place.xs
        start = place.parts_at if place.parent is not None else 0
        faint, live = pal.border, (pal.ok if i == 0 else pal.text)
        for k in range(1, len(xs)):
            pygame.draw.line(surface, faint if k <= start else live, (xs[k - 1], y), (xs[k], y), 2)
        link = self._connector(place)
        if link is not None:
            pygame.draw.line(surface, pal.accent, (link[0], link[1]), (link[0], link[2]), 1)
        for k, (x, m) in enumerate(zip(xs, line.marks, strict=True)):
            shared = k < start
            fill = pal.ok if m.same_as_1962 else pal.warn
            if shared:
                pygame.draw.circle(surface, pal.border, (x, y), r - 2)
            else:
                pygame.draw.circle(surface, fill, (x, y), r)
            if sel_row and selected is not None and k == selected[1]:
                pygame.draw.circle(surface, pal.accent, (x, y), r + tf.px(3), 2)
            if m.comment:  # drawn after the selection ring, and outside it, so that a note just made shows
                _note_dot(surface, tf, (x + r + tf.px(3), y - r - tf.px(3)))
        if line.ended and xs:
            end_color = pal.danger if line.catastrophic else (pal.ok if i == 0 else pal.accent)
            box = self.end_box(place)
            if box.left > xs[-1] + r:  # the history runs on from its last decision to the day it ended
                pygame.draw.line(surface, live, (xs[-1] + r, y), (box.left, y), 1)
            pygame.draw.rect(surface, end_color, box)

    def end_box(self, place: RowPlace) -> pygame.Rect:
        """The square that marks where a row's history ends: on the day it ended, or just right of its last
        decision where it ended then (or its day is not known)."""
        box = pygame.Rect(0, 0, self.tf.px(8), self.tf.px(8))
        least = place.xs[-1] + self.tf.px(12)
        box.center = (max(least, place.end_x) if place.end_x is not None else least, place.y)
        return box

    def _legend(self, surface: pygame.Surface) -> None:
        """What the marks mean, under the rows."""
        tf, pal = self.tf, self.tf.pal
        last = max((p.y for p in self.rows), default=self.rect.y)
        y = last + self.row_h
        if y + self.row_h > self.rect.bottom - tf.line_height("small"):
            return  # no room: the rows come first
        x = self.rect.x + tf.px(8)
        r = tf.px(5)
        keys = (
            ("ok", "as in 1962"),
            ("warn", "not as in 1962"),
            ("end", "an ending"),
            ("nuclear", "nuclear use"),
            ("note", "a note"),
            ("partner", "the other history, for Compare"),
        )
        for kind, text in keys:
            lab = tf.render("small", text, "muted")
            if x + 2 * r + tf.px(6) + lab.get_width() > self.rect.right - tf.px(8):  # on to a second line
                x, y = self.rect.x + tf.px(8), y + tf.line_height("small") + tf.px(4)
            if kind == "partner":
                diamond = tf.render("small", "◆", "text")
                surface.blit(diamond, (x + r - diamond.get_width() // 2, y - diamond.get_height() // 2))
            elif kind in ("end", "nuclear"):  # an ending's square: red where nuclear weapons were used
                color = pal.danger if kind == "nuclear" else pal.accent
                pygame.draw.rect(surface, color, (x, y - tf.px(4), tf.px(8), tf.px(8)))
            elif kind == "note":
                _note_dot(surface, tf, (x + r, y))
            else:
                pygame.draw.circle(surface, getattr(pal, kind), (x + r, y), r)
            surface.blit(lab, (x + 2 * r + tf.px(6), y - lab.get_height() // 2))
            x += 2 * r + tf.px(6) + lab.get_width() + tf.px(18)


def _note_dot(surface: pygame.Surface, tf: Typeface, center: tuple[int, int]) -> None:
    """The mark of a decision with a note: a gold dot ringed in the background's colour, large enough to see
    beside a decision's mark (a 2-pixel dot was not)."""
    pygame.draw.circle(surface, tf.pal.bg, center, tf.px(4) + 1)
    pygame.draw.circle(surface, tf.pal.accent, center, tf.px(4))


def _fit(tf: Typeface, text: str, width: int) -> str:
    if tf.width("small", text) <= width:
        return text
    while text and tf.width("small", text + "…") > width:
        text = text[:-1]
    return text + "…"
