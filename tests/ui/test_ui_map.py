"""The map is the scenario's data: what each side sees when, where incidents happened, and a legible drawing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game import wording
from game.analysis.documented import documented_path, historical_choice
from game.analysis.simulate import play
from game.engine.engine import Engine
from game.scenario import catalog
from game.scenario.compiled import minutes_of
from game.ui import map_data
from tests.ui.ui_support import MINI, REAL, ROOT, SHOTS, SIZES, real_or_mini

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")


def real() -> Engine:
    return Engine(catalog.load(str(REAL)))


def documented_states(engine: Engine, fate: str = "history") -> list:
    """A copy of the state at each step of the 1962 course, to its end."""
    state = engine.new_game(seed=1, fate=fate)
    out = [state.clone()]
    while not state.ended and len(out) < 80:
        hist = historical_choice(engine, engine.node(state).id)
        engine.choose(state, hist[0] if hist else engine.choices(state)[0].id)
        out.append(state.clone())
    return out


def set_flag(engine: Engine, state, name: str, value=True) -> None:
    state.values[engine.scenario.symbols[name].slot] = value


# ------------------------------------------------------------------ what a side sees


def test_sites_appear_as_washington_found_them():
    """16 October: San Cristóbal only; from noon on 17 October Guanajay and Sagua la Grande; 18 October, all."""
    engine = real()
    seen = {}
    for st in documented_states(engine):
        names = [s.name for s in map_data.map_state(engine, st, "us").sites]
        seen.setdefault(names and tuple(names), st.clock)
        if st.clock < minutes_of("1962-10-17T12:00"):
            assert names == ["San Cristóbal"], (st.clock, names)
        elif st.clock < minutes_of("1962-10-18T12:00"):
            assert names == ["San Cristóbal", "Guanajay", "Sagua la Grande"], names
        else:
            assert names == ["San Cristóbal", "Guanajay", "Sagua la Grande", "Remedios"], names
    assert len(seen) == 3, "the course passes through all three stages of discovery"
    start = engine.new_game(seed=1, fate="history")
    assert [s.name for s in map_data.map_state(engine, start, "us").sites] == ["San Cristóbal"]


def test_moscow_knows_its_sites_from_the_start():
    engine = real()
    start = engine.new_game(seed=1, fate="history")
    assert len(map_data.map_state(engine, start, "ussr").sites) == 4
    assert map_data.map_state(engine, start).side == "us"  # the side played


def test_site_letters_belong_to_sites():
    """A letter names one site on every screen, whatever else is known or has happened to it."""
    engine = real()
    letters: dict[str, set] = {}
    states = documented_states(engine) + [play(engine, "force", seed) for seed in range(30)]
    for st in states:
        for s in map_data.map_state(engine, st, "us").sites:
            letters.setdefault(s.name, set()).add(s.letter)
    assert {name: sorted(v) for name, v in letters.items()} == {
        "San Cristóbal": ["A"],
        "Guanajay": ["B"],
        "Sagua la Grande": ["C"],
        "Remedios": ["D"],
    }


def test_after_a_strike_and_after_dismantling():
    engine = real()
    start = engine.new_game(seed=1, fate="history")
    assert {s.status for s in map_data.map_state(engine, start).sites} == {""}
    end = map_data.map_state(engine, documented_path(engine))
    assert {s.status for s in end.sites} == {"dismantled"} and len(end.sites) == 4
    assert "dismantled and shipped home (hollow)" in end.legend[0]
    struck = [play(engine, "force", seed) for seed in range(60)]
    struck = [st for st in struck if engine.value(st, "strike")]
    assert struck, "the force policy strikes in some games"
    for st in struck:
        ms = map_data.map_state(engine, st)
        assert ms.mark_ids() in (["air-strikes"], ["invasion"])
        assert [s.letter for s in ms.sites] == list("ABCD"), "no site drops off the map after a strike"
    destroyed = [map_data.map_state(engine, st) for st in struck if engine.value(st, "missiles_destroyed")]
    destroyed = [ms for ms in destroyed if {s.status for s in ms.sites} == {"destroyed"}]
    assert destroyed and "destroyed by American bombing (✕)" in destroyed[0].legend[0]


def test_quarantine_line_and_ships_follow_the_state():
    engine = real()
    states = documented_states(engine)
    for st in states:
        ms = map_data.map_state(engine, st)
        assert ("quarantine" in ms.line_ids()) == bool(engine.value(st, "quarantine"))
        assert "r12-range" in ms.line_ids()
        turned, running = engine.value(st, "ships_turned"), engine.value(st, "ships_running")
        if turned:
            want = ["ships-turned-back"]
        elif running:
            want = ["ships-running"]
        elif engine.value(st, "quarantine"):
            want = ["ships-at-line"]
        else:
            want = ["ships-approaching"] if engine.value(st, "crisis") else []
        assert ms.force_ids() == want
        assert ("No quarantine (blockade) is in force." in ms.legend) != ("quarantine" in ms.line_ids())
    assert any("quarantine" in map_data.map_state(engine, st).line_ids() for st in states)


def _nmi_from_line(engine: Engine, point) -> float:
    """How far a position is from the quarantine ring's centre, in nautical miles (its radius is 500)."""
    import math

    lon0, lat0 = next(ln for ln in engine.scenario.model.map.lines if ln.id == "quarantine").center
    la1, la2, dl = math.radians(lat0), math.radians(point[1]), math.radians(point[0] - lon0)
    cos = math.sin(la1) * math.sin(la2) + math.cos(la1) * math.cos(la2) * math.cos(dl)
    return 6371 * math.acos(min(1.0, cos)) / 1.852


def state_on(states: list, day: int):
    """The first state of the 1962 course on `day` October."""
    from game.scenario.compiled import datetime_of

    return next(st for st in states if datetime_of(st.clock).month == 10 and datetime_of(st.clock).day == day)


def test_ships_move_day_by_day_and_turn_back_on_the_documented_path(pg):
    """On the 1962 course the same hull is drawn in three places on 22, 24 and 26 October: approaching on the
    22nd, turned back (bow east) once Moscow turned the ships, and further east two days later."""
    from game.ui.map_view import MapView
    from game.ui.theme import palette
    from game.ui.widgets.text import Typeface

    engine = real()
    states = documented_states(engine)
    tf = Typeface(1.0, palette(False))
    surface = pg.Surface((900, 620))
    drawn = {}
    for day in (22, 24, 26):
        st = state_on(states, day)
        view = MapView()
        view.draw(surface, surface.get_rect(), tf, map_data.map_state(engine, st))
        ((force, heading, hulls),) = view.ships_drawn
        drawn[day] = (force, heading, hulls, bool(engine.value(st, "ships_turned")))
    assert drawn[22][:2] == ("ships-approaching", "west") and not drawn[22][3]
    assert drawn[24][:2] == ("ships-turned-back", "east") and drawn[24][3], "Moscow turned them on the 23rd"
    assert drawn[26][:2] == ("ships-turned-back", "east")
    first = [drawn[day][2][0] for day in (22, 24, 26)]
    assert len(set(first)) == 3, f"the first hull is drawn at {first}"
    assert first[1][0] < first[2][0], "turned back, it sails east"
    assert all(len(drawn[day][2]) == 3 for day in drawn), "the same three hulls every day"


def test_ships_stop_at_the_line_or_run_it_as_this_game_went():
    """By outcome: under a quarantine they close on the line and hold short of it; running it, they cross it;
    with no quarantine they come on towards Cuba. Every position stays on the map."""
    engine = real()
    rmap = engine.scenario.map
    base = state_on(documented_states(engine), 22).clone()  # before the speech: no flag set yet
    at = {}
    for name, flags in (
        ("ships-at-line", ["quarantine"]),
        ("ships-running", ["quarantine", "ships_running"]),
        ("ships-approaching", []),
    ):
        st = base.clone()
        for flag in flags:
            set_flag(engine, st, flag)
        for day in ("1962-10-22T20:00", "1962-10-24T10:00", "1962-10-26T10:00"):
            st.clock = minutes_of(day)
            ((force,),) = [map_data.map_state(engine, st).forces]
            assert force.id == name
            at[name, day[8:10]] = [_nmi_from_line(engine, p) for p in force.points]
            b = rmap.bounds
            assert all(b.west <= lon <= b.east and b.south <= lat <= b.north for lon, lat in force.points)
    assert all(d > 700 for d in at["ships-at-line", "22"]), "far out in the Atlantic on the 22nd"
    assert all(500 < d < 700 for d in at["ships-at-line", "24"]), "holding short of the 500 nmi line"
    assert at["ships-at-line", "26"] == at["ships-at-line", "24"], "stopped: they stay there"
    assert all(d < 500 for d in at["ships-running", "24"]), "running it: inside the line"
    assert max(at["ships-approaching", "26"]) < min(at["ships-approaching", "24"]), "no line: on towards Cuba"


def test_incidents_are_placed_where_they_happened():
    engine = real()
    rmap = engine.scenario.map
    fired = set()
    for seed in range(40):
        st = play(engine, "random", seed)
        ms = map_data.map_state(engine, st)
        audience = {inc.id: inc.audience for inc in engine.scenario.incidents}
        assert [m.id for m in ms.markers] == [i for i in st.fired if audience[i] in ("all", ms.side)]
        theirs = map_data.map_state(engine, st, "ussr")
        assert [m.id for m in theirs.markers] == [i for i in st.fired if audience[i] in ("all", "ussr")]
        for m in ms.markers:
            assert m.at == rmap.incidents.get(m.id)
            listed = [line for line in ms.legend if line.startswith(f"({m.number}) ")]
            assert len(listed) == 1 and listed[0].endswith("(off this map)") == (m.at is None)
        fired |= set(st.fired)
    assert {"u2-shootdown", "maultsby", "castro-letter", "duluth-intruder"} <= fired, "kept to one side, some of them"
    assert rmap.incidents["u2-shootdown"] == (-75.7, 20.9) and rmap.incidents["maultsby"] is None


def test_a_second_scenario_draws_its_own_map():
    """The mini scenario's invented coast: sites found on their dates, its line on its flag, its convoy by date."""
    engine = Engine(catalog.load(str(MINI)))
    state = engine.new_game(seed=1, fate="history")
    ms = map_data.map_state(engine, state)
    assert ms.sites == [] and ms.line_ids() == ["reach"] and "No blockade." in ms.legend and ms.forces == []
    assert [s.name for s in map_data.map_state(engine, state, "ussr").sites] == ["North Pad", "South Pad"]
    engine.choose(state, "blockade")
    assert engine.value(state, "contact") > 0
    at = state.clone()
    for when, names in (("1962-10-18T00:00", ["North Pad"]), ("1962-10-19T06:00", ["North Pad", "South Pad"])):
        at.clock = minutes_of(when)
        ms = map_data.map_state(engine, at)
        assert [s.name for s in ms.sites] == names and ms.line_ids() == ["blockade", "reach"]
    at.clock = minutes_of("1962-10-18T23:59")
    assert map_data.map_state(engine, at).forces[0].points == ((16.0, 4.0),)  # before its move
    at.clock = minutes_of("1962-10-19T00:00")
    contact = engine.value(at, "contact")
    assert map_data.map_state(engine, at).forces[0].points == ((16.0 - 2 * contact, 3.0),)  # moved, by expression


def test_no_map_names_in_the_code():
    """Every name on the 1962 map is the scenario's: none is written in the map's code, and no site name or
    map label anywhere in game/."""
    rmap = real().scenario.map
    names = set(rmap.names())
    map_code = [ROOT / "game/ui/map_data.py", ROOT / "game/ui/map_view.py", ROOT / "game/ui/scenes/common.py"]
    # migrate.py is exempt: it restates the world format 1 had built in, so old files still load
    map_code += sorted(p for p in (ROOT / "game/scenario").glob("*.py") if p.name != "migrate.py")
    for path in map_code:
        text = path.read_text(encoding="utf-8")
        assert not [n for n in names if n in text], f"{path.name} names {[n for n in names if n in text]}"
    everywhere = {s.name for s in rmap.sites} | {lab.text for lab in rmap.labels}
    for path in (ROOT / "game").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not [n for n in everywhere if n in text], f"{path} names {[n for n in everywhere if n in text]}"
    for word in ("_truthy", "INCIDENT_PLACES", "SITE_FOUND"):
        assert word not in (ROOT / "game/ui/map_data.py").read_text(encoding="utf-8")


def test_geometry_helpers():
    from game.scenario.geo import destination, ring

    lon, lat = destination(-80.0, 22.5, 0, 2000)
    assert abs(lon + 80) < 1e-9 and 40 < lat < 41
    assert len(ring(-80, 22, 500, step=10)) == 37


# ------------------------------------------------------------------ the drawing


@pytest.fixture
def pg():
    import pygame

    pygame.display.init()
    pygame.font.init()
    yield pygame
    pygame.display.quit()


def drawn_states(engine: Engine) -> list:
    """Map states worth drawing: the 1962 course, a game with strikes, and the quarantine with strikes at once."""
    states = [map_data.map_state(engine, st) for st in documented_states(engine)]
    struck = next(st for st in (play(engine, "force", s) for s in range(60)) if engine.value(st, "strike"))
    states.append(map_data.map_state(engine, struck))
    both = documented_states(engine)[8].clone()
    set_flag(engine, both, "quarantine")
    set_flag(engine, both, "strike")
    states.append(map_data.map_state(engine, both))
    return states


def test_labels_never_overlap_and_keep_off_cuba(pg):
    """At the three sizes and three text sizes, at each step of the 1962 course and after strikes: no label
    overlaps another or a marker; the line and strike labels are clear of Cuba; every known site has its
    own letter beside its own triangle in the inset; the inset covers nothing the map marks."""
    from game.ui.map_view import MapView, Projection, figure_height, split_rect
    from game.ui.theme import palette, scale_for
    from game.ui.widgets.text import Typeface

    engine = real()
    rmap = engine.scenario.map
    states = drawn_states(engine)
    assert any(ms.mark_ids() and "quarantine" in ms.line_ids() for ms in states)
    news = {ln.label for ln in rmap.lines if ln.condition is not None} | {m.label for m in rmap.marks}
    for size in SIZES:
        for text_size in (0, 1, 2):
            tf = Typeface(scale_for(size, text_size), palette(False))
            for w in (size[0] * 2 // 5, size[0] // 2):
                rect = pg.Rect(0, 0, w, figure_height(w, size[1] // 2, tf, rmap))
                main, inset = split_rect(rect, tf, rmap)
                assert rect.contains(main) and main.contains(inset)
                pj = Projection.of(main, rmap.bounds)
                cuba = [pj(*p) for o in rmap.outlines if o.style == "focus" for poly in o.polygons for p in poly]
                assert all(main.collidepoint(p) for p in cuba), f"Cuba is cut off at {size}"
                marked = cuba + [pj(*p.at) for p in rmap.places if not p.inset] + [pj(*s.at) for s in rmap.sites]
                marked += [pj(*p) for p in rmap.incidents.values() if p]
                marked += [pj(*p) for ln in rmap.lines if ln.condition is not None for p in ln.points]
                assert not any(inset.collidepoint(p) for p in marked), f"the inset hides part of the map at {size}"
                assert main.w * main.h > 4 * inset.w * inset.h
                surface = pg.Surface(rect.size)
                view = MapView()
                where = f"{size} text {text_size} width {w}"
                for ms in states:
                    view.draw(surface, rect, tf, ms)
                    main_lab, inset_lab = view.last
                    for lab in view.last:
                        rects = [r for _, r in lab.placed]
                        for i, (text, r) in enumerate(lab.placed):
                            assert lab.bounds.contains(r), f"{text!r} leaves the map at {where}"
                            assert r.collidelist(rects[i + 1 :]) < 0, f"{text!r} overlaps a label at {where}"
                            assert r.collidelist(lab.obstacles) < 0, f"{text!r} overlaps a marker at {where}"
                    placed = dict(main_lab.placed)
                    assert "CUBA" in placed
                    for text in news & set(placed):
                        assert not main_lab.on_land(placed[text]), f"{text!r} sits over Cuba at {where}"
                    assert {ln.label for ln in ms.lines if ln.id == "quarantine"} <= set(placed), where
                    assert {m.label for m in ms.marks} <= set(placed), where
                    assert inset_lab.forced == [], f"no room for the letters {inset_lab.forced} at {where}"
                    letters = dict(inset_lab.placed)
                    for s in ms.sites:
                        assert s.letter in letters, f"site {s.letter} has no letter at {where}"
                        (cx, cy), (sx, sy) = letters[s.letter].center, view.inset_sites[s.letter]
                        gap = abs(cx - sx) + abs(cy - sy)
                        assert gap < tf.px(36), f"letter {s.letter} is {gap}px from its site at {where}"


def test_ships_point_the_way_they_sail(pg):
    """An approaching ship's bow points west; a ship turned back points east."""
    from game.ui.map_view import MapView
    from game.ui.theme import palette
    from game.ui.widgets.text import Typeface

    tf = Typeface(1.0, palette(False))
    for away, bow_side in ((False, -1), (True, 1)):
        surface = pg.Surface((80, 40))
        surface.fill((0, 0, 0))
        MapView()._ship(surface, (40, 20), tf, away)
        lit = [x for x in range(80) if surface.get_at((x, 20))[:3] == tf.pal.text]
        bow, stern = (min(lit), max(lit)) if bow_side < 0 else (max(lit), min(lit))
        assert (bow - 40) * bow_side >= 9  # the pointed bow reaches 1.5 r ahead of the centre
        assert (40 - stern) * bow_side <= 8  # the square stern only r behind


def test_the_map_is_painted_once_per_state_and_blitted_on_every_frame(make_app):
    """A redraw of the screen (a hover, a scroll) blits the map as painted; a new state or size paints it again."""
    import pygame

    d = make_app(REAL, size=(1280, 720))
    d.app.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    d.key(pygame.K_TAB)
    scene = d.scene
    view = scene.map_panel.view
    painted = view.paints
    assert painted >= 1
    for _ in range(5):
        d.app.draw(force=True)
    d.key(pygame.K_2)  # selecting an option lays the screen out again: the same map state
    assert view.paints == painted, "the same map was painted again"
    d.resize((1024, 600))
    assert view.paints == painted + 1, "a new size paints it again"


def map_figure(view):
    """The map figure's rect on screen in a scroll view, or None."""
    inner = view.inner()
    for it in view.laid.items:
        if it[0] == "f":
            return it[1].move(inner.x, inner.y - view.offset)
    return None


@pytest.mark.parametrize("text_size", [0, 1, 2], ids=["small", "medium", "large"])
def test_map_tab_shows_the_whole_map_above_the_cue(make_app, text_size):
    """At every size, in the decision and outcome scenes, the map figure lies wholly inside the visible part of
    its panel: the 'more below' cue is drawn under the map, never over it. Writes the screenshots."""
    import pygame

    from game.ui.settings_store import Settings

    shots: list[Path] = []
    for size in SIZES:
        d = make_app(REAL, size=size)
        d.app.apply_settings(Settings(text_size=text_size, high_contrast=False))
        seen: set = set()

        def check(drv, seen=seen, size=size):
            name = drv.name
            if name == "DecisionScene" and drv.scene.tab != "map":
                drv.key(pygame.K_TAB)
            if name not in ("DecisionScene", "OutcomeScene"):
                return
            view = drv.scene.views.get("map")
            if view is None:
                return
            drv.app.draw(force=True)
            fig = map_figure(view)
            assert fig is not None
            assert view.text_clip().contains(fig), f"{name} at {size}: the map {fig} runs under {view.text_clip()}"
            from game.scenario.compiled import datetime_of

            day = datetime_of(drv.scene.session.state.clock).timetuple().tm_yday - 1  # days since 1 January
            if (name, day) not in seen and len(seen) < 40:
                seen.add((name, day))
                if name == "DecisionScene" and day in (288, 292, 299):  # 16, 20 and 27 October
                    shots.append(drv.shot(f"map-{['small', 'medium', 'large'][text_size]}-oct{day - 272}"))

        d.play_documented(check)
    assert shots and all(p.exists() and p.parent == SHOTS for p in shots)


def test_a_danger_the_player_cannot_see_is_listed_by_its_size_among_the_drivers():
    """B-59's torpedo is no side's to know: Washington's risk panel names it only as a danger it cannot see, and
    lists that first when it is the largest of the step (not below four smaller ones)."""
    from game.analysis.documented import documented_path
    from game.ui.scenes.common import escalation_blocks

    engine = real()
    doc = documented_path(engine)
    step = next(st for st in doc.steps if any(e.node == "b59" for e in st.events))
    texts = [b.text for b in escalation_blocks(engine, doc, step, None, "us") if getattr(b, "bullet", "")]
    assert texts[0].startswith("Dangers you cannot see") and not any("torpedo" in t for t in texts)
    facilitator = [
        b.text for b in escalation_blocks(engine, doc, step, None, "facilitator") if getattr(b, "bullet", "")
    ]
    assert facilitator[0].startswith("A submarine captain with a nuclear torpedo")


def test_a_steps_chance_and_the_points_it_added_are_told_apart_where_they_differ():
    """Late in the crisis a step's chance of losing control adds fewer points than itself (it applies only to
    what was still safe): the panel says so rather than show two figures that seem to disagree."""
    from game import wording
    from game.analysis.documented import documented_path
    from game.ui.scenes.common import escalation_blocks

    engine = real()
    doc = documented_path(engine)
    texts = {}
    for step in doc.steps:
        added = wording.points(step.risk_after - step.risk_before)
        if not step.option or not added.startswith("+"):
            continue
        same = added[1:].split()[0] == wording.pct(step.hazard).rstrip("%")
        told = " ".join(getattr(b, "text", "") for b in escalation_blocks(engine, doc, step, None, "us"))
        texts[same] = told
    assert "it counts only if all was still well" in texts[False] and "the meter rose " in texts[False]
    assert "all was still well" not in texts[True]


def test_after_nuclear_use_the_risk_panel_says_control_was_lost_not_a_chance_so_far():
    """An outcome after the catastrophe: the figure is what the course had run until then, and the heading
    says it happened ('Risk of nuclear war so far: 0.2%' beside 'A nuclear weapon has gone off' read as odds)."""
    from game.ui.scenes.common import escalation_blocks

    engine = real()
    state = engine.new_game(seed=3)
    for n in (1, 5, 1):  # an accident on 17 October (tests/analysis/test_story.py)
        engine.choose(state, next(c for c in engine.choices(state) if c.number == n).id)
    assert state.ended and engine.node(state).category in engine.scenario.catastrophic
    for compact in (False, True):
        heading = escalation_blocks(engine, state, state.steps[-1], None, "us", compact=compact)[0].text
        assert heading.startswith("Control was lost" if not compact else "Control lost"), heading
        assert "so far" not in heading
    going = engine.new_game(seed=3)
    assert escalation_blocks(engine, going, None, None, "us")[0].text.startswith("Risk of nuclear war so far")


def test_the_risk_panel_counts_the_sources_past_the_four_it_names(make_app):
    """A step's causes were cut to the four largest, so those shown added to less than the step's chance."""
    import math

    from game.engine.views import step_view

    d = make_app(real_or_mini())
    found: list[str] = []

    def each(drv):
        if drv.name != "DecisionScene" or not drv.scene.session.state.steps:
            return
        step = drv.scene.session.state.steps[-1]
        drivers = step_view(step, drv.scene.view.viewer).drivers()
        if len(drivers) <= 4:
            return
        rest = drivers[4:]
        more = 1 - math.prod(1 - t.hazard for t in rest)
        texts = [getattr(b, "text", "") for b in drv.scene.views["escalation"].blocks]
        said = f"{len(rest)} smaller source{'s' if len(rest) > 1 else ''} — "
        line = next((t for t in texts if t.startswith(said)), None)
        assert line is not None, (drv.scene.node.id, texts)
        assert line.endswith(" together") and wording.pct(more) in line
        found.append(drv.scene.node.id)

    d.play_documented(each)
    assert found, "no step of the documented course had more than four sources of danger"
