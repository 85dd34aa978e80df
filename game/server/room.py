"""The classroom room: the one authority the window and the web server both act through.

A `Room` wraps a `Lesson` behind a re-entrant lock. It holds the room code students type, the facilitator's
key and the seats (the casting's slots 'Student 1'…, each taken by a token); it turns a student's vote into
the lesson's own `vote` (the voter id comes from the seat, never from the page) and a facilitator's action
into the lesson's method. `version` goes up on every change so a front end knows to redraw; listeners are
told after each change (the server wakes its event loop from there). It builds each audience's payload from
the core's views (`game.classroom.views.screen_for`), so a student's frames carry only its own team's view.

The lesson's autosave is batched (`saving.py`): written at most 0.1 s after a change, and at once by `flush`.
The seats live in a room file beside the lesson's autosave (tokens kept as SHA-256 digests only), so a
restarted server resumes the room: same code, same tokens, and the votes are in the lesson's log.
No asyncio here: this module is called from the window's thread and the server's loop alike.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import re
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from game.classroom.debrief import LessonReport, lesson_report, render_lesson_html
from game.classroom.lesson import Lesson
from game.classroom.roles import RoleCard, arguments_at, roles_of
from game.classroom.views import Screen, facilitator_only, screen_for
from game.errors import ExcommError, RuleError, UnreadableFile
from game.fileio import read_json_bounded, write_atomic
from game.server.protocol import ProtocolError
from game.server.saving import SaveBatcher

__all__ = ["ROOM_FILE_FORMAT", "Room", "code_alphabet", "room_path", "token_hash"]

ROOM_FILE_FORMAT = 1
_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read off a projector
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
T = TypeVar("T")


def code_alphabet() -> str:
    return _ALPHABET


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def room_path(autosave: Path) -> Path:
    """The room file beside a lesson's autosave: `room-<scenario>.json` for `autosave-<scenario>.json`."""
    stem = autosave.stem.removeprefix("autosave-")
    return autosave.with_name(f"room-{stem}.json")


@dataclasses.dataclass
class _Seat:
    slot: str
    digest: str = ""  # SHA-256 of the token of the student who holds it ('' when free)
    name: str = ""


class Room:
    """A lesson, its room code, facilitator key and seats. Every read and change goes through `lock`."""

    def __init__(
        self,
        lesson: Lesson,
        *,
        code: str | None = None,
        key: str | None = None,
        path: Path | None = None,
        join_url: str = "",
    ):
        self.lesson = lesson
        self.lock = threading.RLock()
        self.code = code or "".join(secrets.choice(_ALPHABET) for _ in range(4))
        self.key = key or secrets.token_urlsafe(18)
        # the projector's page has a key of its own: a link read off the big screen opens no controls
        self.projector_key = secrets.token_urlsafe(18)
        self._qr_for: tuple[str, list[list[bool]]] = ("", [])
        self.path = path
        self.join_url = join_url
        self.version = 0
        self.save_error = ""
        self._listeners: list[Callable[[], None]] = []
        self._online: dict[str, int] = {}
        self._cards: dict[str, RoleCard] = {c.id: c for c in roles_of(lesson.engine, lesson.people)}
        self._seats: dict[str, _Seat] = {s: _Seat(s) for s in lesson.students}
        # everyone who has held each seat, in order: the report credits a role to all who played it
        self._held: dict[str, list[str]] = {s: [] for s in lesson.students}
        self._order = self._join_order()
        saver = lesson.session.saver
        self.saves: SaveBatcher | None = None
        if saver is not None and not isinstance(saver, SaveBatcher):
            self.saves = SaveBatcher(saver, self.lock)
            lesson.session.saver = self.saves

    # ---------------------------------------------------------------- making one, keeping it

    @classmethod
    def open(cls, lesson: Lesson, path: Path, join_url: str = "") -> Room:
        """The room of `lesson` kept at `path` (same code, key and seats), or a new room there when the file is
        missing, unreadable or belongs to another lesson."""
        try:
            data = read_json_bounded(path, 1_000_000, 8)
        except UnreadableFile:
            data = None
        room = cls(lesson, path=path, join_url=join_url)
        if isinstance(data, dict) and room._restore(data):
            return room
        room.save()
        return room

    def _identity(self) -> dict[str, Any]:
        config = self.lesson.session.config
        return {"scenario": config.scenario_id, "seed": config.seed, "students": list(self.lesson.students)}

    def _restore(self, data: dict[str, Any]) -> bool:
        if data.get("format") != ROOM_FILE_FORMAT or data.get("lesson") != self._identity():
            return False
        code, key, seats = data.get("code"), data.get("key"), data.get("seats")
        if not (isinstance(code, str) and isinstance(key, str) and isinstance(seats, list)):
            return False
        if not re.fullmatch(f"[{_ALPHABET}]{{4,8}}", code) or not 16 <= len(key) <= 100:
            return False
        self.code, self.key = code, key
        wall = data.get("projector_key")
        if isinstance(wall, str) and 16 <= len(wall) <= 100:
            self.projector_key = wall
        for entry in seats:
            if not isinstance(entry, dict):
                continue
            slot, digest, name = entry.get("slot"), entry.get("token_sha256"), entry.get("name")
            if slot in self._seats and isinstance(digest, str) and re.fullmatch("[0-9a-f]{64}", digest):
                self._seats[slot] = _Seat(slot, digest, _clean_name(name if isinstance(name, str) else ""))
        held = data.get("held")
        for slot, names in (held if isinstance(held, dict) else {}).items():
            if slot in self._held and isinstance(names, list):
                self._held[slot] = [n for n in (_clean_name(x) for x in names[:50] if isinstance(x, str)) if n]
        for seat in self._seats.values():  # a room file from before the history was kept
            if seat.digest and seat.name and seat.name not in self._held[seat.slot]:
                self._held[seat.slot].append(seat.name)
        return True

    def flush(self) -> None:
        """Write the lesson's pending autosave now (the server calls this when it stops)."""
        if self.saves is not None:
            self.saves.flush()

    def save(self) -> None:
        """Write the room file (atomic); a failure is kept in `save_error`, the lesson goes on."""
        if self.path is None:
            return
        data = {
            "format": ROOM_FILE_FORMAT,
            "lesson": self._identity(),
            "code": self.code,
            "key": self.key,
            "projector_key": self.projector_key,
            "seats": [
                {"slot": s.slot, "token_sha256": s.digest, "name": s.name} for s in self._seats.values() if s.digest
            ],
            "held": {slot: names for slot, names in self._held.items() if names},
        }
        try:
            write_atomic(self.path, json.dumps(data, indent=1))
            self.save_error = ""
        except OSError as exc:
            self.save_error = f"the room file could not be written: {exc.strerror or exc}"

    # ---------------------------------------------------------------- changes

    def add_listener(self, fn: Callable[[], None]) -> None:
        """`fn()` is called (on the changing thread, lock held) after every change."""
        with self.lock:
            self._listeners.append(fn)

    def remove_listener(self, fn: Callable[[], None]) -> None:
        with self.lock:
            if fn in self._listeners:
                self._listeners.remove(fn)

    def act(self, fn: Callable[[Lesson], T]) -> T:
        """Run a facilitator's action on the lesson under the lock; the version goes up if it succeeds (a refused
        action raises, as the lesson raises it, and changes nothing)."""
        with self.lock:
            result = fn(self.lesson)
            self._changed()
            return result

    def _changed(self) -> None:
        self.version += 1
        for fn in list(self._listeners):
            fn()

    def check_timeout(self) -> str | None:
        """If the discussion time has run out, log it (the default happens) and say why; else None."""
        with self.lock:
            if not self.lesson.timed_out():
                return None
            return self.act(lambda lesson: lesson.time_out())

    # ---------------------------------------------------------------- seats

    def seats(self) -> list[dict[str, Any]]:
        """Every seat in join order: slot, name, roles, side, voter id, taken, online sockets."""
        with self.lock:
            return [self._seat_json(self._seats[slot]) for slot in self._order]

    def _seat_json(self, seat: _Seat) -> dict[str, Any]:
        roles = self.lesson.casting.by_student.get(seat.slot, ())
        side = self._side(seat.slot)
        return {
            "slot": seat.slot,
            "name": seat.name,
            "roles": list(roles),
            "role_names": [self._cards[r].role.name for r in roles if r in self._cards],
            "side": side,
            "side_name": self.lesson.engine.scenario.side_name(side) if side else "",
            "voter": self.voter(seat.slot),
            "taken": bool(seat.digest),
            "online": self._online.get(seat.digest, 0) if seat.digest else 0,
        }

    def _join_order(self) -> list[str]:
        """Slots in the order students take them: each team's slots in casting order (needed roles first),
        the teams interleaved in proportion to their size, so the first joiners fill every team's leaders."""
        teams: dict[str, list[str]] = {}
        for slot in self.lesson.students:
            teams.setdefault(self._side(slot), []).append(slot)
        keyed = []
        for t, (_, slots) in enumerate(teams.items()):
            keyed += [((i / len(slots)), t, slot) for i, slot in enumerate(slots)]
        return [slot for _, _, slot in sorted(keyed)]

    def _side(self, slot: str) -> str:
        roles = self.lesson.casting.by_student.get(slot, ())
        card = self._cards.get(roles[0]) if roles else None
        return card.side if card is not None else ""

    def voter(self, slot: str) -> str:
        """The voter id of a slot: its first role's id for the role's first student, `<role>.<n>` for the others."""
        roles = self.lesson.casting.by_student.get(slot, ())
        if not roles:
            return slot
        holders = self.lesson.casting.by_role.get(roles[0], ())
        n = holders.index(slot) if slot in holders else 0
        return roles[0] if n == 0 else f"{roles[0]}.{n + 1}"

    def slot_of(self, digest: str) -> str | None:
        with self.lock:
            return self._slot_of(digest)

    def _slot_of(self, digest: str) -> str | None:
        if not digest:
            return None
        for seat in self._seats.values():
            if seat.digest and hmac.compare_digest(seat.digest, digest):
                return seat.slot
        return None

    def _need_slot(self, digest: str) -> str:
        slot = self._slot_of(digest)
        if slot is None:
            raise ProtocolError("bad_token", "this seat is no longer yours: join the room again with its code")
        return slot

    def join(self, code: str, name: str) -> tuple[str, str]:
        """A student joins with the room code and a name: (token, slot) of the next free seat."""
        if not hmac.compare_digest(code.strip().upper().encode(), self.code.encode()):
            raise ProtocolError("bad_room", "that is not this room's code: check the code on the projector")
        clean = _clean_name(name)
        if not clean:
            raise ProtocolError("bad_message", "type your name (letters, up to 40)")
        with self.lock:
            if self.lesson.ended:  # a seat now would hold no vote
                raise ProtocolError("closed", "this lesson has ended: nobody can join it now (ask about the debrief)")
            free = next((slot for slot in self._order if not self._seats[slot].digest), None)
            if free is None:
                raise ProtocolError("full", "every seat in this room is taken: ask the facilitator to free one")
            token = secrets.token_urlsafe(24)
            self._seats[free] = _Seat(free, token_hash(token), clean)
            self._hold(free, clean)
            self.save()
            self._changed()
            return token, free

    def _hold(self, slot: str, name: str) -> None:
        held = self._held[slot]
        if name and (not held or held[-1] != name):
            held.append(name)

    def resume(self, token: str) -> tuple[str, str]:
        """A page comes back with its token: (digest, slot) of its seat."""
        digest = token_hash(token)
        with self.lock:
            return digest, self._need_slot(digest)

    def leave(self, digest: str) -> None:
        with self.lock:
            slot = self._need_slot(digest)
            self._seats[slot] = _Seat(slot)
            self._online.pop(digest, None)
            self.save()
            self._changed()

    def online(self, digest: str, delta: int) -> None:
        """A socket for a seat opened (+1) or closed (-1): the facilitator's roster shows who is connected."""
        with self.lock:
            n = max(0, self._online.get(digest, 0) + delta)
            if n:
                self._online[digest] = n
            else:
                self._online.pop(digest, None)
            if self._slot_of(digest) is not None:
                self._changed()

    def move(self, slot: str, to: str) -> None:
        """The facilitator moves a student to another (free) seat; the token follows the student."""
        with self.lock:
            if slot not in self._seats or to not in self._seats:
                raise ProtocolError("not_allowed", "there is no such seat: use a slot from the roster")
            if not self._seats[slot].digest:
                raise ProtocolError("not_allowed", f"{slot} is free: there is nobody to move")
            if self._seats[to].digest:
                raise ProtocolError("not_allowed", f"{to} is taken: free it first")
            seat = self._seats[slot]
            self._seats[to] = _Seat(to, seat.digest, seat.name)
            self._seats[slot] = _Seat(slot)
            self._hold(to, seat.name)
            self.save()
            self._changed()

    def free(self, slot: str) -> None:
        """The facilitator frees a seat: its token stops working, the next student to join may take it."""
        with self.lock:
            if slot not in self._seats:
                raise ProtocolError("not_allowed", "there is no such seat: use a slot from the roster")
            digest = self._seats[slot].digest
            self._seats[slot] = _Seat(slot)
            self._online.pop(digest, None)
            self.save()
            self._changed()

    # ---------------------------------------------------------------- votes

    def voting_open(self, side: str) -> bool:
        lesson = self.lesson
        return not lesson.ended and lesson.awaited == side and lesson.phase in ("discuss", "vote")

    def vote(self, digest: str, at: str, option: str) -> None:
        """A student's vote at decision `at` (the one the page shows). A second vote replaces the first."""
        with self.lock:
            slot = self._need_slot(digest)
            lesson = self.lesson
            if at != lesson.here.id or not self.voting_open(self._side(slot)):
                raise ProtocolError("closed", "this vote is not open now: wait for the facilitator to open one")
            if option not in lesson.engine.available_ids(lesson.session.state):
                raise ProtocolError("not_allowed", "that option cannot be chosen here: vote for one on your screen")
            voter = self.voter(slot)
            if lesson.role_votes().get(voter) == option:
                return
            try:
                lesson.vote(voter, option)
            except RuleError as exc:
                raise ProtocolError("not_allowed", str(exc)) from None
            self._changed()

    def unvote(self, digest: str, at: str) -> None:
        with self.lock:
            slot = self._need_slot(digest)
            lesson = self.lesson
            if at != lesson.here.id or not self.voting_open(self._side(slot)):
                raise ProtocolError("closed", "this vote is not open now: wait for the facilitator to open one")
            voter = self.voter(slot)
            if voter not in lesson.role_votes():
                return
            lesson.unvote(voter)
            self._changed()

    # ---------------------------------------------------------------- the facilitator

    def host_ok(self, key: str) -> bool:
        return hmac.compare_digest(key.encode("utf-8", "surrogatepass"), self.key.encode())

    def projector_ok(self, key: str) -> bool:
        """The projector's page opens with its own key, or the facilitator's (which opens more)."""
        given = key.encode("utf-8", "surrogatepass")
        return hmac.compare_digest(given, self.projector_key.encode()) or self.host_ok(key)

    @property
    def facilitator_url(self) -> str:
        return f"{self.join_url.rstrip('/')}/facilitator#key={self.key}" if self.join_url else ""

    @property
    def projector_url(self) -> str:
        return f"{self.join_url.rstrip('/')}/projector#key={self.projector_key}" if self.join_url else ""

    def host_act(self, action: str, arg: str = "", to: str = "") -> str:
        """A facilitator's action by name (as the protocol's `act` sends it); says what was done."""
        if action == "move":
            self.move(arg, to)
            return f"moved {arg} to {to}"
        if action == "free":
            self.free(arg)
            return f"freed {arg}"
        try:
            return self.act(lambda lesson: _ACTIONS[action](self, lesson, arg, to))
        except ProtocolError:
            raise
        except ExcommError as exc:
            raise ProtocolError("not_allowed", str(exc)) from None

    def report(self, kind: str, paper: str = "a4") -> bytes | None:
        """The class's report once the crisis has ended (None before): one HTML page, or a PDF on `paper`."""
        from game.classroom.paper import report_pdf  # fpdf2 is loaded when a PDF is asked for

        with self.lock:
            if not self.lesson.ended or not self.lesson.session.state.ended:
                return None
            report = self.lesson_report()
            return render_lesson_html(report).encode("utf-8") if kind == "html" else report_pdf(report, paper)

    def lesson_report(self) -> LessonReport:
        """The class's report with the names the students typed (everyone who held each seat, in order), not
        their slots."""
        with self.lock:
            names = {slot: ", then ".join(dict.fromkeys(held)) for slot, held in self._held.items() if held}
            everyone = {name for held in self._held.values() for name in held}
            return lesson_report(self.lesson, names, joined=len(everyone))

    # ---------------------------------------------------------------- payloads

    def welcome(self, slot: str, token: str) -> dict[str, Any]:
        with self.lock:
            seat = self._seats[slot]
            roles = self.lesson.casting.by_student.get(slot, ())
            card = self._card_json(roles[0], with_arguments=False) if roles else None
            return {"type": "welcome", "token": token, "seat": {"slot": slot, "name": seat.name, "role": card}}

    def host_welcome(self) -> dict[str, Any]:
        return {"type": "welcome", "token": "", "seat": None, "role": None}

    def student_state(self, digest: str, cache: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """The `state` frame for the seat holding `digest` (None when it holds none). `cache` shares team views
        between the seats of one side while one batch of frames is built."""
        with self.lock:
            slot = self._slot_of(digest)
            if slot is None:
                return None
            lesson = self.lesson
            side = self._side(slot)
            cache = {} if cache is None else cache
            team = cache.get(side)
            if team is None:
                team = cache[side] = self._screen_json(screen_for(lesson, side) if side else screen_for(lesson))
            roles = lesson.casting.by_student.get(slot, ())
            role = self._card_json(roles[0]) if roles else None
            if role is not None:
                role["also"] = [self._card_json(r) for r in roles[1:]]
            seat = self._seats[slot]
            return {
                "type": "state",
                "version": self.version,
                "seat": {"slot": slot, "name": seat.name, "voter": self.voter(slot), "side": side},
                "team": team,
                "role": role,
                "my_vote": lesson.role_votes().get(self.voter(slot)),
                "voting": self.voting_open(side),
                "at": lesson.here.id,
            }

    def host_state(self) -> dict[str, Any]:
        """The `host_state` frame: the projector, every team, the roster, the votes and what may be done."""
        with self.lock:
            lesson = self.lesson
            engine = lesson.engine
            state = lesson.session.state
            awaited = lesson.awaited
            return {
                "type": "host_state",
                "version": self.version,
                "room": self.code,
                "url": self.join_url,
                "projector": self._screen_json(screen_for(lesson)),
                "teams": {side: self._screen_json(screen_for(lesson, side)) for side in lesson.people},
                "only_you": list(facilitator_only(lesson)),  # what no team is told: for this page alone
                "seats": self.seats(),
                "votes": lesson.role_votes(),
                "split": lesson.split(),
                "proposal": lesson.proposal(),
                "at": lesson.here.id,
                "phase": lesson.phase,
                "awaited": awaited,
                "class_decides": awaited in lesson.people,
                "screen": lesson.screen,
                "projector_key": self.projector_key,  # for the facilitator's link to the projector's page
                "ended": lesson.ended,
                "people": [{"id": s, "name": engine.scenario.side_name(s)} for s in lesson.people],
                "speakers": [  # the roles with something to say at this decision
                    {"id": rid, "name": self._cards[rid].role.name}
                    for rid in (lesson.speakers_at(lesson.here.id) if awaited else [])
                    if rid in self._cards
                ],
                "injectable": [{"id": i, "title": t} for i, t in lesson.injectable()],
                "revealable": [
                    {"id": i, "title": t, "known_to": k, "known_to_all": any(s == i for s, _ in state.revealed)}
                    for i, t, k in lesson.revealable()
                ],
                "save_error": lesson.session.save_error or self.save_error,
            }

    def projector_state(self) -> dict[str, Any]:
        """The `projector_state` frame: what the projector shows (the core's projector view, or a blank screen),
        with the way in for latecomers (the room code, the address and its QR code)."""
        with self.lock:
            lesson = self.lesson
            return {
                "type": "projector_state",
                "version": self.version,
                "room": self.code,
                "url": self.join_url,
                "qr": self._qr(),
                "joined": sum(1 for s in self.seats() if s["taken"]),
                "screen": self._screen_json(screen_for(lesson, _team_shown(lesson))),
                "ended": lesson.ended,
            }

    def _qr(self) -> list[list[bool]]:
        """The join address's QR code, made once per address (not on every frame)."""
        from game.server.qr import qr_matrix

        if self._qr_for[0] != self.join_url:
            self._qr_for = (self.join_url, qr_matrix(self.join_url) if self.join_url else [])
        return self._qr_for[1]

    def _screen_json(self, screen: Screen) -> dict[str, Any]:
        data = dataclasses.asdict(screen)
        data["secrets"] = [{"title": t, "text": x} for t, x in screen.secrets]
        # a role's speakers by the names they typed, not their slots ('Student 6'); a free slot is nobody yet
        typed = {s.slot: s.name or s.slot for s in self._seats.values() if s.digest}
        for said in data["arguments"]:
            said["students"] = [typed[slot] for slot in said["students"] if slot in typed]
        timer = self.lesson.timer
        data["timer_seconds_left"] = round(self.lesson.remaining(), 1)
        data["timer_running"] = bool(timer is not None and timer.running and screen.phase in ("discuss", "vote"))
        return data

    def _card_json(self, role_id: str, with_arguments: bool = True) -> dict[str, Any]:
        card = self._cards[role_id]
        r = card.role
        lesson = self.lesson
        out: dict[str, Any] = {
            "id": role_id,
            "name": r.name,
            "office": r.office,
            "side": card.side,
            "side_name": card.side_name,
            "leader": r.decides,
            "portrait": r.portrait,
            "wants": r.wants,
            "fears": r.fears,
            "argued": r.argued,
            "knows": list(r.knows),
            "invented": r.invented,
        }
        if with_arguments:
            node = lesson.node_id
            open_now = node is not None and lesson.awaited == card.side and lesson.phase not in ("result", "debrief")
            choices = lesson.engine.choices(lesson.session.state) if open_now else []
            out["arguments"] = arguments_at(lesson.engine, role_id, node, choices) if open_now and node else []
        return out


def _team_shown(lesson: Lesson) -> str | None:
    """The team whose view the facilitator has put on the projector (None: the public view, or blank)."""
    return lesson.screen if lesson.screen not in ("projector", "blank") else None


def _clean_name(name: str) -> str:
    return " ".join(_CONTROL.sub(" ", name).split())[:40]


def _seconds(arg: str) -> int:
    try:
        value = int(arg or "60")
    except ValueError:
        raise ProtocolError("bad_message", "give the seconds as a whole number, e.g. 60") from None
    if not 1 <= value <= 3600:
        raise ProtocolError("bad_message", "give between 1 and 3600 seconds")
    return value


def _inject(room: Room, lesson: Lesson, arg: str, to: str) -> str:
    if arg not in {i for i, _ in lesson.injectable()}:
        raise ProtocolError("not_allowed", "that incident cannot be injected: choose one from the list")
    lesson.inject(arg)
    return f"injected {arg}"


def _reveal(room: Room, lesson: Lesson, arg: str, to: str) -> str:
    if arg not in {i for i, _, _ in lesson.revealable()}:
        raise ProtocolError("not_allowed", "there is no such secret: choose one from the list")
    audience = to or "all"
    if audience != "all" and audience not in lesson.people:
        raise ProtocolError("not_allowed", "reveal to 'all' or to a team that plays")
    lesson.reveal(arg, audience)
    return f"revealed {arg} to {audience}"


def _speak(room: Room, lesson: Lesson, arg: str, to: str) -> str:
    if arg != "*" and arg not in lesson.engine.scenario.model.roles:
        raise ProtocolError("not_allowed", "there is no such role: choose one from the list")
    lesson.speak(arg)
    return f"argument of {arg} shown or hidden"


def _show(room: Room, lesson: Lesson, arg: str, to: str) -> str:
    lesson.show(arg or "projector")
    return f"projector shows {arg or 'projector'}"


def _decide(room: Room, lesson: Lesson, arg: str, to: str) -> str:
    if arg and arg not in lesson.engine.available_ids(lesson.session.state):
        raise ProtocolError("not_allowed", "that option cannot be chosen here: choose one on the screen")
    lesson.decide(arg or None)
    return "decided"


def _extend(room: Room, lesson: Lesson, arg: str, to: str) -> str:
    lesson.extend(_seconds(arg))
    return "time extended"


def _cut(room: Room, lesson: Lesson, arg: str, to: str) -> str:
    lesson.cut(_seconds(arg))
    return "time cut"


def _simple(name: str, method: Callable[[Lesson], object]) -> Callable[[Room, Lesson, str, str], str]:
    def run(room: Room, lesson: Lesson, arg: str, to: str) -> str:
        done = method(lesson)
        return done if isinstance(done, str) else name

    return run


_ACTIONS: dict[str, Callable[[Room, Lesson, str, str], str]] = {
    "discuss": _simple("discussion opened", Lesson.discuss),
    "vote": _simple("vote opened", Lesson.open_vote),
    "decide": _decide,
    "timeout": _simple("time out", Lesson.time_out),
    "next": _simple("next decision", Lesson.next),
    "pause": _simple("paused", Lesson.pause),
    "resume": _simple("resumed", Lesson.resume_timer),
    "extend": _extend,
    "cut": _cut,
    "undo": lambda room, lesson, arg, to: f"undid {lesson.undo()}",
    "show": _show,
    "inject": _inject,
    "reveal": _reveal,
    "speak": _speak,
    "end": _simple("ended", Lesson.end),
}
