"""Who sees what: the game as one audience may see it.

Every event, intelligence line, variable change and risk term carries an audience ('all', a side
id, or 'facilitator'). A view keeps exactly what its viewer may see: a side sees what is meant for
everyone and for itself, and the secrets revealed to it; the public (a projector) sees only what is
meant for everyone, and of a side's decision only what it does (its headline), never the words its
deciders weighed (nor does another side that plays); the facilitator sees everything. Front ends
render views and never filter on their own, so "the Washington team never receives a Moscow-only
string" is a property of these functions, tested here rather than in every window, page and printout.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.engine.engine import Engine
from game.engine.results import Change, ChoiceView, Event, RiskTerm, Step, headline_of
from game.engine.state import GameState
from game.scenario.compiled import EVERYONE, FACILITATOR, JOINT

PRIVATE_TITLE = "In closed session"  # the title of a decision seen by a viewer not told of its deliberation

__all__ = [
    "PRIVATE_TITLE",
    "DecisionView",
    "SecretView",
    "StepView",
    "ViewSettings",
    "decision_view",
    "sees",
    "step_view",
]


def sees(viewer: str, audience: str) -> bool:
    """May `viewer` ('all' for the public, a side id, or 'facilitator') see something meant for `audience`
    ('all', a side, sides joined by '+', or 'facilitator')?"""
    if viewer == FACILITATOR or audience in (EVERYONE, viewer):
        return True
    return JOINT in audience and viewer in audience.split(JOINT)


@dataclass(frozen=True)
class ViewSettings:
    """How much a view gives away beyond the rules of secrecy."""

    mark_history: bool = False  # flag the option taken in 1962 (off for a first play: no answers given)


@dataclass(frozen=True)
class SecretView:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class DecisionView:
    """The decision in front of a side, as one viewer may see it.

    When the viewer is not the deciding side (nor the facilitator), the deliberation is private: no
    briefing, intelligence or options, only who is deciding and when.
    """

    viewer: str
    node: str
    title: str
    when: int
    actor: str
    actor_name: str
    private: bool  # True when the viewer only learns that another side is deciding
    text: str
    departs: bool  # the telling departs from the documented one because of earlier moves
    invented: bool
    intel_title: str
    intel: tuple[str, ...]
    choices: tuple[ChoiceView, ...]
    risk: float
    defcon: int
    secrets: tuple[SecretView, ...]


@dataclass(frozen=True)
class StepView:
    """A step's result for one viewer: the events, dangers and changes it may know of.

    The hazard and risk figures are the model's, not anyone's knowledge, and stay whole; the terms
    the viewer may not see are summed into `hidden_hazard` so the drivers still add up.
    """

    step: Step  # the unfiltered step, for replay checks; front ends read the fields below
    events: tuple[Event, ...]
    terms: tuple[RiskTerm, ...]
    hidden_hazard: float
    changes: tuple[Change, ...]

    @property
    def headline(self) -> str:
        """The result screen's title from what this viewer may know ('' when no event gives one)."""
        return headline_of(self.events)

    @property
    def title(self) -> str:
        """A title for the result screen even where no event has a headline: the latest news this viewer is told
        (an incident, a draw of chance, another side's move), else the decision's own title ('' when none)."""
        found = self.headline
        if found:
            return found
        for kinds in (("incident", "chance", "computer"), ("decision",)):
            for event in reversed(self.events):
                if event.kind in kinds and event.title:
                    return event.title
        return ""

    def drivers(self) -> list[RiskTerm]:
        """Visible terms that moved the risk, largest first."""
        return sorted((t for t in self.terms if t.hazard > 0), key=lambda t: -t.hazard)


def _told(event: Event, viewer: str) -> Event:
    """An event as `viewer` is told it. The public (a projector before two teams) learns what a side's decision
    does, its headline, and not the option as its deciders read it nor the outcome written for them: "say nothing
    of the photographs" would tell the other team what Washington knows."""
    other_team = event.kind == "decision" and viewer not in (EVERYONE, FACILITATOR, event.actor)
    if (viewer == EVERYONE and event.kind in ("decision", "computer")) or other_team:
        # the other team too learns what a side's decision does, not the words its deciders weighed
        return replace(event, choice_text="", text="", private=())
    if event.private:  # the parts of the story kept to this viewer join the text; no other part goes on
        parts = [text for to, text in event.private if viewer != EVERYONE and sees(viewer, to)]
        return replace(event, text="\n\n".join([event.text.strip(), *parts]) if parts else event.text, private=())
    return event


def decision_view(
    engine: Engine, state: GameState, viewer: str, settings: ViewSettings | None = None
) -> DecisionView | None:
    """What `viewer` sees of the decision awaited now (None when the game has ended)."""
    if state.ended:
        return None
    settings = settings or ViewSettings()
    node = engine.node(state)
    scenario = engine.scenario
    spec = scenario.model.sides.get(node.actor)
    actor_name = spec.name if spec else node.actor
    private = not sees(viewer, node.actor) or viewer == EVERYONE
    secrets = tuple(SecretView(*s) for s in engine.known_secrets(state, viewer)) if viewer != EVERYONE else ()
    if private:
        # a deliberation kept to its side keeps its title too: 'The photographs' would tell Moscow what it is about
        told = sees(viewer, node.audience)
        return DecisionView(
            viewer,
            node.id,
            node.title if told else PRIVATE_TITLE,
            state.clock,
            node.actor,
            actor_name,
            True,
            "",
            False,
            node.invented,
            "",
            (),
            (),
            state.risk,
            engine.defcon(state),
            secrets,
        )
    brief = engine.briefing(state)
    title, _ = engine.telling(state)
    choices = tuple(
        c if settings.mark_history or not c.historical else replace(c, historical=False) for c in engine.choices(state)
    )
    titled = scenario.model.sides.get(viewer) or spec
    intel_title = titled.intel_title if titled is not None else "Intelligence"
    return DecisionView(
        viewer,
        node.id,
        title,
        state.clock,
        node.actor,
        actor_name,
        False,
        brief.text,
        brief.departs,
        node.invented,
        intel_title,
        tuple(line.text for line in brief.intel if sees(viewer, line.audience)),
        choices,
        state.risk,
        engine.defcon(state),
        secrets,
    )


def step_view(step: Step, viewer: str) -> StepView:
    """The part of `step` that `viewer` may know."""
    terms = tuple(t for t in step.terms if sees(viewer, t.audience))
    survive = 1.0
    for t in step.terms:
        if not sees(viewer, t.audience):
            survive *= 1 - t.hazard
    return StepView(
        step,
        tuple(_told(e, viewer) for e in step.events if sees(viewer, e.audience)),
        terms,
        1 - survive,
        tuple(c for c in step.changes if sees(viewer, c.audience)),
    )
