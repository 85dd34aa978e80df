"""Turn a validated `Scenario` model into a `CompiledScenario` for the engine.

Checks everything the models cannot: references between nodes, advisors and
sources, and every expression (syntax, names, types). Problems are collected,
not raised one at a time, so an author sees all of them in one run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from game.scenario.compile_map import compile_map
from game.scenario.compiled import (
    BUILTINS,
    EVERYONE,
    FACILITATOR,
    JOINT,
    RESUME,
    Bound,
    Calendar,
    CompiledScenario,
    IntelLine,
    RAdvisor,
    RAssessment,
    RDriver,
    REffect,
    RIncident,
    RNode,
    ROption,
    ROptionVariant,
    ROutcome,
    RSecret,
    RShock,
    Subject,
    minutes_of,
)
from game.scenario.expressions import (
    NAME_PATTERN,
    RESERVED,
    Compiled,
    ExpressionError,
    Kind,
    Symbol,
    Values,
    compile_effect,
    compile_expression,
)
from game.scenario.models import (
    AdvisorStance,
    ChanceNode,
    DecisionNode,
    Intel,
    IntelItem,
    Option,
    Outcome,
    PrivateText,
    Scenario,
    Shock,
)
from game.scenario.yaml_source import Path

_PROBABILITY = (0.0, 1.0, "a probability")
HISTORICAL_WEIGHT = 3  # a computer-played option without a weight: the 1962 choice is three times as likely

Report = Callable[[Path, str, str, str], None]  # (data path, field, message, fix)


def build_symbols(scenario: Scenario) -> tuple[dict[str, Symbol], Values, list[str], list[Bound]]:
    """Assign a slot to every built-in, variable and flag; return symbols, initial values, names, bounds."""
    symbols: dict[str, Symbol] = {}
    initial: Values = []
    names: list[str] = []
    bounds: list[Bound] = []
    for name in BUILTINS:
        symbols[name] = Symbol(len(initial), "number", writable=False)
        initial.append(0.0)
        names.append(name)
        bounds.append((None, None))
    for name, var in scenario.variables.items():
        symbols[name] = Symbol(len(initial), "number")
        initial.append(float(var.initial))
        names.append(name)
        bounds.append((var.min, var.max))
    for name, flag in scenario.flags.items():
        symbols[name] = Symbol(len(initial), "bool")
        initial.append(bool(flag.initial))
        names.append(name)
        bounds.append((None, None))
    return symbols, initial, names, bounds


class _Compiler:
    def __init__(self, scenario: Scenario, path: str, report: Report):
        self.s = scenario
        self.path = path
        self.report = report
        self.symbols, self.initial, self.names, self.bounds = build_symbols(scenario)
        self.used: set[str] = set()  # every name some expression reads
        self.node_ids = [n.id for n in scenario.nodes]
        self.index: dict[str, int] = {}
        for i, node in enumerate(scenario.nodes):
            if node.id in self.index:
                report(("nodes", i, "id"), "id", f"duplicate node id '{node.id}'", "give every node its own id")
            else:
                self.index[node.id] = i
        # Names shared by variables and flags would be ambiguous.
        for name in set(scenario.variables) & set(scenario.flags):
            report(("flags", name), name, "declared both as a variable and as a flag", "rename one of them")
        for name in set(BUILTINS) & (set(scenario.variables) | set(scenario.flags)):
            report(("variables", name), name, f"'{name}' is a built-in name", "choose another name")
        for group in ("variables", "flags"):
            for name in getattr(scenario, group):
                if not NAME_PATTERN.fullmatch(name) or name in RESERVED:
                    why = "is a word of the expression language" if name in RESERVED else "cannot be read"
                    report(
                        (group, name),
                        name,
                        f"the name '{name}' {why}",
                        "use letters, digits and _ (not first a digit), and none of: " + ", ".join(sorted(RESERVED)),
                    )

    # -- small helpers ----------------------------------------------------

    def expr(
        self, source: object, at: Path, field: str, want: Kind, within: tuple[float, float, str] | None = None
    ) -> Compiled:
        """Compile one expression; `within` = (low, high, what) checks a constant value's range."""
        try:
            compiled = compile_expression(
                str(source) if not isinstance(source, bool) else str(source).lower(), self.symbols, want
            )
        except ExpressionError as exc:
            self.report(
                at,
                field,
                exc.message + (f" (column {exc.position + 1})" if exc.position is not None else ""),
                exc.hint or f"check the expression '{exc.source}'",
            )
            return (lambda v: False) if want == "bool" else (lambda v: 0.0)
        self.used |= compiled.names
        if within is not None and isinstance(compiled.constant, float):
            low, high, what = within
            shown = f"{compiled.constant:g}"
            if compiled.constant < low and high == float("inf"):
                self.report(at, field, f"{what} is {shown}; it cannot be negative", "write 0 or more")
            elif not low <= compiled.constant <= high:
                self.report(at, field, f"{what} is {shown}, outside {low:g}–{high:g}", f"write {what} in that range")
        return compiled.fn

    def effects(self, sources: list[str], at: Path) -> tuple[REffect, ...]:
        result = []
        for i, source in enumerate(sources):
            try:
                eff = compile_effect(source, self.symbols)
            except ExpressionError as exc:
                self.report(at + ("effects", i), "effects", exc.message, exc.hint or "write e.g. 'tension += 1'")
                continue
            self.used |= eff.value.names
            lo, hi = self.bounds[eff.slot]
            result.append(REffect(eff.slot, eff.op, eff.value.fn, lo, hi, source))
        return tuple(result)

    def shocks(self, shocks: list[Shock], at: Path, audience: str = EVERYONE) -> tuple[RShock, ...]:
        return tuple(
            RShock(
                s.label,
                self.expr(s.hazard, at + ("risk", i, "hazard"), "risk.hazard", "number", _PROBABILITY),
                self.cause_flag(s.cause, at + ("risk", i, "cause")),
                audience if s.audience is None else self.narrower(s.audience, audience, at + ("risk", i)),
            )
            for i, s in enumerate(shocks)
        )

    def narrower(self, value: str, wider: str, at: Path, field: str = "audience") -> str:
        """An audience inside `wider` (the move's or incident's): a danger or a part of a story may be told to
        fewer than learn of the event, never to more."""
        found = self.audience(value, at + (field,), field)
        if field == "to" and found == EVERYONE:
            self.report(
                at + (field,), field, "a private part told to 'all' is not private", "give a side or 'facilitator'"
            )
        elif found != FACILITATOR and wider != EVERYONE and not set(found.split(JOINT)) <= set(wider.split(JOINT)):
            self.report(
                at + (field,),
                field,
                f"'{value}' would learn of what only '{wider}' learns of",
                f"give '{wider}' or 'facilitator', or leave it out",
            )
        return found

    def private(self, parts: list[PrivateText], at: Path, wider: str) -> tuple[tuple[str, str], ...]:
        return tuple((self.narrower(p.to, wider, at + ("private", i), "to"), p.text) for i, p in enumerate(parts))

    def audience(self, value: str, at: Path, field: str = "audience") -> str:
        """'all', 'facilitator', a declared side, or sides joined by '+' (put in the order they are declared);
        anything else is reported."""
        if value in (EVERYONE, FACILITATOR) or value in self.s.sides:
            return value
        parts = value.split(JOINT)
        if len(parts) > 1 and all(p in self.s.sides for p in parts):
            if len(set(parts)) < len(parts):
                self.report(at, field, f"'{value}' names a side twice", "name each side once")
            return JOINT.join(s for s in self.s.sides if s in parts)
        if len(parts) > 1:
            wrong = next(p for p in parts if p not in self.s.sides)
            close = difflib.get_close_matches(wrong, list(self.s.sides), n=1)
            fix = f"did you mean '{close[0]}'?" if close else f"join sides from: {', '.join(self.s.sides)}"
            self.report(at, field, f"'{wrong}' in '{value}' is not a side", fix)
            return FACILITATOR
        known = [EVERYONE, *self.s.sides, FACILITATOR]
        close = difflib.get_close_matches(value, known, n=1)
        fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(known)}"
        self.report(at, field, f"'{value}' is not an audience", fix)
        return FACILITATOR  # hide what cannot be placed rather than show it to everyone

    def side(self, value: str, at: Path, field: str, playing: bool = True) -> str:
        spec = self.s.sides.get(value)
        if spec is not None and (spec.plays or not playing):
            return value
        known = [sid for sid, sp in self.s.sides.items() if sp.plays or not playing]
        if spec is not None:
            self.report(at, field, f"side '{value}' does not play (plays: false)", f"use one of: {', '.join(known)}")
        else:
            close = difflib.get_close_matches(value, known, n=1)
            fix = (
                f"did you mean '{close[0]}'?"
                if close
                else f"declare it under 'sides:' or use one of: {', '.join(known)}"
            )
            self.report(at, field, f"no side has the id '{value}'", fix)
        return value

    def intel(self, items: list[Intel], at: Path, default: str) -> tuple[IntelLine, ...]:
        lines = []
        for k, item in enumerate(items):
            if isinstance(item, IntelItem):
                lines.append(IntelLine(item.text, self.audience(item.audience, at + (k, "audience"))))
            else:
                lines.append(IntelLine(item, default))
        return tuple(lines)

    def cause_flag(self, name: str | None, at: Path) -> int | None:
        if name is None:
            return None
        if name in self.s.flags:
            return self.symbols[name].slot
        close = difflib.get_close_matches(name, list(self.s.flags), n=1)
        fix = f"did you mean '{close[0]}'?" if close else "declare it under 'flags:'"
        self.report(at, "cause", f"'{name}' is not a flag", fix)
        return None

    def target(self, name: str, at: Path, field: str = "next", allow_resume: bool = True) -> int:
        if name == "@resume" and allow_resume:
            return RESUME
        if name in self.index:
            return self.index[name]
        close = difflib.get_close_matches(name, self.node_ids, n=1)
        fix = f"did you mean '{close[0]}'?" if close else "name the id of a node in 'nodes:'"
        self.report(at, field, f"no node has the id '{name}'", fix)
        return 0

    def sources(self, ids: list[str], at: Path) -> tuple[str, ...]:
        for i, sid in enumerate(ids):
            if sid not in self.s.sources:
                close = difflib.get_close_matches(sid, list(self.s.sources), n=1)
                fix = f"did you mean '{close[0]}'?" if close else "add it to the scenario's 'sources:'"
                self.report(at + ("sources", i), "sources", f"unknown source '{sid}'", fix)
        return tuple(ids)

    # -- the parts -----------------------------------------------------------

    def node(self, i: int) -> RNode:
        n = self.s.nodes[i]
        at = ("nodes", i)
        base = RNode(
            index=i,
            id=n.id,
            kind=n.kind,
            when=minutes_of(n.when),
            title=n.title,
            text=n.text,
            invented=n.invented,
            sources=self.sources(n.sources, at),
            history=getattr(n, "history", ""),
        )
        if isinstance(n, DecisionNode):
            base.actor = self.side(n.actor, at + ("actor",), "actor")
            base.intel = self.intel(n.intel, at + ("intel",), n.actor)
            base.variants = tuple(
                (
                    self.expr(v.condition, at + ("variants", j, "condition"), "condition", "bool"),
                    v.text,
                    None if v.intel is None else self.intel(v.intel, at + ("variants", j, "intel"), n.actor),
                )
                for j, v in enumerate(n.variants)
            )
            base.recalls = tuple(n.recalls)
            base.variant_extras = tuple((v.title, tuple(v.recalls)) for v in n.variants)
            told = base.audience = self.audience(n.audience, at + ("audience",))
            base.options = tuple(self.option(o, at + ("options", j), told) for j, o in enumerate(n.options))
            self.unique([o.id for o in n.options], at, "options", "option")
            if not any(o.condition is None for o in n.options):
                pass  # availability may depend on state; validate.py checks no dead ends by sampling
        elif isinstance(n, ChanceNode):
            base.outcomes = tuple(self.outcome(o, at + ("outcomes", j)) for j, o in enumerate(n.outcomes))
            self.unique([o.id for o in n.outcomes], at, "outcomes", "outcome")
            self.check_chances(n, at)
        else:
            base.category = n.category
            base.debrief = n.debrief
            base.effects = self.effects(n.effects, at)
            base.claims = tuple(self.claim(a, c, at + ("claims", a)) for a, c in n.claims.items())
            if n.category not in self.s.endings:
                close = difflib.get_close_matches(n.category, list(self.s.endings), n=1)
                fix = f"did you mean '{close[0]}'?" if close else "declare it under 'endings:'"
                self.report(at + ("category",), "category", f"no ending category '{n.category}'", fix)
        return base

    def unique(self, ids: list[str], at: Path, field: str, what: str) -> None:
        seen = set()
        for j, oid in enumerate(ids):
            if oid in seen:
                self.report(
                    at + (field, j, "id"), field, f"duplicate {what} id '{oid}'", f"give every {what} its own id"
                )
            seen.add(oid)

    def check_chances(self, n: ChanceNode, at: Path) -> None:
        rests = [j for j, o in enumerate(n.outcomes) if o.chance == "rest"]
        constants, dynamic = [], False
        for o in n.outcomes:
            if o.chance == "rest":
                continue
            try:
                c = compile_expression(str(o.chance), self.symbols, "number")
            except ExpressionError:
                return  # already reported
            if c.constant is None:
                dynamic = True
            else:
                constants.append(float(c.constant))
        if len(rests) > 1:
            self.report(
                at + ("outcomes", rests[1], "chance"),
                "outcomes",
                "more than one outcome has chance 'rest'",
                "only one outcome may take what remains",
            )
        elif dynamic and not rests:
            self.report(
                at + ("outcomes",),
                "outcomes",
                "chances depend on the state but no outcome takes the 'rest'",
                "give one outcome 'chance: rest' so the chances always sum to one",
            )
        elif not rests and not abs(sum(constants) - 1) <= 1e-9:  # written so that NaN fails it
            self.report(
                at + ("outcomes",),
                "outcomes",
                f"chances sum to {sum(constants):g}, not 1",
                "make them add up to 1, or give one outcome 'chance: rest'",
            )
        elif rests and not sum(constants) <= 1 + 1e-9:
            self.report(
                at + ("outcomes",),
                "outcomes",
                f"fixed chances already sum to {sum(constants):g}",
                "lower them so the 'rest' is not negative",
            )

    def claim(self, assessment: str, case: str, at: Path) -> tuple[str, str]:
        """An ending's claim names an assessment and one of its cases by id."""
        found = next((a for a in self.s.assessment if a.id == assessment), None)
        if found is None:
            known = [a.id for a in self.s.assessment]
            close = difflib.get_close_matches(assessment, known, n=1)
            fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(known) or 'none declared'}"
            self.report(at, "claims", f"no assessment '{assessment}'", fix)
        elif case not in [c.id for c in found.cases]:
            known = [c.id for c in found.cases if c.id]
            close = difflib.get_close_matches(case, known, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "give the case an 'id:' under 'assessment:'"
            self.report(at, "claims", f"assessment '{assessment}' has no case '{case}'", fix)
        return assessment, case

    def advisors(self, stances: list[AdvisorStance], at: Path) -> tuple[RAdvisor, ...]:
        advisors = []
        for k, stance in enumerate(stances):
            adv = self.s.advisors.get(stance.who)
            if adv is None:
                close = difflib.get_close_matches(stance.who, list(self.s.advisors), n=1)
                fix = f"did you mean '{close[0]}'?" if close else "add them under 'advisors:'"
                self.report(at + (k, "who"), "advisors", f"unknown advisor '{stance.who}'", fix)
                continue
            cond = stance.condition
            advisors.append(
                RAdvisor(
                    stance.who,
                    adv.name,
                    adv.role,
                    stance.argument,
                    None if cond is None else self.expr(cond, at + (k, "condition"), "condition", "bool"),
                    adv.short,
                    stance.stance or "",
                )
            )
        return tuple(advisors)

    def option(self, o: Option, at: Path, told: str = EVERYONE) -> ROption:
        variants = tuple(
            ROptionVariant(
                self.expr(v.condition, at + ("variants", j, "condition"), "condition", "bool"),
                v.text,
                v.detail,
                None if v.advisors is None else self.advisors(v.advisors, at + ("variants", j, "advisors")),
                v.outcome,
                v.headline,
            )
            for j, v in enumerate(o.variants)
        )
        return ROption(
            id=o.id,
            text=o.text,
            detail=o.detail,
            advisors=self.advisors(o.advisors, at + ("advisors",)),
            condition=None if o.condition is None else self.expr(o.condition, at + ("condition",), "condition", "bool"),
            unavailable=o.unavailable,
            effects=self.effects(o.effects, at),
            shocks=self.shocks(
                o.risk, at, told if o.audience is None else self.audience(o.audience, at + ("audience",))
            ),
            next=self.target(o.next, at + ("next",)),
            historical=o.historical,
            tags=tuple(o.tags),
            weight=self.expr(
                o.weight if o.weight is not None else (HISTORICAL_WEIGHT if o.historical else 1),
                at + ("weight",),
                "weight",
                "number",
                (0.0, float("inf"), "a weight"),
            ),
            outcome=o.outcome,
            audience=told if o.audience is None else self.audience(o.audience, at + ("audience",)),
            variants=variants,
            headline=o.headline,
            major=o.major,
        )

    def outcome(self, o: Outcome, at: Path) -> ROutcome:
        chance = None if o.chance == "rest" else self.expr(o.chance, at + ("chance",), "chance", "number", _PROBABILITY)
        return ROutcome(
            id=o.id,
            text=o.text,
            chance=chance,
            effects=self.effects(o.effects, at),
            shocks=self.shocks(o.risk, at, self.audience(o.audience, at + ("audience",))),
            next=self.target(o.next, at + ("next",)),
            historical=o.historical,
            audience=self.audience(o.audience, at + ("audience",)),
            headline=o.headline,
            major=o.major,
        )

    def incident(self, i: int) -> RIncident:
        inc = self.s.incidents[i]
        at = ("incidents", i)
        start, end = minutes_of(inc.window.start), minutes_of(inc.window.end)
        if end < start:
            self.report(at + ("window",), "window", "the window ends before it starts", "swap 'from' and 'to'")
        return RIncident(
            index=i,
            id=inc.id,
            title=inc.title,
            text=inc.text,
            start=start,
            end=end,
            condition=None
            if inc.condition is None
            else self.expr(inc.condition, at + ("condition",), "condition", "bool"),
            chance=self.expr(inc.chance, at + ("chance",), "chance", "number", _PROBABILITY),
            effects=self.effects(inc.effects, at),
            shocks=self.shocks(inc.risk, at, self.audience(inc.audience, at + ("audience",))),
            interrupt=None
            if inc.interrupt is None
            else self.target(inc.interrupt, at + ("interrupt",), "interrupt", False),
            historical=inc.historical,
            invented=inc.invented,
            sources=self.sources(inc.sources, at),
            audience=self.audience(inc.audience, at + ("audience",)),
            major=inc.major,
            private=self.private(inc.private, at, self.audience(inc.audience, at + ("audience",))),
        )

    def build(self) -> CompiledScenario:
        s = self.s
        self.world()
        self.classroom()
        nodes = [self.node(i) for i in range(len(s.nodes))]
        incidents = [self.incident(i) for i in range(len(s.incidents))]
        seen = set()
        for i, inc in enumerate(s.incidents):
            if inc.id in seen:
                self.report(("incidents", i, "id"), "id", f"duplicate incident id '{inc.id}'", "rename one")
            seen.add(inc.id)
        start = self.target(s.start, ("start",), "start", False)
        catastrophe = self.target(s.risk.catastrophe, ("risk", "catastrophe"), "risk.catastrophe", False)
        if s.risk.catastrophe in self.index and s.nodes[self.index[s.risk.catastrophe]].kind != "chance":
            self.report(
                ("risk", "catastrophe"),
                "risk.catastrophe",
                "must name a chance node",
                "point it at a chance node whose outcomes lead to the nuclear endings",
            )
        drivers = [
            RDriver(
                d.id,
                d.label,
                self.expr(d.per_day, ("risk", "drivers", i, "per_day"), "per_day", "number", _PROBABILITY),
                self.cause_flag(d.cause, ("risk", "drivers", i, "cause")),
                self.audience(d.audience, ("risk", "drivers", i, "audience")),
            )
            for i, d in enumerate(s.risk.drivers)
        ]
        defcon: list[tuple[int, Compiled]] = [
            (lvl.level, self.expr(lvl.condition, ("risk", "defcon", i, "condition"), "defcon.condition", "bool"))
            for i, lvl in enumerate(s.risk.defcon)
        ]
        assessments = []
        for i, a in enumerate(s.assessment):
            cases = tuple(
                (
                    None
                    if c.condition is None
                    else self.expr(c.condition, ("assessment", i, "cases", j, "condition"), "condition", "bool"),
                    c.text,
                    c.score,
                )
                for j, c in enumerate(a.cases)
            )
            assessments.append(RAssessment(a.id, a.label, cases, tuple(c.id for c in a.cases)))
        for section in ("briefing", "historiography", "unknowns"):
            for i, page in enumerate(getattr(s, section)):
                self.sources(page.sources, (section, i))
        rmap = compile_map(s.map, self.expr, self.report, [inc.id for inc in s.incidents])
        return CompiledScenario(
            model=s,
            path=self.path,
            nodes=nodes,
            by_id={n.id: n for n in nodes},
            start=start,
            catastrophe=catastrophe,
            incidents=sorted(incidents, key=lambda x: (x.start, x.index)),
            drivers=drivers,
            defcon=defcon,
            max_step_hazard=s.risk.max_step_hazard,
            symbols=self.symbols,
            initial=self.initial,
            assessments=assessments,
            slot_names=self.names,
            used_names=frozenset(self.used),
            bounds=self.bounds,
            calendar=self.calendar(),
            secrets=self.secrets(),
            slot_audiences=self.slot_audiences(),
            catastrophic=frozenset(cid for cid, c in s.endings.items() if c.catastrophic),
            documented_category=self.documented_category(),
            map=rmap,
            subjects=self.subjects(),
            denials=self.subjects("denied_by"),
            defcon_notes=tuple(lvl.note for lvl in s.risk.defcon),
        )

    def subjects(self, key: str = "subject") -> tuple[Subject, ...]:
        """Each flag's subject words (or, with key 'denied_by', its denials), compiled, for the story checks."""
        out = []
        for name, flag in self.s.flags.items():
            patterns = []
            for k, source in enumerate(getattr(flag, key)):
                try:
                    patterns.append(re.compile(source, re.IGNORECASE))
                except re.error as exc:
                    self.report(("flags", name, key, k), key, f"not a regular expression: {exc}", "fix it")
            if patterns:
                out.append((self.symbols[name].slot, name, tuple(patterns)))
        return tuple(out)

    # -- the world the scenario declares ---------------------------------------

    def calendar(self) -> Calendar:
        day_one = minutes_of(f"{self.s.calendar.day_one}T00:00")
        return Calendar(day_one, minutes_of(f"{self.s.calendar.day_one[:4]}-01-01T00:00"))

    def secrets(self) -> tuple[RSecret, ...]:
        out = []
        for i, sec in enumerate(self.s.secrets):
            at = ("secrets", i)
            cond = sec.revealed_when
            out.append(
                RSecret(
                    sec.id,
                    sec.title,
                    sec.text,
                    self.audience(sec.known_to, at + ("known_to",), "known_to"),
                    None if cond is None else self.expr(cond, at + ("revealed_when",), "revealed_when", "bool"),
                    sec.invented,
                )
            )
            self.sources(sec.sources, at)
        self.unique([sec.id for sec in self.s.secrets], (), "secrets", "secret")
        return tuple(out)

    def slot_audiences(self) -> list[str]:
        out = [EVERYONE] * len(BUILTINS)
        out += [self.audience(v.audience, ("variables", n, "audience")) for n, v in self.s.variables.items()]
        out += [self.audience(f.audience, ("flags", n, "audience")) for n, f in self.s.flags.items()]
        return out

    def documented_category(self) -> str | None:
        marked = [cid for cid, c in self.s.endings.items() if c.documented]
        if len(marked) > 1:
            self.report(("endings",), "endings", f"{len(marked)} categories are marked documented", "mark one")
        return marked[0] if marked else None

    def world(self) -> None:
        """Cross-references of the declared world: the player's side, advisors' sides, leaders."""
        s = self.s
        self.side(s.player, ("player",), "player")
        for aid, adv in s.advisors.items():
            self.side(adv.side, ("advisors", aid, "side"), "side", playing=False)
        for sid, spec in s.sides.items():
            if spec.leader is not None and spec.leader not in s.advisors:
                self.report(
                    ("sides", sid, "leader"),
                    "leader",
                    f"no advisor has the id '{spec.leader}'",
                    "name an advisor from 'advisors:'",
                )
        for name in (EVERYONE, FACILITATOR):
            if name in s.sides:
                self.report(("sides", name), name, f"'{name}' is a reserved audience", "give the side another id")
        self.presentation()

    def presentation(self) -> None:
        """People, codex and documents name advisors, sources and nodes that exist."""
        s = self.s
        for pid, person in s.people.items():
            if pid not in s.advisors:
                self.report(("people", pid), pid, f"no advisor has the id '{pid}'", "key a dossier by an advisor id")
            for k, src in enumerate(person.sources):
                if src not in s.sources:
                    self.report(("people", pid, "sources", k), src, f"unknown source '{src}'", "add it to 'sources:'")
        seen: set[str] = set()
        for k, term in enumerate(s.codex):
            if term.id in seen:
                self.report(("codex", k, "id"), term.id, f"two codex terms have the id '{term.id}'", "rename one")
            seen.add(term.id)
            for j, src in enumerate(term.sources):
                if src not in s.sources:
                    self.report(("codex", k, "sources", j), src, f"unknown source '{src}'", "add it to 'sources:'")
        nodes = {n.id: n for n in s.nodes}
        for k, d in enumerate(s.documents):
            node = nodes.get(d.node)
            if node is None:
                self.report(("documents", k, "node"), d.node, f"no node has the id '{d.node}'", "name a node id")
                continue
            moves = [o.id for o in getattr(node, "options", [])] + [o.id for o in getattr(node, "outcomes", [])]
            if d.option is not None and d.option not in moves:
                self.report(
                    ("documents", k, "option"), d.option, f"node '{d.node}' has no option '{d.option}'", "name one"
                )

    def _decision(self, node_id: str, at: Path, field: str) -> DecisionNode | None:
        i = self.index.get(node_id)
        if i is None or self.s.nodes[i].kind != "decision":
            close = difflib.get_close_matches(node_id, [n.id for n in self.s.nodes if n.kind == "decision"], n=1)
            fix = f"did you mean '{close[0]}'?" if close else "name a decision node's id"
            self.report(at, field, f"no decision node has the id '{node_id}'", fix)
            return None
        node = self.s.nodes[i]
        return node if isinstance(node, DecisionNode) else None

    def _option(self, node: DecisionNode | None, option: str | None, at: Path, field: str) -> None:
        if node is None or option is None or option in {o.id for o in node.options}:
            return
        close = difflib.get_close_matches(option, [o.id for o in node.options], n=1)
        fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(o.id for o in node.options)}"
        self.report(at, field, f"'{option}' is not an option of '{node.id}'", fix)

    def classroom(self) -> None:
        """Cross-references of the classroom data: roles' sides, advisors and decisions, the plan's nodes."""
        s = self.s
        for rid, role in s.roles.items():
            self.side(role.side, ("roles", rid, "side"), "side", playing=False)
            if role.team is not None:
                self.side(role.team, ("roles", rid, "team"), "team")
            for k, who in enumerate(role.speaks_for):
                if who not in s.advisors:
                    self.report(
                        ("roles", rid, "speaks_for", k),
                        "speaks_for",
                        f"unknown advisor '{who}'",
                        "add them under 'advisors:'",
                    )
            for k, arg in enumerate(role.arguments):
                self._decision(arg.at, ("roles", rid, "arguments", k, "at"), "at")
            self.sources(role.sources, ("roles", rid))
        leaders: dict[str, int] = {}
        for role in s.roles.values():
            leaders[role.side] = leaders.get(role.side, 0) + role.decides
        for side, n in leaders.items():
            if n > 1:
                self.report(("roles",), "decides", f"{n} roles decide for side '{side}'", "mark one 'decides: true'")
        plan = s.classroom
        if plan is None:
            return
        for k, node_id in enumerate(plan.key):
            self._decision(node_id, ("classroom", "key", k), "key")
        for node_id, option in plan.defaults.items():
            node = self._decision(node_id, ("classroom", "defaults", node_id), "defaults")
            self._option(node, option, ("classroom", "defaults", node_id), "defaults")
        incidents = {inc.id for inc in s.incidents}
        for k, inc_id in enumerate(plan.injects):
            if inc_id not in incidents:
                self.report(
                    ("classroom", "injects", k), "injects", f"no incident has the id '{inc_id}'", "name an incident"
                )
        for k, q in enumerate(plan.questions):
            node = self._decision(q.at, ("classroom", "questions", k, "at"), "at")
            self._option(node, q.option, ("classroom", "questions", k, "option"), "option")


def compile_scenario(scenario: Scenario, path: str, report: Report) -> CompiledScenario:
    """Compile `scenario`; every problem found is passed to `report`."""
    return _Compiler(scenario, path, report).build()
