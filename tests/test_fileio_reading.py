"""Issue 13: bounded, non-blocking reading. Devices, FIFOs, folders, huge files, deep nesting and odd
numbers are refused with an UnreadableFile that says why, at once; nothing else escapes."""

from __future__ import annotations

import errno
import json
import os
import time

import pytest

from game.errors import UnreadableFile
from game.fileio import clean_stale_temps, json_depth, parse_json_bounded, read_json_bounded, read_text_bounded


def refused(path, reason: str, reader=read_text_bounded, *args) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as err:
        reader(path, *args) if args else reader(path, 1000)
    assert err.value.reason == reason, str(err.value)
    return err.value


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_before_reading(tmp_path, device):
    exc = refused(device, "not-a-file")
    assert "a device" in str(exc)
    link = tmp_path / "settings.json"
    link.symlink_to(device)  # a link is followed, and what it names is checked
    refused(link, "not-a-file")


def test_a_fifo_is_refused_at_once_instead_of_blocking(tmp_path):
    fifo = tmp_path / "autosave.json"
    os.mkfifo(fifo)
    t0 = time.monotonic()
    exc = refused(fifo, "not-a-file")
    assert "pipe" in str(exc)
    assert time.monotonic() - t0 < 5  # a plain open() would wait forever for a writer


def test_folders_missing_files_and_long_names(tmp_path):
    refused(tmp_path, "not-a-file")
    assert refused(tmp_path / "absent.json", "missing").permission is False
    refused(tmp_path / ("x" * 5000), "os")


def test_permission_is_told_apart(tmp_path, monkeypatch):
    path = tmp_path / "autosave.json"
    path.write_text("{}")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", denied)  # the tests may run as root, for whom chmod 000 changes nothing
    exc = refused(path, "permission")
    assert exc.permission and "permission" in str(exc)


def test_size_limit_is_exact_and_reads_no_more_than_one_byte_over(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("a" * 1000)
    assert read_text_bounded(path, 1000) == "a" * 1000
    path.write_text("a\n" * 500 + "b")
    exc = refused(path, "too-large")
    assert "larger than 1 kB" in str(exc) and exc.line == 501


def test_text_that_is_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"ok\nstill ok\n\xff\xfe")
    assert refused(path, "not-text").line == 3


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("9" * 5000, "5000 digits"),
        ('{"seed": -' + "1" * 5000 + "}", "5000 digits"),
        ("[" * 30_000 + "]" * 30_000, "30000 levels"),
        ('{"a":' * 30_000 + "1" + "}" * 30_000, "30000 levels"),
        ("NaN", "NaN"),
        ('{"risk": Infinity}', "Infinity"),
        ("[-Infinity]", "-Infinity"),
        ("1e999", "out of range"),
        ('"\\ud800"', "not Unicode"),
        ("{", "not valid JSON at line 1"),
        ('{"a": 1}\n\n{', "not valid JSON at line 3"),
    ],
)
def test_json_that_no_game_file_holds_is_refused_as_damaged(text, fragment):
    with pytest.raises(UnreadableFile) as err:
        parse_json_bounded(text, 8, "save.json")
    assert err.value.reason == "damaged" and not err.value.permission
    assert fragment in str(err.value) and str(err.value).startswith("save.json is damaged")


def test_ordinary_json_is_read_and_brackets_in_strings_do_not_count():
    data = {"label": '[[[[[[[[[[{{{{{{{{ \\" ]]', "n": [1, 2.5, -3], "emoji": "\U0001f680", "ok": True}
    text = json.dumps(data)  # ensure_ascii: the emoji is a surrogate pair, which is valid
    assert json_depth(text) == 2
    assert parse_json_bounded(text, 2) == data
    with pytest.raises(UnreadableFile):
        parse_json_bounded(text, 1)


def test_read_json_bounded_combines_both(tmp_path):
    path = tmp_path / "s.json"
    path.write_text('{"a": [1, {"b": 2}]}')
    assert read_json_bounded(path, 100, 3) == {"a": [1, {"b": 2}]}
    assert refused(path, "too-large", read_json_bounded, 10, 3)
    assert refused(path, "damaged", read_json_bounded, 100, 2)


def test_stale_temp_files_from_killed_writes_are_cleaned(tmp_path):
    old = [tmp_path / ".autosave.json.k2j4_x9a.tmp", tmp_path / ".settings.json.abcdefgh.tmp"]
    fresh = tmp_path / ".autosave.json.zzzzzzzz.tmp"
    keep = [tmp_path / "autosave.json", tmp_path / "notes.tmp", tmp_path / ".hidden"]
    for p in [*old, fresh, *keep]:
        p.write_text("x")
    folder_like = tmp_path / ".autosave.json.qqqqqqqq.tmp.d"
    folder_like.mkdir()
    an_hour_ago = time.time() - 3600
    for p in [*old, *keep]:
        os.utime(p, (an_hour_ago, an_hour_ago))
    assert clean_stale_temps(tmp_path, 60) == 2
    assert not any(p.exists() for p in old)
    assert fresh.exists() and all(p.exists() for p in keep) and folder_like.exists()
    assert clean_stale_temps(tmp_path / "absent", 60) == 0
