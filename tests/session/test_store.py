"""Save format 2: round trips, v1 files migrated, mismatches named at their step, one autosave per scenario."""

import json
import shutil
from pathlib import Path

import pytest

from game.errors import SaveError
from game.session import SaveStore, Session, dump_session, load_session
from tests.support import FIXTURES, MINI, OCTOBER, OCTOBER_1_0, engine

V1 = FIXTURES / "saves" / "v1"


def grown_tree(eng, seed=20) -> Session:
    s = Session.new(eng, seed=seed)
    for _ in range(5):
        s.choose(next(c.id for c in eng.choices(s.state, in_scenario_order=True) if c.available))
    s.go_to(s.current.parent.parent)
    s.choose([c.id for c in eng.choices(s.state, in_scenario_order=True) if c.available][-1])
    s.apply(__import__("game.session", fromlist=["Label"]).Label(at=s.current.id, text="what if"))
    return s


def test_a_tree_round_trips_through_json_and_replays_to_the_same_states():
    eng = engine(OCTOBER)
    s = grown_tree(eng)
    data = json.loads(json.dumps(dump_session(s)))
    back = load_session(eng, data)
    assert back.current.id == s.current.id and back.current.label == "what if"
    assert [n.id for n in back.root.walk()] == [n.id for n in s.root.walk()]
    for a, b in zip(s.root.walk(), back.root.walk()):
        assert s.state_at(a).fingerprint() == back.state_at(b).fingerprint()


@pytest.mark.parametrize("name", sorted(p.name for p in V1.glob("october-1962*.json")))
def test_every_v1_save_written_by_the_first_release_still_continues(name):
    eng = engine(OCTOBER_1_0)  # the scenario version they were written with
    raw = json.loads((V1 / name).read_text())
    s = load_session(eng, raw)
    assert [(m.node, m.option) for m in s.current.moves()] == [(d["node"], d["option"]) for d in raw["decisions"]]
    assert eng.node(s.state).id == raw["check"]["node"] and abs(s.state.risk - raw["check"]["risk"]) < 1e-12
    again = load_session(eng, json.loads(json.dumps(dump_session(s))))  # and it saves as format 2
    assert again.state.fingerprint() == s.state.fingerprint()


@pytest.mark.parametrize("name", sorted(p.name for p in V1.glob("october-1962*.json")))
def test_a_v1_save_meets_todays_scenario_by_continuing_or_naming_the_step_and_versions(name):
    eng = engine(OCTOBER)
    raw = json.loads((V1 / name).read_text())
    try:
        s = load_session(eng, raw)
    except SaveError as exc:
        assert "no longer" in str(exc) and f"this is {eng.scenario.version}" in str(exc), str(exc)
    else:
        assert [(m.node, m.option) for m in s.current.moves()] == [(d["node"], d["option"]) for d in raw["decisions"]]


def test_a_save_that_no_longer_fits_is_reported_at_its_step():
    eng = engine(OCTOBER)
    data = dump_session(grown_tree(eng))
    entry = next(e for e in data["log"] if e.get("check") and e["check"]["path"])
    entry["check"]["path"][0] = ["decision", entry["check"]["path"][0][1], "another-choice", "player"]
    with pytest.raises(SaveError, match=r"at step \d+ .*the save records decision .* but the replay gives"):
        load_session(eng, data)


def test_a_tampered_tree_or_a_newer_format_is_refused_with_a_reason():
    eng = engine(OCTOBER)
    data = dump_session(grown_tree(eng))
    data["tree"]["id"] = "h42"
    with pytest.raises(SaveError, match="does not match its log"):
        load_session(eng, data)
    newer = dict(dump_session(grown_tree(eng)), save_version=9, readable_by=9)
    with pytest.raises(SaveError, match="update the game"):
        load_session(eng, newer)


def test_each_scenario_has_its_own_autosave_and_none_moves_another_aside(tmp_path):
    store = SaveStore(tmp_path)
    mini, october = engine(MINI), engine(OCTOBER)
    store.attach(Session.new(mini, seed=1))
    store.attach(Session.new(october, seed=2))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert set(before) == {"autosave-mini.json", "autosave-october-1962.json"}
    s1, p1 = store.probe_autosave(october)
    s2, p2 = store.probe_autosave(mini)
    assert s1 is not None and s2 is not None and p1 is p2 is None
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_the_first_releases_single_autosave_continues_for_its_own_scenario_only(tmp_path):
    shutil.copy(V1 / "october-1962-in-progress.json", tmp_path / "autosave.json")
    store = SaveStore(tmp_path)
    assert store.probe_autosave(engine(MINI)) == (None, None)  # another scenario: left alone
    session, problem = store.probe_autosave(engine(OCTOBER))
    assert problem is None and session is not None and len(session.current.moves()) == 6
    assert (tmp_path / "autosave.json").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b'{"format": "excomm-save", "save_version": 2, "x": ' + b"9" * 5000 + b"}",
        b"[" * 30000 + b"]" * 30000,
        b'{"format": "excomm-save", "save_version": NaN}',
        b"\xff\xfe",
    ],
)
def test_a_corrupt_autosave_is_kept_aside_and_reported_never_overwritten(tmp_path, content):
    path = tmp_path / "autosave-october-1962.json"
    path.write_bytes(content)
    session, problem = SaveStore(tmp_path).probe_autosave(engine(OCTOBER))
    assert session is None and problem is not None and problem.kept_at is not None
    assert problem.kept_at.read_bytes() == content and not path.exists()


def test_named_saves_are_listed_with_their_game_date(tmp_path):
    eng = engine(OCTOBER)
    store = SaveStore(tmp_path)
    path = store.save_as(grown_tree(eng), "Bomb on the 20th?")
    assert path.name == "bomb-on-the-20th.json"
    infos = store.list_saves(eng)
    assert infos[0].name == "Bomb on the 20th?" and "1962" in infos[0].when_in_game and not infos[0].problem
    assert infos[0].histories == len(grown_tree(eng).root.leaves()) > 1  # the load screen tells a tree from one game


def test_a_fifo_or_a_device_is_not_read_as_a_save(tmp_path):
    import os

    fifo = tmp_path / "autosave-october-1962.json"
    os.mkfifo(fifo)
    with pytest.raises(SaveError, match="not a regular file"):
        SaveStore(tmp_path).load(fifo, engine(OCTOBER))
    with pytest.raises(SaveError, match="not a regular file"):
        SaveStore(tmp_path).load(Path("/dev/zero"), engine(OCTOBER))


def test_a_new_game_keeps_the_game_it_replaces_as_a_save_of_its_own(tmp_path):
    """Starting again never loses a game's histories: the one in the slot moves to Saved games first."""
    eng = engine(OCTOBER)
    store = SaveStore(tmp_path)
    played = store.attach(grown_tree(eng))
    assert store.kept is None  # the slot was empty
    untouched = store.attach(Session.new(eng, seed=5))
    kept = store.kept
    assert kept is not None and kept.name.startswith("game-") and kept.parent == tmp_path
    again = store.load(kept, eng)
    assert len(again.root.leaves()) == len(played.root.leaves()) == 2
    assert again.state.fingerprint() == played.state.fingerprint()
    assert any(i.path == kept for i in store.list_saves(eng))  # listed under Saved games
    store.attach(Session.new(eng, seed=6))  # over a game nobody played: nothing worth keeping
    assert store.kept is None and not untouched.log[1:]
    assert len(list(tmp_path.glob("game-*.json"))) == 1
    store.attach(store.load(kept, eng))  # a saved game opened takes the slot the same way
    assert store.kept is None  # the game in the slot had no decision: nothing kept
    store.attach(Session.new(eng, seed=7))
    assert store.kept is not None and store.kept != kept and len(list(tmp_path.glob("game-*.json"))) == 2


def test_a_deleted_save_leaves_the_list_but_is_kept_in_the_deleted_folder(tmp_path):
    eng = engine(OCTOBER)
    store = SaveStore(tmp_path)
    path = store.save_as(grown_tree(eng), "Bomb on the 20th?")
    content = path.read_bytes()
    gone = store.discard(path)
    assert not path.exists() and gone.parent == tmp_path / "deleted" and gone.read_bytes() == content
    assert store.list_saves(eng) == []  # the subfolder is not listed
    again = store.save_as(grown_tree(eng), "Bomb on the 20th?")  # the same name, saved and deleted again
    second = store.discard(again)
    assert second != gone and second.exists() and gone.read_bytes() == content  # neither overwritten
    with pytest.raises(SaveError, match="only the folder's own saves"):
        store.discard(gone)
