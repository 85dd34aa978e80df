"""Issue 13: whatever a save file holds, or whatever sits at its path, `load_game` raises SaveError (in words,
short enough to show) and leaves the file as it was. Includes the hypothesis fuzz test of saves."""

from __future__ import annotations

import copy
import errno
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.errors import SaveError
from game.session import SaveStore
from game.session.store import MAX_SAVE_BYTES
from tests.support import FIXTURES, engine

GOOD = FIXTURES / "saves" / "v1" / "mini-both-sides.json"


def load_game(path: Path, eng):
    """Read a save the way every front end does; returns the state it continues from."""
    return SaveStore(Path(path).parent).load(Path(path), eng).state


def good() -> dict:
    return json.loads(GOOD.read_text())


def refused(path: Path) -> SaveError:
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(SaveError) as err:
        load_game(path, engine())
    if before is not None:
        assert path.read_bytes() == before  # never modified
    assert len(str(err.value)) < 700, "a message shown to a player must be short"
    return err.value


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"format": "excomm-save", "save_version": 1, "seed": ' + "7" * 5000 + "}", "digits"),
        ("[" * 30_000 + "]" * 30_000, "levels deep"),
        ('{"a": ' * 30_000 + "0" + "}" * 30_000, "levels deep"),
        ('{"format": "excomm-save", "save_version": 1, "seed": NaN}', "NaN"),
        ('{"format": "excomm-save", "save_version": 1e999}', "out of range"),
        ("\ufeff{}", "not valid JSON"),
        ("", "not valid JSON"),
    ],
)
def test_what_used_to_escape_load_game_is_a_save_error(tmp_path, content, fragment):
    path = tmp_path / "autosave.json"
    path.write_text(content, encoding="utf-8")
    exc = refused(path)
    assert fragment in str(exc) and not exc.permission


def test_binary_garbage_and_too_large_files(tmp_path):
    path = tmp_path / "autosave.json"
    path.write_bytes(os.urandom(5000).replace(b"\n", b"") + b"\xff")
    assert "not UTF-8" in str(refused(path))
    path.write_text(" " * (MAX_SAVE_BYTES + 1))
    assert "larger than" in str(refused(path))


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "fifo", "folder"])
def test_a_save_path_that_is_not_a_regular_file(tmp_path, target):
    path = tmp_path / "autosave.json"
    if target == "fifo":
        os.mkfifo(path)
    elif target == "folder":
        path.mkdir()
    else:
        path.symlink_to(target)
    exc = refused(path)
    assert "not a regular file" in str(exc) or "folder" in str(exc)
    assert not exc.permission


def test_a_save_unreadable_by_permission_says_so(tmp_path, monkeypatch):
    path = tmp_path / "autosave.json"
    path.write_text(GOOD.read_text())
    real_open = os.open

    def denied(p, *args, **kwargs):
        if Path(p) == path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    exc = refused(path)
    assert exc.permission and "permission" in str(exc)


def test_what_a_save_says_is_cut_before_it_is_shown(tmp_path):
    data = good()
    data["scenario_id"] = "x" * 1_900_000 + "\x00"
    path = tmp_path / "autosave.json"
    path.write_text(json.dumps(data))
    exc = refused(path)
    assert "for scenario 'xxx" in str(exc) and "\x00" not in str(exc)
    data = good()
    data["y" * 100_000] = 1  # an unknown key, named in the message
    path.write_text(json.dumps(data))
    assert "damaged" in str(refused(path))


def test_the_real_v1_save_still_loads():
    assert load_game(GOOD, engine()).decisions == [("d1", "strike")]


# ------------------------------------------------------------------ fuzz (hypothesis)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def _paths(value, prefix=()):
    """Every (path, value) inside a JSON value."""
    yield prefix, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


@st.composite
def mutated_saves(draw) -> dict:
    """A real save with a few places replaced by arbitrary JSON or removed."""
    data = good()
    for _ in range(draw(st.integers(1, 3))):
        places = [p for p, _ in _paths(data) if p]
        if not places:
            break
        where = draw(st.sampled_from(places))
        parent = data
        for part in where[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = draw(json_values)
    return data


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.one_of(mutated_saves(), json_values))
def test_fuzz_any_json_is_loaded_or_refused_with_a_save_error(tmp_path, data):
    path = tmp_path / "fuzz.json"
    text = json.dumps(copy.deepcopy(data))
    path.write_text(text)
    try:
        state = load_game(path, engine())
    except SaveError as exc:
        assert str(exc) and len(str(exc)) < 700
    else:
        assert state.scenario_id == "mini"
    assert path.read_text() == text


@FUZZ
@given(raw=st.binary(max_size=300), cut=st.integers(0, 2000))
def test_fuzz_any_bytes_or_a_truncated_save_are_refused_with_a_save_error(tmp_path, raw, cut):
    path = tmp_path / "fuzz.json"
    for content in (raw, GOOD.read_bytes()[:cut] + raw[:8]):
        path.write_bytes(content)
        try:
            load_game(path, engine())
        except SaveError as exc:
            assert str(exc)
