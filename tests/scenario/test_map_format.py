"""The scenario's `map:` section: compiled at load time, its mistakes reported like every other scenario error."""

from __future__ import annotations

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import parse_scenario
from tests.ui.ui_support import MINI

TEXT = MINI.read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "mini.yaml")
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_map_mistakes_name_file_line_and_field():
    bad = (
        TEXT.replace("plane-down: [7, 3]", "plane-dwn: [7, 3]")
        .replace("center_site: north-pad", "center_site: north-pd")
        .replace("condition: blockade, center", "condition: blokade, center")
        .replace('["16 - 2 * contact", 3]', '["16 - 2 * contakt", 3]')
    )
    got = problems(bad)
    assert got == [
        f"mini.yaml:{line_of(bad, 'blokade')}: map.lines[0].condition: unknown name 'blokade' (column 1)"
        " — did you mean 'blockade'?",
        f"mini.yaml:{line_of(bad, 'north-pd')}: map.lines[1].center_site: no site has the id 'north-pd'"
        " — did you mean 'north-pad'?",
        f"mini.yaml:{line_of(bad, 'contakt')}: map.forces[0].moves[0].at[0][0]: unknown name 'contakt'"
        " (column 10) — did you mean 'contact'?",
        f"mini.yaml:{line_of(bad, 'plane-dwn')}: map.incidents.plane-dwn: no incident has the id 'plane-dwn'"
        " — did you mean 'plane-down'?",
    ]


def test_map_shape_mistakes():
    got = problems(TEXT.replace("kind: rocket, large: true", "kind: rocket, larg: true"))
    assert got == [f"mini.yaml:{line_of(TEXT, 'south-pad')}: map.sites[1].larg: unknown key — did you mean 'large'?"]
    got = problems(TEXT.replace("bounds: {west: -20, east: 20", "bounds: {west: 20, east: -20"))
    assert len(got) == 1 and "map.bounds" in got[0] and "west must be less than east" in got[0]
    got = problems(TEXT.replace('found: {us: "1962-10-17T00:00"}', 'found: {us: "1962-10-17"}'))
    assert len(got) == 1 and "map.sites[0].found" in got[0] and "YYYY-MM-DDTHH:MM" in got[0]
    twin = TEXT.replace("kind: rocket, found", "kind: rocket, letter: B, found", 1)
    assert [p.split(": ", 2)[1:] for p in problems(twin)] == [
        ["map.sites[1].letter", "two sites are lettered 'B' — give each its own letter"]
    ]
    ring = TEXT.replace("center: [6, 0], radius_km: 900, ", "")
    assert any("a ring needs a centre and a radius" in p for p in problems(ring))


def test_the_map_compiles_to_plain_data():
    from game.scenario.compiled import minutes_of

    compiled = parse_scenario(TEXT, "mini.yaml")
    m = compiled.map
    assert [s.letter for s in m.sites] == ["A", "B"]
    assert m.sites[0].found == {"us": minutes_of("1962-10-17T00:00")}
    reach = next(ln for ln in m.lines if ln.id == "reach")
    assert reach.condition is None and len(reach.points) == 181 and reach.dashed
    blockade = next(ln for ln in m.lines if ln.id == "blockade")
    values = list(compiled.initial)
    assert blockade.condition(values) is False
    values[compiled.symbols["blockade"].slot] = True
    assert blockade.condition(values) is True
    assert m.incidents == {"plane-down": (7.0, 3.0)}
    no_map = TEXT[: TEXT.index("\nmap:")] + "\n"
    assert parse_scenario(no_map, "mini.yaml").map is None


def test_ship_positions_stay_on_the_map_and_every_move_places_every_ship():
    """Waypoints by date are data: a number off the map, or a move that loses a ship, is an error."""
    moves = '[{from: "1962-10-19T00:00", at: [["16 - 2 * contact", 3]]}]'
    off = TEXT.replace("at: [[16, 4]]", "at: [[26, 4]]")
    assert [p.split(": ", 2)[1:] for p in problems(off)] == [
        ["map.forces[0].at[0][0]", "longitude 26 is off the map — keep it between -20 and 20"]
    ]
    lost = TEXT.replace(moves, '[{from: "1962-10-19T00:00", at: [[15, 3], [14, 2]]}]')
    assert [p.split(": ", 2)[1:] for p in problems(lost)] == [
        [
            "map.forces[0].moves[0].at",
            "this move places 2 ships, but the force has 1 (at) — give a position for each of the 1",
        ]
    ]
    late = TEXT.replace(moves, '[{from: "1962-10-20T00:00", at: [[15, 3]]}, {from: "1962-10-19T00:00", at: [[14, 3]]}]')
    assert any("moves are not in date order" in p for p in problems(late))
