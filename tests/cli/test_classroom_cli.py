"""`python main.py classroom --pack`: the classroom pack without a window; bad input answered in one line."""

from __future__ import annotations

from tests.cli.test_cli import run


def test_the_pack_is_written_without_a_window(tmp_path):
    out = tmp_path / "pack.pdf"
    done = run("classroom", "--pack", str(out), "--teams", "--students", "12", "--paper", "letter")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and str(out) in done.stdout


def test_an_unwritable_pack_is_one_line_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = run("classroom", "--pack", str(blocker / "pack.pdf"))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_a_scenario_without_a_classroom_plan_says_so(tmp_path):
    from tests.support import MINI

    done = run("classroom", "--scenario", str(MINI), "--pack", str(tmp_path / "p.pdf"))
    assert done.returncode != 0 and "declares no roles" in done.stderr and "Traceback" not in done.stderr
