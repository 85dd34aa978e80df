import json

from game.scenario.schema import SCHEMA_PATH, schema_text


def test_committed_json_schema_matches_the_models():
    assert SCHEMA_PATH.exists(), "run: python main.py schema"
    assert SCHEMA_PATH.read_text() == schema_text(), "the scenario models changed: run python main.py schema"


def test_schema_describes_node_kinds():
    schema = json.loads(schema_text())
    assert {"DecisionNode", "ChanceNode", "EndingNode", "Incident"} <= set(schema["$defs"])
    assert schema["additionalProperties"] is False
