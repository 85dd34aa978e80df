"""The protocol through a real server on 127.0.0.1: join, cast, vote, the tally on the host, reconnecting with
the token, the timer watched by the server, and the pages and their headers."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request

from game.server.app import static_files
from game.server.room import Room, token_hash
from tests.server.wire import Client, Clock, act, host, join, new_lesson, run, serving


def test_join_gives_a_seat_its_role_card_and_its_teams_view():
    room = Room(new_lesson())

    async def body(server):
        a, welcome, state = await join(server, room, "Ana")
        b, _welcome_b, state_b = await join(server, room, "Ben")
        assert welcome["token"] and welcome["seat"]["name"] == "Ana"
        assert welcome["seat"]["role"]["name"] == "John F. Kennedy"
        assert state["team"]["viewer"] == "us" and state["role"]["id"] == "jfk"
        assert state_b["team"]["viewer"] == "ussr" and state_b["role"]["leader"]
        assert state["team"]["options"] and not state_b["team"]["options"]  # Washington decides first
        assert state["voting"] is False and state["my_vote"] is None and state["at"] == room.lesson.here.id
        await a.close()
        await b.close()

    with serving(room) as server:
        run(body(server))


def test_a_vote_reaches_the_host_tally_and_the_host_decides_and_moves_on():
    lesson = new_lesson()
    room = Room(lesson)

    async def body(server):
        hostc, hs = await host(server, room)
        assert hs["room"] == room.code and hs["teams"].keys() == {"us", "ussr"}
        a, _, _ = await join(server, room, "Ana")
        hs = await act(hostc, room, "discuss")
        assert hs["phase"] == "discuss"
        state = await a.until(lambda f: f.get("type") == "state" and f["voting"])
        await a.send(type="vote", at=state["at"], option="go-public")
        hs = await hostc.until(lambda f: f.get("type") == "host_state" and f["votes"])
        assert hs["votes"] == {"jfk": "go-public"}
        assert next(o for o in hs["teams"]["us"]["options"] if o["id"] == "go-public")["votes"] == 1
        await a.send(type="vote", at=state["at"], option="deliberate")  # a second vote replaces the first
        hs = await hostc.until(lambda f: f.get("type") == "host_state" and f["votes"].get("jfk") == "deliberate")
        assert hs["split"] == {"deliberate": 1}
        mine = await a.until(lambda f: f.get("type") == "state" and f["my_vote"] == "deliberate")
        assert mine["voting"]
        hs = await act(hostc, room, "decide")
        assert hs["phase"] == "result"
        result = await a.until(lambda f: f.get("type") == "state" and f["team"]["phase"] == "result")
        assert result["voting"] is False and result["team"]["result"]
        hs = await act(hostc, room, "next")
        assert hs["phase"] == "brief" and hs["at"] != state["at"]
        await a.close()
        await hostc.close()

    with serving(room) as server:
        run(body(server))


def test_a_dropped_page_resumes_its_seat_with_its_token_and_sees_its_vote():
    lesson = new_lesson()
    room = Room(lesson)

    async def body(server):
        a, welcome, _ = await join(server, room, "Ana")
        room.act(lambda lesson: lesson.discuss())
        state = await a.until(lambda f: f.get("type") == "state" and f["voting"])
        await a.send(type="vote", at=state["at"], option="strike-fast")
        await a.until(lambda f: f.get("type") == "state" and f["my_vote"] == "strike-fast")
        await a.close()  # the Wi-Fi drops
        b = await Client.open(server)
        await b.send(type="resume", token=welcome["token"])
        again = await b.next("welcome")
        state = await b.next("state")
        assert again["seat"]["slot"] == welcome["seat"]["slot"] and state["my_vote"] == "strike-fast"
        seats = {s["slot"]: s for s in room.seats()}
        assert seats[welcome["seat"]["slot"]]["online"] >= 1
        await b.send(type="leave")
        assert (await b.next("bye"))["type"] == "bye"
        assert await b.closed()
        c = await Client.open(server)
        await c.send(type="resume", token=welcome["token"])  # a token whose student left is no longer a seat
        assert (await c.next("error"))["code"] == "bad_token"
        await c.close()

    with serving(room) as server:
        run(body(server))


def test_a_seat_the_facilitator_frees_tells_its_page_and_a_moved_student_follows_the_token():
    room = Room(new_lesson())

    async def body(server):
        hostc, _ = await host(server, room)
        a, welcome, _ = await join(server, room, "Ana")
        free = next(s["slot"] for s in room.seats() if not s["taken"])
        await act(hostc, room, "move", welcome["seat"]["slot"], free)
        moved = await a.until(lambda f: f.get("type") == "state" and f["seat"]["slot"] == free)
        assert moved["seat"]["name"] == "Ana"
        await act(hostc, room, "free", free)
        refused = await a.next("error")
        assert refused["code"] == "bad_token"
        await a.send(type="vote", at=room.lesson.here.id, option="deliberate")
        assert (await a.next("error"))["code"] == "not_allowed"
        await a.close()
        await hostc.close()

    with serving(room) as server:
        run(body(server))


def test_the_server_logs_a_time_out_when_the_discussion_time_runs_out():
    clock = Clock()
    lesson = new_lesson(clock=clock, seconds=60)
    room = Room(lesson)

    async def body(server):
        a, _, _ = await join(server, room, "Ana")
        room.act(lambda lesson: lesson.discuss())
        await a.until(lambda f: f.get("type") == "state" and f["voting"])
        clock.now += 61  # nobody draws frames: the server itself notices
        state = await a.until(lambda f: f.get("type") == "state" and f["team"]["phase"] == "result", timeout=5)
        assert "time ran out" in " ".join(state["team"]["result_notes"]).lower()
        assert any(getattr(i, "action", "") == "timeout" for i in lesson.session.log)
        await a.close()

    with serving(room, timeout_check=0.05) as server:
        run(body(server))


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_the_pages_are_served_with_their_headers_and_nothing_else_is():
    room = Room(new_lesson())
    with serving(room) as server:
        base = server.local_url
        status, headers, body = _get(base)
        assert status == 200 and b"<html" in body and headers["Content-Type"].startswith("text/html")
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert f"ws://127.0.0.1:{server.bound_port}" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer" and headers["Cache-Control"] == "no-store"
        for name in static_files():
            assert _get(base + "static/" + name)[0] == 200
        for path in ("nothing", "static/", "static/..%2fpyproject.toml", "static/%2e%2e%2fapp.py", "static/../app.py",
                     "static/..%5capp.py", "static/%2Fetc%2Fpasswd", "static/app.py", "static/room.py",
                     "static/student.html%00.js", "etc/passwd", "static/.student.html", "ws/../static"):  # fmt: skip
            status, headers, body = _get(base + path)
            assert status == 404, path
            assert b"Traceback" not in body and b"import" not in body
            assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_page_from_another_origin_cannot_open_the_socket():
    room = Room(new_lesson())

    async def body(server):
        try:
            await Client.open(server, headers={"Origin": "http://evil.example"})
        except Exception as exc:  # the handshake is refused with 403
            return getattr(exc, "status", None)
        return None

    with serving(room) as server:
        assert run(body(server)) == 403


def test_many_students_at_once_each_get_a_distinct_seat():
    room = Room(new_lesson(count=12))

    async def body(server):
        joined = await asyncio.gather(*(join(server, room, f"S{i}") for i in range(12)))
        slots = {w["seat"]["slot"] for _, w, _ in joined}
        assert len(slots) == 12
        for client, _, _ in joined:
            await client.close()

    with serving(room, exempt_loopback=True) as server:
        run(body(server))


def test_the_report_is_served_to_the_facilitators_key_once_the_crisis_has_ended():
    lesson = new_lesson(teams=True)
    room = Room(lesson)
    with serving(room) as server:
        base = server.local_url
        assert _get(base + f"report.html?key={room.key}")[0] == 409  # not before the end
        assert _get(base + f"report.html?key={room.projector_key}")[0] == 409
        for wrong in ("", "?key=", "?key=nope", f"?key={room.key[:-1]}"):
            status, _, body = _get(base + "report.html" + wrong)
            assert status == 403 and b"facilitator" in body, wrong
        token, _ = room.join(room.code, "Ana")  # one student joined (of ten seats), by the name she typed
        room.host_act("discuss")
        first = room.lesson.engine.available_ids(room.lesson.session.state)[0]
        room.vote(token_hash(token), room.lesson.here.id, first)
        room.host_act("end")  # during the vote
        status, headers, body = _get(base + f"report.html?key={room.key}")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        page = body.decode("utf-8")
        assert "The class" in page and "How the class decided" in page and "Questions for discussion" in page
        assert "1 student (of 10 seats)" in page and ">Ana<" in page and "Student 1<" not in page
        assert "the crisis was ended during the vote" in page  # not 'not played in this lesson'
        assert "<script" not in page and "script-src" not in headers["Content-Security-Policy"]
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        for paper in ("a4", "letter"):
            status, headers, body = _get(base + f"report.pdf?paper={paper}&key={room.key}")
            assert status == 200 and body.startswith(b"%PDF") and headers["Content-Type"] == "application/pdf"
            assert f"lesson-report-{paper}.pdf" in headers["Content-Disposition"]
        assert _get(base + f"report.pdf?paper=tabloid&key={room.key}")[0] == 400
        # the projector's key opens the page for the big screen, not the PDF
        assert _get(base + f"report.html?key={room.projector_key}")[0] == 200
        assert _get(base + f"report.pdf?paper=a4&key={room.projector_key}")[0] == 403
        assert _get(base + f"report.txt?key={room.key}")[0] == 404


def test_the_projectors_page_gets_what_the_projector_shows_and_may_do_nothing():
    from game.classroom import screen_for

    room = Room(new_lesson(teams=True))
    with serving(room) as server:
        assert _get(server.local_url + "projector")[0] == 200

        async def body():
            wrong = await Client.open(server)
            await wrong.send(type="host", key="not-the-key", view="projector")
            assert (await wrong.next("error"))["code"] == "not_allowed"
            desk = await Client.open(server)  # the projector's key read off the big screen opens no controls
            await desk.send(type="host", key=room.projector_key)
            assert (await desk.next("error"))["code"] == "not_allowed"
            assert room.projector_key not in room.facilitator_url and room.projector_key in room.projector_url
            wall = await Client.open(server)
            await wall.send(type="host", key=room.projector_key, view="projector")
            await wall.next("welcome")
            state = await wall.next("projector_state")
            assert state["room"] == room.code and state["screen"]["viewer"] == "all"
            public = screen_for(room.lesson)
            assert state["screen"]["heading"] == public.heading and state["screen"]["private"]
            assert state["qr"] and all(len(row) == len(state["qr"]) for row in state["qr"])
            await wall.send(type="act", action="discuss")  # the projector's page has no controls
            assert (await wall.next("error"))["code"] == "not_allowed" and room.lesson.phase == "brief"
            room.host_act("show", "blank")
            blank = await wall.until(lambda f: f.get("type") == "projector_state" and f["screen"]["kind"] == "blank")
            assert not blank["screen"]["text"] and not blank["screen"]["options"]

        run(body())
