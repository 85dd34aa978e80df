"""Faster closures for type-checked expression trees (the engine's hot path).

A tree is compiled node by node into nested closures, so `0.0028 * contact * crisis`
costs five Python calls. Here chains of `*` and `+`/`-` are flattened, constants
folded, and variables read straight from their slot inside one closure, which
makes the scenario's driver formulas two to four times cheaper. Nothing is
generated as source text: every closure is written out below.

Only ever called on trees that `expressions._Compiler` has already type-checked.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Literal, TypeAlias, TypeVar

from game.scenario.expressions import (
    Binary,
    Bool,
    Call,
    Compiled,
    Name,
    Node,
    Num,
    Symbol,
    Unary,
    Value,
    Values,
    _safe_div,
)

_T = TypeVar("_T")


class NotFinite(ValueError):
    """Constant folding gave infinity or NaN (e.g. 1e300 * 1e300): the expression is refused."""

    def __init__(self, value: float):
        super().__init__(value)
        self.value = value


def _finite(value: _T) -> _T:
    if isinstance(value, float) and not math.isfinite(value):
        raise NotFinite(value)
    return value


# What a subtree compiles to: a constant, a variable's slot, or a closure. The tag in [0]
# lets the type checker narrow a piece by `piece[0] == "const"`.
Piece: TypeAlias = tuple[Literal["const"], Value] | tuple[Literal["slot"], int] | tuple[Literal["fn"], Compiled]


def _as_fn(piece: Piece) -> Compiled:
    if piece[0] == "const":
        value = piece[1]
        return lambda v: value
    if piece[0] == "slot":
        slot = piece[1]
        return lambda v: v[slot]
    return piece[1]


# Closures for the terms of a sum, made by functions so each binds its own slot or closure.
def _read(a: int) -> Compiled:
    return lambda v: v[a]


def _read_negated(a: int) -> Compiled:
    return lambda v: -v[a]


def _negated(f: Compiled) -> Compiled:
    return lambda v: -f(v)


def flatten(node: Node, ops: tuple[str, ...], sign: int, out: list[tuple[int, Node]]) -> None:
    """Operands of a chain of `ops` (left-associative), with the sign each carries for + and -."""
    if isinstance(node, Binary) and node.op in ops:
        flatten(node.left, ops, sign, out)
        flatten(node.right, ops, -sign if node.op == "-" else sign, out)
    else:
        out.append((sign, node))


def _product(const: float, slots: list[int], fns: list[Compiled]) -> Piece:
    if not slots and not fns:
        return ("const", const)
    if len(slots) == 1 and not fns:
        (a,) = slots
        return ("slot", a) if const == 1 else ("fn", lambda v: const * v[a])
    if len(slots) == 2 and not fns:
        a, b = slots
        return ("fn", lambda v: const * v[a] * v[b])
    if len(slots) == 3 and not fns:
        a, b, c = slots
        return ("fn", lambda v: const * v[a] * v[b] * v[c])
    if not slots and len(fns) == 1:
        (f,) = fns
        return ("fn", f if const == 1 else lambda v: const * f(v))
    if len(slots) == 1 and len(fns) == 1:
        (a,), (f,) = slots, fns
        return ("fn", lambda v: const * v[a] * f(v))

    def many(v: Values) -> float:
        acc = const
        for s in slots:
            acc *= v[s]
        for f in fns:
            acc *= f(v)
        return acc

    return ("fn", many)


def _sum(const: float, terms: list[Compiled]) -> Piece:
    if not terms:
        return ("const", const)
    if len(terms) == 1:
        (f,) = terms
        return ("fn", f if const == 0 else lambda v: const + f(v))
    if len(terms) == 2:
        f, g = terms
        return ("fn", lambda v: const + f(v) + g(v))
    if len(terms) == 3:
        f, g, h = terms
        return ("fn", lambda v: const + f(v) + g(v) + h(v))
    return ("fn", lambda v: const + sum(t(v) for t in terms))


_SLOT_CONST: dict[str, Callable[[int, float], Compiled]] = {
    "<": lambda a, c: lambda v: v[a] < c,
    "<=": lambda a, c: lambda v: v[a] <= c,
    ">": lambda a, c: lambda v: v[a] > c,
    ">=": lambda a, c: lambda v: v[a] >= c,
    "==": lambda a, c: lambda v: v[a] == c,
    "!=": lambda a, c: lambda v: v[a] != c,
}
_GENERIC: dict[str, Callable[[Compiled, Compiled], Compiled]] = {
    "<": lambda f, g: lambda v: f(v) < g(v),
    "<=": lambda f, g: lambda v: f(v) <= g(v),
    ">": lambda f, g: lambda v: f(v) > g(v),
    ">=": lambda f, g: lambda v: f(v) >= g(v),
    "==": lambda f, g: lambda v: f(v) == g(v),
    "!=": lambda f, g: lambda v: f(v) != g(v),
    "/": lambda f, g: lambda v: _safe_div(f(v), g(v)),
}
_FOLD: dict[str, Callable[[Value, Value], Value]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "/": _safe_div,
}
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


class _Fast:
    def __init__(self, symbols: Mapping[str, Symbol]):
        self.symbols = symbols

    def piece(self, node: Node) -> Piece:
        piece = self._piece(node)
        if piece[0] == "const":
            _finite(piece[1])
        return piece

    def _piece(self, node: Node) -> Piece:
        if isinstance(node, Num | Bool):
            return ("const", node.value)
        if isinstance(node, Name):
            return ("slot", self.symbols[node.name].slot)
        if isinstance(node, Unary):
            inner = self.piece(node.operand)
            if inner[0] == "const":
                return ("const", (not inner[1]) if node.op == "not" else -inner[1])
            f = _as_fn(inner)
            return ("fn", (lambda v: not f(v)) if node.op == "not" else (lambda v: -f(v)))
        if isinstance(node, Call):
            return self.call(node)
        assert isinstance(node, Binary)
        op = node.op
        if op == "*":
            operands: list[tuple[int, Node]] = []
            flatten(node, ("*",), 1, operands)
            const = 1.0
            slots: list[int] = []
            fns: list[Compiled] = []
            for _, operand in operands:
                part = self.piece(operand)
                if part[0] == "const":
                    const *= part[1]
                elif part[0] == "slot":
                    slots.append(part[1])
                else:
                    fns.append(part[1])
            return _product(_finite(const), slots, fns)
        if op in ("+", "-"):
            operands = []
            flatten(node, ("+", "-"), 1, operands)
            const = 0.0
            terms: list[Compiled] = []
            for sign, operand in operands:
                part = self.piece(operand)
                if part[0] == "const":
                    const += sign * part[1]
                elif part[0] == "slot":
                    terms.append(_read(part[1]) if sign > 0 else _read_negated(part[1]))
                else:
                    terms.append(part[1] if sign > 0 else _negated(part[1]))
            return _sum(_finite(const), terms)
        left, right = self.piece(node.left), self.piece(node.right)
        if op in ("and", "or"):
            if left[0] == "const":
                if op == "and":
                    return right if left[1] else ("const", False)
                return ("const", True) if left[1] else right
            f, g = _as_fn(left), _as_fn(right)
            return ("fn", (lambda v: f(v) and g(v)) if op == "and" else (lambda v: f(v) or g(v)))
        if left[0] == "const" and right[0] == "const":
            return ("const", _FOLD[op](left[1], right[1]))
        if op in _SLOT_CONST:
            if left[0] == "slot" and right[0] == "const":
                return ("fn", _SLOT_CONST[op](left[1], right[1]))
            if left[0] == "const" and right[0] == "slot":
                return ("fn", _SLOT_CONST[_MIRROR[op]](right[1], left[1]))
        return ("fn", _GENERIC[op](_as_fn(left), _as_fn(right)))

    def call(self, node: Call) -> Piece:
        args = [self.piece(a) for a in node.args]
        if node.func == "num":
            (arg,) = args
            if arg[0] == "const":
                return ("const", 1.0 if arg[1] else 0.0)
            f = _as_fn(arg)
            return ("fn", lambda v: 1.0 if f(v) else 0.0)
        values = [a[1] for a in args if a[0] == "const"]
        if len(values) == len(args):
            folders: dict[str, Callable[[], Value]] = {
                "abs": lambda: abs(values[0]),
                "min": lambda: min(values),
                "max": lambda: max(values),
                "clamp": lambda: min(max(values[0], values[1]), values[2]),
            }
            return ("const", folders[node.func]())
        if node.func == "clamp" and args[1][0] == "const" and args[2][0] == "const":
            f, lo, hi = _as_fn(args[0]), args[1][1], args[2][1]
            # Exactly min(max(x, lo), hi), even when lo > hi: max keeps x unless lo > x, min keeps m unless hi < m.
            return ("fn", lambda v: hi if hi < (m := lo if lo > (x := f(v)) else x) else m)
        fns = [_as_fn(a) for a in args]
        if node.func == "abs":
            (f,) = fns
            return ("fn", lambda v: abs(f(v)))
        if node.func == "clamp":
            f, lo_fn, hi_fn = fns
            return ("fn", lambda v: min(max(f(v), lo_fn(v)), hi_fn(v)))
        if len(fns) == 2:
            f, g = fns
            if node.func == "min":
                return ("fn", lambda v: a if (a := f(v)) <= (b := g(v)) else b)
            return ("fn", lambda v: a if (a := f(v)) >= (b := g(v)) else b)
        pick = min if node.func == "min" else max
        return ("fn", lambda v: pick([f(v) for f in fns]))


def fast_closure(node: Node, symbols: Mapping[str, Symbol]) -> Compiled:
    """The optimised closure of an already type-checked tree."""
    return _as_fn(_Fast(symbols).piece(node))
