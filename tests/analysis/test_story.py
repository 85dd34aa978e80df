"""The story never contradicts itself: flag subjects, major events recalled, endings scored as they read."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis.story import check_story, explore
from game.engine.engine import Engine
from game.scenario.loader import load_scenario, parse_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "october-1962.yaml"


@pytest.fixture(scope="module")
def text() -> str:
    return SCENARIO.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def eng() -> Engine:
    return Engine(load_scenario(SCENARIO))


def _problems(source: str, runs: int = 400) -> list[str]:
    return [str(p) for p in check_story(parse_scenario(source, "mutant.yaml"), runs=runs)]


def test_the_bundled_scenario_tells_one_consistent_story(eng):
    """Every path the validator explores (and more): no text names a false flag's subject, every major move
    is recalled by the next telling, every ending is scored as it reads."""
    assert check_story(eng.scenario, runs=1200, seed=0) == []


def test_the_walk_covers_every_ending_that_is_not_a_catastrophe(eng):
    # the rarest ending (the bombers stay) needs about 1600 random games
    reached = {v.state.node for v in explore(eng, runs=1600) if v.kind == "ending"}
    names = {eng.scenario.nodes[i].id for i in reached}
    ordinary = {n.id for n in eng.scenario.nodes if n.kind == "ending" and n.category not in eng.scenario.catastrophic}
    assert ordinary <= names, f"never reached: {ordinary - names}"


def test_every_ending_claims_what_its_text_says(eng):
    for node in eng.scenario.nodes:
        if node.kind == "ending":
            assert node.claims, f"ending '{node.id}' claims no assessment case"


def test_a_text_naming_a_letter_never_sent_is_caught(text):
    """Let the Black Saturday option's two-letter wording hold on every path, and the check finds 'both
    letters' on a one-letter path."""
    both = 'condition: "letter1 and letter2"\n            text: Keep talking'
    assert text.count(both) == 1
    mutant = text.replace(both, 'condition: "true"\n            text: Keep talking')
    problems = _problems(mutant)
    assert any("work-on-reply" in p and "both letters" in p for p in problems), problems


def test_an_option_whose_own_words_name_a_letter_never_sent_is_caught(text):
    """The histories screen shows an option's own words whatever variant was read: they must hold on every
    path the option is offered on (issue 11's 'answer both letters' in the debrief of a one-letter game)."""
    base = "        text: Keep talking, and draft a reply to Moscow\n"
    assert text.count(base) == 1
    mutant = text.replace(base, "        text: Keep talking, and draft a reply that can answer both letters\n")
    problems = _problems(mutant)
    assert any("work-on-reply'.text" in p and "own words" in p and "both letters" in p for p in problems), problems


def test_a_letter_the_next_briefing_never_mentions_is_caught(text):
    """Khrushchev's private letter arrives on 26 October; the Fomin briefing that follows must say so."""
    start = text.index("  - id: d26-fomin")
    cut_from = text.index('      - condition: "letter1 and not berlin_pressed"', start)
    cut_to = text.index('      - condition: "berlin_pressed"', start)
    problems = _problems(text[:cut_from] + text[cut_to:])
    assert any("d26-fomin" in p and "'letter1' true" in p and "never speaks of it" in p for p in problems), problems


def test_a_text_denying_what_happened_is_caught(text):
    """A flag's `denied_by` words may not be said where it is true. Here 'what Fomin said' stands in for a
    denial: the letter's own briefing says it, on the paths where the letter came."""
    denials = 'denied_by: ["no private letter",'
    assert text.count(denials) == 1
    problems = _problems(text.replace(denials, 'denied_by: ["what Fomin said", "no private letter",'), runs=200)
    assert any("d26-fomin" in p and "'what Fomin said' (letter1 is true)" in p for p in problems), problems


def test_a_major_move_that_is_forgotten_is_caught(text):
    assert "recalls: [turkey-struck]" in text
    problems = _problems(text.replace("recalls: [turkey-struck]", "recalls: []"), runs=600)
    assert any("turkey-struck" in p and "does not recall" in p for p in problems), problems


def test_an_ending_scored_against_its_text_is_caught(text):
    """As before the fix: 'A public bargain' sets nothing, and Moscow's acceptance of the trade U Thant
    proposed sets no trade either; the Jupiters would be scored as kept."""
    ending = '    effects: ["trade_public = true", "trade_public_offer = true", "pledge = true", "missiles = 0"]\n'
    deal = 'effects: ["missiles = 0", "trade_public = true", "pledge = true"]'
    assert ending in text and text.count(deal) == 1
    mutant = text.replace(ending, "").replace(deal, 'effects: ["missiles = 0", "pledge = true"]')
    problems = _problems(mutant, runs=800)
    assert any("end-negotiated" in p and "claims.jupiters" in p for p in problems), problems


def _play_numbers(eng: Engine, seed: int, numbers: list[int]):
    state = eng.new_game(seed=seed)
    steps = []
    for n in numbers:
        choice = next(c for c in eng.choices(state) if c.number == n)
        steps.append(eng.choose(state, choice.id))
    return state, steps


DIPLOMATIC_ROAD = ("go-public", "show-photos", "confront", "hold-forces", "ignore-havana")


def _play_ids(eng: Engine, options: tuple[str, ...], seed: int = 5):
    state = eng.new_game(seed=seed, controlled=("us", "ussr", "cuba"), fate="history")
    for option in options:
        eng.choose(state, option)
    return state


def test_the_public_bargain_is_scored_as_a_public_bargain(eng):
    """Issue 11's first playthrough: go public, offer Stevenson's package, Moscow accepts."""
    road = (*DIPLOMATIC_ROAD, "stevenson-package", "oas-first", "take-deal", "count-at-sea", "polaris", "sign-trade")
    state = _play_ids(eng, road)
    assert eng.node(state).id == "end-negotiated"
    scored = {line.id: line for line in eng.assess(state)}
    assert scored["jupiters"].text == "Withdrawn publicly under Soviet pressure"
    assert scored["missiles"].text == "Removed in a public bargain"


def test_the_same_bargain_through_u_thant_is_scored_the_same(eng):
    from game.analysis.documented import historical_choice

    state = eng.new_game(seed=5, controlled=("us", "ussr", "cuba"), fate="history")
    while eng.node(state).id != "d27-evening":
        eng.choose(state, historical_choice(eng, eng.node(state).id)[0])
    for option in ("public-trade", "take-public-deal"):
        eng.choose(state, option)
    assert eng.node(state).id == "end-negotiated"
    scored = {line.id: line.text for line in eng.assess(state)}
    assert scored["jupiters"] == "Withdrawn publicly under Soviet pressure"


def test_a_bargain_without_the_jupiters_does_not_end_in_a_public_trade(eng):
    road = (*DIPLOMATIC_ROAD, "private-letter", "oas-first", "take-pledge", "count-at-sea", "polaris", "sign-pledge")
    state = _play_ids(eng, road)
    assert eng.node(state).id == "end-pledge-deal"
    scored = {line.id: line.text for line in eng.assess(state)}
    assert scored["jupiters"] == "Kept"


def test_result_screens_are_titled_by_what_happened(eng):
    state = eng.new_game(seed=0, controlled=("us",), fate="history")
    titles = []
    while not state.ended:
        pick = next(c for c in eng.choices(state, in_scenario_order=True) if c.available and c.historical)
        titles.append(eng.choose(state, pick.id).headline)
    assert "Khrushchev accepts" in titles and "The missile ships turn back" in titles


def test_an_accident_before_any_alert_is_not_general_war(eng):
    """Issue 11: an accident at DEFCON 5 on 18 October with the secret kept."""
    state, steps = _play_numbers(eng, 3, [1, 5, 1])
    assert steps[-1].catastrophe
    assert eng.node(state).id == "end-nuclear-accident" and eng.node(state).category == "nuclear-accident"
    assert any("neither government reads the explosion as an attack" in e.text for e in steps[-1].events)
    assert eng.defcon(state) == 3 and "accident" in eng.defcon_note(state)
    scored = {line.id: line.text for line in eng.assess(state)}
    assert scored["lives"] == "Hundreds killed in a nuclear accident"
    assert scored["missiles"].startswith("Still in Cuba")


def test_a_misspelt_recall_is_caught(text):
    problems = _problems(text.replace("recalls: [turkey-struck]", "recalls: [turkey-struk]", 1), runs=50)
    assert any("recalls 'turkey-struk'" in p for p in problems), problems


def test_moscows_briefings_are_checked_too(text):
    """A classroom's Moscow team reads the Presidium's options: Khrushchev may not cite 'Kennedy's word' on a
    path where no pledge was given (the walk lets every side decide in some games)."""
    heard = 'we have Kennedy\'s word on Cuba.", condition: "pledge", stance: for}'
    assert text.count(heard) == 1
    problems = _problems(text.replace(heard, "we have Kennedy's word on Cuba.\", stance: for}"), runs=400)
    assert any("s28-decision" in p and "Kennedy's word" in p for p in problems), problems
