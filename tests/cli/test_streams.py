"""Issue 13: terminal play and the commands survive whatever their streams are — random bytes under a
strict UTF-8 locale, a closed stdin or stdout, a full disk, an endless line — and Ctrl-C at any
moment: a clear line or a quiet exit, never "internal error" or a traceback."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from tests.support import MINI

ROOT = MINI.parents[2]
STRICT = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", PYTHONIOENCODING="", PYTHONUTF8="0")
TEXT = [sys.executable, "main.py", "text", "--scenario", str(MINI), "--seed", "3"]


def sh(command: str, stdin: bytes | None = None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command], cwd=ROOT, input=stdin, capture_output=True, timeout=60, env=env or STRICT
    )


def clean(r: subprocess.CompletedProcess) -> str:
    err = r.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err, err
    return err


QUOTED = " ".join(f"'{a}'" for a in TEXT)


@pytest.mark.parametrize("seed", range(8))
def test_random_bytes_under_a_strict_utf8_locale(seed):
    noise = random.Random(seed).randbytes(4000)
    r = sh(QUOTED, stdin=noise)
    clean(r)
    assert r.returncode == 0
    assert "not an option here" in r.stdout.decode("utf-8", "replace") or b"left unfinished" in r.stdout


def test_a_closed_stdin_is_the_end_of_input():
    r = sh(f"{QUOTED} <&-")
    clean(r)
    assert r.returncode == 0 and b"left unfinished" in r.stdout


def test_a_closed_stdout_is_said_on_stderr():
    r = sh(f"{QUOTED} >&- </dev/null")
    assert r.returncode == 1 and "standard output is closed" in clean(r)


def test_a_full_disk_is_said_on_stderr():
    for command in (
        f"{QUOTED} >/dev/full </dev/null",
        f"'{sys.executable}' main.py simulate --policy random --runs 50 --json >/dev/full",
    ):
        r = sh(command)
        err = clean(r)
        assert r.returncode == 1 and "No space left on device" in err, err
        assert "Exception ignored" not in err


def test_an_endless_line_ends_the_game_instead_of_filling_memory():
    r = sh(f"{QUOTED} </dev/zero")
    clean(r)
    assert r.returncode == 0 and b"left unfinished" in r.stdout


@pytest.mark.parametrize("delay", [0.0, 0.02, 0.05, 0.1, 0.3])
def test_ctrl_c_at_any_moment_prints_no_traceback(delay):
    p = subprocess.Popen(TEXT, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode()
    assert p.returncode in (130, 0, -signal.SIGINT), p.returncode
