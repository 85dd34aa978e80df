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


def test_map_labels_never_overlap_and_cuba_is_clear_of_the_inset():
    """At the three sizes and at each step of the 1962 course: no label overlaps another label or a marker,
    and the missile-site inset, drawn over a corner of the main map, covers no place the map marks."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.ui.map_view import MapView, Projection, figure_height, split_rect
    from game.ui.theme import palette, scale_for
    from game.ui.widgets.text import Typeface
    from tests.ui.ui_support import SIZES, real_or_mini

    pygame.display.init()
    pygame.font.init()
    try:
        engine = Engine(catalog.load(str(real_or_mini())))
        state = engine.new_game(seed=1, fate="history")
        from game.analysis.documented import historical_choice

        states = []
        while not state.ended and len(states) < 60:
            states.append(map_data.map_state(engine, state))
            node = engine.node(state)
            hist = historical_choice(engine, node.id)
            engine.choose(state, hist[0] if hist else engine.choices(state)[0].id)
        states.append(map_data.map_state(engine, state))
        assert any(ms.quarantine for ms in states) and any(ms.ships for ms in states)
        for size in SIZES:
            tf = Typeface(scale_for(size, 1), palette(False))
            for w in (size[0] * 2 // 5, size[0] // 2):
                rect = pygame.Rect(0, 0, w, figure_height(w, size[1] // 2, tf))
                main, inset = split_rect(rect, tf)
                assert rect.contains(main) and main.contains(inset)
                pj = Projection(main)
                cuba = [pj(*p) for p in map_data.CUBA]
                assert all(main.collidepoint(p) for p in cuba), f"Cuba is cut off at {size}"
                marked = cuba + [pj(lon, lat) for _, lon, lat, _ in map_data.SITES + map_data.PLACES]
                marked += [pj(*place) for _, place in map_data.INCIDENT_PLACES if place]
                marked += [pj(*p) for p in map_data.ring(*map_data.CAPE_MAISI, 500 * map_data.NMI_KM, -30, 150, 3)]
                assert not any(inset.collidepoint(p) for p in marked), f"the inset hides part of the map at {size}"
                assert main.w * main.h > 4 * inset.w * inset.h
                surface = pygame.Surface(rect.size)
                view = MapView()
                for ms in states:
                    view.draw(surface, rect, tf, ms)
                    for lab in view.last:
                        rects = [r for _, r in lab.placed]
                        for i, (text, r) in enumerate(lab.placed):
                            assert lab.bounds.contains(r), f"{text!r} leaves the map at {size}"
                            assert r.collidelist(rects[i + 1 :]) < 0, f"{text!r} overlaps a label at {size}"
                            assert r.collidelist(lab.obstacles) < 0, f"{text!r} overlaps a marker at {size}"
                        assert "CUBA" in [t for t, _ in view.last[0].placed]
    finally:
        pygame.display.quit()
