"""Everything that changes during a game. The scenario itself never does.

A state is rebuilt from its inputs — scenario id and version, seed, fate,
the sides people play and the decisions they took — by replaying them, so a
save stores only those inputs (see `save.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from game.engine.results import Step
from game.scenario.expressions import Values

FATES = ("dice", "history")


class PathEntry(NamedTuple):
    """One node passed through: who decided (a person, the computer or chance) and what.

    A NamedTuple rather than a frozen dataclass: simulations create millions of them.
    """

    kind: str  # decision | chance | incident | ending
    node: str
    choice: str  # option / outcome / incident id ('' for an ending)
    actor: str  # us | ussr | chance
    by: str  # player | computer | chance
    when: int
    risk: float  # cumulative risk after this point
    historical: bool


@dataclass
class GameState:
    scenario_id: str
    scenario_version: str
    seed: int
    fate: str  # 'dice': chance decides; 'history': the documented 1962 course wherever it exists
    controlled: tuple[str, ...]  # the sides people play; the scenario's policy plays the rest
    node: int
    clock: int
    values: Values  # one per scenario symbol, by slot
    survival: float = 1.0
    hazard_sum: float = 0.0  # Σ step hazards: its expectation is the chance of catastrophe (see analysis/exact.py)
    considered: set[int] = field(default_factory=set)
    fired: list[str] = field(default_factory=list)
    resume: list[int] = field(default_factory=list)
    draws: dict[str, int] = field(default_factory=dict)
    decisions: list[tuple[str, str]] = field(default_factory=list)
    path: list[PathEntry] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    ended: bool = False
    revealed: list[tuple[str, str]] = field(default_factory=list)  # (secret id, audience) made known by an input

    @property
    def risk(self) -> float:
        """Cumulative probability of nuclear use so far: 1 - Π(1 - h_t)."""
        return 1.0 - self.survival

    def clone(self) -> GameState:
        """An independent copy (the history lists are copied; their entries are immutable)."""
        return GameState(
            self.scenario_id,
            self.scenario_version,
            self.seed,
            self.fate,
            self.controlled,
            self.node,
            self.clock,
            list(self.values),
            self.survival,
            self.hazard_sum,
            set(self.considered),
            list(self.fired),
            list(self.resume),
            dict(self.draws),
            list(self.decisions),
            list(self.path),
            list(self.steps),
            self.ended,
            list(self.revealed),
        )

    def fingerprint(self) -> tuple[object, ...]:
        """Everything that defines the history, for comparing two states."""
        return (
            self.scenario_id,
            self.scenario_version,
            self.seed,
            self.fate,
            self.controlled,
            self.node,
            self.clock,
            tuple(self.values),
            self.survival,
            self.hazard_sum,
            tuple(sorted(self.considered)),
            tuple(self.fired),
            tuple(self.resume),
            tuple(sorted(self.draws.items())),
            tuple(self.decisions),
            tuple(self.path),
            tuple(self.steps),
            self.ended,
            tuple(self.revealed),
        )
