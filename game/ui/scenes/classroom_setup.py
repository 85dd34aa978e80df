"""Setting up a classroom lesson: who plays (the US council, or US and Soviet teams), the class, the lesson's
length, how a side decides, the discussion timer; the casting preview; printing the paper; resuming a lesson."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.scenes.base import Scene, view_check
from game.ui.widgets.doc import P, Rule
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView

LENGTHS = (50, 90)
TIMERS = (60, 90, 120, 180, 240, 300, 420, 600)


@dataclass
class Choices:
    teams: bool = False  # False: the class is the US council, Moscow is the computer
    count: int = 20
    names: tuple[str, ...] = ()
    minutes: int = 50
    rule: str = "leader"
    seconds: int = 240
    serve: bool = False  # students' devices: the lesson's web server on the local network


def lesson_saves(app):
    from game.classroom.store import lesson_store
    from game.ui import paths

    return lesson_store(paths.saves_dir())


class ClassroomSetupScene(Scene):
    FIELDS = ("resume", "sides", "count", "names", "minutes", "rule", "seconds", "serve", "pack", "start")

    def __init__(self, app, notice: str = ""):
        super().__init__(app)
        self.c = Choices()
        self.typed = ""
        self.notice = notice
        self.saved = None
        store = lesson_saves(app)
        session, problem = store.probe_autosave(app.engine)
        if problem is not None:
            self.notice = f"The lesson in progress could not be read: {problem.reason}. You can set up a new one."
        if session is not None and not session.state.ended:
            self.saved = session
        self.fields = [f for f in self.FIELDS if f != "resume" or self.saved is not None]
        self.focus = self.fields.index("start")
        self.view: ScrollView | None = None

    # the choices as a Setup ----------------------------------------------------------------------
    def setup(self):
        from game.session import Setup

        c = self.c
        from game.classroom import teams_of

        people = teams_of(self.app.engine, c.teams)
        return Setup(
            people=people, students=c.names, count=0 if c.names else c.count, minutes=c.minutes, rule=c.rule,
            seconds=c.seconds,
        )  # fmt: skip

    def _casting(self):
        from game.classroom import cast, roles_of, student_names

        setup = self.setup()
        engine = self.app.engine
        return cast(roles_of(engine, setup.people), student_names(setup.students, setup.count), setup.people)

    def _value(self, field: str) -> str:
        c = self.c
        if field == "resume":
            st = self.saved.state
            from game import wording

            return f"the lesson saved at {wording.when(st.clock)}"
        if field == "sides":
            from game.classroom import teams_of

            names = [self.app.engine.scenario.side_name(s) for s in teams_of(self.app.engine, True)]
            if c.teams:
                return "teams: " + " and ".join(names)
            rest = " and ".join(names[1:]) or "nobody"
            return f"the {names[0]} council ({rest}: the computer)"
        if field == "count":
            return f"{len(c.names)} named" if c.names else f"{c.count} students"
        if field == "names":
            shown = ", ".join(c.names[-6:]) + (" …" if len(c.names) > 6 else "")
            return (shown + "  " if shown else "") + f"[{self.typed}▏]"
        if field == "minutes":
            plan = "the key decisions only" if c.minutes < 90 else "every decision"
            return f"{c.minutes} minutes — {plan}"
        if field == "rule":
            return "the leader decides after an advisory vote" if c.rule == "leader" else "majority vote"
        if field == "seconds":
            return f"{c.seconds // 60} min {c.seconds % 60:02d} s of discussion per decision"
        if field == "serve":
            port = self.app.serve_port
            if self.c.serve:
                return f"on — students join in a browser on this network (port {port or 'any free one'})"
            return "off — the projector and paper only"
        if field == "pack":
            return "write role cards, dossiers and order slips (PDF, A4 and Letter)"
        return "begin the lesson"

    LABELS = {
        "resume": "Resume",
        "sides": "Who plays",
        "count": "Students",
        "names": "Names",
        "minutes": "Lesson",
        "rule": "A side decides by",
        "seconds": "Timer",
        "serve": "Students' devices (local network)",
        "pack": "Print",
        "start": "Start",
    }

    def layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(24)
        col = min(w - 2 * m, tf.px(1400))
        x = (w - col) // 2
        self.head = FixedText(
            "header",
            [P("CLASSROOM LESSON", "small", "accent", after=2), P("Set up the lesson", "title", after=0)],
            col,
            tf,
        ).place(x, m)
        keys = (
            "↑↓ choose · ←→ change · type names, Enter adds one, Backspace removes · Enter on Start begins · Esc title"
        )
        self.foot = FixedText("footer", [P(keys, "small", "muted")], col, tf)
        self.foot.place(x, h - m - self.foot.height)
        top = self.head.rect.bottom + tf.px(10)
        rect = pygame.Rect(x, top, col, self.foot.rect.top - top - tf.px(8))
        blocks = self._blocks()
        if self.view is None:
            self.view = ScrollView("setup", rect, tf, blocks)
        else:
            self.view.set(rect, tf, blocks)

    def _blocks(self) -> list:
        blocks: list = []
        for f in self.fields:
            mark = "▶ " if self.fields[self.focus] == f else "   "
            color = "accent" if self.fields[self.focus] == f else "text"
            blocks.append(
                P(f"{mark}{self.LABELS[f]}: {self._value(f)}", "bold" if color == "accent" else "body", color, after=4)
            )
        if self.notice:
            blocks += [Rule(), P(self.notice, "body", "warn")]
        blocks += [Rule(), P("Casting", "heading", "accent", after=4)]
        casting = self._casting()
        from game.classroom import roles_of

        cards = {c.id: c for c in roles_of(self.app.engine, self.setup().people)}
        for rid in casting.order:
            who = ", ".join(casting.by_role.get(rid, ())) or "— nobody (the facilitator reads the part)"
            card = cards[rid]
            need = " ★" if card.role.decides or card.role.priority == 1 else ""
            blocks.append(P(f"{card.role.name}{need} ({card.side_name}): {who}", "small", after=2))
        blocks.append(P("★ roles that matter most to fill", "small", "muted", after=0))
        return blocks

    def _change(self, step: int) -> None:
        c = self.c
        f = self.fields[self.focus]
        if f == "sides":
            c.teams = not c.teams
            from game.classroom.lesson import default_seconds

            c.seconds = default_seconds(len(self.setup().people))
        elif f == "count" and not c.names:
            c.count = max(1, min(200, c.count + step))
        elif f == "minutes":
            c.minutes = LENGTHS[(LENGTHS.index(c.minutes) + step) % len(LENGTHS)]
        elif f == "rule":
            c.rule = "majority" if c.rule == "leader" else "leader"
        elif f == "serve":
            c.serve = not c.serve
        elif f == "seconds":
            i = TIMERS.index(c.seconds) if c.seconds in TIMERS else 0
            c.seconds = TIMERS[max(0, min(len(TIMERS) - 1, i + step))]

    def handle_event(self, event):
        if event.type != pygame.KEYDOWN:
            return
        f = self.fields[self.focus]
        key = event.key
        if key == pygame.K_ESCAPE:
            from game.ui.scenes.title import TitleScene

            self.app.go(TitleScene(self.app))
            return
        if key in (pygame.K_UP, pygame.K_DOWN, pygame.K_TAB):
            step = -1 if key == pygame.K_UP or (key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT) else 1
            self.focus = (self.focus + step) % len(self.fields)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT):
            self._change(-1 if key == pygame.K_LEFT else 1)
        elif f == "names" and key == pygame.K_BACKSPACE:
            if self.typed:
                self.typed = self.typed[:-1]
            elif self.c.names:
                self.c.names = self.c.names[:-1]
        elif f == "names" and key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            name = " ".join(self.typed.split())
            if name and len(self.c.names) < 200:
                self.c.names = (*self.c.names, name[:60])
            self.typed = ""
        elif f == "names" and event.unicode and event.unicode.isprintable():
            self.typed = (self.typed + event.unicode)[:60]
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self._activate(f)
        else:
            return
        self.layout(self.app.size)
        self.dirty()

    def _activate(self, f: str) -> None:
        app = self.app
        if f == "resume" and self.saved is not None:
            from game.classroom import Lesson
            from game.ui.scenes.classroom_play import ClassroomScene

            session = self.saved
            session.settings = app.view_settings()
            lesson_saves(app).attach(session, save_now=False)
            app.go(ClassroomScene(app, Lesson.resume(session), serve=self.c.serve, resumed=True))
        elif f == "pack":
            self.notice = self.write_pack()
        elif f == "start":
            self.start()
        else:
            self._change(1)

    def write_pack(self) -> str:
        """Write the classroom pack for this setup (A4 and Letter) beside the lesson saves; say where."""
        from game.classroom.paper import lesson_pack_pdf
        from game.classroom.store import write_bytes
        from game.errors import ExcommError

        setup = self.setup()
        store = lesson_saves(self.app)
        try:
            store.folder.mkdir(parents=True, exist_ok=True)
            paths = []
            for size in ("a4", "letter"):
                path = store.folder / f"classroom-pack-{size}.pdf"
                write_bytes(path, lesson_pack_pdf(self.app.engine, setup.people, self._casting(), size, setup.rule))
                paths.append(str(path))
        except (OSError, ExcommError) as exc:
            return f"The pack could not be written: {exc}"
        return "Written: " + " and ".join(paths)

    def start(self) -> None:
        from game.classroom import Lesson
        from game.classroom.store import set_aside_lesson
        from game.errors import ExcommError
        from game.ui.scenes.classroom_play import ClassroomScene

        app = self.app
        store = lesson_saves(app)
        kept = ""
        previous, _ = store.probe_autosave(app.engine)
        if previous is not None:  # the lesson in the slot (ended or not) is kept, never overwritten
            try:
                kept = set_aside_lesson(store, previous)
            except ExcommError as exc:
                self.notice = str(exc)[:1].upper() + str(exc)[1:] + "."
                self.layout(self.app.size)
                return
        lesson = Lesson.start(app.engine, self.setup(), seed=app.seed, fate=app.fate, saver=store.autosave)
        lesson.session.settings = app.view_settings()
        app.go(ClassroomScene(app, lesson, notice=kept, serve=self.c.serve))

    def draw(self, surface):
        self.head.draw(surface)
        self.view.draw(surface)
        self.foot.draw(surface)

    def text_checks(self):
        return [self.head.check(), view_check(self.view), self.foot.check()]
