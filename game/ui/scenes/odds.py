"""The odds of every option at a decision: one bar per option, like a chess engine's evaluation bar.

Each bar splits into the ending categories, exact (every branch of chance followed, none sampled) for
play going on by the way of playing picked (a number key or ← →); N shows the numbers. Where the exact
odds would hold more states than the window may, they are estimated by sampling, and the screen says so.
The work runs on a worker thread (`game.ui.odds.OddsWorker`), so the screen keeps answering while it runs.
"""

from __future__ import annotations

import pygame

from game import wording as fmt
from game.analysis.policies import policies
from game.ui.odds import OddsWorker, OptionOdds, policy_labels
from game.ui.scenes.base import Scene
from game.ui.scenes.common import number_of_key
from game.ui.scenes.reading import ReadingScene
from game.ui.widgets.buttons import Button, button_size
from game.ui.widgets.doc import Figure, P
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.gauge import hatch
from game.ui.widgets.scroll import ScrollView

# One colour per ending category that is not catastrophic, each readable as text on the panels (the
# palette has seven; a scenario with more wraps round).
_CATEGORY_COLORS = ("ok", "accent", "muted", "warn", (110, 160, 230), "text", (185, 140, 225))
# The catastrophic ones: the palette's red, a crimson and a pink (not the salmon it was, which passed for
# the orange of the fourth category), each readable as text on the panels. Their segments of a bar are
# also hatched, so that danger reads without telling colours apart.
_CATASTROPHIC_COLORS: tuple[str | tuple, ...] = ("danger", (215, 60, 140), (255, 125, 205))
_HATCH = (20, 20, 26)  # the hatching's dark lines
_HATCH_STEP = 8  # pixels between them at 1280×720 (scaled with the window)


def category_colors(scenario) -> dict[str, str | tuple]:
    """A palette colour per ending category: danger for the catastrophic ones, the rest in declared order."""
    out: dict[str, str | tuple] = {}
    k, worst = 0, 0
    for cat in scenario.model.endings:
        if cat in scenario.catastrophic:  # the first in the palette's red, the next in others that read as danger
            out[cat] = _CATASTROPHIC_COLORS[min(worst, len(_CATASTROPHIC_COLORS) - 1)]
            worst += 1
        else:
            out[cat] = _CATEGORY_COLORS[k % len(_CATEGORY_COLORS)]
            k += 1
    return out


def stacked_bar(
    shares: dict[str, float],
    order: list[str],
    colors: dict[str, str | tuple],
    hatched: frozenset[str] | set[str] = frozenset(),
) -> Figure:
    """A bar split into the ending categories in `order`, each as wide as its share; those in `hatched`
    (the catastrophic ones) striped as well as coloured."""

    def height(w, tf):
        return tf.px(14)

    def paint(surface, rect, tf):
        pal = tf.pal
        pygame.draw.rect(surface, pal.panel_alt, rect)
        x = rect.x
        for cat in order:
            p = shares.get(cat, 0.0)
            if p <= 0:
                continue
            w = max(1, round(rect.w * p))
            segment = pygame.Rect(x, rect.y, min(w, rect.right - x), rect.h)
            pygame.draw.rect(surface, tf.color(colors.get(cat, "muted")), segment)
            if cat in hatched:
                hatch(surface, segment, _HATCH, max(4, tf.px(_HATCH_STEP)))
            x += w
        pygame.draw.rect(surface, pal.border, rect, 1)

    return Figure(height, paint, after=3)


def _share(odds: OptionOdds, p: float) -> str:
    """A figure as a percentage: exact to its precision, an estimate to the whole point it can claim."""
    if not odds.plays:
        return fmt.pct(p)
    return f"about {p * 100:.0f}%" if p * 100 >= 0.5 else f"under 0.5% ({round(p * odds.plays)} of {odds.plays:,})"


def odds_blocks(
    scenario,
    odds: list[OptionOdds],
    policy: str,
    numbers: bool,
    compact: bool = False,
    pending: bool = False,
    mark_1962: bool = True,
    at: str = "",
    refining: bool = False,
    taken: str = "",
) -> list:
    """The bars (and, on request, the numbers) for the odds of each option. `pending`: these are an estimate
    shown while the exact odds are still being computed."""
    colors = category_colors(scenario)
    order = [c for c in scenario.model.endings if c not in scenario.catastrophic] + [
        c for c in scenario.model.endings if c in scenario.catastrophic
    ]
    blocks: list = []
    sampled = max((o.plays for o in odds), default=0)
    if sampled and pending:  # shown while the exact odds are computed: say so, and that they will replace it
        margin = max(o.margin for o in odds)
        blocks.append(
            P(
                f"An estimate while the exact odds are computed: each option played on {sampled:,} times (the "
                f"same dice for each), each figure within about ±{margin * 100:.1f} points of the exact one (95%). "
                f"The exact odds replace it when they are ready, if the window can hold them.",
                "small",
                "warn",
                after=4,
            )
        )
    elif sampled:  # exact analysis was out of reach: the figures are counts of games, and say so
        margin = max(o.margin for o in odds)
        blocks.append(
            P(
                f"Estimated, not exact: from this decision the exact odds would follow more states than the "
                f"window can hold, so each option was played on {sampled:,} times (the same dice for each). "
                f"Each figure is within about ±{margin * 100:.1f} points of the exact one (95%)"
                f"{'; more games are being played to narrow that' if refining else ''}. For exact "
                f"odds ask at a later decision, or save a copy (S on the histories screen) and run "
                f"`python main.py analyse --save FILE{f' --at {at}' if at else ''} --policy {policy}` in a "
                f"terminal (a few minutes).",
                "small",
                "warn",
                after=4,
            )
        )
    elif not compact:
        found = policies(scenario).get(policy)
        said = found.description.rstrip(".") if found is not None else ""
        what = f": {said[:1].lower()}{said[1:]}" if said else ""
        label = policy_labels(scenario)[policy]
        blocks.append(
            P(
                f"Each bar shows how the crisis ends if you take that option and play then goes on by “{label}”{what}. "
                f"Every branch of chance is followed to an ending: these are exact odds, not a sample. "
                f"The striped parts of a bar are the endings in nuclear use.",
                "small",
                "muted",
                after=2,
            )
        )
        blocks.append(
            P(
                "Only the danger still to come counts here; the risk meter shows what has already been run. "
                "If that way of playing would at once take back what an option began (call off a strike, say), "
                "the option ends much as the course it returns to.",
                "small",
                "muted",
                after=4,
            )
        )
    for o in odds:
        mark = " (1962)" if o.historical and mark_1962 and not compact else ""
        if o.option == taken and not compact:  # opened from a history: the option it took here
            mark += " · taken in this history"
        blocks.append(P(f"{o.number}. {o.text}{mark}", "small" if compact else "bold", after=2))
        blocks.append(stacked_bar(o.endings, order, colors, set(scenario.catastrophic)))
        blocks.append(
            P(
                f"Nuclear use from here on: {_share(o, o.nuclear)}",
                "small",
                "danger" if o.nuclear > 0 else "muted",
                after=6,
            )
        )
        if numbers:
            for cat in order:
                p = o.endings.get(cat, 0.0)
                if p > 0:
                    blocks.append(
                        P(
                            f"{scenario.ending_label(cat)}: {_share(o, p)}",
                            "small",
                            colors[cat],
                            indent=16,
                            after=1,
                        )
                    )
            blocks.append(P("", "small", after=4))
    blocks += key_blocks(scenario, order, colors)
    return blocks


def key_blocks(scenario, shown: list[str], colors: dict[str, str | tuple]) -> list:
    """The bars' key, left to right: a square in each ending's colour, striped for the striped endings."""
    blocks: list = [P("Key, left to right:", "small", "muted", after=2)]
    for c in shown:
        mark = "▨" if c in scenario.catastrophic else "■"
        blocks.append(P(f"{mark} {scenario.ending_label(c)}", "small", colors[c], indent=8, after=1))
    return blocks


class OddsScene(ReadingScene):
    animating = False

    def __init__(
        self,
        app,
        session,
        node,
        back: Scene | None = None,
        policy: str = "historical-dice",
        during_play: bool = False,
        taken: str = "",
    ):
        super().__init__(app)
        self.session = session
        self.node = node  # the tree node where the decision is awaited
        self.taken = taken  # the option the history it was opened from took here ('' if none)
        self.back = back
        self.policy = policy
        # opened from a decision in play, the 1962 choice is marked only if the player asked for it (no spoilers)
        self.mark_1962 = not during_play or bool(getattr(app.settings, "mark_history", False))
        self.labels = policy_labels(app.scenario)
        self.order = list(self.labels)
        self.numbers = False
        self.worker = OddsWorker()
        self.view: ScrollView | None = None
        self.spin = 0.0
        self.state = session.state_at(node)
        self._request()

    def _request(self) -> None:
        self.worker.request(self.app.engine, self.state, self.policy, (self.node.id, self.policy), refine=True)
        self.animating = True
        self._revision = -1  # the closer estimate last laid out

    @property
    def odds(self) -> list[OptionOdds] | None:
        job = self.worker.job
        return job.result if job is not None else None

    def _blocks(self) -> list:
        job = self.worker.job
        if job is not None and job.error:
            return [P(job.error, "body", "warn")]
        odds = self.odds
        if odds is None and job is not None and job.interim is not None:
            dots = "." * (1 + int(self.spin * 3) % 3)
            return [
                P(f"Computing the exact odds{dots}", "heading", after=2),
                *odds_blocks(
                    self.app.scenario, job.interim, self.policy, self.numbers, pending=True, mark_1962=self.mark_1962
                ),
            ]
        if odds is None:
            dots = "." * (1 + int(self.spin * 3) % 3)
            return [
                P(f"Computing the exact odds{dots}", "heading", after=2),
                P(
                    "Every branch of chance is followed to an ending; the screen stays yours meanwhile. Where "
                    "that is too much to follow (early in the crisis, playing at random), an estimate from "
                    "played games takes its place within some seconds, and says so.",
                    "small",
                    "muted",
                ),
            ]
        blocks = odds_blocks(
            self.app.scenario,
            odds,
            self.policy,
            self.numbers,
            mark_1962=self.mark_1962,
            at=self.app.engine.node(self.state).id,
            refining=job is not None and job.refining,
            taken=self.taken,
        )
        how = "Estimated" if any(o.plays for o in odds) else "Computed"
        blocks.append(P(f"{how} in {job.seconds:.1f} s.", "small", "muted"))
        return blocks

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(14)
        col = min(w - 2 * m, tf.px(1000))
        x = (w - col) // 2
        node = self.app.engine.node(self.state)
        self.head = FixedText(
            "header",
            [
                P(f"THE ODDS OF EVERY OPTION · {fmt.when(self.state.clock, year=True)}", "small", "accent", after=1),
                P(node.title, "title", after=0),
            ],
            col,
            tf,
        ).place(x, m)
        # the ways of playing on, as tabs to click (or their numbers to press), on as many rows as they need
        self.play_on = tf.render("small", "Play on by:", "muted")
        self.policy_y = self.head.rect.bottom + tf.px(4)
        self.policy_btns: dict[str, Button] = {}
        bx, by = x + self.play_on.get_width() + tf.px(8), self.policy_y
        for i, p in enumerate(self.order):
            label = f"{i + 1} {self.labels[p]}"
            bw, bh = button_size(tf, label, "small")
            bw, bh = bw - tf.px(10), bh - tf.px(4)
            if bx + bw > x + col and bx > x + self.play_on.get_width() + tf.px(8):
                bx, by = x + self.play_on.get_width() + tf.px(8), by + bh + tf.px(4)
            self.policy_btns[p] = Button(label, pygame.Rect(bx, by, bw, bh))
            bx += bw + tf.px(6)
        tabs_bottom = max(b.rect.bottom for b in self.policy_btns.values())
        label = "Back (Esc)"
        bw, bh = button_size(tf, label)
        self.back_btn = Button(label, pygame.Rect(x + col - bw, h - m - bh, bw, bh))
        numbers = "Hide the numbers (N)" if self.numbers else "Show the numbers (N)"
        nw, nh = button_size(tf, numbers, "small")
        self.numbers_btn = Button(numbers, pygame.Rect(0, 0, nw, nh))
        self.numbers_btn.rect.midright = (self.back_btn.rect.left - tf.px(8), self.back_btn.rect.centery)
        self.foot = FixedText(
            "footer",
            [P(f"1–{len(self.order)} or ← → way of playing on · N numbers · ↑↓ scroll · Esc back", "small", "muted")],
            self.numbers_btn.rect.left - x - tf.px(8),
            tf,
        )
        self.foot.place(x, self.back_btn.rect.centery - self.foot.height // 2)
        top = tabs_bottom + tf.px(6)
        rect = pygame.Rect(x, top, col, min(self.back_btn.rect.top, self.foot.rect.top) - top - tf.px(8))
        if self.view is None:
            self.view = ScrollView("odds", rect, tf, self._blocks())
        else:
            self.view.set(rect, tf, self._blocks())

    def update(self, dt):
        if not self.animating:
            return
        self.spin += dt
        job = self.worker.job
        refining = job is not None and job.refining
        if not self.worker.busy and not refining:
            self.animating = False
        elif not self.worker.busy and job is not None and job.revision == self._revision:
            return  # an estimate being narrowed: laid out again only when a closer one comes
        if job is not None:
            self._revision = job.revision
        self.layout(self.app.size)
        self.dirty()

    def set_policy(self, policy: str) -> None:
        if policy != self.policy:
            self.policy = policy
            self._request()
            self.layout(self.app.size)
            self.dirty()

    def toggle_numbers(self) -> None:
        self.numbers = not self.numbers
        self.layout(self.app.size)
        self.dirty()

    def leave(self) -> None:
        self.worker.cancel()
        super().leave()

    def handle_event(self, event):
        t = event.type
        if t == pygame.KEYDOWN:
            k = event.key
            num = number_of_key(k)
            if k in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                self.leave()
            elif num is not None and num <= len(self.order):
                self.set_policy(self.order[num - 1])
            elif k in (pygame.K_LEFT, pygame.K_RIGHT):
                i = self.order.index(self.policy) + (1 if k == pygame.K_RIGHT else -1)
                self.set_policy(self.order[i % len(self.order)])
            elif k in (pygame.K_n, pygame.K_RETURN, pygame.K_KP_ENTER):
                self.toggle_numbers()
            elif self.view.handle_key(k):
                self.dirty()
        elif t == pygame.MOUSEMOTION:
            for b in (*self.policy_btns.values(), self.numbers_btn):
                if b.hot != b.hit(event.pos):
                    b.hot = not b.hot
                    self.dirty()
            self.pointer_event(event)
        elif t == pygame.MOUSEBUTTONDOWN and event.button == 1:
            picked = next((p for p, b in self.policy_btns.items() if b.hit(event.pos)), None)
            if picked is not None:
                self.set_policy(picked)
            elif self.numbers_btn.hit(event.pos):
                self.toggle_numbers()
            else:
                self.pointer_event(event)
        else:
            self.pointer_event(event)

    def draw(self, surface):
        super().draw(surface)
        tf = self.tf
        first = next(iter(self.policy_btns.values()))
        surface.blit(self.play_on, (self.head.rect.x, first.rect.centery - self.play_on.get_height() // 2))
        for p, b in self.policy_btns.items():
            b.draw(surface, tf, focused=p == self.policy, role="small")
        self.numbers_btn.draw(surface, tf, role="small")
