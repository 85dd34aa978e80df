"""Bad scenario input gives one clear line per problem, never a traceback or code run."""

import re
from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario, parse_scenario
from tests.support import FIXTURES, MINI

LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+): (?:(?P<owner>(node|incident) '[^']+'): )?(?P<rest>.+) — (?P<fix>.+)$"
)


def load_mutated(tmp_path: Path, old: str, new: str, count: int = 1) -> tuple[list[str], str]:
    text = MINI.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    mutated = text.replace(old, new, count)
    path = tmp_path / "broken.yaml"
    path.write_text(mutated)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    return [str(p) for p in err.value.problems], mutated


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


CASES = [
    (
        "    interrupt: retaliate\n",
        "    interrupt: retaliate\n    private: [{to: all, text: The crew bailed out.}]\n",
        "to: all",
        "incident 'plane-down'",
        "private[0].to",
        "is not private",
        "give a side or 'facilitator'",
    ),
    (
        '    risk: [{label: Plane lost, hazard: "0.01"}]\n',
        '    audience: ussr\n    risk: [{label: Plane lost, hazard: "0.01", audience: us}]\n',
        "audience: us}",
        "incident 'plane-down'",
        "risk[0].audience",
        "would learn of what only 'ussr' learns of",
        "give 'ussr' or 'facilitator'",
    ),
    (
        '    risk: [{label: Plane lost, hazard: "0.01"}]\n',
        '    audience: us+usr\n    risk: [{label: Plane lost, hazard: "0.01"}]\n',
        "audience: us+usr",
        "incident 'plane-down'",
        "audience",
        "'usr' in 'us+usr' is not a side",
        "did you mean 'ussr'",
    ),
    (
        '    risk: [{label: Plane lost, hazard: "0.01"}]\n',
        '    audience: ussr\n    risk: [{label: Plane lost, hazard: "0.01", audience: us+ussr}]\n',
        "audience: us+ussr}",
        "incident 'plane-down'",
        "risk[0].audience",
        "would learn of what only 'ussr' learns of",
        "give 'ussr' or 'facilitator'",
    ),
    # (old, new, marker on the reported line, owner, field, message fragment, fix fragment)
    (
        "    text: What to do?\n",
        '    text: What to do?\n    variants:\n      - {condition: "tenshun > 1", text: Worse now.}\n',
        "tenshun",
        "node 'd1'",
        "variants[0].condition",
        "tenshun",
        "did you mean",
    ),
    (
        "next: end-weak",
        "next: end-waek",
        "end-waek",
        "node 'd1'",
        "options[2].next",
        "no node has the id",
        "did you mean 'end-weak'",
    ),
    (
        "history: Ships turned back.",
        "histroy: Ships turned back.",
        "histroy",
        "node 'soviet'",
        "histroy",
        "unknown key",
        "did you mean 'history'",
    ),
    (
        'condition: "tension < 9"',
        'condition: "tension < "',
        "tension < ",
        "node 'd2'",
        "options[0].condition",
        "expected a value",
        "",
    ),
    (
        'effects: ["tension -= 1"]',
        'effects: ["tensoin -= 1"]',
        "tensoin",
        "node 'd1'",
        "options[2].effects[0]",
        "unknown variable",
        "did you mean 'tension'",
    ),
    (
        "who: hawk",
        "who: hawkk",
        "hawkk",
        "node 'd1'",
        "options[0].advisors[0].who",
        "unknown advisor",
        "did you mean 'hawk'",
    ),
    ('when: "1962-10-18T10:00"', 'when: "1962-10-18"', '1962-10-18"', "node 'soviet'", "when", "YYYY-MM-DDTHH:MM", ""),
    ("actor: ussr", "actor: cuba", "actor: cuba", "node 'soviet'", "actor", "does not play", "use one of"),
    (
        "chance: rest, text: The deal breaks.",
        'chance: "0.05", text: The deal breaks.',
        "outcomes:",
        "node 'luck'",
        "outcomes",
        "sum to 0.95",
        "add up to 1",
    ),
    (
        'kind: chance\n    when: "1962-10-28T10:00"',
        'kind: gamble\n    when: "1962-10-28T10:00"',
        "kind: gamble",
        "node 'luck'",
        "kind",
        "",
        "decision, chance or ending",
    ),
    ("- id: wait", "- id: Wait Now", "Wait Now", "node 'd1'", "options[2].id", "pattern", "lower-case"),
    (
        "sources: [fs]\n    options",
        "sources: [fss]\n    options",
        "sources: [fss]",
        "node 'd1'",
        "sources[0]",
        "unknown source",
        "did you mean 'fs'",
    ),
    (
        "interrupt: retaliate",
        "interrupt: retaliat",
        "retaliat",
        "incident 'plane-down'",
        "interrupt",
        "no node has the id",
        "did you mean 'retaliate'",
    ),
    (
        "  tension: {label: Tension, initial: 1, min: 0, max: 10}",
        "  tension: {label: Tension, initial: high, min: 0, max: 10}",
        "initial: high",
        None,
        "variables.tension.initial",
        "valid number",
        "type",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:24] for c in CASES])
def test_problem_line_names_file_line_node_field_and_fix(tmp_path, case):
    old, new, marker, owner, field, message, fix = case
    problems, text = load_mutated(tmp_path, old, new)
    assert len(problems) >= 1
    first = problems[0]
    match = LINE.match(first)
    assert match, f"not in PATH:LINE: node: field: problem — fix form: {first}"
    assert match["path"].endswith("broken.yaml")
    assert int(match["line"]) == line_of(text, marker), first
    assert match["owner"] == owner, first
    assert field in match["rest"] and message in match["rest"], first
    assert fix in match["fix"], first


def test_all_problems_are_reported_at_once(tmp_path):
    text = MINI.read_text().replace("next: end-weak", "next: nowhere").replace("next: d2\n", "next: nowhere2\n", 1)
    path = tmp_path / "two.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert len(err.value.problems) == 2


def test_duplicate_node_id(tmp_path):
    problems, _ = load_mutated(tmp_path, "- id: d2\n", "- id: d1\n")
    assert any("duplicate node id 'd1'" in p for p in problems)


def test_python_tags_are_refused_and_never_run():
    marker = Path("/tmp/excomm-pwned")
    marker.unlink(missing_ok=True)
    with pytest.raises(ScenarioError) as err:
        load_scenario(FIXTURES / "bad" / "python_tag.yaml")
    assert "python_tag.yaml:4:" in str(err.value)
    assert "tag" in str(err.value) and "not allowed" in str(err.value)
    assert not marker.exists()


def test_not_yaml():
    with pytest.raises(ScenarioError) as err:
        load_scenario(FIXTURES / "bad" / "not_yaml.yaml")
    (problem,) = err.value.problems
    assert problem.line is not None and "not valid YAML" in problem.message and problem.fix


def test_top_level_must_be_a_mapping():
    with pytest.raises(ScenarioError, match="top level must be a mapping"):
        load_scenario(FIXTURES / "bad" / "top_level_list.yaml")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"a: 1\x00", "NUL"),
        (("[" * 5000 + "]" * 5000).encode(), "nested"),
        (
            b"a: &x [1, 2]\n"
            + b"".join(
                b"x%d: &x%d [*x%s, *x%s, *x%s, *x%s]\n" % (i, i, *(str(i - 1).encode() if i else b"",) * 4)
                for i in range(0)
            ),
            "format_version",
        ),
        (b"a: 1\na: 2\n", "appears twice"),
        (b"<<: {a: 1}\n", "merge keys"),
        (b"format_version: 99\n", "newer than this game"),
    ],
)
def test_hostile_or_odd_files(tmp_path, content, fragment):
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert fragment in str(err.value)


def test_alias_bombs_are_stopped(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ScenarioError, match="more than"):
        load_scenario(path)


def test_huge_file(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("# " + "x" * 5_000_000)
    with pytest.raises(ScenarioError, match="larger than"):
        load_scenario(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario(tmp_path / "absent.yaml")
    with pytest.raises(ScenarioError, match="folder"):
        load_scenario(tmp_path)


def test_a_bad_source_in_a_debrief_page_is_reported_at_that_page():
    """Briefing, historiography and unknowns pages are reported under their own section and line."""
    text = MINI.read_text() + (
        "historiography:\n"
        "  - {title: A reading, text: Some say so., sources: [fs]}\n"
        "  - {title: Another reading, text: Others disagree., sources: [no-such-source]}\n"
    )
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "broken.yaml")
    first = str(caught.value.problems[0])
    assert f"broken.yaml:{line_of(text, 'no-such-source')}:" in first and "unknown source 'no-such-source'" in first


def test_format_1_scenarios_are_upgraded_and_format_2_worlds_are_checked():
    old = MINI.read_text()
    assert old.startswith("format_version: 1")
    sc = parse_scenario(old, "mini.yaml")  # format 1: the old built-in world is added
    assert sc.sides == ("us", "ussr") and sc.catastrophic == {"limited-nuclear", "general-nuclear"}
    new = old.replace("format_version: 1", "format_version: 2", 1)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(new, "two.yaml")
    fields = " ".join(str(p) for p in caught.value.problems)
    assert "calendar" in fields and "sides" in fields and "endings" in fields
