"""Scenario formats older than the current one, upgraded on load.

Format 1 had its world built into the game: two sides ('us' played by the player, 'ussr' by the
scenario's policy), a calendar whose `day` was the day of October of the year the nodes are set in,
and a fixed list of ending categories. Format 2 makes the scenario declare all of it. Upgrading a
format-1 file adds exactly that old world, so a format-1 scenario plays as it always did; keys
the author already wrote win.
"""

from __future__ import annotations

from typing import Any

_V1_SIDES = {
    "us": {"name": "Washington", "country": "The United States", "intel_title": "What Washington knows"},
    "ussr": {"name": "Moscow", "country": "The Soviet Union", "intel_title": "What Moscow knows"},
    "cuba": {"name": "Havana", "country": "Cuba", "intel_title": "What Havana knows", "plays": False},
    "un": {"name": "The United Nations", "intel_title": "What the United Nations knows", "plays": False},
}
_V1_ENDINGS = {
    "historical": {"label": "As it happened: a settlement", "documented": True},
    "negotiated": {"label": "A negotiated settlement"},
    "us-climbdown": {"label": "An American climb-down"},
    "soviet-climbdown": {"label": "A Soviet climb-down"},
    "conventional-war": {"label": "Conventional war"},
    "berlin-crisis": {"label": "Crisis over Berlin"},
    "limited-nuclear": {"label": "Limited nuclear war", "catastrophic": True},
    "general-nuclear": {"label": "General nuclear war", "catastrophic": True},
    "stalemate": {"label": "Stalemate"},
}


def _year_of(data: dict[str, Any]) -> str:
    """The year format 1's October belonged to: that of the first node with a well-formed date."""
    for node in data.get("nodes") or []:
        when = node.get("when") if isinstance(node, dict) else None
        if isinstance(when, str) and len(when) >= 4 and when[:4].isdigit():
            return when[:4]
    return "1962"


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """The data of a scenario file in the current format (a new dict; the input is not changed)."""
    if data.get("format_version") != 1:
        return data
    out = dict(data)
    out.setdefault("calendar", {"day_one": f"{_year_of(data)}-10-01", "description": "day of October"})
    out.setdefault("sides", _V1_SIDES)
    out.setdefault("endings", _V1_ENDINGS)
    return out
