"""Expressions over columns give, row for row, exactly what the engine's closures give."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.analysis.columns import compile_columns
from game.scenario.expressions import compile_expression
from tests.support import MINI, OCTOBER, scenario

NUMBERS = ["tension", "contact"]
FLAGS = ["blockade", "deal"]


def _numbers(depth: int) -> st.SearchStrategy[str]:
    leaf = st.one_of(
        st.sampled_from(NUMBERS),
        st.integers(-3, 12).map(str),
        st.sampled_from(["0.5", "0.05", "1.25", "0"]),
        st.sampled_from(FLAGS).map(lambda f: f"num({f})"),
    )
    if depth == 0:
        return leaf
    inner = _numbers(depth - 1)
    return st.one_of(
        leaf,
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(inner, min_size=2, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
        st.tuples(inner, inner, inner).map(lambda t: f"clamp({t[0]}, {t[1]}, {t[2]})"),
        inner.map(lambda e: f"abs({e})"),
        inner.map(lambda e: f"-{e}"),
        st.lists(inner, min_size=4, max_size=5).map(lambda xs: " + ".join(xs)),  # a long sum, apart
        st.lists(inner, min_size=3, max_size=4).map(lambda xs: " * ".join(xs)),
    )


def _conditions(depth: int) -> st.SearchStrategy[str]:
    compare = st.tuples(_numbers(1), st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), _numbers(1)).map(
        lambda t: f"{t[0]} {t[1]} {t[2]}"
    )
    leaf = st.one_of(compare, st.sampled_from(FLAGS), st.sampled_from(["true", "false"]))
    if depth == 0:
        return leaf
    inner = _conditions(depth - 1)
    return st.one_of(
        leaf,
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda c: f"not ({c})"),
        st.tuples(st.sampled_from(FLAGS), inner).map(lambda t: f"{t[0]} == ({t[1]})"),
    )


ROWS = st.lists(
    st.tuples(st.integers(0, 10), st.sampled_from([0, 1, 2.5, 5]), st.booleans(), st.booleans()),
    min_size=1,
    max_size=8,
)


def _rows(sc, picks):
    """States of the fixture with these values, as the engine's value lists and as one array."""
    slot = {name: sym.slot for name, sym in sc.symbols.items()}
    states = []
    for tension, contact, blockade, deal in picks:
        values = list(sc.initial)
        values[slot["tension"]], values[slot["contact"]] = tension, contact
        values[slot["blockade"]], values[slot["deal"]] = blockade, deal
        states.append(values)
    return states, np.array([[float(v) for v in values] for values in states])


@settings(max_examples=300, deadline=None)
@given(source=_numbers(2), picks=ROWS)
def test_numbers_equal_the_engine_row_for_row(source, picks):
    sc = scenario(MINI)
    states, rows = _rows(sc, picks)
    engine = compile_expression(source, sc.symbols).fn
    found = np.broadcast_to(np.asarray(compile_columns(source, sc.symbols)(rows), dtype=float), (len(states),))
    for values, got in zip(states, found):
        assert float(engine(values)) == got, source  # the same operations in the same order: bit for bit


@settings(max_examples=300, deadline=None)
@given(source=_conditions(2), picks=ROWS)
def test_conditions_equal_the_engine_row_for_row(source, picks):
    sc = scenario(MINI)
    states, rows = _rows(sc, picks)
    engine = compile_expression(source, sc.symbols).fn
    found = np.broadcast_to(np.asarray(compile_columns(source, sc.symbols)(rows), dtype=bool), (len(states),))
    for values, got in zip(states, found):
        assert bool(engine(values)) == bool(got), source


def _october_states(games: int = 40) -> list[list]:
    """The values at every decision of some random games of the real scenario."""
    import random

    from game.engine.engine import Engine

    sc = scenario(OCTOBER)
    eng = Engine(sc)
    found = []
    for seed in range(games):
        rng = random.Random(seed)
        state = eng.new_game(seed=seed, narrate=False)
        while not state.ended:
            found.append(list(state.values))
            eng.advance(state, rng.choice(eng.available_ids(state)))
    return found


def test_every_expression_of_the_october_scenario_matches_on_states_of_real_games():
    """Each weight, condition, chance, hazard and rate of the real scenario, on states random games reach."""
    sc = scenario(OCTOBER)
    states = _october_states()
    rows = np.array([[float(v) for v in values] for values in states])
    sources = [str(d.per_day) for d in sc.model.risk.drivers]
    for node in sc.model.nodes:
        for o in getattr(node, "options", ()):
            sources += [str(o.weight)] if o.weight is not None else []
            sources += [str(o.condition)] if o.condition is not None else []
            sources += [str(r.hazard) for r in o.risk]
            sources += [e.split("=", 1)[1].strip() for e in o.effects]  # an effect's value
        for out in getattr(node, "outcomes", ()):
            sources += [str(out.chance)] if out.chance != "rest" else []
    for inc in sc.model.incidents:
        sources += [str(inc.chance)] + ([str(inc.condition)] if inc.condition is not None else [])
    assert len(states) > 400 and len(sources) > 300
    for source in sources:
        engine = compile_expression(source, sc.symbols).fn
        found = np.broadcast_to(np.asarray(compile_columns(source, sc.symbols)(rows)), (len(states),))
        for values, got in zip(states, found):
            assert float(engine(values)) == float(got), source


def test_whole_numbers_are_the_variables_no_effect_can_make_fractional():
    from game.analysis.columns import whole_numbers

    sc = scenario(MINI)
    initial = {name: float(sc.initial[sym.slot]) for name, sym in sc.symbols.items()}
    effects = ["tension += 2", "contact = min(contact + 1, 5)", "blockade = true"]
    found = whole_numbers(sc.symbols, initial, effects)
    assert {"tension", "contact", "blockade", "deal"} <= found
    assert not {"day", "hour", "risk"} & found  # set by the engine: the day has its hour as a fraction
    assert "tension" not in whole_numbers(sc.symbols, initial, [*effects, "tension -= 0.5"])
    # a fraction passed on through another variable
    assert "contact" not in whole_numbers(sc.symbols, initial, ["tension *= 0.5", "contact = tension"])
    assert "contact" not in whole_numbers(sc.symbols, initial, ["contact = tension / 2"])
