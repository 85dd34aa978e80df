"""The ending and the debrief: the risk curve beside 1962's, outcomes, decisions, unknowns, readings, sources."""

from __future__ import annotations

import pygame

from game.report.build import build_report
from game.report.model import Report
from game.ui import links
from game.ui.scenes import extras
from game.ui.scenes.base import Scene, view_check
from game.ui.scenes.common import go_back, open_histories
from game.ui.widgets import chart
from game.ui.widgets.buttons import Button, button_size
from game.ui.widgets.doc import Figure, Gap, P, Row, Rule, prose
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView


def debrief_blocks(app, session) -> list:
    return report_blocks(build_report(session.engine, session.state, session.documented))


def report_blocks(report: Report) -> list:
    """The debrief laid out as document blocks; every word and number comes from `report`."""
    end, risk = report.ending, report.risk
    blocks: list = []
    cat_color = "danger" if end.catastrophic else "accent"
    blocks += [P(end.category_label.upper(), "bold", cat_color, after=2), P(end.title, "title", after=6)]
    if end.text:
        blocks += prose(end.text)
    blocks += prose(end.debrief)
    # the risk curve
    blocks += [Rule(), P("The risk you ran", "heading", "accent", after=4), P(risk.summary, after=6)]
    if risk.control_lost_note:
        blocks.append(P(risk.control_lost_note, after=6))
    curve = report.curve
    series = [
        chart.Series(curve.yours_label, [(p.minutes, p.risk) for p in curve.yours], "warn", marker="o"),
        chart.Series(
            curve.documented_label, [(p.minutes, p.risk) for p in curve.documented], "ok", dashed=True, marker="s"
        ),
    ]
    blocks.append(Figure(chart.height_for, lambda s, r, tf: chart.paint(s, r, tf, series)))
    if risk.calibration:
        blocks += [P("How these numbers were chosen", "bold", after=2), *prose(risk.calibration, "small")]
    # strategic outcome
    outcome = report.outcome
    if outcome is not None:
        blocks += [
            Rule(),
            P("The strategic outcome", "heading", "accent", after=4),
            Row(
                [[P("", "small")], [P("Your crisis", "bold", "warn")], [P("1962", "bold", "ok")]],
                [1, 1.4, 1.4],
                after=2,
            ),
        ]
        for row in outcome.rows:
            blocks.append(
                Row(
                    [[P(row.label, "bold")], [P(row.yours_cell, "small")], [P(row.documented_cell, "small")]],
                    [1, 1.4, 1.4],
                    box=True,
                    after=4,
                )
            )
        blocks.append(
            Row(
                [
                    [P("Strategic score", "bold")],
                    [P(outcome.yours_total_text, "bold", "warn")],
                    [P(outcome.documented_total_text, "bold", "ok")],
                ],
                [1, 1.4, 1.4],
                box=True,
                after=2,
            )
        )
        blocks.append(P(outcome.scale_note, "small", "muted"))
    # decisions side by side
    blocks += [Rule(), P("Your decisions beside 1962's", "heading", "accent", after=4)]
    for d in report.player_decisions:
        blocks.append(P(f"{d.when_text} — {d.title}", "bold", after=2))
        blocks.append(
            Row(
                [
                    [
                        P("You chose", "small", "muted", after=1),
                        P(d.choice_text, "body"),
                        P(d.verdict, "small", "ok" if d.same else "warn"),
                    ],
                    [
                        P(d.documented_label, "small", "muted", after=1),
                        P(
                            d.documented_text if d.documented_text is not None else "(not a documented decision)",
                            "body",
                        ),
                    ],
                ],
                box=True,
                after=4,
            )
        )
        if d.history:
            blocks += [P("What actually happened:", "small", "muted", after=1), *prose(d.history, "small"), Gap(6)]
    if not report.player_decisions:
        blocks.append(P("You took no decisions in this game.", "body", "muted"))
    if report.missed:
        blocks.append(P("Decisions of 1962 your crisis never reached", "bold", after=2))
        for m in report.missed:
            blocks.append(P(f"{m.when_text} — {m.line}", "small", indent=18, bullet="•", after=2))
    for section in (report.unknowns, report.historiography):
        if section.pages:
            blocks += [Rule(), P(section.heading, "heading", "accent", after=4)]
            for page in section.pages:
                blocks += [P(page.title, "bold", after=2), *prose(page.text)]
                if page.sources_text:
                    blocks.append(P(page.sources_text, "small", "muted"))
    if report.sources:
        blocks += [Rule(), P("Sources", "heading", "accent", after=4)]
        for source in report.sources:
            blocks.append(P(source.citation, "small", indent=18, bullet="•", after=3))
    return blocks


class DebriefScene(Scene):
    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.view: ScrollView | None = None
        self._blocks = None
        self.link_focus = links.LinkFocus()

    def link_views(self) -> list:
        return [self.view]

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(16)
        col = min(w - 2 * m, tf.px(1000))
        x = (w - col) // 2
        if self._blocks is None:
            self._blocks = links.mark(self.app.scenario.model, debrief_blocks(self.app, self.session))
        self.head = FixedText("header", [P("DEBRIEF", "small", "accent", after=0)], col, tf).place(x, m)
        confirming = getattr(self, "confirm_new", False)
        labels = ["Yes, new game (N)" if confirming else "New game", "Title screen"]
        sizes = [button_size(tf, lab) for lab in labels]
        by = h - m - sizes[0][1]
        self.new_btn = Button(labels[0], pygame.Rect(x, by, *sizes[0]))
        self.title_btn = Button(labels[1], pygame.Rect(x + col - sizes[1][0], by, *sizes[1]))
        # to the mouse too: the histories, and the report as a page to keep, print or hand in
        right = self.title_btn.rect.left - tf.px(8)
        self.side_btns: dict[str, Button] = {}
        for key, lab in (("report", "Save report (R)"), ("histories", "Histories (H)")):
            bw, bh = button_size(tf, lab, "small")
            rect = pygame.Rect(0, 0, bw, bh)
            rect.midright = (right, self.title_btn.rect.centery)
            self.side_btns[key] = Button(lab, rect)
            right = rect.left - tf.px(8)
        hint_w = right - self.new_btn.rect.right - 2 * tf.px(12)
        hint = P(
            extras.hint(
                "↑↓ PgUp PgDn Home End scroll · F terms · B back · H histories · R save report · N new game · "
                "Enter: read on, then the title screen"
            ),
            "small",
            "muted",
        )
        if getattr(self, "said", ""):  # what a button did (where the report went)
            hint = P(self.said, "small", "accent")
        if confirming:  # a new game takes the autosave slot (this one moves to Saved games): ask once
            hint = P(
                "A new game takes this one's place; this game moves to Saved games. N again to start it; any "
                "other key stays here.",
                "small",
                "warn",
            )
        self.foot = FixedText("footer", [hint], hint_w, tf)
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

        if not getattr(self, "confirm_new", False):
            self.confirm_new = True
            self.layout(self.app.size)
            self.dirty()
            return
        app = self.app
        app.go(BriefingScene(app, new_session(app)))

    def _save_report(self) -> None:
        """Write this game's report as one HTML page (it prints, and opens in any browser) and say where."""
        import time

        from game.fileio import write_atomic
        from game.locations import reports_dir
        from game.report.render_html import render_html

        session = self.session
        report = build_report(session.engine, session.state, session.documented)
        path = (
            reports_dir()
            / f"{session.engine.scenario.id}-seed{session.config.seed}-{time.strftime('%Y%m%d-%H%M%S')}.html"
        )
        try:
            write_atomic(path, render_html(report))
            self.said = f"Saved the report as {path}: open it in a browser, print it, or hand it in."
        except OSError as exc:
            self.said = f"Could not save the report: {exc.strerror or exc}. The game is not affected."
        self.layout(self.app.size)
        self.dirty()

    def _title(self):
        from game.ui.scenes.title import TitleScene

        self.app.go(TitleScene(self.app))

    def handle_event(self, event):
        t = event.type
        if t == pygame.KEYDOWN:
            if event.key != pygame.K_n and getattr(self, "confirm_new", False):
                self.confirm_new = False  # any other key cancels the new game
                self.layout(self.app.size)
                self.dirty()
                if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
                    return
            if extras.handle_key(self.app, self, self.session, event, lambda: report_text(self)):
                return
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                # read on first: an Enter too many after the last outcome must not skip the whole debrief
                if self.view.offset < self.view.max_offset:
                    self.view.handle_key(pygame.K_PAGEDOWN)
                    self.dirty()
                else:
                    self._title()
            elif event.key == pygame.K_n:
                self._new()
            elif event.key == pygame.K_b:
                go_back(self.app, self.session)
            elif event.key == pygame.K_h:
                open_histories(self.app, self.session, self)
            elif event.key == pygame.K_r:
                self._save_report()
            elif event.key == pygame.K_ESCAPE:
                from game.ui.scenes.pause import PauseScene

                self.app.go(PauseScene(self.app, self, self.session))
            elif self.view.handle_key(event.key):
                self.dirty()
        elif t == pygame.MOUSEWHEEL:
            if self.view.handle_wheel(event, self.app.pointer()):
                self.dirty()
        elif extras.handle_pointer(self.app, self, event, lambda: report_text(self)):
            return
        elif t == pygame.MOUSEMOTION:
            for b in (self.new_btn, self.title_btn, *self.side_btns.values()):
                hot = b.hit(event.pos)
                if hot != b.hot:
                    b.hot = hot
                    self.dirty()
        elif t == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.new_btn.hit(event.pos):
                self._new()
            elif self.title_btn.hit(event.pos):
                self._title()
            elif self.side_btns["histories"].hit(event.pos):
                open_histories(self.app, self.session, self)
            elif self.side_btns["report"].hit(event.pos):
                self._save_report()

    def draw(self, surface):
        self.head.draw(surface)
        self.view.draw(surface)
        self.foot.draw(surface)
        self.new_btn.draw(surface, self.tf)
        self.title_btn.draw(surface, self.tf, focused=True)
        for b in self.side_btns.values():
            b.draw(surface, self.tf, role="small")

    def text_checks(self):
        return [self.head.check(), view_check(self.view), self.foot.check()]


def report_text(scene) -> str:
    """The debrief's words, for reading aloud (and for the codex's 'on this screen')."""

    def words(blocks: list) -> list[str]:
        out = []
        for b in blocks:
            if isinstance(b, P) and b.text:
                out.append(b.text)
            elif isinstance(b, Row):
                for cell in b.cells:
                    out += words(cell)
        return out

    return " ".join(words(scene.view.blocks))
