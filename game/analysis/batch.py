"""Exact analysis in batches: all the states that share a place in the game stepped at once, as arrays.

The state-by-state solver (exact.py) steps each distinct state through the engine in Python: for a
policy that may take many options that is hundreds of thousands of states, seconds to minutes. Yet those
states fall into a few dozen *cells* — the same decision, clock, pending returns and incidents already
met — and differ only in their values. Here a cell's states are the rows of one array, and a step is
taken for all of them together (rowsteps.py): the result is the state-by-state one, to rounding (the
same sums, added in another order).

One pass, forward. Each *job* (the start of a game, an option taken at a state, a state itself) puts
probability on the rows it reaches. Cells are stepped in the order of their clocks; a cell's rows are
merged where the values its future can read are the same (liveness.py) — the probability arriving at
them added — then stepped by every option the policy may take, and what follows arrives at later cells,
at endings, or at a catastrophe. Each row carries, per job, the chance of being there and that chance
times Π(1 - H) of the steps on the way, so that P(each ending), E[Σ H] and E[Π(1 - H)] are summed as
they fall; a cell is dropped once stepped. The catastrophe is weighed in closed form at the end of each
step, as exact.py does; its course reads only a few values, so each kind of it is run once and remembered.

`BatchSolver.supports` says whether a setting can be solved here (dice as fate, a catastrophe that runs to
an ending, a policy of a kind it knows); a cell that reads the cumulative risk, or two cells at one clock
met out of order, stop it with `Unsupported` or `OutOfOrder`: the caller then solves state by state.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

from game.analysis.columns import Rows, Unsupported
from game.analysis.liveness import Liveness
from game.analysis.policies import Documented, DocumentedOrUniform, Policy, Preferring, Uniform
from game.analysis.rowsteps import ColumnScenario, RowEngine, Values, Way, mask
from game.engine.state import GameState
from game.errors import AnalysisError, RuleError
from game.scenario.compiled import MINUTES_PER_DAY, SLOT_DAY, SLOT_HOUR, SLOT_RISK, CompiledScenario, RNode

Floats: TypeAlias = NDArray[np.float64]
Ints: TypeAlias = NDArray[np.intp]

MAX_ROWS = 12_000_000  # states waiting at cells at once (about 3 GB): beyond, the analysis stops and says so
_MERGE_ROWS = 250_000  # rows waiting at a cell before they are merged (and again each time they double)
_FLUSH_ROWS = 500_000  # losses of control waiting before their catastrophes are run
_MAX_KINDS = 1 << 18  # catastrophes numbered (and added by number) when their kinds are at most this many


class AnalysisTooLarge(AnalysisError):
    """The analysis would follow more states than memory allows; the message says what to try instead."""


class OutOfOrder(Exception):
    """A cell received states after it was stepped (two decisions at one clock, met in the other order)."""


def _codes(column: Floats, whole: bool = False) -> tuple[NDArray[np.int64], int]:
    """Each value of a column as a small whole number (equal values, equal codes), and how many codes.
    `whole`: the column is known to hold only whole numbers (the check is then skipped)."""
    codes = column.astype(np.int64)
    if len(column) and (whole or np.array_equal(codes, column)):
        low, high = int(codes.min()), int(codes.max())
        if high - low < 4096:  # counts, levels and flags: the value itself is the code
            if low:
                codes -= low
            return codes, high - low + 1
    values, found = np.unique(column, return_inverse=True)
    return found.reshape(-1).astype(np.int64), len(values)


def distinct(rows: Rows) -> tuple[Ints, Ints, Ints]:
    """Rows grouped where all their values are equal: `distinct_columns` for a rows × columns array."""
    return distinct_columns([rows[:, j] for j in range(rows.shape[1])], len(rows))


def distinct_columns(columns: list[Floats], n: int, whole: list[bool] | None = None) -> tuple[Ints, Ints, Ints]:
    """Rows (given by column, `n` of them) grouped where all their values are equal: (an order that puts
    each group together, keeping arrival order inside it; where each group starts in that order; each row's
    group number). Each column is coded as small numbers and the codes packed into one integer per row, so
    that one sort of integers finds the groups (sorting whole rows is many times slower). `whole[j]`: column
    j is known to hold whole numbers only."""
    key = np.zeros(n, dtype=np.int64)
    size = 1
    for j, column in enumerate(columns):
        codes, count = _codes(column, whole is not None and whole[j])
        if size * count >= 2**62:  # the packed number would overflow: renumber what is packed so far
            packed, again = np.unique(key, return_inverse=True)
            key, size = again.reshape(-1).astype(np.int64), len(packed)
        if size > 1:
            key *= count
            key += codes
        else:
            key = codes
        size *= count
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    new = np.empty(n, dtype=np.bool_)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    group = np.empty(n, dtype=np.intp)
    group[order] = np.cumsum(new) - 1
    return order.astype(np.intp), starts.astype(np.intp), group


@dataclass
class _Cell:
    """States resting at the same place — decision, clock, returns pending, incidents met still ahead;
    they differ in their values (`live`: the columns their future reads)."""

    order: int
    node: int
    clock: int
    resume: tuple[int, ...]
    considered: frozenset[int]
    live: tuple[int, ...]
    whole: list[bool]  # per live column: known to hold whole numbers only
    # Rows arrived, not yet merged: per arrival, the live values column by column (columns are never changed
    # in place, so they are kept as they came, uncopied).
    values: list[list[Floats]] = field(default_factory=list)
    # Per row arrived, for each job j: the chance of being here (column j), and that chance times
    # Π(1 - H) of the steps on the way (column jobs + j).
    weights: list[Floats] = field(default_factory=list)
    stepped: bool = False
    held: int = 0  # rows waiting here
    merged_at: int = 0  # how many were waiting when they were last merged

    def merged(self) -> tuple[list[Floats], Floats]:
        """The distinct rows (by column), with their weights summed: rows with equal values are one state."""
        pieces = self.values
        weights = np.concatenate(self.weights) if len(self.weights) > 1 else self.weights[0]
        if len(pieces) == 1:
            columns = pieces[0]
        else:
            columns = [np.concatenate([piece[j] for piece in pieces]) for j in range(len(self.live))]
        self.values, self.weights = [], []
        order, starts, _ = distinct_columns(columns, len(weights), self.whole)
        if len(starts) == len(weights):
            return columns, weights
        pick = order[starts]
        return [column[pick] for column in columns], np.add.reduceat(weights[order], starts, axis=0)


@dataclass
class Totals:
    """What one job's analysis sums: P(each ending) (indexed as `ColumnScenario.ending_ids`), E[Σ H] and
    E[Π(1 - H)] over the steps from the job's start."""

    endings: Floats
    hazard: float
    survival: float


class BatchSolver:
    """One batched analysis: add jobs (`add_opening`, `add_option`, `add_state`), `solve()`, read `totals(j)`."""

    def __init__(
        self,
        columns: ColumnScenario,
        policy: Policy,
        liveness: Liveness,
        controlled: tuple[str, ...],
        limit: int | None = None,
    ):
        self.columns = columns
        self.scenario = columns.scenario
        self.policy = policy
        self.liveness = liveness
        self.rows = RowEngine(columns, controlled)
        self.limit = MAX_ROWS if limit is None else limit
        self.check: Callable[[], None] | None = None  # raises to stop, between cells
        escape = liveness.escape
        assert escape is not None, "check BatchSolver.supports first"
        self._escape_slots = columns.columns(escape[0])  # the columns a catastrophe's course reads
        self._escape_timed = escape[1]
        self.states = 0  # distinct states stepped, catastrophes' kinds included
        self.arrived = 0  # rows that arrived at cells
        self.held = 0  # rows waiting at cells now (memory's measure)
        self._cells: dict[tuple[object, ...], _Cell] = {}  # cells reached and not yet stepped
        self._made: set[tuple[object, ...]] = set()  # every cell ever made (stepped or waiting)
        self._queue: list[tuple[int, int, _Cell]] = []
        self._lost: dict[tuple[object, ...], Floats] = {}  # a catastrophe's kind -> P(each ending)
        self._losing: dict[tuple[int | None, int], list[tuple[Rows, Floats]]] = {}  # waiting to be run
        self._losing_rows = 0
        self._dense: dict[int, Floats] = {}  # per clock (-1: any): P(each catastrophe, by number) per job
        self._cause_at = {cause: i for i, cause in enumerate(columns.causes)}
        self._radix = self._numbering(columns.scenario, list(escape[0]))
        self._kinds = 0 if self._radix is None else int(np.prod(self._radix[1]))
        self._whole = all(slot in columns.whole for slot in escape[0])  # no check needed that they are
        self._ends = {inc.index: inc.end for inc in self.scenario.incidents}
        self._firsts: list[tuple[GameState | None, int]] = []  # per job: (state or None for the opening, option)
        self._endings = np.zeros((0, len(columns.ending_ids)))
        self._hazard = np.zeros(0)
        self._survival = np.zeros(0)

    @staticmethod
    def _numbering(scenario: CompiledScenario, slots: list[int]) -> tuple[Floats, Floats, Floats] | None:
        """(lowest value, how many values, place value) of each slot a catastrophe reads, when each is a flag
        or a variable bounded by whole numbers and all their kinds are few enough to count; else None."""
        kinds = {sym.slot: sym.kind for sym in scenario.symbols.values()}
        low, size = [], []
        for slot in slots:
            lo, hi = scenario.bounds[slot]
            if kinds.get(slot) == "bool":
                low.append(0.0)
                size.append(2.0)
            elif lo is not None and hi is not None and float(lo).is_integer() and float(hi).is_integer():
                low.append(float(lo))
                size.append(float(hi - lo + 1))
            else:
                return None
        if not slots or float(np.prod(size)) > _MAX_KINDS:
            return None
        place = np.cumprod(np.array([1.0, *size[:-1]], dtype=np.float64)).astype(np.float64)
        return np.array(low, dtype=np.float64), np.array(size, dtype=np.float64), place

    @staticmethod
    def supports(scenario: CompiledScenario, policy: Policy, fate: str, liveness: Liveness) -> bool:
        """Whether this setting can be solved in batches (else solve state by state)."""
        if fate != "dice" or liveness.escape is None:
            return False
        return type(policy) in (Documented, DocumentedOrUniform, Uniform, Preferring)

    # -------------------------------------------------------------- jobs

    def add_opening(self) -> int:
        """A new game from the scenario's start (its opening rolls included); returns the job's number."""
        self._firsts.append((None, -1))
        return len(self._firsts) - 1

    def add_option(self, state: GameState, option: int) -> int:
        """`state`'s option number `option` (in scenario order) taken, then the policy plays."""
        self._firsts.append((state, option))
        return len(self._firsts) - 1

    def add_state(self, state: GameState) -> int:
        """From `state`, resting at a decision the policy takes."""
        self._firsts.append((state, -1))
        return len(self._firsts) - 1

    def totals(self, job: int) -> Totals:
        return Totals(self._endings[job], float(self._hazard[job]), float(self._survival[job]))

    # -------------------------------------------------------------- the pass

    def solve(self) -> None:
        jobs = len(self._firsts)
        self._endings = np.zeros((jobs, len(self.columns.ending_ids)))
        self._hazard = np.zeros(jobs)
        self._survival = np.zeros(jobs)
        for job, (state, option) in enumerate(self._firsts):
            self._first(state, option, job)
        queue = self._queue
        while queue:
            _, _, cell = heapq.heappop(queue)
            if self.check is not None:
                self.check()
            cell.stepped = True
            values, weights = cell.merged()
            self.held -= cell.held
            del self._cells[self._key(cell.node, cell.clock, cell.resume, cell.considered)]
            self.states += len(weights)
            full = self._full(values, cell.live, cell.clock, len(weights))
            for option, chosen in self._odds(self.scenario.nodes[cell.node], full):
                keep = chosen > 0
                rows = np.flatnonzero(keep)
                mine = full.take(None if len(rows) == len(keep) else rows)
                way = Way(rows, np.ones(len(rows)), mine, cell.clock, cell.considered, cell.resume)
                self._from(way, cell.node, option, chosen, weights)
        self._flush()
        self._settle()

    def _first(self, state: GameState | None, option: int, job: int) -> None:
        """A job's start: its first step run on one row (or, for a state, its arrival at its cell)."""
        weights = np.zeros((1, 2 * len(self._firsts)))
        weights[0, job] = weights[0, len(self._firsts) + job] = 1.0
        one = np.ones(1)
        if state is None:  # the opening, as the engine's `new_game` runs it: a step of its own
            start = self.scenario.nodes[self.scenario.start]
            values = Values.of(self.columns.carried(self.scenario.initial))
            way = Way(np.zeros(1, dtype=np.intp), one, values, start.when, frozenset(), ())
            self.rows.set_clock(way, start.when)
            for leaf in self.rows.run(way, start.index, True):
                self._finish(leaf, one, weights)
            return
        values = Values.of(self.columns.carried(state.values))
        considered, resume = frozenset(state.considered), tuple(state.resume)
        if option < 0:
            self._arrive(self._cell(state.node, state.clock, resume, considered), values, weights)
            return
        way = Way(np.zeros(1, dtype=np.intp), one, values, state.clock, considered, resume)
        self._from(way, state.node, option, one, weights)

    def _from(self, way: Way, node: int, option: int, chosen: Floats, weights: Floats) -> None:
        """`way`'s rows take option number `option` (scenario order) of decision `node`, and the step runs to
        its ends. `chosen` (the policy's probability of the option) and `weights` are per row of the cell
        that the way's rows index."""
        opt = self.columns.options[node][option]
        self.rows.take(way, opt.shocks, opt.effects)
        for leaf in self.rows.run(way, opt.next, True):
            self._finish(leaf, chosen, weights)

    def _finish(self, way: Way, chosen: Floats, weights: Floats) -> None:
        """The end of a step: its hazard, the weights arriving where it rests, and the catastrophe in closed
        form (the engine's `_finish`, and exact.py's `_combine`)."""
        jobs = len(self._firsts)
        rows = way.rows
        n = len(rows)
        terms = way.terms(self.columns.driver_causes)
        survive = np.ones(n)
        if way.drivers is not None:  # each term apart: a product over every source, as the engine's
            for j in range(way.drivers.shape[1]):
                survive = survive * (1 - way.drivers[:, j])
        for h in way.hazards.values():
            survive = survive * (1 - h)
        hazard = np.minimum(1 - survive, self.scenario.max_step_hazard)
        reached = chosen[rows] * way.p
        held = reached * (1 - hazard)
        kept_held = held * (1 - hazard)
        w = weights[rows]
        mass, kept = w[:, :jobs], w[:, jobs:]
        self._hazard += (reached * hazard) @ mass  # E[Σ H]: this step's share, whichever way it ends
        if way.ended:
            e = self.columns.ending_index[way.node]
            self._endings[:, e] += held @ mass
            self._survival += kept_held @ kept
        else:
            onward = np.empty_like(w)
            np.multiply(mass, held[:, None], out=onward[:, :jobs])
            np.multiply(kept, kept_held[:, None], out=onward[:, jobs:])
            self._arrive(self._cell(way.node, way.clock, way.resume, way.considered), way.values, onward)
        if not terms or not np.any(hazard > 0):
            return
        # Which danger escaped: each term's share of the step's hazard, gathered by its cause flag.
        total = np.zeros(n)
        for _, h in terms:
            total = total + h
        escaped = reached * hazard
        divisor = np.where(total > 0, total, 1.0)
        by_cause: dict[int | None, Floats] = {}
        for cause, h in terms:
            share = escaped * np.where(total > 0, h / divisor, 0.0)
            by_cause[cause] = by_cause[cause] + share if cause in by_cause else share
        self._survival += (escaped * (1 - hazard)) @ kept  # control lost: no step after it, Π(1 - H) ends
        code = self._code(way.values)
        if code is None:  # values a catastrophe's kind cannot be numbered by: they wait for `_flush`
            reads = way.values.matrix(self._escape_slots)
            for cause, lost in by_cause.items():
                keep = lost > 0
                if np.any(keep):
                    self._lose(cause, way.clock, reads[keep], mass[keep] * lost[keep][:, None])
            return
        # Added at once to each catastrophe's kind (cause, then the values it reads, by number) and job.
        when = way.clock if self._escape_timed else -1
        totals = self._dense.get(when)
        if totals is None:
            totals = self._dense[when] = np.zeros(len(self._cause_at) * self._kinds * jobs)
        causes = [c for c, share in by_cause.items() if np.any(share)]
        if not causes:
            return
        lost = np.stack([by_cause[c] for c in causes], axis=1)  # rows × causes
        kind = (np.array([self._cause_at[c] for c in causes])[None, :] * self._kinds + code[:, None]).ravel()
        table = totals.reshape(-1, jobs)  # (cause, kind) × job, a view
        for j in range(jobs):  # one count per job: no index array rows × causes × jobs long is built
            table[:, j] += np.bincount(kind, weights=(lost * mass[:, j, None]).ravel(), minlength=len(table))

    # -------------------------------------------------------------- cells

    def _key(self, node: int, clock: int, resume: tuple[int, ...], considered: frozenset[int]) -> tuple[object, ...]:
        ends = self._ends
        return (node, clock, resume, tuple(sorted(i for i in considered if ends[i] >= clock)))

    def _cell(self, node: int, clock: int, resume: tuple[int, ...], considered: frozenset[int]) -> _Cell:
        key = self._key(node, clock, resume, considered)
        cell = self._cells.get(key)
        if cell is None:
            if key in self._made:
                raise OutOfOrder(f"'{self.scenario.nodes[node].id}' at {clock} was reached after it was stepped")
            slots = self.liveness.slots(node, resume)
            if SLOT_RISK in slots:  # the future reads the cumulative risk: state by state keeps it exact
                raise Unsupported("a later expression reads the cumulative risk")
            live = tuple(self.columns.columns(slots))
            whole = [self.columns.slots[c] in self.columns.whole for c in live]
            cell = self._cells[key] = _Cell(len(self._made), node, clock, resume, considered, live, whole)
            self._made.add(key)
            heapq.heappush(self._queue, (clock, cell.order, cell))
        return cell

    def _arrive(self, cell: _Cell, values: Values, weights: Floats) -> None:
        self.arrived += len(values)
        cell.values.append([values[:, column] for column in cell.live])
        cell.weights.append(weights)
        cell.held += len(values)
        self.held += len(values)
        if cell.held > max(_MERGE_ROWS, 2 * cell.merged_at):  # merge what waits, to bound memory
            columns, summed = cell.merged()
            cell.values, cell.weights = [columns], [summed]
            self.held += len(summed) - cell.held  # rows, counted by their weights (columns are the values)
            cell.held = cell.merged_at = len(summed)
        if self.held > self.limit:
            raise AnalysisTooLarge(
                f"Exact odds playing on '{self.policy.label}' ({self.policy.name}) from here would follow more "
                f"than {self.limit:,} different states of the crisis, more than memory allows. Ask again at a "
                f"later decision, or choose another way of playing on."
            )

    def _full(self, values: list[Floats], live: tuple[int, ...] | list[int], clock: int, n: int) -> Values:
        """Rows (`values`: the columns `live`, n rows) with every column carried: the values read, in their
        columns, the clock's day and hour, and zero where nothing from here reads a value."""
        zero = np.zeros(n)
        base = [zero] * self.columns.width
        for i, column in enumerate(live):
            base[column] = values[i]
        base[SLOT_DAY] = np.full(n, 1 + (clock - self.scenario.calendar.day_one) / MINUTES_PER_DAY)
        base[SLOT_HOUR] = np.full(n, float((clock // 60) % 24))
        return Values(base, None, {}, n)

    # -------------------------------------------------------------- the catastrophe

    def _code(self, values: Values) -> Ints | None:
        """Each row's catastrophe kind as one number, when every value it reads is a whole number within its
        bounds (flags, levels, counts); None otherwise (those rows wait for `_flush`)."""
        if self._radix is None:
            return None
        low, size, place = self._radix
        if self._whole:  # whole numbers by the scenario's own effects, and clamped to their bounds
            code = np.zeros(len(values))
            for j, column in enumerate(self._escape_slots):
                code = code + (values[:, column] - low[j]) * place[j]
            return code.astype(np.intp)
        digits = values.matrix(self._escape_slots) - low
        whole = np.floor(digits)
        if not (np.array_equal(whole, digits) and np.all(whole >= 0) and np.all(whole < size)):
            return None
        return np.asarray(whole @ place, dtype=np.intp)

    def _settle(self) -> None:
        """The catastrophes added by number: each kind that occurred run once, its endings weighed."""
        jobs = len(self._firsts)
        for when, totals in self._dense.items():
            assert self._radix is not None
            low, size, place = self._radix
            table = totals.reshape(len(self._cause_at), self._kinds, jobs)
            for cause, c in self._cause_at.items():
                seen = np.flatnonzero(np.any(table[c] != 0, axis=1))
                if not len(seen):
                    continue
                digits = (seen[:, None] // place.astype(np.intp)) % size.astype(np.intp)
                found = self._escape(cause, when if when >= 0 else 0, digits + low)
                self.states += len(seen)
                self._endings += table[c][seen].T @ found
        self._dense.clear()

    def _lose(self, cause: int | None, clock: int, reads: Rows, mass: Floats) -> None:
        """Rows whose control is lost (begun by the danger of `cause`), with the values a catastrophe's course
        reads and each job's probability of it: kept to be run together (`_flush`)."""
        key = (cause, clock if self._escape_timed else -1)
        waiting = self._losing.setdefault(key, [])
        waiting.append((reads, mass))
        self._losing_rows += len(reads)
        if self._losing_rows > _FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        """Every catastrophe waiting: P(each ending) for each kind (the engine's `escape`, each kind run once
        and remembered), added for each job."""
        for (cause, when), waiting in self._losing.items():
            reads = np.concatenate([r for r, _ in waiting])
            mass = np.concatenate([m for _, m in waiting])
            order, starts, _ = distinct(reads)
            kinds = reads[order[starts]]
            summed = np.add.reduceat(mass[order], starts, axis=0)
            keys = [(cause, when, *row) for row in kinds.tolist()]
            missing = [i for i, k in enumerate(keys) if k not in self._lost]
            if missing:
                found = self._escape(cause, when if when >= 0 else 0, kinds[missing])
                for i, dist in zip(missing, found):
                    self._lost[keys[i]] = dist
                self.states += len(missing)
            self._endings += summed.T @ np.array([self._lost[k] for k in keys])
        self._losing.clear()
        self._losing_rows = 0

    def _escape(self, cause: int | None, clock: int, reads: Rows) -> Floats:
        full = self._full([reads[:, j] for j in range(reads.shape[1])], self._escape_slots, clock, len(reads))
        flag = None if cause is None else self.columns.column_of.get(cause)
        if flag is not None:  # the flag of the danger that escaped (unless nothing reads it)
            full[:, flag] = 1.0
        n = len(full)
        endings = np.zeros((n, len(self.columns.ending_ids)))
        way = Way(np.arange(n), np.ones(n), full, clock, frozenset(), ())
        for leaf in self.rows.run(way, self.scenario.catastrophe, False):
            if not leaf.ended:  # `supports` checked that the catastrophe runs to an ending
                raise Unsupported("a catastrophe that goes back to a decision")
            endings[leaf.rows, self.columns.ending_index[leaf.node]] += leaf.p
        return endings

    # -------------------------------------------------------------- the policy

    def _odds(self, node: RNode, values: Values) -> list[tuple[int, Floats]]:
        """For each option the policy may take, its probability on each row (options in scenario order)."""
        n = len(values)
        options = self.columns.options[node.index]
        available = [
            np.ones(n, dtype=np.bool_) if o.condition is None else mask(o.condition(values), n) for o in options
        ]
        count = np.zeros(n)
        for a in available:
            count = count + a
        if not np.all(count > 0):
            raise RuleError(f"dead end at '{node.id}': no option is available")
        policy = self.policy
        if isinstance(policy, Uniform):
            share = 1 / count
            chosen = [np.where(a, share, 0.0) for a in available]
        else:
            chosen = [np.zeros(n) for _ in options]
            undecided = np.ones(n, dtype=np.bool_)

            def first(candidates: list[int]) -> None:  # the first of these open on each undecided row
                nonlocal undecided
                for i in candidates:
                    hit = undecided & available[i]
                    chosen[i] = np.where(hit, 1.0, chosen[i])
                    undecided = undecided & ~hit

            if isinstance(policy, Preferring):
                for tag in policy.prefer:
                    first([i for i, o in enumerate(node.options) if tag in o.tags])
            first([i for i, o in enumerate(node.options) if o.historical])
            if isinstance(policy, DocumentedOrUniform):
                share = 1 / count
                chosen = [np.where(undecided & a, share, c) for a, c in zip(available, chosen)]
            else:
                first(list(range(len(options))))
        return [(i, c) for i, c in enumerate(chosen) if np.any(c > 0)]
