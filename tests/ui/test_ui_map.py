"""The map reads the state defensively: known names draw markers, unknown incidents become notes."""

from __future__ import annotations

from game.analysis.documented import documented_path
from game.engine.engine import Engine
from game.scenario import catalog
from game.ui import map_data
from tests.ui.ui_support import MINI, REAL


def test_every_fired_incident_appears_on_the_map_or_in_its_notes():
    for path in (MINI, REAL):
        if not path.exists():
            continue
        engine = Engine(catalog.load(str(path)))
        state = documented_path(engine)
        ms = map_data.map_state(engine, state)
        assert [m.title for m in ms.markers] == [
            next(i.title for i in engine.scenario.incidents if i.id == iid) for iid in state.fired
        ]


def test_quarantine_line_follows_the_flag():
    engine = Engine(catalog.load(str(MINI)))
    state = engine.new_game(seed=1, fate="history")
    assert map_data.map_state(engine, state).quarantine == ""
    engine.choose(state, "blockade")
    assert map_data.map_state(engine, state).quarantine == "in force"


def test_geometry_helpers():
    lon, lat = map_data.destination(-80.0, 22.5, 0, 2000)
    assert abs(lon + 80) < 1e-9 and 40 < lat < 41
    assert len(map_data.ring(-80, 22, 500, step=10)) == 37
    assert map_data._place_of("u2-shootdown") is not None
    assert map_data._place_of("maultsby") is None
