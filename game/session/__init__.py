"""A game in progress: the log of inputs, the tree of histories, and saves (no pygame).

The window, the terminal and the tools all drive a `Session`; `SaveStore` keeps them on disk.
"""

from game.session.inputs import (
    Comment,
    Decide,
    Delete,
    Facilitate,
    GoTo,
    Inject,
    Input,
    Label,
    Promote,
    Reveal,
    Setup,
    Tally,
    Unvote,
    Vote,
)
from game.session.session import GameConfig, Session
from game.session.store import (
    MIN_SAVE_VERSION,
    SAVE_VERSION,
    SaveInfo,
    SaveProblem,
    SaveStore,
    dump_session,
    load_session,
    read_save_file,
)
from game.session.tree import HistoryNode, PathCheck

__all__ = [
    "MIN_SAVE_VERSION",
    "SAVE_VERSION",
    "Comment",
    "Decide",
    "Delete",
    "Facilitate",
    "GameConfig",
    "GoTo",
    "HistoryNode",
    "Inject",
    "Input",
    "Label",
    "PathCheck",
    "Promote",
    "Reveal",
    "SaveInfo",
    "SaveProblem",
    "SaveStore",
    "Session",
    "Setup",
    "Tally",
    "Unvote",
    "Vote",
    "dump_session",
    "load_session",
    "read_save_file",
]
