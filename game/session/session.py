"""A game in progress: an append-only log of inputs, the tree of histories it grows, and states by replay.

Every front end (the window, the terminal, tools, the classroom to come) drives a `Session` and
nothing else holds the game. `apply` is the one way in: an input is played, and only if it is
legal is it appended to the log, so a refused input changes nothing. The log alone rebuilds the
session (see `store.py`); the tree is what it grows; states are rebuilt by replaying the moves on
the way from the root, with a bounded cache of checkpoints so that jumping anywhere is quick.
"""

from __future__ import annotations

import secrets as _secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from game.analysis.documented import documented_path
from game.engine.engine import Engine
from game.engine.results import Step
from game.engine.state import GameState
from game.engine.views import DecisionView, StepView, ViewSettings, decision_view, step_view
from game.errors import RuleError, SaveError
from game.session.inputs import (
    POINT_ID,
    Comment,
    Decide,
    Delete,
    GoTo,
    Inject,
    Input,
    Label,
    Promote,
    Reveal,
    Tally,
    Unvote,
    Vote,
)
from game.session.tree import HistoryNode, PathCheck

__all__ = ["GameConfig", "Session"]

CHECKPOINTS = 512  # states kept for quick jumps (the root's is always kept)


@dataclass(frozen=True)
class GameConfig:
    """What a session is played with: the same config and inputs give the same history, bit for bit."""

    scenario_id: str
    scenario_version: str
    seed: int
    fate: str = "dice"
    controlled: tuple[str, ...] = ()


class Session:
    def __init__(self, engine: Engine, config: GameConfig, settings: ViewSettings | None = None):
        if config.scenario_id != engine.scenario.id:
            raise SaveError(f"this game is for scenario '{config.scenario_id}', not '{engine.scenario.id}'")
        self.engine = engine
        self.config = config
        self.settings = settings or ViewSettings()
        self.log: list[Input] = []
        self.root = HistoryNode("h0", None)
        self.current = self.root
        self._next_id = 1
        self.made_by: dict[str, int] = {}  # tree node id -> index of the log entry that made it
        self.entered: dict[int, str] = {}  # log index -> the node a move re-entered (the same move played again)
        self._root_state = engine.new_game(seed=config.seed, controlled=config.controlled or None, fate=config.fate)
        self._cache: OrderedDict[str, GameState] = OrderedDict()
        self._documented: GameState | None = None
        self.save_error = ""  # the last autosave's failure, for front ends to show
        self.saver: Callable[[Session], bool] | None = None  # set by SaveStore.attach: called after every input

    @classmethod
    def new(
        cls,
        engine: Engine,
        seed: int | None = None,
        fate: str = "dice",
        controlled: tuple[str, ...] | None = None,
        settings: ViewSettings | None = None,
    ) -> Session:
        seed = _secrets.randbelow(2**31) if seed is None else int(seed)
        sides = tuple(controlled) if controlled else (engine.scenario.model.player,)
        config = GameConfig(engine.scenario.id, engine.scenario.version, seed, fate, sides)
        return cls(engine, config, settings)

    # ---------------------------------------------------------------- reading

    @property
    def state(self) -> GameState:
        """The state at the current node. Read it; never change it (it is a cached checkpoint)."""
        return self.state_at(self.current)

    def state_at(self, node: HistoryNode) -> GameState:
        """The state after every move from the root to `node`, rebuilt from the nearest checkpoint."""
        if node.parent is None:
            return self._root_state
        cached = self._cache.get(node.id)
        if cached is not None:
            self._cache.move_to_end(node.id)
            return cached
        todo = []
        at: HistoryNode | None = node
        base = None
        while at is not None and at.parent is not None:
            base = self._cache.get(at.id)
            if base is not None:
                break
            todo.append(at)
            at = at.parent
        state = base if base is not None else self._root_state
        for step_node in reversed(todo):
            state = self._play_move(state, step_node)
        return state

    def _play_move(self, before: GameState, node: HistoryNode) -> GameState:
        after = before.clone()
        move = node.move
        if isinstance(move, Decide):
            here = self.engine.node(after).id
            if after.ended:
                raise RuleError("the game has ended here; go back to an earlier decision to choose again")
            if here != move.node:
                raise RuleError(f"the decision awaited is '{here}', not '{move.node}'")
            self.engine.choose(after, move.option)
        elif isinstance(move, Inject):
            self.engine.inject(after, move.incident)
        elif isinstance(move, Reveal):
            self.engine.reveal(after, move.secret, move.to)
        self._remember(node.id, after)
        return after

    def _remember(self, node_id: str, state: GameState) -> None:
        self._cache[node_id] = state
        self._cache.move_to_end(node_id)
        while len(self._cache) > CHECKPOINTS:
            self._cache.popitem(last=False)

    @property
    def documented(self) -> GameState:
        """The 1962 course through the same scenario (computed once)."""
        if self._documented is None:
            self._documented = documented_path(self.engine)
        return self._documented

    @property
    def viewer(self) -> str:
        """The audience a one-screen front end shows: the side awaited if a person plays it, else the first."""
        awaited = self.engine.waiting_for(self.state)
        sides = self.config.controlled or (self.engine.scenario.model.player,)
        return awaited if awaited in sides else sides[0]

    def decision_view(self, viewer: str | None = None) -> DecisionView | None:
        return decision_view(self.engine, self.state, viewer or self.viewer, self.settings)

    def step_view(self, step: Step, viewer: str | None = None) -> StepView:
        return step_view(step, viewer or self.viewer)

    def decision_points(self) -> list[HistoryNode]:
        """The nodes on the way to the current one at which a decision was awaited (where one can go back to)."""
        return [n for n in self.current.path() if not self.state_at(n).ended and n is not self.current] + (
            [] if self.state.ended else [self.current]
        )

    def votes_here(self) -> dict[str, str]:
        """voter -> option for the decision awaited at the current node (a later vote replaces an earlier one)."""
        return {v.voter: v.option for v in self.current.votes}

    # ---------------------------------------------------------------- the one way in

    def apply(self, inp: Input, check: PathCheck | None = None) -> Step | None:
        """Play one input. It is logged only if it is legal: a refused input raises RuleError and changes nothing.

        `check` (when replaying a save) is what the move produced when first played; a replay that
        produces anything else raises SaveError.
        """
        result = self._play(inp, check)
        self.log.append(inp)
        if self.saver is not None:
            self.saver(self)
        return result

    def autosave(self) -> bool:
        """Save now where the session is kept (True when there is nowhere to keep it)."""
        return self.saver(self) if self.saver is not None else True

    def _play(self, inp: Input, check: PathCheck | None) -> Step | None:
        if isinstance(inp, Decide | Inject | Reveal):
            return self._move(inp, check)
        if isinstance(inp, Vote):
            node = self._node(inp.at)
            state = self.state_at(node)
            if state.ended or self.engine.node(state).kind != "decision":
                raise RuleError("no decision is awaited there: votes go to a decision in progress")
            if inp.option not in {o.id for o in self.engine.node(state).options}:
                raise RuleError(f"'{inp.option}' is not an option at '{self.engine.node(state).id}'")
            node.votes[:] = [v for v in node.votes if v.voter != inp.voter]
            node.votes.append(inp)
        elif isinstance(inp, Unvote):
            node = self._node(inp.at)
            node.votes[:] = [v for v in node.votes if v.voter != inp.voter]
        elif isinstance(inp, Tally):
            node = self._node(inp.at)
            state = self.state_at(node)
            if state.ended or inp.option not in {o.id for o in self.engine.node(state).options}:
                raise RuleError("a show of hands counts for an option of a decision in progress")
        elif isinstance(inp, Comment):
            self._node(inp.at).comment = inp.text
        elif isinstance(inp, Label):
            self._node(inp.at).label = inp.text
        elif isinstance(inp, GoTo):
            self.current = self._node(inp.at)
        elif isinstance(inp, Delete):
            node = self._node(inp.at)
            if node.parent is None:
                raise RuleError("the start of the game cannot be deleted")
            gone = {n.id for n in node.walk()}
            node.remove()
            for nid in gone:
                self._cache.pop(nid, None)
            if self.current.id in gone:
                self.current = node.parent
        elif isinstance(inp, Promote):
            self._node(inp.at).promote_to_main()
        return None

    def _move(self, move: Decide | Inject | Reveal, check: PathCheck | None) -> Step | None:
        before = self.state
        existing = self.current.child_with(move)
        if existing is not None:  # the same move again: re-enter the history already played
            self.entered[len(self.log)] = existing.id  # the entry `apply` is about to append
            self.current = existing
            return self._step_of(existing)
        child = HistoryNode(f"h{self._next_id}", move, self.current)
        if isinstance(move, Decide):
            child.closed_1962 = self._why_1962_was_closed(before, move)
        after = self._play_move(before, child)
        if isinstance(move, Decide):
            child.told = next(
                (
                    e.choice_text
                    for step in after.steps[len(before.steps) :]
                    for e in step.events
                    if e.kind == "decision" and e.node == move.node
                ),
                "",
            )
        child.check = PathCheck(
            tuple((p.kind, p.node, p.choice, p.by) for p in after.path[len(before.path) :]),
            self.engine.node(after).id,
            after.risk,
        )
        if check is not None and not _same(check, child.check):
            self._cache.pop(child.id, None)
            raise SaveError(_mismatch(child, check, child.check))
        self._next_id += 1
        self.made_by[child.id] = len(self.log)  # the entry `apply` is about to append
        self.current.variations.append(child)
        self.current = child
        return self._step_of(child)

    def _why_1962_was_closed(self, state: GameState, move: Decide) -> str:
        """Why 1962's option at this decision could not be taken, when another was (else '')."""
        node = self.engine.scenario.by_id.get(move.node)
        documented = next((o.id for o in node.options if o.historical), None) if node is not None else None
        if documented is None or documented == move.option:
            return ""
        return self.engine.why_closed(state, move.node, documented)

    def _step_of(self, node: HistoryNode) -> Step | None:
        if isinstance(node.move, Reveal):
            return None
        steps = self.state_at(node).steps
        return steps[-1] if steps else None

    def _node(self, node_id: str) -> HistoryNode:
        node = self.root.find(node_id)
        if node is None:
            raise RuleError(f"there is no point '{node_id}' in this game's histories")
        return node

    # ---------------------------------------------------------------- conveniences for front ends

    def choose(self, option_id: str) -> Step:
        """Take an option at the decision awaited now (by whichever side is awaited)."""
        state = self.state
        if state.ended:
            raise RuleError("the game has ended; go back to an earlier decision to choose again")
        step = self.apply(Decide(node=self.engine.node(state).id, option=option_id))
        assert step is not None
        return step

    def repeated_last_move(self) -> bool:
        """True when the last input was a move already played from there, so it re-entered that history (the
        same dice fall the same way: nothing new was played)."""
        return bool(self.log) and (len(self.log) - 1) in self.entered

    def go_to(self, node: HistoryNode | str) -> None:
        """Re-enter the tree at `node` (a node, or an id typed as the histories list it: 'h12')."""
        node_id = node if isinstance(node, str) else node.id
        if not POINT_ID.fullmatch(node_id):  # typed by a player: refused as a rule, not as a malformed record
            raise RuleError(
                f"'{node_id[:40]}' is not a point of the histories: points are written h and a number, like h3"
            )
        self.apply(GoTo(at=node_id))

    def back(self) -> HistoryNode | None:
        """Go back to the decision before the current one; None when there is none."""
        points = [n for n in self.decision_points() if n is not self.current]
        if not points:
            return None
        self.go_to(points[-1])
        return points[-1]

    def reveal(self, secret_id: str, to: str) -> None:
        self.apply(Reveal(secret=secret_id, to=to))

    def inject(self, incident_id: str) -> Step:
        step = self.apply(Inject(incident=incident_id))
        assert step is not None
        return step


def _same(a: PathCheck, b: PathCheck) -> bool:
    return a.path == b.path and a.at == b.at and abs(a.risk - b.risk) <= 1e-12


def _mismatch(node: HistoryNode, saved: PathCheck, now: PathCheck) -> str:
    where = f"at step {node.depth()} ({node.describe()})"
    for i, point in enumerate(saved.path):
        got = now.path[i] if i < len(now.path) else None
        if got != point:
            what = f"the replay gives {got[0]} '{got[1]}' → '{got[2]}'" if got else "the replay stops before it"
            return f"{where} the save records {point[0]} '{point[1]}' → '{point[2]}', but {what}"
    if len(now.path) > len(saved.path):
        extra = now.path[len(saved.path)]
        return f"{where} the replay goes on to {extra[0]} '{extra[1]}', which the save does not record"
    if saved.at != now.at:
        return f"{where} the save arrives at '{saved.at}', the replay at '{now.at}'"
    return f"{where} the risk differs: saved {saved.risk!r}, replayed {now.risk!r}"
