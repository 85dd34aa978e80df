import pytest

from game.scenario.loader import parse_scenario
from game.scenario.validate import validate
from tests.support import MINI, scenario


def problems_of(text: str) -> list[str]:
    return [str(p) for p in validate(parse_scenario(text, "s.yaml"))]


def test_the_fixture_is_valid():
    assert validate(scenario(MINI)) == []


def test_the_scenario_layer_imports_nothing_above_it():
    import ast
    from pathlib import Path

    import game.scenario

    for path in Path(game.scenario.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("game.engine", "game.analysis", "game.cli", "game.ui")), (path, name)


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        # An ending nobody points at.
        ("next: end-weak", "next: war", "'end-weak': id: this ending cannot be reached"),
        # Time running backwards.
        ('when: "1962-10-21T10:00"', 'when: "1962-10-17T10:00"', "leads back in time to 'd2'"),
        # A loop.
        ("        next: luck\n", "        next: d1\n", "forms a loop back to 'd1'"),
        # A nuclear ending outside the risk model.
        (
            "        next: war\n      - id: blockade",
            "        next: end-general\n      - id: blockade",
            "nuclear ending is reachable without the risk model",
        ),
        # '@resume' where no incident interrupted.
        ("        next: end-weak\n", '        next: "@resume"\n', "'@resume' is used outside"),
        # Two historical marks.
        (
            "      - id: invade\n        text: Invade\n",
            "      - id: invade\n        text: Invade\n        historical: true\n",
            "2 options are marked historical",
        ),
    ],
)
def test_graph_problems(old, new, fragment):
    text = MINI.read_text()
    assert old in text
    found = problems_of(text.replace(old, new, 1))
    assert any(fragment in p for p in found), found
    assert all(p.startswith("s.yaml:") for p in found)


def test_a_weight_that_reads_the_risk_is_a_note_for_authors_not_an_error():
    from game.scenario.validate import advice

    text = MINI.read_text().replace('weight: "tension / 10"', 'weight: "tension / 10 + 2 * risk"', 1)
    sc = parse_scenario(text, "s.yaml")
    assert validate(sc) == []
    notes = [str(n) for n in advice(sc)]
    assert len(notes) == 1, notes
    assert "node 'soviet'" in notes[0] and "options[0].weight" in notes[0] and "'run'" in notes[0]
    assert "exact analysis" in notes[0] and "perceives" in notes[0]
    assert advice(scenario(MINI)) == []


def test_the_bundled_scenario_needs_no_such_note():
    from game.scenario.validate import advice
    from tests.support import OCTOBER

    assert advice(scenario(OCTOBER)) == []
