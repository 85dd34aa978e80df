"""Self-voicing: the screen's text read aloud on request (V) by a speech engine, where one is installed.

espeak-ng (or espeak) is run as a separate process, so the window never waits for it; pressing V again
stops the reading. Without an engine the game says how to install one and goes on as before.
"""

from __future__ import annotations

import logging
import shutil
import subprocess

log = logging.getLogger("excomm.ui.voice")

ENGINES = ("espeak-ng", "espeak")
HOW_TO = (
    "Reading aloud needs a speech engine: install espeak-ng (Debian/Ubuntu: sudo apt install espeak-ng; "
    "macOS: brew install espeak-ng) and press V again."
)
MAX_CHARS = 12_000  # a screen's worth; longer texts are cut at a sentence


def engine() -> str | None:
    """The speech engine's path, or None."""
    for name in ENGINES:
        path = shutil.which(name)
        if path:
            return path
    return None


class Voice:
    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None

    @property
    def speaking(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.speaking:
            self.proc.terminate()
        self.proc = None

    def toggle(self, text: str) -> str:
        """Start reading `text` (or stop a reading in progress); returns a line for the player."""
        if self.speaking:
            self.stop()
            return "Reading stopped."
        exe = engine()
        if exe is None:
            return HOW_TO
        text = " ".join(text.split())
        if len(text) > MAX_CHARS:
            cut = text.rfind(". ", 0, MAX_CHARS)
            text = text[: cut + 1 if cut > 0 else MAX_CHARS]
        try:
            # text goes on stdin, never on the command line (no quoting, no length limit)
            self.proc = subprocess.Popen(
                [exe, "--stdin"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            assert self.proc.stdin is not None
            self.proc.stdin.write(text.encode("utf-8"))
            self.proc.stdin.close()
        except OSError as exc:
            log.warning("speech engine failed: %s", exc)
            self.proc = None
            return f"The speech engine could not start ({exc}). {HOW_TO}"
        return "Reading aloud (V again to stop)."


_voice = Voice()


def get() -> Voice:
    return _voice
