"""Map geometry (approximate lon/lat outlines, drawn in code) and what the state puts on the map.

`map_state(engine, state)` reads flags, variables and fired incidents *by pattern*, because the
scenario's names are its own: whatever it does not recognise still appears, as a note.
No pygame here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

EARTH_KM = 6371.0
NMI_KM = 1.852

NORTH_AMERICA = [
    (-126, 50),
    (-60, 50),
    (-60, 46),
    (-65.5, 43.5),
    (-67.5, 44.5),
    (-70.2, 43.6),
    (-70.7, 42.6),
    (-70.0, 41.8),
    (-71.5, 41.4),
    (-74.0, 40.6),
    (-74.1, 39.8),
    (-74.9, 38.95),
    (-75.1, 38.3),
    (-75.6, 37.4),
    (-76.0, 36.9),
    (-75.8, 36.2),
    (-75.5, 35.25),
    (-76.5, 34.7),
    (-77.9, 33.9),
    (-79.0, 33.4),
    (-79.9, 32.7),
    (-81.0, 31.9),
    (-81.4, 30.7),
    (-81.3, 29.9),
    (-80.6, 28.4),
    (-80.05, 26.7),
    (-80.15, 25.8),
    (-80.4, 25.2),
    (-81.1, 25.15),
    (-81.8, 26.1),
    (-82.2, 26.9),
    (-82.7, 27.8),
    (-82.65, 28.7),
    (-83.0, 29.1),
    (-83.7, 29.9),
    (-84.3, 30.05),
    (-85.0, 29.7),
    (-86.5, 30.4),
    (-87.2, 30.35),
    (-88.0, 30.4),
    (-89.4, 30.2),
    (-89.1, 29.3),
    (-90.5, 29.1),
    (-92.0, 29.6),
    (-93.8, 29.7),
    (-94.8, 29.3),
    (-96.5, 28.3),
    (-97.3, 27.6),
    (-97.2, 26.0),
    (-97.7, 24.0),
    (-97.8, 22.0),
    (-97.2, 20.8),
    (-96.1, 19.2),
    (-94.5, 18.2),
    (-92.5, 18.6),
    (-91.4, 18.8),
    (-90.5, 19.85),
    (-90.4, 21.0),
    (-89.0, 21.35),
    (-87.1, 21.5),
    (-87.45, 20.2),
    (-87.8, 18.5),
    (-88.2, 17.5),
    (-88.3, 15.9),
    (-86.0, 15.9),
    (-84.0, 15.8),
    (-83.2, 15.0),
    (-83.6, 13.0),
    (-83.7, 11.0),
    (-83.0, 10.0),
    (-81.5, 8.8),
    (-80.0, 9.3),
    (-77.3, 8.7),
    (-76.5, 8.5),
    (-75.6, 9.4),
    (-75.5, 10.5),
    (-74.2, 11.2),
    (-72.2, 11.9),
    (-70.2, 11.6),
    (-68.3, 10.6),
    (-66.2, 10.6),
    (-64.0, 10.6),
    (-62.0, 10.7),
    (-61.0, 10.0),
    (-59.0, 8.0),
    (-55, 5.5),
    (-55, 0),
    (-80, 0),
    (-77.5, 4.0),
    (-77.3, 7.5),
    (-79.5, 8.9),
    (-80.5, 7.5),
    (-81.5, 8.2),
    (-83.5, 8.5),
    (-85.7, 10.0),
    (-85.9, 11.2),
    (-87.5, 13.0),
    (-89.0, 13.5),
    (-91.5, 14.0),
    (-93.5, 15.8),
    (-96.0, 15.7),
    (-98.5, 16.3),
    (-101.0, 17.5),
    (-105.0, 19.5),
    (-105.5, 22.5),
    (-106.4, 23.2),
    (-108.4, 25.2),
    (-109.4, 26.3),
    (-110.9, 27.9),
    (-112.8, 30.0),
    (-114.8, 31.7),  # the head of the Gulf of California; down Baja's eastern shore
    (-113.2, 29.0),
    (-111.4, 26.0),
    (-109.9, 22.9),  # Cabo San Lucas; up the Pacific side
    (-112.1, 24.8),
    (-114.3, 27.8),
    (-115.9, 30.4),
    (-117.1, 32.5),
    (-118.4, 34.0),
    (-120.6, 34.6),
    (-122.5, 37.7),
    (-124.2, 40.4),
    (-124.7, 48.4),
    (-126, 50),
]

CUBA = [
    (-84.95, 21.87),
    (-84.45, 22.2),
    (-84.0, 22.65),
    (-83.4, 22.85),
    (-82.75, 23.05),
    (-82.35, 23.15),
    (-81.6, 23.1),
    (-81.2, 23.15),
    (-80.6, 23.05),
    (-80.0, 22.9),
    (-79.4, 22.6),
    (-78.7, 22.45),
    (-78.0, 22.3),
    (-77.4, 21.9),
    (-76.6, 21.3),
    (-75.7, 21.1),
    (-75.3, 20.75),
    (-74.5, 20.35),
    (-74.13, 20.22),
    (-74.2, 20.1),
    (-75.2, 19.9),
    (-75.8, 19.97),
    (-76.9, 19.85),
    (-77.7, 19.85),
    (-77.3, 20.3),
    (-77.1, 20.65),
    (-77.8, 20.75),
    (-78.5, 21.1),
    (-79.3, 21.55),
    (-80.0, 21.8),
    (-80.45, 22.05),
    (-81.2, 22.1),
    (-81.8, 22.2),
    (-82.0, 22.65),
    (-82.8, 22.65),
    (-83.4, 22.2),
    (-84.0, 21.9),
    (-84.5, 21.75),
]

HISPANIOLA = [
    (-73.4, 19.85),
    (-72.8, 19.95),
    (-71.7, 19.85),
    (-70.7, 19.8),
    (-69.9, 19.65),
    (-69.2, 19.3),
    (-68.35, 18.6),
    (-68.9, 18.4),
    (-69.9, 18.45),
    (-70.5, 18.2),
    (-71.1, 17.7),
    (-71.7, 18.1),
    (-72.5, 18.2),
    (-73.4, 18.2),
    (-74.45, 18.4),
    (-74.0, 18.65),
    (-72.8, 18.55),
    (-72.7, 19.3),
    (-73.4, 19.6),
]

JAMAICA = [
    (-78.35, 18.45),
    (-77.9, 18.5),
    (-77.0, 18.45),
    (-76.35, 18.15),
    (-76.25, 17.9),
    (-76.8, 17.9),
    (-77.2, 17.7),
    (-77.8, 17.85),
    (-78.35, 18.25),
]

# Islands as ellipses: (lon, lat, half-width in degrees of longitude, half-height in degrees, rotation degrees)
ISLETS = {
    "bahamas": [
        (-78.4, 26.65, 0.6, 0.1, 0),
        (-77.2, 26.4, 0.15, 0.5, -20),
        (-78.0, 24.45, 0.3, 0.65, 0),
        (-76.3, 25.1, 0.1, 0.55, -20),
        (-77.4, 25.05, 0.15, 0.06, 0),
        (-75.5, 24.4, 0.08, 0.32, -20),
        (-76.2, 23.9, 0.07, 0.42, -40),
        (-75.1, 23.2, 0.07, 0.38, -25),
        (-73.4, 21.1, 0.28, 0.13, 0),
        (-74.1, 22.5, 0.18, 0.28, 0),
        (-73.0, 22.4, 0.2, 0.07, 0),
        (-71.8, 21.8, 0.3, 0.1, 0),
    ],
    "other": [(-66.45, 18.22, 0.85, 0.2, 0), (-82.8, 21.7, 0.3, 0.22, 0)],  # Puerto Rico, Isle of Pines
}

KEYS = [(-80.4 - i * 0.14, 25.2 - i * 0.065) for i in range(11)]  # the Florida Keys, as dots

SITES = [  # the Soviet missile sites found by U-2 photography, in the order Washington learned of them
    ("San Cristóbal", -83.05, 22.71, "R-12 MRBM"),
    ("Guanajay", -82.69, 22.92, "R-14 IRBM, under construction"),
    ("Sagua la Grande", -80.08, 22.81, "R-12 MRBM"),
    ("Remedios", -79.54, 22.49, "R-14 IRBM, under construction"),
]
# When each appears on the map: San Cristóbal was shown to Kennedy on 16 October and the Guanajay IRBM
# sites were identified on 17 October (fact sheet); the other two dates are approximate (17-19 October).
SITE_FOUND = {
    "San Cristóbal": "1962-10-16T00:00",
    "Guanajay": "1962-10-17T12:00",
    "Sagua la Grande": "1962-10-17T12:00",
    "Remedios": "1962-10-18T12:00",
}
SITE_LETTERS = "ABCD"

PLACES = [  # (name, lon, lat, label side)
    ("Havana", -82.36, 23.13, "n"),
    ("Mariel", -82.75, 23.03, "w"),
    ("Guantánamo", -75.15, 19.90, "s"),
    ("Miami", -80.19, 25.77, "e"),
    ("Key West", -81.78, 24.55, "w"),
    ("Washington", -77.04, 38.90, "w"),
    ("New Orleans", -90.07, 29.95, "n"),
]

CAPE_MAISI = (-74.13, 20.22)
R12_KM = 2000.0  # the R-12s reach; the R-14s (about 4,000 km) reach beyond the map
QUARANTINE_NMI = 500


def destination(lon: float, lat: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point `km` from (lon, lat) along a great circle at `bearing_deg`."""
    d = km / EARTH_KM
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(l2), math.degrees(p2)


def ring(lon: float, lat: float, km: float, start: float = 0, end: float = 360, step: float = 4) -> list:
    n = max(2, int((end - start) / step) + 1)
    return [destination(lon, lat, start + (end - start) * i / (n - 1), km) for i in range(n)]


def ellipse(lon: float, lat: float, rx: float, ry: float, rot: float, n: int = 14) -> list:
    c, s = math.cos(math.radians(rot)), math.sin(math.radians(rot))
    pts = []
    for i in range(n):
        a = 2 * math.pi * i / n
        x, y = rx * math.cos(a), ry * math.sin(a)
        pts.append((lon + x * c - y * s, lat + x * s + y * c))
    return pts


# --------------------------------------------------------------------------- what the state shows


@dataclass
class Marker:
    number: int
    lon: float | None  # None: happened off this map (listed only)
    lat: float | None
    title: str
    when: int


@dataclass
class MapState:
    quarantine: str = ""  # '' | 'in force'
    ships: str = ""  # '' | 'approaching' | 'turned back'
    strike: bool = False
    invasion: bool = False
    sites_status: str = ""  # '' (active) | 'destroyed' | 'dismantled'
    sites: list[tuple[str, tuple]] = field(default_factory=lambda: list(zip(SITE_LETTERS, SITES, strict=True)))
    markers: list[Marker] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# incident id keywords -> where it happened (None: off this map). First match wins.
INCIDENT_PLACES: list[tuple[tuple[str, ...], tuple[float, float] | None]] = [
    (("maultsby", "stray", "chukotka", "siberia", "alaska", "ussr-airspace"), None),
    (("u2", "u-2", "anderson", "shootdown", "shot-down", "sam"), (-75.7, 20.9)),
    (("b-59", "b59", "submarine", "depth", "sub"), (-67.5, 27.0)),
    (("marucla", "boarding", "board"), (-73.5, 25.8)),
    (("bucharest", "tanker", "grozny", "ship", "vessel", "freighter"), (-70.5, 24.5)),
    (("low-level", "crusader", "recon", "flak", "anti-aircraft", "ground-fire"), (-79.8, 22.2)),
    (("guantanamo", "gitmo"), (-75.15, 19.9)),
    (("florida", "miami", "key-west"), (-80.6, 26.5)),
    (("havana", "castro", "cuba"), (-82.36, 23.13)),
]


def _place_of(incident_id: str) -> tuple[float, float] | None:
    iid = incident_id.lower()
    for keys, place in INCIDENT_PLACES:
        if any(k in iid for k in keys):
            return place
    return None


def _truthy(engine, state, words: tuple[str, ...], avoid: tuple[str, ...] = ()) -> bool:
    """Does any flag or positive variable whose name contains one of `words` hold?"""
    for name in engine.scenario.symbols:
        low = name.lower()
        if not any(w in low for w in words) or any(a in low for a in avoid):
            continue
        try:
            v = engine.value(state, name)
        except (KeyError, IndexError, AttributeError, TypeError):
            continue
        if isinstance(v, bool) and v:
            return True
    return False


def _value(engine, state, name: str, default=0):
    try:
        return engine.value(state, name)
    except (KeyError, IndexError, AttributeError, TypeError):
        return default


def _sites_status(engine, state) -> str:
    """'destroyed' or 'dismantled' once the scenario says the missiles are gone (if it has such names)."""
    if _value(engine, state, "missiles", 1) != 0 or _value(engine, state, "nuclear", 0):
        return ""
    return "destroyed" if _value(engine, state, "missiles_destroyed", False) else "dismantled"


def map_state(engine, state) -> MapState:
    """What the map shows for `state` (defensive: unknown names are simply not drawn)."""
    from game.scenario.compiled import minutes_of  # here, not at the top: the title screen must not load the core

    ms = MapState()
    found = {name: minutes_of(when) for name, when in SITE_FOUND.items()}
    ms.sites = [
        (letter, site) for letter, site in zip(SITE_LETTERS, SITES, strict=True) if found[site[0]] <= state.clock
    ]
    ms.sites_status = _sites_status(engine, state)
    ms.quarantine = (
        "in force"
        if _truthy(engine, state, ("quarantine", "blockade"), ("lift", "end", "propos", "consider", "debat"))
        else ""
    )
    turned = _truthy(engine, state, ("turned", "turn_back", "turnback", "ships_stop", "halt"))
    ms.strike = _truthy(engine, state, ("strike", "bomb"), ("consider", "propos", "plan", "ready", "set"))
    ms.invasion = _truthy(engine, state, ("invasion", "invade", "landing"), ("consider", "propos", "plan", "ready"))
    fired = set(state.fired)
    when_of = {p.node: p.when for p in state.path if p.kind == "incident"}
    titles = {inc.id: inc.title for inc in engine.scenario.incidents}
    for n, iid in enumerate(state.fired, 1):
        if any(w in iid.lower() for w in ("turn", "halt")):
            turned = True
        place = _place_of(iid)
        ms.markers.append(
            Marker(
                n,
                place[0] if place else None,
                place[1] if place else None,
                titles.get(iid, iid.replace("-", " ")),
                when_of.get(iid, state.clock),
            )
        )
    if ms.quarantine or turned or any("ship" in f for f in fired):
        ms.ships = "turned back" if turned else "approaching"
    return ms
