"""The inputs a session is made of, as plain validated records.

Inputs that change the world (a decision, an injected incident, a revealed secret) become nodes of
the tree of histories and are replayed into states. The others annotate or reshape the tree (a
vote, a note, a label, going back, deleting or promoting a branch) and are replayed into the tree
alone. Every one of them is kept, in order, in the session's log.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

__all__ = [
    "Comment",
    "Decide",
    "Delete",
    "Facilitate",
    "GoTo",
    "Inject",
    "Input",
    "Label",
    "Move",
    "Promote",
    "Reveal",
    "Setup",
    "Tally",
    "Unvote",
    "Vote",
    "input_adapter",
]

_Short = Annotated[str, Field(max_length=200)]
POINT_ID = re.compile(r"h[0-9]{1,9}")  # how a node of the tree of histories is named
_Ref = Annotated[str, Field(pattern=f"^{POINT_ID.pattern}$", description="A node of the tree of histories.")]
_Text = Annotated[str, Field(max_length=4000)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Decide(_Record):
    """A side takes an option at the decision awaited now."""

    type: Literal["decide"] = "decide"
    node: _Short
    option: _Short


class Inject(_Record):
    """The facilitator makes one of the scenario's incidents happen now."""

    type: Literal["inject"] = "inject"
    incident: _Short


class Reveal(_Record):
    """The facilitator makes a secret known to an audience ('all' or a side)."""

    type: Literal["reveal"] = "reveal"
    secret: _Short
    to: _Short


Move = Annotated[Decide | Inject | Reveal, Field(discriminator="type")]


class Vote(_Record):
    """A voter (a role or a person) backs an option of the decision awaited at node `at`."""

    type: Literal["vote"] = "vote"
    at: _Ref
    voter: _Short
    option: _Short


class Comment(_Record):
    type: Literal["comment"] = "comment"
    at: _Ref
    text: _Text


class Label(_Record):
    type: Literal["label"] = "label"
    at: _Ref
    text: _Short


class GoTo(_Record):
    """Re-enter the tree at a node (to play on from there, or to look)."""

    type: Literal["goto"] = "goto"
    at: _Ref


class Delete(_Record):
    """Remove a branch (a node and everything after it); the root cannot be removed."""

    type: Literal["delete"] = "delete"
    at: _Ref


class Promote(_Record):
    """Make a branch the main line at every level above it."""

    type: Literal["promote"] = "promote"
    at: _Ref


class Unvote(_Record):
    """Take back a voter's vote at node `at` (a wrong entry undone)."""

    type: Literal["unvote"] = "unvote"
    at: _Ref
    voter: _Short


class Tally(_Record):
    """A show of hands: `count` people back `option` at the decision awaited at node `at` (replaces the last count)."""

    type: Literal["tally"] = "tally"
    at: _Ref
    option: _Short
    count: int = Field(ge=0, le=1000)


class Setup(_Record):
    """A classroom lesson begins: who plays which sides, the class, the plan, how a side decides, the timer."""

    type: Literal["setup"] = "setup"
    people: tuple[_Short, ...] = Field(min_length=1, max_length=4, description="Sides the class plays.")
    students: tuple[_Short, ...] = Field(default=(), max_length=200)
    count: int = Field(default=0, ge=0, le=200, description="How many students, when no names are given.")
    minutes: int = Field(
        default=50, ge=20, le=240, description="The lesson's length: under 90 plays the key decisions only."
    )
    rule: Literal["leader", "majority"] = "leader"
    seconds: int = Field(default=240, ge=10, le=3600, description="Discussion time per decision.")


class Facilitate(_Record):
    """A facilitator's action in a classroom lesson, at tree node `at` (the decision in progress).

    `elapsed` is how long the discussion timer had run when the action was taken, measured live and
    logged, so a replay rebuilds every timer without a wall clock.
    """

    type: Literal["facilitate"] = "facilitate"
    action: Literal[
        "discuss",
        "vote",
        "next",
        "pause",
        "resume",
        "extend",
        "cut",
        "timeout",
        "speak",
        "undo",
        "end",
        "screen",
        "carry",
        "stop",  # the decision is taken: the timer stops where it stood (an undo brings it back there)
        "hold",  # an incident interrupted the discussion at `at` (phase in `what`): it waits, its time `elapsed`
    ]
    at: _Ref
    elapsed: float = Field(default=0, ge=0, le=86_400)
    seconds: int = Field(default=0, ge=0, le=3600, description="For extend and cut.")
    target: int = Field(
        default=-1, ge=-1, description="For undo: the log entry undone; for carry: how many entries follow."
    )
    what: _Short = Field(
        default="",
        description="For speak: a role id or '*'; for screen: projector, blank or a side id; for hold: the phase.",
    )


_Any = Decide | Inject | Reveal | Vote | Comment | Label | GoTo | Delete | Promote | Unvote | Tally | Setup | Facilitate
Input = Annotated[_Any, Field(discriminator="type")]
input_adapter: TypeAdapter[_Any] = TypeAdapter(Input)
