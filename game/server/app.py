"""The classroom web server: the aiohttp application, its routes, its limits and the WebSocket handler.

Routes: `/` (the student page), `/facilitator`, `/projector` (what the projector shows, for the big screen:
a key of its own, no controls), `/static/<name>` (only the packaged files, by name from a
fixed list), `/ws`, and `/report.html` and `/report.pdf` (the class's debrief once the crisis has ended, for the
facilitator's key only); everything else is a 404. Every frame a page sends is parsed by `protocol.py`
and handed to the `Room`; the room's changes come back as one payload per socket (its audience's),
coalesced: a socket gets the latest payload, and never one identical to the last it was sent.
Room calls (which may write the autosave) run on worker threads so the event loop keeps serving.
No traceback reaches a page: whatever goes wrong in a handler is one line on stderr and an `error` frame.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web

from game.server.protocol import (
    MAX_MESSAGE_BYTES,
    Act,
    Host,
    Join,
    Leave,
    Ping,
    ProtocolError,
    Resume,
    Unvote,
    Vote,
    error,
    parse_incoming,
)
from game.server.room import Room, token_hash

__all__ = ["HUB", "STATIC_DIR", "Hub", "Limits", "make_app", "static_files"]

log = logging.getLogger("excomm.server")
STATIC_DIR = Path(__file__).parent / "static"
_STATIC_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,60}\.(html|js|css|svg|png|ico)$")
_TYPES = {
    "html": "text/html",
    "js": "text/javascript",
    "css": "text/css",
    "svg": "image/svg+xml",
    "png": "image/png",
    "ico": "image/x-icon",
}
_CLOSING = ("too_big", "rate", "full", "busy")
T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """What one client may do. `exempt_loopback` lifts the per-address limit for 127.0.0.1 (load tests only)."""

    per_address: int = 8  # open sockets per client address
    total: int = 600  # open sockets in all
    rate: float = 20.0  # messages a second per socket (a token bucket this deep)
    host_rate: float = 200.0  # the facilitator's socket (it holds the key): a script may drive it fast
    flood: int = 40  # messages refused for rate before the socket is closed
    idle: float = 30.0  # seconds an unauthenticated socket may stay silent
    failures: int = 20  # wrong room codes, tokens or keys per address a minute before it is refused
    exempt_loopback: bool = False
    timeout_check: float = 0.5  # seconds between checks of the discussion timer


def static_files(folder: Path = STATIC_DIR) -> dict[str, Path]:
    """The allow-list: the page files shipped in the package, by name (nothing under it, nothing else)."""
    try:
        return {p.name: p for p in sorted(folder.iterdir()) if p.is_file() and _STATIC_NAME.match(p.name)}
    except OSError:
        return {}


class _Conn:
    """One WebSocket: who it is (nobody, a seat, the facilitator), its outbox and its rate bucket."""

    def __init__(self, ws: web.WebSocketResponse, address: str, limits: Limits):
        self.ws = ws
        self.address = address
        self.kind = ""  # '' (not yet joined) | 'student' | 'host'
        self.digest = ""
        self.token = ""
        self.steady = ""  # the last payload sent, without what changes by itself (version, timer seconds)
        self.outbox: collections.deque[str] = collections.deque()
        self.latest: str | None = None
        self.wake = asyncio.Event()
        self.closing = False
        self.counted = False
        self.rate = limits.rate
        self.tokens = limits.rate
        self.stamp = time.monotonic()
        self.strikes = 0

    def send(self, frame: dict[str, Any]) -> None:
        self.outbox.append(json.dumps(frame, separators=(",", ":")))
        self.wake.set()

    def offer(self, frame: dict[str, Any]) -> None:
        """The latest payload for this socket; skipped when only the version or the timer's seconds differ."""
        steady = json.dumps(_steady(frame), separators=(",", ":"), sort_keys=True)
        if steady == self.steady:
            return
        self.steady = steady
        self.latest = json.dumps(frame, separators=(",", ":"))
        self.wake.set()

    def close_with(self, frame: dict[str, Any] | None) -> None:
        if frame is not None:
            self.send(frame)
        self.closing = True
        self.wake.set()

    def allow(self) -> bool:
        """Take a token from the bucket (refilled at `rate` a second, `rate` deep)."""
        now = time.monotonic()
        self.tokens = min(self.rate, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    async def run_sender(self) -> None:
        """The only writer to the socket: direct frames in order, then the latest payload; then close if asked."""
        try:
            while True:
                await self.wake.wait()
                self.wake.clear()
                while self.outbox:
                    await self.ws.send_str(self.outbox.popleft())
                if self.latest is not None:
                    frame, self.latest = self.latest, None
                    await self.ws.send_str(frame)
                if self.closing:
                    await self.ws.close()
                    return
        except (ConnectionError, RuntimeError, asyncio.CancelledError):
            return


def _steady(frame: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in frame.items() if k != "version"}
    for key in ("team", "projector", "screen"):
        if isinstance(out.get(key), dict):
            out[key] = {k: v for k, v in out[key].items() if k not in ("timer_seconds_left", "timer_text")}
    if isinstance(out.get("teams"), dict):
        out["teams"] = {
            side: {k: v for k, v in screen.items() if k not in ("timer_seconds_left", "timer_text")}
            for side, screen in out["teams"].items()
        }
    return out


class Hub:
    """The open sockets of one app, the room's listener, the broadcast and the timer's watch."""

    def __init__(self, room: Room, limits: Limits):
        self.room = room
        self.limits = limits
        self.conns: set[_Conn] = set()
        self.per_address: collections.Counter[str] = collections.Counter()
        self.failures: dict[str, collections.deque[float]] = {}
        self.changed = asyncio.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.tasks: list[asyncio.Task[None]] = []
        self.sent = 0

    # ---------------------------------------------------------------- the app's life

    async def start(self, app: web.Application) -> None:
        self.loop = asyncio.get_running_loop()
        self.room.add_listener(self._poke)
        self.tasks = [asyncio.create_task(self._broadcast()), asyncio.create_task(self._watch_timer())]

    async def stop(self, app: web.Application) -> None:
        self.room.remove_listener(self._poke)
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for conn in list(self.conns):
            conn.close_with({"type": "bye"})

    def _poke(self) -> None:
        """Called by the room after a change, on whichever thread made it: wake the broadcast."""
        loop = self.loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self.changed.set)

    async def call(self, fn: Callable[[], T]) -> T:
        """Run a room call on a worker thread (it may write the autosave), in order for its socket."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, fn)

    async def _broadcast(self) -> None:
        while True:
            await self.changed.wait()
            self.changed.clear()
            conns = [(conn, conn.kind, conn.digest) for conn in self.conns]  # read on the loop's own thread
            try:
                frames = await self.call(functools.partial(self._frames, conns))
            except Exception as exc:
                log.error("broadcast failed: %s: %s", type(exc).__name__, exc)
                continue
            for conn, frame in frames:
                if conn.closing:
                    continue
                if frame is None:  # the seat was freed or moved away from this token
                    conn.kind, conn.digest = "", ""
                    conn.send(error("bad_token", "your seat was freed by the facilitator: join the room again"))
                else:
                    conn.offer(frame)

    def _frames(self, conns: list[tuple[_Conn, str, str]]) -> list[tuple[_Conn, dict[str, Any] | None]]:
        """Every socket's payload, built in one go under the room's lock (each team's screen once)."""
        room = self.room
        out: list[tuple[_Conn, dict[str, Any] | None]] = []
        with room.lock:
            cache: dict[str, Any] = {}
            host: dict[str, Any] | None = None
            projector: dict[str, Any] | None = None
            for conn, kind, digest in conns:
                if kind == "host":
                    host = host or room.host_state()
                    out.append((conn, host))
                elif kind == "projector":
                    projector = projector or room.projector_state()
                    out.append((conn, projector))
                elif kind == "student":
                    out.append((conn, room.student_state(digest, cache)))
        return out

    async def _watch_timer(self) -> None:
        """Nobody draws frames when the server runs alone: the server notices a discussion's time running out."""
        while True:
            await asyncio.sleep(self.limits.timeout_check)
            try:
                why = await self.call(self.room.check_timeout)
            except Exception as exc:
                log.error("time-out check failed: %s: %s", type(exc).__name__, exc)
                continue
            if why is not None:
                log.info("time ran out: the default happened (%s)", why)

    # ---------------------------------------------------------------- admission

    def admit(self, conn: _Conn) -> dict[str, Any] | None:
        """Count the socket in, or the error that refuses it."""
        if len(self.conns) >= self.limits.total:
            return error("full", "the classroom server has as many connections as it can take: try again later")
        exempt = self.limits.exempt_loopback and conn.address in ("127.0.0.1", "::1")
        if not exempt and self.per_address[conn.address] >= self.limits.per_address:
            return error("busy", "too many pages are open from this device: close some tabs and reload")
        self.conns.add(conn)
        self.per_address[conn.address] += 1
        conn.counted = True
        return None

    def drop(self, conn: _Conn) -> None:
        if conn.counted:
            conn.counted = False
            self.conns.discard(conn)
            self.per_address[conn.address] -= 1
            if self.per_address[conn.address] <= 0:
                del self.per_address[conn.address]

    def _failed(self, address: str) -> None:
        now = time.monotonic()
        seen = self.failures.setdefault(address, collections.deque())
        seen.append(now)
        while seen and seen[0] < now - 60:
            seen.popleft()
        if len(self.failures) > 10_000:  # never grows without bound under a scan
            self.failures = {address: seen}

    def _blocked(self, address: str) -> bool:
        seen = self.failures.get(address)
        if not seen:
            return False
        now = time.monotonic()
        while seen and seen[0] < now - 60:
            seen.popleft()
        return len(seen) >= self.limits.failures

    # ---------------------------------------------------------------- one socket

    async def serve(self, conn: _Conn) -> None:
        ws = conn.ws
        while not conn.closing:
            try:
                msg = await ws.receive(timeout=None if conn.kind else self.limits.idle)
            except TimeoutError:
                conn.close_with(None)  # a socket that never joins holds a slot for nothing
                return
            if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                return
            if msg.type == WSMsgType.ERROR:  # the socket's own checks: too long a frame, or text that is not UTF-8
                if getattr(ws.exception(), "code", None) == WSCloseCode.MESSAGE_TOO_BIG:
                    conn.close_with(error("too_big", f"a message may be at most {MAX_MESSAGE_BYTES} bytes"))
                else:
                    conn.close_with(error("bad_message", "the frame is not valid WebSocket text: reload the page"))
                return
            if not conn.allow():
                conn.strikes += 1
                if conn.strikes >= self.limits.flood:
                    conn.close_with(error("rate", "too many messages: this connection is closed; reload the page"))
                    return
                if conn.strikes == 1:
                    conn.send(error("rate", f"too many messages: at most {self.limits.rate:g} a second"))
                continue
            conn.strikes = 0
            if msg.type != WSMsgType.TEXT:
                conn.send(error("bad_message", "send text frames of JSON"))
                continue
            await self.handle(conn, msg.data)

    async def handle(self, conn: _Conn, text: str) -> None:
        try:
            await self._dispatch(conn, parse_incoming(text))
        except ProtocolError as exc:
            if exc.code in ("bad_room", "bad_token"):
                self._failed(conn.address)
            if exc.code in _CLOSING:
                conn.close_with(error(exc.code, str(exc)))
            else:
                conn.send(error(exc.code, str(exc)))
        except Exception as exc:  # a bug: one line on the server's stderr, a plain refusal on the page
            log.error("message from %s failed: %s: %s", conn.address, type(exc).__name__, str(exc)[:200])
            conn.send(error("bad_message", "the server could not handle that message (the problem is logged)"))

    async def _dispatch(self, conn: _Conn, msg: object) -> None:
        room = self.room
        if isinstance(msg, Ping):
            conn.send({"type": "pong"})
            return
        if isinstance(msg, Join | Resume | Host) and self._blocked(conn.address):
            raise ProtocolError("rate", "too many wrong codes from this device: wait a minute, then try again")
        if isinstance(msg, Join | Resume | Host) and conn.kind:
            raise ProtocolError("not_allowed", "this page has already joined: send 'leave' first")
        if isinstance(msg, Join):
            token, slot = await self.call(lambda: room.join(msg.room, msg.name))
            await self._seated(conn, token, slot)
        elif isinstance(msg, Resume):
            digest, slot = await self.call(lambda: room.resume(msg.token))
            await self._seated(conn, msg.token, slot)
        elif isinstance(msg, Host):
            allowed = room.projector_ok(msg.key) if msg.view == "projector" else room.host_ok(msg.key)
            if not allowed:
                self._failed(conn.address)
                raise ProtocolError("not_allowed", "the key is wrong: open the link the server printed")
            if msg.view == "projector":  # the page on the big screen: what the projector shows, no controls
                conn.kind = "projector"
                conn.send(room.host_welcome())
                conn.offer(await self.call(room.projector_state))
                return
            conn.kind = "host"
            conn.rate = conn.tokens = self.limits.host_rate
            conn.send(room.host_welcome())
            conn.offer(await self.call(room.host_state))
        elif isinstance(msg, Vote | Unvote | Leave):
            if conn.kind != "student":
                raise ProtocolError("not_allowed", "join the room first (its code is on the projector)")
            digest = conn.digest
            if isinstance(msg, Vote):
                await self.call(lambda: room.vote(digest, msg.at, msg.option))
            elif isinstance(msg, Unvote):
                await self.call(lambda: room.unvote(digest, msg.at))
            else:
                await self.call(lambda: room.leave(digest))
                conn.kind, conn.digest = "", ""
                conn.close_with({"type": "bye"})
        elif isinstance(msg, Act):
            if conn.kind != "host":
                raise ProtocolError("not_allowed", "only the facilitator's page may do that")
            done = await self.call(lambda: room.host_act(msg.action, msg.arg, msg.to))
            log.info("facilitator: %s", done)

    async def _seated(self, conn: _Conn, token: str, slot: str) -> None:
        room = self.room
        digest = token_hash(token)
        conn.send(await self.call(lambda: room.welcome(slot, token)))
        conn.kind, conn.token, conn.digest = "student", token, digest  # only now may the broadcast reach it
        await self.call(lambda: room.online(digest, 1))
        state = await self.call(lambda: room.student_state(digest))
        if state is not None:
            conn.offer(state)


HUB = web.AppKey("hub", Hub)


def make_app(room: Room, limits: Limits | None = None) -> web.Application:
    """The classroom server's application for `room`."""
    limits = limits or Limits()
    hub = Hub(room, limits)
    files = static_files()
    app = web.Application(middlewares=[_errors], client_max_size=MAX_MESSAGE_BYTES)
    app[HUB] = hub
    app.on_startup.append(hub.start)
    app.on_shutdown.append(hub.stop)
    app.on_response_prepare.append(_headers)

    def page(name: str) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def handler(request: web.Request) -> web.StreamResponse:
            return _file(files, name)

        return handler

    async def static(request: web.Request) -> web.StreamResponse:
        return _file(files, request.match_info.get("name", ""))

    async def socket(request: web.Request) -> web.StreamResponse:
        return await _socket(request, hub)

    async def report(request: web.Request) -> web.StreamResponse:
        return await _report(request, hub)

    app.router.add_get("/report.{kind:html|pdf}", report)
    app.router.add_get("/", page("student.html"))
    app.router.add_get("/facilitator", page("facilitator.html"))
    app.router.add_get("/projector", page("projector.html"))
    app.router.add_get("/static/{name}", static)
    app.router.add_get("/ws", socket)
    return app


def _file(files: dict[str, Path], name: str) -> web.StreamResponse:
    path = files.get(name)  # a lookup, never a path join: '..', '%2e%2e', '/etc/passwd', 'a\\b' are not names
    if path is None:
        raise web.HTTPNotFound(text="not found")
    try:
        body = path.read_bytes()
    except OSError:
        raise web.HTTPNotFound(text="not found") from None
    kind = _TYPES[name.rsplit(".", 1)[1]]
    charset = "utf-8" if kind.startswith("text/") or kind.endswith("+xml") else None
    return web.Response(body=body, content_type=kind, charset=charset)


_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


async def _report(request: web.Request, hub: Hub) -> web.StreamResponse:
    """The class's report, as one HTML page or a PDF (`?paper=a4|letter`), for the facilitator's key (`?key=`);
    the page (not the PDF) also for the projector's key."""
    address = request.remote or "?"
    key = request.query.get("key", "")[:200]
    if hub._blocked(address):
        raise web.HTTPTooManyRequests(text="too many wrong keys from this device: wait a minute")
    kind = request.match_info["kind"]
    # the projector's key opens the page too, for the debrief on the big screen (it is written only at the end)
    allowed = bool(key) and (hub.room.host_ok(key) or (kind == "html" and hub.room.projector_ok(key)))
    if not allowed:
        hub._failed(address)
        raise web.HTTPForbidden(text="the report needs the facilitator's key: open it from the facilitator's page")
    paper = request.query.get("paper", "a4")
    if kind == "pdf" and paper not in ("a4", "letter"):
        raise web.HTTPBadRequest(text="paper must be a4 or letter")
    body = await hub.call(lambda: hub.room.report(kind, paper))
    if body is None:
        raise web.HTTPConflict(text="the report is written when the crisis ends: play to the end, or End the crisis")
    if kind == "html":
        response = web.Response(body=body, content_type="text/html", charset="utf-8")
    else:
        response = web.Response(body=body, content_type="application/pdf")
        response.headers["Content-Disposition"] = f'attachment; filename="lesson-report-{paper}.pdf"'
    response.headers["Content-Security-Policy"] = _REPORT_CSP
    return response


async def _headers(request: web.Request, response: web.StreamResponse) -> None:
    host = request.host if re.fullmatch(r"[A-Za-z0-9.\-:\[\]]{1,200}", request.host or "") else ""
    connect = f"connect-src 'self' ws://{host}" if host else "connect-src 'self'"
    if "Content-Security-Policy" not in response.headers:  # the report sets its own (inline styles, no script)
        response.headers["Content-Security-Policy"] = (
            f"default-src 'self'; {connect}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"


@web.middleware
async def _errors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # never a traceback to a browser: one line here, a plain 500 there
        log.error("%s %s failed: %s: %s", request.method, request.path[:100], type(exc).__name__, str(exc)[:200])
        raise web.HTTPInternalServerError(text="the server could not answer that (the problem is logged)") from None


async def _socket(request: web.Request, hub: Hub) -> web.StreamResponse:
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc.lower() != (request.host or "").lower():
        raise web.HTTPForbidden(text="the classroom's pages connect only from the classroom server itself")
    # The socket's own cut is above the protocol's limit, so a frame just over it gets a clear `too_big`.
    ws = web.WebSocketResponse(max_msg_size=4 * MAX_MESSAGE_BYTES, heartbeat=25.0)
    await ws.prepare(request)
    conn = _Conn(ws, request.remote or "?", hub.limits)
    sender = asyncio.create_task(conn.run_sender())
    refusal = hub.admit(conn)
    try:
        if refusal is not None:
            conn.close_with(refusal)
        else:
            await hub.serve(conn)
    finally:
        hub.drop(conn)
        if conn.digest:
            digest = conn.digest
            with contextlib.suppress(Exception):
                await hub.call(lambda: hub.room.online(digest, -1))
        conn.close_with(None)
        try:
            await asyncio.wait_for(sender, timeout=5)
        except (TimeoutError, asyncio.CancelledError):
            sender.cancel()
        if not ws.closed:
            await ws.close()
    return ws
