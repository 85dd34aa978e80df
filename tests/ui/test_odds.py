"""The odds of every option are today's full-tree analysis, exactly, from any decision; off the main thread."""

from __future__ import annotations

import pytest

from game.analysis.exact import Analyser, lean_copy
from game.engine.engine import Engine
from game.errors import AnalysisError
from game.scenario.catalog import load
from game.session import Session
from game.ui.odds import OddsWorker, option_odds, policy_labels
from tests.support import MINI


@pytest.mark.parametrize("policy", list(policy_labels(load(str(MINI)))))
def test_odds_at_the_first_decision_equal_a_fresh_exact_analysis(policy):
    sc = load(str(MINI))
    engine = Engine(sc)
    session = Session.new(engine, seed=9, fate="history")  # the odds let the dice fall whatever the game's fate
    odds = option_odds(engine, session.state, policy)
    shown = [c for c in engine.choices(session.state) if c.available]  # as the decision screen numbers them
    assert [(o.option, o.number) for o in odds] == [(c.id, c.number) for c in shown]
    lean = lean_copy(session.state, fate="dice", controlled=(sc.model.player,))
    fresh = {x.option: x for x in Analyser(sc, policy).option_odds(lean)}
    for o in odds:
        full = fresh[o.option].result
        assert abs(o.nuclear - full.nuclear) < 1e-12
        by_category: dict[str, float] = {}
        for end, p in full.endings.items():
            cat = sc.by_id[end].category
            by_category[cat] = by_category.get(cat, 0.0) + p
        assert set(by_category) == set(o.endings)
        assert all(abs(by_category[c] - o.endings[c]) < 1e-12 for c in by_category)


def test_odds_later_in_the_game_are_conditional_on_the_state():
    sc = load(str(MINI))
    engine = Engine(sc)
    s = Session.new(engine, seed=9)
    s.choose(next(c.id for c in engine.choices(s.state) if c.historical))
    assert not s.state.ended and engine.node(s.state).actor == sc.model.player  # the mini's second decision
    odds = option_odds(engine, s.state, "random")
    assert odds and all(abs(sum(o.endings.values()) - 1) < 1e-9 for o in odds)


def test_odds_refuse_an_ending_in_words():
    sc = load(str(MINI))
    engine = Engine(sc)
    s = Session.new(engine, seed=9)
    while not s.state.ended:
        s.choose(engine.available_ids(s.state)[0])
    with pytest.raises(AnalysisError, match="decision"):
        option_odds(engine, s.state, "random")
    with pytest.raises(AnalysisError, match="policy"):
        option_odds(engine, Session.new(engine, seed=1).state, "nonsense")


def test_the_worker_answers_off_the_main_thread_and_a_new_request_replaces_the_old():
    sc = load(str(MINI))
    engine = Engine(sc)
    s = Session.new(engine, seed=9)
    worker = OddsWorker()
    worker.request(engine, s.state, "random", ("a",))
    worker.request(engine, s.state, "historical-dice", ("b",))
    assert worker.wait(60)
    assert worker.job.key == ("b",) and worker.job.result is not None and not worker.job.error
    expected = option_odds(engine, s.state, "historical-dice")
    assert [o.nuclear for o in worker.job.result] == [o.nuclear for o in expected]


def test_every_ending_category_of_october_1962_has_a_colour_of_its_own():
    """The bars are read by colour: two categories in one colour could not be told apart."""
    from game.ui.scenes.odds import category_colors
    from game.ui.theme import NORMAL

    sc = load(None)
    colors = category_colors(sc)
    assert set(colors) == set(sc.model.endings)
    resolved = [tuple(getattr(NORMAL, c)) if isinstance(c, str) else tuple(c) for c in colors.values()]
    assert len(set(resolved)) == len(resolved)


def test_the_ending_colours_of_october_1962_are_far_enough_apart_to_tell():
    """Distinct is not enough: an orange and a salmon 45 apart (in RGB) read as one colour on a thin bar."""
    from game.ui.scenes.odds import category_colors
    from game.ui.theme import NORMAL

    sc = load(None)
    resolved = {
        cat: tuple(getattr(NORMAL, c)) if isinstance(c, str) else tuple(c) for cat, c in category_colors(sc).items()
    }
    cats = list(resolved)
    for i, a in enumerate(cats):
        for b in cats[i + 1 :]:
            gap = sum((x - y) ** 2 for x, y in zip(resolved[a], resolved[b])) ** 0.5
            assert gap >= 55, f"{a} and {b} are {gap:.0f} apart"


def test_catastrophic_segments_of_a_bar_are_hatched_and_the_others_are_not():
    import pygame

    from game.ui.scenes.odds import stacked_bar
    from game.ui.theme import NORMAL

    class Frame:  # what a figure's paint reads: the palette and the scale
        pal = NORMAL

        @staticmethod
        def px(n):
            return n

        @staticmethod
        def color(c):
            return getattr(NORMAL, c) if isinstance(c, str) else c

    surface = pygame.Surface((400, 14))
    bar = stacked_bar({"calm": 0.5, "war": 0.5}, ["calm", "war"], {"calm": "ok", "war": "danger"}, {"war"})
    bar.paint(surface, pygame.Rect(0, 0, 400, 14), Frame)
    calm = {tuple(surface.get_at((x, 7)))[:3] for x in range(4, 196)}
    war = {tuple(surface.get_at((x, 7)))[:3] for x in range(204, 396)}
    assert calm == {tuple(NORMAL.ok)}
    assert tuple(NORMAL.danger) in war and len(war) > 1


def test_the_odds_key_marks_the_striped_endings_with_a_striped_square():
    """The key must match the bars: a striped square for each catastrophic ending, a plain one for the rest."""
    from game.ui.odds import OptionOdds
    from game.ui.scenes.odds import odds_blocks

    sc = load(None)
    odds = [OptionOdds("a", 1, "An option", False, {c: 1 / len(sc.model.endings) for c in sc.model.endings}, 0.3)]
    texts = [b.text for b in odds_blocks(sc, odds, "historical-dice", numbers=False) if hasattr(b, "text")]
    keyed = {t[2:]: t[0] for t in texts if t[:1] in "■▨" and len(t) > 2}
    assert {sc.ending_label(c) for c in sc.model.endings} == set(keyed)
    for c in sc.model.endings:
        assert keyed[sc.ending_label(c)] == ("▨" if c in sc.catastrophic else "■")
