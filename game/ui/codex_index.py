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
        if any(_compiled(n).search(text) for n in names if len(n) > 2):
            found.append(pid)
    return found


def drivers_in(model, text: str) -> list[str]:
    """The ids of the public risk drivers whose label `text` contains."""
    if model is None or not text:
        return []
    return [d.id for d in model.risk.drivers if d.audience == "all" and d.label in text]
