"""Build the JSON Schemas of the record format (v1) from its declaration in `generator/records/format.py`.

The schemas in `generator/records/schema/*.json` are generated, never edited by hand; refresh them with
`python -m generator.records.schemas` after changing the format (a test fails while they are stale).
They describe records as JSON would hold them: a YAML date is a string of format `date`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.records import format as fmt

SCHEMA_DIR = Path(__file__).parent / "schema"
# Names of generated pages beside the record pages (`incidents/index.md`, ...): a record with such an
# id would take that page's place.
RESERVED_IDS = ("index",)
RESERVED = f"^(?:{'|'.join(RESERVED_IDS)})$"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_URI = "https://briefing.invalid/schema/"


def _obj(properties: dict, required: tuple[str, ...] = (), nullable: bool = False) -> dict:
    out: dict = {"type": ["object", "null"] if nullable else "object"}
    if required:
        out["required"] = list(required)
    out["properties"] = properties
    out["additionalProperties"] = False
    return out


# How JSON Schema spells each of `fmt.VALUE_TYPES` (the named ones are under `$defs`).
_VALUE = {
    "id": {"$ref": "#/$defs/id"},
    "id?": {"$ref": "#/$defs/id_or_null"},
    "article": {"$ref": "#/$defs/article"},
    "date": {"$ref": "#/$defs/date"},
    "country": {"$ref": "#/$defs/country"},
    "text": {"type": "string"},
    "text?": {"type": ["string", "null"]},
    "words": {"type": "string", "minLength": 1},
    "count": {"type": ["integer", "null"], "minimum": 0},
    "number?": {"type": ["number", "null"]},
}
_DEFS = {
    "id": {"type": "string", "pattern": fmt.SAFE_ID, "not": {"type": "string", "pattern": RESERVED}},
    "id_or_null": {"type": ["string", "null"], "pattern": fmt.SAFE_ID,
                   "not": {"type": "string", "pattern": RESERVED}},
    "article": {"type": "string", "minLength": 1},
    "date": {"type": ["string", "null"], "format": "date"},
    "country": {"type": ["string", "null"], "pattern": fmt.COUNTRY},
}


def _value(f: fmt.Field, form: fmt.Format) -> dict:
    if f.type == "enum":
        # No "type" beside "enum": a wrong value then gives one problem that lists the allowed values.
        value = {"enum": list(f.values)}
    elif f.type in form.shapes:
        shape = form.shapes[f.type]
        value = {"$ref": f"#/$defs/{shape.name}"} if shape.shared else _shape(shape, form)
    else:
        value = dict(_VALUE[f.type])
    if f.range is not None:
        value["minimum"], value["maximum"] = f.range
    return {"type": "array", "items": value} if f.list else value


def _shape(shape: fmt.Shape, form: fmt.Format) -> dict:
    out = _obj({f.name: _value(f, form) for f in shape.fields},
               tuple(f.name for f in shape.fields if f.required), shape.nullable)
    if shape.one_of:
        out["oneOf"] = [{"required": [key]} for key in shape.one_of]
    return out


def schema_name(kind: str) -> str:
    """The file of a record kind's schema in `SCHEMA_DIR`: `incidents` -> `incident.schema.json`."""
    return f"{kind[:-1]}.schema.json"


def record_schema(kind: str, form: fmt.Format | None = None) -> dict:
    """The JSON Schema of one record kind (`incidents`, `actors`, `places`) of `form` (default: the format)."""
    form = form or fmt.FORMAT
    shape = form.shapes[kind]
    doc = {"$schema": DIALECT, "$id": f"{BASE_URI}{schema_name(kind)}", "title": shape.title}
    doc.update(_shape(shape, form))
    doc["$defs"] = {**_DEFS, **{s.name: _shape(s, form) for s in form.nested if s.shared}}
    return doc


def build_schemas(form: fmt.Format | None = None) -> dict[str, str]:
    """Every schema file as `file name -> JSON text` (sorted keys are not used: order reads better)."""
    form = form or fmt.FORMAT
    return {schema_name(kind): json.dumps(record_schema(kind, form), indent=2, ensure_ascii=False) + "\n"
            for kind in form.kinds}


def main() -> int:
    from generator import fsio

    changed = fsio.write_tree(SCHEMA_DIR, build_schemas())
    for rel in changed:
        print(f"wrote generator/records/schema/{rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
