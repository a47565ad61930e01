"""The JSON Schemas (`generator.records.schemas`): generated from the record format, committed fresh."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from generator.records import format as model
from generator.records.schemas import SCHEMA_DIR, build_schemas
from tests.records_helpers import plain_incident


def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))

def test_schemas_committed_files_are_fresh():
    for name, text in build_schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, "run: python -m generator.records.schemas"

def test_schemas_are_valid_draft_2020_12():
    for name in ("incident", "actor", "place"):
        schema = _schema(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)

def test_schemas_key_order_equals_model():
    assert tuple(_schema("incident")["properties"]) == model.INCIDENT_KEYS
    assert tuple(_schema("actor")["properties"]) == model.ACTOR_KEYS
    assert tuple(_schema("place")["properties"]) == model.PLACE_KEYS

def test_schema_checks_the_flags():
    from generator.records.schemas import record_schema

    validator = Draft202012Validator(record_schema("incidents"))

    def errors(**changes):
        return list(validator.iter_errors(json.loads(json.dumps(plain_incident(**changes), default=str))))
    assert errors() == [] and errors(uncertain=[]) == []
    for bad in ([{"field": "mood", "why": "x"}], [{"field": "place"}], [{"field": "place", "why": "x", "extra": 1}]):
        assert errors(uncertain=bad), bad
