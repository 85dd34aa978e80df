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
                    assert len(view.last[1].obstacles) == len(ms.sites) + 2, "each known site is drawn in the inset"
    finally:
        pygame.display.quit()


def test_missile_sites_appear_as_washington_found_them():
    """On 16 October only San Cristóbal is known; by the quarantine all four sites are on the map."""
    engine = Engine(catalog.load(str(REAL)))
    state = engine.new_game(seed=1, fate="history")
    assert [name for _, (name, *_rest) in map_data.map_state(engine, state).sites] == ["San Cristóbal"]
    state = documented_path(engine)
    assert [letter for letter, _ in map_data.map_state(engine, state).sites] == list("ABCD")


def test_ships_point_the_way_they_sail():
    """An approaching ship's bow points west, towards Cuba; a ship turned back points east."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.ui.map_view import MapView
    from game.ui.theme import palette
    from game.ui.widgets.text import Typeface

    pygame.display.init()
    try:
        tf = Typeface(1.0, palette(False))
        for away, bow_side in ((False, -1), (True, 1)):
            surface = pygame.Surface((80, 40))
            surface.fill((0, 0, 0))
            MapView()._ship(surface, (40, 20), tf, away)
            lit = [x for x in range(80) if surface.get_at((x, 20))[:3] == tf.pal.text]
            bow, stern = (min(lit), max(lit)) if bow_side < 0 else (max(lit), min(lit))
            assert (bow - 40) * bow_side >= 9  # the pointed bow reaches 1.5 r ahead of the centre
            assert (40 - stern) * bow_side <= 8  # the square stern only r behind
    finally:
        pygame.display.quit()


def test_sites_show_when_the_missiles_are_gone():
    """After the 1962 settlement the sites are drawn as dismantled; the key says so."""
    from game.ui.map_view import legend

    engine = Engine(catalog.load(str(REAL)))
    start = engine.new_game(seed=1, fate="history")
    assert map_data.map_state(engine, start).sites_status == ""
    ms = map_data.map_state(engine, documented_path(engine))
    assert ms.sites_status == "dismantled"
    assert "dismantled" in legend(ms)[0]
    from game.analysis.simulate import play

    statuses = {map_data.map_state(engine, play(engine, "force", seed)).sites_status for seed in range(60)}
    assert "destroyed" in statuses
