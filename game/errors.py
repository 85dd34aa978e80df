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

__all__ = ["AnalysisError", "ExcommError", "RuleError", "SaveError", "UnreadableFile"]


class ExcommError(Exception):
    """Base of every error the game reports to a person; its message is meant to be read."""


class SaveError(ExcommError):
    """A save could not be read, migrated or replayed; the message says why and what to do."""


class RuleError(ExcommError):
    """A front end asked for something the rules do not allow (names what and why)."""


class AnalysisError(ExcommError):
    """An analysis cannot be carried out as asked; the message says what is possible instead."""


class UnreadableFile(ExcommError):
    """A file could not be read safely: missing, not a regular file, too large, or not text."""
