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

from game.scenario.expressions import Binary, Bool, Call, Compiled, Name, Node, Num, Symbol, Unary, _safe_div

# A piece is ("const", value), ("slot", index) or ("fn", closure).


class NotFinite(ValueError):
    """Constant folding gave infinity or NaN (e.g. 1e300 * 1e300): the expression is refused."""

    def __init__(self, value: float):
        super().__init__(value)
        self.value = value


def _finite(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        raise NotFinite(value)
    return value


Piece = tuple[str, object]


def _as_fn(piece: Piece) -> Compiled:
    kind, value = piece
    if kind == "const":
        return lambda v: value
    if kind == "slot":
        return lambda v: v[value]
    return value  # type: ignore[return-value]


def _flatten(node: Node, ops: tuple[str, ...], sign: int, out: list[tuple[int, Node]]) -> None:
    """Operands of a chain of `ops` (left-associative), with the sign each carries for + and -."""
    if isinstance(node, Binary) and node.op in ops:
        _flatten(node.left, ops, sign, out)
        _flatten(node.right, ops, -sign if node.op == "-" else sign, out)
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

    def many(v: list) -> float:
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
_FOLD: dict[str, Callable] = {
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
        kind, value = piece = self._piece(node)
        if kind == "const":
            _finite(value)
        return piece

    def _piece(self, node: Node) -> Piece:
        if isinstance(node, Num | Bool):
            return ("const", node.value)
        if isinstance(node, Name):
            return ("slot", self.symbols[node.name].slot)
        if isinstance(node, Unary):
            inner = self.piece(node.operand)
            if inner[0] == "const":
                return ("const", (not inner[1]) if node.op == "not" else -inner[1])  # type: ignore[operator]
            f = _as_fn(inner)
            return ("fn", (lambda v: not f(v)) if node.op == "not" else (lambda v: -f(v)))
        if isinstance(node, Call):
            return self.call(node)
        assert isinstance(node, Binary)
        op = node.op
        if op == "*":
            operands: list[tuple[int, Node]] = []
            _flatten(node, ("*",), 1, operands)
            const, slots, fns = 1.0, [], []
            for _, operand in operands:
                kind, value = self.piece(operand)
                if kind == "const":
                    const *= value  # type: ignore[operator]
                elif kind == "slot":
                    slots.append(value)
                else:
                    fns.append(value)
            return _product(_finite(const), slots, fns)  # type: ignore[arg-type]
        if op in ("+", "-"):
            operands = []
            _flatten(node, ("+", "-"), 1, operands)
            const, terms = 0.0, []
            for sign, operand in operands:
                kind, value = self.piece(operand)
                if kind == "const":
                    const += sign * value  # type: ignore[operator]
                    continue
                if kind == "slot":
                    a = value
                    terms.append((lambda v, a=a: v[a]) if sign > 0 else (lambda v, a=a: -v[a]))
                else:
                    f = value
                    terms.append(f if sign > 0 else (lambda v, f=f: -f(v)))  # type: ignore[misc]
            return _sum(_finite(const), terms)  # type: ignore[arg-type]
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
                return ("fn", _SLOT_CONST[op](left[1], right[1]))  # type: ignore[arg-type]
            if left[0] == "const" and right[0] == "slot":
                return ("fn", _SLOT_CONST[_MIRROR[op]](right[1], left[1]))  # type: ignore[arg-type]
        return ("fn", _GENERIC[op](_as_fn(left), _as_fn(right)))

    def call(self, node: Call) -> Piece:
        args = [self.piece(a) for a in node.args]
        if node.func == "num":
            (arg,) = args
            if arg[0] == "const":
                return ("const", 1.0 if arg[1] else 0.0)
            f = _as_fn(arg)
            return ("fn", lambda v: 1.0 if f(v) else 0.0)
        if all(kind == "const" for kind, _ in args):
            values = [value for _, value in args]
            folded = {
                "abs": lambda: abs(values[0]),
                "min": lambda: min(values),
                "max": lambda: max(values),
                "clamp": lambda: min(max(values[0], values[1]), values[2]),
            }[node.func]()
            return ("const", folded)
        if node.func == "clamp" and args[1][0] == "const" and args[2][0] == "const":
            f, lo, hi = _as_fn(args[0]), args[1][1], args[2][1]
            # Exactly min(max(x, lo), hi), even when lo > hi: max keeps x unless lo > x, min keeps m unless hi < m.
            return ("fn", lambda v: hi if hi < (m := lo if lo > (x := f(v)) else x) else m)
        fns = [_as_fn(a) for a in args]
        if node.func == "abs":
            (f,) = fns
            return ("fn", lambda v: abs(f(v)))
        if node.func == "clamp":
            f, lo, hi = fns
            return ("fn", lambda v: min(max(f(v), lo(v)), hi(v)))
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
