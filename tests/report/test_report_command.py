"""`python main.py report`: plays a game by a policy and writes its debrief; bad input is one line, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis.simulate import play
from game.report import build_report, render_markdown
from game.report.replay import narrated
from tests.report.games import october
from tests.support import MINI

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "report", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "EXCOMM_DEBUG": ""},
    )


def test_writes_html_chosen_by_the_suffix(tmp_path):
    target = tmp_path / "out" / "game.html"
    done = run("--seed", "665164120", "--policy", "random", "--output", str(target))
    assert done.returncode == 0, done.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert str(target) in done.stdout


def test_markdown_to_stdout_is_the_report_of_the_same_game():
    done = run("--scenario", str(MINI), "--seed", "4", "--policy", "random", "--format", "md")
    assert done.returncode == 0, done.stderr
    from game.engine.engine import Engine
    from game.scenario.catalog import load

    eng = Engine(load(str(MINI)))
    expected = render_markdown(build_report(eng, narrated(eng, play(eng, "random", 4))))
    assert done.stdout == expected


@pytest.mark.parametrize(
    "args",
    [
        ("--policy", "reckless"),
        ("--seed", "soon"),
        ("--format", "pdf"),
        ("--scenario", "no-such-scenario"),
    ],
)
def test_bad_input_is_a_message_not_a_traceback(args):
    done = run(*args)
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stderr.strip()


def test_an_unwritable_output_is_one_line(tmp_path):
    done = run("--output", str(tmp_path))  # a folder, not a file
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "could not write" in lines[0] and "--output" in lines[0]


@pytest.mark.parametrize("policy", ["historical", "random", "force", "passive"])
def test_a_game_played_without_narration_is_replayed_with_it(policy):
    eng = october()
    lean = play(eng, policy, 11)
    full = narrated(eng, lean)
    assert full.path == lean.path and full.risk == lean.risk and full.steps
