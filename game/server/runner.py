"""The classroom server on a thread of its own, with its own event loop, beside the window (or alone)."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import socket
import threading

from aiohttp import web

from game.errors import ExcommError
from game.server.address import join_url
from game.server.app import HUB, Limits, make_app
from game.server.room import Room

__all__ = ["DEFAULT_PORT", "ServerError", "ServerThread"]

DEFAULT_PORT = 8962


class ServerError(ExcommError):
    """The classroom server cannot listen where it was asked (the message says what to do)."""


class ServerThread:
    """`start()` listens (or raises ServerError), `url` is where students go, `stop()` ends it. The room's
    changes from any thread wake the server's loop (the room's listener uses `call_soon_threadsafe`)."""

    def __init__(self, room: Room, host: str = "0.0.0.0", port: int = DEFAULT_PORT, limits: Limits | None = None):
        self.room = room
        self.host = host
        self.port = port
        self.limits = limits or Limits()
        self.loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._problem: BaseException | None = None
        self._runner: web.AppRunner | None = None
        self._stopped: asyncio.Event | None = None
        self.bound_port = port
        self.app: web.Application | None = None

    @property
    def url(self) -> str:
        """The join URL (this machine's LAN address when listening on every interface)."""
        return join_url(self.host, self.bound_port)

    @property
    def local_url(self) -> str:
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        return f"http://{host}:{self.bound_port}/"

    def start(self) -> ServerThread:
        self._thread = threading.Thread(target=self._run, name="excomm-classroom-server", daemon=True)
        self._thread.start()
        self._ready.wait(30)
        if self._problem is not None:
            self._thread.join(5)
            raise self._problem
        if not self._ready.is_set():
            raise ServerError("the classroom server did not start within 30 s")
        self.room.join_url = self.url
        return self

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self.loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._serve())
        except BaseException as exc:  # reported to start(); never a traceback on the server's thread
            if not self._ready.is_set():
                self._problem = exc if isinstance(exc, ServerError) else ServerError(f"the server failed: {exc}")
                self._ready.set()
        finally:
            loop.close()

    async def _serve(self) -> None:
        self._stopped = asyncio.Event()
        self.app = make_app(self.room, self.limits)
        runner = web.AppRunner(self.app, access_log=None, handle_signals=False, shutdown_timeout=2.0)
        await runner.setup()
        self._runner = runner
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            self._problem = _listen_problem(exc, self.host, self.port)
            self._ready.set()
            return
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.bound_port = int(sockets[0].getsockname()[1])
        self._ready.set()
        await self._stopped.wait()
        await runner.cleanup()

    def stop(self) -> None:
        """Close every socket and stop listening (idempotent)."""
        loop, stopped = self.loop, self._stopped
        if loop is not None and stopped is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stopped.set)
        if self._thread is not None:
            self._thread.join(10)
        self.room.flush()

    def sockets_open(self) -> int:
        app = self.app
        return len(app[HUB].conns) if app is not None else 0


def _listen_problem(exc: OSError, host: str, port: int) -> ServerError:
    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        return ServerError(f"port {port} is in use: close the other program or start with --port {port + 1}")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ServerError(f"port {port} needs privileges on this machine: start with --port 8962 (or above 1024)")
    if isinstance(exc, socket.gaierror) or exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
        return ServerError(f"cannot listen on '{host}': it is not an address of this machine (try --host 0.0.0.0)")
    return ServerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
