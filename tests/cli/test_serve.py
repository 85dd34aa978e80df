"""`python main.py classroom --serve` as a teacher runs it: it prints where to go, serves a student, stops on
Ctrl-C without a traceback, resumes the same room next time, and a busy port is one clear line and exit 1."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(home: Path, port: int, *extra: str) -> tuple[subprocess.Popen, str]:
    env = dict(os.environ, EXCOMM_HOME=str(home), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "main.py", "classroom", "--serve", "--host", "127.0.0.1", "--port", str(port), *extra],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    out = ""
    deadline = time.monotonic() + 60
    while "Ctrl-C" not in out and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        out += line
    return proc, out


async def _join(url: str, code: str) -> dict:
    async with aiohttp.ClientSession() as session, session.ws_connect(url + "ws") as ws:
        await ws.send_json({"type": "join", "room": code, "name": "Ana"})
        return await ws.receive_json(timeout=10)


def test_serve_prints_the_way_in_serves_a_student_and_stops_cleanly_then_resumes(tmp_path):
    port = _free_port()
    proc, out = _start(tmp_path, port, "--teams", "--count", "12")
    try:
        url = re.search(r"Students open\s+(\S+)", out).group(1)
        code = re.search(r"room code\s+(\S+)", out).group(1)
        assert url == f"http://127.0.0.1:{port}/"
        assert re.search(r"Facilitator\s+http://127\.0\.0\.1:\d+/facilitator#key=\S{16,}", out)
        assert "new lesson" in out and "12 seats" in out
        welcome = asyncio.run(_join(url, code))
        assert welcome["type"] == "welcome" and welcome["seat"]["role"]
    finally:
        proc.send_signal(signal.SIGINT)
        rest, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "lesson is saved" in rest
    assert (tmp_path / "saves" / "classroom" / "room-october-1962.json").exists()
    proc, out = _start(tmp_path, port)
    try:
        assert "resumed lesson" in out and f"room code  {code}" in out
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "Traceback" not in err


def test_a_busy_port_is_one_clear_line_and_exit_1(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = dict(os.environ, EXCOMM_HOME=str(tmp_path))
        result = subprocess.run(
            [sys.executable, "main.py", "classroom", "--serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [f"excomm: port {port} is in use: close the other program or start with --port {port + 1}"]


def test_a_host_that_is_not_this_machine_is_one_clear_line(tmp_path):
    env = dict(os.environ, EXCOMM_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "main.py", "classroom", "--serve", "--host", "192.0.2.254", "--port", "8962"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "excomm: cannot listen on '192.0.2.254': it is not an address of this machine (try --host 0.0.0.0)"
    ]


async def _host_act(url: str, key: str, *actions: str) -> dict:
    async with aiohttp.ClientSession() as session, session.ws_connect(url + "ws") as ws:
        await ws.send_json({"type": "host", "key": key})
        state: dict = {}
        for action in actions:
            await ws.send_json({"type": "act", "action": action})
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the last host_state after the actions
            frame = await ws.receive_json(timeout=10)
            if frame.get("type") == "host_state":
                state = frame
                done = frame["ended"] if actions[-1] == "end" else frame["phase"] == "discuss"
                if done:
                    return state
        return state


def test_a_stop_keeps_the_discussions_time_and_an_ended_lesson_is_reported_then_kept(tmp_path):
    from game.classroom.lesson import Lesson
    from game.engine.engine import Engine
    from game.scenario.catalog import load
    from game.session import SaveStore

    port = _free_port()
    proc, out = _start(tmp_path, port, "--teams", "--count", "6")
    try:
        url = re.search(r"Students open\s+(\S+)", out).group(1)
        key = re.search(r"#key=(\S+)", out).group(1)
        asyncio.run(_host_act(url, key, "discuss"))
        time.sleep(3)  # three seconds of discussion, with no action logged after its start
    finally:
        proc.send_signal(signal.SIGINT)
        rest, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "Traceback" not in err
    store = SaveStore(tmp_path / "saves" / "classroom")
    engine = Engine(load(None))
    lesson = Lesson(store.load(store.autosave_path("october-1962"), engine))
    assert lesson.paused and lesson.timer.elapsed >= 2.9  # the stop logged what the timer read
    proc, out = _start(tmp_path, port)
    try:
        assert "resumed lesson" in out
        asyncio.run(_host_act(url, key, "end"))
    finally:
        proc.send_signal(signal.SIGINT)
        rest, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "Traceback" not in err
    assert "The lesson has ended; its report is in" in rest and "lesson-report-a4.pdf" in rest
    folder = tmp_path / "saves" / "classroom"
    assert (folder / "lesson-report.html").read_text(encoding="utf-8").count("How the class decided")
    proc, out = _start(tmp_path, port)  # the same command, the next class: a new lesson, the old one kept
    try:
        assert "new lesson" in out and "had ended" in out and "kept as" in out
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    assert len(list(folder.glob("lesson-*-report.html"))) == 1 and len(list(folder.glob("lesson-2*.json"))) == 1
