"""The inputs a session is made of, as plain validated records.

Inputs that change the world (a decision, an injected incident, a revealed secret) become nodes of
the tree of histories and are replayed into states. The others annotate or reshape the tree (a
vote, a note, a label, going back, deleting or promoting a branch) and are replayed into the tree
alone. Every one of them is kept, in order, in the session's log.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

__all__ = [
    "Comment",
    "Decide",
    "Delete",
    "GoTo",
    "Inject",
    "Input",
    "Label",
    "Move",
    "Promote",
    "Reveal",
    "Vote",
    "input_adapter",
]

_Short = Annotated[str, Field(max_length=200)]
_Ref = Annotated[str, Field(pattern=r"^h[0-9]{1,9}$", description="A node of the tree of histories.")]
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


Input = Annotated[
    Decide | Inject | Reveal | Vote | Comment | Label | GoTo | Delete | Promote, Field(discriminator="type")
]
input_adapter: TypeAdapter[Decide | Inject | Reveal | Vote | Comment | Label | GoTo | Delete | Promote] = TypeAdapter(
    Input
)
