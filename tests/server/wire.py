"""Helpers for the server tests: a lesson, a real server on 127.0.0.1 (an ephemeral port) and a WebSocket client.

The tests are plain functions that run their client in `asyncio.run` (no asyncio plugin for pytest needed)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable, Iterator
from typing import Any

import aiohttp

from game.classroom import Lesson, teams_of
from game.server.app import Limits
from game.server.room import Room
from game.server.runner import ServerThread
from game.session import Setup
from tests.support import OCTOBER, engine

SEED = 6


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def new_lesson(
    teams: bool = True, count: int = 10, minutes: int = 50, seconds: int = 150, clock: Clock | None = None, saver=None
) -> Lesson:
    eng = engine(OCTOBER)
    setup = Setup(people=teams_of(eng, teams), count=count, minutes=minutes, seconds=seconds)
    return Lesson.start(eng, setup, seed=SEED, clock=clock or Clock(), saver=saver)


@contextlib.contextmanager
def serving(room: Room, **limits: Any) -> Iterator[ServerThread]:
    server = ServerThread(room, "127.0.0.1", 0, Limits(**limits)).start()
    try:
        yield server
    finally:
        server.stop()


_OPEN: list[Client] = []


def run(coro) -> Any:
    """Run a test's client code; every client it opened is closed afterwards, whatever happened."""

    async def guarded() -> Any:
        try:
            return await asyncio.wait_for(coro, timeout=60)
        finally:
            while _OPEN:
                with contextlib.suppress(Exception):
                    await _OPEN.pop().close()

    return asyncio.run(guarded())


class Client:
    """One page's socket: every frame it receives is kept in `frames`."""

    def __init__(self, session: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse):
        self.session = session
        self.ws = ws
        self.frames: list[dict[str, Any]] = []
        self.raw: list[str] = []
        self._seen = 0

    @classmethod
    async def open(cls, server: ServerThread, **kw: Any) -> Client:
        session = aiohttp.ClientSession()
        try:
            ws = await session.ws_connect(server.local_url + "ws", **kw)
        except BaseException:
            await session.close()
            raise
        client = cls(session, ws)
        _OPEN.append(client)
        return client

    async def close(self) -> None:
        await self.ws.close()
        await self.session.close()

    async def send(self, **msg: Any) -> None:
        await self.ws.send_str(json.dumps(msg))

    async def send_raw(self, text: str) -> None:
        await self.ws.send_str(text)

    async def _read(self, timeout: float) -> dict[str, Any] | None:
        msg = await self.ws.receive(timeout=timeout)
        if msg.type != aiohttp.WSMsgType.TEXT:
            return None
        self.raw.append(msg.data)
        frame = json.loads(msg.data)
        self.frames.append(frame)
        return frame

    async def next(self, kind: str | None = None, timeout: float = 5.0) -> dict[str, Any]:
        """The next frame (of `kind`) not yet taken; fails when none comes in time or the socket closes."""
        return await self.until(lambda f: kind is None or f.get("type") == kind, timeout)

    async def until(self, pred: Callable[[dict[str, Any]], bool], timeout: float = 5.0) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            while self._seen < len(self.frames):
                frame = self.frames[self._seen]
                self._seen += 1
                if pred(frame):
                    return frame
            left = deadline - loop.time()
            if left <= 0:
                raise AssertionError(f"no such frame within {timeout} s; last: {self.frames[-3:]}")
            frame = await self._read(left)
            if frame is None:
                raise AssertionError(f"the socket closed (code {self.ws.close_code}); last: {self.frames[-3:]}")

    async def drain(self, quiet: float = 0.2) -> None:
        """Read until nothing comes for `quiet` seconds."""
        with contextlib.suppress(asyncio.TimeoutError, TimeoutError):
            while await self._read(quiet) is not None:
                pass
        self._seen = len(self.frames)

    async def closed(self, timeout: float = 5.0) -> bool:
        """Does the server close this socket within `timeout` (frames on the way are kept)?"""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            try:
                frame = await self._read(deadline - loop.time())
            except TimeoutError:
                return False
            if frame is None:
                return True
        return False


async def join(server: ServerThread, room: Room, name: str = "Ana") -> tuple[Client, dict, dict]:
    client = await Client.open(server)
    await client.send(type="join", room=room.code, name=name)
    welcome = await client.next("welcome")
    state = await client.next("state")
    return client, welcome, state


async def host(server: ServerThread, room: Room) -> tuple[Client, dict]:
    client = await Client.open(server)
    await client.send(type="host", key=room.key)
    await client.next("welcome")
    return client, await client.next("host_state")


async def act(hostc: Client, room: Room, action: str, arg: str = "", to: str = "") -> dict:
    """A facilitator's action; returns the first host_state that follows it."""
    before = room.version
    await hostc.send(type="act", action=action, arg=arg, to=to)
    return await hostc.until(
        lambda f: (f.get("type") == "host_state" and f["version"] > before) or f.get("type") == "error"
    )
