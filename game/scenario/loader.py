"""Load a scenario file: YAML -> pydantic models -> compiled runtime form.

Every failure becomes `ScenarioError` carrying one `Problem` per finding, each
naming the file, line, node and field and saying how to fix it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from game.errors import UnreadableFile
from game.fileio import read_text_bounded
from game.scenario import models
from game.scenario.compile import compile_scenario
from game.scenario.compiled import CompiledScenario
from game.scenario.errors import Problem, ScenarioError
from game.scenario.migrate import upgrade
from game.scenario.yaml_source import Path as DataPath
from game.scenario.yaml_source import SourceMap, YamlProblem, read_yaml

MAX_FILE_BYTES = 4_000_000


def _all_field_names() -> list[str]:
    names: set[str] = set()
    for obj in vars(models).values():
        if isinstance(obj, type) and issubclass(obj, models.Frozen):
            for name, info in obj.model_fields.items():
                names.add(info.alias or name)
    return sorted(names)


_FIELD_NAMES = _all_field_names()


def _entry_id(data: object, section: str, index: int) -> object:
    """`data[section][index]["id"]`, or None where the data has no such entry or id."""
    entries = data.get(section) if isinstance(data, dict) else None
    entry = entries[index] if isinstance(entries, list) and -len(entries) <= index < len(entries) else None
    return entry.get("id") if isinstance(entry, dict) else None


def _owner(data: object, path: DataPath) -> tuple[str | None, DataPath]:
    """Split a data path into the owning node/incident label and the rest."""
    if len(path) >= 2 and path[0] in ("nodes", "incidents") and isinstance(path[1], int):
        ident = _entry_id(data, str(path[0]), path[1])
        label = "node" if path[0] == "nodes" else "incident"
        return (f"{label} '{ident}'" if ident else f"{label} #{path[1] + 1}"), path[2:]
    return None, path


def _field_text(path: DataPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Reporter:
    def __init__(self, path: str, data: object, lines: SourceMap):
        self.path, self.data, self.lines = path, data, lines
        self.problems: list[Problem] = []

    def __call__(self, at: DataPath, field: str, message: str, fix: str) -> None:
        owner, rest = _owner(self.data, at)
        self.problems.append(
            Problem(self.path, self.lines.line_of(at), owner, _field_text(rest) or field, message, fix)
        )


def _data_path(data: object, loc: DataPath) -> DataPath:
    """Translate a pydantic error location into a path in the YAML data (dropping union tags)."""
    path: list[str | int] = []
    cur: object = data
    for part in loc:
        if isinstance(cur, dict):
            if part in cur:
                path.append(part)
                cur = cur[part]
            elif cur.get("kind") == part:
                continue  # the discriminator tag pydantic inserts for node kinds
            else:
                path.append(part)
                cur = None
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            path.append(part)
            cur = cur[part]
        else:
            path.append(part)
            cur = None
    return tuple(path)


def _fix_for(err: ErrorDetails, field: str) -> str:
    kind = err["type"]
    if kind == "missing":
        return f"add '{field}:' here"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field, _FIELD_NAMES, n=1)
        return f"did you mean '{close[0]}'?" if close else "remove it; see scenarios/scenario.schema.json for the keys"
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(err.get("ctx", {}).get("pattern", "")):
        return "ids use lower-case letters, digits, '-' and '_' (at most 64 characters)"
    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        return "set 'kind:' to decision, chance or ending"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return "check the value's type (text in quotes, numbers bare, true/false)"
    if kind in ("too_short", "too_long"):
        return "adjust the number of entries"
    return "see the scenario format in README.md"


def _message_for(err: ErrorDetails) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown key"
    msg = err["msg"]
    return msg[len("Value error, ") :] if msg.startswith("Value error, ") else msg


def _validation_problems(exc: ValidationError, data: dict[str, object], lines: SourceMap, path: str) -> list[Problem]:
    errors = exc.errors()
    located = [(_data_path(data, tuple(err["loc"])), err) for err in errors]
    # A misspelt key shows up twice: as an unknown key and as a missing field. Say it once, as a typo.
    typos = {
        at[:-1] + (match[0],)
        for at, err in located
        if err["type"] == "extra_forbidden"
        for match in [difflib.get_close_matches(str(at[-1]), _FIELD_NAMES, n=1)]
        if match
    }
    problems = []
    for at, err in located:
        if err["type"] == "missing" and at in typos:
            continue
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            at = at + ("kind",)
        owner, rest = _owner(data, at)
        field = _field_text(rest) or "(top level)"
        last = str(rest[-1]) if rest else field
        problems.append(Problem(path, lines.line_of(at), owner, field, _message_for(err), _fix_for(err, last)))
    return sorted(problems, key=lambda p: p.line or 0)


def parse_scenario(text: str, path: str = "<scenario>") -> CompiledScenario:
    """Validate and compile scenario YAML text; raises ScenarioError."""
    try:
        data, lines = read_yaml(text)
    except YamlProblem as exc:
        raise ScenarioError([Problem(path, exc.line, None, "", exc.message, exc.fix)]) from None
    if not isinstance(data, dict):
        raise ScenarioError(
            [
                Problem(
                    path,
                    1,
                    None,
                    "",
                    "the top level must be a mapping of keys",
                    "start with 'format_version: 2' and 'id: ...'",
                )
            ]
        )
    data = upgrade(data)
    try:
        scenario = models.Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_validation_problems(exc, data, lines, path)) from None
    reporter = _Reporter(path, data, lines)
    compiled = compile_scenario(scenario, path, reporter)
    compiled.lines, compiled.data = lines, data
    if reporter.problems:
        raise ScenarioError(sorted(reporter.problems, key=lambda p: p.line or 0))
    return compiled


def load_scenario(path: str | Path) -> CompiledScenario:
    """Read, validate and compile a scenario file; raises ScenarioError.

    Read with `read_text_bounded`: a regular file only (a FIFO or a device such as /dev/zero is
    refused at once), at most MAX_FILE_BYTES, UTF-8; every refusal is one PATH:LINE line.
    """
    shown = str(path)
    try:
        text = read_text_bounded(path, MAX_FILE_BYTES)
    except UnreadableFile as exc:
        message, fix = _READ_PROBLEMS.get(exc.reason, ("cannot be read", "check the path and the permissions"))
        if exc.reason == "os":
            message = str(exc).removeprefix(f"{shown} ").split(" — ")[0]
        raise ScenarioError([Problem(shown, exc.line or 1, None, "", message, fix)]) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ScenarioError(
            [Problem(shown, line, None, "", "contains NUL bytes: not a text file", "name a .yaml file")]
        )
    return parse_scenario(text, shown)


_READ_PROBLEMS = {
    "missing": ("no such file", "check the path"),
    "permission": ("cannot read: permission denied", "check the file's permissions"),
    "not-a-file": ("is not a regular file (a folder, a device or a pipe)", "name a .yaml file"),
    "too-large": (f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB", "check that this is a scenario file"),
    "not-text": ("not UTF-8 text", "save the file as UTF-8"),
}
