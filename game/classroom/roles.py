"""Roles as a front end shows them: the scenario's `roles:` joined with its advisors' lines at each decision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.engine.engine import Engine
from game.engine.results import ChoiceView
from game.scenario.models import DecisionNode, Role
from game.wording import stance_line

__all__ = ["RoleCard", "arguments_at", "roles_of", "teams_of"]


@dataclass(frozen=True)
class RoleCard:
    id: str
    role: Role
    side: str  # the team the role sits with (its own side, or the side it joins when its own does not play)
    side_name: str


def roles_of(engine: Engine, sides: tuple[str, ...] | None = None) -> list[RoleCard]:
    """The scenario's roles for `sides` (every side when None), in casting order (most needed first)."""
    scenario = engine.scenario
    cards = []
    for rid, role in scenario.model.roles.items():
        team = role.side if role.side in (sides or (role.side,)) else role.team
        if team is not None and (sides is None or team in sides):
            cards.append(RoleCard(rid, role, team, scenario.side_name(team)))
    order = {rid: i for i, rid in enumerate(scenario.model.roles)}
    teams = {side: i for i, side in enumerate(sides or ())}
    return sorted(cards, key=lambda c: (teams.get(c.side, 0), not c.role.decides, c.role.priority, order[c.id]))


def teams_of(engine: Engine, teams: bool) -> tuple[str, ...]:
    """The sides a class plays: the solo player's side alone, or (`teams`) it and the next side the scenario
    declares that plays — two teams in one room. Any further side decides by the scenario's policy, and its
    roles sit with the team their card names (`team:`)."""
    player = engine.scenario.model.player
    if not teams:
        return (player,)
    others = [sid for sid, spec in engine.scenario.model.sides.items() if spec.plays and sid != player]
    return (player, *others[:1])


def _voices(role_id: str, role: Role) -> tuple[str, ...]:
    return tuple(role.speaks_for) or (role_id,)


def arguments_at(engine: Engine, role_id: str, node_id: str, choices: Sequence[ChoiceView] | None = None) -> list[str]:
    """What `role_id` would argue at decision `node_id`: its own argument there, then the lines its advisors
    give for options ('For “text”: argument'; 'Against', or 'On' where it leans neither way). Empty when the
    role has nothing to say there.

    `choices` (the engine's, for the decision in front of the class) give the options as worded now and only
    the arguments that hold now (an advisor's line may depend on what has happened). Without them (a printed
    card, written before the lesson) each advisor's first line for an option stands for the others."""
    role = engine.scenario.model.roles[role_id]
    out = [a.argument + (" (invented)" if a.invented else "") for a in role.arguments if a.at == node_id]
    voices = _voices(role_id, role)
    if choices is not None:
        for choice in choices:
            out += [stance_line(a.stance, choice.text, a.argument) for a in choice.advisors if a.id in voices]
        return out
    node = next((n for n in engine.scenario.model.nodes if n.id == node_id), None)
    if isinstance(node, DecisionNode):
        for opt in node.options:
            spoken: set[str] = set()
            for a in opt.advisors:
                if a.who in voices and a.who not in spoken:
                    spoken.add(a.who)
                    out.append(stance_line(a.stance or "", opt.text, a.argument))
    return out
