"""The checks that play a scenario (above the engine): dead ends and the documented path's risk band."""

from game.analysis.playtest import check_play, validate
from game.scenario.loader import parse_scenario
from tests.support import MINI, OCTOBER, scenario


def problems_of(text: str) -> list[str]:
    return [str(p) for p in validate(parse_scenario(text, "s.yaml"), runs=200)]


def test_the_bundled_scenarios_pass_every_check():
    assert validate(scenario(MINI)) == []
    assert [str(p) for p in validate(scenario(OCTOBER), runs=300)] == []


def test_the_documented_path_outside_its_band():
    found = problems_of(MINI.read_text().replace("band: [0.01, 0.5]", "band: [0.3, 0.5]", 1))
    assert any("outside the band" in p for p in found), found
    assert all(p.startswith("s.yaml:") for p in found)


def test_dead_end_when_every_option_is_closed():
    text = MINI.read_text().replace('condition: "tension < 9"', 'condition: "tension < 3"')
    text = text.replace(
        "        next: war\n  - id: retaliate", '        condition: "tension < 3"\n        next: war\n  - id: retaliate'
    )
    found = problems_of(text)
    assert any("node 'd2': options: every option was unavailable" in p for p in found), found


def test_a_graph_problem_is_reported_without_playing():
    broken = MINI.read_text().replace("next: end-weak", "next: war", 1)
    found = problems_of(broken)
    assert any("cannot be reached" in p for p in found)
    assert check_play(scenario(MINI), runs=50) == []  # the intact fixture plays cleanly
