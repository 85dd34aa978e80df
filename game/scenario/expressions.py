"""The scenario expression language: parsed once at load time, never `eval`ed.

Conditions (`tension >= 3 and not quarantine`), probabilities
(`clamp(0.02 + 0.01 * ships_in_contact, 0, 0.5)`) and effects
(`tension += 2`, `quarantine = true`) are parsed into a small tree, type-checked
against the scenario's declared variables, and compiled into Python closures
over a flat list of values. Content can only read and write declared variables.

Grammar (lowest precedence first):
    expr   := or
    or     := and ('or' and)*
    and    := not ('and' not)*
    not    := 'not' not | cmp
    cmp    := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)?
    sum    := prod (('+'|'-') prod)*
    prod   := unary (('*'|'/') unary)*
    unary  := '-' unary | atom
    atom   := NUMBER | 'true' | 'false' | NAME | NAME '(' expr (',' expr)* ')' | '(' expr ')'
    functions: min, max, clamp(x, lo, hi), abs, num(flag) (1 if true, else 0)
    effect := NAME ('=' | '+=' | '-=' | '*=') expr
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal, TypeAlias

Kind = Literal["number", "bool"]
Value: TypeAlias = float | bool  # a variable's number or a flag
Values: TypeAlias = list[Value]  # the flat value list a compiled expression reads (slot -> value)
Compiled: TypeAlias = Callable[[Values], Value]

MAX_EXPRESSION_LENGTH = 2000
MAX_DEPTH = 60
MAX_TREE_DEPTH = 200  # compiling and evaluating recurse once per level: far inside Python's limit


class ExpressionError(ValueError):
    """A problem in an expression, with the position and a hint on how to fix it."""

    def __init__(self, message: str, source: str, position: int | None = None, hint: str = ""):
        self.message = message
        self.source = source
        self.position = position
        self.hint = hint
        where = f" at column {position + 1}" if position is not None else ""
        super().__init__(f"{message}{where} in '{source}'" + (f" — {hint}" if hint else ""))


@dataclass(frozen=True)
class Symbol:
    """A name an expression may use: its slot in the value list and its kind."""

    slot: int
    kind: Kind
    writable: bool = True


# ---------------------------------------------------------------- tokenizer

_TOKEN = re.compile(
    r"\s*(?:(?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>==|!=|<=|>=|\+=|-=|\*=|[-+*/<>=(),]))"
)


@dataclass(frozen=True)
class _Tok:
    kind: str  # 'num' | 'name' | 'op' | 'end'
    text: str
    pos: int


def _tokenize(source: str) -> list[_Tok]:
    if len(source) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(
            f"expression is {len(source)} characters long",
            source[:40] + "…",
            hint=f"keep it under {MAX_EXPRESSION_LENGTH} characters; split it into variables",
        )
    tokens: list[_Tok] = []
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        match = _TOKEN.match(source, pos)
        if not match or match.end() == pos:
            bad = source[pos:].lstrip()[:1]
            col = len(source) - len(source[pos:].lstrip())
            raise ExpressionError(
                f"unexpected character '{bad}'",
                source,
                col,
                "use numbers, variable names, + - * /, comparisons, and/or/not, parentheses",
            )
        kind = match.lastgroup or "op"
        text = match.group(kind)
        tokens.append(_Tok(kind, text, match.start(kind)))
        pos = match.end()
    tokens.append(_Tok("end", "", len(source)))
    return tokens


# ---------------------------------------------------------------- syntax tree


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Bool:
    value: bool


@dataclass(frozen=True)
class Name:
    name: str
    pos: int


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Node
    pos: int


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node
    pos: int


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[Node, ...]
    pos: int


Node = Num | Bool | Name | Unary | Binary | Call

_FUNCTIONS: dict[str, tuple[int, int]] = {"min": (2, 8), "max": (2, 8), "clamp": (3, 3), "abs": (1, 1), "num": (1, 1)}
_KEYWORDS = {"and", "or", "not", "true", "false"}
NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
RESERVED = frozenset(_KEYWORDS | set(_FUNCTIONS))  # names no variable or flag may take
_COMPARISONS = {"==", "!=", "<", "<=", ">", ">="}


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens = _tokenize(source)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok:
        return self.tokens[self.i]

    def take(self) -> _Tok:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> _Tok:
        tok = self.take()
        if tok.text != text:
            found = f"'{tok.text}'" if tok.kind != "end" else "the end"
            raise ExpressionError(f"expected '{text}' but found {found}", self.source, tok.pos)
        return tok

    def done(self) -> None:
        tok = self.peek()
        if tok.kind != "end":
            raise ExpressionError(
                f"unexpected '{tok.text}'",
                self.source,
                tok.pos,
                "join conditions with 'and'/'or'; check for a missing operator",
            )

    def _nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("expression is nested too deeply", self.source[:40] + "…")

    def expr(self) -> Node:
        self._nest()
        try:
            return self.or_()
        finally:
            self.depth -= 1

    def or_(self) -> Node:
        node = self.and_()
        while self.peek().text == "or":
            pos = self.take().pos
            node = Binary("or", node, self.and_(), pos)
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.peek().text == "and":
            pos = self.take().pos
            node = Binary("and", node, self.not_(), pos)
        return node

    def not_(self) -> Node:
        if self.peek().text == "not":
            pos = self.take().pos
            self._nest()
            try:
                return Unary("not", self.not_(), pos)
            finally:
                self.depth -= 1
        return self.cmp()

    def cmp(self) -> Node:
        node = self.sum()
        if self.peek().text in _COMPARISONS:
            tok = self.take()
            node = Binary(tok.text, node, self.sum(), tok.pos)
            if self.peek().text in _COMPARISONS:
                raise ExpressionError(
                    "comparisons cannot be chained",
                    self.source,
                    self.peek().pos,
                    "write 'a < b and b < c'",
                )
        return node

    def sum(self) -> Node:
        node = self.prod()
        while self.peek().text in ("+", "-"):
            tok = self.take()
            node = Binary(tok.text, node, self.prod(), tok.pos)
        return node

    def prod(self) -> Node:
        node = self.unary()
        while self.peek().text in ("*", "/"):
            tok = self.take()
            node = Binary(tok.text, node, self.unary(), tok.pos)
        return node

    def unary(self) -> Node:
        if self.peek().text == "-":
            pos = self.take().pos
            self._nest()
            try:
                return Unary("-", self.unary(), pos)
            finally:
                self.depth -= 1
        return self.atom()

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            value = float(tok.text)
            if not math.isfinite(value):
                raise ExpressionError(
                    f"the number {tok.text[:24]}{'…' if len(tok.text) > 24 else ''} is out of range",
                    self.source,
                    tok.pos,
                    "write an ordinary number, at most about 1e308",
                )
            return Num(value)
        if tok.text in ("true", "false"):
            return Bool(tok.text == "true")
        if tok.kind == "name" and tok.text not in _KEYWORDS:
            if self.peek().text == "(":
                return self.call(tok)
            return Name(tok.text, tok.pos)
        if tok.text == "(":
            node = self.expr()
            self.expect(")")
            return node
        found = f"'{tok.text}'" if tok.kind != "end" else "the end of the expression"
        raise ExpressionError(f"expected a value but found {found}", self.source, tok.pos)

    def call(self, name: _Tok) -> Node:
        if name.text not in _FUNCTIONS:
            raise ExpressionError(
                f"unknown function '{name.text}'",
                self.source,
                name.pos,
                f"available functions: {', '.join(sorted(_FUNCTIONS))}",
            )
        self.expect("(")
        args = [self.expr()]
        while self.peek().text == ",":
            self.take()
            args.append(self.expr())
        self.expect(")")
        low, high = _FUNCTIONS[name.text]
        if not low <= len(args) <= high:
            raise ExpressionError(
                f"{name.text}() takes {low if low == high else f'{low} to {high}'} arguments, got {len(args)}",
                self.source,
                name.pos,
            )
        return Call(name.text, tuple(args), name.pos)


def parse(source: str) -> Node:
    """Parse an expression into a syntax tree (raises ExpressionError)."""
    if not isinstance(source, str):
        source = str(source)
    if not source.strip():
        raise ExpressionError("empty expression", source, hint="write a value or a condition")
    parser = _Parser(source)
    node = parser.expr()
    parser.done()
    depth = tree_depth(node)
    if depth > MAX_TREE_DEPTH:
        raise ExpressionError(
            f"expression has {depth} operators in a chain (at most {MAX_TREE_DEPTH})",
            source[:40] + "…",
            hint="split it: give parts of it their own variables, or use min()/max() of several values",
        )
    return node


def tree_depth(node: Node) -> int:
    """The depth of a syntax tree, counted without recursion (a chain of 1,000 operators is 1,000 deep)."""
    deepest = 0
    todo: list[tuple[Node, int]] = [(node, 1)]
    while todo:
        here, depth = todo.pop()
        deepest = max(deepest, depth)
        if isinstance(here, Unary):
            todo.append((here.operand, depth + 1))
        elif isinstance(here, Binary):
            todo.append((here.left, depth + 1))
            todo.append((here.right, depth + 1))
        elif isinstance(here, Call):
            todo.extend((arg, depth + 1) for arg in here.args)
    return deepest


# ---------------------------------------------------------------- type check + compile


class _Compiler:
    def __init__(self, source: str, symbols: Mapping[str, Symbol]):
        self.source = source
        self.symbols = symbols
        self.names: set[str] = set()

    def fail(self, message: str, pos: int | None, hint: str = "") -> ExpressionError:
        return ExpressionError(message, self.source, pos, hint)

    def unknown(self, name: str, pos: int) -> ExpressionError:
        close = difflib.get_close_matches(name, list(self.symbols), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "declare it under 'variables:' or 'flags:'"
        return self.fail(f"unknown name '{name}'", pos, hint)

    def compile(self, node: Node) -> tuple[Kind, Compiled]:
        if isinstance(node, Num):
            value = node.value
            return "number", lambda v: value
        if isinstance(node, Bool):
            flag = node.value
            return "bool", lambda v: flag
        if isinstance(node, Name):
            sym = self.symbols.get(node.name)
            if sym is None:
                raise self.unknown(node.name, node.pos)
            self.names.add(node.name)
            slot = sym.slot
            return sym.kind, lambda v: v[slot]
        if isinstance(node, Unary):
            kind, inner = self.compile(node.operand)
            if node.op == "not":
                self.need("bool", kind, node.pos, "'not'")
                return "bool", lambda v: not inner(v)
            self.need("number", kind, node.pos, "'-'")
            return "number", lambda v: -inner(v)
        if isinstance(node, Call) and node.func == "num":
            # num(flag) is 1 when the flag is true, else 0: flags in arithmetic, said explicitly.
            kind, flag_of = self.compile(node.args[0])
            self.need("bool", kind, node.pos, "num()")
            return "number", lambda v: 1.0 if flag_of(v) else 0.0
        if isinstance(node, Call):
            compiled = []
            for arg in node.args:
                kind, fn = self.compile(arg)
                self.need("number", kind, node.pos, f"{node.func}()")
                compiled.append(fn)
            return "number", _call(node.func, compiled)
        assert isinstance(node, Binary)
        lkind, left = self.compile(node.left)
        rkind, right = self.compile(node.right)
        op = node.op
        if op in ("and", "or"):
            self.need("bool", lkind, node.pos, f"'{op}'")
            self.need("bool", rkind, node.pos, f"'{op}'")
            if op == "and":
                return "bool", lambda v: left(v) and right(v)
            return "bool", lambda v: left(v) or right(v)
        if op in ("==", "!="):
            if lkind != rkind:
                raise self.fail(f"cannot compare a {lkind} with a {rkind}", node.pos)
            return "bool", (lambda v: left(v) == right(v)) if op == "==" else (lambda v: left(v) != right(v))
        self.need("number", lkind, node.pos, f"'{op}'")
        self.need("number", rkind, node.pos, f"'{op}'")
        return _BINARY_KIND[op], _binary(op, left, right)

    def need(self, want: Kind, got: Kind, pos: int, what: str) -> None:
        if want != got:
            hint = (
                "compare numbers with == < > to get a true/false value"
                if want == "bool"
                else ("flags are true/false; use them in conditions, not arithmetic")
            )
            raise self.fail(f"{what} needs a {want}, got a {got}", pos, hint)


_BINARY_KIND: dict[str, Kind] = {
    "+": "number",
    "-": "number",
    "*": "number",
    "/": "number",
    "<": "bool",
    "<=": "bool",
    ">": "bool",
    ">=": "bool",
}


def _safe_div(a: float, b: float) -> float:
    # Content must never crash the engine: dividing by zero yields zero.
    return a / b if b else 0.0


def _binary(op: str, left: Compiled, right: Compiled) -> Compiled:
    if op == "+":
        return lambda v: left(v) + right(v)
    if op == "-":
        return lambda v: left(v) - right(v)
    if op == "*":
        return lambda v: left(v) * right(v)
    if op == "/":
        return lambda v: _safe_div(left(v), right(v))
    if op == "<":
        return lambda v: left(v) < right(v)
    if op == "<=":
        return lambda v: left(v) <= right(v)
    if op == ">":
        return lambda v: left(v) > right(v)
    return lambda v: left(v) >= right(v)


def _call(func: str, args: list[Compiled]) -> Compiled:
    if func == "abs":
        (a,) = args
        return lambda v: abs(a(v))
    if func == "clamp":
        x, lo, hi = args
        return lambda v: min(max(x(v), lo(v)), hi(v))
    if func == "min":
        return lambda v: min(f(v) for f in args)
    return lambda v: max(f(v) for f in args)


@dataclass(frozen=True)
class Expression:
    """A compiled expression: `fn(values)` evaluates it."""

    source: str
    kind: Kind
    fn: Compiled
    names: frozenset[str]
    constant: float | bool | None  # the value when it reads no variables


def compile_expression(source: str, symbols: Mapping[str, Symbol], want: Kind | None = None) -> Expression:
    """Parse and type-check `source`; `want` demands a number or a bool result."""
    source = str(source)
    node = parse(source)
    compiler = _Compiler(source, symbols)
    kind, _checked = compiler.compile(node)  # type-checks; the optimised closure below is what runs
    from game.scenario.expr_fast import NotFinite, fast_closure

    try:
        fn = fast_closure(node, symbols)
    except NotFinite as exc:
        raise ExpressionError(
            f"part of it works out to {exc.value} (the arithmetic overflows)",
            source,
            hint="use ordinary numbers; every value must be finite",
        ) from None
    if want is not None and kind != want:
        hint = (
            "a condition must be true or false, e.g. 'tension >= 3'"
            if want == "bool"
            else "this field takes a number, e.g. '0.05' or 'clamp(tension * 0.01, 0, 1)'"
        )
        raise ExpressionError(f"expected a {want} expression, got a {kind}", source, hint=hint)
    constant = fn([]) if not compiler.names else None
    if isinstance(constant, float) and not math.isfinite(constant):
        raise ExpressionError(
            f"the value is {constant} (the arithmetic overflows)",
            source,
            hint="use ordinary numbers; every value must be finite",
        )
    return Expression(source, kind, fn, frozenset(compiler.names), constant)


_EFFECT = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=|\+=|-=|\*=)(?!=)\s*(.*)$", re.S)


@dataclass(frozen=True)
class Effect:
    """A compiled assignment: `apply(values)` writes the target slot (clamped by the engine)."""

    source: str
    target: str
    slot: int
    op: str
    value: Expression


def compile_effect(source: str, symbols: Mapping[str, Symbol]) -> Effect:
    """Parse `name = expr`, `name += expr`, `name -= expr` or `name *= expr`."""
    source = str(source)
    match = _EFFECT.match(source)
    if not match:
        raise ExpressionError(
            "an effect must assign to a variable",
            source,
            hint="write e.g. 'tension += 1' or 'quarantine = true'",
        )
    target, op, rhs = match.groups()
    sym = symbols.get(target)
    if sym is None:
        close = difflib.get_close_matches(target, list(symbols), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "declare it under 'variables:' or 'flags:'"
        raise ExpressionError(f"unknown variable '{target}'", source, 0, hint)
    if not sym.writable:
        raise ExpressionError(f"'{target}' is read-only", source, 0, "the engine sets it; read it in conditions")
    if sym.kind == "bool" and op != "=":
        raise ExpressionError(f"'{target}' is a flag; only '=' works on it", source, hint=f"write '{target} = true'")
    value = compile_expression(rhs, symbols, want=sym.kind)
    return Effect(source, target, sym.slot, op, value)
