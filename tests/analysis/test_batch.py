"""The batched solver gives what the state-by-state solver gives, and steps aside where it cannot."""

import pytest

from game.analysis import batch
from game.analysis.batch import AnalysisTooLarge, BatchSolver, OutOfOrder, distinct
from game.analysis.exact import Analyser, AnalysisCancelled, documented_state
from game.analysis.policies import policy_names
from game.analysis.rowsteps import columns_of
from game.errors import AnalysisError
from tests.analysis.reference import max_difference
from tests.support import MINI, OCTOBER, OCTOBER_1_0, scenario

EXACT = 1e-12
DICE_POLICIES = [p for p in policy_names(scenario(OCTOBER)) if p not in ("historical", "random")]


def _both(sc, policy, run):
    batched = Analyser(sc, policy)
    plain = Analyser(sc, policy, batch=False)
    return batched, run(batched), run(plain)


@pytest.mark.parametrize("policy", DICE_POLICIES)
def test_from_the_start_equals_state_by_state(policy):
    batched, fast, slow = _both(scenario(OCTOBER), policy, lambda a: a.from_start())
    assert batched._batch_states > 0  # it did run in batches
    assert max_difference(fast.result, slow.result) < EXACT
    assert fast.states == slow.states  # the same distinct states, merged the same way


@pytest.mark.parametrize(
    ("policy", "node"),
    [(p, n) for p in DICE_POLICIES for n in ("d23-rules", "d25-un", "d27-evening")]
    + [("random", "d26-fomin"), ("random", "d27-evening"), ("random", "d28-reply")],
)
def test_option_odds_equal_state_by_state(policy, node):
    sc = scenario(OCTOBER)
    state = documented_state(sc, node, policy)
    batched, fast, slow = _both(sc, policy, lambda a: a.option_odds(state))
    assert batched._batch_states > 0
    assert [o.option for o in fast] == [o.option for o in slow]
    for f, s in zip(fast, slow):
        assert max_difference(f.result, s.result) < EXACT, f.option
        assert f.categories == pytest.approx(s.categories, abs=EXACT)


def test_from_a_state_equals_state_by_state():
    sc = scenario(OCTOBER)
    state = documented_state(sc, "d26-fomin", "random")
    _, fast, slow = _both(sc, "random", lambda a: a.from_state(state))
    assert max_difference(fast.result, slow.result) < EXACT


def test_the_fixture_with_every_policy():
    sc = scenario(MINI)
    for policy in policy_names(sc):
        _, fast, slow = _both(sc, policy, lambda a: a.from_start())
        assert max_difference(fast.result, slow.result) < EXACT, policy


def test_settings_it_does_not_take_fall_back_to_state_by_state():
    sc = scenario(OCTOBER)
    # the documented course's own fate: nothing escapes control, state by state is instant
    analyser = Analyser(sc, "historical")
    analyser.from_start()
    assert analyser._batch_states == 0
    # version 1.0.0's Soviet weights read the cumulative risk: the batched solver declines the cells
    old = scenario(OCTOBER_1_0)
    state = documented_state(old, "d27-evening", "historical-dice")
    batched, fast, slow = _both(old, "historical-dice", lambda a: a.option_odds(state))
    assert batched._batch_states == 0
    for f, s in zip(fast, slow):
        assert max_difference(f.result, s.result) == 0


def test_cells_met_out_of_order_fall_back(monkeypatch):
    sc = scenario(OCTOBER)

    def refuse(self):
        raise OutOfOrder("two decisions at one clock")

    monkeypatch.setattr(BatchSolver, "solve", refuse)
    state = documented_state(sc, "d27-evening", "random")
    analyser = Analyser(sc, "random")
    fast = analyser.option_odds(state)
    slow = Analyser(sc, "random", batch=False).option_odds(state)
    assert analyser._batch_states == 0
    assert all(max_difference(f.result, s.result) == 0 for f, s in zip(fast, slow))


def test_a_cell_reached_after_it_was_stepped_is_refused():
    sc = scenario(OCTOBER)
    analyser = Analyser(sc, "random")
    analyser._use("dice", ("us",))
    columns = columns_of(analyser._liveness)
    assert columns is not None
    solver = BatchSolver(columns, analyser.policy, analyser._liveness, ("us",))
    state = documented_state(sc, "d27-evening", "random")
    solver.add_state(state)
    solver.solve()
    with pytest.raises(OutOfOrder):
        solver._cell(state.node, state.clock, tuple(state.resume), frozenset(state.considered))


def test_too_many_states_stop_with_advice(monkeypatch):
    sc = scenario(OCTOBER)
    monkeypatch.setattr(batch, "MAX_ROWS", 2_000)
    state = documented_state(sc, "d22-speech", "random")
    with pytest.raises(AnalysisTooLarge, match=r"more than 2,000 different states.*later decision"):
        Analyser(sc, "random").option_odds(state)
    assert issubclass(AnalysisTooLarge, AnalysisError)  # the window shows its message as it shows any


def test_the_rows_held_are_counted_right_through_merges(monkeypatch):
    """The bound on memory counts the rows waiting at cells: after every arrival, merges included, the count
    is exactly the rows waiting (a miscount lets memory grow past the bound unnoticed)."""
    sc = scenario(OCTOBER)
    monkeypatch.setattr(batch, "_MERGE_ROWS", 200)  # merge as rows wait, many times over
    arrive = BatchSolver._arrive
    checked = []

    def counted(self, cell, values, weights):
        arrive(self, cell, values, weights)
        waiting = sum(len(w) for c in self._cells.values() for w in c.weights)
        assert self.held == waiting and cell.held == sum(len(w) for w in cell.weights)
        for piece, w in zip(cell.values, cell.weights):  # each arrival's columns are as long as its weights
            assert all(len(column) == len(w) for column in piece)
        checked.append(cell.merged_at)

    monkeypatch.setattr(BatchSolver, "_arrive", counted)
    Analyser(sc, "random").option_odds(documented_state(sc, "d24-alert", "random"))
    assert any(checked), "no merge while rows waited"


def test_cancel_stops_between_cells():
    sc = scenario(OCTOBER)
    looks = []

    def cancel():
        looks.append(1)
        return len(looks) > 3

    with pytest.raises(AnalysisCancelled):
        Analyser(sc, "historical-dice", cancel=cancel).from_start()
    assert len(looks) == 4


def test_distinct_groups_equal_rows_in_arrival_order():
    import numpy as np

    rows = np.array([[1.0, 0.5], [0.0, 2.0], [1.0, 0.5], [-0.0, 2.0], [3.0, 0.25], [1.0, 0.5]])
    order, starts, group = distinct(rows)
    assert len(starts) == 3
    assert group[0] == group[2] == group[5] and group[1] == group[3]  # -0.0 is 0.0
    assert len({group[0], group[1], group[4]}) == 3
    firsts = sorted(order[starts].tolist())
    assert firsts == [0, 1, 4]  # each group's first arrival stands for it


def test_catastrophes_that_cannot_be_numbered_are_run_by_kind_all_the_same(monkeypatch):
    """Values a catastrophe reads that are not whole numbers within bounds wait and are grouped by kind."""
    sc = scenario(OCTOBER)
    state = documented_state(sc, "d26-fomin", "historical-dice")
    numbered = Analyser(sc, "historical-dice").option_odds(state)
    monkeypatch.setattr(BatchSolver, "_numbering", staticmethod(lambda scenario, slots: None))
    monkeypatch.setattr(batch, "_FLUSH_ROWS", 50)  # and flushed on the way, not only at the end
    analyser = Analyser(sc, "historical-dice")
    waited = analyser.option_odds(state)
    plain = Analyser(sc, "historical-dice", batch=False).option_odds(state)
    assert analyser._batch_states > 0
    for a, b, c in zip(numbered, waited, plain):
        assert max_difference(a.result, b.result) < EXACT
        assert max_difference(b.result, c.result) < EXACT
