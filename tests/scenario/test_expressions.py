import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.scenario.expressions import ExpressionError, Symbol, compile_effect, compile_expression, parse

SYMBOLS = {
    "tension": Symbol(0, "number"),
    "contact": Symbol(1, "number"),
    "quarantine": Symbol(2, "bool"),
    "day": Symbol(3, "number", writable=False),
}
VALUES = [4.0, 2.0, True, 27.5]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("-tension + 10", 6),
        ("tension / 0", 0),  # content can never crash the engine
        ("clamp(tension * 0.5, 0, 1)", 1),
        ("clamp(tension, 1, 0.25)", 0.25),  # lo > hi: min(max(x, lo), hi)
        ("min(tension, contact, 3)", 2),
        ("max(tension, contact)", 4),
        ("abs(contact - tension)", 2),
        ("tension >= 4 and quarantine", True),
        ("not quarantine or contact > 5", False),
        ("tension == 4 and not (contact != 2)", True),
        ("day > 27", True),
        ("quarantine == true", True),
        ("0.5", 0.5),
        (".25 + 1.", 1.25),
        ("num(quarantine) * 3 + num(tension > 9)", 3),
    ],
)
def test_evaluates(source, expected):
    kind_value = compile_expression(source, SYMBOLS)
    assert kind_value.fn(VALUES) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("tension >", "expected a value"),
        ("tensoin > 1", "did you mean 'tension'"),
        ("tension > 1 > 0", "cannot be chained"),
        ("quarantine + 1", "needs a number"),
        ("tension and quarantine", "needs a bool"),
        ("__import__('os')", "unexpected character"),
        ("open(1)", "unknown function"),
        ("clamp(1, 2)", "takes 3 arguments"),
        ("tension == quarantine", "cannot compare"),
        ("num(tension)", "num() needs a bool"),
        ("(tension", "expected ')'"),
        ("tension tension", "unexpected 'tension'"),
        ("", "empty expression"),
        ("1; 2", "unexpected character"),
        ("tension.real", "unexpected character"),
    ],
)
def test_rejects_with_a_useful_message(source, fragment):
    with pytest.raises(ExpressionError) as err:
        compile_expression(source, SYMBOLS)
    assert fragment in str(err.value)


def test_wants_the_declared_kind():
    with pytest.raises(ExpressionError, match="expected a bool"):
        compile_expression("tension + 1", SYMBOLS, want="bool")
    with pytest.raises(ExpressionError, match="expected a number"):
        compile_expression("tension > 1", SYMBOLS, want="number")


def test_constant_expressions_are_known_at_load_time():
    assert compile_expression("0.25 * 2", SYMBOLS).constant == 0.5
    assert compile_expression("tension * 2", SYMBOLS).constant is None


def test_deep_nesting_is_an_error_not_a_crash():
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("(" * 500 + "1" + ")" * 500)
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("not " * 300 + "true")


def test_overlong_expression_is_refused():
    with pytest.raises(ExpressionError, match="characters long"):
        parse("1 + " * 1000 + "1")


@pytest.mark.parametrize(
    ("source", "slot", "op"),
    [("tension += 2", 0, "+="), ("contact = tension * 2", 1, "="), ("quarantine = not quarantine", 2, "=")],
)
def test_effects_parse(source, slot, op):
    effect = compile_effect(source, SYMBOLS)
    assert (effect.slot, effect.op) == (slot, op)


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("tension", "must assign"),
        ("tension == 2", "must assign"),
        ("day = 3", "read-only"),
        ("quarantine += 1", "only '=' works"),
        ("quarantine = 1", "expected a bool"),
        ("tensio += 1", "did you mean 'tension'"),
    ],
)
def test_bad_effects(source, fragment):
    with pytest.raises(ExpressionError) as err:
        compile_effect(source, SYMBOLS)
    assert fragment in str(err.value)


@given(st.text(max_size=60))
def test_any_text_either_compiles_or_raises_expression_error(text):
    try:
        compiled = compile_expression(text, SYMBOLS)
    except ExpressionError:
        return
    compiled.fn(VALUES)  # whatever compiles must evaluate without raising


@given(st.integers(-1000, 1000), st.integers(-1000, 1000), st.integers(1, 1000))
def test_arithmetic_matches_python(a, b, c):
    compiled = compile_expression(f"{a} + {b} * {c} - ({a} - {b}) / {c}", SYMBOLS)
    assert compiled.fn(VALUES) == pytest.approx(a + b * c - (a - b) / c)


# The optimised closures (expr_fast) must agree with the plain tree-walking ones on any well-typed input.
numbers = st.recursive(
    st.one_of(st.sampled_from(["tension", "contact", "day"]), st.integers(0, 9).map(str), st.just("0.25")),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda x: f"-{x}"),
        st.tuples(st.sampled_from(["min", "max"]), inner, inner).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        st.tuples(inner, inner, inner).map(lambda t: f"clamp({t[0]}, {t[1]}, {t[2]})"),
        inner.map(lambda x: f"abs({x})"),
    ),
    max_leaves=12,
)
conditions = st.recursive(
    st.one_of(
        st.just("quarantine"),
        st.just("true"),
        st.tuples(numbers, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), numbers).map(" ".join),
    ),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda x: f"not {x}"),
    ),
    max_leaves=6,
)


@given(
    st.one_of(numbers, conditions, numbers.map(lambda x: f"num({x} > 2) * {x}")),
    st.lists(st.floats(-5, 5, allow_nan=False), min_size=2, max_size=2),
    st.booleans(),
)
def test_optimised_closures_agree_with_the_tree(source, nums, flag):
    from game.scenario.expressions import _Compiler

    values = [nums[0], nums[1], flag, 27.5]
    fast = compile_expression(source, SYMBOLS).fn(values)
    _, plain = _Compiler(source, SYMBOLS).compile(parse(source))
    slow = plain(values)
    if isinstance(slow, bool):
        assert fast == slow
    else:
        assert fast == pytest.approx(slow, rel=1e-9, abs=1e-9)
