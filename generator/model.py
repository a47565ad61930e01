"""Plain data shared by the stages, and the record format's vocabularies.

Records themselves stay plain dicts in the order of the record format (DESIGN.md), because that is
what is read from and written to YAML; the JSON Schema in `generator/schema/` validates them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

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
                    "title", "summary")  # title, summary: a person's text whose fields changed (summaries.py)
SUPPORTS = ("date", "location", "event_type", "weapons", "munitions", "actors", "claims", "casualties",
            "occurrence", "attribution", "context")

# The order of keys in an incident record, as DESIGN.md gives it.
INCIDENT_KEYS = ("id", "former_ids", "title", "summary", "date", "date_earliest", "date_latest",
                 "date_precision", "date_basis", "event_type", "weapons", "munitions", "location",
                 "part_of", "actors", "occurrence", "attribution", "uncertain", "claims", "casualty_reports",
                 "casualties", "sources", "context", "related", "review")
ACTOR_KEYS = ("id", "name", "aliases", "kind", "country", "affiliations", "description", "review")
PLACE_KEYS = ("id", "name", "aliases", "kind", "admin1", "country", "lat", "lon", "review")


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
