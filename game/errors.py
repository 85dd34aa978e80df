"""The game's exceptions: one base, one subclass per kind of trouble.

    ExcommError                 anything the game reports to a person (catch this in a front end)
    ├── ScenarioError           a scenario file cannot be loaded or is invalid (lists every problem)
    ├── SaveError               a save cannot be read, migrated or replayed (the file is kept)
    ├── RuleError               a front end asked for a move the rules do not allow
    ├── AnalysisError           an analysis cannot be done for this scenario or policy
    └── UnreadableFile          a file is not a regular file, too large, or not readable

Every message says what went wrong and what to do about it. Standard library only, so
that every layer may import it.
"""

from __future__ import annotations

import re

__all__ = ["AnalysisError", "ExcommError", "RuleError", "SaveError", "UnreadableFile", "excerpt"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def excerpt(value: object, limit: int = 80) -> str:
    """What a file says, made fit to show: control characters and lone surrogates replaced, cut to
    `limit` characters with an ellipsis. A message must not carry megabytes or a NUL from a file."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        text = text[: max(1, limit - 1)] + "…"
    return _CONTROL.sub("\ufffd", text)


class ExcommError(Exception):
    """Base of every error the game reports to a person; its message is meant to be read."""


class SaveError(ExcommError):
    """A save could not be read, migrated or replayed; the message says why and what to do.

    `permission` is true when the file is only unreadable because of its permissions: it is not damaged,
    so a caller must not move it aside as corrupt.
    """

    def __init__(self, message: str, *, permission: bool = False):
        super().__init__(message)
        self.permission = permission


class RuleError(ExcommError):
    """A front end asked for something the rules do not allow (names what and why)."""


class AnalysisError(ExcommError):
    """An analysis cannot be carried out as asked; the message says what is possible instead."""


class UnreadableFile(ExcommError):
    """A file could not be read safely: missing, not a regular file, too large, or not text.

    `reason` says which: "missing", "permission", "not-a-file", "too-large", "not-text", "damaged" (not
    valid JSON or beyond the limits) or "os" (any other system error). `permission` is true only for a
    file that is unreadable because of its permissions (it is not damaged: do not move it aside).
    `line` is the 1-based line of the problem when one is known.
    """

    def __init__(self, message: str, *, reason: str = "os", line: int | None = None):
        super().__init__(message)
        self.reason = reason
        self.line = line

    @property
    def permission(self) -> bool:
        return self.reason == "permission"
