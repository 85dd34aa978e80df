"""Load test of the classroom server on the loopback address: simulated students and a scripted host play a
whole lesson at script speed, and the figures are printed.

    python -m game.server.bench [--students 40] [--minutes 90] [--one-team] [--seed 6]

The server runs in a child process (its CPU seconds and memory are its own); every student is an aiohttp
WebSocket client that joins with the room code and votes at every decision of its side as soon as its page
shows the vote open; the host opens each discussion, waits until every seated student of the deciding side
has voted (as its `host_state` shows), decides and moves on. Measured: the latency from a student's vote
leaving to the host's `host_state` showing it (median, 99th percentile), messages per second, the server's
RSS and CPU, and whether every vote sent is in the lesson's log.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

__all__ = ["Figures", "play", "run"]

STUCK_SECONDS = 20.0  # a decision whose votes have not all shown by then is decided anyway (and reported)


@dataclass
class Figures:
    students: int = 0
    decisions: int = 0
    votes_sent: int = 0
    votes_seen: int = 0
    votes_logged: int = 0
    lost: list[tuple[str, str, str]] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    frames: int = 0
    frame_bytes: int = 0
    sent: int = 0
    wall: float = 0.0
    stuck: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    server_cpu: float | None = None
    server_rss_mb: float | None = None
    log_length: int = 0
    writes: int = 0
    ended: bool = False

    def lines(self) -> list[str]:
        lat = sorted(self.latencies)
        med = statistics.median(lat) * 1000 if lat else float("nan")
        p99 = lat[min(len(lat) - 1, int(0.99 * len(lat)))] * 1000 if lat else float("nan")
        out = [
            f"students {self.students}, decisions played {self.decisions}, lesson ended: {self.ended}",
            f"votes sent {self.votes_sent}, shown on the host {self.votes_seen}, in the saved log {self.votes_logged}, "
            f"lost {len(self.lost)}",
            f"vote -> host_state latency: median {med:.1f} ms, p99 {p99:.1f} ms, max {max(lat) * 1000:.1f} ms"
            if lat
            else "no votes",
            f"frames received {self.frames} ({self.frame_bytes / 1e6:.1f} MB), sent {self.sent}, "
            f"in {self.wall:.1f} s: {(self.frames + self.sent) / max(self.wall, 1e-9):.0f} messages/s",
        ]
        if self.server_cpu is not None:
            out.append(f"server CPU {self.server_cpu:.1f} s, peak RSS {self.server_rss_mb:.0f} MB")
        out.append(f"log entries {self.log_length} (read back from the autosave), autosave writes {self.writes}")
        out.append(f"decisions forced after {STUCK_SECONDS:g} s: {self.stuck}")
        if self.errors:
            out.append(f"error frames: {len(self.errors)}, first: {self.errors[0]}")
        return out


class _Student:
    def __init__(self, index: int, rng: random.Random, record: list[dict[str, Any]] | None, documented: dict[str, str]):
        self.index = index
        self.documented = documented  # decision title -> the 1962 option: leaders take it, so the lesson runs long
        self.leader = False
        self.rng = rng
        self.record = record
        self.voter = ""
        self.voted: set[str] = set()
        self.sends: list[tuple[str, str, str, float]] = []

    async def run(
        self, session: aiohttp.ClientSession, url: str, code: str, figures: Figures, done: asyncio.Event
    ) -> None:
        async with session.ws_connect(url + "ws", max_msg_size=0) as ws:
            await ws.send_json({"type": "join", "room": code, "name": f"Student {self.index + 1}"})
            figures.sent += 1
            reader = asyncio.ensure_future(self._read(ws, figures))
            await done.wait()
            reader.cancel()

    async def _read(self, ws: aiohttp.ClientWebSocketResponse, figures: Figures) -> None:
        async for frame in _frames(ws, figures, self.record):
            kind = frame.get("type")
            if kind == "error":
                figures.errors.append(frame)
            elif kind == "welcome":
                self.leader = bool((frame["seat"].get("role") or {}).get("leader"))
            elif kind == "state":
                self.voter = frame["seat"]["voter"]
                at = frame["at"]
                if frame["voting"] and at not in self.voted:
                    options = [o["id"] for o in frame["team"]["options"] if o["available"]]
                    if options:
                        option = self.rng.choice(options)
                        known = self.documented.get(frame["team"]["title"])
                        if known in options and (self.leader or self.rng.random() < 0.5):
                            option = known
                        self.voted.add(at)
                        self.sends.append((at, self.voter, option, time.perf_counter()))
                        await ws.send_json({"type": "vote", "at": at, "option": option})
                        figures.sent += 1


async def _frames(
    ws: aiohttp.ClientWebSocketResponse, figures: Figures, record: list[dict[str, Any]] | None
) -> AsyncIterator[dict[str, Any]]:
    """The JSON frames a socket receives, counted (and recorded, when asked) as they arrive."""
    async for msg in ws:
        if msg.type != aiohttp.WSMsgType.TEXT:
            return
        figures.frames += 1
        figures.frame_bytes += len(msg.data)
        frame: dict[str, Any] = json.loads(msg.data)
        if record is not None:
            record.append(frame)
        yield frame


class _Host:
    def __init__(self, record: list[dict[str, Any]] | None):
        self.record = record
        self.seen: dict[tuple[str, str, str], float] = {}
        self.acted_at = -1
        self.waiting_since = 0.0

    async def run(self, session: aiohttp.ClientSession, url: str, key: str, figures: Figures) -> None:
        async with session.ws_connect(url + "ws", max_msg_size=0) as ws:
            await ws.send_json({"type": "host", "key": key})
            figures.sent += 1
            last: dict[str, Any] | None = None
            async for frame in _frames(ws, figures, self.record):
                if frame.get("type") == "error":
                    figures.errors.append(frame)
                    if last is None:
                        continue
                    await asyncio.sleep(0.1)  # the action was refused: try again from the last state
                    frame, self.acted_at = last, -1
                elif frame.get("type") != "host_state":
                    continue
                last = frame
                now = time.perf_counter()
                for voter, option in frame["votes"].items():
                    self.seen.setdefault((frame["at"], voter, option), now)
                action = self._next_action(frame, figures, now)
                if frame["ended"]:
                    figures.ended = True
                    return
                if action is not None and frame["version"] > self.acted_at:
                    self.acted_at = frame["version"]
                    await ws.send_json({"type": "act", "action": action})
                    figures.sent += 1

    def _next_action(self, frame: dict[str, Any], figures: Figures, now: float) -> str | None:
        phase = frame["phase"]
        if frame["ended"] or phase == "debrief":
            return None
        if phase == "brief":
            self.waiting_since = now
            return "discuss" if frame["class_decides"] else "next"
        if phase == "result":
            return "next"
        side = frame["awaited"]
        expected = {s["voter"] for s in frame["seats"] if s["taken"] and s["side"] == side}
        if expected <= set(frame["votes"]):
            figures.decisions += 1
            return "decide"
        if now - self.waiting_since > STUCK_SECONDS and frame["votes"]:
            figures.stuck += 1
            figures.decisions += 1
            return "decide"
        return None


async def play(
    url: str,
    code: str,
    key: str,
    students: int,
    *,
    seed: int = 0,
    record: dict[str, list[dict[str, Any]]] | None = None,
    documented: dict[str, str] | None = None,
    limit: float = 1800.0,
) -> tuple[Figures, list[tuple[str, str, str, float]]]:
    """Students join and vote, the host drives the lesson to its end. Returns the figures and every vote sent
    (at, voter, option, when). `record` (when given) keeps every frame each socket received, by 'host' and
    'student-<n>'."""
    figures = Figures(students=students)
    rng = random.Random(seed)
    done = asyncio.Event()
    crowd = [
        _Student(
            i,
            random.Random(rng.random()),
            None if record is None else record.setdefault(f"student-{i}", []),
            documented or {},
        )
        for i in range(students)
    ]
    host = _Host(None if record is None else record.setdefault("host", []))
    start = time.perf_counter()
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [asyncio.ensure_future(s.run(session, url, code, figures, done)) for s in crowd]
        while any(not s.voter for s in crowd) and time.perf_counter() - start < 60:  # everyone seated first
            await asyncio.sleep(0.05)
        try:
            await asyncio.wait_for(host.run(session, url, key, figures), timeout=limit)
        finally:
            done.set()
        await asyncio.gather(*tasks, return_exceptions=True)
    figures.wall = time.perf_counter() - start
    sends = [v for s in crowd for v in s.sends]
    figures.votes_sent = len(sends)
    for at, voter, option, when in sends:
        shown = host.seen.get((at, voter, option))
        if shown is not None:
            figures.votes_seen += 1
            figures.latencies.append(shown - when)
    return figures, sends


def _child(queue: Any, stop: Any, students: int, minutes: int, teams: bool, seed: int, folder: str) -> None:
    """The server's process: a new lesson, served on 127.0.0.1; on `stop`, reports its log and its costs."""
    import logging
    import resource

    from game.classroom.lesson import Lesson, default_seconds
    from game.classroom.roles import teams_of
    from game.classroom.store import lesson_store
    from game.engine.engine import Engine
    from game.scenario.catalog import load
    from game.server.app import Limits
    from game.server.room import Room
    from game.server.runner import ServerThread
    from game.session.inputs import Setup
    from game.session.inputs import Vote as LoggedVote

    logging.basicConfig(level=logging.WARNING)
    engine = Engine(load(None))
    people = teams_of(engine, teams)
    store = lesson_store(Path(folder))
    setup = Setup(people=people, count=students, minutes=minutes, seconds=default_seconds(len(people)))
    lesson = Lesson.start(engine, setup, seed=seed, saver=store.autosave)
    room = Room(lesson)
    server = ServerThread(room, "127.0.0.1", 0, Limits(exempt_loopback=True)).start()
    cpu0 = time.process_time()
    queue.put(("ready", server.local_url, room.code, room.key))
    stop.wait()
    server.stop()  # flushes the batched autosave
    cpu = time.process_time() - cpu0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    saved = store.load(store.autosave_path(engine.scenario.id), engine)  # the votes as the disk keeps them
    votes = [(v.at, v.voter, v.option) for v in saved.log if isinstance(v, LoggedVote)]
    writes = room.saves.writes if room.saves is not None else 0
    queue.put(("done", votes, len(saved.log), cpu, usage.ru_maxrss / 1024, writes))


def run(students: int = 40, minutes: int = 90, teams: bool = True, seed: int = 6) -> Figures:
    """Serve a lesson in a child process and play it with `students` simulated students; the figures."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    stop = ctx.Event()
    with tempfile.TemporaryDirectory() as folder:
        child = ctx.Process(target=_child, args=(queue, stop, students, minutes, teams, seed, folder), daemon=True)
        child.start()
        try:
            _, url, code, key = queue.get(timeout=120)
            figures, sends = asyncio.run(play(url, code, key, students, seed=seed, documented=documented_titles()))
        finally:
            stop.set()
        _, logged, length, cpu, rss, writes = queue.get(timeout=60)
        child.join(30)
    check(figures, sends, logged)
    figures.server_cpu, figures.server_rss_mb, figures.log_length, figures.writes = cpu, rss, length, writes
    return figures


def documented_titles() -> dict[str, str]:
    """Decision title -> the option taken in 1962, for the bundled scenario (the simulated leaders follow it)."""
    from game.scenario.catalog import load
    from game.scenario.models import DecisionNode

    out = {}
    for node in load(None).model.nodes:
        if isinstance(node, DecisionNode):
            for option in node.options:
                if option.historical:
                    out[node.title] = option.id
    return out


def check(figures: Figures, sends: list[tuple[str, str, str, float]], logged: list[tuple[str, str, str]]) -> None:
    """Every vote sent is in the lesson's log (the last vote of a voter at a decision is the one that counts)."""
    in_log = set(logged)
    last: dict[tuple[str, str], str] = {}
    for at, voter, option, _ in sends:
        last[(at, voter)] = option
    figures.votes_logged = sum(1 for (at, voter), option in last.items() if (at, voter, option) in in_log)
    figures.lost = [(at, voter, option) for (at, voter), option in last.items() if (at, voter, option) not in in_log]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.server.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--minutes", type=int, default=90, help="90 or more plays every decision")
    parser.add_argument("--one-team", action="store_true", help="the class as one council (default: two teams)")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    figures = run(args.students, args.minutes, not args.one_team, args.seed)
    for line in figures.lines():
        print(line)
    return 0 if not figures.lost and figures.ended else 1


if __name__ == "__main__":
    raise SystemExit(main())
