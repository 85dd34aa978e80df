"""What the engine tells front ends: the choices on offer and the result of a step.

Plain frozen dataclasses so that every front end (pygame, terminal, tools)
reads the same facts and none of them needs the scenario internals.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AdvisorView:
    id: str
    name: str
    role: str
    argument: str
    short: str = ""  # the name under a portrait where the surname would be ambiguous ('' : the surname)
    stance: str = ""  # 'for' or 'against' the option ('' : neither)


@dataclass(frozen=True)
class ChoiceView:
    """One option of the current decision, as a front end may offer it."""

    id: str
    number: int  # 1-based, for number keys and typed answers
    text: str
    detail: str
    available: bool
    reason: str  # why it is unavailable ('' when available)
    advisors: tuple[AdvisorView, ...]
    tags: tuple[str, ...]
    historical: bool


@dataclass(frozen=True)
class RiskTerm:
    """One driver of this step's danger: its label and its chance of nuclear use."""

    source: str  # driver id, 'action:<option>', 'incident:<id>', 'chance:<outcome>'
    label: str
    kind: str  # ongoing | action | incident | chance
    hazard: float
    audience: str = "all"  # who may see this term (the hazard always counts, seen or not)
    actor: str = ""  # for an action: the side whose move it was


@dataclass(frozen=True)
class Change:
    """A variable or flag that a step changed (effects applied, by anyone)."""

    name: str
    label: str
    before: float | bool
    after: float | bool
    audience: str = "all"


@dataclass(frozen=True)
class Event:
    """Something that happened during a step, in order."""

    kind: str  # decision | computer | chance | incident | catastrophe | ending
    node: str
    title: str
    text: str
    when: int  # minutes since 1 Jan 1962
    actor: str = ""
    choice: str = ""
    choice_text: str = ""
    historical: bool = False
    audience: str = "all"  # 'all', a side id or 'facilitator': who may be told of it
    headline: str = ""  # a title for the result screen, when this event is the step's last word
    # (audience, text): parts of the story told only to that audience, each text opening with whom it is
    # kept to; a view joins the ones its viewer may see to `text` and drops the rest (views.py)
    private: tuple[tuple[str, str], ...] = ()


def headline_of(events: tuple[Event, ...] | list[Event]) -> str:
    """The title a result screen gives a step: the headline of its last event that has one ('' if none)."""
    for event in reversed(events):
        if event.headline:
            return event.headline
    return ""


@dataclass(frozen=True)
class Step:
    """The result of one choice (or of the opening of a game when `option` is '')."""

    node: str
    option: str
    events: tuple[Event, ...]
    terms: tuple[RiskTerm, ...]
    hazard: float
    risk_before: float
    risk_after: float
    defcon_before: int
    defcon_after: int
    clock_before: int
    clock_after: int
    next_node: str
    ended: bool
    catastrophe: bool
    changes: tuple[Change, ...] = ()

    @property
    def risk_change(self) -> float:
        return self.risk_after - self.risk_before

    @property
    def headline(self) -> str:
        return headline_of(self.events)

    def drivers(self) -> list[RiskTerm]:
        """Terms that moved the risk, largest first."""
        return sorted((t for t in self.terms if t.hazard > 0), key=lambda t: -t.hazard)
