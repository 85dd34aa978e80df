"""The Caribbean map, drawn in code: coasts, missile sites, range rings, the quarantine line, incidents.

The static layer (sea, land, rings, names) is drawn once per size and palette and cached; what the
state adds (quarantine, ships, incident markers) is drawn over it.
"""

from __future__ import annotations

import math

import pygame

from game import wording as fmt
from game.ui import map_data as md
from game.ui.widgets.text import Typeface

LON_C, LAT_C = -79.5, 27.0  # a little east of Florida: room for the ships beyond the quarantine line
SPAN_LON, SPAN_LAT = 38.0, 26.0
K = math.cos(math.radians(LAT_C))


class Projection:
    def __init__(
        self,
        rect: pygame.Rect,
        lon_c: float = LON_C,
        lat_c: float = LAT_C,
        span_lon: float = SPAN_LON,
        span_lat: float = SPAN_LAT,
    ):
        self.rect = rect
        self.lon_c, self.lat_c = lon_c, lat_c
        self.k = math.cos(math.radians(lat_c))
        self.s = min(rect.w / (span_lon * self.k), rect.h / span_lat)

    def __call__(self, lon: float, lat: float) -> tuple[int, int]:
        return (
            round(self.rect.centerx + (lon - self.lon_c) * self.k * self.s),
            round(self.rect.centery - (lat - self.lat_c) * self.s),
        )

    def km_px(self) -> float:
        return self.s / 111.2


MAIN_ASPECT = SPAN_LON * K / SPAN_LAT  # width / height of the main map at its natural scale
INSET_VIEW = (-81.5, 22.6, 5.4, 1.9)  # western and central Cuba: centre lon, lat, span lon, lat
INSET_ASPECT = 2.6
INSET_CORNER = (-86.2, 24.2)  # the inset's top-right corner may come no further east or north than this


class Labels:
    """Places labels without overlap: each tries a few positions around its anchor, avoiding markers and
    labels already placed; a minor label that fits nowhere is left out (the legend still explains it)."""

    SIDES = {
        "e": ("e", "ne", "se", "n", "s", "w"),
        "w": ("w", "nw", "sw", "n", "s", "e"),
        "n": ("n", "ne", "nw", "e", "w", "s"),
        "s": ("s", "se", "sw", "e", "w", "n"),
    }

    def __init__(self, tf: Typeface, bounds: pygame.Rect):
        self.tf = tf
        self.bounds = pygame.Rect(bounds)
        self.obstacles: list[pygame.Rect] = []  # markers: dots, triangles, ships, incident circles
        self.placed: list[tuple[str, pygame.Rect]] = []
        self.skipped: list[str] = []
        self._style: dict[str, dict] = {}

    def mark(self, rect: pygame.Rect) -> None:
        self.obstacles.append(pygame.Rect(rect))

    def mark_point(self, p: tuple[int, int], r: int) -> None:
        self.obstacles.append(pygame.Rect(p[0] - r, p[1] - r, 2 * r + 1, 2 * r + 1))

    def _rect_at(self, size: tuple[int, int], pos: tuple[int, int], side: str, d: int) -> pygame.Rect:
        r = pygame.Rect((0, 0), size)
        x, y = pos
        if side == "e":
            r.midleft = (x + d, y)
        elif side == "w":
            r.midright = (x - d, y)
        elif side == "n":
            r.midbottom = (x, y - d)
        elif side == "s":
            r.midtop = (x, y + d)
        elif side == "ne":
            r.bottomleft = (x + d // 2, y - d // 2)
        elif side == "nw":
            r.bottomright = (x - d // 2, y - d // 2)
        elif side == "se":
            r.topleft = (x + d // 2, y + d // 2)
        else:  # sw
            r.topright = (x - d // 2, y + d // 2)
        return r

    def free(self, r: pygame.Rect) -> bool:
        return (
            self.bounds.contains(r)
            and r.collidelist(self.obstacles) < 0
            and r.collidelist([p for _, p in self.placed]) < 0
        )

    def place(self, text: str, pos, side: str, *, required: bool = False, **style) -> None:
        """Place a label at `pos` (or the first of several anchor points that has room); `style` (color,
        role) is kept for `draw`. Required labels try more positions and further out before giving up."""
        tf = self.tf
        role = style.get("role", "small")
        size = (tf.width(role, text) + 4, tf.line_height(role))
        d = tf.px(5)
        anchors = pos if isinstance(pos, list) else [pos]
        sides = self.SIDES.get(side, (side,))
        rounds = [[(a, s, d) for s in sides] for a in anchors]
        if required:
            rounds += [[(a, s, d * k) for s in sides] for k in (3, 5) for a in anchors]
        for tries in rounds:
            for a, s, dd in tries:
                r = self._rect_at(size, a, s, dd)
                if self.free(r):
                    self.placed.append((text, r))
                    self._style[text] = style
                    return
        self.skipped.append(text)  # the legend under the map still says it

    def draw(self, surface: pygame.Surface) -> None:
        tf = self.tf
        for text, r in self.placed:
            style = self._style[text]
            surf = tf.render(style.get("role", "small"), text, style.get("color", "text"))
            back = pygame.Surface(r.size, pygame.SRCALPHA)
            back.fill((*tf.pal.bg, 150))
            surface.blit(back, r)
            surface.blit(surf, surf.get_rect(center=r.center))


def split_rect(rect: pygame.Rect, tf: Typeface) -> tuple[pygame.Rect, pygame.Rect]:
    """The main map fills `rect`; the missile-site inset sits in its lower-left corner, over Mexico, Central
    America and the Pacific, kept west of Cuba's western tip and south of its latitude (nothing the game
    marks is there; labels on the main map avoid the inset)."""
    main = pygame.Rect(rect)
    pj = Projection(main)
    right, top = pj(*INSET_CORNER)
    iw = min(right - main.x - 1, round(main.w * 0.5))
    ih = min(round(iw / INSET_ASPECT), main.bottom - top - 1)
    iw = min(iw, round(ih * INSET_ASPECT * 1.15))  # keep the inset about its natural shape
    inset = pygame.Rect(main.x + 1, main.bottom - ih - 1, iw, ih)
    return main, inset


def figure_height(width: int, room: int, tf: Typeface) -> int:
    """A good height for the map figure in a panel `width` wide with `room` to spare."""
    return max(tf.px(160), min(int(width / MAIN_ASPECT), room))


class MapView:
    """Draws the map into a rect: the main map (Caribbean to Washington) and, in its lower-left corner, an
    inset of western and central Cuba with the missile sites. `last` keeps the placed labels, for tests."""

    def __init__(self) -> None:
        self._base: pygame.Surface | None = None
        self._key: tuple | None = None
        self.last: list[Labels] = []

    def _base_layer(self, size: tuple[int, int], tf: Typeface) -> pygame.Surface:
        """Sea, land, grid, the range ring, place dots and sites (no labels: those are placed per frame)."""
        key = (size, tf.pal, tf.scale)
        if self._base is not None and self._key == key:
            return self._base
        pal = tf.pal
        surf = pygame.Surface(size)
        rect = surf.get_rect()
        surf.fill(pal.sea)
        pj = Projection(rect)
        for lat in range(0, 55, 5):
            pygame.draw.line(surf, pal.grid, pj(-120, lat), pj(-40, lat), 1)
        for lon in range(-120, -40, 5):
            pygame.draw.line(surf, pal.grid, pj(lon, 0), pj(lon, 55), 1)
        for poly in (md.NORTH_AMERICA, md.HISPANIOLA, md.JAMAICA):
            pts = [pj(*p) for p in poly]
            pygame.draw.polygon(surf, pal.land, pts)
            pygame.draw.polygon(surf, pal.land_border, pts, 1)
        for group in md.ISLETS.values():
            for e in group:
                pts = [pj(*p) for p in md.ellipse(*e)]
                pygame.draw.polygon(surf, pal.land, pts)
                pygame.draw.polygon(surf, pal.land_border, pts, 1)
        for p in md.KEYS:
            pygame.draw.circle(surf, pal.land_border, pj(*p), max(1, tf.px(1.5)))
        cuba = [pj(*p) for p in md.CUBA]
        pygame.draw.polygon(surf, pal.cuba, cuba)
        pygame.draw.polygon(surf, pal.text, cuba, 2)
        first = md.SITES[0]  # San Cristóbal, the first site found: the ring is its R-12s' reach
        ring = [pj(*p) for p in md.ring(first[1], first[2], md.R12_KM, step=2)]
        for i in range(0, len(ring) - 1, 2):
            pygame.draw.line(surf, pal.danger, ring[i], ring[i + 1], 2)
        for _name, lon, lat, _ in self._places(pj):
            pygame.draw.circle(surf, pal.text, pj(lon, lat), tf.px(3))
        self._base, self._key = surf, key
        return surf

    def _places(self, pj: Projection) -> list:
        roomy = pj.s > 16  # pixels per degree: room for the minor names
        out = []
        for name, lon, lat, side in md.PLACES:
            if not pj.rect.collidepoint(pj(lon, lat)) or name in ("Havana", "Mariel"):
                continue
            if not roomy and name in ("New Orleans", "Key West"):
                continue
            out.append((name, lon, lat, side))
        return out

    def _site(self, surf, p, tf: Typeface, irbm: bool, status: str = "") -> None:
        """A filled triangle while the site is live; hollow once dismantled; hollow and crossed once destroyed."""
        r = tf.px(6 if irbm else 5)
        pts = [(p[0], p[1] - r), (p[0] - r, p[1] + r), (p[0] + r, p[1] + r)]
        if not status:
            pygame.draw.polygon(surf, tf.pal.danger, pts)
        pygame.draw.polygon(surf, tf.pal.text if not status else tf.pal.muted, pts, 1 if not status else 2)
        if status == "destroyed":
            pygame.draw.line(surf, tf.pal.danger, (p[0] - r, p[1] - r), (p[0] + r, p[1] + r), 2)
            pygame.draw.line(surf, tf.pal.danger, (p[0] - r, p[1] + r), (p[0] + r, p[1] - r), 2)

    def _inset(self, surf, tf: Typeface, box: pygame.Rect, sites: list, status: str = "") -> Labels:
        """Western and central Cuba at large scale, with the known sites lettered as in the key."""
        pal = tf.pal
        pygame.draw.rect(surf, pal.sea, box)
        lab = Labels(tf, box.inflate(-2, -2))
        title = tf.render("small", "Missile sites", "muted")
        lab.place("Missile sites", (box.x + tf.px(4), box.y + tf.px(2) + title.get_height() // 2), "e", color="muted")
        top = lab.placed[-1][1].bottom if lab.placed else box.y
        area = pygame.Rect(box.x, top, box.w, box.bottom - top).inflate(-tf.px(10), -tf.px(16))
        pj = Projection(area, *INSET_VIEW)
        old = surf.get_clip()
        surf.set_clip(box)
        cuba = [pj(*p) for p in md.CUBA]
        pygame.draw.polygon(surf, pal.cuba, cuba)
        pygame.draw.polygon(surf, pal.text, cuba, 1)
        drawn = []
        for letter, (_, lon, lat, kind) in sites:
            p = pj(lon, lat)
            self._site(surf, p, tf, "R-14" in kind, status)
            lab.mark_point(p, tf.px(6))
            drawn.append((letter, p))
        for name in ("Havana", "Mariel"):
            lon, lat = next((pl[1], pl[2]) for pl in md.PLACES if pl[0] == name)
            p = pj(lon, lat)
            pygame.draw.circle(surf, pal.text, p, tf.px(3))
            lab.mark_point(p, tf.px(3))
        for letter, p in drawn:
            lab.place(letter, p, "s", required=True, role="bold")
        lab.place("Havana", pj(-82.36, 23.13), "n")
        lab.draw(surf)
        surf.set_clip(old)
        pygame.draw.rect(surf, pal.border, box, 1)
        return lab

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, tf: Typeface, ms: md.MapState) -> None:
        pal = tf.pal
        main, inset = split_rect(rect, tf)
        surface.blit(self._base_layer(main.size, tf), main)
        old = surface.get_clip()
        surface.set_clip(main.clip(old) if old else main)
        pj = Projection(main)
        lab = Labels(tf, main.inflate(-2, -2))
        lab.mark(inset.inflate(tf.px(4), tf.px(4)))  # the inset is drawn over this corner afterwards
        # markers first (labels avoid them), then labels in order of importance
        for _name, lon, lat, _ in self._places(pj):
            lab.mark_point(pj(lon, lat), tf.px(3))
        for _, (_, lon, lat, kind) in ms.sites:
            self._site(surface, pj(lon, lat), tf, "R-14" in kind, ms.sites_status)
            lab.mark_point(pj(lon, lat), tf.px(6))
        arc = []
        if ms.quarantine:
            arc = [pj(*p) for p in md.ring(*md.CAPE_MAISI, md.QUARANTINE_NMI * md.NMI_KM, -30, 150, 3)]
            pygame.draw.lines(surface, pal.accent, False, arc, tf.px(3))
            for a, b in zip(arc[::3], arc[1::3], strict=False):  # tick marks make it read as a barrier
                dx, dy = b[0] - a[0], b[1] - a[1]
                n = math.hypot(dx, dy) or 1
                pygame.draw.line(surface, pal.accent, a, (a[0] - dy / n * tf.px(6), a[1] + dx / n * tf.px(6)), 2)
        ships = []
        if ms.ships:
            away = ms.ships == "turned back"
            for lon, lat in ((-65.0, 27.2), (-63.7, 24.6), (-63.4, 21.7)):  # beyond the 500 nmi line
                p = pj(lon, lat)
                self._ship(surface, p, tf, away)
                r = tf.px(7)
                lab.mark(pygame.Rect(p[0] - round(r * 2.6), p[1] - r, round(r * 5.2), 2 * r))
                ships.append(p)
        strike = None
        if ms.strike or ms.invasion:
            strike = pj(-80.5, 22.2)
            pygame.draw.circle(surface, pal.danger, strike, tf.px(14), 3)
        for m in ms.markers:
            if m.lon is None:
                continue
            p = pj(m.lon + 0.35 * (m.number % 3 - 1), m.lat + 0.3 * (m.number % 2))
            pygame.draw.circle(surface, pal.warn, p, tf.px(10))
            pygame.draw.circle(surface, pal.bg, p, tf.px(10), 2)
            num = tf.render("small", str(m.number), (0, 0, 0))
            surface.blit(num, num.get_rect(center=p))
            lab.mark_point(p, tf.px(10))
        cuba_at = [pj(-78.6, 21.6), pj(-79.6, 21.9), pj(-77.2, 20.6), pj(-80.5, 22.4)]
        lab.place("CUBA", cuba_at, "s", required=True, role="bold")
        if strike is not None:
            lab.place(
                "Invasion" if ms.invasion else "Air strikes", strike, "s", required=True, color="danger", role="bold"
            )
        if arc:
            mid = len(arc) // 2
            along = [arc[mid]] + [arc[i] for k in range(1, mid, 3) for i in (mid + k, mid - k) if 0 <= i < len(arc)]
            lab.place("Quarantine line", along, "e", required=True, color="accent", role="bold")
        if ships:
            words = "Soviet ships " + ("turned back" if ms.ships == "turned back" else "heading for Cuba")
            lab.place(words, ships, "n", required=True)
        for name, lon, lat, side in self._places(pj):
            lab.place(name, pj(lon, lat), side, required=name == "Washington")
        lab.place("FLORIDA", pj(-81.4, 28.6), "e", color="muted")
        first = md.SITES[0]
        along_ring = [pj(*md.destination(first[1], first[2], b, md.R12_KM)) for b in (-62, -50, -75, 50, 62, 75)]
        lab.place("R-12 range ~2,000 km", along_ring, "e", color="danger")
        lab.place("Gulf of Mexico", pj(-90.0, 27.6), "s", color="muted")
        lab.place("Atlantic Ocean", pj(-67.5, 33.5), "s", color="muted")
        if pj.s > 16:
            lab.place("BAHAMAS", pj(-76.0, 26.6), "e", color="muted")
            lab.place("HISPANIOLA", pj(-71.0, 19.4), "s", color="muted")
            lab.place("JAMAICA", pj(-77.3, 17.6), "s", color="muted")
        lab.draw(surface)
        surface.set_clip(old)
        pygame.draw.rect(surface, pal.border, main, 1)
        self.last = [lab, self._inset(surface, tf, inset, ms.sites, ms.sites_status)]

    def _ship(self, surface, p, tf: Typeface, away: bool) -> None:
        r = tf.px(7)
        d = 1 if away else -1  # heading east (away from Cuba) or west (towards it)
        bow = (p[0] + d * r * 1.5, p[1])  # the point of the hull leads
        hull = [bow, (p[0] - d * r, p[1] - r * 0.6), (p[0] - d * r, p[1] + r * 0.6)]
        pygame.draw.polygon(surface, tf.pal.text, hull)
        wake = (p[0] - d * r * 2.6, p[1])
        pygame.draw.line(surface, tf.pal.muted, (p[0] - d * r, p[1]), wake, 1)


def legend(ms: md.MapState) -> list[str]:
    """Lines explaining the map, for the text under it."""
    sites = "; ".join(f"{letter} {name}: {kind}" for letter, (name, _, _, kind) in ms.sites)
    now = {"destroyed": " — destroyed by American bombing (✕)", "dismantled": " — dismantled and shipped home (hollow)"}
    lines = [
        f"▲ Soviet missile sites known to Washington (lettered on the Cuba map): {sites}"
        f"{now.get(ms.sites_status, '')}.",
        "The R-12 (about 2,000 km, dashed ring) reaches Washington; the R-14 (about 4,000 km) would reach "
        "nearly all of the United States, far beyond this map.",
    ]
    if ms.markers:
        lines.append("Numbered circles: incidents, listed below.")
    if ms.quarantine:
        lines.append(
            "Quarantine line: the Navy proposed intercepting 800 nautical miles out; on 23–24 October it "
            "was pulled in to about 500 nmi (drawn) to give Moscow more time."
        )
    else:
        lines.append("No quarantine (blockade) is in force.")
    if ms.ships:
        lines.append(f"Soviet ships bound for Cuba: {ms.ships}.")
    for m in ms.markers:
        where = "" if m.lon is not None else " (off this map)"
        lines.append(f"({m.number}) {fmt.when(m.when)}: {m.title}{where}")
    return lines
