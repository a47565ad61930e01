"""The record format, declared once: every field of every record kind and nested mapping, with its
type, vocabulary, default, order, nesting, list-item identity, references and YAML style; the
vocabularies; and the plain `Article` the stages share.

Records stay plain dicts in the order declared here, because that is what is read from and written to
YAML. What else knows the format derives it from `FORMAT` (built from `RECORDS` and `NESTED`):

- `schemas.py` writes the JSON Schemas (`schema/*.json`, committed) from the fields;
- `dump.py` orders keys by `keys`, nests by `child`, writes `flow` shapes on one line and quotes
  `quoted_keys`;
- `threeway.py` (the merge of one record) fills a draft's missing keys with `Field.initial`, reads
  `date_keys`, merges `atomic_keys` whole and matches list items by `identity`; `edits.py` unites and
  moves lists as the fields say;
- `check.py` checks every `Field.refers` and words pattern problems with `PATTERN_HINTS`.

Adding a field is one `Field(...)` line in its `Shape`, then `python -m generator.records.schemas`
(a test fails while the committed schemas are stale), then the template that shows it.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

EVENT_TYPES = ("drone_attack", "rocket_attack", "missile_attack", "air_strike", "shelling", "bombing",
               "armed_clash", "assassination", "attack_on_ship", "other")
WEAPONS = ("drone", "rocket", "missile", "ballistic_missile", "cruise_missile", "bomb", "suicide_bomb", "grenade",
           "gun", "knife", "artillery", "mortar", "other")
ROLES = ("perpetrator", "claimed", "accused", "target", "defender", "reporter", "commenter")
DATE_PRECISIONS = ("day", "days", "week", "month", "year", "unknown")
GEO_PRECISIONS = ("site", "town", "district", "province", "country", "sea", "unknown")
OCCURRENCE = ("confirmed", "reported", "disputed")
ATTRIBUTION = ("confirmed", "claimed", "accused", "contested", "unknown")
REVIEW = ("draft", "reviewed")
ACTOR_KINDS = ("state", "military", "armed_group", "government", "person", "media", "international_org",
               "other")
# The fields an incident's `uncertain` list may name (each entry: {field, why}).
UNCERTAIN_FIELDS = ("date", "place", "event_type", "weapons", "perpetrator", "killed", "wounded", "sources",
                    "title", "summary")  # title, summary: a person's text whose fields changed (records/summaries.py)
SUPPORTS = ("date", "location", "event_type", "weapons", "munitions", "actors", "claims", "casualties",
            "occurrence", "attribution", "context")

# Patterns of the value types `id` and `country`, and what `check` says of a value that breaks one.
SAFE_ID = "^[a-z0-9][a-z0-9-]*$"
COUNTRY = "^[A-Z]{2}$"
PATTERN_HINTS = {
    SAFE_ID: "is not a safe id; use lowercase letters, digits and hyphens, starting with a letter or digit",
    COUNTRY: 'is not a country code; use two uppercase letters in quotes, such as "IQ"',
}

# Value types of a field that is not an enum nor a nested mapping (schemas.py spells each in JSON Schema).
VALUE_TYPES = {
    "id": "a record id (SAFE_ID, not a reserved one)",
    "id?": "a record id or null",
    "article": "an article id (non-empty text)",
    "date": "an ISO date or null",
    "country": "a two-letter country code (COUNTRY) or null",
    "text": "text",
    "text?": "text or null",
    "words": "non-empty text",
    "count": "a whole number from 0, or null",
    "number?": "a number or null, within `range` when given",
}


@dataclass(frozen=True)
class Field:
    """One key of a record or of a nested mapping.

    `type` is a `VALUE_TYPES` key, `"enum"` (the vocabulary in `values`) or the name of a nested
    `Shape`; `list` makes it a list of such values. `default` is what a draft lacking the key gets
    (a list's is always `[]`). `refers` names what an id points to (`actors`, `places`, `incidents`),
    or `sources` for an article the incident must list among its sources; `check` reports dangling
    ones. `loose`: free text whose runs of white space do not count when it identifies a list item.
    """

    name: str
    type: str
    values: tuple[str, ...] = ()
    list: bool = False
    required: bool = False
    default: Any = None
    range: tuple[float, float] | None = None
    refers: str | None = None
    loose: bool = False

    def initial(self) -> Any:
        """A fresh copy of the value a draft lacking this key gets."""
        return [] if self.list else copy.deepcopy(self.default)


@dataclass(frozen=True)
class Shape:
    """A record kind or a mapping nested in one: its fields in the order records write them.

    `flow`: written on one line (`{low: 2, high: null, text: ...}`). `atomic`: merged whole (a
    person's edit keeps all of it; otherwise the draft's replaces all of it). `nullable`: null is
    allowed where one is expected. `shared`: the schemas define it once under `$defs`. `identity`:
    the keys that identify an item of a list of these when merging (alternatives: the first whose
    leading key is not null, else the last); none means the whole item. `one_of`: exactly one of
    these keys must be given. `title`: a record kind's title in its schema.
    """

    name: str
    fields: tuple[Field, ...]
    flow: bool = False
    atomic: bool = False
    nullable: bool = False
    shared: bool = False
    identity: tuple[tuple[str, ...], ...] = ()
    one_of: tuple[str, ...] = ()
    title: str = ""

    def field(self, name: str) -> Field | None:
        """The field `name`, None when this shape has none."""
        return next((f for f in self.fields if f.name == name), None)


F = Field  # the table below is one line a field
_REVIEW = F("review", "enum", REVIEW, default="draft")

FIGURE = Shape("figure", (F("low", "count"), F("high", "count"), F("text", "text?")),
               flow=True, atomic=True, nullable=True, shared=True)
NESTED = (
    FIGURE,
    Shape("location", (
        F("name", "text?", required=True),
        F("place", "id?", refers="places"),
        F("admin1", "text?"),
        F("country", "country"),
        F("lat", "number?", range=(-90, 90)),
        F("lon", "number?", range=(-180, 180)),
        F("precision", "enum", GEO_PRECISIONS),
    )),
    Shape("munition", (
        F("weapon", "enum", WEAPONS, required=True),
        F("count", "count"),
        F("intercepted", "count"),
        F("impacted", "count"),
        F("source", "article", refers="sources"),
    ), flow=True, identity=(("source", "weapon"),)),
    # An actor the sources name (`actor`, an id) or one they only describe (`description`): one, never both.
    Shape("actor_role", (
        F("actor", "id", refers="actors"),
        F("description", "words", loose=True),
        F("role", "enum", ROLES, required=True),
        F("sources", "article", list=True, refers="sources"),
    ), identity=(("actor", "role"), ("description", "role")), one_of=("actor", "description")),
    Shape("claim", (
        F("actor", "id?", refers="actors"),
        F("description", "text?"),
        F("text", "text", required=True, loose=True),
        F("source", "article", required=True, refers="sources"),
    ), identity=(("source", "text"),)),
    Shape("casualty_report", (
        F("source", "article", required=True, refers="sources"),
        F("according_to", "text?"),
        F("party", "text?"),
        F("killed", "figure"),
        F("wounded", "figure"),
    ), identity=(("source", "according_to", "party"),)),
    Shape("casualties", (F("killed", "figure"), F("wounded", "figure"))),
    Shape("evidence", (
        F("text", "words", required=True, loose=True),
        F("supports", "enum", SUPPORTS, list=True),
    ), identity=(("text",),)),
    Shape("source", (
        F("article", "article", required=True),
        F("title", "text?"),
        F("outlet", "text?"),
        F("url", "text?"),
        F("published", "date"),
        F("evidence", "evidence", list=True),
    ), identity=(("article",),)),
    Shape("context_item", (
        F("text", "text", required=True, loose=True),
        F("source", "article", refers="sources"),
    ), identity=(("source", "text"),)),
    Shape("uncertain_item", (
        F("field", "enum", UNCERTAIN_FIELDS, required=True),
        F("why", "text", required=True),
    ), identity=(("field",),)),
)

RECORDS = (
    Shape("incidents", (
        F("id", "id", required=True),
        F("former_ids", "id", list=True),
        F("title", "words", required=True),
        F("summary", "text?"),
        F("date", "date", required=True),
        F("date_earliest", "date"),
        F("date_latest", "date"),
        F("date_precision", "enum", DATE_PRECISIONS, default="unknown"),
        F("date_basis", "text?"),
        F("event_type", "enum", EVENT_TYPES, required=True),
        F("weapons", "enum", WEAPONS, list=True, required=True),
        F("munitions", "munition", list=True),
        F("location", "location", required=True),
        F("part_of", "id?"),
        F("actors", "actor_role", list=True, required=True),
        F("occurrence", "enum", OCCURRENCE, required=True),
        F("attribution", "enum", ATTRIBUTION, required=True, default="unknown"),
        F("uncertain", "uncertain_item", list=True),
        F("claims", "claim", list=True),
        F("casualty_reports", "casualty_report", list=True),
        F("casualties", "casualties", required=True, default={"killed": None, "wounded": None}),
        F("sources", "source", list=True, required=True),
        F("context", "context_item", list=True),
        F("related", "id", list=True, refers="incidents"),
        F("review", "enum", REVIEW, required=True, default="draft"),
    ), title="Briefing incident record (format v1)"),
    Shape("actors", (
        F("id", "id", required=True),
        F("name", "words", required=True),
        F("aliases", "text", list=True),
        F("kind", "enum", ACTOR_KINDS, required=True),
        F("country", "country"),
        F("affiliations", "id", list=True, refers="actors"),
        F("description", "text?"),
        _REVIEW,
    ), title="Briefing actor record (format v1)"),
    Shape("places", (
        F("id", "id", required=True),
        F("name", "words", required=True),
        F("aliases", "text", list=True),
        F("kind", "text?"),
        F("admin1", "text?"),
        F("country", "country"),
        F("lat", "number?", range=(-90, 90)),
        F("lon", "number?", range=(-180, 180)),
        _REVIEW,
    ), title="Briefing place record (format v1)"),
)


class Format:
    """What the consumers of the format read, derived from the declared shapes.

    `kinds`: the record kinds in order. `shapes`: every shape by name. `keys`: each shape's key
    order. `child`: `(shape, key) -> the nested shape` of a key's value (or of its list's items).
    `flow`: the shapes written on one line. `date_keys`, `atomic_keys`, `quoted_keys`: the keys,
    wherever they are, holding a date, a mapping merged whole, a country code (always quoted).
    `identity`: `shape -> ((key, loose), ...) alternatives` of the shapes whose list items have one.
    """

    def __init__(self, records: tuple[Shape, ...], nested: tuple[Shape, ...]):
        self.records = records
        self.nested = nested
        self.shapes = {s.name: s for s in (*records, *nested)}
        self.kinds = tuple(s.name for s in records)
        self.keys = {name: tuple(f.name for f in s.fields) for name, s in self.shapes.items()}
        self.child = {(s.name, f.name): f.type for s in self.shapes.values() for f in s.fields
                      if f.type in self.shapes}
        self.flow = frozenset(s.name for s in self.shapes.values() if s.flow)
        fields = [f for s in self.shapes.values() for f in s.fields]
        self.date_keys = frozenset(f.name for f in fields if f.type == "date")
        self.atomic_keys = frozenset(f.name for f in fields if f.type in self.shapes and self.shapes[f.type].atomic)
        self.quoted_keys = frozenset(f.name for f in fields if f.type == "country")
        # shape -> its identity alternatives as ((key, loose), ...): what merging reads for every list item
        self.identity = {s.name: tuple(tuple((k, s.field(k).loose) for k in alt) for alt in s.identity)
                         for s in self.shapes.values() if s.identity}
        self._check()

    def _check(self) -> None:
        for shape in self.shapes.values():
            names = [f.name for f in shape.fields]
            if len(set(names)) != len(names):
                raise ValueError(f"{shape.name}: a key declared twice")
            for f in shape.fields:
                if f.type not in VALUE_TYPES and f.type not in self.shapes and f.type != "enum":
                    raise ValueError(f"{shape.name}.{f.name}: unknown type {f.type!r}")
                if (f.type == "enum") != bool(f.values):
                    raise ValueError(f"{shape.name}.{f.name}: an enum, and only an enum, has values")
            for key in (*(k for alt in shape.identity for k in alt), *shape.one_of):
                if key not in names:
                    raise ValueError(f"{shape.name}: identity or one_of names unknown key {key!r}")

    def field(self, shape: str, key: str) -> Field | None:
        """The declared field `key` of `shape`, None when the format has no such key there."""
        s = self.shapes.get(shape)
        return s.field(key) if s is not None else None

    def with_field(self, shape: str, new: Field, after: str | None = None) -> Format:
        """This format with one more field in `shape` (after the key `after`, else last)."""
        def grown(s: Shape) -> Shape:
            if s.name != shape:
                return s
            fields = list(s.fields)
            fields.insert(fields.index(s.field(after)) + 1 if after else len(fields), new)
            return Shape(**{**s.__dict__, "fields": tuple(fields)})

        return Format(tuple(map(grown, self.records)), tuple(map(grown, self.nested)))


FORMAT = Format(RECORDS, NESTED)
INCIDENT_KEYS = FORMAT.keys["incidents"]
ACTOR_KEYS = FORMAT.keys["actors"]
PLACE_KEYS = FORMAT.keys["places"]


@dataclass(frozen=True)
class Article:
    """One seed file, cleaned. `text` is what evidence sentences are verbatim substrings of."""

    id: str
    path: str  # relative to the seeds folder, POSIX separators
    title: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_precision: str = "unknown"  # day | month | unknown
    published_basis: str = ""  # where the publication date came from
    digest: str = ""  # sha256 of the raw file bytes
    warnings: tuple[str, ...] = field(default=())
