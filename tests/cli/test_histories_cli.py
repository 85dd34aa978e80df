"""Histories in the terminal and on files: list the lines, re-enter one, export the tree, import it elsewhere."""

from __future__ import annotations

import io
import re

from game.cli.text_mode import play_text
from game.engine.engine import Engine
from game.scenario.catalog import load
from game.session import SaveStore
from tests.cli.test_cli import run
from tests.support import MINI


def _two_lines(tmp_path, monkeypatch):
    """A mini game played to an ending, then back to the start and another option to its ending."""
    monkeypatch.setenv("EXCOMM_HOME", str(tmp_path))
    store = SaveStore(tmp_path / "saves")
    sc = load(str(MINI))
    out = io.StringIO()
    # 1 then enter through to the end, b, then option 3 at the first decision
    play_text(sc, 4, fate="history", stdin=io.StringIO("1\n1\n1\nb\nhistories\n"), stdout=out, store=store)
    return sc, store, out.getvalue()


def test_histories_lists_lines_and_goto_re_enters(tmp_path, monkeypatch):
    sc, store, text = _two_lines(tmp_path, monkeypatch)
    engine = Engine(sc)
    session, problem = store.probe_autosave(engine)
    assert problem is None and session is not None
    assert "Your histories" in text and "goto hN" in text
    points = re.findall(r"^\s+(h\d+)\s", text, flags=re.M)
    assert points and points[0] == "h0"
    # re-enter at the very first decision and take another option: a second line appears
    first = engine.node(session.state_at(session.root)).id
    opts = [c for c in engine.choices(session.state_at(session.root)) if c.available]
    out = io.StringIO()
    other = next(c for c in opts if c.id != session.root.variations[0].move.option)
    play_text(
        sc, 1, stdin=io.StringIO(f"goto h0\n{other.number}\nq\n"), stdout=out, store=store, resume=True, load=None
    )
    again, _ = store.probe_autosave(engine)
    assert "Back at" in out.getvalue()
    assert len(again.root.variations) == 2 and again.root.variations[1].move.node == first
    assert "BACKGROUND 1/" not in out.getvalue()  # a resumed game goes straight on: no background pages again
    out = io.StringIO()  # at the first decision, which every line passes through: one mark says where you are
    play_text(sc, 1, stdin=io.StringIO("goto h0\nhistories\nq\n"), stdout=out, store=store, resume=True)
    listing = out.getvalue().split("Your histories")[-1]
    assert listing.count("← you are here") == 1 and "(the first decision as in line 1)" not in listing
    here = next(line for line in listing.splitlines() if "← you are here" in line)
    assert here.split()[0] == "h0" and "to choose again" in here  # at the decision gone back to, not a line's end
    out = io.StringIO()
    play_text(sc, 1, stdin=io.StringIO("goto h999\nq\n"), stdout=out, store=store, resume=True)
    assert "There is no point 'h999'" in out.getvalue()
    out = io.StringIO()  # back at the first decision, the option already played there: said why nothing is new
    taken = next(c for c in opts if c.id == again.root.variations[0].move.option)
    play_text(sc, 1, stdin=io.StringIO(f"goto h0\n{taken.number}\nq\n"), stdout=out, store=store, resume=True)
    assert "Chosen as before: with this game's dice the same history follows" in out.getvalue()


def test_goto_a_badly_written_point_says_how_points_are_written_and_play_goes_on(tmp_path, monkeypatch):
    """'goto hx', 'goto 3' and the like ended the game with a pydantic error; now one line, and the prompt again."""
    sc, store, _ = _two_lines(tmp_path, monkeypatch)
    for typed in ("hx", "3", "h3 x", "h-1", "h1234567890"):
        out = io.StringIO()
        play_text(sc, 1, stdin=io.StringIO(f"goto {typed}\nhistories\nq\n"), stdout=out, store=store, resume=True)
        text = out.getvalue()
        assert f"'{typed}' is not a point of the histories" in text and "like h3" in text, typed
        assert "ValidationError" not in text and "Your histories" in text, typed  # the game went on


def test_export_markdown_and_html_and_import_elsewhere(tmp_path, monkeypatch):
    sc, store, _ = _two_lines(tmp_path, monkeypatch)
    session, _ = store.probe_autosave(Engine(sc))
    while not session.state.ended:  # the second line to an ending too: two debriefs on the page
        options = [c for c in session.engine.choices(session.state) if c.available]
        session.choose(options[-1].id)
    assert store.autosave(session)
    save = store.autosave_path(sc.id)
    done = run("histories", str(save), "--scenario", str(MINI))
    assert done.returncode == 0, done.stderr
    md = done.stdout
    assert "the histories of one game" in md and "| When | Decision | Chosen | Risk after its step | 1962 |" in md
    assert "# Debrief of history 1" in md  # each finished line through the report renderer
    assert "\\*" not in md.split("# Debrief of history 1")[0]  # the table's own emphasis is not escaped
    assert "| same |" in md or "| **different** |" in md
    html_out = tmp_path / "tree.html"
    done = run("histories", str(save), "--scenario", str(MINI), "--output", str(html_out))
    assert done.returncode == 0, done.stderr
    page = html_out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<script" not in page
    # each finished line's debrief is on the page in full, not in a frame that scrolls and is cut in print
    assert "<iframe" not in page and page.count("<article class='debrief'") == 2
    assert 'id="h1-risk"' in page and 'id="h2-risk"' in page and "The risk you ran" in page
    ids = re.findall(r"""id=["']([^"']+)["']""", page)
    assert len(ids) == len(set(ids)), "an id is used twice"
    # import: another machine (another home) loads the file and plays on from it
    other = tmp_path / "elsewhere"
    monkeypatch.setenv("EXCOMM_HOME", str(other))
    out = io.StringIO()
    there = SaveStore(other / "saves")
    play_text(sc, 1, stdin=io.StringIO("histories\nq\n"), stdout=out, store=there, load=save)
    assert "Imported the histories" in out.getvalue()
    imported, _ = there.probe_autosave(Engine(sc))
    original, _ = store.probe_autosave(Engine(sc))
    assert [n.id for n in imported.root.walk()] == [n.id for n in original.root.walk()]
    assert imported.state.fingerprint() == original.state.fingerprint()


def test_export_of_a_missing_file_is_one_line(tmp_path):
    done = run("histories", str(tmp_path / "nope.json"), "--scenario", str(MINI))
    assert done.returncode != 0 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    # importing it is refused as plainly, before the game's title and introduction are printed
    done = run("text", "--load", str(tmp_path / "nope.json"), "--scenario", str(MINI))
    assert done.returncode == 1 and "there is no save at" in done.stderr and done.stdout == ""


def test_history_singular_lists_the_lines_too(tmp_path, monkeypatch):
    """A new player types 'history', not 'histories': the listing comes, not 'not an option'."""
    monkeypatch.setenv("EXCOMM_HOME", str(tmp_path))
    out = io.StringIO()
    play_text(load(str(MINI)), 1, stdin=io.StringIO("history\nq\n"), stdout=out, store=SaveStore(tmp_path / "s"))
    text = out.getvalue()
    assert "Your histories" in text and "is not an option" not in text
