"""Secrets on the wire: over a whole two-team lesson played by simulated students, no frame a student's socket
receives holds a string only the other team may know (its secrets, its lines of intelligence, its roles' private
knowledge); the facilitator's socket receives both teams' private strings."""

from __future__ import annotations

import asyncio
from typing import Any

from game.classroom import roles_of
from game.engine.views import sees
from game.server.app import Limits
from game.server.bench import documented_titles, play
from game.server.room import Room
from game.server.runner import ServerThread
from tests.server.wire import new_lesson


def _flat(text: str) -> str:
    return " ".join(text.split())


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _private(room: Room) -> dict[str, set[str]]:
    """side -> what only the other teams (or the facilitator) may know now."""
    lesson = room.lesson
    eng, state = lesson.engine, lesson.session.state
    cards = roles_of(eng, lesson.people)
    out = {}
    for viewer in lesson.people:
        known = {sid for sid, _, _ in eng.known_secrets(state, viewer)}
        hidden = {s.text for s in eng.scenario.model.secrets if s.id not in known}
        if not state.ended:
            hidden |= {line.text for line in eng.briefing(state).intel if not sees(viewer, line.audience)}
        hidden |= {k for c in cards if c.side != viewer for k in c.role.knows}
        for inc in eng.scenario.incidents:  # the parts of a story, and the dangers, kept to another audience
            hidden |= {text for to, text in inc.private if not sees(viewer, to)}
            hidden |= {s.label for s in inc.shocks if not sees(viewer, s.audience)}
        out[viewer] = {_flat(s) for s in hidden if s.strip()}
    return out


def test_no_student_socket_carries_the_other_teams_strings_and_the_host_carries_both():
    lesson = new_lesson(count=10, minutes=50)
    room = Room(lesson)
    by_version: dict[int, dict[str, set[str]]] = {0: _private(room)}
    room.add_listener(lambda: by_version.__setitem__(room.version, _private(room)))
    record: dict[str, list[dict[str, Any]]] = {}
    server = ServerThread(room, "127.0.0.1", 0, Limits(exempt_loopback=True)).start()
    try:
        figures, _ = asyncio.run(
            play(server.local_url, room.code, room.key, 10, seed=3, record=record, documented=documented_titles())
        )
    finally:
        server.stop()
    assert figures.ended and figures.decisions >= 5 and not figures.lost
    checked = {"us": 0, "ussr": 0}
    for name, frames in record.items():
        if name == "host":
            continue
        side = next(f["seat"]["side"] for f in frames if f.get("type") == "state")
        version = 0
        for frame in frames:
            version = frame.get("version", version)
            text = _flat(" ".join(_strings(frame)))
            for secret in by_version[version][side]:
                assert secret not in text, f"{name} ({side}) received {secret[:60]!r}"
                checked[side] += 1
    assert checked["us"] > 1000 and checked["ussr"] > 1000
    host_text = _flat(" ".join(s for f in record["host"] for s in _strings(f)))
    eng = lesson.engine
    knows = {_flat(k) for c in roles_of(eng, lesson.people) for k in c.role.knows}
    for side in lesson.people:
        other = next(p for p in lesson.people if p != side)
        own = set().union(*(v[other] for v in by_version.values())) - knows  # what only `side` may see
        seen = {s for s in own if s in host_text}
        assert len(seen) >= 3, f"the host saw too little of {side}'s private strings: {sorted(seen)[:3]}"
    for secret in eng.scenario.model.secrets:
        assert _flat(secret.text) in host_text
