"""The main scenario: its shape, its history, its calibration, its reach."""

import random
from collections import Counter
from datetime import date

import pytest

from game.analysis.documented import documented_path
from game.analysis.playtest import validate
from game.analysis.simulate import play, simulate_many
from game.scenario.compiled import datetime_of, minutes_of
from tests.support import OCTOBER, engine, scenario

REQUIRED_ENDINGS = {
    "historical",
    "negotiated",
    "us-climbdown",
    "conventional-war",
    "berlin-crisis",
    "limited-nuclear",
    "general-nuclear",
}


@pytest.fixture(scope="module")
def sc():
    return scenario(OCTOBER)


@pytest.fixture(scope="module")
def eng():
    return engine(OCTOBER)


def test_is_valid(sc):
    assert [str(p) for p in validate(sc, runs=600)] == []


def test_shape(sc):
    decisions = [n for n in sc.nodes if n.kind == "decision"]
    endings = [n for n in sc.nodes if n.kind == "ending"]
    assert len(decisions) >= 30
    assert len(endings) >= 8
    assert {n.category for n in endings} >= REQUIRED_ENDINGS
    for node in decisions:
        assert 2 <= len(node.options) <= 6, node.id
        assert node.history.strip(), node.id
        assert node.sources, node.id
    # Three to six options is the rule; two only for a few reactive moments.
    assert sum(len(n.options) < 3 for n in decisions) <= len(decisions) // 5
    assert sum(n.actor == "ussr" for n in decisions) >= 4, "the Soviet side must move too"


def test_runs_from_16_to_28_october_with_an_aftermath(sc):
    dates = sorted({datetime_of(n.when).date() for n in sc.nodes})
    assert dates[0] == date(1962, 10, 16)
    october = {d for d in dates if d.month == 10 and 16 <= d.day <= 28}
    assert len(october) == 13, sorted(set(range(16, 29)) - {d.day for d in october})
    assert dates[-1] > date(1962, 10, 28), "no aftermath"


def test_background_briefing_covers_the_road_to_october(sc):
    text = " ".join(p.title + " " + p.text for p in sc.model.briefing).lower()
    for topic in ("bay of pigs", "berlin", "vienna", "missile gap", "anadyr", "castro", "u-2", "jupiter"):
        assert topic in text, topic


def test_every_option_names_an_advisor_or_is_a_soviet_move(sc):
    for node in sc.nodes:
        if node.kind == "decision" and node.actor == "us":
            assert any(o.advisors for o in node.options), node.id


def test_debrief_material(sc):
    assert sc.model.historiography and sc.model.unknowns
    unknown = " ".join(p.text for p in sc.model.unknowns).lower()
    assert "42,000" in unknown and "tactical" in unknown
    assert len(sc.model.assessment) >= 5


def test_documented_path(sc, eng):
    state = documented_path(eng)
    end = eng.node(state)
    assert end.category == "historical"
    low, high = sc.model.risk.band
    assert (low, high) == (0.10, 0.35)
    assert low <= state.risk <= high
    player_decisions = [p for p in state.path if p.kind == "decision" and p.actor == "us"]
    assert len(player_decisions) >= 12
    assert all(p.historical for p in state.path if p.kind == "decision")
    fired = set(state.fired)
    assert len(fired) >= 3, "the 1962 incidents (U-2, Maultsby, B-59) belong on the documented path"
    # Most of the documented risk came from what no leader ordered.
    drivers = Counter()
    for step in state.steps:
        for term in step.terms:
            drivers[term.kind] += term.hazard
    assert drivers["action"] < drivers["ongoing"] + drivers["incident"]


def test_defcon_follows_1962(eng):
    state = documented_path(eng)
    levels = {}
    for step in state.steps:
        levels[f"{datetime_of(step.clock_after):%d}"] = step.defcon_after
    assert min(levels.values()) == 2
    assert levels.get("16", 5) >= 4


def test_calibration_cites_the_estimates(sc):
    text = sc.model.risk.calibration.lower()
    for name in ("one out of three", "hellman", "bundy"):
        assert name in text, name


def mean_over(eng, policy, seeds):
    risk, score = 0.0, 0.0
    for seed in seeds:
        state = play(eng, policy, seed)
        risk += state.risk
        score += sum(line.score for line in eng.assess(state))
    return risk / len(seeds), score / len(seeds)


def test_force_is_riskier_than_quarantine_and_negotiation_and_passivity_least_risky_but_worst(eng):
    seeds = range(600)
    force_risk, _ = mean_over(eng, "force", seeds)
    diplomacy_risk, diplomacy_score = mean_over(eng, "diplomacy", seeds)
    passive_risk, passive_score = mean_over(eng, "passive", seeds)
    assert force_risk > 1.5 * diplomacy_risk
    assert passive_risk < diplomacy_risk
    assert passive_score < diplomacy_score


def test_random_play_reaches_every_ending_and_nearly_every_node(sc):
    result = simulate_many(sc, "random", runs=20_000, seed=0)
    endings = {n.id for n in sc.nodes if n.kind == "ending"}
    assert set(result["endings"]) == endings, endings - set(result["endings"])
    assert result["coverage"]["nodes"] >= 0.95, result["coverage"]["unvisited_nodes"]
    assert result["coverage"]["options"] >= 0.9
    assert result["coverage"]["incidents"] == 1.0


@pytest.mark.parametrize("policy", ["historical-dice", "random"])
def test_the_risk_figure_is_the_chance_of_nuclear_use(policy):
    """Over many games with real dice, nuclear endings come as often as the risk model says.

    Each step's hazard is the chance of catastrophe given that the game got that far, so the sum of
    a game's step hazards has the same expectation as "this game ended in nuclear use".
    """
    eng = engine(OCTOBER)
    n = 4000
    expected, nuclear = 0.0, 0
    for seed in range(n):
        state = _narrated(eng, seed, historical=policy == "historical-dice")
        expected += sum(s.hazard for s in state.steps)
        nuclear += eng.node(state).category in eng.scenario.catastrophic
    mean = expected / n
    sigma = (mean * (1 - mean) / n) ** 0.5
    assert abs(nuclear / n - mean) < 4 * sigma, (nuclear / n, mean)


def _narrated(eng, seed, historical):
    """A game with every step kept: the documented choices where they exist, else seeded random ones."""
    rng = random.Random(seed)
    state = eng.new_game(seed=seed)
    while not state.ended:
        options = [c for c in eng.choices(state) if c.available]
        pick = next((c for c in options if c.historical), None) if historical else None
        eng.choose(state, (pick or rng.choice(options)).id)
    return state


def test_once_moscow_accepts_the_deal_little_risk_is_left(eng):
    """After the settlement of 28 October, the forces stand down and Berlin eases: a 1962 course that ends in
    the historical settlement adds at most a few points of risk in November, whatever the dice did before."""
    from game.scenario.compiled import minutes_of

    cut = minutes_of("1962-10-28T23:59")
    added = []
    for seed in range(400):
        state = play(eng, "historical-dice", seed)
        if eng.node(state).id != "end-historical":
            continue
        before = [p.risk for p in state.path if p.when <= cut]
        added.append(state.risk - before[-1])
    assert len(added) > 200
    assert max(added) < 0.06, f"up to {max(added):.1%} of risk after the settlement"
    assert sum(added) / len(added) < 0.03


def test_after_nuclear_use_no_assessment_reads_as_good_news(eng):
    """A nuclear ending never reports a strong standing at home, a quiet Berlin or a strengthened alliance."""
    for seed in range(300):
        state = play(eng, "random", seed)
        if eng.value(state, "nuclear") < 1:
            continue
        for line in eng.assess(state):
            if line.id in ("domestic", "berlin", "nato", "lives"):
                assert line.score < 0, (line.label, line.text)
            assert line.score <= 0, f"{line.label}: '{line.text}' scores as a gain after nuclear use"


def test_the_1962_choice_is_not_always_option_1(eng):
    """Options are numbered in an order drawn from the seed: fixed for a game, different between games."""
    positions = Counter()
    for seed in range(40):
        state = eng.new_game(seed=seed, fate="history")
        first = eng.choices(state)
        assert [c.id for c in first] == [c.id for c in eng.choices(eng.new_game(seed=seed, fate="history"))]
        assert [c.number for c in first] == list(range(1, len(first) + 1))
        positions[next(c.number for c in first if c.historical)] += 1
    assert len(positions) >= 3 and max(positions.values()) < 30


def test_defcon_rises_with_war_and_falls_when_the_quarantine_ends(eng):
    """Bombs falling mean at least DEFCON 3, general war DEFCON 1; the 1962 course ends standing down (forces
    came back to normal over 21–27 November, not at once when the quarantine was lifted)."""
    seen_war = seen_general = False
    for seed in range(300):
        state = play(eng, "force", seed)
        if eng.value(state, "fighting") >= 1:
            seen_war = True
            assert eng.defcon(state) <= 3
        if eng.value(state, "nuclear") >= 2:
            seen_general = True
            assert eng.defcon(state) == 1
    assert seen_war and seen_general
    end = documented_path(eng)
    assert eng.defcon(end) == 3 and "returning to normal" in eng.defcon_note(end)


def test_black_saturday_briefing_follows_the_letters_moscow_actually_sent(eng):
    """If Khrushchev sent no letter, the 27 October briefing does not speak of two, and there is no first
    letter to answer in the evening; on the 1962 course the documented telling is kept."""
    from game.analysis.documented import historical_choice

    def reach(node_id: str, moscow: dict[str, str]):
        state = eng.new_game(seed=1, fate="history", controlled=("us", "ussr"))
        while eng.node(state).id != node_id:
            node = eng.node(state)
            eng.choose(state, moscow.get(node.id) or historical_choice(eng, node.id)[0])
        return state

    documented = reach("d27-letters", {})
    assert not eng.briefing(documented).departs and "Two Soviet offers" in eng.briefing(documented).intel[0].text
    silent = reach("d27-letters", {"s26-letter": "hold-firm", "s27-second": "wait-answer"})
    text, intel, departs = eng.briefing(silent)
    assert departs and "still nothing from Khrushchev" in text and "No Soviet proposal" in intel[0].text
    evening = reach("d27-evening", {"s26-letter": "hold-firm", "s27-second": "wait-answer"})
    closed = {c.id: c for c in eng.choices(evening)}
    assert not closed["trollope-secret"].available and "no private letter" in closed["trollope-secret"].reason
    assert "no private offer" in eng.briefing(evening).text


def test_automatic_players_ignore_the_seeded_display_order(eng):
    """A strategy's first decision (taken before any dice) is the same whatever the seed, although the
    numbers a player sees change with it."""
    for policy in ("diplomacy", "force", "historical-dice"):
        firsts = {play(eng, policy, seed).decisions[0][1] for seed in range(12)}
        assert len(firsts) == 1, (policy, firsts)


def test_the_defcon_readout_says_which_forces_are_at_which_level(eng):
    """From 24 October only SAC was at DEFCON 2; the rest of the forces stayed at DEFCON 3 until SAC came
    down on 15 November."""
    state = eng.new_game(seed=0, fate="history")
    seen = {}
    while not state.ended:
        seen.setdefault((eng.defcon(state), eng.defcon_note(state)), eng.node(state).id)
        pick = next(c for c in eng.choices(state, in_scenario_order=True) if c.available and c.historical)
        eng.choose(state, pick.id)
    assert (2, "Strategic Air Command only; other US forces at DEFCON 3") in seen
    assert (3, "all US forces") in seen
    assert not any(note == "all US forces" and level == 2 for level, note in seen)
    assert "sac-stands-down" in state.fired


def _briefings(node):
    """Every telling of a node: its own text and intel, and each variant's."""
    yield node.text, node.intel
    for _, text, intel in node.variants:
        yield text, node.intel if intel is None else intel


def test_each_day_has_one_troop_estimate(sc):
    """Issue 11: one estimate of Soviet forces per date, the same everywhere. Until the official figure of
    22 October Washington thought them 'a few thousand'; from then on 8,000–10,000 (the later 22,000 is a
    post-crisis figure, and 42,000 is what the ExComm did not know)."""
    import re

    official = datetime_of(min(n.when for n in sc.nodes if n.id == "d22-speech")).date()
    early, late = re.compile(r"few thousand"), re.compile(r"8,000.10,000")
    wrong = []
    for node in sc.nodes:
        if node.kind != "decision" or node.actor != "us":
            continue
        day = datetime_of(node.when).date()
        for text, intel in _briefings(node):
            told = " ".join([text, *(line.text for line in intel)])
            if (day < official and late.search(told)) or (day >= official and early.search(told)):
                wrong.append(f"{node.id} ({day})")
            if re.search(r"22,000", told):
                wrong.append(f"{node.id}: 22,000 in a briefing")
    assert not wrong, wrong


def test_moscow_weighs_the_danger_it_can_see_as_the_risk_stood_in_1962(sc, eng):
    """No Soviet weight reads the game's risk figure (no one in 1962 could); they read `alarm`, which the
    scenario raises on what Moscow saw. Along the documented course one point of alarm stands for about two
    points of risk, so each weight is about what it was when it read the risk."""
    import re

    reads_alarm = set()
    for node in sc.model.nodes:
        for opt in getattr(node, "options", ()):
            weight = str(opt.weight)
            assert not re.search(r"\brisk\b", weight), (node.id, opt.id, weight)
            if re.search(r"\balarm\b", weight):
                reads_alarm.add(node.id)
    state = eng.new_game(seed=0, controlled=sc.sides, fate="history")
    seen = []
    while not state.ended:
        node = eng.node(state)
        if node.id in reads_alarm:
            seen.append(node.id)
            assert abs(0.02 * eng.value(state, "alarm") - state.risk) < 0.03, (node.id, state.risk)
        pick = next(c for c in eng.choices(state, in_scenario_order=True) if c.available and c.historical)
        eng.choose(state, pick.id)
    assert seen == ["s23-moscow", "s24-line", "s26-letter", "s27-second", "s28-decision"]


def test_a_public_deadline_added_on_21_october_is_told_in_the_speech_and_in_moscow():
    from game.session import Session

    eng = engine(OCTOBER)
    s = Session.new(eng, seed=3, fate="history", controlled=("us", "ussr"))

    def historical() -> str:
        return next(c.id for c in eng.choices(s.state, in_scenario_order=True) if c.historical and c.available)

    while eng.node(s.state).id != "d21-sweeney":
        s.choose(historical())
    plain = eng.briefing(s.state)
    s.choose("add-deadline")
    assert eng.node(s.state).id == "d22-speech"
    told = eng.briefing(s.state).text
    assert "48-hour deadline" in told and "48-hour" not in plain.text
    s.choose("address-defcon3")
    assert eng.node(s.state).id == "s23-moscow"
    moscow = eng.briefing(s.state)
    assert "48-hour deadline" in moscow.text and any("48-hour" in line.text for line in moscow.intel)


def test_after_a_strike_and_a_pledge_the_un_briefing_says_how_moscow_answered_and_anderson_is_not_a_reprisal():
    """A strike at dawn on 23 October, Moscow digging in, then a halt and a pledge: the UN briefing must not
    speak of a withdrawal Moscow never announced, and the U-2 shootdown must not recall a reprisal agreed for
    a quarantine that never was."""
    from game.session import Session

    eng = engine(OCTOBER)
    s = Session.new(eng, seed=3, fate="history", controlled=("us", "ussr"))
    plan = {"d22-speech": "strike-instead", "strike-dawn": "surgical", "s-after-strike": "stand-firm",
            "d-after-strike": "halt-pledge"}  # fmt: skip
    seen: dict[str, object] = {}
    for _ in range(80):
        if s.state.ended:
            break
        node = eng.node(s.state).id
        seen[node] = eng.briefing(s.state)
        choices = eng.choices(s.state, in_scenario_order=True)
        wanted = plan.get(node)
        pick = wanted or next((c.id for c in choices if c.historical and c.available), None)
        s.choose(pick or next(c.id for c in choices if c.available))
    un = seen["ds25-un"]
    assert "dismantle" in un.text and not any("withdrawal is under way" in i.text for i in un.intel)
    assert "d27-u2" in seen, sorted(seen)  # the U-2 is shot down on 27 October on this course too
    u2 = seen["d27-u2"]
    assert "agreed" not in u2.text and "bombs fell on Cuba" in u2.text


def _course(eng, plan: dict[str, str], seed: int = 3, fate: str = "history"):
    """The 1962 choices, but `plan`'s where it names the option: each decision's briefing and choices as met."""
    from game.session import Session

    s = Session.new(eng, seed=seed, fate=fate)
    seen: dict[str, tuple[object, list]] = {}
    for _ in range(80):
        if s.state.ended:
            break
        node = eng.node(s.state).id
        choices = eng.choices(s.state, in_scenario_order=True)
        seen[node] = (eng.briefing(s.state), choices)
        pick = plan.get(node) or next((c.id for c in choices if c.historical and c.available), None)
        s.choose(pick or next(c.id for c in choices if c.available))
    return s, seen


def test_black_saturday_tells_only_what_this_course_did():
    """No low-level jets are fired on where none fly; no quarantine
    to extend when it was suspended for talks; a public deadline that runs out is told when it does."""
    eng = engine(OCTOBER)
    _, seen = _course(eng, {"d23-rules": "gentle"}, seed=0)  # reconnaissance kept high
    assert "Low-level" not in seen["d27-u2"][0].text and "agreed" in seen["d27-u2"][0].text
    _, seen = _course(eng, {"d25-un": "accept-thant"}, seed=2)  # the quarantine suspended for talks
    jcs = {c.id: c for c in seen["d27-jcs"][1]}
    assert not jcs["tighten-pol"].available and "no quarantine" in jcs["tighten-pol"].reason
    _, documented = _course(eng, {})
    assert "Low-level reconnaissance jets have also been fired on" in documented["d27-u2"][0].text
    assert {c.id: c for c in documented["d27-jcs"][1]}["tighten-pol"].available
    s, _ = _course(eng, {"d21-sweeney": "add-deadline"}, seed=0, fate="dice")
    assert "deadline-passes" in s.state.fired
    told = next(e for st in s.state.steps for e in st.events if e.node == "deadline-passes")
    assert told.when == minutes_of("1962-10-24T19:00") and "48 hours" in told.text


def test_invented_text_is_marked_one_way():
    """Invented scenes open '(Invented branch…' and invented endings '(Invented ending.)': a student met four
    different marks ('Invented.', 'The game's invention: …', 'Counterfactual.') for the same thing."""
    import re

    text = OCTOBER.read_text(encoding="utf-8")
    marks = re.findall(r"\((Invented[^.:)]*|Counterfactual|The game's invention)[.:]", text)
    assert marks and set(marks) == {"Invented branch", "Invented ending"}, sorted(set(marks))
