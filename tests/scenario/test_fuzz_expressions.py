"""Issue 13: hypothesis fuzz of the expression language. Any text is compiled or refused with an
ExpressionError (never another exception); any expression a scenario accepts can be played with every
variable staying finite, and every refusal is a file:line line."""

from __future__ import annotations

import math

from hypothesis import event, given, settings
from hypothesis import strategies as st

from game.engine.engine import Engine
from game.scenario.errors import ScenarioError
from game.scenario.expressions import ExpressionError, Symbol, compile_effect, compile_expression
from game.scenario.loader import parse_scenario
from tests.support import MINI

SYMBOLS = {
    "x": Symbol(0, "number"),
    "y": Symbol(1, "number"),
    "f": Symbol(2, "bool"),
    "day": Symbol(3, "number", False),
}
FUZZ = settings(max_examples=200, deadline=None)

pieces = st.sampled_from(
    [
        "x", "y", "f", "day", "1", "0", "0.5", "1e308", "9" * 400, "1e-5", ".5e2", "2e", "+", "-", "*", "/",
        "(", ")", ",", "<", "<=", "==", "!=", ">", ">=", "and", "or", "not", "true", "false", "min", "max",
        "clamp", "abs", "num", "=", "+=", " ", "@", "\x00", "é", "1.2.3", "_", "1_000",
    ]
)  # fmt: skip


@FUZZ
@given(parts=st.lists(pieces, max_size=40), want=st.sampled_from([None, "number", "bool"]))
def test_fuzz_any_token_soup_compiles_or_is_an_expression_error(parts, want):
    source = " ".join(parts)
    try:
        expr = compile_expression(source, SYMBOLS, want)
    except ExpressionError as exc:
        event("refused")
        assert str(exc)
        return
    event("compiled")
    value = expr.fn([3.0, -2.0, True, 20.5])
    assert isinstance(value, bool) == (expr.kind == "bool")
    if expr.constant is not None and expr.kind == "number":
        assert math.isfinite(expr.constant)


@FUZZ
@given(text=st.text(max_size=60))
def test_fuzz_any_text_as_an_effect_compiles_or_is_an_expression_error(text):
    try:
        compile_effect(text, SYMBOLS)
    except ExpressionError as exc:
        assert str(exc)


def numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(0, 10**6).map(str),
        st.floats(0, 1e6, allow_nan=False).map(repr),
        st.sampled_from(["1e300", "1e-300", "1e-5", "2.5E3", "0.0", "9" * 320]),
    )


def arithmetic() -> st.SearchStrategy[str]:
    leaves = st.one_of(numbers(), st.sampled_from(["tension", "contact", "day", "risk", "num(deal)"]))
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            inner.map(lambda a: f"-{a}"),
            st.tuples(st.sampled_from(["min", "max"]), inner, inner).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
            st.tuples(inner, inner, inner).map(lambda t: f"clamp({t[0]}, {t[1]}, {t[2]})"),
            inner.map(lambda a: f"abs({a})"),
        ),
        max_leaves=10,
    )


@settings(max_examples=80, deadline=None)
@given(effect=arithmetic(), weight=arithmetic(), chance=arithmetic(), op=st.sampled_from(["=", "+=", "-=", "*="]))
def test_fuzz_expressions_a_scenario_accepts_keep_every_variable_finite_in_play(effect, weight, chance, op):
    text = MINI.read_text()
    text = text.replace('"tension += 2", "contact = 1"', f'"tension {op} {effect}", "contact = {effect}"', 1)
    text = text.replace('weight: "tension / 10"', f'weight: "{weight}"', 1)
    text = text.replace('chance: "0.9"', f'chance: "{chance}"', 1)
    try:
        sc = parse_scenario(text, "fuzz.yaml")
    except ScenarioError as exc:
        event("refused")
        for problem in exc.problems:
            assert problem.line is not None and str(problem).startswith("fuzz.yaml:")
        return
    event("played")
    engine = Engine(sc)
    for seed in range(3):
        state = engine.new_game(seed=seed)
        engine.choose(state, "blockade")
        while not state.ended:
            assert all(math.isfinite(v) for v in state.values if not isinstance(v, bool)), state.values
            engine.choose(state, engine.available_ids(state)[-1])
        assert 0 <= state.risk <= 1 and math.isfinite(state.hazard_sum)
