"""Students' devices in the window: the setup's switch starts the classroom server with the lesson, the projector
shows the join address, the room code and a QR code drawn module by module, and counts who has joined; keys in
the window reach the phones (they go through the room), a phone's vote reaches the window; the pause menu keeps
the server, leaving the lesson's screens stops it; a busy port is said in the window. Real sockets on 127.0.0.1.
Screenshots at 1280x720 and 1024x600 go to artifacts/screenshots/."""

from __future__ import annotations

import asyncio
import json
import socket

import pygame
import pytest

from tests.ui.test_ui_classroom import _to_setup
from tests.ui.test_ui_layout import assert_fits
from tests.ui.ui_support import REAL


@pytest.fixture
def make_app(make_app):
    """The UI fixture's apps, whose servers are stopped after the test whatever happened in it."""
    made = []

    def make(*args, **kwargs):
        d = make_app(*args, **kwargs)
        made.append(d)
        return d

    yield make
    for d in made:
        d.app.release_all()


async def _talk(url: str, *frames: dict, until: str = "state") -> list[dict]:
    """Open a socket to the server, send `frames` one by one, each time reading until a frame of type `until`
    (or an error); returns everything read."""
    import aiohttp

    got: list[dict] = []
    async with aiohttp.ClientSession() as http, http.ws_connect(url.replace("http", "ws", 1) + "ws") as ws:
        for frame in frames:
            await ws.send_str(json.dumps(frame))
            while True:
                msg = json.loads((await ws.receive(timeout=10)).data)
                got.append(msg)
                if msg["type"] in (until, "error"):
                    break
    return got


def talk(url: str, *frames: dict, until: str = "state") -> list[dict]:
    return asyncio.run(_talk(url, *frames, until=until))


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return False
    return True


def _serve_on(d, port: int = 0) -> None:
    d.app.serve_host, d.app.serve_port = "127.0.0.1", port


def _switch_on(setup, d) -> None:
    setup.focus = setup.fields.index("serve")
    d.key(pygame.K_RIGHT)
    assert setup.c.serve


def _text(part) -> str:
    return " ".join(b.text for b in part.blocks)


def _assert_qr_drawn(d) -> None:
    """Every module of the matrix is drawn where it belongs: dark modules black, the rest (quiet zone too) white."""
    scene = d.scene
    matrix, rect = scene.network.matrix, scene.qr_rect
    n = len(matrix)
    assert rect.w == rect.h and rect.w % n == 0 and pygame.Rect((0, 0), d.app.size).contains(rect)
    cell = rect.w // n
    assert all(not v for v in matrix[0]) and all(not row[0] for row in matrix)  # the quiet zone is light
    d.app.draw(force=True)
    surface = d.app.screen
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            pixel = surface.get_at((rect.x + x * cell + cell // 2, rect.y + y * cell + cell // 2))[:3]
            assert pixel == ((0, 0, 0) if dark else (255, 255, 255)), f"module {x},{y} is drawn {pixel}"


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_students_join_from_their_devices_and_the_window_runs_the_vote(make_app, size):
    from game.server.qr import qr_matrix

    d = make_app(REAL, size=size, fate="history", seed=6)
    _serve_on(d)
    setup = _to_setup(d, teams=True)
    _switch_on(setup, d)
    d.shot("classroom-setup-devices")
    assert_fits(d, "setup with devices")
    setup.focus = setup.fields.index("start")
    d.key(pygame.K_RETURN)
    assert d.name == "ClassroomScene"
    scene = d.scene
    net = scene.network
    assert net is not None and scene.show_join and not scene.net_problem
    port = net.server.bound_port
    assert _listening(port)
    url = net.server.local_url
    assert net.url.endswith(f"?room={net.room.code}") and net.matrix == qr_matrix(net.url)
    # the QR code is big enough to scan from the back of a room: 37+ modules at 7 px or more each
    assert scene.qr_rect.w // len(net.matrix) >= 7
    _assert_qr_drawn(d)
    head, info = scene.join_parts
    assert "Join" in _text(head)
    assert net.room.code in _text(info) and net.address in _text(info) and "0 students joined" in _text(info)

    # a phone joins (a real socket); the window counts it
    welcome, state = talk(url, {"type": "join", "room": net.room.code, "name": "Ana"})
    assert welcome["type"] == "welcome" and state["type"] == "state" and not state["voting"]
    token = welcome["token"]
    d.step()
    assert "1 student joined" in _text(scene.join_parts[1])
    d.shot("classroom-join")
    assert_fits(d, "join panel")

    # Enter in the window opens the discussion: through the room, so the phone hears of it
    version = net.room.version
    d.key(pygame.K_RETURN)
    assert net.room.lesson.phase == "discuss" and net.room.version > version
    assert not scene.show_join and scene.join_parts is None  # the council takes the column; J brings it back
    frames = talk(url, {"type": "resume", "token": token})
    state = frames[-1]
    assert state["voting"] and state["team"]["phase"] == "discuss"
    option = next(o["id"] for o in state["team"]["options"] if o["available"])
    voted = talk(url, {"type": "resume", "token": token}, {"type": "vote", "at": state["at"], "option": option})
    assert voted[-1]["type"] == "state" and voted[-1]["my_vote"] == option
    d.step()  # the phone's vote is on the projector
    shown = {o.id: o.votes for o in scene.sc.options}
    assert shown.get(option) == 1 or scene.sc.private  # the public projector of a two-team lesson shows no tally
    assert net.room.lesson.split() == {option: 1}
    assert any(f"room {net.room.code}" in line for line in _right_lines(scene))
    d.shot("classroom-devices-discussion")
    assert_fits(d, "discussion with devices")
    d.key(pygame.K_j)
    assert scene.show_join and scene.qr_rect is not None
    _assert_qr_drawn(d)

    # the pause menu is over the lesson: the server goes on; quitting to the title stops it
    d.key(pygame.K_ESCAPE)
    assert d.name == "PauseScene" and _listening(port)
    d.scene.menu.focus = 4  # Save and quit to title
    d.key(pygame.K_RETURN)
    assert d.name == "TitleScene"
    assert not _listening(port)

    # the lesson resumed with the devices on: the same room code, and the phone's token still holds its seat
    from game.ui.scenes.title import ACTIONS

    code, slot = net.room.code, welcome["seat"]["slot"]
    d.scene.menu.focus = ACTIONS.index("classroom")
    d.key(pygame.K_RETURN)
    setup = d.scene
    _switch_on(setup, d)
    setup.focus = setup.fields.index("resume")
    d.key(pygame.K_RETURN)
    assert d.name == "ClassroomScene" and d.scene.network is not None
    again = d.scene.network
    assert again.room.code == code
    back = talk(again.server.local_url, {"type": "resume", "token": token})
    assert back[0]["type"] == "welcome" and back[0]["seat"]["slot"] == slot
    assert back[-1]["my_vote"] == option  # the vote is in the lesson's log


def _right_lines(scene) -> list[str]:
    return [b.text for b in scene.right.blocks if hasattr(b, "text")]


def test_the_server_goes_on_into_the_debrief_and_stops_after_it(make_app):
    d = make_app(REAL, size=(1280, 720), fate="history", seed=6)
    _serve_on(d)
    setup = _to_setup(d, teams=False)
    _switch_on(setup, d)
    setup.focus = setup.fields.index("start")
    d.key(pygame.K_RETURN)
    net = d.scene.network
    port, url = net.server.bound_port, net.server.local_url
    welcome, _ = talk(url, {"type": "join", "room": net.room.code, "name": "Bo"})
    d.key(pygame.K_e)
    d.key(pygame.K_e)
    assert d.name == "ClassroomDebriefScene" and _listening(port)
    ended = talk(url, {"type": "resume", "token": welcome["token"]})[-1]
    assert ended["team"]["ended"]  # the phone shows the ending while the class looks at the debrief
    d.key(pygame.K_ESCAPE)
    assert d.name == "TitleScene" and not _listening(port)


def test_a_busy_port_is_said_in_the_window_and_the_lesson_goes_on(make_app):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    port = blocker.getsockname()[1]
    try:
        d = make_app(REAL, size=(1280, 720), fate="history", seed=6)
        _serve_on(d, port)
        setup = _to_setup(d, teams=False)
        _switch_on(setup, d)
        setup.focus = setup.fields.index("start")
        d.key(pygame.K_RETURN)
        scene = d.scene
        assert d.name == "ClassroomScene" and scene.network is None
        assert f"port {port} is in use" in scene.net_problem and "--port" in scene.net_problem
        assert scene.notice == scene.net_problem  # the banner says it at once
        assert scene.net_problem in _right_lines(scene)  # and the column keeps saying it
        d.shot("classroom-port-busy")
        assert_fits(d, "busy port")
        d.key(pygame.K_RETURN)  # the lesson goes on without the phones
        assert scene.lesson.phase == "discuss"
    finally:
        blocker.close()


def test_a_time_out_the_server_logs_is_said_in_the_window(make_app):
    d = make_app(REAL, size=(1280, 720), fate="history", seed=6)
    _serve_on(d)
    setup = _to_setup(d, teams=False)
    _switch_on(setup, d)
    setup.focus = setup.fields.index("start")
    d.key(pygame.K_RETURN)
    scene = d.scene
    room = scene.network.room
    d.key(pygame.K_RETURN)  # discussion
    room.act(lambda lesson: lesson.time_out())  # as the server's own watch does when the time runs out
    d.step()
    assert scene.lesson.phase == "result" and scene.notice.startswith("Time is up: the default happened (")
    d.app.release_all()


def test_a_new_lesson_gets_a_new_room(make_app):
    from game.ui.scenes.title import ACTIONS

    d = make_app(REAL, size=(1280, 720), fate="history", seed=6)
    _serve_on(d)
    tokens = []
    for _ in range(2):  # the same setup twice: the second is a new lesson, not the first resumed
        if d.name == "TitleScene":
            d.scene.menu.focus = ACTIONS.index("classroom")
            d.key(pygame.K_RETURN)
        setup = d.scene if d.name == "ClassroomSetupScene" else _to_setup(d, teams=False)
        _switch_on(setup, d)
        setup.focus = setup.fields.index("start")
        d.key(pygame.K_RETURN)
        net = d.scene.network
        welcome, _ = talk(net.server.local_url, {"type": "join", "room": net.room.code, "name": "Cy"})
        tokens.append((net.room.code, welcome["token"], net.server.local_url))
        d.key(pygame.K_ESCAPE)
        d.scene.menu.focus = 4  # Save and quit to title
        d.key(pygame.K_RETURN)
    d.scene.menu.focus = ACTIONS.index("classroom")
    d.key(pygame.K_RETURN)
    setup = d.scene
    _switch_on(setup, d)
    setup.focus = setup.fields.index("resume")
    d.key(pygame.K_RETURN)
    url = d.scene.network.server.local_url
    old = talk(url, {"type": "resume", "token": tokens[0][1]})
    assert old[-1]["type"] == "error" and old[-1]["code"] == "bad_token"  # the first lesson's seat is gone
    assert talk(url, {"type": "resume", "token": tokens[1][1]})[0]["type"] == "welcome"
    assert d.scene.network.room.code == tokens[1][0]
