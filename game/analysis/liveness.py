"""Which values can still matter: for each node, the slots some later expression may read.

Exact analysis remembers the states it has solved. Two states whose futures read the same values
have the same future, so a state is keyed on those values only — not on variables nothing later
reads. This is conservative (a slot is kept if anything that may still run reads it), so it never
merges states whose futures differ; the cumulative risk stays in the key wherever a later
expression reads `risk`.
"""

from __future__ import annotations

import re

from game.scenario.compiled import RESUME, SLOT_DAY, SLOT_HOUR, CompiledScenario
from game.scenario.models import ChanceNode, DecisionNode, EndingNode, Incident, Shock

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_EFFECT_TARGET = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=|\+=|-=|\*=)(?!=)")


_Effect = tuple[int, frozenset[int]]  # an effect's target slot, and the slots it reads (its target, for += -= *=)


def fed(sinks: set[int], effects: list[_Effect]) -> set[int]:
    """`sinks` grown, in place, by what feeds them through `effects` until nothing more does (a fixpoint:
    what feeds a slot that matters, matters)."""
    grew = True
    while grew:
        grew = False
        for target, reads in effects:
            if target in sinks and not reads <= sinks:
                sinks |= reads
                grew = True
    return sinks


class Liveness:
    """Per node, the value slots that may still matter from it on (the clock is keyed separately).

    A slot matters if something that may still run reads it to decide, draw or weigh a danger (a condition,
    a chance, a computer's weight, a hazard, a daily rate) — directly, or through an effect on a slot that
    matters there. An effect on a slot nothing later reads (a score only the debrief shows, a variable no
    later choice weighs) does not keep its inputs in the key.
    """

    def __init__(self, scenario: CompiledScenario, controlled: tuple[str, ...] = ()):
        self.scenario = scenario
        self._controlled = controlled  # a person's (or policy's) decision never reads the options' weights
        self._slot = {name: sym.slot for name, sym in scenario.symbols.items()}
        model = scenario.model
        nodes = [self._node(n) for n in model.nodes]
        self._node_sinks = [sinks for sinks, _ in nodes]
        self._node_effects = [effects for _, effects in nodes]
        incidents = [self._incident(inc) for inc in model.incidents]  # model order, as `RIncident.index`
        self._inc_sinks = [sinks for sinks, _ in incidents]
        self._inc_effects = [effects for _, effects in incidents]
        drivers: set[int] = set()
        for d in model.risk.drivers:
            drivers |= self._reads(d.per_day)
        self._drivers = frozenset(drivers)
        self._cache: dict[tuple[int, tuple[int, ...]], tuple[int, ...]] = {}
        self.escape = self._escape_reads()

    # -------------------------------------------------------------- reading the sources

    def _reads(self, source: object) -> set[int]:
        if source is None or isinstance(source, bool | int | float):
            return set()
        return {self._slot[n] for n in _NAME.findall(str(source)) if n in self._slot}

    def _effects(self, effects: list[str]) -> list[_Effect]:
        found: list[_Effect] = []
        for e in effects:
            match = _EFFECT_TARGET.match(e)
            if match is None or match.group(1) not in self._slot:
                continue
            target, op = self._slot[match.group(1)], match.group(2)
            reads = self._reads(e[match.end() :])
            if op != "=":  # 'x += 1' reads x
                reads.add(target)
            found.append((target, frozenset(reads)))
        return found

    def _shocks(self, shocks: list[Shock]) -> set[int]:
        found: set[int] = set()
        for s in shocks:
            found |= self._reads(s.hazard)
        return found

    def _node(self, node: DecisionNode | ChanceNode | EndingNode) -> tuple[frozenset[int], list[_Effect]]:
        """What a node reads to decide or draw (and its dangers), and its effects. An ending's effects only
        say what happened: nothing runs after them."""
        sinks: set[int] = set()
        effects: list[_Effect] = []
        weighed = isinstance(node, DecisionNode) and node.actor not in self._controlled
        for o in getattr(node, "options", ()):
            sinks |= self._reads(o.condition) | self._shocks(o.risk)
            if weighed:
                sinks |= self._reads(o.weight)
            effects += self._effects(o.effects)
        for out in getattr(node, "outcomes", ()):
            sinks |= self._reads(None if out.chance == "rest" else out.chance) | self._shocks(out.risk)
            effects += self._effects(out.effects)
        return frozenset(sinks), effects

    def _incident(self, inc: Incident) -> tuple[frozenset[int], list[_Effect]]:
        sinks = self._reads(inc.condition) | self._reads(inc.chance) | self._shocks(inc.risk)
        return frozenset(sinks), self._effects(inc.effects)

    # -------------------------------------------------------------- the graph

    def _reach(self, roots: list[int]) -> set[int]:
        nodes = self.scenario.nodes
        seen: set[int] = set()
        todo = list(roots)
        while todo:
            i = todo.pop()
            if i == RESUME or i in seen:
                continue
            seen.add(i)
            n = nodes[i]
            todo.extend(o.next for o in n.options)
            todo.extend(o.next for o in n.outcomes)
        return seen

    def _compute(self, node: int, resume: tuple[int, ...]) -> tuple[int, ...]:
        sc = self.scenario
        when = sc.nodes[node].when  # a state resting at `node` has a clock at least this late
        ahead = [inc for inc in sc.incidents if inc.end >= when]  # incidents never fire before the clock
        roots = [node, *resume, sc.catastrophe]  # control may be lost at the end of any step
        roots += [inc.interrupt for inc in ahead if inc.interrupt is not None]
        sinks = set(self._drivers)
        effects: list[_Effect] = []
        for i in self._reach(roots):
            sinks |= self._node_sinks[i]
            effects += self._node_effects[i]
        for inc in ahead:
            sinks |= self._inc_sinks[inc.index]
            effects += self._inc_effects[inc.index]
        fed(sinks, effects)
        sinks.discard(SLOT_DAY)  # day and hour follow from the clock, which is keyed anyway
        sinks.discard(SLOT_HOUR)
        return tuple(sorted(sinks))

    def _escape_reads(self) -> tuple[tuple[int, ...], bool] | None:
        """What the catastrophe's course reads once control is lost: (slots, whether the clock matters).

        The engine runs it without the clock's dangers or incidents (nothing more is added after a
        catastrophe), so only the choices and chances on its way to an ending matter. None when that way
        can reach a decision a person takes or '@resume' (then play goes on, and the full key is needed).
        """
        nodes = self.scenario.nodes
        weighed_by = self._controlled
        seen: set[int] = set()
        sinks: set[int] = set()
        effects: list[str] = []
        todo = [self.scenario.catastrophe]
        while todo:
            i = todo.pop()
            if i == RESUME:
                return None
            if i in seen:
                continue
            seen.add(i)
            node = self.scenario.model.nodes[i]
            if isinstance(node, DecisionNode):
                if node.actor in weighed_by:
                    return None
                for o in node.options:
                    sinks |= self._reads(o.condition) | self._reads(o.weight)
                    effects.extend(o.effects)
            elif isinstance(node, ChanceNode):
                for out in node.outcomes:
                    sinks |= self._reads(None if out.chance == "rest" else out.chance)
                    effects.extend(out.effects)
            todo.extend(o.next for o in nodes[i].options)
            todo.extend(o.next for o in nodes[i].outcomes)
        grew = True
        while grew:  # an effect on a slot that is read feeds it
            grew = False
            for e in effects:
                match = _EFFECT_TARGET.match(e)
                if match is None or self._slot.get(match.group(1)) not in sinks:
                    continue
                reads = self._reads(e[match.end() :])
                if match.group(2) != "=":
                    reads.add(self._slot[match.group(1)])
                if not reads <= sinks:
                    sinks |= reads
                    grew = True
        clock = SLOT_DAY in sinks or SLOT_HOUR in sinks
        sinks.discard(SLOT_DAY)
        sinks.discard(SLOT_HOUR)
        return tuple(sorted(sinks)), clock

    @property
    def controlled(self) -> tuple[str, ...]:
        return self._controlled

    def all_effects(self) -> list[_Effect]:
        """Every effect of every node, option, outcome and incident: (target slot, slots it reads)."""
        found: list[_Effect] = []
        for effects in self._node_effects:
            found += effects
        for effects in self._inc_effects:
            found += effects
        return found

    def slots(self, node: int, resume: tuple[int, ...] = ()) -> tuple[int, ...]:
        """The slots that matter at `node` with `resume` (nodes to return to after interrupts) pending: over
        everything that may still run from there and from each of them (an effect before an interrupt's
        return can feed what a resumed node reads)."""
        key = (node, resume)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._compute(node, resume)
        return found
