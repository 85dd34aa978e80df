"""The command line, run as a user would: a subprocess with real arguments and pipes."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import FIXTURES, MINI

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "EXCOMM_DEBUG": "", **(env or {})},
    )


def test_validate_a_good_file():
    done = run("validate", str(MINI))
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout


def test_validate_bundled_scenarios_by_default():
    done = run("validate")
    assert done.returncode == 0, done.stderr
    assert "october-1962.yaml: valid" in done.stdout


@pytest.mark.parametrize("name", ["python_tag.yaml", "not_yaml.yaml", "top_level_list.yaml"])
def test_validate_bad_files_exit_1_with_one_line_each_and_no_traceback(name):
    done = run("validate", str(FIXTURES / "bad" / name))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines and all(line.startswith(str(FIXTURES / "bad" / name)) for line in lines)
    assert "Traceback" not in done.stderr + done.stdout


def test_validate_reports_every_problem_of_a_broken_file(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINI.read_text().replace("next: end-weak", "next: nowhere").replace("who: dove", "who: dovve"))
    done = run("validate", str(broken))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2
    assert any(":" in line and "node 'd1'" in line and "nowhere" in line and " — " in line for line in lines)


def test_text_mode_plays_from_piped_input():
    done = run("text", "--scenario", str(MINI), "--seed", "2", stdin="2\n1\n1\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Tuesday 16 October 1962, 10:00" in out
    assert "General Hawk (Chief of Staff)" in out
    assert "Escalation: risk of nuclear use" in out and "DEFCON" in out
    assert "What actually happened:" in out
    assert "THE END — A deal" in out
    assert "Your path beside the documented one" in out


def test_text_mode_steps_print_risks_that_add_up():
    """Each step's line gives the risk before, the change and the risk after, and as printed they add up."""
    done = run("text", "--seed", "3", stdin="1\n1\n1\n1\n1\n1\n")
    assert done.returncode == 0, done.stderr
    found = re.findall(r"risk of nuclear use ([\d.]+)% \(\+([\d.]+) points this step, from ([\d.]+)%\)", done.stdout)
    assert len(found) >= 3, done.stdout[-2000:]
    # a step's sources are chances (they combine, not add), never printed as points that seem to sum
    assert re.search(r"What drove it \(a [\d.<]+% chance of losing control this step", done.stdout)
    assert not re.search(r"^\s+[+−][\d.]+ points\s", done.stdout, flags=re.M)
    for now, added, was in found:
        places = len(now.split(".")[1]) if "." in now else 0
        assert abs(float(was) + float(added) - float(now)) < 0.5 * 10**-places + 1e-9, (was, added, now)


def test_text_mode_rejects_nonsense_and_survives_end_of_input():
    done = run("text", "--scenario", str(MINI), "--seed", "1", "--no-save", stdin="9\nbanana\n\nsave\n")
    assert done.returncode == 0
    assert "'9' is not an option here: type 1" in done.stdout
    assert "'banana' is not an option here" in done.stdout
    assert "Type the number of an option" in done.stdout and "'' is not an option" not in done.stdout  # Enter alone
    assert "Give it a name: save NAME." in done.stdout
    assert done.stdout.count("Other keys:") <= 1  # a slip gets one line, not the whole help again
    assert "left unfinished" in done.stdout
    assert "\nThe game was left unfinished" in done.stdout  # on a line of its own, not after the prompt
    assert "Traceback" not in done.stderr


def test_text_mode_with_a_missing_scenario_is_one_line():
    done = run("text", "--scenario", "no-such-scenario")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "no scenario with this id" in done.stderr


def test_simulate_one_run_json_shape():
    done = run("simulate", "--scenario", str(MINI), "--policy", "historical", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"scenario", "seed", "ending", "risk", "steps"} <= set(data)
    assert data["ending"]["historical"] is True and data["ending"]["id"] == "end-deal"
    assert set(data["ending"]) >= {"id", "title", "historical"}
    assert data["steps"][0] == {**data["steps"][0], "date": "1962-10-16", "node": "d1", "choice": "blockade"}
    risks = [s["risk"] for s in data["steps"]] + [data["risk"]]
    assert risks == sorted(risks) and 0 < data["risk"] < 1


def test_simulate_many_runs_json_shape():
    done = run("simulate", "--scenario", str(MINI), "--policy", "random", "--runs", "500", "--seed", "3", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"runs", "endings", "mean_risk", "coverage", "playthroughs_per_second"} <= set(data)
    assert data["runs"] == 500 and sum(data["endings"].values()) == 500
    assert 0 < data["mean_risk"] < 1
    assert data["coverage"]["nodes"] == 1.0 and data["coverage"]["options"] == 1.0
    assert data["playthroughs_per_second"] > 0


def test_simulate_is_deterministic():
    args = ("simulate", "--scenario", str(MINI), "--policy", "random", "--runs", "300", "--seed", "9", "--json")
    first, second = json.loads(run(*args).stdout), json.loads(run(*args).stdout)
    assert first["endings"] == second["endings"] and first["mean_risk"] == second["mean_risk"]


def test_usage_errors_exit_2():
    done = run("simulate", "--policy", "clairvoyant")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    # The scenario's own strategies are policies, and a wrong name lists them.
    assert "unknown policy 'clairvoyant'" in done.stderr
    assert all(name in done.stderr for name in ("historical-dice", "random", "force", "diplomacy", "passive"))


def test_a_scenario_strategy_is_a_policy():
    done = run("simulate", "--policy", "diplomacy", "--runs", "50", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["policy"] == "diplomacy"


def test_analyse_at_a_decision_gives_each_options_odds():
    done = run("analyse", "--policy", "random", "--at", "d27-evening", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["at"]["node"] == "d27-evening" and data["policy"] == "random"
    assert len(data["options"]) >= 2
    for option in data["options"]:
        assert sum(option["endings"].values()) == pytest.approx(1, abs=1e-6)
        assert sum(option["categories"].values()) == pytest.approx(1, abs=1e-6)
        assert option["p_nuclear"] == pytest.approx(option["expected_hazard"], abs=1e-8)
        # the endings are ids: the legend gives each a title, and each category its label
        assert set(option["endings"]) <= set(data["legend"]["endings"])
        assert set(option["categories"]) <= set(data["legend"]["categories"])
    legend = data["legend"]
    assert "already run" in legend["p_nuclear"] and "includes the risk already run" in legend["mean_risk"]


def test_analyse_options_gives_the_joint_computations_states_and_time_once():
    """Every option showed 'states: 0' and the same seconds: they are one computation, so given once."""
    done = run("analyse", "--options", "--policy", "force", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["states"] > 0 and data["seconds"] > 0 and data["policy"] == "force"
    assert data["options"] and all("states" not in o and "seconds" not in o for o in data["options"])
    assert data["legend"]["endings"]["end-historical"]


@pytest.mark.parametrize(
    ("node", "fragment"),
    [
        ("castro-approach", "not a decision"),
        ("d-after-late-strike", "never reaches"),
        ("no-such-node", "no node has the id"),
        ("d27-leters", "did you mean d27-letters"),  # a slip of the keyboard: the near ids, and where ids are
        ("end-historical", "is an ending node"),
    ],
)
def test_analyse_at_a_node_that_cannot_be_weighed_is_one_clear_line(node, fragment):
    done = run("analyse", "--at", node, "--json")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert fragment in done.stderr and "internal error" not in done.stderr


def test_analyse_a_scenario_whose_opening_rolls_dice(tmp_path):
    from tests.analysis.test_exact import _opening_dice_text

    path = tmp_path / "opening.yaml"
    path.write_text(_opening_dice_text())
    done = run("analyse", "--scenario", str(path), "--policy", "random", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert sum(data["endings"].values()) == pytest.approx(1, abs=1e-6)
    assert data["p_nuclear"] == pytest.approx(data["expected_hazard"], abs=1e-8)
    refused = run("analyse", "--scenario", str(path), "--options", "--json")
    assert refused.returncode == 2 and "opening of this scenario rolls dice" in refused.stderr
    assert "internal error" not in refused.stderr


def test_module_and_script_entry_points_agree():
    done = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(MINI)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0 and "valid" in done.stdout


def test_options_without_a_command_belong_to_play():
    """`python main.py --size ...` is `python main.py play --size ...`, as the README says."""
    done = run("--size", "10x10")
    assert done.returncode == 2 and "between 640x480" in done.stderr and "invalid choice" not in done.stderr
    no_display = run("--seed", "3", env={"SDL_VIDEODRIVER": "offscreen-missing", "DISPLAY": ""})
    assert "invalid choice" not in no_display.stderr and "Traceback" not in no_display.stderr


def test_terminal_play_autosaves_goes_back_and_continues(tmp_path, monkeypatch):
    import io

    from game.cli.text_mode import play_text
    from game.scenario.catalog import load
    from game.session import SaveStore

    monkeypatch.setenv("EXCOMM_HOME", str(tmp_path))
    store = SaveStore(tmp_path / "saves")
    sc = load("october-1962")
    out = io.StringIO()
    play_text(sc, 20, stdin=io.StringIO("1\n2\nb\n3\nsave what if\nq\n"), stdout=out, store=store)
    text = out.getvalue()
    assert "Back one decision" in text and "Saved as" in text
    session, problem = store.probe_autosave(__import__("game.engine.engine", fromlist=["Engine"]).Engine(sc))
    assert problem is None and session is not None
    second = session.root.variations[0]
    assert len(second.variations) == 2, "going back kept the first line as a variation"
    assert (tmp_path / "saves" / "what-if.json").exists()
    out2 = io.StringIO()
    play_text(sc, 999, stdin=io.StringIO("q\n"), stdout=out2, store=store, resume=True)
    assert "Continuing your game (seed 20)" in out2.getvalue()


def _saved_game(tmp_path, decisions: int, fate: str = "history"):
    """A game of October 1962 with its first `decisions` taken as in 1962, saved under a name."""
    from game.analysis.documented import historical_choice
    from game.engine.engine import Engine
    from game.scenario.catalog import load
    from game.session import SaveStore, Session

    engine = Engine(load(None))
    session = Session.new(engine, seed=11, fate=fate)
    for _ in range(decisions):
        session.choose(historical_choice(engine, engine.node(session.state).id)[0])
    return engine, session, SaveStore(tmp_path).save_as(session, "where I stopped")


def test_analyse_a_save_gives_the_odds_where_its_game_waits(tmp_path):
    from game.analysis.branching import lean_copy
    from game.analysis.exact import Analyser

    engine, session, path = _saved_game(tmp_path, 3)
    done = run("analyse", "--save", str(path), "--policy", "diplomacy", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["exact"] is True and data["at"]["node"] == engine.node(session.state).id
    assert data["at"]["save"] == str(path)
    # the dice fall as they may from the saved point, whatever the game's fate (here 1962's)
    fresh = Analyser(engine.scenario, "diplomacy").option_odds(lean_copy(session.state, fate="dice"))
    assert [o["option"] for o in data["options"]] == [o.option for o in fresh]
    for shown, exact in zip(data["options"], fresh):
        assert shown["p_nuclear"] == pytest.approx(exact.nuclear, abs=1e-9)
    sampled = run("analyse", "--save", str(path), "--policy", "random", "--sample", "200", "--json")
    assert sampled.returncode == 0, sampled.stderr
    estimate = json.loads(sampled.stdout)
    assert estimate["exact"] is False and estimate["plays"] == 200
    assert all(o["plays"] == 200 and 0 < o["margin_95"] < 0.1 for o in estimate["options"])


def test_analyse_a_save_that_cannot_be_weighed_is_one_clear_line(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json")
    done = run("analyse", "--save", str(broken), "--json")
    assert done.returncode != 0 and done.stderr.count("\n") == 1, done.stderr
    assert "damaged" in done.stderr and "Traceback" not in done.stderr
    assert broken.read_text() == "{ not json"  # kept as it was
    _, _, path = _saved_game(tmp_path, 0)
    unmet = run("analyse", "--save", str(path), "--at", "d16-photo", "--json")
    assert unmet.returncode == 2 and unmet.stderr.count("\n") == 1, unmet.stderr
    assert "never awaited decision 'd16-photo'" in unmet.stderr and "did you mean d16-photos" in unmet.stderr
    both = run("analyse", "--save", str(path), "--at", "d16-photos", "--options", "--json")
    assert both.returncode == 2 and "--options is the first decision" in both.stderr
    alone = run("analyse", "--sample", "50", "--json")
    assert alone.returncode == 2 and "--at NODE or --save FILE" in alone.stderr


def test_analyse_a_save_whose_game_has_ended_says_how_to_go_on(tmp_path):
    from game.engine.engine import Engine
    from game.scenario.catalog import load
    from game.session import SaveStore, Session

    engine = Engine(load(str(MINI)))
    session = Session.new(engine, seed=2)
    while not session.state.ended:
        session.choose(engine.available_ids(session.state)[0])
    path = SaveStore(tmp_path).save_as(session, "finished")
    done = run("analyse", "--scenario", str(MINI), "--save", str(path), "--json")
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "has ended" in done.stderr and "give --at NODE" in done.stderr
    # --at weighs a decision the finished history met on the way, in the state it was met in
    first = engine.new_game(seed=2)
    at = engine.node(first).id
    weighed = run("analyse", "--scenario", str(MINI), "--save", str(path), "--at", at, "--json")
    assert weighed.returncode == 0, weighed.stderr
    data = json.loads(weighed.stdout)
    assert data["at"]["node"] == at and data["exact"] is True
    from game.analysis.branching import lean_copy
    from game.analysis.exact import Analyser

    fresh = Analyser(engine.scenario, "historical-dice").option_odds(
        lean_copy(session.state_at(session.root), fate="dice")
    )
    assert [o["option"] for o in data["options"]] == [o.option for o in fresh]
    for shown, exact in zip(data["options"], fresh):
        assert shown["p_nuclear"] == pytest.approx(exact.nuclear, abs=1e-9)


def test_playing_moscow_a_washington_move_is_not_called_your_action():
    """The US strike's danger, seen from Moscow, was listed as '(your action)'."""
    done = run("text", "--side", "ussr", "--seed", "4", "--no-save", stdin="1\n" * 10)
    assert done.returncode == 0, done.stderr
    assert "(Washington's action)" in done.stdout


def test_continue_without_saving_plays_on_the_save_and_leaves_it_as_it_was(tmp_path):
    """`text --continue --no-save` started a new game without a word; it continues the autosave, unchanged."""
    home = {"EXCOMM_HOME": str(tmp_path)}
    assert run("text", "--seed", "4", stdin="1\nq\n", env=home).returncode == 0
    save = tmp_path / "saves" / "autosave-october-1962.json"
    before = save.read_bytes()
    done = run("text", "--continue", "--no-save", stdin="1\n1\nq\n", env=home)
    assert done.returncode == 0, done.stderr
    assert "Continuing your game (seed 4) without saving" in done.stdout
    assert save.read_bytes() == before


def test_report_output_must_be_a_format_it_writes(tmp_path):
    """Markdown went into 'r.pdf': a name of another format is refused in one line, unless --format asks."""
    for command in (["report"],):
        done = run(*command, "--output", str(tmp_path / "r.pdf"))
        assert done.returncode == 2 and "name it .md or .html, or give --format" in done.stderr
        assert not (tmp_path / "r.pdf").exists()
        done = run(*command, "--output", str(tmp_path / "r.pdf"), "--format", "md")  # asked for: written
        assert done.returncode == 0 and (tmp_path / "r.pdf").read_text(encoding="utf-8").startswith("#")


def test_validate_takes_a_bundled_id_and_refuses_a_count_below_one():
    done = run("validate", "october-1962", "--runs", "20")
    assert done.returncode == 0 and "october-1962.yaml: valid" in done.stdout, done.stderr
    for command in (["validate", "--runs", "-1"], ["simulate", "--policy", "random", "--runs", "0"]):
        refused = run(*command)
        assert refused.returncode == 2 and "must be at least 1" in refused.stderr and "Traceback" not in refused.stderr
