"""The debrief as plain data: every string and number a front end shows, already worded.

Built once by `build.build_report`; the window, the terminal, Markdown and HTML only lay it out.
Frozen dataclasses holding tuples, so a report can be handed around (and compared) safely.
Optional fields (`votes`) leave room for what a classroom adds to a game.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.wording import titled


@dataclass(frozen=True)
class GameInfo:
    """What defines the history: replaying these gives the same game, bit for bit."""

    scenario_id: str
    scenario_version: str
    seed: int
    fate: str  # dice | history
    fate_label: str
    sides: tuple[str, ...]  # the sides people played
    sides_label: str  # 'Washington', 'Washington and Moscow'
    span_text: str = ""  # the days this history ran: 'Tuesday 16 October to Wednesday 24 October 1962'


@dataclass(frozen=True)
class Ending:
    id: str
    title: str
    category: str
    category_label: str  # e.g. 'As in 1962: a settlement'
    catastrophic: bool  # an ending category the scenario marks catastrophic (nuclear use)
    text: str  # the ending's own narration ('' when it has none)
    debrief: str  # the scenario's reading of this ending
    when: int  # minutes since 1 January 1962
    when_text: str


@dataclass(frozen=True)
class CurvePoint:
    minutes: int
    label: str  # 'Tuesday 16 October, 10:00'
    risk: float  # cumulative risk of nuclear use, 0-1
    risk_text: str


@dataclass(frozen=True)
class Curve:
    """The cumulative risk over time, one point per step boundary, for this game and for 1962."""

    yours: tuple[CurvePoint, ...]
    documented: tuple[CurvePoint, ...]
    yours_label: str
    documented_label: str


@dataclass(frozen=True)
class RiskSummary:
    final: float
    final_text: str
    documented: float  # the 1962 course followed through the same scenario
    documented_text: str
    band: tuple[float, float]  # the scenario's calibration band for the documented course
    band_text: tuple[str, str]
    summary: str  # one paragraph comparing the three
    control_lost: bool  # the dice fell against the player: a catastrophe step
    control_lost_note: str  # what that means ('' when control was kept)
    calibration: str  # how the scenario's numbers were chosen ('' when it does not say)


@dataclass(frozen=True)
class VoteShare:
    option: str
    text: str
    votes: int
    share_text: str  # '40%'


@dataclass(frozen=True)
class VoteSplit:
    """How a class voted at one decision (filled in by a classroom front end; a solo game has none)."""

    total: int
    shares: tuple[VoteShare, ...]


@dataclass(frozen=True)
class Decision:
    when: int
    when_text: str  # 'Tuesday 16 October, 11:45'
    when_full: str  # 'Tuesday 16 October 1962, 11:45'
    node: str
    title: str
    by: str  # player | computer (the path's third value, chance, marks outcomes and incidents: not decisions)
    by_label: str
    side: str  # us | ussr
    side_label: str  # Washington | Moscow
    choice: str
    choice_text: str
    documented_choice: str | None  # the option taken in 1962, if the node has one
    documented_text: str | None
    comparison: str  # same | different | undocumented
    verdict: str  # '✓ same as 1962', 'different from 1962', 'no documented choice'
    history: str  # what actually happened here in 1962 ('' when the scenario does not say)
    risk_after: float  # cumulative risk at the end of the step this decision began or fell in
    risk_after_text: str
    votes: VoteSplit | None = None
    documented_label: str = "In the record"  # 'The ExComm chose': who took the documented choice

    @property
    def same(self) -> bool:
        return self.comparison == "same"

    @property
    def line(self) -> str:
        """'Title: choice' as one line, for lists."""
        return titled(self.title, self.choice_text)


@dataclass(frozen=True)
class MissedDecision:
    """A decision of the documented course, for a side the players held, that this game never reached."""

    when: int
    when_text: str
    node: str
    title: str
    documented_text: str
    line: str  # 'Title: what 1962 chose'


@dataclass(frozen=True)
class OutcomeRow:
    id: str
    label: str
    yours_text: str | None  # None when no case of the assessment held
    yours_score: int | None
    yours_cell: str  # 'Removed (+2)', or '—'
    documented_text: str | None
    documented_score: int | None
    documented_cell: str


@dataclass(frozen=True)
class Outcome:
    """The strategic outcome line by line beside 1962's; each total is the sum of its column's scores."""

    rows: tuple[OutcomeRow, ...]
    yours_total: int
    documented_total: int
    yours_total_text: str  # '+4'
    documented_total_text: str
    scale_note: str


@dataclass(frozen=True)
class Page:
    title: str
    text: str
    sources: tuple[str, ...]  # full citations
    sources_text: str  # 'Sources: a; b' ('' when none)


@dataclass(frozen=True)
class PageSection:
    heading: str
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Source:
    id: str
    citation: str


@dataclass(frozen=True)
class Report:
    title: str  # the scenario's
    subtitle: str
    game: GameInfo
    ending: Ending
    risk: RiskSummary
    curve: Curve
    decisions: tuple[Decision, ...]  # every decision taken, by people and by the computer, in order
    missed: tuple[MissedDecision, ...]
    outcome: Outcome | None  # None when the scenario has no assessment
    unknowns: PageSection
    historiography: PageSection
    sources: tuple[Source, ...]

    @property
    def player_decisions(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.by == "player")
