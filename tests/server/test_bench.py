"""The load bench's smoke test: a few students play a short lesson against a server in its own process; every
vote they sent is in the lesson's saved log. (The figures are printed by `python -m game.server.bench`.)"""

from __future__ import annotations

from game.server.bench import run


def test_five_students_play_a_short_lesson_and_no_vote_is_lost():
    figures = run(students=5, minutes=50, teams=True, seed=6)
    assert figures.ended and figures.decisions >= 5
    assert figures.votes_sent > 10 and not figures.lost
    assert figures.votes_logged == figures.votes_sent == figures.votes_seen
    assert not figures.errors
    lines = figures.lines()
    assert any("median" in line and "p99" in line for line in lines)
