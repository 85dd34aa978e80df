"""Codex links in the text: the terms and people the codex knows are underlined where they appear; a click or
F then C opens the codex at that entry, and Esc comes back to the same screen at the same scroll."""

from __future__ import annotations

import pygame
import pytest

from game.scenario import catalog
from game.ui import codex_index, links
from game.ui.theme import palette
from game.ui.widgets import doc
from game.ui.widgets.doc import P
from game.ui.widgets.text import Typeface
from tests.ui.ui_support import REAL

MRBM = ("term", "mrbm")


@pytest.fixture
def pg_font():
    pygame.font.init()
    yield


def to_first_decision(make_app, size=(1280, 720)):
    d = make_app(REAL, size=size)
    d.app.scene.menu.focus = 1
    d.key(pygame.K_RETURN)  # New game: the briefing
    d.key(pygame.K_s)  # skip it: the first decision
    assert d.name == "DecisionScene" and d.scene.node.id == "d16-photos"
    return d


def drawn_link(view, entry):
    return next((rect for rect, key, _ in view.links_drawn if key == entry), None)


def test_spans_find_terms_people_and_drivers():
    model = catalog.load(str(REAL)).model
    text = "Khrushchev's MRBMs; OPLAN 312 beats OPLAN; the mrbm is not an acronym; Rusk ate a rusk."
    found = [(text[a:z], key) for a, z, key in codex_index.link_spans(model, text)]
    assert found == [
        ("Khrushchev", ("person", "khrushchev")),
        ("MRBMs", MRBM),  # a plural links too
        ("OPLAN 312", ("term", "oplan-312")),  # the longest name wins
        ("OPLAN", ("term", "oplan-312")),
        ("Rusk", ("person", "rusk")),  # names as written: a rusk is a biscuit, not Dean Rusk
    ]
    found = [(a, key) for a, _, key in codex_index.link_spans(model, "Robert Kennedy tells Kennedy so.")]
    assert found == [(0, ("person", "rfk")), (21, ("person", "jfk"))], "a first name picks the brother"
    driver = next(d for d in model.risk.drivers if d.audience == "all")
    assert codex_index.link_spans(model, f"{driver.label} — 0.1%")[0][2] == ("driver", driver.id)


def test_a_namesake_links_to_nobody():
    # Sergo Mikoyan (the son, who wrote a source) is not Anastas: his name links nowhere, the father's still does
    model = catalog.load(str(REAL)).model
    assert "Sergo Mikoyan" in model.advisors["mikoyan"].namesakes
    text = "Sergo Mikoyan wrote of his father; Mikoyan flew to Havana."
    found = [(text[a:z], key) for a, z, key in codex_index.link_spans(model, text)]
    assert found == [("Mikoyan", ("person", "mikoyan"))]
    assert codex_index.link_spans(model, "Sergo Mikoyan, ed. Svetlana Savranskaya") == []
    assert codex_index.people_in(model, "Sergo Mikoyan, ed.") == []
    assert codex_index.people_in(model, "Mikoyan in Havana") == ["mikoyan"]


def test_mark_links_the_first_mention_on_a_view_only():
    model = catalog.load(str(REAL)).model
    blocks = links.mark(model, [P("The MRBM sites and another MRBM."), P("MRBM again; DEFCON 3."), P("SAC", "title")])
    assert [b.links for b in blocks[:2]] == [((4, 8, MRBM),), ((12, 18, ("term", "defcon")),)]
    assert blocks[2].links == ()  # headings and titles are not links


def test_a_link_cut_by_the_line_end_is_underlined_on_both_lines(pg_font):
    tf = Typeface(1.0, palette(False))
    text = "word " * 7 + "Strategic Air Command"
    model = catalog.load(str(REAL)).model
    (block,) = links.mark(model, [P(text)])
    width = tf.width("body", "word " * 7 + "Strategic") + 2
    laid = doc.layout([block], width, tf)
    under = [it for it in laid.items if it[0] == "u"]
    assert len(under) == 2 and {it[2] for it in under} == {("term", "sac")}
    assert under[0][1].y < under[1][1].y
    words = [it[4] for it in laid.items if it[0] == "t"]
    assert "".join(words).replace(" ", "") == text.replace(" ", "")  # every character drawn once


def test_click_on_a_term_opens_the_codex_there_and_esc_returns_with_the_same_scroll(make_app):
    d = to_first_decision(make_app, size=(1024, 600))
    scene = d.scene
    brief = scene.views["briefing"]
    assert brief.overflows(), "at 1024x600 the first briefing scrolls: the test needs a scroll to keep"
    assert MRBM in [key for _, key in brief.link_items]
    rect = drawn_link(brief, MRBM)
    assert rect is not None, "the MRBM link is drawn on the first screen of the briefing"
    # scroll down one line so there is a position to come back to, the link still in view
    brief.scroll(brief.line())
    offset = brief.offset
    assert offset > 0
    d.app.dirty = True
    d.step()
    rect = drawn_link(brief, MRBM)
    assert rect is not None
    shot = d.shot("links-decision")
    assert shot.exists()
    d.click(rect.center)
    assert d.name == "CodexScene"
    codex = d.scene
    assert codex.rows[codex.selected] == MRBM
    assert codex.content.blocks[0].text == "MRBM"
    d.key(pygame.K_ESCAPE)
    assert d.scene is scene and d.name == "DecisionScene"
    assert scene.views["briefing"].offset == offset
    assert scene.selected is None  # nothing was chosen by the click


def test_f_moves_between_links_and_c_opens_the_framed_one(make_app):
    d = to_first_decision(make_app)
    scene = d.scene
    order = [(v, key) for v in scene.link_views() for _, key in v.link_items]
    assert len(order) >= 4 and order[0][1] == MRBM  # the briefing's first link: medium-range (MRBMs)
    d.key(pygame.K_f)
    assert scene.link_focus.key() == MRBM
    d.key(pygame.K_f)
    second = scene.link_focus.key()
    assert second == order[1][1]
    d.key(pygame.K_f, pygame.KMOD_SHIFT)
    assert scene.link_focus.key() == MRBM
    for _ in range(len(order) - 1):  # to the last, scrolling each into view
        d.key(pygame.K_f)
        view = scene.link_focus.view
        assert drawn_link(view, scene.link_focus.key()) is not None
    d.key(pygame.K_f)
    assert scene.link_focus.key() == MRBM  # round again
    d.key(pygame.K_c)
    assert d.name == "CodexScene" and d.scene.rows[d.scene.selected] == MRBM
    d.key(pygame.K_ESCAPE)
    assert d.scene is scene and scene.link_focus.key() == MRBM
    d.key(pygame.K_c)  # still framed: C opens it again
    assert d.scene.rows[d.scene.selected] == MRBM
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_ESCAPE)  # with a term framed, Esc leaves the term, not the screen
    assert d.scene is scene and scene.link_focus.key() is None
    d.key(pygame.K_ESCAPE)  # and then it is the screen's own: the pause menu
    assert d.name == "PauseScene"


def test_people_and_drivers_link_from_an_outcome_and_return_keeps_it_unread(make_app):
    d = to_first_decision(make_app)
    pick = next(c for c in d.scene.choices if c.id == "deliberate")
    d.key(pygame.K_0 + pick.number)
    d.key(pygame.K_RETURN)
    assert d.name == "OutcomeScene"
    scene = d.scene
    assert not scene.read_before
    kinds = {key[0] for v in scene.link_views() for _, key in v.link_items}
    assert {"term", "person"} <= kinds
    person = next(key for v in scene.link_views() for _, key in v.link_items if key[0] == "person")
    while scene.link_focus.key() != person:
        d.key(pygame.K_f)
    d.key(pygame.K_c)
    assert d.name == "CodexScene" and d.scene.rows[d.scene.selected] == person
    d.key(pygame.K_ESCAPE)
    assert d.scene is scene and not scene.read_before, "coming back is not reading it again"


def test_links_keep_their_colour_and_underline_in_high_contrast(make_app):
    from game.ui.settings_store import Settings

    d = to_first_decision(make_app)
    d.app.apply_settings(Settings(high_contrast=True))
    d.step()
    brief = d.scene.views["briefing"]
    rect = drawn_link(brief, MRBM)
    assert rect is not None
    pal = d.app.tf.pal
    screen = d.app.screen
    pixels = {tuple(screen.get_at((x, y)))[:3] for x in range(rect.x, rect.right) for y in range(rect.y, rect.bottom)}
    assert pal.link in pixels  # the underline, drawn solid in the link colour
    assert pal.link != pal.text and pal.link != pal.accent
    d.shot("links-decision-contrast")


def test_the_codex_links_its_entries_to_each_other(make_app):
    d = to_first_decision(make_app)
    d.key(pygame.K_f)
    d.key(pygame.K_c)
    codex = d.scene
    assert codex.rows[codex.selected] == MRBM
    assert MRBM not in [key for _, key in codex.content.link_items], "an entry does not link to itself"
    codex.open_entry(("term", "irbm"))
    d.step()
    own = [key for _, key in codex.content.link_items]
    assert own[:2] == [MRBM, ("term", "jupiter")]  # 'twice the reach of an MRBM', 'the American Jupiters'
    d.click(drawn_link(codex.content, MRBM).center)
    assert d.scene is codex and codex.rows[codex.selected] == MRBM
    codex.open_entry(("term", "irbm"))
    d.key(pygame.K_f)
    d.key(pygame.K_f)
    assert codex.link_focus.key() == ("term", "jupiter")
    d.key(pygame.K_RETURN)
    assert codex.rows[codex.selected] == ("term", "jupiter")
    d.key(pygame.K_ESCAPE)
    assert d.name == "DecisionScene"


def test_the_log_links_what_it_shows(make_app):
    d = to_first_decision(make_app)
    decision = d.scene
    d.key(pygame.K_l)
    log = d.scene
    assert d.name == "LogScene" and MRBM in [key for _, key in log.view.link_items]
    while log.link_focus.key() != MRBM:
        d.key(pygame.K_f)
    d.key(pygame.K_c)
    assert d.name == "CodexScene" and d.scene.rows[d.scene.selected] == MRBM
    d.key(pygame.K_ESCAPE)
    assert d.scene is log
    d.key(pygame.K_ESCAPE)
    assert d.scene is decision
