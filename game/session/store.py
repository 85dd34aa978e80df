"""Saved games, format 2: a session's log and the tree it grew, with a migration from format 1.

A save holds the game's config (scenario id and version, seed, fate, the sides people play), the
log of every input in order, and the tree of histories that log grew, each move with the path it
produced when first played. Loading replays the log: the tree must come out the same and every
move must produce the same path, or the save is reported at the exact step where it no longer fits
(a scenario edited since, say). As in ink, the file names its version and the oldest version of the
game able to read it; this game reads `MIN_SAVE_VERSION` to `SAVE_VERSION` and upgrades format 1
(a flat list of decisions, written by the first release) on the way in.

Files are written atomically; an unreadable one is reported and kept (moved aside, never overwritten).
Every scenario has its own autosave; named saves sit beside them.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.engine.engine import Engine
from game.errors import ExcommError, RuleError, SaveError, UnreadableFile, excerpt
from game.fileio import clean_stale_temps, read_json_bounded, write_atomic
from game.scenario.compiled import datetime_of
from game.session.inputs import Decide, Input, input_adapter
from game.session.session import GameConfig, Session
from game.session.tree import HistoryNode, PathCheck

__all__ = [
    "MIN_SAVE_VERSION",
    "SAVE_VERSION",
    "SaveInfo",
    "SaveProblem",
    "SaveStore",
    "dump_session",
    "load_session",
    "read_save_file",
]

SAVE_FORMAT = "excomm-save"
SAVE_VERSION = 2  # 2: the log of inputs and the tree of histories
MIN_SAVE_VERSION = 1  # 1: a flat list of decisions (upgraded on load)
READABLE_BY = 2  # the oldest game version that can read what this one writes
MAX_SAVE_BYTES = 8_000_000
MAX_JSON_DEPTH = 64
MAX_LOG = 200_000

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- the file's shape


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Config(_Strict):
    scenario_id: str = Field(max_length=64)
    scenario_version: str = Field(max_length=32)
    seed: int = Field(ge=0, lt=2**63)
    fate: str = Field(max_length=16)
    controlled: list[str] = Field(max_length=16)


class _Check(_Strict):
    path: list[tuple[str, str, str, str]] = Field(max_length=10_000)
    at: str
    risk: float


class _Entry(_Strict):
    input: dict[str, Any]
    check: _Check | None = None


class _SaveV2(_Strict):
    format: str
    save_version: int
    readable_by: int
    config: _Config
    log: list[_Entry] = Field(max_length=MAX_LOG)
    current: str
    tree: dict[str, Any]
    name: str = Field("", max_length=200)
    saved_at: float = 0.0


class _V1Decision(_Strict):
    node: str
    option: str


class _V1Event(_Strict):
    kind: str
    node: str
    choice: str
    by: str


class _V1Check(_Strict):
    node: str
    risk: float
    steps: int


class _SaveV1(_Strict):
    format: str
    save_version: int
    scenario_id: str
    scenario_version: str
    seed: int
    fate: str
    controlled: list[str]
    decisions: list[_V1Decision] = Field(max_length=10_000)
    path: list[_V1Event] = Field(default=[], max_length=100_000)
    check: _V1Check
    label: str = ""


# ---------------------------------------------------------------- session <-> data


def _tree_json(node: HistoryNode) -> dict[str, Any]:
    out: dict[str, Any] = {"id": node.id}
    if node.move is not None:
        out["move"] = node.move.model_dump()
    if node.label:
        out["label"] = node.label
    if node.comment:
        out["comment"] = node.comment
    if node.variations:
        out["variations"] = [_tree_json(v) for v in node.variations]
    return out


def dump_session(session: Session, name: str = "") -> dict[str, Any]:
    """The JSON-ready save of `session`."""
    checks = _checks_by_entry(session)
    log = []
    for i, inp in enumerate(session.log):
        entry: dict[str, Any] = {"input": inp.model_dump()}
        check = checks.get(i)
        if check is not None:
            entry["check"] = {"path": [list(p) for p in check.path], "at": check.at, "risk": check.risk}
        log.append(entry)
    c = session.config
    return {
        "format": SAVE_FORMAT,
        "save_version": SAVE_VERSION,
        "readable_by": READABLE_BY,
        "name": name,
        "saved_at": time.time(),
        "config": {
            "scenario_id": c.scenario_id,
            "scenario_version": c.scenario_version,
            "seed": c.seed,
            "fate": c.fate,
            "controlled": list(c.controlled),
        },
        "log": log,
        "current": session.current.id,
        "tree": _tree_json(session.root),
    }


def _checks_by_entry(session: Session) -> dict[int, PathCheck]:
    """The check of every node still in the tree, under the log entry that made it."""
    out: dict[int, PathCheck] = {}
    for node in session.root.walk():
        index = session.made_by.get(node.id)
        if index is not None and node.check is not None:
            out[index] = node.check
    return out


def load_session(engine: Engine, data: object) -> Session:
    """Rebuild the session a save describes; raises SaveError saying why it cannot."""
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError("this is not an ExComm save file")
    version = data.get("save_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError("the save does not say which format it is in; it cannot be read")
    if version > SAVE_VERSION:
        needs = data.get("readable_by")
        if not (isinstance(needs, int) and needs <= SAVE_VERSION):
            raise SaveError(
                f"the save is in format {version}, newer than this game reads ({MIN_SAVE_VERSION}–{SAVE_VERSION}); "
                "update the game to open it"
            )
    if version < MIN_SAVE_VERSION:
        raise SaveError(f"save format {version} is too old for this game (it reads {MIN_SAVE_VERSION}–{SAVE_VERSION})")
    if version == 1:
        return _load_v1(engine, data)
    try:
        save = _SaveV2.model_validate(data)
    except ValidationError as exc:
        raise SaveError(f"the save is damaged ({_first_error(exc)})") from None
    config = GameConfig(
        save.config.scenario_id,
        save.config.scenario_version,
        save.config.seed,
        save.config.fate,
        tuple(save.config.controlled),
    )
    session = _new_session(engine, config)
    for i, entry in enumerate(save.log, 1):
        try:
            inp: Input = input_adapter.validate_python(entry.input)
        except ValidationError as exc:
            raise SaveError(f"the save is damaged (log entry {i}: {_first_error(exc)})") from None
        check = None
        if entry.check is not None:
            check = PathCheck(tuple(tuple(p) for p in entry.check.path), entry.check.at, entry.check.risk)  # type: ignore[misc]
        try:
            session.apply(inp, check)
        except RuleError as exc:
            raise SaveError(
                _note(save.config.scenario_version, engine, f"log entry {i} no longer plays: {exc}")
            ) from None
        except SaveError as exc:
            raise SaveError(
                _note(save.config.scenario_version, engine, f"the history no longer replays {exc}")
            ) from None
    if _tree_json(session.root) != save.tree or session.current.id != save.current:
        raise SaveError("the save is damaged (its tree of histories does not match its log)")
    return session


def _new_session(engine: Engine, config: GameConfig) -> Session:
    try:
        return Session(engine, config)
    except RuleError as exc:
        raise SaveError(f"the save's game cannot be set up: {exc}") from None


def _load_v1(engine: Engine, data: dict[str, Any]) -> Session:
    """Format 1: replay the decisions, then check the whole recorded path and where it arrived."""
    try:
        save = _SaveV1.model_validate(data)
    except ValidationError as exc:
        raise SaveError(f"the save is damaged ({_first_error(exc)})") from None
    if save.scenario_id != engine.scenario.id:
        raise SaveError(f"the save is for scenario '{excerpt(save.scenario_id, 64)}', not '{engine.scenario.id}'")
    config = GameConfig(save.scenario_id, save.scenario_version, save.seed, save.fate, tuple(save.controlled))
    session = _new_session(engine, config)
    for i, d in enumerate(save.decisions, 1):
        try:
            session.apply(Decide(node=d.node, option=d.option))
        except RuleError as exc:
            raise SaveError(_note(save.scenario_version, engine, f"decision {i} no longer replays: {exc}")) from None
    state = session.state
    replayed = [(p.kind, p.node, p.choice, p.by) for p in state.path]
    for i, saved in enumerate(save.path):
        if i < len(replayed) and replayed[i] == (saved.kind, saved.node, saved.choice, saved.by):
            continue
        now = replayed[i] if i < len(replayed) else None
        what = f"the replay gives {now[0]} '{now[1]}' → '{now[2]}'" if now else "the replay ends before it"
        raise SaveError(
            _note(
                save.scenario_version,
                engine,
                f"the history no longer replays: at step {i + 1} the save records "
                f"{saved.kind} '{saved.node}' → '{saved.choice}', but {what}",
            )
        )
    if (
        engine.node(state).id != save.check.node
        or len(state.steps) != save.check.steps
        or abs(state.risk - save.check.risk) > 1e-12
    ):
        raise SaveError(_note(save.scenario_version, engine, "the replay did not arrive where the save says it should"))
    if save.label:
        session.apply(session_label(session, save.label))
    return session


def session_label(session: Session, text: str) -> Input:
    from game.session.inputs import Label

    return Label(at=session.current.id, text=text[:200])


def _note(saved_version: str, engine: Engine, message: str) -> str:
    now = engine.scenario.version
    if saved_version == now:
        return message
    return f"{message} (saved with scenario version {saved_version}, this is {now})"


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return excerpt(f"{where}: {first['msg']}", 200)


# ---------------------------------------------------------------- files


def read_save_file(path: Path) -> object:
    """The JSON of a save file, read safely: regular files only, bounded size and depth. Raises SaveError."""
    try:
        return read_json_bounded(path, MAX_SAVE_BYTES, MAX_JSON_DEPTH)
    except UnreadableFile as exc:
        if exc.reason == "missing":
            raise SaveError(f"there is no save at {path}") from None
        raise SaveError(str(exc), permission=exc.permission) from None


@dataclass(frozen=True)
class SaveProblem:
    """A save that could not be read: why, and where the file was kept."""

    reason: str
    kept_at: Path | None


@dataclass(frozen=True)
class SaveInfo:
    """One save as a load screen lists it."""

    path: Path
    name: str  # the slot: 'autosave' or the name given
    scenario_id: str
    when_in_game: str  # the date in the game, e.g. 'Saturday 27 October 1962, 14:00'
    saved_at: float
    ending: str  # the ending's title, '' while the game goes on
    problem: str = ""  # why it cannot be opened, if it cannot
    histories: int = 0  # the lines of play it holds (0 when it was not opened)


_SLUG = re.compile(r"[^a-z0-9_-]+")


class SaveStore:
    """The saves folder: one autosave per scenario (`autosave-<id>.json`) and named saves (`<name>.json`)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def autosave_path(self, scenario_id: str) -> Path:
        return self.folder / f"autosave-{scenario_id}.json"

    def legacy_autosave_path(self) -> Path:
        """The single autosave slot of the first release (format 1); read, never written or moved."""
        return self.folder / "autosave.json"

    def named_path(self, name: str) -> Path:
        slug = _SLUG.sub("-", name.strip().lower()).strip("-")[:60] or "save"
        if slug.startswith("autosave"):
            slug = f"save-{slug}"
        return self.folder / f"{slug}.json"

    def write(self, path: Path, session: Session, name: str = "") -> None:
        write_atomic(path, json.dumps(dump_session(session, name), separators=(",", ":")))

    def attach(self, session: Session, save_now: bool = True) -> Session:
        """Keep `session` in its autosave slot from now on: after every input, and now if `save_now` — then it
        takes the slot from the game there, which is first kept as a save of its own (`kept`) if a decision was
        ever taken in it: a new game never loses an old one's histories."""
        session.saver = self.autosave
        if save_now:
            self.kept = self._keep_replaced(session.config.scenario_id)
            self.autosave(session)
        return session

    kept: Path | None = None  # where the last game a new one replaced was kept (None: nothing worth keeping)

    def _keep_replaced(self, scenario_id: str) -> Path | None:
        path = self.autosave_path(scenario_id)
        try:
            data = read_save_file(path)
        except SaveError:  # none there (or unreadable: probe_autosave keeps those aside on its own)
            return None
        entries = data.get("log") if isinstance(data, dict) else None
        played = any(_is_decision(e) for e in entries) if isinstance(entries, list) else False
        if not played and isinstance(data, dict) and isinstance(data.get("path"), list):
            played = bool(data["path"])  # the first release's saves list the decisions taken
        if not played:
            return None  # a game nobody played: nothing to keep
        try:
            return self.set_aside(path, "game")
        except OSError as exc:  # the new game still starts; the old one is overwritten, and logged
            log.warning("the game in the autosave slot could not be kept aside: %s", exc)
            return None

    def set_aside(self, path: Path, prefix: str) -> Path:
        """Move a save to a name of its own in the folder, `<prefix>-<date>-<time>.json` (when it was last
        saved), so that a new game may take its slot; returns where it went. Raises OSError."""
        stamp = time.strftime("%Y-%m-%d-%H%M", time.localtime(path.stat().st_mtime))
        n = 1
        while True:
            target = self.folder / (f"{prefix}-{stamp}.json" if n == 1 else f"{prefix}-{stamp}-{n}.json")
            if not target.exists():
                os.replace(path, target)
                return target
            n += 1

    DELETED = "deleted"  # the subfolder a deleted save goes to: out of the list, not yet out of reach

    def discard(self, path: Path) -> Path:
        """Take a save out of the list by moving it into the `deleted` subfolder (under a free name), so that
        a slip of the finger can be undone by moving it back; returns where it went. Raises OSError."""
        if path.parent != self.folder or path.suffix != ".json":
            raise SaveError(f"{path} is not a save in {self.folder}: only the folder's own saves can be deleted")
        bin_ = self.folder / self.DELETED
        bin_.mkdir(parents=True, exist_ok=True)
        n = 1
        while True:
            target = bin_ / (path.name if n == 1 else f"{path.stem}-{n}.json")
            if not target.exists():
                os.replace(path, target)
                return target
            n += 1

    def any_autosave(self) -> bool:
        """Is there an autosave of any scenario (for a menu drawn before the scenario is loaded)?"""
        try:
            return any(self.folder.glob("autosave*.json"))
        except OSError:
            return False

    def autosave(self, session: Session) -> bool:
        """Save the session in its scenario's autosave slot; on failure the game goes on and says why."""
        try:
            self.write(self.autosave_path(session.config.scenario_id), session)
            session.save_error = ""
            return True
        except OSError as exc:
            session.save_error = f"Autosave failed: {exc.strerror or exc}"
            return False

    def save_as(self, session: Session, name: str) -> Path:
        path = self.named_path(name)
        self.write(path, session, name)
        return path

    def load(self, path: Path, engine: Engine) -> Session:
        """Read and replay a save; raises SaveError (the file is never modified)."""
        data = read_save_file(path)
        if isinstance(data, dict):
            sid = data.get("scenario_id") or (data.get("config") or {}).get("scenario_id")
            if isinstance(sid, str) and sid != engine.scenario.id:
                raise SaveError(f"{path}: the save is for scenario '{excerpt(sid, 64)}', not '{engine.scenario.id}'")
        try:
            return load_session(engine, data)
        except SaveError as exc:
            raise SaveError(f"{path}: {exc}") from None

    def probe_autosave(self, engine: Engine) -> tuple[Session | None, SaveProblem | None]:
        """The scenario's autosave if there is one (or the first release's single autosave, if it was for this
        scenario). Never raises, so a title screen always goes on: a damaged autosave is moved aside (kept,
        `*.unreadable-N.json`) and reported once; one unreadable only for its permissions is reported and left
        where it is; another scenario's autosave is never touched. Stale temporary files are cleaned first."""
        clean_stale_temps(self.folder)
        path = self.autosave_path(engine.scenario.id)
        try:
            if not path.exists():
                legacy = self.legacy_autosave_path()
                if not legacy.exists() or _scenario_of(legacy) != engine.scenario.id:
                    return None, None
                path = legacy
        except OSError as exc:  # e.g. a folder the user cannot search: say so, never stop the game
            return None, SaveProblem(f"the saves folder cannot be used ({exc.strerror or exc})", None)
        try:
            return self.load(path, engine), None
        except SaveError as exc:
            log.warning("autosave unreadable: %s", exc)
            if exc.permission:
                return None, SaveProblem(str(exc), None)
            return None, SaveProblem(str(exc), self._move_aside(path))
        except Exception:  # a bug in reading must not lock the player out: keep the file aside, go on
            log.exception("autosave could not be read")
            return None, SaveProblem(
                "the saved game could not be read (details are in the log)", self._move_aside(path)
            )

    def _move_aside(self, path: Path) -> Path | None:
        try:
            return self.quarantine(path)
        except OSError as exc:
            log.warning("could not move the unreadable save aside: %s", exc)
            return None

    def quarantine(self, path: Path) -> Path:
        """Move an unreadable save aside (keeping it) so a new one can be written; returns where it went."""
        n = 1
        while True:
            target = path.with_name(f"{path.stem}.unreadable-{n}{path.suffix}")
            if not target.exists():
                os.replace(path, target)
                return target
            n += 1

    def list_saves(self, engine: Engine | None = None) -> list[SaveInfo]:
        """Every save in the folder, newest first; with an engine, the date in the game and the ending too."""
        out = []
        try:
            paths = sorted(p for p in self.folder.glob("*.json") if ".unreadable-" not in p.name)
        except OSError:
            return []
        for path in paths[:500]:
            out.append(self._info(path, engine))
        return sorted(out, key=lambda i: -i.saved_at)

    def _info(self, path: Path, engine: Engine | None) -> SaveInfo:
        slot = "autosave" if path.name.startswith("autosave") else path.stem
        try:
            data = read_save_file(path)
            saved_at = path.stat().st_mtime
        except (SaveError, OSError) as exc:
            return SaveInfo(path, slot, "", "", 0.0, "", str(exc))
        if not isinstance(data, dict):
            return SaveInfo(path, slot, "", "", saved_at, "", "not an ExComm save")
        sid = data.get("scenario_id") or (data.get("config") or {}).get("scenario_id") or ""
        name = data.get("name") or data.get("label") or slot
        if engine is None or sid != engine.scenario.id:
            return SaveInfo(path, str(name), str(sid), "", saved_at, "")
        try:
            session = load_session(engine, data)
        except ExcommError as exc:
            return SaveInfo(path, str(name), str(sid), "", saved_at, "", str(exc))
        state = session.state
        moment = datetime_of(state.clock)
        when = f"{moment:%A} {moment.day} {moment:%B %Y}, {moment:%H:%M}"
        ending = engine.node(state).title if state.ended else ""
        return SaveInfo(path, str(name), str(sid), when, saved_at, ending, histories=len(session.root.leaves()))


def _is_decision(entry: object) -> bool:
    """Is this log entry of a save (format 2, or 1's path entries) a decision taken?"""
    if not isinstance(entry, dict):
        return False
    inp = entry.get("input")
    return isinstance(inp, dict) and inp.get("type") == "decide"


def _scenario_of(path: Path) -> str | None:
    try:
        data = read_save_file(path)
    except SaveError:
        return None
    if isinstance(data, dict):
        sid = data.get("scenario_id") or (data.get("config") or {}).get("scenario_id")
        return sid if isinstance(sid, str) else None
    return None
