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


class Liveness:
    """Per node, the value slots that may still be read from it on (the clock is keyed separately)."""

    def __init__(self, scenario: CompiledScenario, controlled: tuple[str, ...] = ()):
        self.scenario = scenario
        self._controlled = controlled  # a person's (or policy's) decision never reads the options' weights
        self._slot = {name: sym.slot for name, sym in scenario.symbols.items()}
        model = scenario.model
        self._relevant = self._relevant_slots()
        self._own: list[frozenset[int]] = [self._node_reads(n) for n in model.nodes]
        self._incident_reads = [self._incident(inc) for inc in model.incidents]
        drivers: set[int] = set()
        for d in model.risk.drivers:
            drivers |= self._reads(d.per_day)
        self._always = frozenset(drivers) | self._reach_reads([scenario.catastrophe])
        self._cache: dict[tuple[int, tuple[int, ...]], tuple[int, ...]] = {}
        self._per_node = [self._compute(n.index) for n in scenario.nodes]
        self.escape = self._escape_reads()

    # -------------------------------------------------------------- reading the sources

    def _relevant_slots(self) -> frozenset[int]:
        """Slots that can affect what happens: read by a condition, chance, weight, hazard or rate, or by an
        effect on such a slot (a score only the debrief reads, like 'domestic += 1', is not)."""
        model = self.scenario.model
        sinks: set[int] = set()
        effects: list[list[str]] = []
        for n in model.nodes:
            for o in getattr(n, "options", ()):
                sinks |= self._reads(o.condition) | self._reads(o.weight) | self._shocks(o.risk)
                effects.append(o.effects)
            for o in getattr(n, "outcomes", ()):
                sinks |= self._reads(None if o.chance == "rest" else o.chance) | self._shocks(o.risk)
                effects.append(o.effects)
        for inc in model.incidents:
            sinks |= self._reads(inc.condition) | self._reads(inc.chance) | self._shocks(inc.risk)
            effects.append(inc.effects)
        for d in model.risk.drivers:
            sinks |= self._reads(d.per_day)
        pairs = []
        for group in effects:
            for e in group:
                match = _EFFECT_TARGET.match(e)
                if match is not None and match.group(1) in self._slot:
                    reads = self._reads(e[match.end() :])
                    if match.group(2) != "=":
                        reads.add(self._slot[match.group(1)])
                    pairs.append((self._slot[match.group(1)], reads))
        relevant = set(sinks)
        grew = True
        while grew:  # a fixpoint: what feeds a relevant slot is relevant
            grew = False
            for target, reads in pairs:
                if target in relevant and not reads <= relevant:
                    relevant |= reads
                    grew = True
        return frozenset(relevant)

    def _reads(self, source: object) -> set[int]:
        if source is None or isinstance(source, bool | int | float):
            return set()
        return {self._slot[n] for n in _NAME.findall(str(source)) if n in self._slot}

    def _effects(self, effects: list[str]) -> set[int]:
        found: set[int] = set()
        for e in effects:
            match = _EFFECT_TARGET.match(e)
            if match is None:
                continue
            target, op = match.groups()
            found |= self._reads(e[match.end() :])
            if op != "=" and target in self._slot:  # 'x += 1' reads x
                found.add(self._slot[target])
        return found

    def _shocks(self, shocks: list[Shock]) -> set[int]:
        found: set[int] = set()
        for s in shocks:
            found |= self._reads(s.hazard)
        return found

    def _node_reads(self, node: DecisionNode | ChanceNode | EndingNode) -> frozenset[int]:
        found: set[int] = set()
        weighed = getattr(node, "actor", None) not in self._controlled
        for o in getattr(node, "options", ()):
            found |= self._reads(o.condition) | self._effects(o.effects) | self._shocks(o.risk)
            if weighed:
                found |= self._reads(o.weight)
        for o in getattr(node, "outcomes", ()):
            chance = None if o.chance == "rest" else o.chance
            found |= self._reads(chance) | self._effects(o.effects) | self._shocks(o.risk)
        return frozenset(found)

    def _incident(self, inc: Incident) -> frozenset[int]:
        return frozenset(
            self._reads(inc.condition) | self._reads(inc.chance) | self._effects(inc.effects) | self._shocks(inc.risk)
        )

    # -------------------------------------------------------------- the graph

    def _reach_reads(self, roots: list[int]) -> frozenset[int]:
        nodes = self.scenario.nodes
        seen: set[int] = set()
        found: set[int] = set()
        todo = list(roots)
        while todo:
            i = todo.pop()
            if i == RESUME or i in seen:
                continue
            seen.add(i)
            found |= self._own[i]
            n = nodes[i]
            todo.extend(o.next for o in n.options)
            todo.extend(o.next for o in n.outcomes)
        return frozenset(found)

    def _compute(self, index: int) -> frozenset[int]:
        sc = self.scenario
        when = sc.nodes[index].when
        found = set(self._always) | self._reach_reads([index])
        for inc in sc.incidents:
            reads = self._incident_reads[inc.index]  # model order; the compiled list is in time order
            if inc.end >= when:  # it may still be passed (incidents never fire before the clock)
                found |= reads
                if inc.interrupt is not None:
                    found |= self._reach_reads([inc.interrupt])
        found &= self._relevant
        found.discard(SLOT_DAY)  # day and hour follow from the clock, which is keyed anyway
        found.discard(SLOT_HOUR)
        return frozenset(found)

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

    def slots(self, node: int, resume: tuple[int, ...] = ()) -> tuple[int, ...]:
        """The slots that matter at `node` with `resume` (nodes to return to after interrupts) pending."""
        key = (node, resume)
        found = self._cache.get(key)
        if found is None:
            live = set(self._per_node[node])
            for r in resume:
                live |= self._per_node[r]
            found = self._cache[key] = tuple(sorted(live))
        return found
