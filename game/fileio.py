"""Reading and writing the game's files safely (standard library only).

Writing: `write_atomic` leaves either the old or the new content, never half of one.

Reading: what a file, a link or a name on disk can be is not up to the game. A save or a
settings path may be a FIFO (which blocks a plain `open` forever), a device such as
`/dev/zero` (whose `st_size` is 0 and which never ends), a folder, a huge file or bytes that
are not text. The readers below open without blocking, accept regular files only, read at
most a limit, and turn every failure into `UnreadableFile` with a message a person can act
on and a `reason` a caller can act on (a file unreadable only by its permissions is not
damaged, and must not be moved aside as if it were).

Used by saves, settings and the scenario loader; kept free of heavy imports so the
window's first frame can use it.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import json
import math
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from game.errors import UnreadableFile

MAX_JSON_DIGITS = 100  # a save or settings file never needs a longer integer; Python refuses > 4300 digits
_STALE_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]+\.tmp$")  # what write_atomic's mkstemp names look like
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.S)  # possessive: linear on any input
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (mkstemp's are owner-only)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path | str, text: str) -> None:
    """Write `text` so that `path` holds either the old or the new content, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def clean_stale_temps(folder: Path | str, older_than_seconds: float = 60.0) -> int:
    """Delete the `.NAME.*.tmp` files that `write_atomic` leaves when the process is killed mid-write.

    Only regular files older than `older_than_seconds` go (a write in progress elsewhere takes
    milliseconds). Returns how many were removed; a folder that cannot be listed removes none.
    """
    cutoff = time.time() - older_than_seconds
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _STALE_TEMP.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


# ---------------------------------------------------------------- bounded reading


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _os_problem(path: Path, exc: OSError) -> UnreadableFile:
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return UnreadableFile(f"there is no file at {path}", reason="missing")
    if isinstance(exc, PermissionError):
        return UnreadableFile(
            f"{path} cannot be read: permission denied — check the file's permissions (it was left as it is)",
            reason="permission",
        )
    if isinstance(exc, IsADirectoryError):
        return UnreadableFile(f"{path} is a folder, not a file — name a file", reason="not-a-file")
    if exc.errno == errno.ENAMETOOLONG:
        return UnreadableFile(f"the path {str(path)[:80]}… is too long to open — use a shorter one", reason="os")
    return UnreadableFile(f"{path} cannot be read: {exc.strerror or exc} — check the disk and the path", reason="os")


def read_bytes_bounded(path: Path | str, max_bytes: int) -> bytes:
    """The content of the regular file at `path` (links followed), at most `max_bytes`; raises UnreadableFile.

    Opened without blocking, so a FIFO is refused at once rather than waiting for a writer; devices,
    folders and sockets are refused after `fstat`, before anything is read.
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_problem(path, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(
                f"{path} is {_kind_of(info.st_mode)}, not a regular file — name an ordinary file",
                reason="not-a-file",
            )
        chunks: list[bytes] = []
        left = max_bytes + 1  # one byte more than allowed tells "exactly the limit" from "too large"
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise _os_problem(path, exc) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise UnreadableFile(
            f"{path} is larger than {_size(max_bytes)}, far more than it should be — check that it is the right file",
            reason="too-large",
            line=data[:max_bytes].count(b"\n") + 1,
        )
    return data


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n / 1000:g} kB" if n >= 1000 else f"{n} bytes"


def read_text_bounded(path: Path | str, max_bytes: int) -> str:
    """The UTF-8 text of the regular file at `path`, at most `max_bytes`; raises UnreadableFile."""
    data = read_bytes_bounded(path, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFile(
            f"{path} is not UTF-8 text (line {line}) — save it as UTF-8, or check it is the right file",
            reason="not-text",
            line=line,
        ) from None


class _Refused(ValueError):
    """Raised from inside the JSON parser's hooks; turned into UnreadableFile."""


def _refuse_constant(name: str) -> object:
    raise _Refused(f"'{name}' is not a number this game accepts")


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise _Refused(f"a number with {len(text.lstrip('-'))} digits")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > 4 * MAX_JSON_DIGITS:
        raise _Refused(f"a number written with {len(text)} characters")
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {text[:40]} is out of range")
    return value


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of JSON `text` nest (text inside strings ignored); linear time."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub('""', text))
    return max(itertools.accumulate(_DEPTH_STEP[c] for c in brackets), default=0)


def parse_json_bounded(text: str, max_depth: int, where: str = "the file") -> object:
    """Parse JSON `text` refusing what no game file holds; raises UnreadableFile (reason "damaged").

    Refused: nesting deeper than `max_depth` (checked before parsing, so no RecursionError),
    integers longer than MAX_JSON_DIGITS digits (no ValueError from Python's limit), NaN,
    Infinity and numbers out of range, and text that is not valid Unicode (lone surrogates).
    """
    depth = json_depth(text)
    if depth > max_depth:
        raise UnreadableFile(
            f"{where} is damaged (nested {depth} levels deep; at most {max_depth} are expected)", reason="damaged"
        )
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_refuse_constant)
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # refuses lone surrogates like "\ud800"
    except json.JSONDecodeError as exc:
        raise UnreadableFile(
            f"{where} is damaged (not valid JSON at line {exc.lineno}: {exc.msg})", reason="damaged", line=exc.lineno
        ) from None
    except UnicodeEncodeError:
        raise UnreadableFile(f"{where} is damaged (it holds text that is not Unicode)", reason="damaged") from None
    except _Refused as exc:
        raise UnreadableFile(f"{where} is damaged ({exc})", reason="damaged") from None
    except (ValueError, RecursionError) as exc:  # whatever else the parser refuses: still only a damaged file
        raise UnreadableFile(f"{where} is damaged ({type(exc).__name__})", reason="damaged") from None
    return data


def read_json_bounded(path: Path | str, max_bytes: int, max_depth: int) -> object:
    """The JSON value in the regular file at `path`; raises UnreadableFile (see the two readers it combines)."""
    return parse_json_bounded(read_text_bounded(path, max_bytes), max_depth, str(path))
