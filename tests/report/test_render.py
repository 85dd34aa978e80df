"""Markdown and HTML: every decision shown, hostile scenario text kept as text, one self-contained page."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import pytest

from game.engine.engine import Engine
from game.report import build_report, render_html, render_markdown
from game.report.render_md import md
from game.scenario.loader import load_scenario
from tests.report.games import DEPARTING_SEED, as_played, october
from tests.support import MINI, engine, play_random

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & **bold** [link](javascript:alert(1)) | pipe'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def departing():
    eng = october()
    return build_report(eng, as_played(eng, seed=DEPARTING_SEED, depart=2))


def test_markdown_and_html_contain_every_decision(departing):
    text, page = render_markdown(departing), render_html(departing)
    seen = " ".join(_parse(page).text)
    assert departing.player_decisions
    for d in departing.player_decisions:
        assert md(d.title) in text and md(d.choice_text) in text and md(d.verdict) in text
        assert d.title in seen and d.choice_text in seen and d.verdict in seen
        if d.documented_text:
            assert md(d.documented_text) in text and d.documented_text in seen
    for d in departing.decisions:  # the course of the crisis lists Moscow's moves too
        assert md(d.line) in text and d.line in seen


def test_both_carry_the_ending_risk_outcome_pages_and_sources(departing):
    text, page = render_markdown(departing), render_html(departing)
    seen = " ".join(_parse(page).text)
    wanted = [departing.ending.title, departing.risk.summary, departing.outcome.yours_total_text]
    wanted += [r.label for r in departing.outcome.rows]
    wanted += [p.title for p in departing.unknowns.pages + departing.historiography.pages]
    wanted += [s.citation for s in departing.sources]
    wanted += [m.line for m in departing.missed]
    for item in wanted:
        assert md(item) in text, item
        assert item in seen, item


def _hostile_report(tmp_path):
    text = MINI.read_text()
    for old in ("title: First choice", "text: Blockade", "fs: Fact sheet", "title: A deal,"):
        key = old.split(":")[0]
        end = "," if old.endswith(",") else ""
        text = text.replace(old, f"{key}: '{HOSTILE}'{end}")
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    eng = Engine(load_scenario(path))
    state = eng.new_game(seed=2, fate="history")
    while not state.ended:
        eng.choose(state, next(c.id for c in eng.choices(state) if c.historical))
    report = build_report(eng, state)
    assert report.ending.title == HOSTILE and report.player_decisions[0].choice_text == HOSTILE
    return report


def test_html_escapes_hostile_scenario_text(tmp_path):
    page = render_html(_hostile_report(tmp_path))
    parsed = _parse(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [a for a in parsed.attrs if a.startswith("on")]
    assert "<script>" not in page and "onerror=alert(1)>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert sum(HOSTILE in chunk for chunk in parsed.text) >= 3  # read back as the very text, where it appears


def test_markdown_keeps_hostile_text_literal(tmp_path):
    text = render_markdown(_hostile_report(tmp_path))
    shown = md(HOSTILE)
    # every character of it that could open markup is escaped with a backslash, so Markdown shows it as text
    assert not re.search(r"(?<!\\)[<>\[\]|*]", shown)
    assert text.count(shown) >= 3
    assert not re.search("script|onerror|javascript", text.replace(shown, ""))  # it appears in no other form
    assert "\\<script\\>" in text and "\\](javascript" in text


def test_html_is_one_self_contained_page(departing):
    page = render_html(departing)
    parsed = _parse(page)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert parsed.tags.count("svg") == 1 and "polyline" in parsed.tags
    assert "link" not in parsed.tags and "script" not in parsed.tags
    assert not re.search(r"""(src|href)\s*=|url\(|@import""", page)  # nothing fetched from anywhere


def test_the_svg_curve_is_drawn_from_the_report_points(departing):
    page = render_html(departing)
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(lines) == 2
    yours = [tuple(map(float, xy.split(","))) for xy in lines[0].split()]
    # a step line: two vertices per point after the first, x never goes back, y never goes down the risk
    assert len(yours) == 2 * len(departing.curve.yours) - 1
    assert all(a[0] <= b[0] and a[1] >= b[1] for a, b in itertools.pairwise(yours))
    assert departing.curve.yours[-1].risk_text in svg


def test_votes_appear_in_both_when_a_class_voted():
    eng = engine(MINI)
    state = play_random(eng, 2)
    node, _ = state.decisions[0]
    report = build_report(eng, state, votes={node: {"strike": 3, "blockade": 6, "wait": 1}})
    text, page = render_markdown(report), render_html(report)
    assert "The class voted** (10 votes)" in text and "60.0%" in text
    assert "The class voted (10 votes)" in page and "60.0%" in page
    plain = build_report(eng, state)
    assert "class voted" not in render_markdown(plain) and "class voted" not in render_html(plain)
