"""The Caribbean map, drawn in code: coasts, missile sites, range rings, the quarantine line, incidents.

The static layer (sea, land, rings, names) is drawn once per size and palette and cached; what the
state adds (quarantine, ships, incident markers) is drawn over it.
"""

from __future__ import annotations

import math

import pygame

from game.ui import fmt
from game.ui import map_data as md
from game.ui.widgets.text import Typeface

LON_C, LAT_C = -81.0, 27.0
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


class MapView:
    def __init__(self) -> None:
        self._base: pygame.Surface | None = None
        self._key: tuple | None = None

    def _label(
        self,
        surface,
        tf: Typeface,
        text: str,
        pos: tuple[int, int],
        side: str,
        color="text",
        role="small",
        bounds: pygame.Rect | None = None,
    ) -> None:
        surf = tf.render(role, text, color)
        r = surf.get_rect()
        d = tf.px(5)
        if side == "e":
            r.midleft = (pos[0] + d, pos[1])
        elif side == "w":
            r.midright = (pos[0] - d, pos[1])
        elif side == "n":
            r.midbottom = (pos[0], pos[1] - d)
        else:
            r.midtop = (pos[0], pos[1] + d)
        r.clamp_ip(bounds or surface.get_clip() or surface.get_rect())
        back = pygame.Surface(r.inflate(4, 0).size, pygame.SRCALPHA)
        back.fill((*tf.pal.bg, 150))
        surface.blit(back, r.inflate(4, 0))
        surface.blit(surf, r)

    def _base_layer(self, size: tuple[int, int], tf: Typeface) -> pygame.Surface:
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
        # R-12 range ring from the MRBM sites (dashed), labelled where it crosses the US
        sagua = next(s for s in md.SITES if s[0] == "Sagua la Grande")
        ring = [pj(*p) for p in md.ring(sagua[1], sagua[2], md.R12_KM, step=2)]
        for i in range(0, len(ring) - 1, 2):
            pygame.draw.line(surf, pal.danger, ring[i], ring[i + 1], 2)
        lab = pj(*md.destination(sagua[1], sagua[2], -62, md.R12_KM))
        self._label(surf, tf, "R-12 range ~2,000 km", lab, "e", "danger")
        roomy = pj.s > 16  # pixels per degree: room for the minor names
        for name, lon, lat, side in md.PLACES:
            p = pj(lon, lat)
            if not rect.collidepoint(p) or name in ("Havana", "Mariel"):
                continue
            if not roomy and name in ("New Orleans", "Key West"):
                continue
            pygame.draw.circle(surf, pal.text, p, tf.px(3))
            self._label(surf, tf, name, p, side)
        # the sites, as triangles (names are in the inset)
        for _, lon, lat, kind in md.SITES:
            self._site(surf, pj(lon, lat), tf, "R-14" in kind)
        self._label(surf, tf, "CUBA", pj(-78.6, 21.6), "s", "text", "bold")
        self._label(surf, tf, "FLORIDA", pj(-81.4, 28.6), "e", "muted")
        self._label(surf, tf, "Gulf of Mexico", pj(-90.0, 27.6), "s", "muted")
        self._label(surf, tf, "Atlantic Ocean", pj(-67.5, 33.5), "s", "muted")
        if roomy:
            self._label(surf, tf, "BAHAMAS", pj(-76.0, 26.6), "e", "muted")
            self._label(surf, tf, "HISPANIOLA", pj(-71.0, 19.4), "s", "muted")
            self._label(surf, tf, "JAMAICA", pj(-77.3, 17.6), "s", "muted")
        self._inset(surf, tf, rect)
        self._base, self._key = surf, key
        return surf

    def _site(self, surf, p, tf: Typeface, irbm: bool) -> None:
        r = tf.px(6 if irbm else 5)
        pts = [(p[0], p[1] - r), (p[0] - r, p[1] + r), (p[0] + r, p[1] + r)]
        pygame.draw.polygon(surf, tf.pal.danger, pts)
        pygame.draw.polygon(surf, tf.pal.text, pts, 1)

    def _inset(self, surf, tf: Typeface, rect: pygame.Rect) -> None:
        """Western and central Cuba at large scale, with the four sites named."""
        pal = tf.pal
        w = min(rect.w * 0.4, tf.px(300))
        h = w * 0.42
        box = pygame.Rect(rect.x + tf.px(6), rect.bottom - int(h) - tf.px(6), int(w), int(h))
        pygame.draw.rect(surf, pal.sea, box)
        pj = Projection(box.inflate(-tf.px(10), -tf.px(20)), -81.5, 22.6, 5.4, 1.9)
        old = surf.get_clip()
        surf.set_clip(box)
        cuba = [pj(*p) for p in md.CUBA]
        pygame.draw.polygon(surf, pal.cuba, cuba)
        pygame.draw.polygon(surf, pal.text, cuba, 1)
        for name in ("Havana", "Mariel"):
            lon, lat = next((pl[1], pl[2]) for pl in md.PLACES if pl[0] == name)
            p = pj(lon, lat)
            pygame.draw.circle(surf, pal.text, p, tf.px(3))
            if name == "Havana":
                self._label(surf, tf, name, p, "n")
        for letter, (_, lon, lat, kind) in zip("ABCD", md.SITES, strict=True):
            p = pj(lon, lat)
            self._site(surf, p, tf, "R-14" in kind)
            self._label(surf, tf, letter, p, "s", "text", "bold")
        surf.set_clip(old)
        pygame.draw.rect(surf, pal.border, box, 1)
        self._label(surf, tf, "Missile sites (inset)", (box.x + tf.px(4), box.bottom - tf.px(2)), "e", "muted")

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, tf: Typeface, ms: md.MapState) -> None:
        pal = tf.pal
        surface.blit(self._base_layer(rect.size, tf), rect)
        old = surface.get_clip()
        surface.set_clip(rect)
        pj = Projection(rect)
        if ms.quarantine:
            arc = [pj(*p) for p in md.ring(*md.CAPE_MAISI, md.QUARANTINE_NMI * md.NMI_KM, -30, 150, 3)]
            pygame.draw.lines(surface, pal.accent, False, arc, tf.px(3))
            for a, b in zip(arc[::3], arc[1::3], strict=False):  # tick marks make it read as a barrier
                dx, dy = b[0] - a[0], b[1] - a[1]
                n = math.hypot(dx, dy) or 1
                pygame.draw.line(surface, pal.accent, a, (a[0] - dy / n * tf.px(6), a[1] + dx / n * tf.px(6)), 2)
            self._label(surface, tf, "Quarantine line", arc[len(arc) // 2], "e", "accent", "bold", rect)
        if ms.ships:
            away = ms.ships == "turned back"
            for i, (lon, lat) in enumerate(((-66.0, 27.5), (-64.5, 25.0), (-65.5, 22.5))):
                p = pj(lon, lat)
                self._ship(surface, p, tf, away)
                if i == 0:
                    self._label(
                        surface,
                        tf,
                        "Soviet ships " + ("turned back" if away else "heading for Cuba"),
                        p,
                        "n",
                        "text",
                        bounds=rect,
                    )
        if ms.strike or ms.invasion:
            p = pj(-80.5, 22.2)
            word = "Invasion" if ms.invasion else "Air strikes"
            pygame.draw.circle(surface, pal.danger, p, tf.px(14), 3)
            self._label(surface, tf, word, p, "s", "danger", "bold", rect)
        for m in ms.markers:
            if m.lon is None:
                continue
            p = pj(m.lon + 0.35 * (m.number % 3 - 1), m.lat + 0.3 * (m.number % 2))
            pygame.draw.circle(surface, pal.warn, p, tf.px(10))
            pygame.draw.circle(surface, pal.bg, p, tf.px(10), 2)
            num = tf.render("small", str(m.number), (0, 0, 0))
            surface.blit(num, num.get_rect(center=p))
        surface.set_clip(old)
        pygame.draw.rect(surface, pal.border, rect, 1)

    def _ship(self, surface, p, tf: Typeface, away: bool) -> None:
        r = tf.px(7)
        d = 1 if away else -1  # heading east (away) or west (towards Cuba)
        hull = [(p[0] - d * r * 1.5, p[1]), (p[0] + d * r, p[1] - r * 0.6), (p[0] + d * r, p[1] + r * 0.6)]
        pygame.draw.polygon(surface, tf.pal.text, hull)
        tail = (p[0] + d * r * 2.6, p[1])
        pygame.draw.line(surface, tf.pal.muted, (p[0] + d * r, p[1]), tail, 1)


def legend(ms: md.MapState) -> list[str]:
    """Lines explaining the map, for the text under it."""
    sites = "; ".join(f"{letter} {name} ({kind})" for letter, (name, _, _, kind) in zip("ABCD", md.SITES, strict=True))
    lines = [
        f"▲ Soviet missile sites (inset): {sites}.",
        "The R-12 (~2,000 km, dashed ring) reaches Washington; the R-14 (~4,500 km) ring lies beyond this "
        "map and covers nearly all of the United States.",
    ]
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
