import json

import pytest

from game.engine.save import (
    SaveError,
    from_save,
    load_game,
    quarantine_corrupt,
    save_game,
    to_save,
)
from tests.support import engine


def test_save_holds_inputs_not_derived_values(tmp_path):
    eng = engine()
    state = eng.new_game(seed=11)
    eng.choose(state, "blockade")
    path = tmp_path / "slot.json"
    save_game(path, eng, state, label="after the blockade")
    data = json.loads(path.read_text())
    assert set(data) == {
        "format",
        "save_version",
        "scenario_id",
        "scenario_version",
        "seed",
        "fate",
        "controlled",
        "decisions",
        "path",
        "check",
        "label",
    }
    assert any(p["node"] == "soviet" and p["by"] == "computer" for p in data["path"])
    assert data["decisions"] == [{"node": "d1", "option": "blockade"}]
    assert load_game(path, eng).fingerprint() == state.fingerprint()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "excomm-save", "save_version": 99}', "not supported"),
        ('["a list"]', "not an ExComm save"),
        ('{"format": "excomm-save", "save_version": 1, "seed": "x"}', "damaged"),
    ],
)
def test_unreadable_saves_are_reported_and_left_untouched(tmp_path, content, fragment):
    path = tmp_path / "autosave.json"
    path.write_text(content)
    before = path.read_bytes()
    with pytest.raises(SaveError, match=fragment):
        load_game(path, engine())
    assert path.read_bytes() == before


def test_a_save_that_no_longer_replays_says_why(tmp_path):
    eng = engine()
    state = eng.new_game(seed=1)
    data = to_save(eng, state)
    data["decisions"] = [{"node": "d1", "option": "vanished-option"}]
    with pytest.raises(SaveError, match=r"no longer replays.*vanished-option"):
        from_save(eng, data)
    data = to_save(eng, state)
    data["check"]["risk"] = 0.5
    with pytest.raises(SaveError, match="did not arrive"):
        from_save(eng, data)
    data = to_save(eng, state)
    data["scenario_id"] = "other"
    with pytest.raises(SaveError, match="scenario 'other'"):
        from_save(eng, data)


def test_quarantine_keeps_the_bad_file(tmp_path):
    path = tmp_path / "autosave.json"
    path.write_text("garbage")
    first = quarantine_corrupt(path)
    path.write_text("more garbage")
    second = quarantine_corrupt(path)
    assert not path.exists()
    assert first.read_text() == "garbage" and second.read_text() == "more garbage"
    assert first != second


def test_a_changed_scenario_is_caught_where_the_history_first_differs():
    eng = engine()
    state = eng.new_game(seed=11)
    eng.choose(state, "blockade")
    data = to_save(eng, state)
    soviet = next(i for i, p in enumerate(data["path"]) if p["node"] == "soviet")
    other = {"run": "turn", "turn": "run"}[data["path"][soviet]["choice"]]
    data["path"][soviet]["choice"] = other  # as if Moscow's policy had differed when the game was saved
    with pytest.raises(SaveError, match=rf"at step 2 the save records decision 'soviet' → '{other}', but the replay"):
        from_save(eng, data)
