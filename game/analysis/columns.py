"""Scenario expressions evaluated over many states at once: one numpy column per value slot.

The batched analysis (batch.py) keeps the states of one kind as the rows of a float array, flags as
0.0 and 1.0. An expression compiled here takes that array and gives one result per row. It is built
from the same tree as the engine's closure (expr_fast.py) and in the same order — constants folded
first, then the operands of a product or a sum left to right — so that each row's arithmetic is the
engine's, operation for operation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeAlias

import numpy as np
from numpy.typing import NDArray

from game.scenario.expr_fast import flatten
from game.scenario.expressions import Binary, Bool, Call, Name, Node, Num, Symbol, Unary, parse

Rows: TypeAlias = NDArray[np.float64]  # one state per row, one value slot per column
# A column of floats or truth values, or a Python constant (an expression that reads nothing stays one).
# Typed loosely on purpose: numpy's operators over that union do not type-check usefully.
Result: TypeAlias = Any
# What a compiled expression reads: anything that gives a column as `source[:, slot]` — an array with a
# state per row, or the batched solver's shared columns (rowsteps.Values).
Source: TypeAlias = Any
ColumnFn: TypeAlias = Callable[[Source], Result]
Kind = Literal["number", "bool"]

_COMPARE: dict[str, Callable[[Result, Result], Result]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


class Unsupported(Exception):
    """An expression this compiler does not handle: the caller analyses state by state instead."""


def _safe_div(a: Result, b: Result) -> Result:
    """The engine's division: by zero it yields zero."""
    if isinstance(b, bool | float | int) and isinstance(a, bool | float | int):
        return a / b if b else 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(b) != 0, np.divide(a, np.where(np.asarray(b) != 0, b, 1.0)), 0.0)


def _truth(x: Result) -> Result:
    """A value as a condition: a flag's column read as true where it is not zero."""
    if isinstance(x, np.ndarray) and x.dtype != np.bool_:
        return x != 0
    return x


def _and(a: Result, b: Result) -> Result:
    return np.logical_and(_truth(a), _truth(b))


def _or(a: Result, b: Result) -> Result:
    return np.logical_or(_truth(a), _truth(b))


def _not(a: Result) -> Result:
    t = _truth(a)
    return (not t) if isinstance(t, bool) else np.logical_not(t)


def _num(a: Result) -> Result:
    t = _truth(a)
    if isinstance(t, bool):
        return 1.0 if t else 0.0
    return np.where(t, 1.0, 0.0)


def _min2(a: Result, b: Result) -> Result:  # the engine's `a if a <= b else b`
    return np.where(np.asarray(a) <= b, a, b)


def _max2(a: Result, b: Result) -> Result:  # the engine's `a if a >= b else b`
    return np.where(np.asarray(a) >= b, a, b)


Piece: TypeAlias = tuple[Literal["const"], float | bool] | tuple[Literal["slot"], int] | tuple[Literal["fn"], ColumnFn]


class _Columns:
    def __init__(self, symbols: Mapping[str, Symbol]):
        self.symbols = symbols

    def fn(self, piece: Piece) -> ColumnFn:
        if piece[0] == "const":
            value = piece[1]
            return lambda rows: value
        if piece[0] == "slot":
            slot = piece[1]
            return lambda rows: rows[:, slot]
        return piece[1]

    def piece(self, node: Node) -> Piece:
        if isinstance(node, Num | Bool):
            return ("const", node.value)
        if isinstance(node, Name):
            return ("slot", self.symbols[node.name].slot)
        if isinstance(node, Unary):
            inner = self.piece(node.operand)
            if inner[0] == "const":
                return ("const", (not inner[1]) if node.op == "not" else -inner[1])
            f = self.fn(inner)
            if node.op == "not":
                return ("fn", lambda rows: _not(f(rows)))
            return ("fn", lambda rows: -f(rows))
        if isinstance(node, Call):
            return self.call(node)
        assert isinstance(node, Binary)
        op = node.op
        if op == "*":
            return self.product(node)
        if op in ("+", "-"):
            return self.sum(node)
        left, right = self.piece(node.left), self.piece(node.right)
        if op in ("and", "or"):
            if left[0] == "const":
                if op == "and":
                    return right if left[1] else ("const", False)
                return ("const", True) if left[1] else right
            f, g = self.fn(left), self.fn(right)
            join = _and if op == "and" else _or
            return ("fn", lambda rows: join(f(rows), g(rows)))
        f, g = self.fn(left), self.fn(right)
        if left[0] == "const" and right[0] == "const":
            value = _safe_div(left[1], right[1]) if op == "/" else _COMPARE[op](left[1], right[1])
            return ("const", value)
        if op == "/":
            return ("fn", lambda rows: _safe_div(f(rows), g(rows)))
        compare = _COMPARE[op]
        return ("fn", lambda rows: compare(f(rows), g(rows)))

    def product(self, node: Node) -> Piece:
        operands: list[tuple[int, Node]] = []
        flatten(node, ("*",), 1, operands)
        const = 1.0
        slots: list[int] = []
        fns: list[ColumnFn] = []
        for _, operand in operands:
            part = self.piece(operand)
            if part[0] == "const":
                const *= part[1]
            elif part[0] == "slot":
                slots.append(part[1])
            else:
                fns.append(part[1])
        if not slots and not fns:
            return ("const", const)
        if len(slots) == 1 and not fns and const == 1:
            return ("slot", slots[0])
        parts = [self.fn(("slot", s)) for s in slots] + fns
        if const == 1 and not slots and len(fns) == 1:  # expr_fast: a lone closure is not multiplied by one
            return ("fn", fns[0])

        def many(rows: Rows) -> Result:
            acc: Result = const
            for p in parts:
                acc = acc * p(rows)
            return acc

        return ("fn", many)

    def sum(self, node: Node) -> Piece:
        operands: list[tuple[int, Node]] = []
        flatten(node, ("+", "-"), 1, operands)
        const = 0.0
        terms: list[tuple[int, ColumnFn]] = []
        for sign, operand in operands:
            part = self.piece(operand)
            if part[0] == "const":
                const += sign * part[1]
            else:
                terms.append((sign, self.fn(part)))
        if not terms:
            return ("const", const)
        if len(terms) == 1 and const == 0 and terms[0][0] > 0:
            return ("fn", terms[0][1])

        long = len(terms) > 3  # expr_fast sums a long chain apart, then adds the constant

        def total(rows: Rows) -> Result:
            acc: Result = 0.0 if long else const
            for sign, t in terms:
                value = t(rows)
                acc = acc + (value if sign > 0 else -value)
            return const + acc if long else acc

        return ("fn", total)

    def call(self, node: Call) -> Piece:
        args = [self.piece(a) for a in node.args]
        if node.func == "num":
            if args[0][0] == "const":
                return ("const", 1.0 if args[0][1] else 0.0)
            f = self.fn(args[0])
            return ("fn", lambda rows: _num(f(rows)))
        fns = [self.fn(a) for a in args]
        constants = [a[1] for a in args if a[0] == "const"]
        if len(constants) == len(args):
            values = [float(v) for v in constants]
            if node.func == "abs":
                return ("const", abs(values[0]))
            if node.func == "clamp":
                return ("const", min(max(values[0], values[1]), values[2]))
            return ("const", min(values) if node.func == "min" else max(values))
        if node.func == "abs":
            (f,) = fns
            return ("fn", lambda rows: np.abs(f(rows)))
        if node.func == "clamp":
            x, lo, hi = fns
            return ("fn", lambda rows: _min2(_max2(x(rows), lo(rows)), hi(rows)))
        pick = _min2 if node.func == "min" else _max2

        def fold(rows: Rows) -> Result:
            acc = fns[0](rows)
            for f in fns[1:]:
                acc = pick(acc, f(rows))
            return acc

        return ("fn", fold)


def compile_columns(source: object, symbols: Mapping[str, Symbol]) -> ColumnFn:
    """The column version of an expression the scenario compiler has accepted (same text as it was given)."""
    text = str(source).lower() if isinstance(source, bool) else str(source)
    try:
        return _Columns(symbols).fn(_Columns(symbols).piece(parse(text)))
    except (ValueError, KeyError) as exc:
        raise Unsupported(f"cannot evaluate '{text}' in columns: {exc}") from None


def _whole(node: Node, whole: set[str]) -> bool:
    """Whether an expression's value is always a whole number when the names in `whole` hold whole numbers."""
    if isinstance(node, Num):
        return float(node.value).is_integer()
    if isinstance(node, Bool):
        return True
    if isinstance(node, Name):
        return node.name in whole
    if isinstance(node, Unary):
        return node.op == "-" and _whole(node.operand, whole)
    if isinstance(node, Call):
        return node.func in ("min", "max", "clamp", "abs", "num") and (
            node.func == "num" or all(_whole(a, whole) for a in node.args)
        )
    assert isinstance(node, Binary)
    return node.op in ("+", "-", "*") and _whole(node.left, whole) and _whole(node.right, whole)


def whole_numbers(symbols: Mapping[str, Symbol], initial: Mapping[str, float], effects: list[str]) -> set[str]:
    """The variables that only ever hold whole numbers: a whole initial value, and every effect on them
    (`effects`: all the scenario's, as written) a whole number of whole numbers. Flags count as whole; the
    read-only built-ins (set by the engine) never do."""
    from game.scenario.expressions import compile_effect

    whole = {name for name, sym in symbols.items() if sym.kind == "bool"}
    whole |= {name for name, value in initial.items() if float(value).is_integer() and symbols[name].writable}
    whole = {name for name in whole if symbols[name].writable}  # the engine sets the day (a fraction), the risk
    parsed = []
    for source in effects:
        eff = compile_effect(source, symbols)
        parsed.append((eff.target, parse(eff.value.source)))  # = += -= *=: whole with a whole value
    changed = True
    while changed:  # take away a variable an effect can make fractional, until none is left to take
        changed = False
        for target, tree in parsed:
            if target in whole and not _whole(tree, whole):
                whole.discard(target)
                changed = True
    return whole
