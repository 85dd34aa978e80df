"""One step of the engine for many states at once: the states are the rows of an array (numpy).

`RowEngine` mirrors `game.engine.engine.Engine` for exact analysis under dice: a player's option taken,
the clock moved through incidents, the scenario's own player choosing, chance drawn, up to the next
decision a person (the policy) takes or an ending. Where the engine, for one state, would go one way or
another — a condition, an incident's chance, a choice, a chance node — the rows split into *ways*, each
carrying every row's probability of having gone that way; each way's risk terms are kept per source as
the engine's step log keeps them. The arithmetic on each row is the engine's, in the engine's order.

`ColumnScenario` holds every expression of a compiled scenario in column form (columns.py), taken from
the same source text the scenario compiler read.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

from game.analysis.columns import ColumnFn, Result, Rows, Unsupported, compile_columns, whole_numbers
from game.analysis.liveness import Liveness, fed
from game.engine.engine import MAX_TRANSITIONS
from game.errors import RuleError
from game.scenario.compile import HISTORICAL_WEIGHT
from game.scenario.compiled import (
    MINUTES_PER_DAY,
    RESUME,
    SLOT_DAY,
    SLOT_HOUR,
    SLOT_RISK,
    CompiledScenario,
    RNode,
    RShock,
)
from game.scenario.expressions import compile_effect, compile_expression
from game.scenario.models import Shock

Floats: TypeAlias = NDArray[np.float64]
Ints: TypeAlias = NDArray[np.intp]
Mask: TypeAlias = NDArray[np.bool_]


def _unread(rows: Rows) -> Result:
    raise Unsupported("a weight read where the analysis carries no value for it")


def column(x: Result, n: int) -> Floats:
    """A result as one float per row (a constant repeated)."""
    if isinstance(x, np.ndarray):
        return np.asarray(x, dtype=np.float64)
    return np.full(n, float(x))


def mask(x: Result, n: int) -> Mask:
    """A condition's result as one truth value per row."""
    if isinstance(x, np.ndarray):
        return np.asarray(x, dtype=np.bool_) if x.dtype == np.bool_ else np.not_equal(x, 0)
    return np.full(n, bool(x))


# ------------------------------------------------------------------ the scenario, in columns


@dataclass(frozen=True)
class _Effect:
    slot: int
    op: str
    fn: ColumnFn
    lo: float | None
    hi: float | None


@dataclass(frozen=True)
class _Shock:
    source: str
    fn: ColumnFn
    cause: int | None


@dataclass(frozen=True)
class _Option:
    condition: ColumnFn | None
    weight: ColumnFn
    effects: tuple[_Effect, ...]
    shocks: tuple[_Shock, ...]
    next: int


@dataclass(frozen=True)
class _Outcome:
    chance: ColumnFn | None  # None: the rest
    effects: tuple[_Effect, ...]
    shocks: tuple[_Shock, ...]
    next: int


@dataclass(frozen=True)
class _Incident:
    index: int
    start: int
    end: int
    condition: ColumnFn | None
    chance: ColumnFn
    effects: tuple[_Effect, ...]
    shocks: tuple[_Shock, ...]
    interrupt: int | None


def _kept(liveness: Liveness) -> list[int]:
    """The value slots an analysis must carry: every slot some state's future may read (liveness.py, over
    every node), with what feeds them through effects anywhere; the clock's day and hour and the risk first.
    A slot outside (a score only the debrief shows) is never read, and an effect on it is left out."""
    scenario = liveness.scenario
    kept = set(liveness.escape[0] if liveness.escape else ())
    for node in scenario.nodes:
        kept |= set(liveness.slots(node.index))
    fed(kept, liveness.all_effects())
    builtins = [SLOT_DAY, SLOT_HOUR, SLOT_RISK]
    return builtins + sorted(kept - set(builtins))


class ColumnScenario:
    """Every expression of a compiled scenario in its column form, with the engine's order of incidents, over
    the slots an analysis for these sides carries (`slots`: the scenario's slot of each column)."""

    def __init__(self, scenario: CompiledScenario, liveness: Liveness):
        self.scenario = scenario
        model = scenario.model
        self.slots = _kept(liveness)
        self.column_of = {slot: i for i, slot in enumerate(self.slots)}
        at = self.column_of
        names = scenario.slot_names
        symbols = {names[slot]: replace(scenario.symbols[names[slot]], slot=i) for slot, i in at.items()}
        bounds = scenario.bounds

        def effects(sources: list[str]) -> tuple[_Effect, ...]:
            out = []
            for source in sources:
                eff = compile_effect(source, scenario.symbols)
                if eff.slot not in at:  # nothing ever reads what it sets
                    continue
                lo, hi = bounds[eff.slot]
                out.append(_Effect(at[eff.slot], eff.op, compile_columns(eff.value.source, symbols), lo, hi))
            return tuple(out)

        def weighed(source: object) -> ColumnFn:
            """A weight: for the policy's own sides nothing reads it, and it may read what is not carried."""
            try:
                return compile_columns(source, symbols)
            except Unsupported:
                return _unread

        def shocks(prefix: str, compiled: tuple[RShock, ...], specs: list[Shock]) -> tuple[_Shock, ...]:
            return tuple(
                _Shock(f"{prefix}:{r.label}", compile_columns(spec.hazard, symbols), r.cause)
                for r, spec in zip(compiled, specs, strict=True)
            )

        self.options: list[tuple[_Option, ...]] = []
        self.outcomes: list[tuple[_Outcome, ...]] = []
        for rnode, mnode in zip(scenario.nodes, model.nodes, strict=True):
            if rnode.id != mnode.id:
                raise Unsupported("the compiled nodes are not in the scenario's order")
            opts = []
            for ro, mo in zip(rnode.options, getattr(mnode, "options", ()), strict=True):
                if ro.id != mo.id:
                    raise Unsupported("the compiled options are not in the scenario's order")
                weight = mo.weight if mo.weight is not None else (HISTORICAL_WEIGHT if mo.historical else 1)
                opts.append(
                    _Option(
                        None if mo.condition is None else compile_columns(mo.condition, symbols),
                        weighed(weight),
                        effects(mo.effects),
                        shocks(f"action:{ro.id}", ro.shocks, mo.risk),
                        ro.next,
                    )
                )
            self.options.append(tuple(opts))
            outs = []
            for ro2, mo2 in zip(rnode.outcomes, getattr(mnode, "outcomes", ()), strict=True):
                outs.append(
                    _Outcome(
                        None if mo2.chance == "rest" else compile_columns(mo2.chance, symbols),
                        effects(mo2.effects),
                        shocks(f"chance:{ro2.id}", ro2.shocks, mo2.risk),
                        ro2.next,
                    )
                )
            self.outcomes.append(tuple(outs))
        self.incidents: list[_Incident] = []
        for inc in scenario.incidents:  # the engine's order: by start, then declaration
            spec = model.incidents[inc.index]
            self.incidents.append(
                _Incident(
                    inc.index,
                    inc.start,
                    inc.end,
                    None if spec.condition is None else compile_columns(spec.condition, symbols),
                    compile_columns(spec.chance, symbols),
                    effects(spec.effects),
                    shocks(f"incident:{inc.id}", inc.shocks, spec.risk),
                    inc.interrupt,
                )
            )
        self.closed_by: list[int] = []
        latest = -(2**62)
        for inc in scenario.incidents:
            latest = max(latest, inc.end)
            self.closed_by.append(latest)
        specs = model.risk.drivers
        if [s.id for s in specs] != [d.id for d in scenario.drivers]:
            raise Unsupported("the compiled drivers are not the scenario's")
        self.drivers = tuple(compile_columns(s.per_day, symbols) for s in specs)
        self.driver_reads = frozenset(
            symbols[name].slot for s in specs for name in compile_expression(str(s.per_day), scenario.symbols).names
        )
        groups: dict[int | None, list[int]] = {}
        for j, d in enumerate(scenario.drivers):
            groups.setdefault(d.cause, []).append(j)
        self.driver_causes = tuple((cause, tuple(cols)) for cause, cols in groups.items())  # columns per cause
        self.width = len(self.slots)
        every_effect = [e for node in model.nodes for o in getattr(node, "options", ()) for e in o.effects]
        every_effect += [e for node in model.nodes for o in getattr(node, "outcomes", ()) for e in o.effects]
        every_effect += [e for inc in model.incidents for e in inc.effects]
        initial = {name: float(scenario.initial[sym.slot]) for name, sym in scenario.symbols.items()}
        whole = whole_numbers(scenario.symbols, initial, every_effect)
        self.whole = frozenset(scenario.symbols[name].slot for name in whole)  # slots only ever whole numbers
        # Every cause flag a danger may name (None: none), in a fixed order.
        named = {d.cause for d in scenario.drivers}
        for node in scenario.nodes:
            for o in node.options:
                named |= {s.cause for s in o.shocks}
            for out in node.outcomes:
                named |= {s.cause for s in out.shocks}
        for inc in scenario.incidents:
            named |= {s.cause for s in inc.shocks}
        self.causes: list[int | None] = sorted(named, key=lambda c: -1 if c is None else c)
        self.ending_index = {n.index: i for i, n in enumerate(n for n in scenario.nodes if n.kind == "ending")}
        self.ending_ids = [n.id for n in scenario.nodes if n.kind == "ending"]

    def carried(self, values: list[float | bool] | list[float]) -> Rows:
        """A state's values (in the scenario's slots) as one row of the columns carried."""
        return np.array([[float(values[slot]) for slot in self.slots]])

    def columns(self, slots: tuple[int, ...] | list[int]) -> list[int]:
        """The columns of these scenario slots."""
        at = self.column_of
        return [at[slot] for slot in slots]


# ------------------------------------------------------------------ rows on their way through a step


class Values:
    """The values of a way's rows, column by column (`values[:, slot]`, as the compiled expressions read
    them), shared until written: ways that part copy nothing when they keep every row, and otherwise gather
    only the columns written or read since, reading the rest from the rows they came from when asked.
    A column is never changed in place — a write puts a new one — so sharing is safe."""

    __slots__ = ("_at", "_base", "_own", "n")

    def __init__(self, base: list[Floats], at: Ints | None, own: dict[int, Floats], n: int):
        self._base = base  # the columns of the rows the way began with
        self._at = at  # which of those rows (None: all, in order)
        self._own = own  # columns of this way's own rows: written, or gathered from the base
        self.n = n

    @classmethod
    def of(cls, rows: Rows) -> Values:
        """Values held in a rows × columns array."""
        return cls([rows[:, j] for j in range(rows.shape[1])], None, {}, len(rows))

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, key: tuple[slice, int]) -> Floats:
        slot = key[1]
        found = self._own.get(slot)
        if found is None:
            if self._at is None:
                return self._base[slot]
            found = self._own[slot] = self._base[slot][self._at]
        return found

    def __setitem__(self, key: tuple[slice, int], value: Floats | float) -> None:
        if isinstance(value, np.ndarray) and value.shape == (self.n,):
            self._own[key[1]] = value
        else:
            self._own[key[1]] = np.full(self.n, float(value))

    def take(self, at: Ints | None) -> Values:
        """These values for the rows `at` (None: all of them)."""
        if at is None:
            return Values(self._base, self._at, dict(self._own), self.n)
        own = {slot: column[at] for slot, column in self._own.items()}
        return Values(self._base, at if self._at is None else self._at[at], own, len(at))

    def matrix(self, slots: list[int]) -> Rows:
        """The values of these columns as a rows × columns array."""
        found = np.empty((self.n, len(slots)), order="F")  # by column: each is filled, and later read, whole
        for i, slot in enumerate(slots):
            found[:, i] = self[:, slot]
        return found


@dataclass
class Way:
    """Rows that have gone the same way through a step so far: the same nodes, clock, incidents and returns."""

    rows: Ints  # which rows of the cell being stepped
    p: Floats  # the probability of this way, for each row
    values: Values
    clock: int
    considered: frozenset[int]
    resume: tuple[int, ...]
    hazards: dict[str, Floats] = field(default_factory=dict)  # the shocks' terms, per source in the order met
    causes: dict[str, int | None] = field(default_factory=dict)
    node: int = -1
    ended: bool = False
    moves: int = 0
    drivers: Floats | None = None  # the ongoing drivers' terms: one column per driver (None: all zero)
    rates: Floats | None = None  # their daily rates for the present values (None: to be worked out)

    def take(self, keep: Mask) -> Way:
        """The rows where `keep` holds, as a way of their own: the two go on apart (arrays are replaced,
        never changed in place, so a way that keeps every row shares them)."""
        if keep.all():
            return Way(
                self.rows,
                self.p,
                self.values.take(None),
                self.clock,
                self.considered,
                self.resume,
                dict(self.hazards),
                dict(self.causes),
                self.node,
                self.ended,
                self.moves,
                self.drivers,
                self.rates,
            )
        at = np.flatnonzero(keep)  # one pass over the mask; whole numbers index faster than it
        return Way(
            self.rows[at],
            self.p[at],
            self.values.take(at),
            self.clock,
            self.considered,
            self.resume,
            {s: h[at] for s, h in self.hazards.items()},
            dict(self.causes),
            self.node,
            self.ended,
            self.moves,
            None if self.drivers is None else self.drivers[at],
            None if self.rates is None else self.rates[at],
        )

    def terms(self, groups: tuple[tuple[int | None, tuple[int, ...]], ...]) -> list[tuple[int | None, Floats]]:
        """Every risk term of the step so far with its cause flag: the drivers' (summed by cause: `groups`, as
        `ColumnScenario.driver_causes`), then the shocks'."""
        found: list[tuple[int | None, Floats]] = []
        drivers = self.drivers
        if drivers is not None:
            for cause, cols in groups:
                found.append((cause, drivers[:, cols[0]] if len(cols) == 1 else drivers[:, list(cols)].sum(axis=1)))
        found.extend((self.causes[source], h) for source, h in self.hazards.items())
        return found

    def __len__(self) -> int:
        return len(self.rows)


def _split(way: Way, keep: Mask) -> tuple[Way | None, Way | None]:
    """(the rows where `keep` holds, the others); None for an empty side, the way itself when it is whole."""
    n = int(keep.sum())
    if n == len(way):
        return way, None
    if n == 0:
        return None, way
    return way.take(keep), way.take(~keep)


class RowEngine:
    """The engine's step for many rows (see the module's docstring). `controlled`: the sides the policy plays."""

    def __init__(self, columns: ColumnScenario, controlled: tuple[str, ...]):
        self.columns = columns
        self.scenario = columns.scenario
        self.controlled = controlled
        self._day_one = self.scenario.calendar.day_one
        self._rate_reads = columns.driver_reads

    def take(self, way: Way, shocks: tuple[_Shock, ...], effects: tuple[_Effect, ...]) -> None:
        """An option or outcome taken on every row of `way`: its dangers, then its effects."""
        self._shock(way, shocks)
        self._apply(way, effects)

    def _apply(self, way: Way, effects: tuple[_Effect, ...]) -> None:
        values = way.values
        n = len(values)
        for e in effects:
            new = column(e.fn(values), n)
            if e.op != "=":
                old = values[:, e.slot]
                new = old + new if e.op == "+=" else old - new if e.op == "-=" else old * new
            if e.lo is not None and e.hi is not None:  # NaN keeps the value; otherwise clamped
                new = np.where(
                    new != new, values[:, e.slot], np.where(new < e.lo, e.lo, np.where(new > e.hi, e.hi, new))
                )
            values[:, e.slot] = new
            if e.slot in self._rate_reads:
                way.rates = None

    def _add_hazard(self, way: Way, source: str, h: Floats, cause: int | None) -> None:
        """A risk term, where positive (the engine's `_StepLog.add`): capped at one, combined with the source's."""
        positive = h > 0
        if not np.any(positive):
            return
        h = np.where(h > 1, 1.0, h)
        old = way.hazards.get(source)
        if old is None:
            way.hazards[source] = np.where(positive, h, 0.0)
            way.causes[source] = cause
        else:
            way.hazards[source] = np.where(positive, np.where(old > 0, 1 - (1 - old) * (1 - h), h), old)

    def _shock(self, way: Way, shocks: tuple[_Shock, ...]) -> None:
        n = len(way)
        for s in shocks:
            self._add_hazard(way, s.source, column(s.fn(way.values), n), s.cause)

    def set_clock(self, way: Way, minutes: int) -> None:
        way.clock = minutes
        way.values[:, SLOT_DAY] = self.scenario.calendar.day_of(minutes)
        way.values[:, SLOT_HOUR] = (minutes // 60) % 24

    def _accrue(self, way: Way, until: int) -> None:
        if until <= way.clock:
            return
        days = (until - way.clock) / MINUTES_PER_DAY
        n = len(way)
        rates = way.rates
        if rates is None:  # worked out again only after an effect on a value they read
            rates = way.rates = np.zeros((n, len(self.columns.drivers)))
            for j, per_day in enumerate(self.columns.drivers):
                rate = column(per_day(way.values), n)
                rates[:, j] = np.where(rate > 1, 1.0, np.where(rate > 0, rate, 0.0))
        hazard = 1 - (1 - rates) ** days  # zero where the rate is
        old = way.drivers
        if old is None:
            way.drivers = hazard
        else:  # the same source again in a step: combined as independent chances (the engine's step log)
            way.drivers = np.where(hazard > 0, np.where(old > 0, 1 - (1 - old) * (1 - hazard), hazard), old)
        way.clock = until
        way.values[:, SLOT_DAY] = 1 + (until - self._day_one) / MINUTES_PER_DAY
        way.values[:, SLOT_HOUR] = (until // 60) % 24

    def _move_clock(self, way: Way, to: int) -> list[tuple[Way, int | None]]:
        """The engine's `_move_clock` for many rows: each way out, with the incident that interrupts it."""
        incidents = self.columns.incidents
        out: list[tuple[Way, int | None]] = []
        todo = [(way, max(0, bisect_left(self.columns.closed_by, way.clock)))]
        while todo:
            w, k = todo.pop()
            gone = False  # the way has ended here (interrupted, or no row left)
            while k < len(incidents):
                inc = incidents[k]
                k += 1
                if inc.start > to:
                    break
                if inc.index in w.considered or inc.end < w.clock:
                    continue
                if inc.condition is not None:
                    met, passed = _split(w, mask(inc.condition(w.values), len(w)))
                    if passed is not None:
                        todo.append((passed, k))  # the condition is false there: not considered, go on
                    if met is None:
                        gone = True  # no row left on this way
                        break
                    w = met
                self._accrue(w, max(w.clock, inc.start))
                w.considered = w.considered | {inc.index}
                # The engine's chance: none at p <= 0, certain at p >= 1, else both ways, each at its chance.
                p = column(inc.chance(w.values), len(w))
                fire, quiet = p > 0, p < 1
                any_fire, any_quiet = bool(fire.any()), bool(quiet.any())
                fires = (w if not any_quiet else w.take(fire)) if any_fire else None
                stays = (w if not any_fire else w.take(quiet)) if any_quiet else None
                if stays is not None:
                    pq = p[quiet]
                    stays.p = stays.p * np.where(pq <= 0, 1.0, 1 - pq)
                    todo.append((stays, k))
                if fires is None:
                    gone = True
                    break
                pf = p[fire]
                fires.p = fires.p * np.where(pf >= 1, 1.0, pf)
                w = fires
                self._shock(w, inc.shocks)
                self._apply(w, inc.effects)
                if inc.interrupt is not None:
                    out.append((w, inc.interrupt))
                    gone = True
                    break
            if not gone:
                self._accrue(w, to)
                out.append((w, None))
        return out

    def run(self, way: Way, target: int, live: bool) -> Iterator[Way]:
        """The engine's `_run` for many rows: the ways the step can go on to a decision the policy takes or an
        ending, each with its rows and their probabilities (yielded as each is reached, to bound memory)."""
        nodes = self.scenario.nodes
        todo = [(way, target)]
        while todo:
            w, target = todo.pop()
            w.moves += 1
            if w.moves > MAX_TRANSITIONS:
                near = nodes[target].id
                raise RuleError(
                    f"more than {MAX_TRANSITIONS} moves without a decision near '{near}'; the scenario loops"
                )
            if target == RESUME:
                if not w.resume:
                    raise RuleError("'@resume' used where no incident interrupted; fix the scenario")
                target, w.resume = w.resume[-1], w.resume[:-1]
            node = nodes[target]
            if live and node.kind != "ending":
                ways = self._move_clock(w, node.when)
            else:
                self.set_clock(w, max(node.when, w.clock))
                ways = [(w, None)]
            for w2, interrupt in ways:
                if interrupt is not None:
                    w2.resume = (*w2.resume, target)
                    todo.append((w2, interrupt))
                    continue
                w2.node = target
                if node.kind == "decision":
                    if node.actor in self.controlled:
                        yield w2
                    else:
                        todo.extend(self._computer(w2, node))
                elif node.kind == "chance":
                    todo.extend(self._chance(w2, node))
                else:
                    w2.ended = True
                    yield w2

    def _computer(self, way: Way, node: RNode) -> list[tuple[Way, int]]:
        """The engine's `_computer_option`: each option the scenario's player may take, weighed."""
        values = way.values
        n = len(way)
        options = self.columns.options[node.index]
        available = [
            np.ones(n, dtype=np.bool_) if o.condition is None else mask(o.condition(values), n) for o in options
        ]
        none = np.ones(n, dtype=np.bool_)
        for a in available:
            none = none & ~a
        if np.any(none):  # no option open: the engine takes from all of them
            available = [a | none for a in available]
        weights = []
        total = np.zeros(n)
        count = np.zeros(n)
        for o, a in zip(options, available):
            w = column(o.weight(values), n)
            w = np.where(a & (w > 0) & (w < np.inf), w, 0.0)
            weights.append(w)
            total = total + w
            count = count + a
        out = []
        with np.errstate(divide="ignore", invalid="ignore"):
            for o, a, w in zip(options, available, weights):
                p = np.where(total > 0, w / np.where(total > 0, total, 1.0), np.where(a, 1 / count, 0.0))
                keep = p > 0
                if not np.any(keep):
                    continue
                branch = way.take(keep)  # each option its own copy: its effects change the values
                branch.p = branch.p * p[keep]
                self.take(branch, o.shocks, o.effects)
                out.append((branch, o.next))
        return out

    def _chance(self, way: Way, node: RNode) -> list[tuple[Way, int]]:
        """The engine's `_outcome`: each outcome of a chance node, at its chance."""
        values = way.values
        n = len(way)
        outcomes = self.columns.outcomes[node.index]
        fixed: list[Floats] = []
        rest_at = -1
        for i, o in enumerate(outcomes):
            if o.chance is None:
                rest_at = i
                fixed.append(np.zeros(n))
            else:
                p = column(o.chance(values), n)
                fixed.append(np.where(p > 1, 1.0, np.where(p > 0, p, 0.0)))
        total = np.zeros(n)
        for f in fixed:
            total = total + f
        over = total > 1
        with np.errstate(divide="ignore", invalid="ignore"):
            fixed = [np.where(over, f / np.where(over, total, 1.0), f) for f in fixed]
            if rest_at >= 0:
                fixed[rest_at] = np.where(over, fixed[rest_at], 1 - total)
            total = np.zeros(n)
            for f in fixed:
                total = total + f
            probabilities = [np.where(total > 0, f / np.where(total > 0, total, 1.0), 1 / len(fixed)) for f in fixed]
        out = []
        for o, p in zip(outcomes, probabilities):
            keep = p > 0
            if not np.any(keep):
                continue
            branch = way.take(keep)
            branch.p = branch.p * p[keep]
            self.take(branch, o.shocks, o.effects)
            out.append((branch, o.next))
        return out


_columns: dict[tuple[int, tuple[str, ...]], tuple[weakref.ref[CompiledScenario], ColumnScenario | None]] = {}
_columns_lock = threading.Lock()


def columns_of(liveness: Liveness) -> ColumnScenario | None:
    """The column form of a compiled scenario for the sides `liveness` was made for, built once (analyses on
    threads share it: it holds nothing that changes); None, remembered too, when an expression cannot be
    put in columns (then exact analysis goes state by state)."""
    scenario = liveness.scenario
    key = (id(scenario), liveness.controlled)
    with _columns_lock:
        entry = _columns.get(key)
        if entry is not None and entry[0]() is scenario:
            return entry[1]
        if len(_columns) >= 16:  # scenarios loaded and dropped (tests, the editor): keep the table small
            _columns.clear()
        try:
            found: ColumnScenario | None = ColumnScenario(scenario, liveness)
        except Unsupported:
            found = None
        _columns[key] = (weakref.ref(scenario), found)
        return found
