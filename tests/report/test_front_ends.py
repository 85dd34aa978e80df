"""The window and the terminal lay out the report and compute nothing: a change to the model shows in both."""

from __future__ import annotations

import dataclasses
import io

import pytest

from game.cli import text_mode
from game.report import build_report
from game.ui.scenes import debrief
from game.ui.widgets.doc import P, Row
from tests.report.games import DEPARTING_SEED, as_played, documented, october

MARK = "Zorin-7f3a"  # a word no scenario uses


def _words(blocks: list) -> str:
    out = []
    for b in blocks:
        if isinstance(b, P):
            out.append(b.text)
        elif isinstance(b, Row):
            out += [_words(cell) for cell in b.cells]
    return "\n".join(out)


def _changed(report):
    first = dataclasses.replace(report.decisions[0], choice_text=f"{MARK} choice", verdict=f"{MARK} verdict")
    return dataclasses.replace(
        report,
        ending=dataclasses.replace(report.ending, title=f"{MARK} ending", category_label=f"{MARK} label"),
        risk=dataclasses.replace(report.risk, final_text=f"{MARK}%", summary=f"{MARK} summary"),
        decisions=(first, *report.decisions[1:]),
        sources=(*report.sources, dataclasses.replace(report.sources[0], citation=f"{MARK} citation")),
    )


class _Session:
    def __init__(self, eng, state):
        self.engine, self.state, self.documented = eng, state, documented(eng)


@pytest.fixture(scope="module")
def game():
    eng = october()
    return eng, as_played(eng, seed=DEPARTING_SEED, depart=2)


def test_the_window_shows_what_the_model_says(game, monkeypatch):
    eng, state = game
    real = debrief.build_report
    monkeypatch.setattr(debrief, "build_report", lambda *a, **k: _changed(real(*a, **k)))
    words = _words(debrief.debrief_blocks(None, _Session(eng, state)))
    for piece in ("ending", "label", "summary", "choice", "verdict", "citation"):
        assert f"{MARK} {piece}" in words or f"{MARK} {piece}".upper() in words, piece


def test_the_terminal_shows_what_the_model_says(game, monkeypatch):
    eng, state = game
    real = text_mode.build_report
    monkeypatch.setattr(text_mode, "build_report", lambda *a, **k: _changed(real(*a, **k)))
    out = io.StringIO()
    tg = text_mode.TextGame(eng.scenario, state.seed, state.fate, state.controlled, io.StringIO(), out, width=100)
    tg.debrief(state)
    text = out.getvalue()
    for piece in (f"THE END — {MARK} ending  ({MARK} label)", f"{MARK}%", f"{MARK} choice", f"{MARK} citation"):
        assert piece in text, piece


def test_both_show_the_same_facts_from_one_report(game):
    eng, state = game
    report = build_report(eng, state)
    words = _words(debrief.report_blocks(report))
    out = io.StringIO()
    text_mode.TextGame(eng.scenario, 0, "dice", ("us",), io.StringIO(), out, width=100).print_report(report)
    text = " ".join(out.getvalue().split())
    for d in report.player_decisions:
        assert d.choice_text in words and d.title in words
        assert " ".join(d.line.split()) in text
    for r in report.outcome.rows:
        assert r.yours_cell in words and r.yours_cell in text
    assert report.risk.final_text in words and report.risk.final_text in text
    assert report.outcome.yours_total_text in words and report.outcome.yours_total_text in text
