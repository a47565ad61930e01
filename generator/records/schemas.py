"""Build the JSON Schemas of the record format (v1) from the vocabularies in `generator/records/format.py`.

The schemas in `generator/records/schema/*.json` are generated, never edited by hand; refresh them with
`python -m generator.records.schemas` after changing a vocabulary (a test fails while they are stale).
They describe records as JSON would hold them: a YAML date is a string of format `date`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.records import format as model
from generator.records.vocabulary import SAFE_ID_PATTERN

SCHEMA_DIR = Path(__file__).parent / "schema"
SAFE_ID = SAFE_ID_PATTERN
# Names of generated pages beside the record pages (`incidents/index.md`, ...): a record with such an
# id would take that page's place.
RESERVED_IDS = ("index",)
RESERVED = f"^(?:{'|'.join(RESERVED_IDS)})$"
COUNTRY = "^[A-Z]{2}$"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_URI = "https://briefing.invalid/schema/"

INCIDENT_REQUIRED = ("id", "title", "date", "event_type", "weapons", "location", "actors", "occurrence",
                     "attribution", "casualties", "sources", "review")
ACTOR_REQUIRED = ("id", "name", "kind")
PLACE_REQUIRED = ("id", "name")


def _obj(properties: dict, required: tuple[str, ...] = (), nullable: bool = False) -> dict:
    out: dict = {"type": ["object", "null"] if nullable else "object"}
    if required:
        out["required"] = list(required)
    out["properties"] = properties
    out["additionalProperties"] = False
    return out


def _list(items: dict) -> dict:
    return {"type": "array", "items": items}


def _enum(values: tuple[str, ...]) -> dict:
    # No "type" beside "enum": a wrong value then gives one problem that lists the allowed values.
    return {"enum": list(values)}


TEXT = {"type": "string"}
TEXT_OR_NULL = {"type": ["string", "null"]}
ID = {"$ref": "#/$defs/id"}
ID_OR_NULL = {"$ref": "#/$defs/id_or_null"}
ARTICLE = {"$ref": "#/$defs/article"}
DATE = {"$ref": "#/$defs/date"}
COUNTRY_OR_NULL = {"$ref": "#/$defs/country"}
COUNT = {"type": ["integer", "null"], "minimum": 0}
FIGURE = {"$ref": "#/$defs/figure"}

DEFS = {
    "id": {"type": "string", "pattern": SAFE_ID, "not": {"type": "string", "pattern": RESERVED}},
    "id_or_null": {"type": ["string", "null"], "pattern": SAFE_ID, "not": {"type": "string", "pattern": RESERVED}},
    "article": {"type": "string", "minLength": 1},
    "date": {"type": ["string", "null"], "format": "date"},
    "country": {"type": ["string", "null"], "pattern": COUNTRY},
    "figure": _obj({"low": COUNT, "high": COUNT, "text": TEXT_OR_NULL}, nullable=True),
}


def _document(name: str, title: str, properties: dict, required: tuple[str, ...]) -> dict:
    doc = {"$schema": DIALECT, "$id": f"{BASE_URI}{name}.schema.json", "title": title}
    doc.update(_obj(properties, required))
    doc["$defs"] = DEFS
    return doc


def incident_schema() -> dict:
    location = _obj({
        "name": TEXT_OR_NULL, "place": ID_OR_NULL, "admin1": TEXT_OR_NULL, "country": COUNTRY_OR_NULL,
        "lat": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
        "lon": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
        "precision": _enum(model.GEO_PRECISIONS),
    }, required=("name",))
    munition = _obj({"weapon": _enum(model.WEAPONS), "count": COUNT, "intercepted": COUNT,
                     "impacted": COUNT, "source": ARTICLE}, required=("weapon",))
    # An actor the sources name (`actor`, an id) or one they only describe (`description`): one, never both.
    actor_role = _obj({"actor": ID, "description": {"type": "string", "minLength": 1}, "role": _enum(model.ROLES),
                       "sources": _list(ARTICLE)}, required=("role",))
    actor_role["oneOf"] = [{"required": ["actor"]}, {"required": ["description"]}]
    claim = _obj({"actor": ID_OR_NULL, "description": TEXT_OR_NULL, "text": TEXT, "source": ARTICLE},
                 required=("text", "source"))
    casualty_report = _obj({"source": ARTICLE, "according_to": TEXT_OR_NULL, "party": TEXT_OR_NULL,
                            "killed": FIGURE, "wounded": FIGURE}, required=("source",))
    evidence = _obj({"text": {"type": "string", "minLength": 1}, "supports": _list(_enum(model.SUPPORTS))},
                    required=("text",))
    source = _obj({"article": ARTICLE, "title": TEXT_OR_NULL, "outlet": TEXT_OR_NULL, "url": TEXT_OR_NULL,
                   "published": DATE, "evidence": _list(evidence)}, required=("article",))
    properties = {
        "id": ID,
        "former_ids": _list(ID),
        "title": {"type": "string", "minLength": 1},
        "summary": TEXT_OR_NULL,
        "date": DATE,
        "date_earliest": DATE,
        "date_latest": DATE,
        "date_precision": _enum(model.DATE_PRECISIONS),
        "date_basis": TEXT_OR_NULL,
        "event_type": _enum(model.EVENT_TYPES),
        "weapons": _list(_enum(model.WEAPONS)),
        "munitions": _list(munition),
        "location": location,
        "part_of": ID_OR_NULL,
        "actors": _list(actor_role),
        "occurrence": _enum(model.OCCURRENCE),
        "attribution": _enum(model.ATTRIBUTION),
        "uncertain": _list(_obj({"field": _enum(model.UNCERTAIN_FIELDS), "why": TEXT}, required=("field", "why"))),
        "claims": _list(claim),
        "casualty_reports": _list(casualty_report),
        "casualties": _obj({"killed": FIGURE, "wounded": FIGURE}),
        "sources": _list(source),
        "context": _list(_obj({"text": TEXT, "source": ARTICLE}, required=("text",))),
        "related": _list(ID),
        "review": _enum(model.REVIEW),
    }
    assert tuple(properties) == model.INCIDENT_KEYS, "schema and model.INCIDENT_KEYS disagree"
    return _document("incident", "Briefing incident record (format v1)", properties, INCIDENT_REQUIRED)


def actor_schema() -> dict:
    properties = {
        "id": ID,
        "name": {"type": "string", "minLength": 1},
        "aliases": _list(TEXT),
        "kind": _enum(model.ACTOR_KINDS),
        "country": COUNTRY_OR_NULL,
        "affiliations": _list(ID),
        "description": TEXT_OR_NULL,
        "review": _enum(model.REVIEW),
    }
    assert tuple(properties) == model.ACTOR_KEYS, "schema and model.ACTOR_KEYS disagree"
    return _document("actor", "Briefing actor record (format v1)", properties, ACTOR_REQUIRED)


def place_schema() -> dict:
    properties = {
        "id": ID,
        "name": {"type": "string", "minLength": 1},
        "aliases": _list(TEXT),
        "kind": TEXT_OR_NULL,
        "admin1": TEXT_OR_NULL,
        "country": COUNTRY_OR_NULL,
        "lat": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
        "lon": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
        "review": _enum(model.REVIEW),
    }
    assert tuple(properties) == model.PLACE_KEYS, "schema and model.PLACE_KEYS disagree"
    return _document("place", "Briefing place record (format v1)", properties, PLACE_REQUIRED)


def build_schemas() -> dict[str, str]:
    """Every schema file as `file name -> JSON text` (sorted keys are not used: order reads better)."""
    docs = {"incident": incident_schema(), "actor": actor_schema(), "place": place_schema()}
    return {f"{name}.schema.json": json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
            for name, doc in docs.items()}


def main() -> int:
    from generator import fsio

    changed = fsio.write_tree(SCHEMA_DIR, build_schemas())
    for rel in changed:
        print(f"wrote generator/records/schema/{rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
