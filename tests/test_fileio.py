import os

import pytest

from game.fileio import write_atomic


def test_new_files_get_the_usual_permissions(tmp_path):
    path = tmp_path / "new.json"
    write_atomic(path, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_atomic_write_leaves_old_content_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "autosave.json"
    write_atomic(path, "old")

    def boom(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["autosave.json"]  # no temp files left behind
