"""People, codex and documents are scenario data: checked against advisors, sources and nodes."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from tests.support import MINI, OCTOBER


def load_with(tmp_path: Path, extra: str):
    path = tmp_path / "extra.yaml"
    path.write_text(MINI.read_text() + "\n" + extra)
    return load_scenario(path)


def test_good_sections_load(tmp_path):
    c = load_with(
        tmp_path,
        "people:\n  hawk: {position: Strike now., portrait: {hair: grey, uniform: true}, sources: [fs]}\n"
        "codex:\n  - {id: mrbm, term: MRBM, text: A missile., sources: [fs]}\n"
        "documents:\n  - {node: d1, style: cable, heading: FLASH}\n",
    )
    assert c.model.people["hawk"].portrait.uniform
    assert c.model.codex[0].term == "MRBM"
    assert c.model.documents[0].style == "cable"


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ("people:\n  nobody: {position: x}\n", "no advisor has the id 'nobody'"),
        ("people:\n  hawk: {position: x, sources: [nope]}\n", "unknown source 'nope'"),
        ("codex:\n  - {id: a, term: A, text: x}\n  - {id: a, term: B, text: y}\n", "two codex terms"),
        ("documents:\n  - {node: nowhere, style: cable, heading: X}\n", "no node has the id 'nowhere'"),
        ("documents:\n  - {node: d1, option: nope, style: letter, heading: X}\n", "has no option 'nope'"),
        ("documents:\n  - {node: d1, style: telegram, heading: X}\n", "style"),
        ("people:\n  hawk: {position: x, portrait: {hair: green}}\n", "hair"),
    ],
)
def test_bad_sections_are_reported(tmp_path, extra, fragment):
    with pytest.raises(ScenarioError) as err:
        load_with(tmp_path, extra)
    assert fragment in str(err.value)


def test_october_has_people_codex_documents_and_a_strip():
    m = load_scenario(OCTOBER).model
    for term in ("MRBM", "IRBM", "SAM", "SAC", "DEFCON", "OPLAN 312", "Presidium", "Jupiter", "Quarantine"):
        assert any(t.term == term for t in m.codex), term
    assert {"jfk", "khrushchev", "castro", "mcnamara", "rfk"} <= set(m.people)
    assert {d.style for d in m.documents} >= {"cable", "letter", "newspaper"}
    assert m.calendar.strip == ["1962-10-16", "1962-10-28"]
    # every newspaper's masthead is the game's invention and says so
    assert all(d.invented for d in m.documents if d.style == "newspaper")


def test_a_document_at_a_decision_of_several_options_names_the_option_it_records():
    """A 'DEFCON CHANGE' cable printed when the player held at DEFCON 3 told the opposite of what was chosen."""
    from game.scenario.models import DecisionNode

    model = load_scenario(OCTOBER).model
    nodes = {n.id: n for n in model.nodes}
    for doc in model.documents:
        node = nodes[doc.node]
        if isinstance(node, DecisionNode) and len(node.options) > 1:
            assert doc.option in {o.id for o in node.options}, (doc.node, doc.heading)
