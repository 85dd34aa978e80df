"""The class's debrief on the projector: its path beside 1962 with the vote splits, the risk curve, what the
ExComm did not know, and five questions from the decisions the class took. W writes the report and the pack."""

from __future__ import annotations

import pygame

from game.ui.scenes.base import Scene, view_check
from game.ui.scenes.debrief import report_blocks
from game.ui.widgets.doc import P, Row, Rule
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView


def lesson_blocks(lr) -> list:
    blocks: list = [P("Questions for the class", "heading", "accent", after=4)]
    blocks += [P(f"{k}. {q}", "body", after=4) for k, q in enumerate(lr.questions, 1)]
    blocks += [Rule(), P("How the class decided", "heading", "accent", after=4), P(lr.setup_text, "small", "muted")]
    blocks.append(Row([[P("Decision", "bold")], [P("How", "bold")], [P("The vote", "bold")]], [2, 1.2, 1.6], after=2))
    for c in (c for c in lr.lines if c.played):
        blocks.append(
            Row(
                [
                    [P(f"{c.when_text} — {c.title}: {c.choice}", "small")],
                    [P(c.how, "small")],
                    [P(c.split or "—", "small")],
                ],
                [2, 1.2, 1.6],
                box=True,
                after=3,
            )
        )
    followed = sum(1 for c in lr.lines if not c.played)
    if followed:
        blocks.append(
            P(f"{followed} other decisions followed the 1962 course (listed in the report).", "small", "muted")
        )
    return [*blocks, Rule()]


class ClassroomDebriefScene(Scene):
    def __init__(self, app, lesson):
        super().__init__(app)
        from game.classroom.debrief import lesson_report

        self.lesson = lesson
        self.lr = lesson_report(lesson)
        self.notice = ""
        self.view: ScrollView | None = None

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(16)
        col = min(w - 2 * m, tf.px(1100))
        x = (w - col) // 2
        self.head = FixedText(
            "header",
            [P("THE CLASS'S DEBRIEF", "small", "accent", after=0)]
            + ([P(self.notice, "small", "ok", after=0)] if self.notice else []),
            col,
            tf,
        ).place(x, m)
        self.foot = FixedText(
            "footer",
            [P("↑↓ PgUp PgDn scroll · W write the report (PDF, HTML) · Enter: title screen", "small", "muted")],
            col,
            tf,
        )
        self.foot.place(x, h - m - self.foot.height)
        top = self.head.rect.bottom + tf.px(6)
        rect = pygame.Rect(x, top, col, self.foot.rect.top - top - tf.px(8))
        blocks = lesson_blocks(self.lr) + report_blocks(self.lr.report)
        if self.view is None:
            self.view = ScrollView("debrief", rect, tf, blocks)
        else:
            self.view.set(rect, tf, blocks)

    def write(self) -> str:
        from game.classroom.store import write_report
        from game.errors import ExcommError
        from game.ui.scenes.classroom_setup import lesson_saves

        folder = lesson_saves(self.app).folder
        try:
            written = write_report(self.lr, folder)
        except (OSError, ExcommError) as exc:
            return f"The report could not be written: {exc}"
        return f"Written to {folder}: " + ", ".join(p.name for p in written)

    def handle_event(self, event):
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
                from game.ui.scenes.title import TitleScene

                self.app.go(TitleScene(self.app))
                return
            if event.key == pygame.K_w:
                self.notice = self.write()
                self.layout(self.app.size)
                self.dirty()
            elif self.view.handle_key(event.key):
                self.dirty()
        elif event.type == pygame.MOUSEWHEEL and self.view.handle_wheel(event, self.app.pointer()):
            self.dirty()

    def draw(self, surface):
        self.head.draw(surface)
        self.view.draw(surface)
        self.foot.draw(surface)

    def text_checks(self):
        return [self.head.check(), view_check(self.view), self.foot.check()]
