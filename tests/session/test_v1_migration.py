"""Format 1 saves (the first release's) are migrated on load, with the same checks they always had."""

import copy
import json

import pytest

from game.errors import SaveError
from game.session import SaveStore, load_session
from tests.support import FIXTURES, OCTOBER, engine

V1 = FIXTURES / "saves" / "v1"


def v1(name: str) -> dict:
    return json.loads((V1 / name).read_text())


def test_a_v1_save_that_no_longer_replays_says_why():
    eng = engine(OCTOBER)
    data = v1("october-1962-in-progress.json")
    bad = copy.deepcopy(data)
    bad["decisions"][1]["option"] = "vanished-option"
    with pytest.raises(SaveError, match=r"decision 2 no longer replays.*vanished-option"):
        load_session(eng, bad)
    bad = copy.deepcopy(data)
    bad["check"]["risk"] = 0.5
    with pytest.raises(SaveError, match="did not arrive"):
        load_session(eng, bad)
    bad = copy.deepcopy(data)
    bad["scenario_id"] = "other"
    with pytest.raises(SaveError, match="scenario 'other'"):
        load_session(eng, bad)


def test_a_changed_scenario_is_caught_where_the_v1_history_first_differs():
    eng = engine(OCTOBER)
    data = v1("october-1962-in-progress.json")
    at = 1  # as if that point of the path had turned out otherwise when the game was saved
    data["path"][at]["choice"] = "as-if-it-had-differed"
    with pytest.raises(SaveError, match=rf"at step {at + 1} the save records .* but the replay gives"):
        load_session(eng, data)


def test_quarantine_keeps_every_bad_file(tmp_path):
    store = SaveStore(tmp_path)
    path = tmp_path / "autosave-x.json"
    path.write_text("garbage")
    first = store.quarantine(path)
    path.write_text("more garbage")
    second = store.quarantine(path)
    assert not path.exists() and first != second
    assert first.read_text() == "garbage" and second.read_text() == "more garbage"
