"""Every message on the classroom WebSocket, as pydantic models: what a page may send, and what the server sends.

Incoming frames are parsed by `parse_incoming` (one JSON object, a known `type`, no extra fields, bounded
strings); whatever is wrong is named in a `ProtocolError`, and the server answers with an `error` frame.
Outgoing frames are built as plain dicts by the room (their shape is documented in docs/classroom-network.md)
and checked here by the models below in the tests.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.errors import ExcommError

__all__ = [
    "ACTIONS",
    "ERROR_CODES",
    "MAX_MESSAGE_BYTES",
    "Act",
    "Host",
    "Incoming",
    "Join",
    "Leave",
    "Ping",
    "ProtocolError",
    "Resume",
    "Unvote",
    "Vote",
    "error",
    "parse_incoming",
]

MAX_MESSAGE_BYTES = 4096  # a page's frames are a few dozen bytes; anything near this is not a page talking

Action = Literal[
    "discuss",
    "vote",
    "decide",
    "timeout",
    "next",
    "pause",
    "resume",
    "extend",
    "cut",
    "undo",
    "show",
    "inject",
    "reveal",
    "speak",
    "move",
    "free",
    "end",
]
ACTIONS: tuple[str, ...] = get_args(Action)
ERROR_CODES = ("bad_room", "bad_token", "closed", "not_allowed", "bad_message", "too_big", "rate", "full", "busy")

_Id = Annotated[str, Field(min_length=1, max_length=80)]
_Ref = Annotated[str, Field(pattern=r"^h[0-9]{1,9}$")]
_Token = Annotated[str, Field(min_length=1, max_length=100)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Join(_In):
    type: Literal["join"]
    room: Annotated[str, Field(min_length=1, max_length=12)]
    name: Annotated[str, Field(min_length=1, max_length=40)]


class Resume(_In):
    type: Literal["resume"]
    token: _Token


class Vote(_In):
    type: Literal["vote"]
    at: _Ref
    option: _Id


class Unvote(_In):
    type: Literal["unvote"]
    at: _Ref


class Leave(_In):
    type: Literal["leave"]


class Ping(_In):
    type: Literal["ping"]


class Host(_In):
    type: Literal["host"]
    key: _Token
    view: Literal["desk", "projector"] = "desk"  # the projector's page sees what the projector shows, acts on nothing


class Act(_In):
    type: Literal["act"]
    action: Action
    arg: Annotated[str, Field(max_length=200)] = ""
    to: Annotated[str, Field(max_length=200)] = ""


Incoming = Annotated[Join | Resume | Vote | Unvote | Leave | Ping | Host | Act, Field(discriminator="type")]
_adapter: TypeAdapter[Join | Resume | Vote | Unvote | Leave | Ping | Host | Act] = TypeAdapter(Incoming)


class ProtocolError(ExcommError):
    """A frame the server refuses; `code` is one of ERROR_CODES and the message says what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def parse_incoming(text: str) -> Join | Resume | Vote | Unvote | Leave | Ping | Host | Act:
    """One frame from a page as its model, or ProtocolError('bad_message'|'too_big') naming what is wrong."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_MESSAGE_BYTES:
        raise ProtocolError("too_big", f"a message may be at most {MAX_MESSAGE_BYTES} bytes")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ProtocolError("bad_message", "the message is not JSON: send one JSON object with a 'type'") from None
    if not isinstance(data, dict):
        raise ProtocolError("bad_message", "the message must be a JSON object with a 'type'")
    kind = data.get("type")
    if not isinstance(kind, str):
        raise ProtocolError("bad_message", "the message has no 'type' (a string such as 'join' or 'vote')")
    try:
        return _adapter.validate_python(data)
    except ValidationError as exc:
        raise ProtocolError("bad_message", _first_problem(exc)) from None


def _first_problem(exc: ValidationError) -> str:
    problem = exc.errors(include_url=False, include_input=False)[0]
    where = ".".join(str(p) for p in problem.get("loc", ()) if p is not None)
    kind = problem.get("type", "")
    if kind == "union_tag_invalid":
        return "unknown message type: use join, resume, vote, unvote, leave, ping, host or act"
    if kind == "extra_forbidden":
        return f"unexpected field '{_last(where)}'"
    if kind == "missing":
        return f"missing field '{_last(where)}'"
    return f"field '{_last(where)}': {problem.get('msg', 'invalid')}"[:300]


def _last(where: str) -> str:
    return where.rsplit(".", 1)[-1] if where else "?"


def error(code: str, message: str) -> dict[str, Any]:
    """An `error` frame."""
    return {"type": "error", "code": code, "message": message}
