"""A story that never contradicts itself: checks of the texts a player reads, on every path explored.

The validator (`game/scenario/validate.py`) plays the scenario at random to find dead ends; these checks
walk the same paths (same seeds, same choices) plus the documented course and, on each, fail when:

- a text shown names a flag's `subject` (e.g. "second letter") while that flag is false on that path, or
  says one of its `denied_by` words (e.g. "no private letter") while it is true;
- an option's own words (the ones the histories screen and summaries show, whatever variant was read)
  name a false flag's subject on a path where the option is offered;
- a move marked `major` is not recalled by the next decision's telling (its `recalls`);
- another side, chance or an incident makes a flag with a subject true (a letter arrives, Turkey is
  bombed), the player may see it, and the next decision's telling never speaks of it;
- an ending's `claims` disagree with the assessment the path is scored by.

An option's own text may name what its own effects make true ("send the second letter").
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from game.analysis.documented import documented_path
from game.engine.engine import Engine
from game.engine.results import Step
from game.engine.state import GameState
from game.engine.views import sees
from game.errors import RuleError
from game.scenario.compiled import CompiledScenario, REffect, RNode, Subject
from game.scenario.errors import Problem
from game.scenario.expressions import Values
from game.scenario.yaml_source import SourceMap

_SETS_TRUE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*true\s*$")


@dataclass(frozen=True)
class Visit:
    """One moment of a walk: a decision about to be taken, a step just taken, or the end."""

    kind: str  # decision | step | ending
    state: GameState  # the live state (read it before the walk goes on): at the decision, or after the step
    step: Step | None = None
    majors: tuple[str, ...] = ()  # major events that happened in the step
    news: tuple[str, ...] = ()  # flags with subjects that others made true in the step, as the player saw
    before: tuple[float | bool, ...] = ()  # the values when the step began (a step's words were told in between)


def _majors(sc: CompiledScenario, state: GameState, since: int) -> tuple[str, ...]:
    """The major events among the path entries a step added."""
    out = []
    incidents = {inc.id: inc for inc in sc.incidents}
    for entry in state.path[since:]:
        major = None
        if entry.kind == "decision":
            node = sc.by_id[entry.node]
            major = next((o.major for o in node.options if o.id == entry.choice), None)
        elif entry.kind == "chance":
            node = sc.by_id[entry.node]
            major = next((o.major for o in node.outcomes if o.id == entry.choice), None)
        elif entry.kind == "incident" and entry.node in incidents:
            major = incidents[entry.node].major
        if major:
            out.append(major)
    return tuple(out)


def _news(engine: Engine, state: GameState, step: Step, choice: str) -> tuple[str, ...]:
    """Flags with subjects that became true in a step through no effect of the player's own choice, in
    changes the player may see: what the next briefing must tell."""
    sc = engine.scenario
    player = sc.model.player
    chosen = next((o for o in sc.by_id[step.node].options if o.id == choice), None)
    own = _sets_true(chosen.effects) if chosen is not None else frozenset()
    named = {name for _, name, _ in sc.subjects}
    return tuple(
        c.name
        for c in step.changes
        if c.name in named and c.after is True and c.before is False and c.name not in own
        if sees(player, c.audience)
    )


def _walk(
    engine: Engine, state: GameState, pick: Callable[[GameState], str | None], news: bool = True
) -> Iterator[Visit]:
    """Play one game by `pick`, yielding each decision, step and the end. With every side deciding, a step
    holds one side's move, so what is news to the player is left to the games where only the player decides."""
    sc = engine.scenario
    while not state.ended:
        yield Visit("decision", state)
        choice = pick(state)
        if choice is None:
            return
        since, before = len(state.path), tuple(state.values)
        step = engine.choose(state, choice)
        if step.catastrophe:
            yield Visit("step", state, step, before=before)
        else:
            majors = _majors(sc, state, since)
            told = _news(engine, state, step, choice) if news else ()
            yield Visit("step", state, step, majors, told, before)
    yield Visit("ending", state)


def explore(engine: Engine, runs: int = 400, seed: int = 0) -> Iterator[Visit]:
    """The paths the validator explores: `runs` random games (seed + run, the player's side deciding, options
    picked uniformly in scenario order from one generator seeded `seed`), a quarter as many with every side
    deciding at random (a classroom team reads Moscow's and Havana's briefings too), then the documented
    course."""
    rng = random.Random(seed)

    def pick(state: GameState) -> str | None:
        options = [c for c in engine.choices(state, in_scenario_order=True) if c.available]
        return rng.choice(options).id if options else None

    for run in range(runs):
        try:
            yield from _walk(engine, engine.new_game(seed=seed + run), pick)
        except RuleError:
            continue  # the validator reports failures of play
    every_side = engine.scenario.sides
    for run in range(runs // 4):
        try:
            yield from _walk(engine, engine.new_game(seed=seed + runs + run, controlled=every_side), pick, news=False)
        except RuleError:
            continue
    try:
        documented_path(engine)  # raises if the documented course cannot be played
    except RuleError:
        return

    def historical(state: GameState) -> str | None:
        options = [c for c in engine.choices(state, in_scenario_order=True) if c.available]
        chosen = next((c for c in options if c.historical), options[0] if options else None)
        return chosen.id if chosen else None

    state = engine.new_game(seed=0, controlled=every_side, fate="history")
    yield from _walk(engine, state, historical, news=False)


class _Findings:
    def __init__(self, sc: CompiledScenario) -> None:
        self.sc = sc
        self.items: dict[tuple[str, str, str], Problem] = {}

    def add(self, node: RNode, field: str, message: str, fix: str) -> None:
        key = (node.id, field, message)
        if key not in self.items:
            lines = self.sc.lines  # a SourceMap when the scenario was loaded from YAML
            line = lines.line_of(("nodes", node.index)) if isinstance(lines, SourceMap) else None
            self.items[key] = Problem(self.sc.path, line, f"node '{node.id}'", field, message, fix)


def _named(sc: CompiledScenario, values: Values, text: str, exempt: frozenset[str] = frozenset()) -> list[str]:
    """The subjects of false flags that `text` names, as "'words' (flag is false)"."""
    return _said(sc.subjects, values, text, when=False, exempt=exempt)


def _denied(sc: CompiledScenario, values: Values, text: str) -> list[str]:
    """The denials of true flags that `text` says, as "'words' (flag is true)"."""
    return _said(sc.denials, values, text, when=True)


def _said(
    entries: tuple[Subject, ...],
    values: Values,
    text: str,
    when: bool,
    exempt: frozenset[str] = frozenset(),
) -> list[str]:
    """The first words of each entry whose flag is `when` that `text` says (a phrase may wrap across lines)."""
    text = " ".join(text.split())
    found: list[str] = []
    for slot, name, patterns in entries:
        if bool(values[slot]) != when or name in exempt:
            continue
        hit = next((h for h in (p.search(text) for p in patterns) if h), None)
        if hit:
            found.append(f"'{hit.group(0)}' ({name} is {'true' if when else 'false'})")
    return found


def _contradictions(sc: CompiledScenario, values: Values, text: str, exempt: frozenset[str] = frozenset()) -> list[str]:
    return _named(sc, values, text, exempt) + _denied(sc, values, text)


def _sets_true(effects: tuple[REffect, ...]) -> frozenset[str]:
    return frozenset(m.group(1) for e in effects if (m := _SETS_TRUE.match(e.source)))


def _check_decision(engine: Engine, state: GameState, out: _Findings) -> None:
    sc = engine.scenario
    node = engine.node(state)
    values = state.values
    brief = engine.briefing(state)
    title, _ = engine.telling(state)
    told = [title, brief.text, *(line.text for line in brief.intel)]
    for hit in _contradictions(sc, values, "\n".join(told)):
        out.add(node, "text", f"the briefing names {hit} on a path", "give the node a variant for that state")
    for opt in node.options:
        if opt.condition is not None and not opt.condition(values):
            continue
        said = engine.wording(opt, values)
        words = [said.text, said.detail, *(a.argument for a in said.advisors)]
        own = _sets_true(opt.effects)
        for hit in _contradictions(sc, values, "\n".join(words), own):
            out.add(
                node,
                f"options '{opt.id}'",
                f"the option or an advisor's argument names {hit}",
                "give the option a variant or the argument a condition",
            )
        if said.text != opt.text:  # summaries of the path show the option's own words, not the variant read
            for hit in _contradictions(sc, values, opt.text, own):
                out.add(
                    node,
                    f"options '{opt.id}'.text",
                    f"the option's own words, which the histories screen shows, name {hit} on a path it is offered on",
                    "word the option so that it is true wherever it is offered; move the particular words to a variant",
                )


def _check_step(engine: Engine, visit: Visit, out: _Findings) -> None:
    """What a step tells was true at some moment of it: a flag's subject may be named if the flag held when
    the step began or when it ended (the quarantine is kept, then lifted, in one step); a denial is an error
    only if the flag held throughout."""
    sc = engine.scenario
    step = visit.step
    assert step is not None
    after = visit.state.values
    before = visit.before or tuple(after)
    either: Values = [bool(b) or bool(a) for b, a in zip(before, after, strict=True)]
    both: Values = [bool(b) and bool(a) for b, a in zip(before, after, strict=True)]
    for event in step.events:
        if event.kind in ("catastrophe", "ending"):
            continue
        text = "\n".join((event.text, event.choice_text, event.headline))
        for hit in _named(sc, either, text) + _denied(sc, both, text):
            node = sc.by_id.get(event.node) or sc.by_id[step.node]
            out.add(node, f"{event.kind} '{event.choice or event.node}'", f"what follows names {hit}", "reword it")


def _check_major(engine: Engine, majors: tuple[str, ...], state: GameState, out: _Findings) -> None:
    _, recalls = engine.telling(state)
    missing = [m for m in majors if m not in recalls]
    if missing:
        out.add(
            engine.node(state),
            "recalls",
            f"follows the major event(s) {', '.join(missing)} but its telling does not recall them",
            "add a variant that speaks of it, with `recalls: [...]`",
        )


def _check_news(engine: Engine, news: tuple[str, ...], state: GameState, out: _Findings) -> None:
    """What another side just did that the player saw must be in the next briefing, in its subject's words."""
    sc = engine.scenario
    brief = engine.briefing(state)
    title, _ = engine.telling(state)
    told = " ".join(" ".join([title, brief.text, *(line.text for line in brief.intel)]).split())
    patterns = {name: pats for _, name, pats in sc.subjects}
    labels = {name: flag.label for name, flag in sc.model.flags.items()}
    for name in news:
        if not any(p.search(told) for p in patterns[name]):
            out.add(
                engine.node(state),
                "text",
                f"follows a move by another side that made '{name}' true ({labels[name]}), but the briefing never "
                "speaks of it",
                f"add a variant with '{name}' as its condition that says it in one of the flag's subject words",
            )


def _check_ending(engine: Engine, state: GameState, out: _Findings) -> None:
    sc = engine.scenario
    node = engine.node(state)
    if node.kind != "ending":
        return
    # The documented ending's debrief tells 1962, not the path; every other debrief tells the path.
    debrief = "" if node.category == sc.documented_category else node.debrief
    for hit in _contradictions(sc, state.values, f"{node.title}\n{node.text}\n{debrief}"):
        out.add(node, "text", f"the ending names {hit}", "give it 'effects' that make it so, or reword it")
    if not node.claims:
        return
    scored = {}
    for a in sc.assessments:
        for (cond, _, _), case_id in zip(a.cases, a.case_ids, strict=True):
            if cond is None or cond(state.values):
                scored[a.id] = case_id
                break
    for assessment, case in node.claims:
        if scored.get(assessment) != case:
            out.add(
                node,
                f"claims.{assessment}",
                f"says '{case}' but a path reaching it is scored '{scored.get(assessment)}'",
                "set what the ending says happened in its 'effects', or route that path to another ending",
            )


def check_headlines(sc: CompiledScenario, out: _Findings) -> None:
    """A move the computer may make for a side is often a step's last word: it must title the result screen."""
    for node in sc.nodes:
        if node.kind != "decision" or node.actor == sc.model.player:
            continue
        for opt in node.options:
            if not opt.headline:
                out.add(
                    node,
                    f"options '{opt.id}'.headline",
                    "a move by another side has no headline for the result screen",
                    "add 'headline:', e.g. 'Khrushchev accepts'",
                )


def check_recalls(sc: CompiledScenario, out: _Findings) -> None:
    """A telling may recall only a major event that exists: a misspelt id would silence the rule."""
    majors = {inc.major for inc in sc.incidents if inc.major}
    for node in sc.nodes:
        majors |= {o.major for o in node.options if o.major} | {o.major for o in node.outcomes if o.major}
    for node in sc.nodes:
        named = set(node.recalls).union(*(set(r) for _, r in node.variant_extras))
        for unknown in sorted(named - majors):
            out.add(node, "recalls", f"recalls '{unknown}', which no option, outcome or incident marks major", "fix it")


def check_story(sc: CompiledScenario, runs: int = 400, seed: int = 0) -> list[Problem]:
    """Every contradiction found on the explored paths, one problem per place and kind."""
    engine = Engine(sc)
    out = _Findings(sc)
    check_headlines(sc, out)
    check_recalls(sc, out)
    pending: tuple[str, ...] = ()
    news: tuple[str, ...] = ()
    for visit in explore(engine, runs, seed):
        if visit.kind == "decision":
            if pending:
                _check_major(engine, pending, visit.state, out)
            if news:
                _check_news(engine, news, visit.state, out)
            pending, news = (), ()
            _check_decision(engine, visit.state, out)
        elif visit.kind == "step":
            _check_step(engine, visit, out)
            pending, news = visit.majors, visit.news
        else:
            pending, news = (), ()
            _check_ending(engine, visit.state, out)
    return list(out.items.values())
