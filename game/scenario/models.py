"""The scenario format: immutable pydantic v2 models of a scenario YAML file.

These models check shape and types. Cross-references (does `next` name a node?),
expressions and graph properties are checked by `compile.py` and `validate.py`,
which report with the same PATH:LINE: node 'id': field: problem — fix lines.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FORMAT_VERSION = 1
MIN_FORMAT_VERSION = 1

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
Id = Annotated[str, Field(pattern=ID_PATTERN, description="A stable id: lower case, digits, - and _.")]
Side = Literal["us", "ussr"]
Expr = Annotated[str | float | bool, Field(description="An expression in the scenario language.")]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
Probability = Annotated[float, Field(ge=0, le=1)]

_WHEN = re.compile(r"^1962-(0[1-9]|1[0-2])-([0-2][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]$")


class Frozen(BaseModel):
    # allow_inf_nan: YAML's .inf and .nan are never a scenario's numbers (NaN passes every "sum to one" check)
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, allow_inf_nan=False)


def _check_when(value: str) -> str:
    if not _WHEN.match(value):
        raise ValueError("must be a 1962 date and time written YYYY-MM-DDTHH:MM, e.g. '1962-10-22T19:00'")
    datetime.strptime(value, "%Y-%m-%dT%H:%M")  # rejects 1962-02-30
    return value


When = Annotated[str, Field(description="Date and time in 1962, 'YYYY-MM-DDTHH:MM'.")]


class Advisor(Frozen):
    name: ShortText
    role: ShortText
    side: Side | Literal["cuba", "un"] = "us"
    note: str = ""


class Variable(Frozen):
    label: ShortText
    initial: float
    min: float = 0
    max: float = 10
    description: str = ""

    @model_validator(mode="after")
    def _bounds(self) -> Variable:
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is larger than max ({self.max:g}); swap them")
        if not self.min <= self.initial <= self.max:
            raise ValueError(f"initial ({self.initial:g}) is outside min–max ({self.min:g}–{self.max:g})")
        return self


class Flag(Frozen):
    label: ShortText
    initial: bool = False
    description: str = ""


class BriefingPage(Frozen):
    title: ShortText
    text: Text
    invented: bool = False
    sources: list[str] = []


class AdvisorStance(Frozen):
    who: str = Field(description="An advisor id from `advisors:`.")
    argument: ShortText


class Shock(Frozen):
    """A one-off chance of nuclear use that an action or incident adds at once."""

    label: ShortText
    hazard: Expr = Field(description="Probability 0-1 (an expression) that this act alone leads to nuclear use.")
    cause: str | None = Field(None, description="A flag set to true if this is the danger that escapes control.")


class Option(Frozen):
    id: Id
    text: ShortText
    detail: str = ""
    advisors: list[AdvisorStance] = []
    condition: Expr | None = Field(None, description="Offered only when true.")
    unavailable: str = Field("", description="Shown when the condition is false: why it cannot be chosen.")
    effects: list[str] = []
    risk: list[Shock] = []
    next: str
    historical: bool = False
    tags: list[Id] = []
    weight: Expr | None = Field(
        None,
        description="For a side played by the computer: relative weight (an expression). "
        "Default: 3 for the historical option, 1 for the others, so the computer leans to what was done in 1962.",
    )
    outcome: str = Field("", description="What happens at once, told after the choice.")


class Outcome(Frozen):
    id: Id
    text: str = ""
    chance: Expr | Literal["rest"] = Field(description="Probability (expression) or 'rest' for what remains.")
    effects: list[str] = []
    risk: list[Shock] = []
    next: str
    historical: bool = False


class NodeBase(Frozen):
    id: Id
    when: When
    title: ShortText
    text: str = ""
    invented: bool = Field(False, description="True when the scene is the game's invention, not documented.")
    sources: list[str] = []

    @field_validator("when")
    @classmethod
    def _valid_when(cls, value: str) -> str:
        return _check_when(value)


class Variant(Frozen):
    """Another telling of a decision's briefing, for when earlier moves changed what is true at this moment."""

    condition: Expr = Field(description="When this telling applies (the first variant that holds wins).")
    text: str = Field(description="The briefing text instead of the node's own.")
    intel: list[str] | None = Field(None, description="The intelligence instead of the node's own (if given).")


class DecisionNode(NodeBase):
    kind: Literal["decision"]
    actor: Side
    intel: list[str] = Field([], description="What the deciding side knows at this moment.")
    variants: list[Variant] = Field(
        [],
        description="Briefings for other states of the world, e.g. if a letter the main text speaks of was "
        "never sent. The first whose condition holds replaces the text (and the intel, if it gives one).",
    )
    history: Text = Field(description="What actually happened at this point in 1962.")
    sources: list[str] = Field(min_length=1, description="Source ids (from the scenario's 'sources:') for this node.")
    options: list[Option] = Field(min_length=2, max_length=8)


class ChanceNode(NodeBase):
    kind: Literal["chance"]
    outcomes: list[Outcome] = Field(min_length=1, max_length=12)
    history: str = ""


class EndingNode(NodeBase):
    kind: Literal["ending"]
    category: Literal[
        "historical",
        "negotiated",
        "us-climbdown",
        "soviet-climbdown",
        "conventional-war",
        "berlin-crisis",
        "limited-nuclear",
        "general-nuclear",
        "stalemate",
    ]
    debrief: Text
    history: str = ""


ScenarioNode = Annotated[DecisionNode | ChanceNode | EndingNode, Field(discriminator="kind")]


class Window(Frozen):
    start: When = Field(alias="from")
    end: When = Field(alias="to")

    @field_validator("start", "end")
    @classmethod
    def _valid_when(cls, value: str) -> str:
        return _check_when(value)


class Incident(Frozen):
    """Something outside the leaders' control that may happen as the clock passes its window."""

    id: Id
    title: ShortText
    text: Text
    window: Window
    condition: Expr | None = None
    chance: Expr = Field(description="Probability (expression) that it happens when its window is passed.")
    effects: list[str] = []
    risk: list[Shock] = []
    interrupt: str | None = Field(None, description="A node to visit at once; its options may use next: '@resume'.")
    historical: bool = False
    invented: bool = False
    sources: list[str] = []


class Driver(Frozen):
    """An ongoing source of danger: a daily chance of nuclear use while its expression is positive."""

    id: Id
    label: ShortText
    per_day: Expr = Field(description="Probability per day (expression) of nuclear use from this source.")
    cause: str | None = Field(None, description="A flag set to true if this is the danger that escapes control.")
    note: str = ""


class DefconLevel(Frozen):
    level: Literal[1, 2, 3, 4, 5]
    condition: Expr


class RiskModel(Frozen):
    drivers: list[Driver] = []
    max_step_hazard: float = Field(0.9, gt=0, le=1)
    catastrophe: str = Field(description="Node entered when the danger materialises (a chance node).")
    defcon: list[DefconLevel] = Field(
        [], description="First level whose condition holds is shown; DEFCON 5 when none does."
    )
    calibration: str = Field("", description="How the numbers were chosen, with the estimates cited.")
    band: tuple[Probability, Probability] = Field(
        (0.10, 0.35), description="Cumulative risk band of the documented path."
    )

    @field_validator("band")
    @classmethod
    def _ordered(cls, value: tuple[float, float]) -> tuple[float, float]:
        if value[0] > value[1]:
            raise ValueError("the band's lower end is above its upper end; write [low, high]")
        return value


class AssessmentCase(Frozen):
    condition: Expr | None = None
    text: ShortText
    score: int = 0


class Assessment(Frozen):
    id: Id
    label: ShortText
    cases: list[AssessmentCase] = Field(min_length=1)


class Strategy(Frozen):
    """A consistent way of playing for the automatic players (simulation, exact analysis, tests)."""

    label: ShortText
    prefer: list[Id] = Field(
        min_length=1,
        description="Option tags in order of preference; where no available option carries one, the option "
        "taken in history (else the first available).",
    )
    description: str = ""


class Scenario(Frozen):
    format_version: int
    id: Id
    version: Annotated[str, Field(pattern=r"^\d+\.\d+(\.\d+)?$")]
    title: ShortText
    subtitle: str = ""
    summary: Text
    player: Side = "us"
    start: str
    shuffle_options: bool = Field(
        False,
        description="Show each decision's options in an order fixed by the game's seed, so that the 1962 "
        "choice is not always in the same place. Ids, saves and analyses are unaffected.",
    )
    strategies: dict[Id, Strategy] = Field(
        {},
        description="Named ways of playing by the options' tags, offered as policies (e.g. 'force').",
    )
    advisors: dict[str, Advisor] = {}
    variables: dict[str, Variable] = {}
    flags: dict[str, Flag] = {}
    sources: dict[str, ShortText] = Field({}, description="Bibliography: id -> citation.")
    briefing: list[BriefingPage] = []
    risk: RiskModel
    incidents: list[Incident] = []
    nodes: list[ScenarioNode] = Field(min_length=1)
    assessment: list[Assessment] = []
    historiography: list[BriefingPage] = Field([], description="Debrief pages: readings of the crisis.")
    unknowns: list[BriefingPage] = Field([], description="Debrief pages: what the ExComm did not know.")

    @field_validator("format_version")
    @classmethod
    def _supported(cls, value: int) -> int:
        if value > FORMAT_VERSION:
            raise ValueError(
                f"format {value} is newer than this game understands (up to {FORMAT_VERSION}); update the game"
            )
        if value < MIN_FORMAT_VERSION:
            raise ValueError(f"format {value} is too old (oldest supported: {MIN_FORMAT_VERSION})")
        return value
