"""Two histories side by side: where they part, the decisions of each after that, the risk curves on one
chart, the endings and the strategic outcome line by line, the score, and the drivers that differ most.

Each history's figures come from the report model (`game.report.build_report`), so the comparison says
nothing the debrief would not.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game import wording as fmt
from game.engine.views import step_view
from game.report.build import build_report, risk_curve
from game.report.model import Report
from game.session.lines import DOCUMENTED, Line, option_text, parting
from game.session.luck import Luck, other_luck
from game.ui.scenes.base import Scene
from game.ui.scenes.reading import ReadingScene
from game.ui.widgets import chart
from game.ui.widgets.buttons import Button, button_size
from game.ui.widgets.doc import Figure, P, Row, Rule
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView


@dataclass(frozen=True)
class Side:
    line: Line
    report: Report | None  # None for a history that has not ended
    curve: tuple[tuple[int, float], ...]
    drivers: dict[str, float]  # driver label -> its chances summed over the steps
    others: tuple = ()  # the other sides' moves (events), as the player was told them


@dataclass(frozen=True)
class Comparison:
    a: Side
    b: Side
    parts_at: int  # index of the first decision where they differ
    parting_text: str
    drivers: tuple[tuple[str, float, float], ...]  # (label, a, b), the largest differences first


def _side(session, line: Line) -> Side:
    engine, doc = session.engine, session.documented
    state = doc if line.id == DOCUMENTED else session.state_at(line.leaf)
    viewer = session.viewer
    sums: dict[str, float] = {}
    mine = session.state.controlled  # the 1962 record has every side decide: the player's own are not others'
    others = []
    for step in state.steps:
        seen = step_view(step, viewer)
        others += [e for e in seen.events if e.kind == "computer" or (e.kind == "decision" and e.actor not in mine)]
        for t in seen.drivers():
            sums[t.label] = sums.get(t.label, 0.0) + t.hazard
        if seen.hidden_hazard > 0:
            sums["Dangers you cannot see"] = sums.get("Dangers you cannot see", 0.0) + seen.hidden_hazard
    report = build_report(engine, state, doc) if state.ended else None
    curve = tuple((p.minutes, p.risk) for p in risk_curve(state))  # the debrief's curve, ended or not
    return Side(line, report, curve, sums, tuple(others))


def _others_part_first(session, sa: Side, sb: Side, k: int) -> str:
    """A sentence when another side's moves differ before the player's do ('' when they do not): two lines
    that part on 24 October by the player's choices may have parted on 23 October by Moscow's."""
    a, b = sa.line, sb.line
    mine = a.marks[k].when if k < len(a.marks) and k < len(b.marks) else None
    for x, y in zip(sa.others, sb.others, strict=False):
        if (x.node, x.choice) == (y.node, y.choice):
            continue
        if mine is not None and min(x.when, y.when) >= mine:
            return ""
        engine = session.engine
        who = engine.scenario.side_name(x.actor) if x.actor else "The other side"
        if x.node == y.node:  # as the player was told it, else its first wording (the record keeps no telling)
            said_x = x.choice_text or option_text(engine, x.node, x.choice)[0]
            said_y = y.choice_text or option_text(engine, y.node, y.choice)[0]
            return (
                f"{who}'s moves part first, on {fmt.when(min(x.when, y.when))}, at “{x.title}”: “{said_x}” "
                f"({a.name}) against “{said_y}” ({b.name})."
            )
        return (
            f"{who}'s moves part first, on {fmt.when(min(x.when, y.when))}: “{x.title}” ({a.name}) against "
            f"“{y.title}” ({b.name})."
        )
    return ""


def comparison(session, a: Line, b: Line) -> Comparison:
    sa, sb = _side(session, a), _side(session, b)
    k = parting(a, b)
    if k < len(a.marks) and k < len(b.marks):
        x, y = a.marks[k], b.marks[k]
        if x.decision == y.decision:
            text = f"They part on {fmt.when(x.when)}, at “{x.title}”: “{x.choice_text}” against “{y.choice_text}”."
        else:
            text = (
                f"After {k} decisions in common they reach different decisions: “{x.title}” "
                f"({fmt.when(x.when)}) and “{y.title}” ({fmt.when(y.when)})."
            )
    elif len(a.marks) == len(b.marks):
        text = "The same decisions throughout: only the luck differs." if a.id != b.id else "The same history."
    else:
        text = f"One goes on where the other stops, after {k} decisions in common."
    first = _others_part_first(session, sa, sb, k)
    if first:
        text = f"{first} {text}"
    labels = set(sa.drivers) | set(sb.drivers)
    diffs = sorted(
        ((lab, sa.drivers.get(lab, 0.0), sb.drivers.get(lab, 0.0)) for lab in labels),
        key=lambda d: (-abs(d[1] - d[2]), d[0]),
    )
    return Comparison(sa, sb, k, text, tuple(d for d in diffs if abs(d[1] - d[2]) > 1e-9)[:6])


def _ending_text(side: Side) -> str:
    line = side.line
    if line.ended:
        return line.ending_words(" — ")  # a dash, as the histories screen has it: the label may hold a colon
    return f"Not finished (next: {line.ending_title})"


def risk_run(line: Line) -> str:
    """A history's risk of nuclear war; after nuclear use, what was run until control was lost."""
    return f"nuclear use ({fmt.pct(line.risk)} run until then)" if line.catastrophic else fmt.pct(line.risk)


def _risk_row(label: str, a: Line, b: Line, cols: list[float], after: float) -> Row:
    """The risk each history ran, side by side, in each one's colour (red where it ended in nuclear use)."""
    return Row(
        [
            [P(label, "bold")],
            [P(risk_run(a), "bold", "danger" if a.catastrophic else "warn")],
            [P(risk_run(b), "bold", "danger" if b.catastrophic else second_color(b))],
        ],
        cols,
        box=True,
        after=after,
    )


def second_color(line: Line) -> str:
    """The second history's colour: green only for 1962 (green marks what was done in 1962 everywhere), else
    a colour that says nothing good or bad about it."""
    return "ok" if line.id == DOCUMENTED else "link"


def compare_blocks(cmp: Comparison) -> list:
    a, b = cmp.a, cmp.b
    an, bn = a.line.name, b.line.name
    bc = second_color(b.line)
    cols = [1, 1.3, 1.3]
    blocks: list = [
        Row([[P("", "small")], [P(an, "bold", "warn")], [P(bn, "bold", bc)]], cols, after=2),
        Row(
            [
                [P("Ending", "bold")],
                [P(_ending_text(a), "small", "danger" if a.line.catastrophic else "text")],
                [P(_ending_text(b), "small", "danger" if b.line.catastrophic else "text")],
            ],
            cols,
            box=True,
            after=2,
        ),
        _risk_row("Risk of nuclear war", a.line, b.line, cols, after=6),
        P("Where they part", "heading", "accent", after=2),
        P(cmp.parting_text, "body", after=6),
    ]
    series = [
        chart.Series(an, list(a.curve), "warn", marker="o"),
        chart.Series(bn, list(b.curve), bc, dashed=True, marker="s"),
    ]
    blocks.append(Figure(chart.height_for, lambda s, r, tf: chart.paint(s, r, tf, series)))
    blocks += [Rule(), P("What made the difference in risk", "heading", "accent", after=2)]
    blocks.append(P("The drivers whose chances, summed over each history's steps, differ most:", "small", "muted"))
    if not cmp.drivers:
        blocks.append(P("None: the two ran the same dangers.", "body", "muted"))
    else:  # the columns by name as well as by colour
        names = [[P("Driver", "small", "muted")], [P(a.line.name, "small", "warn")], [P(b.line.name, "small", bc)]]
        blocks.append(Row(names, cols, after=2))
    for label, x, y in cmp.drivers:
        blocks.append(
            Row([[P(label, "small")], [P(fmt.pct(x), "small", "warn")], [P(fmt.pct(y), "small", bc)]], cols, after=2)
        )
    blocks += [Rule(), P("The strategic outcome", "heading", "accent", after=4)]
    ra, rb = a.report, b.report
    if ra is None or rb is None or ra.outcome is None or rb.outcome is None:
        blocks.append(P("Both histories must end to set their outcomes side by side.", "body", "muted"))
        return blocks + _decisions_after(cmp)
    cell_b = {r.id: r.yours_cell for r in rb.outcome.rows}
    cell_a = {r.id: r.yours_cell for r in ra.outcome.rows}
    labels = {r.id: r.label for r in (*ra.outcome.rows, *rb.outcome.rows)}
    for rid, label in labels.items():
        blocks.append(
            Row(
                [[P(label, "bold")], [P(cell_a.get(rid, "—"), "small")], [P(cell_b.get(rid, "—"), "small")]],
                cols,
                box=True,
                after=3,
            )
        )
    blocks.append(
        Row(
            [
                [P("Strategic score", "bold")],
                [P(ra.outcome.yours_total_text, "bold", "warn")],
                [P(rb.outcome.yours_total_text, "bold", bc)],
            ],
            cols,
            box=True,
            after=2,
        )
    )

    # the score weighs the outcome alone: the risk each ran is set right under it, so that a bombing that
    # came off is not read as the better course
    blocks.append(_risk_row("Risk of nuclear war run to get there", a.line, b.line, cols, after=2))
    blocks.append(
        P(
            f"{ra.outcome.scale_note} A high score reached at a high risk was a gamble that came off: read the two "
            "together.",
            "small",
            "muted",
        )
    )
    return blocks + _decisions_after(cmp)


def _decisions_after(cmp: Comparison) -> list:
    a, b = cmp.a, cmp.b
    an, bn = a.line.name, b.line.name
    blocks: list = [Rule(), P("The decisions after they part", "heading", "accent", after=4)]
    after_a = [
        P(f"{fmt.when(m.when)} — {m.title}: {m.choice_text}", "small", after=3) for m in a.line.marks[cmp.parts_at :]
    ]
    after_b = [
        P(f"{fmt.when(m.when)} — {m.title}: {m.choice_text}", "small", after=3) for m in b.line.marks[cmp.parts_at :]
    ]
    blocks.append(
        Row(
            [
                [P(an, "bold", "warn", after=2), *(after_a or [P("No further decisions.", "small", "muted")])],
                [P(bn, "bold", "ok", after=2), *(after_b or [P("No further decisions.", "small", "muted")])],
            ],
            box=True,
            after=6,
        )
    )
    return blocks


LUCK_RUNS = 300  # other seeds for "same choices, other luck"


def _choices(session, line: Line) -> list[tuple[str, str]]:
    sides = session.config.controlled or (session.engine.scenario.model.player,)
    state = session.documented if line.id == DOCUMENTED else session.state_at(line.leaf)
    by_id = session.engine.scenario.by_id
    return [(n, o) for n, o in state.decisions if by_id[n].actor in sides]


def luck_blocks(scenario, lucks: list[tuple[Line, str, Luck | None]]) -> list:
    """One bar per history: how its decisions end with other luck."""
    from game.ui.scenes.odds import category_colors, key_blocks, stacked_bar

    colors = category_colors(scenario)
    order = [c for c in scenario.model.endings if c not in scenario.catastrophic] + [
        c for c in scenario.model.endings if c in scenario.catastrophic
    ]
    blocks: list = [
        Rule(),
        P("Same choices, other luck", "heading", "accent", after=2),
        P(
            f"Each history's decisions played again with {LUCK_RUNS} other seeds, the dice falling as they may "
            "(where other luck leads to a decision the history never met, the 1962 choice is taken there, or the "
            "first option open if 1962 never met it either). Counted in games: how many of them ended each way.",
            "small",
            "muted",
        ),
    ]
    for line, color, luck in lucks:
        name = line.name
        if luck is None:
            blocks.append(P(f"{name}: replaying…", "small", "muted"))
            continue
        shares = {cat: n / luck.runs for cat, n in luck.categories.items()}
        blocks.append(P(name, "bold", color, after=2))
        blocks.append(stacked_bar(shares, order, colors, set(scenario.catastrophic)))
        parts = [f"{scenario.ending_label(c)} {luck.categories[c]}" for c in order if luck.categories.get(c)]
        nuclear = sum(n for c, n in luck.categories.items() if c in scenario.catastrophic)
        if line.catastrophic:
            said = " (with its own dice this history ended in nuclear use)"
        else:
            said = f" (with its own dice this history ran a risk of {fmt.pct(line.risk)})"
        blocks.append(
            P(
                f"Nuclear use in {nuclear} of {luck.runs} ({fmt.pct(nuclear / luck.runs)}){said}",
                "small",
                "danger" if nuclear else "muted",
                after=1,
            )
        )
        blocks.append(
            P(
                " · ".join(parts)
                + f" — in {luck.same_course} of the {luck.runs} replays the dice led to every decision this "
                f"history took, so all its choices were made again",
                "small",
                after=6,
            )
        )
    shown = [c for c in order if any(luck and luck.categories.get(c) for _, _, luck in lucks)]
    if shown:  # the bars' colours, as the odds screen keys them
        blocks += key_blocks(scenario, shown, colors)
    return blocks


class CompareScene(ReadingScene):
    def __init__(self, app, session, a: Line, b: Line, back: Scene | None = None):
        super().__init__(app)
        self.session = session
        self.back = back
        self.cmp = comparison(session, a, b)
        self.lucks: dict[str, Luck | None] = {a.id: None, b.id: None}
        self.blocks = self._all_blocks()
        self.view: ScrollView | None = None
        self._start_luck(session, a, b)

    def _all_blocks(self) -> list:
        a, b = self.cmp.a.line, self.cmp.b.line
        lucks = [(a, "warn", self.lucks[a.id]), (b, second_color(b), self.lucks.get(b.id))]
        return compare_blocks(self.cmp) + luck_blocks(self.app.scenario, lucks)

    def _start_luck(self, session, a: Line, b: Line) -> None:
        """Replay both histories' choices with other seeds off the main thread (a few tenths of a second)."""
        import threading

        jobs = [(line.id, _choices(session, line)) for line in (a, b)]
        engine, seed = session.engine, session.config.seed
        sides = session.config.controlled or (engine.scenario.model.player,)
        self.luck_done = threading.Event()

        def work() -> None:
            try:
                for line_id, choices in jobs:
                    self.lucks[line_id] = other_luck(engine, choices, range(seed + 1, seed + 1 + LUCK_RUNS), sides)
            finally:
                self.luck_done.set()

        threading.Thread(target=work, name="excomm-luck", daemon=True).start()
        self.animating = True

    def update(self, dt):
        if self.animating and self.luck_done.is_set():
            self.animating = False
            self.blocks = self._all_blocks()
            self.layout(self.app.size)
            self.dirty()

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(14)
        col = min(w - 2 * m, tf.px(1100))
        x = (w - col) // 2
        self.head = FixedText(
            "header",
            [
                P("COMPARE TWO HISTORIES", "small", "accent", after=1),
                P(f"{self.cmp.a.line.name} · {self.cmp.b.line.name}", "title", after=0),
            ],
            col,
            tf,
        ).place(x, m)
        label = "Back to the histories (Esc)"
        bw, bh = button_size(tf, label)
        self.back_btn = Button(label, pygame.Rect(x + col - bw, h - m - bh, bw, bh))
        self.foot = FixedText("footer", [P("↑↓ PgUp PgDn Home End scroll · Esc back", "small", "muted")], col - bw, tf)
        self.foot.place(x, self.back_btn.rect.centery - self.foot.height // 2)
        top = self.head.rect.bottom + tf.px(6)
        rect = pygame.Rect(x, top, col, min(self.back_btn.rect.top, self.foot.rect.top) - top - tf.px(8))
        if self.view is None:
            self.view = ScrollView("compare", rect, tf, self.blocks)
        else:
            self.view.set(rect, tf, self.blocks)

    def handle_event(self, event):
        t = event.type
        if t == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                self.leave()
            elif self.view.handle_key(event.key):
                self.dirty()
        else:
            self.pointer_event(event)
