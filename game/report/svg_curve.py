"""The risk curve as inline SVG: step lines with markers, gridlines, day labels and a legend.

Drawn from the report's points alone (no plotting library), so an HTML report is one self-contained file.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from game.report.model import Curve, CurvePoint
from game.wording import day_label, pct

MINUTES_PER_DAY = 24 * 60
WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 58, 16, 40, 34
COLORS = ("#c0561b", "#2f7d4f")  # yours, 1962: colours that survive printing in grey too (dash, markers)


def _nice_top(v: float) -> float:
    """A round top for the axis, leaving headroom above the highest point."""
    for top in (0.01, 0.02, 0.04, 0.08, 0.12, 0.2, 0.4, 0.6, 0.8, 1.0):
        if v <= top * 0.95:
            return top
    return 1.0


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def risk_svg(curve: Curve) -> str:
    series = [(curve.yours_label, curve.yours), (curve.documented_label, curve.documented)]
    points = [p for _, pts in series for p in pts]
    title = escape(f"{curve.yours_label} and {curve.documented_label}: cumulative risk of nuclear use over time")
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="curve" font-family="sans-serif" font-size="12" fill="#444" aria-label="{title}">'
        f"<title>{title}</title>"
    )
    if not points:
        return head + f'<text x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle">No steps recorded.</text></svg>'
    t0 = min(p.minutes for p in points)
    t0 -= t0 % MINUTES_PER_DAY
    t1 = max(max(p.minutes for p in points), t0 + MINUTES_PER_DAY)
    top = _nice_top(max(p.risk for p in points) or 0.01)
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(t: int) -> float:
        return LEFT + pw * (t - t0) / (t1 - t0)

    def y(r: float) -> float:
        return TOP + ph - ph * min(r, top) / top

    parts = [head, f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="#fff" stroke="#aaa"/>']
    for i in range(5):
        gy = _n(y(top * i / 4))
        label = pct(top * i / 4) if i else "0%"
        parts.append(f'<line x1="{LEFT}" y1="{gy}" x2="{LEFT + pw}" y2="{gy}" stroke="#e2e0da"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{gy}" text-anchor="end" dominant-baseline="middle">{label}</text>')
    days = (t1 - t0) // MINUTES_PER_DAY + 1
    every = max(1, days // 12 + 1)  # about a dozen day labels at most
    for d in range(0, days, every):
        t = t0 + d * MINUTES_PER_DAY
        if t > t1:
            break
        gx = _n(x(t))
        parts.append(f'<line x1="{gx}" y1="{TOP}" x2="{gx}" y2="{TOP + ph}" stroke="#e2e0da"/>')
        parts.append(f'<text x="{gx}" y="{TOP + ph + 18}" text-anchor="middle">{escape(day_label(t))}</text>')
    legend_x = LEFT
    for k, (label, pts) in enumerate(series):
        color, dash = COLORS[k % len(COLORS)], ' stroke-dasharray="7 5"' if k else ""
        parts.append(_line(pts, x, y, color, dash))
        for p in pts:
            parts.append(_marker(k, x(p.minutes), y(p.risk), color, p))
        last = pct(pts[-1].risk) if pts else "—"
        ly = 18
        parts.append(
            f'<line x1="{legend_x}" y1="{ly}" x2="{legend_x + 28}" y2="{ly}" stroke="{color}" stroke-width="3"{dash}/>'
        )
        parts.append(_marker(k, legend_x + 14, ly, color, None))
        text = f"{label}: {last}"
        parts.append(f'<text x="{legend_x + 34}" y="{ly}" dominant-baseline="middle">{escape(text)}</text>')
        legend_x += 34 + 8 * len(text) + 24  # a generous estimate of the text's width at this size
    parts.append("</svg>")
    return "".join(parts)


def _line(
    pts: tuple[CurvePoint, ...], x: Callable[[int], float], y: Callable[[float], float], color: str, dash: str
) -> str:
    """A step line: the risk holds until the next step, then jumps."""
    coords: list[str] = []
    prev = None
    for p in sorted(pts, key=lambda q: (q.minutes, q.risk)):
        if prev is not None:
            coords.append(f"{_n(x(p.minutes))},{_n(y(prev))}")
        coords.append(f"{_n(x(p.minutes))},{_n(y(p.risk))}")
        prev = p.risk
    if not coords:
        return ""
    return f'<polyline points="{" ".join(coords)}" fill="none" stroke="{color}" stroke-width="3"{dash}/>'


def _marker(k: int, cx: float, cy: float, color: str, p: CurvePoint | None) -> str:
    tip = f"<title>{escape(f'{p.label}: {p.risk_text}')}</title>" if p else ""
    if k:  # squares for 1962, circles for this game, as in the window
        return f'<rect x="{_n(cx - 4)}" y="{_n(cy - 4)}" width="8" height="8" fill="{color}">{tip}</rect>'
    return f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="4" fill="{color}">{tip}</circle>'
