"""The lesson's autosave, batched: a burst of thirty votes is one write, not thirty.

The session calls its saver after every input; writing the whole log (and syncing it to disk) each time is
what made a vote's round trip slow under load (see `bench.py`). A `SaveBatcher` stands in for the saver: it
writes at most `delay` seconds after the first change of a burst, under the room's lock (the log is never
read while another thread appends to it), and `flush()` writes what is pending at once (the server calls it
when it stops). A crash loses at most the last `delay` seconds of input.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from game.session.session import Session

__all__ = ["SaveBatcher"]


class SaveBatcher:
    def __init__(self, save: Callable[[Session], bool], lock: Any, delay: float = 0.1):
        self.save = save
        self.lock = lock  # the room's lock: held while the session is written
        self.delay = delay
        self._flag = threading.Lock()
        self._timer: threading.Timer | None = None
        self._pending: Session | None = None
        self.writes = 0

    def __call__(self, session: Session) -> bool:
        with self._flag:
            self._pending = session
            if self._timer is None:
                self._timer = threading.Timer(self.delay, self.flush)
                self._timer.daemon = True
                self._timer.start()
        return True

    def flush(self) -> bool:
        """Write the pending session now (True when there was nothing to write or it was written)."""
        with self.lock:
            with self._flag:
                session, self._pending = self._pending, None
                timer, self._timer = self._timer, None
            if timer is not None and timer is not threading.current_thread():
                timer.cancel()
            if session is None:
                return True
            self.writes += 1
            return self.save(session)
