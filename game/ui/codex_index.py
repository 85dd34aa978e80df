"""Which codex terms and people a text mentions, so a screen can offer them ('On this screen')."""

from __future__ import annotations

import re
from functools import lru_cache


def _pattern(word: str) -> re.Pattern:
    # acronyms match as written (SAC, not 'sac'); other words in any case; always as whole words
    flags = 0 if word.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(word)}s?(?![\w-])", flags)  # a plural links too


@lru_cache(maxsize=512)
def _compiled(word: str) -> re.Pattern:
    return _pattern(word)


def terms_in(model, text: str) -> list[str]:
    """The ids of the codex terms that `text` mentions, in the codex's order."""
    if model is None or not text:
        return []
    found = []
    for term in model.codex:
        if any(_compiled(w).search(text) for w in (term.term, *term.aliases)):
            found.append(term.id)
    return found


def people_in(model, text: str) -> list[str]:
    """The ids of the advisors with a dossier whose surname (or full name) `text` mentions."""
    if model is None or not text:
        return []
    found = []
    for pid in model.people:
        adv = model.advisors.get(pid)
        if adv is None:
            continue
        names = {adv.name, adv.name.split()[-1]}
        plain = _without(text, adv.namesakes)
        if any(_compiled(n).search(plain) for n in names if len(n) > 2):
            found.append(pid)
    return found


def _without(text: str, names: list[str]) -> str:
    """`text` with every mention of `names` blanked (a namesake's surname is not the person's)."""
    for name in names:
        text = _compiled(name).sub(lambda m: " " * len(m.group()), text)
    return text


def drivers_in(model, text: str) -> list[str]:
    """The ids of the public risk drivers whose label `text` contains."""
    if model is None or not text:
        return []
    return [d.id for d in model.risk.drivers if d.audience == "all" and d.label in text]


Key = tuple[str, str]  # ('term' | 'person' | 'driver', id): a row of the codex
_LINKS: dict[int, tuple[object, re.Pattern, dict[str, Key | None]]] = {}


def _link_pattern(model) -> tuple[re.Pattern, dict[str, Key | None]]:
    """One pattern for every name the codex explains, longest first (so 'OPLAN 312' wins over 'OPLAN')."""
    cached = _LINKS.get(id(model))
    if cached is not None and cached[0] is model:
        return cached[1], cached[2]
    names: dict[str, tuple[Key | None, bool]] = {}  # written form -> (entry or None: no link, match in any case)
    for pid in model.people:  # a namesake's full name is matched (it is longer) and links nowhere
        adv = model.advisors.get(pid)
        for other in adv.namesakes if adv is not None else ():
            names.setdefault(other, (None, False))
    for d in model.risk.drivers:
        if d.audience == "all":
            names.setdefault(d.label, (("driver", d.id), False))
    for term in model.codex:
        for w in (term.term, *term.aliases):
            names.setdefault(w, (("term", term.id), not w.isupper()))
    for pid in model.people:  # full names, then surnames (the first person declared keeps a shared one)
        adv = model.advisors.get(pid)
        if adv is not None:
            names.setdefault(adv.name, (("person", pid), False))
            short = _first_and_last(adv.name)  # 'Robert Kennedy' is RFK, though 'Kennedy' alone is JFK
            if short:
                names.setdefault(short, (("person", pid), False))
    for pid in model.people:
        adv = model.advisors.get(pid)
        if adv is not None and len(adv.name.split()[-1]) > 2:
            names.setdefault(adv.name.split()[-1], (("person", pid), False))
    keys: dict[str, Key | None] = {}
    alts = []
    for i, (word, (key, fold)) in enumerate(sorted(names.items(), key=lambda kv: -len(kv[0]))):
        group = f"g{i}"
        keys[group] = key
        alt = f"(?P<{group}>{re.escape(word)})"
        alts.append(f"(?i:{alt})" if fold else alt)  # names and acronyms as written; other words in any case
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})s?(?![\w-])") if alts else re.compile(r"(?!x)x")
    _LINKS[id(model)] = (model, pattern, keys)
    return pattern, keys


def _first_and_last(name: str) -> str:
    """A name without its title and middle parts: 'Gen. Maxwell D. Taylor' -> 'Maxwell Taylor' ('' if the same)."""
    words = [w for w in name.split() if not w.endswith(".") and w not in ("Marshal",)]
    short = f"{words[0]} {words[-1]}" if len(words) >= 2 else ""
    return short if short != name else ""


def link_spans(model, text: str) -> list[tuple[int, int, Key]]:
    """Every mention in `text` of a codex entry (term, person or public risk driver): (start, end, entry)."""
    if model is None or not text:
        return []
    pattern, keys = _link_pattern(model)
    found = []
    for m in pattern.finditer(text):
        key = keys[m.lastgroup] if m.lastgroup else None
        if key is not None:
            found.append((m.start(), m.end(), key))
    return found
