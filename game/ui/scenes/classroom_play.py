"""The projector during a lesson, and the facilitator's keyboard.

What is drawn comes from `game.classroom.views.screen_for`: the projector's screen (the class's side, or the
public when two teams play) or, after blanking, one team's view. This scene never filters secrets itself.
Every key the facilitator presses that changes the lesson goes through `Lesson`, which logs it.

With "Students' devices" on, the scene starts the classroom's web server (`game.ui.network`): the lesson is then
shared with the server's thread, so every key goes through `Room.act` (under the room's lock, and the phones hear
of it), and what the phones or the facilitator's browser change is redrawn here. The right-hand column shows the
join address, the room code and its QR code (J hides or shows them); the server stops when the lesson's screens
are left.
"""

from __future__ import annotations

import contextlib

import pygame

from game.errors import ExcommError
from game.ui.scenes.base import Scene, view_check
from game.ui.scenes.common import number_of_key
from game.ui.widgets.doc import P, Rule, prose
from game.ui.widgets.fixed import FixedText
from game.ui.widgets.scroll import ScrollView

KEYS = (
    "Enter next step · Space pause · +/− timer · 1–8 a hand for an option (Shift: take one back) · "
    "L then 1–8 the leader's choice · V vote by role · S next speaker · A all arguments · I inject · "
    "X reveal · U undo · B blank · F1/F2 team view · F5 projector · O order slip · E end · Esc menu"
)
SHORT_KEYS = (
    "Enter next · Space pause · +/− time · 1–8 hands · L leader · I inject · X reveal · U undo · B blank · H keys"
)
NET_KEYS = " · J join code"
QR_DARK, QR_LIGHT = (0, 0, 0), (255, 255, 255)  # a QR code reads dark on light, whatever the theme


class ClassroomScene(Scene):
    def __init__(self, app, lesson, notice: str = "", serve: bool = False, resumed: bool = False):
        super().__init__(app)
        self.lesson = lesson
        self.notice = notice
        self.mode = ""  # '' | leader | roles | inject | reveal | reveal-to | slip | confirm-show | confirm-end
        self.pick = 0  # the role being voted for (roles mode), the secret chosen (reveal-to), the team (confirm-show)
        self.shown_before = "projector"  # what the screen showed before a team's view was asked for
        self.full_keys = False
        self.left: ScrollView | None = None
        self.right: ScrollView | None = None
        self._last_second = -1
        self.network = None  # the classroom's web server (game.ui.network.ClassNetwork) when it runs
        self.net_problem = ""  # why the students' devices are off, when they were asked for and could not start
        self.show_join = False  # the join panel (QR code) in the right-hand column
        self.join_parts: tuple[FixedText, FixedText] | None = None
        self.qr_rect: pygame.Rect | None = None
        self._qr: pygame.Surface | None = None
        self._seen_version = 0
        self._seen_log = len(lesson.session.log)
        self.right_shown = True
        if serve:
            self._start_network(resumed)

    # -- the students' devices
    def _start_network(self, resumed: bool) -> None:
        from game.ui.network import ClassNetwork
        from game.ui.scenes.classroom_setup import lesson_saves

        app, lesson = self.app, self.lesson
        try:
            autosave = lesson_saves(app).autosave_path(lesson.session.config.scenario_id)
            self.network = ClassNetwork.start(lesson, app.serve_host, app.serve_port, autosave, resumed)
        except (ExcommError, OSError) as exc:  # a busy port, a wrong address: said in the window, never raised
            self.net_problem = f"Students' devices are off: {exc}."
            self.notice = self.notice or self.net_problem
            return
        app.hold(self, self.network.stop)
        self.show_join = True
        self._seen_version = self.network.room.version

    def _locked(self):
        """The room's lock while the server shares the lesson (its thread changes it too)."""
        return self.network.room.lock if self.network is not None else contextlib.nullcontext()

    def _act(self, fn) -> None:
        """Run a key's work on the lesson: through the room when the server runs, so the phones are told."""
        if self.network is None:
            fn()
            return
        room = self.network.room
        room.act(lambda _lesson: fn())
        self._seen_version = room.version

    # -- what the screen shows
    def screen(self):
        from game.classroom.views import screen_for

        team = self.lesson.screen if self.lesson.screen not in ("projector", "blank") else None
        return screen_for(self.lesson, team)

    @property
    def animating(self) -> bool:  # the timer ticks while a discussion runs
        lesson = self.lesson
        return lesson.phase in ("discuss", "vote") and not lesson.paused

    def layout(self, size):
        with self._locked():
            self._layout(size)

    def _layout(self, size):
        tf = self.tf
        w, h = size
        m = tf.px(18)
        sc = self.screen()
        self.sc = sc
        keys = (KEYS if self.full_keys else SHORT_KEYS) + (NET_KEYS if self.network is not None else "")
        self.foot = FixedText("keys", [P(keys, "small", "muted", after=0)], w - 2 * m, tf)
        self.foot.place(m, h - m // 2 - self.foot.height)
        if sc.kind == "blank":
            msg = [P("The screen is blank.", "title", "muted", after=6), P(self._blank_hint(), "body", "muted")]
            if self.notice:  # e.g. 'The order is in.': said without showing what the order was
                msg.append(P(self.notice, "bold", "warn"))
            if self.mode == "confirm-show":  # the question asked before a team's view is shown
                msg.append(P(self._banner_text(), "heading", "warn"))
            self.head = FixedText("header", msg, w - 2 * m, tf).place(m, h // 3)
            self.timer = FixedText("timer", [P("", "small")], tf.px(40), tf).place(w - m - tf.px(40), m)
            self.left = self.right = None
            self.banner = None
            self.join_parts = self.qr_rect = None
            return
        head = [
            P(
                f"{sc.when_text} · {sc.phase_label}" + (" · TEAM VIEW" if sc.kind == "team" else ""),
                "small",
                "accent",
                after=2,
            ),
            P(sc.heading + (f": {sc.title}" if sc.title else ""), "title", after=0),
        ]
        timer_w = tf.px(260)
        self.head = FixedText("header", head, w - 3 * m - timer_w, tf).place(m, m)
        self.timer = FixedText("timer", self._timer_blocks(sc), timer_w, tf).place(w - m - timer_w, m)
        top = max(self.head.rect.bottom, self.timer.rect.bottom) + tf.px(8)
        self.banner = None
        text = self._banner_text()
        if text:
            self.banner = FixedText("banner", [P(text, "bold", "warn", after=0)], w - 2 * m - tf.px(16), tf)
            self.banner.place(m + tf.px(8), top + tf.px(4))
            top = self.banner.rect.bottom + tf.px(12)
        bottom = self.foot.rect.top - tf.px(8)
        left_w = int((w - 3 * m) * 0.58)
        lrect = pygame.Rect(m, top, left_w, bottom - top)
        rrect = pygame.Rect(2 * m + left_w, top, w - 3 * m - left_w, bottom - top)
        self.join_parts = self.qr_rect = None
        self.right_shown = True
        if self.network is not None and self.show_join:
            rrect = self._layout_join(rrect)
            self.right_shown = rrect.h >= tf.px(120)  # below the QR code, the column goes on if there is room
        lb, rb = self._left_blocks(sc), self._right_blocks(sc)
        if self.left is None:
            self.left = ScrollView("decision", lrect, tf, lb)
            self.right = ScrollView("council", rrect, tf, rb)
        else:
            self.left.set(lrect, tf, lb)
            self.right.set(rrect, tf, rb)

    def _layout_join(self, rect: pygame.Rect) -> pygame.Rect:
        """The join panel at the top of `rect`: a heading, the QR code as large as fits (it must scan from the
        back of the room), the room code and the address. Returns what is left of `rect` below it."""
        tf, net = self.tf, self.network
        gap = tf.px(8)
        head = FixedText("join", [P("Join on a phone or laptop", "heading", "accent", after=0)], rect.w, tf)
        head.place(rect.x, rect.y)
        info_blocks = [
            P("Room code", "small", "muted", after=0),
            P(net.room.code, "huge", "text", after=2),
            P(f"or open {net.address} and type the code", "small", "muted", after=2),
            P(f"{_joined(net.joined())} · J hides this panel", "bold", "ok", after=0),
        ]
        info = FixedText("join-info", info_blocks, rect.w, tf)
        modules = len(net.matrix)
        room_for_qr = rect.h - head.height - info.height - 2 * gap
        cell = max(1, min(rect.w, room_for_qr) // modules)
        side = cell * modules
        self.qr_rect = pygame.Rect(rect.x + (rect.w - side) // 2, head.rect.bottom + gap, side, side)
        info.place(rect.x, self.qr_rect.bottom + gap)
        self.join_parts = (head, info)
        if self._qr is None or self._qr.get_width() != side:
            self._qr = _qr_surface(net.matrix, cell)
        top = info.rect.bottom + gap
        return pygame.Rect(rect.x, top, rect.w, max(1, rect.bottom - top))

    def _blank_hint(self) -> str:
        teams = self.lesson.people
        keys = " · ".join(
            f"F{i + 1} {self.lesson.engine.scenario.side_name(s)}'s team view" for i, s in enumerate(teams)
        )
        return f"{keys} · F5 or B the projector"

    def _timer_blocks(self, sc) -> list:
        running = sc.phase in ("discuss", "vote")
        color = "danger" if sc.timer_note == "time is up" else ("accent" if running and not sc.paused else "muted")
        blocks = [P(sc.timer_text if sc.phase != "result" else "", "huge", color, after=0)]
        if sc.paused:
            blocks.append(P("PAUSED", "bold", "warn", after=0))
        return blocks

    def _banner_text(self) -> str:
        lesson = self.lesson
        if self.notice:
            return self.notice
        if self.mode == "leader":
            return "The leader's choice: press the option's number (Esc cancels)."
        if self.mode == "roles":
            card = self._roles()[self.pick % max(1, len(self._roles()))] if self._roles() else None
            return (
                f"Vote by role — {card.role.name if card else '—'}: press an option's number · Tab next role · Esc done"
            )
        if self.mode == "inject":
            items = " · ".join(f"{k}. {t}" for k, (_, t) in enumerate(lesson.injectable()[:9], 1))
            return f"Inject an incident: {items} (Esc cancels)"
        if self.mode == "reveal":
            items = " · ".join(f"{k}. {t}" for k, (_, t, _) in enumerate(lesson.revealable()[:9], 1))
            return f"Reveal a hidden fact: {items} (Esc cancels)"
        if self.mode == "reveal-to":
            teams = " · ".join(
                f"{k}. the {lesson.engine.scenario.side_name(s)} team" for k, s in enumerate(lesson.people, 1)
            )
            return f"Reveal to: A everyone · {teams} (Esc cancels)"
        if self.mode == "slip":
            return "Order slip: press the number of the option on the slip (Esc cancels)."
        if self.mode == "confirm-show":
            names = lesson.engine.scenario.side_name
            side, other = lesson.people[self.pick], lesson.people[1 - self.pick]
            key = ("F1", "F2")[self.pick]
            return (
                f"Next on this screen: the {names(side)} team's own view, secrets and all. {names(other)} turns "
                f"away first. Press {key} again to show it, Esc to go back."
            )
        if self.mode == "confirm-end":
            return "End the crisis now and go to the debrief? Press E again to confirm, Esc to go on."
        return ""

    def _roles(self):
        from game.classroom import roles_of

        side = self.lesson.awaited
        return roles_of(self.lesson.engine, (side,)) if side else []

    def _left_blocks(self, sc) -> list:
        story: list = []
        if sc.private:
            who = sc.deciding or "A side"
            story.append(P(f"{who} is deciding in private.", "heading", "accent", after=4))
            if sc.kind == "projector" and len(self.lesson.people) > 1:
                story.append(P("Its team has its dossier; the facilitator enters its order slip (O).", "body", "muted"))
        elif sc.text:
            story += prose(sc.text)
        if sc.intel:
            story += [Rule(), P(sc.intel_title, "bold", "accent", after=4)]
            story += [P(line, "small", indent=22, bullet="•", after=3) for line in sc.intel]
        options: list = []
        if sc.options:
            options.append(P("Options", "bold", "accent", after=4))
            for o in sc.options:
                color = "disabled" if not o.available else ("ok" if o.chosen else "text")
                options.append(P(f"{o.number}. {o.text}", "bold" if o.chosen else "body", color, after=2))
                if o.votes:
                    options.append(
                        P(
                            f"{'▮' * min(o.votes, 30)} {o.votes} of {sc.votes_total}",
                            "small",
                            "accent",
                            indent=22,
                            after=3,
                        )
                    )
                if not o.available and o.reason:
                    options.append(P(o.reason, "small", "muted", indent=22, after=3))
            if sc.timer_note and sc.timer_note not in ("paused", "time is up"):
                options.append(P(sc.timer_note, "small", "muted"))
        result = []
        if sc.result:
            result = [P("Decided", "bold", "accent", after=2), P(sc.result, "heading", "ok", after=6)]
            result += [P(note, "body", after=4) for note in sc.result_notes]
        if sc.phase in ("discuss", "vote"):  # while the class argues and votes, the options come first
            return [*result, *options, *([Rule()] if result or options else []), *story]
        return [*result, *story, *([Rule(), *options] if options else [])]

    def _right_blocks(self, sc) -> list:
        blocks: list = []
        net = self.network
        if net is not None and not self.show_join:
            line = f"Phones: {net.address} · room {net.room.code} · {_joined(net.joined())} (J: the QR code)"
            blocks.append(P(line, "small", "ok", after=6))
        elif self.net_problem:
            blocks.append(P(self.net_problem, "small", "warn", after=6))
        blocks += [P(sc.risk_text, "bold", "warn", after=2), P(sc.defcon_text, "small", "muted")]
        if sc.arguments:
            blocks += [Rule(), P("The council speaks", "bold", "accent", after=4)]
            for r in sc.arguments:
                who = f" ({', '.join(r.students)})" if r.students else ""
                blocks.append(P(f"{r.name}{who}", "bold", after=2))
                blocks += [P(line, "small", indent=14, after=3) for line in r.lines]
        if sc.followed:
            blocks += [Rule(), P("Meanwhile, as in 1962", "bold", "accent", after=4)]
            blocks += [P(line, "small", after=3) for line in sc.followed]
        if sc.news:
            blocks += [Rule(), P("News", "bold", "accent", after=4)]
            for item in sc.news:  # its title line, then what happened under it
                head, *more = item.split("\n\n")
                blocks.append(P(head, "small", "accent" if more else "text", after=3))
                blocks += [P(part, "small", indent=14, after=3) for part in more]
        if sc.secrets:
            blocks += [Rule(), P("Known to this screen", "bold", "accent", after=4)]
            for title, text in sc.secrets:
                blocks += [P(title, "bold", after=2), P(text, "small")]
        return blocks

    # -- the facilitator's keys
    def handle_event(self, event):
        if event.type == pygame.KEYDOWN:
            with self._locked():
                try:
                    self._act(lambda: self._key(event))
                except ExcommError as exc:
                    self.notice = str(exc)
                    self.mode = ""
                self._seen_log = len(self.lesson.session.log)
                self._refresh()
        elif event.type == pygame.MOUSEWHEEL and self.left is not None:
            pos = self.app.pointer()
            if self.left.handle_wheel(event, pos) or (self.right_shown and self.right.handle_wheel(event, pos)):
                self.dirty()

    def _refresh(self) -> None:
        if self.lesson.session.state.ended and self.lesson.screen in ("projector",):
            from game.ui.scenes.classroom_debrief import ClassroomDebriefScene

            with self._locked():  # the report reads the whole log: the server's thread must not change it meanwhile
                debrief = ClassroomDebriefScene(self.app, self.lesson)
            self.app.hand_over(self, debrief)  # the phones show the ending until the debrief is left
            self.app.go(debrief)
            return
        self.layout(self.app.size)
        self.dirty()

    def _key(self, event) -> None:
        lesson = self.lesson
        key, shift = event.key, bool(event.mod & pygame.KMOD_SHIFT)
        number = number_of_key(key)
        self.notice = ""
        if key == pygame.K_ESCAPE:
            if self.mode == "confirm-show":  # not shown after all: the screen goes back to what it showed
                lesson.show(self.shown_before)
            if self.mode:
                self.mode = ""
                return
            from game.ui.scenes.pause import PauseScene

            lesson.pause()
            self.app.go(PauseScene(self.app, self, lesson.session))
            return
        if self.mode:
            self._mode_key(key, number)
            return
        sc = self.screen()
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self._advance()
        elif key == pygame.K_SPACE:
            lesson.resume_timer() if lesson.paused else lesson.pause()
        elif key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            lesson.extend(60)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            lesson.cut(60)
        elif number is not None and sc.options:
            option = self._option(number)
            if option is not None:
                now = lesson.split().get(option, 0)
                lesson.hands(option, max(0, now - 1) if shift else now + 1)
        elif key == pygame.K_l:
            self.mode = "leader"
        elif key == pygame.K_v:
            self.mode, self.pick = "roles", 0
        elif key == pygame.K_s:
            self._next_speaker()
        elif key == pygame.K_a:
            lesson.speak("*")
        elif key == pygame.K_i:
            self.mode = "inject"
        elif key == pygame.K_x:
            self.mode = "reveal"
        elif key == pygame.K_u:
            self.notice = f"Undone: {lesson.undo()}."
        elif key == pygame.K_b:
            lesson.show("projector" if lesson.screen == "blank" else "blank")
        elif key in (pygame.K_F1, pygame.K_F2) and len(lesson.people) >= (1 if key == pygame.K_F1 else 2):
            side = 0 if key == pygame.K_F1 else 1
            if len(lesson.people) > 1 and lesson.screen != lesson.people[side]:
                # a team's view shows its secrets to the room: blank the screen and ask before showing it
                self.mode, self.pick, self.shown_before = "confirm-show", side, lesson.screen
                lesson.show("blank")
            else:
                lesson.show(lesson.people[side])
        elif key == pygame.K_F5:
            lesson.show("projector")
        elif key == pygame.K_o:
            side = lesson.awaited
            if side is not None:
                lesson.show(side)
                self.mode = "slip"
        elif key == pygame.K_e:
            self.mode = "confirm-end"
        elif key == pygame.K_h:
            self.full_keys = not self.full_keys
        elif key == pygame.K_j and self.network is not None:
            self.show_join = not self.show_join
        elif key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.left is not None:
            self.left.handle_key(key)

    def _option(self, number: int) -> str | None:
        from game.engine.views import decision_view

        lesson = self.lesson
        side = lesson.awaited or lesson.people[0]
        view = decision_view(lesson.engine, lesson.session.state, side, lesson.session.settings)
        for c in view.choices if view is not None else ():
            if c.number == number:
                return c.id if c.available else None
        return None

    def _mode_key(self, key: int, number: int | None) -> None:
        lesson = self.lesson
        mode = self.mode
        if mode == "leader" and number is not None:
            option = self._option(number)
            leader = next((c.id for c in self._roles() if c.role.decides), None)
            if option is not None and leader is not None:
                lesson.vote(leader, option)
                lesson.decide(option)
                self.mode = ""
        elif mode == "roles":
            roles = self._roles()
            if key == pygame.K_TAB and roles:
                self.pick = (self.pick + 1) % len(roles)
            elif number is not None and roles:
                option = self._option(number)
                if option is not None:
                    lesson.vote(roles[self.pick % len(roles)].id, option)
                    self.pick = (self.pick + 1) % len(roles)
        elif mode == "inject" and number is not None:
            items = lesson.injectable()
            if number <= len(items):
                lesson.inject(items[number - 1][0])
                self.notice = f"Injected: {items[number - 1][1]}."
                self.mode = ""
        elif mode == "reveal" and number is not None:
            if number <= len(lesson.revealable()):
                self.pick, self.mode = number - 1, "reveal-to"
        elif mode == "reveal-to":
            secret = lesson.revealable()[self.pick]
            to = (
                "all"
                if key == pygame.K_a
                else (lesson.people[number - 1] if number and number <= len(lesson.people) else None)
            )
            if to is not None:
                lesson.reveal(secret[0], to)
                told = "everyone" if to == "all" else f"the {lesson.engine.scenario.side_name(to)} team"
                self.notice = f"Revealed to {told}: {secret[1]}."
                self.mode = ""
        elif mode == "slip" and number is not None:
            option = self._option(number)
            if option is not None:
                lesson.decide(option)
                lesson.show("blank")
                self.notice = "The order is in."
                self.mode = ""
        elif mode == "confirm-show" and key == (pygame.K_F1, pygame.K_F2)[self.pick]:
            lesson.show(lesson.people[self.pick])
            self.mode = ""
        elif mode == "confirm-end" and key == pygame.K_e:
            lesson.end()
            self.mode = ""
            lesson.show("projector") if lesson.screen != "projector" else None

    def _advance(self) -> None:
        lesson = self.lesson
        phase = lesson.phase
        if phase == "brief":
            lesson.discuss()
            self.show_join = False  # the lesson has begun: the QR code gives way to the council (J brings it back)
        elif phase == "discuss":
            lesson.open_vote()
        elif phase == "vote":
            lesson.decide()
        elif phase == "result":
            lesson.next()

    def _next_speaker(self) -> None:
        roles = [c.id for c in self._roles()]
        if not roles:
            return
        spoken = [r for r in self.lesson.spoken() if r != "*"]
        after = roles.index(spoken[-1]) + 1 if spoken else 0
        for r in spoken:  # one speaker at a time: the last one's lines give way to the next
            self.lesson.speak(r)
        self.lesson.speak(roles[after % len(roles)])

    def update(self, dt: float) -> None:
        with self._locked():
            self._update()

    def _update(self) -> None:
        lesson = self.lesson
        if lesson.timed_out():
            try:
                if self.network is not None:  # the server's own watch may have logged it first: the log says
                    self.network.room.check_timeout()
                    self._seen_version = self.network.room.version
                    self._told_from_log()
                else:
                    self.notice = f"Time is up: the default happened ({lesson.time_out()})."
            except ExcommError as exc:
                self.notice = str(exc)
            self._seen_log = len(lesson.session.log)
            self._refresh()
            return
        if self.network is not None and self.network.room.version != self._seen_version:
            # a phone voted, someone joined, or the browser's facilitator acted: redraw, and say what the server did
            self._seen_version = self.network.room.version
            self._told_from_log()
            self._refresh()
            return
        second = int(lesson.remaining())
        if second != self._last_second and self.animating:
            self._last_second = second
            self.timer = FixedText("timer", self._timer_blocks(self.screen()), self.timer.rect.w, self.tf).place(
                self.timer.rect.x, self.timer.rect.y
            )
            self.dirty()

    def _told_from_log(self) -> None:
        """A time-out the server's own watch logged (no window key made it) is said here as if the window had."""
        log = self.lesson.session.log
        from game.session.inputs import Facilitate

        for inp in log[self._seen_log :]:
            if isinstance(inp, Facilitate) and inp.action == "timeout":
                self.notice = f"Time is up: the default happened ({inp.what})."
        self._seen_log = len(log)

    def draw(self, surface):
        tf = self.tf
        surface.fill(tf.pal.bg)
        self.head.draw(surface)
        self.timer.draw(surface)
        if self.banner is not None:
            r = self.banner.rect.inflate(tf.px(16), tf.px(8))
            pygame.draw.rect(surface, tf.pal.panel, r, border_radius=6)
            pygame.draw.rect(surface, tf.pal.warn, r, 2, border_radius=6)
            self.banner.draw(surface)
        if self.left is not None:
            self.left.draw(surface)
            if self.right_shown:
                self.right.draw(surface)
        if self.join_parts is not None and self.qr_rect is not None and self._qr is not None:
            for part in self.join_parts:
                part.draw(surface)
            surface.blit(self._qr, self.qr_rect.topleft)
        self.foot.draw(surface)

    def text_checks(self):
        checks = [self.head.check(), self.foot.check()]
        if self.left is not None:
            checks += [view_check(self.left)] + ([view_check(self.right)] if self.right_shown else [])
        if self.join_parts is not None:
            checks += [part.check() for part in self.join_parts]
        return checks


def _joined(n: int) -> str:
    return f"{n} student{'' if n == 1 else 's'} joined"


def _qr_surface(matrix: list[list[bool]], cell: int) -> pygame.Surface:
    """The QR code drawn once, a rectangle a dark module, on white (the matrix carries its quiet zone)."""
    size = cell * len(matrix)
    surface = pygame.Surface((size, size))
    surface.fill(QR_LIGHT)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                surface.fill(QR_DARK, (x * cell, y * cell, cell, cell))
    return surface
