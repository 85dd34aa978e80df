"""Scenario problems: each one becomes a single line a person can act on.

PATH:LINE: node 'id': field: what is wrong — how to fix
"""

from __future__ import annotations

from dataclasses import dataclass

from game.errors import ExcommError


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    owner: str | None  # e.g. "node 'u2-shot-down'" or "incident 'maultsby'"
    field: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        parts = [where]
        if self.owner:
            parts.append(self.owner)
        if self.field:
            parts.append(self.field)
        text = ": ".join(parts) + f": {self.message}"
        return text + (f" — {self.fix}" if self.fix else "")


class ScenarioError(ExcommError):
    """A scenario could not be loaded or is invalid; `problems` lists every finding."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
