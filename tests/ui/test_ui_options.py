"""All options of every decision on the documented path are in view at once (their full text), at
1024×600, 1280×720 and 1920×1080 with the default text size; the arguments may fold away."""

from __future__ import annotations

import pytest

from tests.ui.ui_support import REAL, SIZES, real_or_mini


def count_visible(scene) -> tuple[int, int]:
    """(options wholly visible without scrolling, options on offer)."""
    view = scene.options
    inner = view.inner()
    seen = sum(1 for r in view.cards if r.y - view.offset >= 0 and r.bottom - view.offset <= view.text_clip().h)
    assert len(view.cards) == len(scene.choices)
    return (seen if view.offset == 0 else 0) if inner.h > 0 else 0, len(scene.choices)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_option_of_the_documented_path_is_in_view(make_app, size):
    d = make_app(real_or_mini(), size=size)
    counts: list[tuple[str, int, int, str]] = []

    def each(drv):
        if drv.name == "DecisionScene":
            seen, total = count_visible(drv.scene)
            counts.append((drv.scene.node.id, seen, total, drv.scene.options.fold))
            assert drv.scene.options.all_visible(), f"{drv.scene.node.id} at {size}: {seen} of {total} options in view"

    d.play_documented(each)
    assert counts, "the documented path has no decision"
    print(f"\n{size}: " + ", ".join(f"{n} {s}/{t} ({f})" for n, s, t, f in counts))
    assert all(s == t for _, s, t, _ in counts)


def test_a_selected_option_stays_in_view_after_a_text_size_change(make_app):
    import pygame

    from game.ui.settings_store import Settings

    d = make_app(real_or_mini(), size=(1024, 600))
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    while d.name != "DecisionScene":
        d.key(pygame.K_RETURN)
    last = len(d.scene.choices)
    d.key(pygame.K_0 + last)
    d.app.apply_settings(Settings(text_size=2))
    d.step()
    view = d.scene.options
    card = view.cards[d.scene.selected]
    assert card.y >= view.offset and card.bottom <= view.offset + view.inner().h, "the selection scrolled away"


def test_each_face_on_an_option_has_a_caption_no_other_advisor_shares():
    """Two Kennedys and two Castros: a surname alone would make Robert Kennedy the President under his face."""
    from game.scenario.catalog import load
    from game.ui.widgets.backers import caption

    model = load(str(REAL)).model
    captions: dict[str, str] = {}
    for aid, adv in model.advisors.items():
        assert caption(adv) not in captions, (aid, captions.get(caption(adv)))
        captions[caption(adv)] = aid
    assert caption(model.advisors["rfk"]) == "R. Kennedy" and caption(model.advisors["jfk"]) == "Kennedy"
    # and under the faces on an option, which come from the engine's view of the decision
    from game.engine.engine import Engine
    from game.session import Session

    engine = Engine(load(str(REAL)))
    session = Session.new(engine, seed=1, fate="history")
    heard = []
    while not session.state.ended and not any(a.id == "rfk" for a in heard):
        choices = engine.choices(session.state)
        heard += [a for c in choices for a in c.advisors]
        session.choose(next(c.id for c in choices if c.available))
    assert any(a.id == "rfk" for a in heard), "Robert Kennedy never spoke"
    assert all(caption(a) == caption(model.advisors[a.id]) for a in heard)


def test_an_options_faces_stand_under_for_and_against_and_a_label_keeps_its_first_face():
    import pygame

    from game.engine.results import AdvisorView
    from game.ui.theme import palette
    from game.ui.widgets import backers
    from game.ui.widgets.text import Typeface

    pygame.init()
    tf = Typeface(1.0, palette(False))
    said = [
        AdvisorView("ball", "George Ball", "Under Secretary", "No Pearl Harbor.", stance="against"),
        AdvisorView("carter", "Gen. Marshall Carter", "CIA", "Every day the job gets harder.", stance="for"),
        AdvisorView("rusk", "Dean Rusk", "State", "Let us learn more."),
    ]
    groups = [(label, [a.id for a in some]) for label, _, some in backers._groups(said)]
    assert groups == [("For", ["carter"]), ("Against", ["ball"]), ("Also heard", ["rusk"])]
    plain = [AdvisorView("rusk", "Dean Rusk", "State", "Let us learn more.")]
    assert [g[0] for g in backers._groups(plain)] == ["Heard from"]  # nobody leans: as before
    for width in (40, 200, 2000):  # however narrow the rows, no label is left at the end of one
        for row in backers.rows(said, width, tf, compact=True):
            assert row[-1][0] == "face", row
    labels = [c[2] for row in backers.rows(said, 2000, tf) for c in row if c[0] == "label"]
    assert labels == ["For", "Against", "Also heard"]
    assert backers.row_width(plain, tf) < backers.row_width(plain + said[:1], tf)
    # beside an option's last line the leanings are signs, not words (the words would push the faces down)
    # every leaning face has its own sign; the face with none leans neither way
    two_for = [*said, AdvisorView("rfk", "Robert F. Kennedy", "Attorney General", "Not a Pearl Harbor.", stance="for")]
    inline = [(c[0], c[2]) for c in backers._cells(two_for, tf, True, labels=True, signs=True)]
    assert inline == [
        ("label", "+"),
        ("face", "Carter"),
        ("label", "+"),
        ("face", "Kennedy"),
        ("label", "\u2212"),
        ("face", "Ball"),
        ("face", "Rusk"),
    ]


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)], ids=["1024x600", "1920x1080"])
def test_every_card_marks_leaning_with_signs_and_the_header_says_what_they_mean(make_app, monkeypatch, size):
    """At 1024×600 cards whose faces had a row of their own said 'For … Against …' while cards whose faces sat
    beside the text said '+ … − …': one list, two ways of saying the same thing."""
    import pygame

    from game.ui.theme import palette
    from game.ui.widgets import backers
    from game.ui.widgets.text import Typeface

    drawn: list[tuple[str, bool]] = []  # (fold, signs) of every row of faces laid out under an option
    plain = backers.backers_figure

    def recording(*args, **kwargs):
        if current[0]:  # only while the test lays a scene's options out again itself
            drawn.append((current[0], bool(kwargs.get("signs"))))
        return plain(*args, **kwargs)

    monkeypatch.setattr(backers, "backers_figure", recording)
    current = [""]
    d = make_app(REAL, size=size)
    seen: list[str] = []
    unsigned: list[bool] = []

    def each(drv):
        if drv.name != "DecisionScene":
            return
        view = drv.scene.options
        current[0] = view.fold
        view.relayout()  # laid out again, recorded under its fold
        current[0] = ""
        seen.append(drv.scene.node.id)
        head = " ".join(it[4] for it in view.laid.items[:6] if it[0] == "t")
        leaning = any(a.stance for c in drv.scene.choices for a in c.advisors)
        assert ("+ for, − against" in head) == leaning, (drv.scene.node.id, head)
        neither = leaning and any(not a.stance for c in drv.scene.choices for a in c.advisors)
        assert ("no sign: neither" in head) == neither, (drv.scene.node.id, head)
        unsigned.append(neither)

    d.play_documented(each)
    assert seen, "no decision on the 1962 course"
    assert any(unsigned), "no decision of the 1962 course has an adviser who leans neither way"
    assert drawn and all(signs for _, signs in drawn)  # in every layout, not only the tightest
    if size[1] >= 1080:
        assert {fold for fold, _ in drawn} - {"names"}, "the roomier layouts were not tried"
    # and signs leave no word: a row drawn with them holds only + and − and faces
    pygame.init()
    tf = Typeface(1.0, palette(False))
    said = [c.advisors for c in d.app.engine.choices(d.app.engine.new_game(seed=1))]
    for advisors in said:
        labels = [
            c[2] for row in backers.rows(advisors, 2000, tf, compact=True, signs=True) for c in row if c[0] == "label"
        ]
        assert set(labels) <= {"+", "\u2212", "Heard from"}, labels
