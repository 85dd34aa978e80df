"""Saved games: the inputs of a history, replayed to rebuild it.

A save holds the scenario id and version, the seed, the fate, the sides
people play and their decisions (by stable ids). The rest of the path (the
other side's moves, chance outcomes, incidents), which the seed reproduces, is
recorded too: a replay is checked against it step by step, so a scenario that
has changed since is caught at the first point where the history differs.
Files are written atomically (temp file, fsync, rename); a file that cannot be
read is reported and left untouched, never overwritten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.engine.engine import Engine
from game.engine.state import GameState
from game.errors import RuleError, SaveError, UnreadableFile, excerpt
from game.fileio import read_json_bounded, write_atomic

SAVE_FORMAT = "excomm-save"
SAVE_VERSION = 1
MIN_SAVE_VERSION = 1
MAX_SAVE_BYTES = 2_000_000
MAX_SAVE_DEPTH = 8  # a save is four levels deep; anything far deeper is not a save


class SavedDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    node: str
    option: str


class SavedEvent(BaseModel):
    """One point of the path: a decision (by a player or the computer), a chance outcome or an incident."""

    model_config = ConfigDict(extra="forbid")
    kind: str
    node: str
    choice: str
    by: str


class SavedCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")
    node: str
    risk: float
    steps: int


class SaveFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: str
    save_version: int
    scenario_id: str
    scenario_version: str
    seed: int
    fate: str
    controlled: list[str]
    decisions: list[SavedDecision] = Field(max_length=10_000)
    path: list[SavedEvent] = Field(default=[], max_length=100_000)
    check: SavedCheck
    label: str = ""


def to_save(engine: Engine, state: GameState, label: str = "") -> dict:
    """The JSON-ready inputs of `state`."""
    return SaveFile(
        format=SAVE_FORMAT,
        save_version=SAVE_VERSION,
        scenario_id=state.scenario_id,
        scenario_version=state.scenario_version,
        seed=state.seed,
        fate=state.fate,
        controlled=list(state.controlled),
        decisions=[SavedDecision(node=n, option=o) for n, o in state.decisions],
        path=[SavedEvent(kind=p.kind, node=p.node, choice=p.choice, by=p.by) for p in state.path],
        check=SavedCheck(node=engine.node(state).id, risk=state.risk, steps=len(state.steps)),
        label=label,
    ).model_dump()


def replay(
    engine: Engine, seed: int, fate: str, controlled: tuple[str, ...], decisions: list[tuple[str, str]]
) -> GameState:
    """Rebuild a state by replaying decisions from a new game (raises RuleError if one no longer fits)."""
    state = engine.new_game(seed=seed, controlled=controlled, fate=fate)
    for i, (node_id, option_id) in enumerate(decisions, 1):
        here = engine.node(state).id
        if here != node_id:
            raise RuleError(f"decision {i} was taken at '{node_id}' but the replay is at '{here}'")
        engine.choose(state, option_id)
    return state


def from_save(engine: Engine, data: object) -> GameState:
    """Rebuild the state a save describes; raises SaveError saying why it cannot."""
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError("this is not an ExComm save file")
    version = data.get("save_version")
    if not isinstance(version, int) or not MIN_SAVE_VERSION <= version <= SAVE_VERSION:
        raise SaveError(
            f"save format {excerpt(version, 20)} is not supported (this game reads {MIN_SAVE_VERSION}–{SAVE_VERSION})"
        )
    try:
        save = SaveFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = excerpt(".".join(str(p) for p in first["loc"]), 60)
        raise SaveError(f"the save is damaged ({where}: {excerpt(first['msg'], 120)})") from None
    sc = engine.scenario
    if save.scenario_id != sc.id:
        raise SaveError(f"the save is for scenario '{excerpt(save.scenario_id, 64)}', not '{sc.id}'")
    try:
        state = replay(
            engine, save.seed, save.fate, tuple(save.controlled), [(d.node, d.option) for d in save.decisions]
        )
    except RuleError as exc:
        note = (
            ""
            if save.scenario_version == sc.version
            else (f" (saved with scenario version {excerpt(save.scenario_version, 20)}, now {sc.version})")
        )
        raise SaveError(f"the save no longer replays{note}: {excerpt(str(exc), 300)}") from None
    _check_path(save, state, engine.scenario.version)
    if (
        engine.node(state).id != save.check.node
        or len(state.steps) != save.check.steps
        or (abs(state.risk - save.check.risk) > 1e-12)
    ):
        note = (
            ""
            if save.scenario_version == sc.version
            else (f" — it was made with scenario version {excerpt(save.scenario_version, 20)}, this is {sc.version}")
        )
        raise SaveError(f"the replay did not arrive where the save says it should{note}")
    return state


def _check_path(save: SaveFile, state: GameState, version: str) -> None:
    """The replayed path must match the recorded one; name the first point where it does not."""
    replayed = [(p.kind, p.node, p.choice, p.by) for p in state.path]
    for i, saved in enumerate(save.path):
        if i < len(replayed) and replayed[i] == (saved.kind, saved.node, saved.choice, saved.by):
            continue
        now = replayed[i] if i < len(replayed) else None
        what = f"the replay gives {now[0]} '{now[1]}' → '{now[2]}'" if now else "the replay ends before it"
        saved_with = excerpt(save.scenario_version, 20)
        note = "" if save.scenario_version == version else f" (saved with scenario version {saved_with})"
        raise SaveError(
            f"the history no longer replays{note}: at step {i + 1} the save records "
            f"{excerpt(saved.kind, 20)} '{excerpt(saved.node, 64)}' → '{excerpt(saved.choice, 64)}', but {what}"
        )


def save_game(path: Path, engine: Engine, state: GameState, label: str = "") -> None:
    write_atomic(Path(path), json.dumps(to_save(engine, state, label), indent=1))


def load_game(path: Path, engine: Engine) -> GameState:
    """Read and replay a save; raises SaveError (the file is never modified).

    Reading goes through `read_json_bounded`: only a regular file, at most MAX_SAVE_BYTES, JSON
    at most MAX_SAVE_DEPTH deep with sane numbers. Every failure is a SaveError; its `permission`
    is true when the file is only unreadable by its permissions (so it must not be moved aside).
    """
    path = Path(path)
    try:
        data = read_json_bounded(path, MAX_SAVE_BYTES, MAX_SAVE_DEPTH)
    except UnreadableFile as exc:
        raise SaveError(str(exc), permission=exc.permission) from None
    try:
        return from_save(engine, data)
    except SaveError as exc:
        raise SaveError(f"{path}: {exc}") from None


def quarantine_corrupt(path: Path) -> Path:
    """Move an unreadable save aside (keeping it) so a new one can be written; returns where it went."""
    path = Path(path)
    n = 1
    while True:
        target = path.with_name(f"{path.stem}.unreadable-{n}{path.suffix}")
        if not target.exists():
            os.replace(path, target)
            return target
        n += 1
