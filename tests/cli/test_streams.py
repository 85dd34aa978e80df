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


INTERRUPT_AT = r"""
import runpy, sys
target = sys.argv[1]


class Interrupt:  # Ctrl-C arriving exactly while `target` is being imported
    def find_spec(self, name, path=None, target_module=None):
        if name == target:
            raise KeyboardInterrupt
        return None


sys.meta_path.insert(0, Interrupt())
sys.argv = ["main.py", *sys.argv[2:]]
runpy.run_path("main.py", run_name="__main__")
"""


@pytest.mark.parametrize(
    "module",
    ["game.cli.main", "argparse", "game.errors", "game.cli.text_mode", "game.scenario.catalog", "pydantic", "yaml"],
)
def test_ctrl_c_while_the_game_is_still_importing_prints_no_traceback(module):
    """Deterministic: the old ~60 ms window is the game's own imports (before that, Python's start-up
    is not the game's to handle)."""
    r = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AT, module, *TEXT[2:]], cwd=ROOT, capture_output=True, timeout=60
    )
    assert b"Traceback" not in r.stderr and b"KeyboardInterrupt" not in r.stderr, r.stderr.decode()
    assert r.returncode == 130


def test_ctrl_c_while_waiting_for_an_answer_exits_quietly():
    p = subprocess.Popen(TEXT, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.readline()  # the game is running and about to ask
    time.sleep(0.2)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode()
    assert p.returncode == 130
