"""Read YAML safely into plain data while remembering the line of every value.

PyYAML's safe composer builds a node tree (no Python objects are ever
constructed from tags); we walk it ourselves so that we can refuse what a
scenario never needs (custom tags, duplicate keys, runaway aliases, deep
nesting) and keep a map from each data path to its line for error messages.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field

import yaml

MAX_BYTES = 4_000_000
MAX_DEPTH = 40
MAX_VALUES = 400_000
MAX_TEXT = 20_000  # characters in one text value: a long briefing page, far below what would freeze a screen
MAX_INT = 10**15  # beyond any count a scenario holds, well inside float precision
# Control characters break the window's text rendering (a NUL ends a string in SDL) and have no place in
# a story; tab and line breaks are text. Checked on every string value and key.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

Path = tuple[str | int, ...]

# libyaml's safe composer when PyYAML was built with it (14x faster on the main scenario; the
# same nodes and marks), else the pure-Python one. Either only composes: we build the values.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None, fix: str):
        self.message, self.line, self.fix = message, line, fix
        super().__init__(message)


@dataclass
class SourceMap:
    """Lines (1-based) of every mapping key and value, keyed by data path."""

    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        # Fall back to the nearest enclosing value that has a line.
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


class _Walker:
    def __init__(self) -> None:
        self.constructor = yaml.SafeLoader("")  # for resolving scalar values only
        self.lines = SourceMap()
        self.count = 0

    def scalar(self, node: yaml.ScalarNode, line: int) -> object:
        """A plain value; refused with its line when it cannot be one a scenario holds."""
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise
        except (ValueError, TypeError, OverflowError):
            # e.g. '!!float abc', '!!int 1.5', or an integer of thousands of digits (Python's limit)
            shown = node.value if len(node.value) <= 40 else f"{node.value[:20]}… ({len(node.value)} characters)"
            raise YamlProblem(
                f"'{shown}' cannot be read as {node.tag.rsplit(':', 1)[-1]}",
                line,
                "write an ordinary number (e.g. 0.05 or 1.0e-5) or text in quotes",
            ) from None
        if isinstance(value, (datetime.date, datetime.datetime)):
            return node.value  # keep dates as the text the author wrote
        if isinstance(value, float) and not math.isfinite(value):
            raise YamlProblem(
                f"'{node.value[:40]}' is not a finite number",
                line,
                "scenarios hold ordinary numbers: no .inf, .nan or numbers beyond 1e308",
            )
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
            raise YamlProblem(f"the number {node.value[:20]}… is far too large", line, "write an ordinary number")
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                raise YamlProblem(
                    f"text of {len(value):,} characters (at most {MAX_TEXT:,})",
                    line,
                    "split it into pages or shorten it: a screen cannot show this much at once",
                )
            bad = _CONTROL.search(value)
            if bad:
                raise YamlProblem(
                    f"text holds the control character {bad.group()!r}",
                    line,
                    "remove it: text may hold line breaks and tabs, nothing else below a space",
                )
        return value

    def walk(self, node: yaml.Node, path: Path, depth: int) -> object:
        self.count += 1
        line = node.start_mark.line + 1
        if self.count > MAX_VALUES:
            raise YamlProblem(
                f"more than {MAX_VALUES} values (are aliases expanding?)",
                line,
                "split the file or remove repeated aliases",
            )
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", line, "flatten the structure")
        if node.tag not in _PLAIN_TAGS:
            raise YamlProblem(
                f"the tag '{node.tag}' is not allowed",
                line,
                "remove the tag: scenarios hold plain text, numbers, lists and mappings",
            )
        self.lines.lines.setdefault(path, line)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, line)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(
                    "merge keys ('<<') are not supported", key_node.start_mark.line + 1, "write the keys out in full"
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(
                    "a mapping key must be plain text", key_node.start_mark.line + 1, "use a simple name as the key"
                )
            key = str(self.scalar(key_node, key_node.start_mark.line + 1))
            if key in result:
                raise YamlProblem(
                    f"the key '{key}' appears twice", key_node.start_mark.line + 1, "remove or rename one of them"
                )
            self.lines.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.walk(value_node, path + (key,), depth + 1)
        return result


def read_yaml(text: str) -> tuple[object, SourceMap]:
    """Parse YAML text into plain data and a line map; raises YamlProblem."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise YamlProblem(
            f"file is larger than {MAX_BYTES // 1_000_000} MB",
            1,
            "a scenario should be far smaller; check it is the right file",
        )
    try:
        root = yaml.compose(text, Loader=_COMPOSER)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: it has a position, not a mark
        position = exc.position if isinstance(exc.position, int) else 0
        line: int | None = text.count("\n", 0, min(position, len(text))) + 1
        raise YamlProblem(
            f"character {exc.character!r} is not allowed in YAML"
            if isinstance(exc.character, str)
            else f"not valid YAML: {exc.reason}",
            line,
            "remove the control character, or write it as an escape such as \\t inside double quotes",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        if "nesting depth" in str(exc.problem):  # libyaml's own depth guard
            raise YamlProblem(
                f"nested more than libyaml allows: {exc.problem}", line, "flatten the structure"
            ) from None
        raise YamlProblem(
            f"not valid YAML: {exc.problem or exc.context}", line, "check indentation, colons and quotes near this line"
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"not valid YAML: {exc}", 1, "check the file is YAML text") from None
    except RecursionError:
        raise YamlProblem("nested too deeply to read", 1, "flatten the structure") from None
    if root is None:
        raise YamlProblem("the file is empty", 1, "start from scenarios/october-1962.yaml")
    walker = _Walker()
    try:
        data = walker.walk(root, (), 0)
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise YamlProblem(
            f"cannot read a value: {exc.problem}", line, "write plain text, numbers or true/false"
        ) from None
    except RecursionError:
        raise YamlProblem("nested too deeply to read", None, "flatten the structure") from None
    return data, walker.lines
