"""Anyone on the school's network can reach the port: every hostile input gets a clear `error`, changes nothing
in the lesson (its log keeps its length) and never shows a traceback."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from aiohttp import WSMsgType

from game.server.room import Room
from tests.server.wire import Client, act, host, join, new_lesson, run, serving


def _room() -> Room:
    return Room(new_lesson())


def _log(room: Room) -> int:
    return len(room.lesson.session.log)


async def _error(client: Client) -> dict:
    frame = await client.next("error")
    assert set(frame) == {"type", "code", "message"} and frame["message"]
    assert "Traceback" not in frame["message"] and 'File "' not in frame["message"]
    return frame


async def _still_open(client: Client) -> None:
    await client.send(type="ping")
    await client.next("pong")


def test_a_wrong_room_code_a_forged_token_and_a_wrong_key_are_refused():
    room = _room()

    async def body(server):
        c = await Client.open(server)
        length = _log(room)
        await c.send(type="join", room="ZZZZ", name="Mallory")
        assert (await _error(c))["code"] == "bad_room"
        await c.send(type="resume", token="A" * 32)
        assert (await _error(c))["code"] == "bad_token"
        await c.send(type="host", key="guess-" * 4)
        assert (await _error(c))["code"] == "not_allowed"
        await c.send(type="act", action="decide", arg="strike-fast")
        assert (await _error(c))["code"] == "not_allowed"
        await c.send(type="vote", at=room.lesson.here.id, option="strike-fast")
        assert (await _error(c))["code"] == "not_allowed"
        await _still_open(c)
        assert _log(room) == length and not any(s["taken"] for s in room.seats())

    with serving(room) as server:
        run(body(server))


def test_a_student_cannot_act_vote_as_another_role_or_vote_once_the_decision_is_closed():
    room = _room()

    async def body(server):
        hostc, _ = await host(server, room)
        a, _, _state = await join(server, room, "Ana")
        await act(hostc, room, "discuss")
        at = room.lesson.here.id
        length = _log(room)
        await a.send(type="act", action="decide", arg="strike-fast")
        assert (await _error(a))["code"] == "not_allowed"
        await a.send(type="vote", at=at, option="strike-fast", voter="khrushchev")
        frame = await _error(a)
        assert frame["code"] == "bad_message" and "voter" in frame["message"]
        await a.send(type="host", key=room.key)  # a seated page cannot turn itself into the host
        assert (await _error(a))["code"] == "not_allowed"
        assert _log(room) == length
        await a.send(type="vote", at=at, option="deliberate")
        await a.until(lambda f: f.get("type") == "state" and f["my_vote"] == "deliberate")
        await act(hostc, room, "decide")
        length = _log(room)
        await a.send(type="vote", at=at, option="strike-fast")  # after the decision: closed
        assert (await _error(a))["code"] == "closed"
        await a.send(type="unvote", at=at)
        assert (await _error(a))["code"] == "closed"
        assert _log(room) == length
        assert room.lesson.role_votes(room.lesson.here.parent) == {"jfk": "deliberate"}

    with serving(room) as server:
        run(body(server))


@pytest.mark.parametrize(
    "text",
    [
        "{nope",
        "null",
        "[]",
        '{"type":"dance"}',
        '{"type":"join","room":"X","name":"A","admin":true}',
        '{"type":"vote","at":17,"option":"a"}',
        '{"type":"vote","at":"h1","option":["a"]}',
        '{"type":"join","room":"X","name":"' + "n" * 500 + '"}',
        '{"type":"ping","x":' + "[" * 1500 + "]" * 1500 + "}",
        '{"type":"join","room":"\\ud800","name":"\\u0000"}',
    ],
)
def test_malformed_messages_get_bad_message_and_the_socket_stays_open(text):
    room = _room()

    async def body(server):
        c = await Client.open(server)
        length = _log(room)
        await c.send_raw(text)
        assert (await _error(c))["code"] == "bad_message"
        await _still_open(c)
        assert _log(room) == length

    with serving(room) as server:
        run(body(server))


def test_a_binary_frame_is_refused_and_text_that_is_not_utf8_closes_the_socket():
    room = _room()

    async def body(server):
        c = await Client.open(server)
        await c.ws.send_bytes(b"\x00\x01")
        assert (await _error(c))["code"] == "bad_message"
        await _still_open(c)
        await c.ws.send_frame(b'{"type":"ping","x":"\xff\xfe"}', WSMsgType.TEXT)
        assert await c.closed()

    with serving(room) as server:
        run(body(server))


@pytest.mark.parametrize("size", [5000, 200_000])
def test_a_huge_message_is_refused_and_the_socket_closed(size):
    room = _room()

    async def body(server):
        c = await Client.open(server)
        length = _log(room)
        await c.send_raw(json.dumps({"type": "join", "room": "X" * size, "name": "A"}))
        assert await c.closed()
        if size < 16_000:  # within the socket's own cut: a clear error comes first
            assert any(f.get("code") == "too_big" for f in c.frames)
        assert _log(room) == length

    with serving(room) as server:
        run(body(server))


def test_a_burst_of_messages_is_rate_limited_and_a_flood_closes_the_socket():
    room = _room()

    async def body(server):
        c = await Client.open(server)
        for _ in range(30):
            await c.send(type="ping")
        frame = await c.until(lambda f: f.get("type") == "error")
        assert frame["code"] == "rate"
        await asyncio.sleep(1.2)  # the bucket refills
        await c.drain()
        await _still_open(c)
        flood = await Client.open(server)
        for _ in range(300):
            await flood.send(type="ping")
        assert await flood.closed()
        assert flood.frames[-1]["code"] == "rate"

    with serving(room) as server:
        run(body(server))


def test_a_connection_flood_from_one_address_is_held_to_the_limit_and_the_room_still_serves():
    room = _room()

    async def body(server):
        many = await asyncio.gather(*(Client.open(server) for _ in range(30)))
        closed = await asyncio.gather(*(c.closed(timeout=1.5) for c in many))
        assert closed.count(False) == 8  # 8 sockets per address stay open
        refused = [c for c, gone in zip(many, closed) if gone]
        assert all(c.frames and c.frames[0]["code"] == "busy" for c in refused)
        for c in many:
            await c.close()
        await asyncio.sleep(0.3)
        _a, welcome, _ = await join(server, room, "Ana")  # once the flood is gone, a student joins as usual
        assert welcome["seat"]["slot"]

    with serving(room) as server:
        run(body(server))


def test_the_server_holds_at_most_its_total_of_sockets():
    room = _room()

    async def body(server):
        kept = [await Client.open(server) for _ in range(3)]
        extra = await Client.open(server)
        assert await extra.closed()
        assert extra.frames[0]["code"] == "full"
        for c in kept:
            await _still_open(c)

    with serving(room, total=3, exempt_loopback=True) as server:
        run(body(server))


def test_a_silent_socket_that_never_joins_is_closed_and_a_seated_one_is_not():
    room = _room()

    async def body(server):
        silent = await Client.open(server)
        seated, _, _ = await join(server, room, "Ana")
        assert await silent.closed(timeout=3)
        await asyncio.sleep(0.5)
        await _still_open(seated)

    with serving(room, idle=0.3) as server:
        run(body(server))


def test_an_address_guessing_codes_is_refused_for_a_while():
    room = _room()

    async def body(server):
        c = await Client.open(server)
        for _ in range(3):
            await c.send(type="join", room="ZZZZ", name="M")
            assert (await _error(c))["code"] == "bad_room"
        await c.send(type="join", room=room.code, name="M")  # even the right code now: the address waits
        assert (await _error(c))["code"] == "rate"
        assert await c.closed()
        assert not any(s["taken"] for s in room.seats())

    with serving(room, failures=3) as server:
        run(body(server))


def test_a_bug_in_a_handler_is_one_line_in_the_log_and_a_plain_error_on_the_page(caplog, monkeypatch):
    room = _room()

    def broken(*args, **kw):
        raise ValueError("secret internals /home/teacher")

    monkeypatch.setattr(room, "host_act", broken)

    async def body(server):
        hostc, _ = await host(server, room)
        await hostc.send(type="act", action="discuss")
        frame = await _error(hostc)
        assert "internals" not in frame["message"]
        await _still_open(hostc)

    with caplog.at_level(logging.ERROR, logger="excomm.server"), serving(room) as server:
        run(body(server))
    lines = [r.getMessage() for r in caplog.records if r.name == "excomm.server"]
    assert any("ValueError" in line and "\n" not in line for line in lines)
