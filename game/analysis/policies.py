"""The automatic players: one definition shared by simulation, exact analysis, the playtests and the tests.

A policy, asked at a decision it plays, gives the exact distribution over the available options
(`odds`: (probability, option id) pairs in scenario order, never the seeded display order). Exact
analysis follows every pair; sampling draws one from the same list with a seeded generator, so the two
can never disagree about what a policy does.

Which sides a policy plays: in a game it starts (`new_game`), the sides in `sides` (None: the scenario's
player side; `historical` plays both). Analysing from an existing state, it plays whatever sides that
state leaves to people (`state.controlled`); every policy can decide for either side.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.engine import Engine
from game.engine.state import GameState
from game.errors import AnalysisError, RuleError
from game.scenario.compiled import CompiledScenario, ROption

Odds = list[tuple[float, str]]

# The policies every scenario has; its own strategies (scenario.model.strategies) are added by name.
BUILT_IN: tuple[str, ...] = ("historical", "historical-dice", "random")


def available(engine: Engine, state: GameState) -> list[ROption]:
    """The options that may be taken now, in scenario order (a dead end is an error, never a stuck game)."""
    node = engine.node(state)
    values = state.values
    options = [o for o in node.options if o.condition is None or o.condition(values)]
    if not options:
        raise RuleError(f"dead end at '{node.id}': no option is available")
    return options


def sample(odds: Odds, u: float) -> str:
    """The option a uniform number `u` in [0, 1) selects from `odds`."""
    if len(odds) == 1:
        return odds[0][1]
    acc = 0.0
    for p, option in odds:
        acc += p
        if u < acc:
            return option
    return odds[-1][1]  # rounding can leave the total a hair below one


@dataclass(frozen=True)
class Policy:
    """A way of playing. Subclasses define `odds`; the rest is shared."""

    name: str
    label: str
    description: str = ""
    fate: str = "dice"  # the fate of the games it starts: 'history' follows 1962's chance and Moscow
    sides: tuple[str, ...] | None = None  # sides it plays in a game it starts (None: the scenario's player)

    def odds(self, engine: Engine, state: GameState) -> Odds:
        """The exact distribution over the available options at the current decision."""
        raise NotImplementedError

    def pick(self, engine: Engine, state: GameState, u: float) -> str:
        """The option a uniform number `u` in [0, 1) selects from `odds` (sampling)."""
        return sample(self.odds(engine, state), u)

    def deterministic(self) -> bool:
        """True when `odds` always names one option (then sampling draws nothing)."""
        return False

    def new_game(self, engine: Engine, seed: int, narrate: bool = False) -> GameState:
        """A fresh game in which this policy plays its sides."""
        sides = self.sides or (engine.scenario.model.player,)
        return engine.new_game(seed=seed, controlled=sides, fate=self.fate, narrate=narrate)


class Documented(Policy):
    """The 1962 choice; where a decision has none, the first available option."""

    def odds(self, engine: Engine, state: GameState) -> Odds:
        options = available(engine, state)
        return [(1.0, next((o for o in options if o.historical), options[0]).id)]

    def deterministic(self) -> bool:
        return True


class DocumentedOrUniform(Policy):
    """The 1962 choice where the decision has one; otherwise every available option equally likely."""

    def odds(self, engine: Engine, state: GameState) -> Odds:
        options = available(engine, state)
        for o in options:
            if o.historical:
                return [(1.0, o.id)]
        p = 1 / len(options)
        return [(p, o.id) for o in options]


class Uniform(Policy):
    """Every available option equally likely."""

    def odds(self, engine: Engine, state: GameState) -> Odds:
        options = available(engine, state)
        p = 1 / len(options)
        return [(p, o.id) for o in options]


@dataclass(frozen=True)
class Preferring(Policy):
    """A scenario strategy: the first available option carrying a preferred tag (earlier tags first), else
    the 1962 choice, else the first available option."""

    prefer: tuple[str, ...] = ()

    def odds(self, engine: Engine, state: GameState) -> Odds:
        options = available(engine, state)
        for tag in self.prefer:
            for o in options:
                if tag in o.tags:
                    return [(1.0, o.id)]
        return [(1.0, next((o for o in options if o.historical), options[0]).id)]

    def deterministic(self) -> bool:
        return True


def policies(scenario: CompiledScenario) -> dict[str, Policy]:
    """Every policy this scenario offers, by name: the built-in ones, then its strategies."""
    found: dict[str, Policy] = {
        "historical": Documented(
            "historical",
            "The 1962 course",
            "The documented choices, with Moscow and chance as in 1962.",
            "history",
            scenario.sides,
        ),
        "historical-dice": DocumentedOrUniform(
            "historical-dice",
            "1962 choices, other luck",
            "The documented choices where the decision has one (else any available option, equally likely); "
            "Moscow and chance roll their dice.",
        ),
        "random": Uniform("random", "At random", "Any available option, equally likely."),
    }
    for name, strategy in scenario.model.strategies.items():
        if name in found:  # a scenario cannot redefine a built-in; the loader's ids keep this rare
            continue
        found[name] = Preferring(name, strategy.label, strategy.description, prefer=tuple(strategy.prefer))
    return found


def policy_names(scenario: CompiledScenario) -> list[str]:
    return list(policies(scenario))


def get_policy(scenario: CompiledScenario, policy: str | Policy) -> Policy:
    """The policy called `policy` in this scenario (a Policy is returned as it is)."""
    if isinstance(policy, Policy):
        return policy
    found = policies(scenario)
    if policy not in found:
        raise AnalysisError(f"unknown policy '{policy}' for scenario '{scenario.id}': choose one of {', '.join(found)}")
    return found[policy]
