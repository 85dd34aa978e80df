"""The ending and the debrief: the risk curve beside 1962's, outcomes, decisions, unknowns, readings, sources."""

from __future__ import annotations

import pygame

from game import wording as fmt
from game.analysis.documented import historical_choice
from game.ui.scenes.base import Scene, view_check
from game.ui.widgets import chart
from game.ui.widgets.buttons import Button, button_size
from game.ui.widgets.doc import Figure, Gap, P, Row, Rule, prose
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView


def risk_points(state) -> list[tuple[int, float]]:
    pts = []
    for s in state.steps:
        if not pts:
            pts.append((s.clock_before, s.risk_before))
        pts.append((s.clock_after, s.risk_after))
    return pts


def debrief_blocks(app, session) -> list:
    engine = app.engine
    model = app.scenario.model
    st = session.state
    doc1962 = session.documented
    end = engine.node(st)
    blocks: list = []
    cat_color = "danger" if "nuclear" in end.category or "war" in end.category else "accent"
    blocks += [P(fmt.ending_category(end.category).upper(), "bold", cat_color, after=2), P(end.title, "title", after=6)]
    if end.text:
        blocks += prose(end.text)
    blocks += prose(end.debrief)
    # the risk curve
    lo, hi = model.risk.band
    blocks += [
        Rule(),
        P("The risk you ran", "heading", "accent", after=4),
        P(
            f"Your crisis ended with a cumulative risk of nuclear war of {fmt.pct(st.risk)}. Followed through "
            f"this game, the course taken in 1962 carries {fmt.pct(doc1962.risk)}; historians' estimates for "
            f"the real crisis run roughly from {fmt.pct(lo)} to {fmt.pct(hi)}.",
            after=6,
        ),
    ]
    if any(step.catastrophe for step in st.steps):
        blocks.append(
            P(
                f"Control was lost with the risk at {fmt.pct(st.risk)}: that is the share of crises played your "
                "way that would have gone this far wrong by then. "
                + (
                    "Play the same choices again and the dice will usually spare you; "
                    if st.risk < 0.5
                    else "With a risk that high, this end was more likely than not; "
                )
                + "the question the game asks is how much of that chance was worth running.",
                after=6,
            )
        )
    series = [
        chart.Series("Your crisis", risk_points(st), "warn", marker="o"),
        chart.Series("1962 course", risk_points(doc1962), "ok", dashed=True, marker="s"),
    ]
    blocks.append(Figure(chart.height_for, lambda s, r, tf: chart.paint(s, r, tf, series)))
    if model.risk.calibration:
        blocks += [P("How these numbers were chosen", "bold", after=2), *prose(model.risk.calibration, "small")]
    # strategic outcome
    mine = engine.assess(st)
    theirs = {a.id: a for a in engine.assess(doc1962)}
    if mine:
        blocks += [
            Rule(),
            P("The strategic outcome", "heading", "accent", after=4),
            Row(
                [[P("", "small")], [P("Your crisis", "bold", "warn")], [P("1962", "bold", "ok")]],
                [1, 1.4, 1.4],
                after=2,
            ),
        ]
        for a in mine:
            b = theirs.get(a.id)
            blocks.append(
                Row(
                    [
                        [P(a.label, "bold")],
                        [P(f"{a.text} ({a.score:+d})", "small")],
                        [P(f"{b.text} ({b.score:+d})" if b else "—", "small")],
                    ],
                    [1, 1.4, 1.4],
                    box=True,
                    after=4,
                )
            )
        mine_total = sum(a.score for a in mine)
        their_total = sum(b.score for b in theirs.values())
        blocks.append(
            Row(
                [
                    [P("Strategic score", "bold")],
                    [P(f"{mine_total:+d}", "bold", "warn")],
                    [P(f"{their_total:+d}", "bold", "ok")],
                ],
                [1, 1.4, 1.4],
                box=True,
                after=2,
            )
        )
        blocks.append(
            P(
                "Each line scores from −3 (a disaster) to +3 (the best that could be had); the sum weighs the "
                "outcome without the risk run to reach it, which the curve above shows.",
                "small",
                "muted",
            )
        )
    # decisions side by side
    blocks += [Rule(), P("Your decisions beside 1962's", "heading", "accent", after=4)]
    mine_nodes = set()
    any_decision = False
    for pe in st.path:
        if pe.kind != "decision" or pe.by != "player":
            continue
        any_decision = True
        mine_nodes.add(pe.node)
        node = engine.scenario.by_id[pe.node]
        chosen = next((o.text for o in node.options if o.id == pe.choice), pe.choice)
        hist = historical_choice(engine, pe.node)
        same = hist is not None and hist[0] == pe.choice
        mark = "✓ same as 1962" if same else ("≠ different from 1962" if hist else "no documented choice")
        blocks.append(P(f"{fmt.when(pe.when)} — {node.title}", "bold", after=2))
        blocks.append(
            Row(
                [
                    [
                        P("You chose", "small", "muted", after=1),
                        P(chosen, "body"),
                        P(mark, "small", "ok" if same else "warn"),
                    ],
                    [
                        P("The ExComm chose", "small", "muted", after=1),
                        P(hist[1] if hist else "(not a documented decision)", "body"),
                    ],
                ],
                box=True,
                after=4,
            )
        )
        if node.history:
            blocks += [P("What actually happened:", "small", "muted", after=1), *prose(node.history, "small"), Gap(6)]
    if not any_decision:
        blocks.append(P("You took no decisions in this game.", "body", "muted"))
    missed = [
        pe for pe in doc1962.path if pe.kind == "decision" and pe.actor in st.controlled and pe.node not in mine_nodes
    ]
    if missed:
        blocks.append(P("Decisions of 1962 your crisis never reached", "bold", after=2))
        for pe in missed:
            node = engine.scenario.by_id[pe.node]
            hist = historical_choice(engine, pe.node)
            blocks.append(
                P(
                    f"{fmt.when(pe.when)} — {fmt.titled(node.title, hist[1] if hist else '')}",
                    "small",
                    indent=18,
                    bullet="•",
                    after=2,
                )
            )
    for heading, pages in (
        ("What the ExComm did not know", model.unknowns),
        ("How historians read the crisis", model.historiography),
    ):
        if pages:
            blocks += [Rule(), P(heading, "heading", "accent", after=4)]
            for page in pages:
                blocks += [P(page.title, "bold", after=2), *prose(page.text)]
                if page.sources:
                    blocks.append(
                        P("Sources: " + "; ".join(model.sources.get(s, s) for s in page.sources), "small", "muted")
                    )
    if model.sources:
        blocks += [Rule(), P("Sources", "heading", "accent", after=4)]
        for cite in model.sources.values():  # the ids are for authors; players see the citations
            blocks.append(P(cite, "small", indent=18, bullet="•", after=3))
    return blocks


class DebriefScene(Scene):
    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.view: ScrollView | None = None
        self._blocks = None

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(16)
        col = min(w - 2 * m, tf.px(1000))
        x = (w - col) // 2
        if self._blocks is None:
            self._blocks = debrief_blocks(self.app, self.session)
        self.head = FixedText("header", [P("DEBRIEF", "small", "accent", after=0)], col, tf).place(x, m)
        labels = ["New game", "Title screen (Enter)"]
        sizes = [button_size(tf, lab) for lab in labels]
        by = h - m - sizes[0][1]
        self.new_btn = Button(labels[0], pygame.Rect(x, by, *sizes[0]))
        self.title_btn = Button(labels[1], pygame.Rect(x + col - sizes[1][0], by, *sizes[1]))
        hint_w = col - sizes[0][0] - sizes[1][0] - 2 * tf.px(12)
        self.foot = FixedText(
            "footer", [P("↑↓ PgUp PgDn Home End scroll · N new game · Enter title", "small", "muted")], hint_w, tf
        )
        self.foot.place(self.new_btn.rect.right + tf.px(12), self.new_btn.rect.centery - self.foot.height // 2)
        top = self.head.rect.bottom + tf.px(6)
        rect = pygame.Rect(x, top, col, min(by, self.foot.rect.top) - top - tf.px(10))
        if self.view is None:
            self.view = ScrollView("debrief", rect, tf, self._blocks)
        else:
            self.view.set(rect, tf, self._blocks)

    def _new(self):
        from game.ui.scenes.briefing import BriefingScene
        from game.ui.session import new_session

        app = self.app
        app.go(BriefingScene(app, new_session(app)))

    def _title(self):
        from game.ui.scenes.title import TitleScene

        self.app.go(TitleScene(self.app))

    def handle_event(self, event):
        t = event.type
        if t == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self._title()
            elif event.key == pygame.K_n:
                self._new()
            elif event.key == pygame.K_ESCAPE:
                from game.ui.scenes.pause import PauseScene

                self.app.go(PauseScene(self.app, self, self.session))
            elif self.view.handle_key(event.key):
                self.dirty()
        elif t == pygame.MOUSEWHEEL:
            if self.view.handle_wheel(event, pygame.mouse.get_pos()):
                self.dirty()
        elif t == pygame.MOUSEMOTION:
            for b in (self.new_btn, self.title_btn):
                hot = b.hit(event.pos)
                if hot != b.hot:
                    b.hot = hot
                    self.dirty()
        elif t == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.new_btn.hit(event.pos):
                self._new()
            elif self.title_btn.hit(event.pos):
                self._title()

    def draw(self, surface):
        self.head.draw(surface)
        self.view.draw(surface)
        self.foot.draw(surface)
        self.new_btn.draw(surface, self.tf)
        self.title_btn.draw(surface, self.tf, focused=True)

    def text_checks(self):
        return [self.head.check(), view_check(self.view), self.foot.check()]
