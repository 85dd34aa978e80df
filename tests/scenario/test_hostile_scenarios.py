"""Issue 13: the validator's holes. Every hostile scenario gets PATH:LINE lines (never exit 3), and
numbers that are not finite, probabilities outside [0, 1] and unusable names are refused."""

from __future__ import annotations

import math
import os
import subprocess
import sys

import pytest

from game.engine import dice
from game.engine.engine import Engine
from game.scenario.errors import ScenarioError
from game.scenario.expressions import ExpressionError, Symbol, compile_expression
from game.scenario.loader import load_scenario, parse_scenario
from tests.support import MINI

ROOT = MINI.parents[2]


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "hostile.yaml")
    lines = [str(p) for p in err.value.problems]
    for line in lines:  # every problem is a file:line line
        assert line.startswith("hostile.yaml:"), line
        assert line.split(":")[1].isdigit(), line
    return lines


def mutate(old: str, new: str) -> str:
    text = MINI.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# (what, old, new, marker on the reported line, fragment of the message)
NOT_FINITE = [
    ("400 nines", 'hazard: "0.2"', 'hazard: "' + "9" * 400 + '"', "9999", "out of range"),
    ("overflow in folding", 'hazard: "0.2"', 'hazard: "1e300 * 1e300"', "1e300", "overflows"),
    ("inf minus inf", 'hazard: "0.2"', 'hazard: "1e300 * 1e300 - 1e300 * 1e300"', "1e300", "overflows"),
    ("exponent overflow", 'per_day: "0.002 * tension"', 'per_day: "1e999 * tension"', "1e999", "out of range"),
    ("NaN chance", 'chance: "0.9"', "chance: .nan", ".nan", "finite"),
    ("inf chance", 'chance: "0.9"', "chance: .inf", ".inf", "finite"),
    ("-inf weight", 'weight: "1"', "weight: -.inf", "-.inf", "finite"),
    ("NaN hazard", 'hazard: "0.2"', "hazard: .NaN", ".NaN", "finite"),
    ("inf initial", "initial: 1, min: 0, max: 10}", "initial: .inf, min: 0, max: 10}", ".inf", "finite"),
    ("nan initial", "initial: 1, min: 0, max: 10}", "initial: .nan, min: 0, max: 10}", ".nan", "finite"),
    ("inf max", "initial: 0, min: 0, max: 5}", "initial: 0, min: 0, max: .inf}", ".inf", "finite"),
    ("inf band", "band: [0.01, 0.5]", "band: [0.01, .inf]", ".inf", "finite"),
]


@pytest.mark.parametrize(("what", "old", "new", "marker", "fragment"), NOT_FINITE, ids=[c[0] for c in NOT_FINITE])
def test_numbers_that_are_not_finite_are_refused_with_a_line(what, old, new, marker, fragment):
    text = mutate(old, new)
    lines = problems_of(text)
    assert any(fragment in line for line in lines), lines
    assert any(f":{line_of(text, marker)}:" in line for line in lines), lines


OUT_OF_RANGE = [
    ("chance above 1", 'chance: "0.9"', 'chance: "1.5"', "1.5"),
    ("negative chance", 'chance: "0.9"', 'chance: "-0.2"', "-0.2"),
    ("hazard above 1", 'hazard: "0.2"', 'hazard: "2"', 'hazard: "2"'),
    ("negative hazard", 'hazard: "0.3"', 'hazard: "-0.3"', "-0.3"),
    ("per_day above 1", 'per_day: "0.002 * tension"', 'per_day: "3"', 'per_day: "3"'),
    ("incident chance", 'chance: "0.5"', 'chance: "1.01"', "1.01"),
    ("negative weight", 'weight: "1"', 'weight: "-1"', 'weight: "-1"'),
    ("folded negative weight", 'weight: "1"', 'weight: "1 - 3"', "1 - 3"),
]


@pytest.mark.parametrize(("what", "old", "new", "marker"), OUT_OF_RANGE, ids=[c[0] for c in OUT_OF_RANGE])
def test_constant_probabilities_outside_0_1_and_negative_weights_are_refused(what, old, new, marker):
    text = mutate(old, new)
    lines = problems_of(text)
    assert any(
        ("outside" in line or "cannot be negative" in line) and f":{line_of(text, marker)}:" in line for line in lines
    ), lines


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("title: Mini crisis", 'title: "\\0"', "control character"),
        ("title: First choice", 'title: "First\\x07 choice"', "control character"),
        ("band: [0.01, 0.5]", "band: [-5, 7]", "greater than or equal to 0"),
        ("band: [0.01, 0.5]", "band: [0.5, 0.01]", "lower end"),
        (
            "tension: {label: Tension, initial: 1, min: 0, max: 10}",
            "tension: {label: T, initial: 1, min: 10, max: 0}",
            "min",
        ),
        (
            "tension: {label: Tension, initial: 1, min: 0, max: 10}",
            "tension: {label: T, initial: 11, min: 0, max: 10}",
            "outside",
        ),
        ("  deal: {label: Deal made}", "  and: {label: And}", "word of the expression language"),
        ("  deal: {label: Deal made}", "  'true': {label: Truth}", "word of the expression language"),
        ("  deal: {label: Deal made}", "  a b: {label: Spaced}", "cannot be read"),
        ("  deal: {label: Deal made}", "  '1': {label: One}", "cannot be read"),
        ("  deal: {label: Deal made}", "  min: {label: Min}", "word of the expression language"),
        ("    text: What to do?", "    text: " + "w" * 20_001, "at most 20,000"),
    ],
)
def test_wrongly_accepted_values_are_refused(old, new, fragment):
    lines = problems_of(mutate(old, new))
    assert any(fragment in line for line in lines), lines


def chain(first: str, op: str, n: int) -> str:
    return first + f"{op}{first}" * n


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ('per_day: "0.002 * tension"', f'per_day: "{chain("1", "+", 999)}"', "operators in a chain"),
        ('per_day: "0.002 * tension"', f'per_day: "{chain("1", "*", 999)}"', "operators in a chain"),
        ('condition: "tension >= 7"', f'condition: "{chain("deal", " and ", 220)}"', "operators in a chain"),
        ('condition: "tension >= 7"', f'condition: "{chain("deal", " or ", 240)}"', "operators in a chain"),
        ('hazard: "0.2"', "hazard: !!float abc", "cannot be read as float"),
        ('hazard: "0.2"', "hazard: !!int 1.5", "cannot be read as int"),
        ("initial: 1, min: 0, max: 10}", "initial: " + "9" * 5000 + ", min: 0, max: 10}", "cannot be read as int"),
        ("initial: 1, min: 0, max: 10}", "initial: " + "9" * 30 + ", min: 0, max: 10}", "far too large"),
    ],
)
def test_what_used_to_be_an_internal_error_is_one_line(old, new, fragment):
    lines = problems_of(mutate(old, new))
    assert any(fragment in line for line in lines), lines


def test_yaml_unacceptable_characters_nul_bytes_and_huge_files_have_a_line(tmp_path):
    text = MINI.read_text()
    bell = text.replace("title: First choice", "title: First \x07choice", 1)
    lines = problems_of(bell)
    assert any(f":{line_of(bell, 'First')}:" in line and "not allowed" in line for line in lines), lines
    nul = tmp_path / "nul.yaml"
    nul.write_bytes(text.replace("title: First choice", "title: First \x00choice", 1).encode())
    with pytest.raises(ScenarioError) as err:
        load_scenario(nul)
    assert str(err.value).startswith(f"{nul}:{line_of(text, 'First choice')}: "), str(err.value)
    huge = tmp_path / "huge.yaml"
    huge.write_text(text + "#" * 4_100_000)
    with pytest.raises(ScenarioError) as err:
        load_scenario(huge)
    assert str(err.value).startswith(f"{huge}:") and "larger than 4 MB" in str(err.value)
    assert str(err.value).split(":")[1].isdigit()


def test_exponents_are_numbers():
    sc = parse_scenario(mutate('per_day: "0.002 * tension"', "per_day: 1.0e-5"), "ok.yaml")
    assert sc.drivers[0].per_day([]) == pytest.approx(1e-5)
    symbols = {"x": Symbol(0, "number")}
    assert compile_expression("2.5e-3 * x + 1E2", symbols).fn([2.0]) == pytest.approx(100.005)
    assert compile_expression(".5e1", {}).constant == 5.0
    with pytest.raises(ExpressionError):
        compile_expression("2e", symbols)  # an exponent needs digits; 'e' alone is a name


def test_dice_pick_never_fails_on_weights_that_are_not_finite():
    nan, inf = math.nan, math.inf
    for weights in ([nan, nan], [nan], [inf, 1.0], [-1.0, -2.0], [inf, inf, nan], [0.0, 0.0]):
        for u in (0.0, 0.3, 0.999):
            assert 0 <= dice.pick(u, weights) < len(weights)
    assert dice.pick(0.5, [nan, 1.0]) == 1  # a NaN weight counts as zero
    assert dice.pick(0.2, [1.0, 3.0]) == 0 and dice.pick(0.9, [1.0, 3.0]) == 1  # ordinary weights as before


def test_every_variable_stays_finite_at_run_time_even_when_arithmetic_overflows():
    # tension / 1e-200 squared overflows to infinity at run time (a division by a variable's value is not
    # folded at load time); inf - inf is NaN.
    big = "(tension / 1e-200) * (tension / 1e-200)"
    text = mutate(
        'effects: ["blockade = true", "tension += 2", "contact = 1"]',
        f'effects: ["blockade = true", "contact = {big} - {big}", "tension *= {big}"]',
    )
    text = text.replace('weight: "tension / 10"', f'weight: "{big} - {big}"', 1)
    text = text.replace('chance: "0.9"', f'chance: "{big} - {big}"', 1)
    engine = Engine(parse_scenario(text, "overflow.yaml"))
    for seed in range(20):
        state = engine.new_game(seed=seed)
        engine.choose(state, "blockade")
        assert all(math.isfinite(v) for v in state.values if not isinstance(v, bool)), state.values
        while not state.ended:
            engine.choose(state, engine.available_ids(state)[0])
            assert all(math.isfinite(v) for v in state.values if not isinstance(v, bool)), state.values
        assert 0 <= state.risk <= 1


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "link-to-zero"])
def test_validate_refuses_devices_fifos_and_links_to_them_at_once(tmp_path, target):
    if target == "fifo":
        path = tmp_path / "scenario.yaml"
        os.mkfifo(path)
    elif target == "link-to-zero":
        path = tmp_path / "scenario.yaml"
        path.symlink_to("/dev/zero")
    else:
        path = target
    r = subprocess.run(
        [sys.executable, "main.py", "validate", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 1, r.stderr
    assert r.stderr.strip() == f"{path}:1: is not a regular file (a folder, a device or a pipe) — name a .yaml file"
