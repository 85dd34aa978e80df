"""The JSON Schema of the scenario format, generated from the pydantic models.

Kept beside the scenarios so that editors can check and complete YAML; a test
fails when the committed file no longer matches the models.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.scenario.catalog import SCENARIO_DIR
from game.scenario.models import FORMAT_VERSION, Scenario

SCHEMA_PATH: Path = SCENARIO_DIR / "scenario.schema.json"


def schema_text() -> str:
    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"ExComm scenario (format {FORMAT_VERSION})"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
