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

FORMAT_VERSION = 2  # 2: the scenario declares its world (sides, calendar, endings) and audiences
MIN_FORMAT_VERSION = 1  # format 1 files are upgraded on load (see migrate.py)

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
Id = Annotated[str, Field(pattern=ID_PATTERN, description="A stable id: lower case, digits, - and _.")]
Side = Annotated[str, Field(pattern=ID_PATTERN, description="A side id declared under 'sides:'.")]
Audience = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]{0,63}(\+[a-z0-9][a-z0-9_-]{0,63}){0,7}$",
        description="Who may see this: 'all', a side id declared under 'sides:', two or more sides joined by '+' "
        "(a message between them the public never hears of: 'us+ussr'), or 'facilitator'.",
    ),
]
OneAudience = Annotated[
    str,
    Field(pattern=ID_PATTERN, description="'all', a side id declared under 'sides:', or 'facilitator'."),
]
Expr = Annotated[str | float | bool, Field(description="An expression in the scenario language.")]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
Probability = Annotated[float, Field(ge=0, le=1)]

_WHEN = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])-([0-2][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]$")
_DATE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])-([0-2][0-9]|3[01])$")


class Frozen(BaseModel):
    # allow_inf_nan: YAML's .inf and .nan are never a scenario's numbers (NaN passes every "sum to one" check)
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, allow_inf_nan=False)


def _check_when(value: str) -> str:
    if not _WHEN.match(value):
        raise ValueError("must be a date and time written YYYY-MM-DDTHH:MM, e.g. '1962-10-22T19:00'")
    datetime.strptime(value, "%Y-%m-%dT%H:%M")  # rejects February 30th
    return value


When = Annotated[str, Field(description="Date and time, 'YYYY-MM-DDTHH:MM'.")]


class Calendar(Frozen):
    """The scenario's own calendar: the built-in `day` counts days from `day_one` (day 1 is that date)."""

    day_one: str = Field(description="The date that `day` calls 1, 'YYYY-MM-DD'.")
    description: str = Field("", description="What `day` means, for authors, e.g. 'day of October 1962'.")
    strip: list[str] = Field(
        [],
        max_length=2,
        description="[first, last]: the days the window's calendar strip shows, 'YYYY-MM-DD' (none: no strip).",
    )

    @field_validator("strip")
    @classmethod
    def _valid_strip(cls, value: list[str]) -> list[str]:
        if value and len(value) != 2:
            raise ValueError("give two dates, the first and the last day shown")
        for day in value:
            if not _DATE.match(day):
                raise ValueError("must be dates written YYYY-MM-DD, e.g. '1962-10-16'")
        if value and not (
            0 <= (datetime.strptime(value[1], "%Y-%m-%d") - datetime.strptime(value[0], "%Y-%m-%d")).days <= 31
        ):
            raise ValueError("the last day must follow the first, at most 31 days later")
        return value

    @field_validator("day_one")
    @classmethod
    def _valid_day(cls, value: str) -> str:
        if not _DATE.match(value):
            raise ValueError("must be a date written YYYY-MM-DD, e.g. '1962-10-01'")
        datetime.strptime(value, "%Y-%m-%d")
        return value


class SideSpec(Frozen):
    """A party to the crisis. Sides that `plays` can decide (by a person or by the scenario's policy)."""

    name: ShortText = Field(description="Short name used in the story, the capital, as the story names the side.")
    country: str = ""
    intel_title: ShortText = Field(description="Heading of this side's intelligence panel.")
    leader: str | None = Field(None, description="The advisor id of whoever decides for this side.")
    plays: bool = Field(True, description="False for a party that never decides (its advisors may still speak).")
    council: ShortText | None = Field(
        None, description="Who decided for this side in the record, for the debrief: 'the ExComm' (default: its name)."
    )


class EndingCategory(Frozen):
    """A kind of ending: how it is named, and whether it is a catastrophe the risk model alone may reach."""

    label: ShortText
    catastrophic: bool = Field(False, description="Nuclear use: reachable only through the risk model.")
    documented: bool = Field(False, description="The category of the ending the documented course reaches.")


class IntelItem(Frozen):
    """A line of intelligence with an explicit audience (a bare string goes to the deciding side)."""

    text: Text
    audience: Audience


Intel = IntelItem | Annotated[str, Field(min_length=1, max_length=20_000)]


class Secret(Frozen):
    """A hidden fact that one side knows and others may learn: by a facilitator's reveal, or when the scenario
    reveals it (`revealed_when`)."""

    id: Id
    title: ShortText
    text: Text
    known_to: OneAudience = Field(description="The side that knows it from the start.")
    revealed_when: Expr | None = Field(None, description="When the story itself makes it known to everyone.")
    invented: bool = False
    sources: list[str] = []


class Advisor(Frozen):
    name: ShortText
    role: ShortText
    side: Side = Field("us", description="A side id declared under 'sides:'.")
    note: str = ""
    short: str = Field(
        "",
        max_length=24,
        description="The name under a portrait where room is short; default: the surname. Give one where a surname "
        "is ambiguous (two Kennedys, two Castros).",
    )
    namesakes: list[ShortText] = Field(
        default_factory=list,
        description="Full names of others with this surname whom the texts mention (a son who wrote a source): "
        "their mentions never link to this dossier.",
    )


class Variable(Frozen):
    label: ShortText
    initial: float
    min: float = 0
    max: float = 10
    description: str = ""
    audience: Audience = Field("all", description="Who may see this variable and its changes.")

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
    audience: Audience = Field("all", description="Who may see this flag and its changes.")
    subject: list[ShortText] = Field(
        [],
        description="Words that name what this flag stands for (regular expressions, case-insensitive), e.g. "
        "'second letter'. The validator fails a text shown on a path where the flag is false that names it.",
    )
    denied_by: list[ShortText] = Field(
        [],
        description="Words that say this did not happen or is not so (regular expressions, case-insensitive), e.g. "
        "'no private letter'. The validator fails a text shown on a path where the flag is true that says them.",
    )


class BriefingPage(Frozen):
    title: ShortText
    text: Text
    invented: bool = False
    sources: list[str] = []


class AdvisorStance(Frozen):
    who: str = Field(description="An advisor id from `advisors:`.")
    argument: ShortText
    stance: Literal["for", "against"] | None = Field(
        None, description="Whether the argument urges taking the option or not taking it (leave out when neither)."
    )
    condition: Expr | None = Field(None, description="Heard only when true (e.g. when the letter argued about exists).")


class Shock(Frozen):
    """A one-off chance of nuclear use that an action or incident adds at once."""

    label: ShortText
    hazard: Expr = Field(description="Probability 0-1 (an expression) that this act alone leads to nuclear use.")
    cause: str | None = Field(None, description="A flag set to true if this is the danger that escapes control.")
    audience: Audience | None = Field(
        None,
        description="Who may see this danger among the step's drivers, when fewer may than learn of the move or "
        "incident (e.g. 'facilitator' for a danger no side knew of); the others see it as a danger they cannot see.",
    )


class OptionVariant(Frozen):
    """Another wording of an option, for when earlier moves changed what is true at this moment."""

    condition: Expr = Field(description="When this wording applies (the first variant that holds wins).")
    text: ShortText | None = Field(None, description="The option's text instead of its own.")
    detail: str | None = None
    advisors: list[AdvisorStance] | None = Field(None, description="The advisors' arguments instead of its own.")
    outcome: str | None = None
    headline: ShortText | None = None


MajorId = Annotated[
    str, Field(pattern=ID_PATTERN, description="Names a major event; the next decision's telling must recall it.")
]


class Option(Frozen):
    id: Id
    text: ShortText
    detail: str = ""
    advisors: list[AdvisorStance] = []
    variants: list[OptionVariant] = Field(
        [], description="Other wordings of this option (text, detail, advisors, outcome, headline) by state."
    )
    headline: str = Field("", description="The title of the result screen when this move is the step's last word.")
    major: MajorId | None = Field(
        None,
        description="Marks a major move: the next decision a player sees must recall it (its telling lists "
        "this id under `recalls`).",
    )
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
    audience: Audience | None = Field(
        None, description="Who sees this move and its outcome when it is taken (default: the decision's audience)."
    )


class Outcome(Frozen):
    id: Id
    text: str = ""
    headline: str = Field("", description="The title of the result screen when this outcome is the step's last word.")
    major: MajorId | None = Field(None, description="A major event: the next decision's telling must recall it.")
    chance: Expr | Literal["rest"] = Field(description="Probability (expression) or 'rest' for what remains.")
    effects: list[str] = []
    risk: list[Shock] = []
    next: str
    historical: bool = False
    audience: Audience = Field("all", description="Who learns this outcome.")


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
    intel: list[Intel] | None = Field(None, description="The intelligence instead of the node's own (if given).")
    title: ShortText | None = Field(None, description="The decision's title instead of its own.")
    recalls: list[MajorId] = Field([], description="The major events this telling speaks of.")


class DecisionNode(NodeBase):
    kind: Literal["decision"]
    actor: Side
    intel: list[Intel] = Field(
        [],
        description="What the deciding side knows at this moment (a line may name another audience).",
    )
    variants: list[Variant] = Field(
        [],
        description="Briefings for other states of the world, e.g. if a letter the main text speaks of was "
        "never sent. The first whose condition holds replaces the text (and the intel, if it gives one).",
    )
    recalls: list[MajorId] = Field([], description="The major events the node's own telling speaks of.")
    audience: Audience = Field(
        "all",
        description="Who learns of the moves taken here: 'all', or the deciding side for a deliberation kept "
        "secret (an option may say otherwise, e.g. a move that goes public or a message to the other side).",
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
    category: Id = Field(description="An ending category declared under 'endings:'.")
    debrief: Text
    history: str = ""
    effects: list[str] = Field(
        [], description="What this ending says happened (e.g. 'trade_public = true'), applied when it is reached."
    )
    claims: dict[Id, Id] = Field(
        {},
        description="The assessment cases its text stands for, by assessment id and case id: the validator fails "
        "a path on which this ending is scored otherwise.",
    )


ScenarioNode = Annotated[DecisionNode | ChanceNode | EndingNode, Field(discriminator="kind")]


class Window(Frozen):
    start: When = Field(alias="from")
    end: When = Field(alias="to")

    @field_validator("start", "end")
    @classmethod
    def _valid_when(cls, value: str) -> str:
        return _check_when(value)


class PrivateText(Frozen):
    """A part of an incident's story that only one audience learns while the game is played."""

    to: OneAudience = Field(description="A side id, or 'facilitator' for what no side knew at the time.")
    text: Text


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
    major: MajorId | None = Field(None, description="A major event: the next decision's telling must recall it.")
    historical: bool = False
    invented: bool = False
    sources: list[str] = []
    audience: Audience = Field("all", description="Who learns that it happened.")
    private: list[PrivateText] = Field(
        [],
        description="More of the story than `text` tells, each part for one audience only: a side, or "
        "'facilitator' for what no side knew at the time. For the debrief to tell it, say it in an `unknowns` page.",
    )


class Driver(Frozen):
    """An ongoing source of danger: a daily chance of nuclear use while its expression is positive."""

    id: Id
    label: ShortText
    per_day: Expr = Field(description="Probability per day (expression) of nuclear use from this source.")
    cause: str | None = Field(None, description="A flag set to true if this is the danger that escapes control.")
    note: str = ""
    audience: Audience = Field("all", description="Who may see this driver among the step's dangers.")


class DefconLevel(Frozen):
    level: Literal[1, 2, 3, 4, 5]
    condition: Expr
    note: str = Field(
        "", description="Which forces are at this level, for the readout: e.g. 'Strategic Air Command only'."
    )


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
    id: Id | None = Field(None, description="Names the case, so that an ending can claim it.")
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


# ---------------------------------------------------------------- presentation (people, codex, documents)


class PortraitSpec(Frozen):
    """How the window draws a person's portrait in code: a likeness invented for the game, never a photograph."""

    hair: Literal["dark", "brown", "grey", "white", "fair", "red", "none"] = "dark"
    style: Literal["parted", "swept", "receding", "bald", "curly", "cropped"] = "parted"
    face: Literal["narrow", "round", "square"] = "round"
    skin: Literal["light", "medium", "dark"] = "light"
    glasses: bool = False
    beard: bool = False
    moustache: bool = False
    uniform: bool = Field(default=False, description="A uniform instead of a suit and tie.")


class DossierEntry(Frozen):
    """One dated line of what a person argued, or when they changed their mind."""

    when: When
    text: ShortText
    changed_mind: bool = Field(False, description="True when this line records a change of position.")

    @field_validator("when")
    @classmethod
    def _valid_when(cls, value: str) -> str:
        return _check_when(value)


class Person(Frozen):
    """A dossier for an advisor or leader (keyed by the advisor id): their position and how it moved."""

    position: Text = Field(description="Their position in the crisis, in a few sentences.")
    timeline: list[DossierEntry] = []
    portrait: PortraitSpec = PortraitSpec()
    sources: list[str] = []
    invented: bool = Field(False, description="True when the dossier includes the game's invention.")


class CodexTerm(Frozen):
    """A term of the period explained once, so every screen can link to it."""

    id: Id
    term: ShortText
    aliases: list[ShortText] = Field([], description="Other spellings that link here when they appear in a text.")
    text: Text
    sources: list[str] = []
    invented: bool = False


class DocumentStyle(Frozen):
    """Show the events of a node (one option of it, if given) set as a cable, a letter or a front page."""

    node: str = Field(description="A node id.")
    option: str | None = Field(None, description="Only when this option (or outcome) was taken.")
    style: Literal["cable", "letter", "newspaper", "broadcast"]
    heading: ShortText = Field(description="The cable's routing line, the letter's salutation or the headline.")
    byline: str = Field("", description="Sender, paper or station (invented names are marked by `invented`).")
    invented: bool = False


# ---------------------------------------------------------------- the map (what the window draws)

LonLat = Annotated[tuple[float, float], Field(description="A position: [longitude, latitude] in degrees.")]
LabelSide = Literal["n", "s", "e", "w"]


class MapBounds(Frozen):
    """A region in degrees: what is shown fits inside it, at the projection of its centre."""

    west: float = Field(ge=-180, le=180)
    east: float = Field(ge=-180, le=180)
    south: float = Field(ge=-85, le=85)
    north: float = Field(ge=-85, le=85)

    @model_validator(mode="after")
    def _ordered(self) -> MapBounds:
        if self.west >= self.east or self.south >= self.north:
            raise ValueError("west must be less than east and south less than north")
        return self


class MapOutline(Frozen):
    """Land: a polygon, islets as ellipses [lon, lat, half-width, half-height (degrees), rotation], or dots."""

    id: Id
    style: Literal["land", "focus"] = Field("land", description="'focus' is the country the crisis is about.")
    polygon: list[LonLat] = []
    ellipses: list[tuple[float, float, float, float, float]] = []
    dots: list[LonLat] = Field([], description="Islands too small to draw, e.g. a chain of keys.")


class MapLabel(Frozen):
    """A name written on the map (a country, a sea), at the first of its anchors that has room."""

    text: ShortText
    at: list[LonLat] = Field(min_length=1, description="Anchors in order of preference.")
    side: LabelSide = "e"
    style: Literal["region", "sea", "focus"] = "region"
    required: bool = Field(False, description="Try harder (further out) before leaving it out.")
    detail: bool = Field(False, description="Only when the map is drawn large enough for minor names.")


class MapPlace(Frozen):
    """A town or base: a dot and its name."""

    name: ShortText
    at: LonLat
    side: LabelSide = "e"
    inset: bool = Field(False, description="Drawn in the inset (the close-up), not on the main map.")
    label: bool = True
    detail: bool = Field(False, description="Only when the map is drawn large enough for minor names.")
    required: bool = False


class SiteStatus(Frozen):
    status: Literal["destroyed", "dismantled"]
    condition: Expr = Field(description="When the site is in this state (the first that holds wins).")
    note: ShortText = Field(description="Words for the key, e.g. 'dismantled and shipped home'.")


class MapSite(Frozen):
    """A site marked with a triangle and a letter; it appears to a side once that side has found it."""

    id: Id
    name: ShortText
    at: LonLat
    kind: ShortText = Field(description="What it is, for the key: e.g. 'R-12 MRBM'.")
    large: bool = Field(False, description="A larger triangle (e.g. the longer-range missiles).")
    letter: Annotated[str, Field(pattern=r"^[A-Z0-9]{1,2}$")] | None = Field(
        None, description="Its letter on the map and in the key; by default A, B, C... in the order declared."
    )
    side: LabelSide = Field("s", description="Where its letter goes first.")
    found: dict[Side, When] = Field(
        {}, description="When each side learns of it; a side not named knows it from the start (it built it)."
    )
    status: list[SiteStatus] | None = Field(None, description="Instead of the map's `site_status`.")

    @field_validator("found")
    @classmethod
    def _valid_found(cls, value: dict[str, str]) -> dict[str, str]:
        for when in value.values():
            _check_when(when)
        return value


class MapLine(Frozen):
    """A line drawn while its condition holds: a ring (a range, a quarantine line) or a polyline."""

    id: Id
    label: str = ""
    legend: str = Field("", description="A line for the key while it is drawn.")
    legend_off: str = Field("", description="A line for the key while it is not.")
    condition: Expr | None = None
    style: Literal["danger", "accent", "muted"] = "accent"
    dashed: bool = False
    ticks: bool = Field(False, description="Tick marks on one side, so that it reads as a barrier.")
    center: LonLat | None = None
    center_site: str | None = Field(None, description="A site id: the ring is centred on that site.")
    radius_km: float | None = Field(None, gt=0)
    radius_nmi: float | None = Field(None, gt=0)
    bearings: tuple[float, float] = Field((0, 360), description="The arc drawn, clockwise from north, degrees.")
    label_bearings: list[float] = Field([], description="Where on the ring the label may go (default: mid-arc).")
    points: list[LonLat] = Field([], description="A polyline instead of a ring.")


class MapMark(Frozen):
    """An area circled while its condition holds (e.g. where air strikes fall)."""

    id: Id
    label: ShortText
    at: LonLat
    condition: Expr
    style: Literal["danger", "accent", "warn"] = "danger"


class ForceMove(Frozen):
    start: When = Field(alias="from")
    at: list[tuple[Expr, Expr]] = Field(min_length=1)

    @field_validator("start")
    @classmethod
    def _valid_when(cls, value: str) -> str:
        return _check_when(value)


class MapForce(Frozen):
    """Ships (or other forces) shown while the condition holds, at positions given by expressions or by date."""

    id: Id
    label: ShortText
    legend: str = ""
    condition: Expr | None = None
    heading: Literal["east", "west"] = "west"
    at: list[tuple[Expr, Expr]] = Field(min_length=1, description="[lon, lat] of each ship: numbers or expressions.")
    moves: list[ForceMove] = Field([], description="Later positions: from a date on, the last that has begun.")


class MapInset(Frozen):
    """A close-up drawn in a corner of the main map, with the sites lettered."""

    title: ShortText
    bounds: MapBounds
    corner: LonLat = Field(description="The inset's top-right corner comes no further east or north than this.")
    aspect: float = Field(2.6, gt=0.5, le=6, description="Width / height of the inset.")


class ScenarioMap(Frozen):
    """The map as data: the region, the land, places, sites, lines, marks, forces and where incidents happen."""

    bounds: MapBounds
    grid: float = Field(5, ge=0, description="Degrees between grid lines (0: none).")
    outlines: list[MapOutline] = Field(min_length=1)
    labels: list[MapLabel] = []
    places: list[MapPlace] = []
    sites_legend: str = Field("Sites", description="How the key introduces the sites.")
    site_status: list[SiteStatus] = Field([], description="Every site's status unless it gives its own.")
    sites: list[MapSite] = []
    lines: list[MapLine] = []
    marks: list[MapMark] = []
    forces: list[MapForce] = []
    incidents: dict[str, LonLat | None] = Field(
        {}, description="Where each incident happened (null or absent: off this map, listed only)."
    )
    inset: MapInset | None = None


class RoleArgument(Frozen):
    """What a role would argue at one decision (beyond the lines the scenario's advisors give at its options)."""

    at: str = Field(description="A decision node id.")
    argument: Annotated[str, Field(min_length=1, max_length=1200)]
    invented: bool = Field(False, description="True when the argument is the game's invention, not documented.")


class Role(Frozen):
    """A part a student plays in the classroom: who they are, what they want and fear, what they know alone."""

    name: ShortText
    side: Side = Field(description="A side id declared under 'sides:' (a party that does not play may have roles).")
    office: ShortText
    speaks_for: list[str] = Field(
        [], description="Advisor ids whose lines at the options this role speaks (default: the role's own id)."
    )
    team: Side | None = Field(
        None, description="The team this role sits with when its own side does not play (a party beside its ally)."
    )
    decides: bool = Field(False, description="The one who decides for the side (the President, the First Secretary).")
    priority: int = Field(3, ge=1, le=3, description="1: fill first; 2: fill with ten students; 3: fill when many.")
    portrait: Text
    wants: Text
    fears: Text
    argued: Text = Field(description="What they argued in 1962, and when they changed their mind.")
    knows: list[Text] = Field([], description="Private knowledge: what only this role knows at the start.")
    arguments: list[RoleArgument] = []
    invented: str = Field("", description="What on this card is the game's invention ('' when nothing is).")
    sources: list[str] = []


class DebriefQuestion(Frozen):
    """A discussion question asked when the class reached a decision (and, if `option` is set, took that option)."""

    at: str = Field(description="A decision node id.")
    option: str | None = Field(None, description="Asked only when the class took this option.")
    text: ShortText


class ClassroomPlan(Frozen):
    """How a class plays the scenario: which decisions a short lesson plays, what a time-out does, what to ask."""

    key: list[str] = Field(
        min_length=1,
        description="Decision node ids a 50-minute lesson plays; the others follow 1962 (or the computer's policy).",
    )
    defaults: dict[str, str] = Field(
        {}, description="node id -> option id that happens when a decision's time runs out with no leader's choice."
    )
    injects: list[str] = Field([], description="Incident ids a facilitator may inject (default: every incident).")
    questions: list[DebriefQuestion] = []
    general_questions: list[ShortText] = Field(
        [],
        description="Questions for any class. '{title}', '{choice}' and '{documented}' name a decision the class "
        "took differently from 1962 (questions with them are asked only when there is one).",
    )


class Scenario(Frozen):
    format_version: int
    id: Id
    version: Annotated[str, Field(pattern=r"^\d+\.\d+(\.\d+)?$")]
    title: ShortText
    subtitle: str = ""
    summary: Text
    player: Side = Field("us", description="The side a solo player takes; the scenario's policy plays the rest.")
    calendar: Calendar
    sides: dict[Id, SideSpec] = Field(min_length=1)
    endings: dict[Id, EndingCategory] = Field(min_length=1, description="The ending categories, by id.")
    secrets: list[Secret] = []
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
    map: ScenarioMap | None = Field(None, description="The map the window draws; none: no map tab.")
    roles: dict[Id, Role] = Field({}, description="The parts students play in a classroom session, by id.")
    classroom: ClassroomPlan | None = Field(None, description="How a class plays it; none: no classroom play.")
    people: dict[str, Person] = Field({}, description="Dossiers and portraits, keyed by advisor id.")
    codex: list[CodexTerm] = Field([], description="Terms of the period, explained and linked from the text.")
    documents: list[DocumentStyle] = Field([], description="Events the window sets as cables, letters, papers.")

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
