"""The runtime form of a scenario: plain objects with compiled expressions.

The engine runs on these rather than on the pydantic models so that a random
playthrough costs microseconds. They are built once by `compile.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from game.scenario.compiled_map import RMap
from game.scenario.expressions import Compiled, Symbol, Values
from game.scenario.models import Scenario
from game.scenario.yaml_source import SourceMap

RESUME = -1  # `next: '@resume'` — return to where an incident interrupted
EPOCH = datetime(1, 1, 1)  # the clock counts minutes from here, whatever year a scenario is set in
MINUTES_PER_DAY = 24 * 60
EVERYONE, FACILITATOR = "all", "facilitator"  # audiences every scenario has besides its sides
JOINT = "+"  # joins sides into one audience: 'us+ussr' is told to both, never to the public

# Read-only values the engine keeps current for expressions.
BUILTINS: dict[str, str] = {
    "day": "Day counted from the scenario's calendar.day_one (day 1) with the hour as a fraction.",
    "hour": "Hour of the day, 0-23.",
    "risk": "Cumulative probability of nuclear use so far, 0-1.",
}
SLOT_DAY, SLOT_HOUR, SLOT_RISK = 0, 1, 2

Bound = tuple[float | None, float | None]  # a variable's (min, max); (None, None) for built-ins and flags
Subject = tuple[int, str, tuple[re.Pattern[str], ...]]  # (flag slot, flag name, compiled patterns)


def minutes_of(when: str) -> int:
    """'1962-10-22T19:00' -> minutes since the clock's epoch."""
    return int((datetime.strptime(when, "%Y-%m-%dT%H:%M") - EPOCH).total_seconds() // 60)


def datetime_of(minutes: int) -> datetime:
    return EPOCH + timedelta(minutes=minutes)


@dataclass(frozen=True, slots=True)
class Calendar:
    """When the scenario's day 1 falls, and the zero of the minutes that dice keys carry.

    Keys count minutes from 1 January of day one's year, so that a history drawn today is drawn the
    same by every later version of the game (the clock's own epoch is an implementation detail).
    """

    day_one: int  # minutes at 00:00 on day one
    key_zero: int  # minutes at 00:00 on 1 January of day one's year

    def day_of(self, minutes: int) -> float:
        return 1 + (minutes - self.day_one) / MINUTES_PER_DAY


@dataclass(frozen=True, slots=True)
class IntelLine:
    text: str
    audience: str


@dataclass(frozen=True, slots=True)
class RSecret:
    id: str
    title: str
    text: str
    known_to: str
    revealed_when: Compiled | None
    invented: bool


@dataclass(slots=True)
class REffect:
    slot: int
    op: str
    fn: Compiled
    lo: float | None
    hi: float | None
    source: str


@dataclass(slots=True)
class RShock:
    label: str
    fn: Compiled
    cause: int | None = None  # slot of the flag set when this danger escapes control
    audience: str = EVERYONE


@dataclass(slots=True)
class RAdvisor:
    id: str
    name: str
    role: str
    argument: str
    condition: Compiled | None = None  # heard only when true
    short: str = ""  # the name under a portrait, when the scenario gives one (two Kennedys)
    stance: str = ""  # 'for' or 'against' the option ('' : neither)


@dataclass(slots=True)
class ROptionVariant:
    """Another wording of an option; None fields keep the option's own."""

    condition: Compiled
    text: str | None
    detail: str | None
    advisors: tuple[RAdvisor, ...] | None
    outcome: str | None
    headline: str | None


@dataclass(slots=True)
class ROption:
    id: str
    text: str
    detail: str
    advisors: tuple[RAdvisor, ...]
    condition: Compiled | None
    unavailable: str
    effects: tuple[REffect, ...]
    shocks: tuple[RShock, ...]
    next: int
    historical: bool
    tags: tuple[str, ...]
    weight: Compiled
    outcome: str
    audience: str = EVERYONE
    variants: tuple[ROptionVariant, ...] = ()
    headline: str = ""
    major: str | None = None


@dataclass(slots=True)
class ROutcome:
    id: str
    text: str
    chance: Compiled | None  # None: the rest
    effects: tuple[REffect, ...]
    shocks: tuple[RShock, ...]
    next: int
    historical: bool
    audience: str = EVERYONE
    headline: str = ""
    major: str | None = None


@dataclass(slots=True)
class RNode:
    index: int
    id: str
    kind: str  # decision | chance | ending
    when: int
    title: str
    text: str
    invented: bool
    sources: tuple[str, ...]
    history: str
    actor: str = ""
    audience: str = EVERYONE  # a decision's: who hears of its deliberation (its title included)
    intel: tuple[IntelLine, ...] = ()
    variants: tuple[tuple[Compiled, str, tuple[IntelLine, ...] | None], ...] = ()  # (condition, text, intel or None)
    options: tuple[ROption, ...] = ()
    outcomes: tuple[ROutcome, ...] = ()
    category: str = ""
    debrief: str = ""
    recalls: tuple[str, ...] = ()  # major events the node's own telling speaks of
    variant_extras: tuple[tuple[str | None, tuple[str, ...]], ...] = ()  # per variant: (title or None, recalls)
    effects: tuple[REffect, ...] = ()  # an ending's: what it says happened
    claims: tuple[tuple[str, str], ...] = ()  # an ending's: (assessment id, case id) its text stands for


@dataclass(slots=True)
class RIncident:
    index: int
    id: str
    title: str
    text: str
    start: int
    end: int
    condition: Compiled | None
    chance: Compiled
    effects: tuple[REffect, ...]
    shocks: tuple[RShock, ...]
    interrupt: int | None
    historical: bool
    invented: bool
    sources: tuple[str, ...]
    audience: str = EVERYONE
    major: str | None = None
    private: tuple[tuple[str, str], ...] = ()  # (audience, text): the parts of the story only it learns


@dataclass(slots=True)
class RDriver:
    id: str
    label: str
    per_day: Compiled
    cause: int | None = None
    audience: str = EVERYONE


@dataclass(slots=True)
class RAssessment:
    id: str
    label: str
    cases: tuple[tuple[Compiled | None, str, int], ...]
    case_ids: tuple[str | None, ...] = ()  # the cases' ids, in the same order


@dataclass
class CompiledScenario:
    model: Scenario
    path: str
    nodes: list[RNode]
    by_id: dict[str, RNode]
    start: int
    catastrophe: int
    incidents: list[RIncident]
    drivers: list[RDriver]
    defcon: list[tuple[int, Compiled]]
    max_step_hazard: float
    symbols: dict[str, Symbol]
    initial: Values
    assessments: list[RAssessment]
    calendar: Calendar = Calendar(0, 0)
    secrets: tuple[RSecret, ...] = ()
    slot_audiences: list[str] = field(default_factory=list)  # who may see each variable and flag
    catastrophic: frozenset[str] = frozenset()  # ending categories reached only through the risk model
    documented_category: str | None = None  # the category of the ending the documented course reaches
    slot_names: list[str] = field(default_factory=list)
    bounds: list[Bound] = field(default_factory=list)
    used_names: frozenset[str] = frozenset()  # names read by some expression
    lines: SourceMap | None = None  # the scenario file's lines, for validate.py's messages
    data: object = None  # the raw YAML data, likewise
    map: RMap | None = None  # the map the window draws (compile_map.py)
    defcon_notes: tuple[str, ...] = ()  # for each of `defcon`, which forces are at that level
    subjects: tuple[Subject, ...] = ()  # each flag's subject patterns, for story checks
    denials: tuple[Subject, ...] = ()  # each flag's denial patterns: words a text may not say while it is true

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def version(self) -> str:
        return self.model.version

    def node(self, node_id: str) -> RNode:
        return self.by_id[node_id]

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides that decide, in declaration order."""
        return tuple(sid for sid, spec in self.model.sides.items() if spec.plays)

    def audiences(self) -> tuple[str, ...]:
        """Every audience a view can be made for: everyone, each declared side, the facilitator."""
        return (EVERYONE, *self.model.sides, FACILITATOR)

    def side_name(self, side: str) -> str:
        spec = self.model.sides.get(side)
        return spec.name if spec else side

    def council_name(self, side: str) -> str:
        """Who decided for `side` in the record ('the ExComm'), for 'the same choice as ...' (default: its name)."""
        spec = self.model.sides.get(side)
        return (spec.council if spec is not None else None) or self.side_name(side)

    def ending_label(self, category: str) -> str:
        spec = self.model.endings.get(category)
        return spec.label if spec else category.replace("-", " ").capitalize()
