"""Downloads beside the briefs: incidents as JSON, GeoJSON, ACLED-style CSV, actors and places as
JSON, and an Atom feed.

All are deterministic: sorted, no run time anywhere. The feed's `updated` (and the CSV's `timestamp`)
is when the record last changed (see `record_updated`): the time of the last commit that changed its
file, in the project's git checkout (`generator.site.history`), and never before its newest source's
publication day, which is all it is elsewhere; so regenerating without record changes rewrites nothing.
Files are written for tools, not for reading: numbers are JSON/CSV numbers, a value that is not
known is `null` in JSON and an empty cell in the CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generator.records.vocabulary import EVENT_LABELS
from generator.site.values import as_date, as_dict, as_list, country_name, incident_date, page_slug, range_low, uncertain_items
from generator.site.views import Site
from generator.textsafe import one_line

# Every Briefing event type is political violence in ACLED's terms (none is a demonstration or a
# strategic development). event_type -> (ACLED disorder_type, event_type, sub_event_type); ACLED codes
# rockets, missiles and shelling alike, drones with air strikes, and targeted killings as attacks.
# `other` is an attack that fits none of the named types (a massacre, a raid, an arson attack): still
# violence, coded by what the record says of it (`acled_type`).
ACLED_MAPPING = {
    "drone_attack": ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    "rocket_attack": ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "missile_attack": ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "air_strike": ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "bombing": ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "armed_clash": ("Political violence", "Battles", "Armed clash"),
    "assassination": ("Political violence", "Violence against civilians", "Attack"),
    "attack_on_ship": ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "other": ("Political violence", "Battles", "Armed clash"),
}
# Remote weapons decide the sub-event of the types coded by their means (`WEAPON_CODED`), in this order.
_REMOTE = (("drone", "Air/drone strike"), ("missile", "Shelling/artillery/missile attack"),
           ("ballistic_missile", "Shelling/artillery/missile attack"),
           ("cruise_missile", "Shelling/artillery/missile attack"), ("rocket", "Shelling/artillery/missile attack"),
           ("artillery", "Shelling/artillery/missile attack"), ("mortar", "Shelling/artillery/missile attack"),
           ("bomb", "Remote explosive/landmine/IED"))
WEAPON_CODED = ("attack_on_ship", "assassination", "other")
CIVILIAN_ATTACK = ("Political violence", "Violence against civilians", "Attack")
# ACLED time_precision: 1 = the day, 2 = within a week, 3 = within a month or coarser.
TIME_PRECISION = {"day": 1, "days": 2, "week": 2, "month": 3, "year": 3, "unknown": 3}
# ACLED geo_precision: 1 = the town or site, 2 = near it / its district, 3 = the province or coarser.
GEO_PRECISION = {"site": 1, "town": 1, "district": 2, "province": 3, "country": 3, "sea": 3, "unknown": 3}
# ACLED actor types (inter1/inter2): 1 state forces, 2 rebel groups, 3 political militias, 4 identity
# militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces. Briefing's actor kinds say
# which of these an actor is only for some; an armed group's is not known (rebel or militia).
INTER_STATE, INTER_MILITIA, INTER_CIVILIANS, INTER_EXTERNAL = 1, 3, 7, 8
UNIDENTIFIED = "Unidentified armed group"
# Words that make a described target, or a casualty report's party, civilians.
_CIVILIAN_WORDS = re.compile(r"\b(?:civilians?|non-combatants?|children)\b", re.I)

# (column, where its value comes from): ACLED's columns in ACLED's order, then Briefing's own. Shown
# on the downloads page, so the mapping is stated where the file is offered.
CSV_SPEC = (
    ("event_id_cnty", "the Briefing record id (stable: ids never change; a renamed record keeps its old id in `former_ids`)"),
    ("event_date", "the incident's day (YYYY-MM-DD), else the first day of its window; empty when undated"),
    ("year", "the year of `event_date`"),
    ("time_precision", "1 a day, 2 a window of days or a week, 3 a month or coarser (or undated)"),
    ("disorder_type", "always *Political violence*"),
    ("event_type", "from the event type (table below)"),
    ("sub_event_type", "from the event type (table below)"),
    ("actor1", f"the perpetrator, else the actor that claimed the attack (never an actor only accused of it); an actor the sources describe without naming is *{UNIDENTIFIED} (description)*; with neither, *{UNIDENTIFIED}* and the country"),
    ("assoc_actor_1", "further perpetrators or claimants, separated by `; `"),
    ("inter1", "ACLED actor type of actor1: 1 state forces (a state, its military or government, in its own country), 3 for an unidentified armed group, 7 civilians, 8 external forces (a state's forces abroad, an international organisation); empty for a named armed group (rebel group or militia: not known)"),
    ("actor2", "the target"),
    ("assoc_actor_2", "further targets, separated by `; `"),
    ("inter2", "ACLED actor type of actor2, as for inter1"),
    ("interaction", "the two actor types, lower first (18 = state forces and external forces); the actor type and 0 when there is no actor2; empty when a type is not known"),
    ("civilian_targeting", "*Civilian targeting* when the target is civilians (a target described as civilians, media, or a casualty report that counts civilians), else empty"),
    ("iso", "ISO 3166-1 numeric code of the country"),
    ("region", "ACLED's region of the country"),
    ("country", "country name"),
    ("admin1", "first-level region"),
    ("admin2", "not recorded by Briefing: empty"),
    ("admin3", "not recorded by Briefing: empty"),
    ("location", "the place record's name, else the place as the sources name it"),
    ("latitude", "decimal degrees (the place record's, else the incident's)"),
    ("longitude", "decimal degrees"),
    ("geo_precision", "1 a site or town, 2 a district, 3 a province, country or sea"),
    ("source", "the outlets of the sources, separated by `; `"),
    ("source_scale", "not recorded by Briefing: empty"),
    ("notes", "the record's summary"),
    ("fatalities", "the lowest death toll any source gives; 0 when none is stated (ACLED's convention: see `killed_low`)"),
    ("tags", "`attribution=...; occurrence=...`"),
    ("timestamp", "when the record last changed, as Unix time: the last commit that changed its file (an uncommitted change: the commit checked out), never before 00:00 UTC of its newest source's publication day (else of its last possible day), which is all it is outside the project's git history; empty when none is known"),
    ("killed_low", "deaths, lowest figure; empty when not stated"),
    ("killed_high", "deaths, highest figure; empty when not stated or open-ended (\"at least\")"),
    ("wounded_low", "wounded, lowest figure; empty when not stated"),
    ("wounded_high", "wounded, highest figure; empty when not stated or open-ended"),
    ("accused", "actors accused of the attack, separated by `; `"),
    ("occurrence", "confirmed, reported or disputed"),
    ("attribution", "confirmed, claimed, accused, contested or unknown"),
    ("review", "draft (as drafted by the generator) or reviewed (checked by a person)"),
    ("uncertain", "the fields a reader should check (date, place, event_type, ...), separated by `; `"),
    ("briefing_event_type", "Briefing's own event type"),
    ("country_code", "ISO 3166-1 alpha-2 code of the country"),
    ("page", "the incident's page, relative to the site's root"),
)
CSV_COLUMNS = tuple(name for name, _ in CSV_SPEC)


@functools.lru_cache(maxsize=None)
def _iso_numeric() -> dict[str, int]:
    """ISO 3166-1 alpha-2 -> numeric code, from the CLDR data Babel (a dependency of MkDocs Material)
    ships: its territory aliases map each three-digit code to the one alpha-2 code it stands for."""
    try:
        from babel.core import get_global
    except ImportError:  # pragma: no cover - babel is a dependency of mkdocs-material
        return {}
    out: dict[str, int] = {}
    for code, targets in sorted(get_global("territory_aliases").items()):
        if code.isdigit() and len(code) == 3 and len(targets) == 1 and len(targets[0]) == 2:
            out.setdefault(targets[0], int(code))
    return out


@functools.lru_cache(maxsize=None)
def acled_regions() -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> ACLED region, from `generator/data/acled_regions.yaml`."""
    import yaml

    path = Path(__file__).resolve().parents[1] / "data" / "acled_regions.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(code): str(region) for region, codes in sorted(data.items()) for code in codes or []}


def render_downloads(site: Site, pieces: list[dict]) -> dict[str, str]:
    """Every download; `pieces` are `incident_pieces` of every incident in `site.order`: each incident
    file is its incidents' pieces joined, so an incremental render can reuse the pieces of the
    incidents that did not change. Actors and places are few and made whole each time."""
    by_id = [p for _, p in sorted(zip((str(i.get("id")) for i in site.order), pieces), key=lambda t: t[0])]
    stamps = [p["updated"] for p in pieces if p.get("updated")]
    return {
        "downloads/incidents.json": _json_document([p["json"] for p in by_id], "incidents", ()),
        "downloads/incidents.geojson": _json_document([p["geojson"] for p in by_id if p["geojson"]],
                                                      "features", (("type", "FeatureCollection"),)),
        "downloads/incidents.csv": _csv_line(dict(zip(CSV_COLUMNS, CSV_COLUMNS))) + "".join(p["csv"] for p in pieces),
        "downloads/actors.json": _json_document([_json_item(actor_item(site, aid, actor))
                                                 for aid, actor in sorted(site.actors.items())], "actors", ()),
        "downloads/places.json": _json_document([_json_item(place_item(site, pid, place))
                                                 for pid, place in sorted(site.places.items())], "places", ()),
        "feed.xml": _feed(max(stamps) if stamps else None, [p["feed"] for p in pieces]),
    }


def incident_pieces(site: Site, inc: dict, changed: int | None = None) -> dict:
    """One incident's piece of each download, as text: a JSON record, a GeoJSON feature (None when
    the incident has no point), a CSV line and an Atom entry ("" when the record has no date at all),
    and the entry's `updated` stamp (None then). `changed`: when the record's file last changed, as
    Unix time (`history.record_times`), None when not known."""
    updated = record_updated(inc, changed)
    row = acled_row(site, inc, updated)
    return {"json": _json_item(incident_item(site, inc)), "geojson": _geojson_feature(site, inc, row),
            "csv": _csv_line(row), "feed": _feed_entry(site, inc, updated),
            "updated": _stamp(updated) if updated else None}


def record_updated(inc: dict, changed: int | None = None) -> dt.datetime | None:
    """When the record last changed, never from the clock: `changed` (the Unix time of the last commit
    that changed its file, `history.record_times`), but not before 00:00 UTC of its newest source's
    publication day (a record cannot predate its sources; without a history that day is all there is),
    else of the last day the incident can have happened; None when none of these is known."""
    published = [d for d in (as_date(as_dict(s).get("published")) for s in as_list(inc.get("sources"))) if d]
    day = max(published) if published else \
        as_date(inc.get("date_latest")) or as_date(inc.get("date")) or as_date(inc.get("date_earliest"))
    stamps = [dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)] if day else []
    if changed is not None:
        stamps.append(dt.datetime.fromtimestamp(changed, dt.timezone.utc))
    return max(stamps) if stamps else None


def _first_published(inc: dict) -> dt.date | None:
    published = [d for d in (as_date(as_dict(s).get("published")) for s in as_list(inc.get("sources"))) if d]
    return min(published) if published else None


def _stamp(when: dt.date) -> str:
    if isinstance(when, dt.datetime):
        return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{when.isoformat()}T00:00:00Z"


def _json_item(value: object) -> str:
    """`value` as `json.dumps(..., indent=1)` writes it two levels deep (an item of a list that is a
    value of the top object): the same bytes as dumping the whole document at once."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    return "\n".join("  " + line for line in text.split("\n"))  # JSON strings hold no raw newline


def _json_document(items: list[str], key: str, after: tuple[tuple[str, str], ...]) -> str:
    """`{"<key>": [items], <after>}` laid out as `json.dumps(indent=1, sort_keys=True)` would (the keys
    in `after` sort after `key`)."""
    body = f' "{key}": [\n' + ",\n".join(items) + "\n ]" if items else f' "{key}": []'
    tail = "".join(f',\n {json.dumps(k)}: {json.dumps(v)}' for k, v in after)
    return "{\n" + body + tail + "\n}\n"


def _plain(value: object) -> object:
    """Record values as JSON can hold them: dates as ISO strings, mappings with sorted keys."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def entry_name(site: Site, entry: dict) -> str:
    """The name an actors (or claims) entry stands for: the actor record's name, else its id; an actor
    described but not named on the attacking side is an unidentified armed group, with the words the
    sources use for it (ACLED's convention); a described target is its description."""
    if entry.get("actor") is not None:
        return site.actor_ref(entry.get("actor"))["name"]
    words = one_line(entry.get("description"))
    if entry.get("role", "claimed") in ("perpetrator", "claimed", "accused"):
        return f"{UNIDENTIFIED} ({words})" if words else UNIDENTIFIED
    return words or "unnamed"


def incident_item(site: Site, inc: dict) -> dict:
    """The record as it is, with what a reader would otherwise have to look up in other files: each
    actors and claims entry's `name`, the place's `place_name`, and the incident's `page`."""
    item = dict(inc)
    for key in ("actors", "claims"):
        if isinstance(inc.get(key), list):
            item[key] = [dict(e, name=entry_name(site, e)) if isinstance(e, dict) else e for e in inc[key]]
    if isinstance(inc.get("location"), dict):
        item["location"] = dict(inc["location"], place_name=_location(site, inc) or None)
    item["page"] = f"incidents/{page_slug(inc.get('id'))}.html"
    return _plain(item)


def actor_item(site: Site, aid: str, actor: dict) -> dict:
    """An actor record as it is, with its page and how many incidents name it."""
    summary = site.actor_summary(aid, actor)
    return _plain(dict(actor, id=aid, page=f"actors/{summary['page']}.html",
                       incident_count=summary["incident_count"]))


def place_item(site: Site, pid: str, place: dict) -> dict:
    """A place record as it is, with its country's name, its page and how many incidents happened there."""
    summary = site.place_summary(pid, place)
    return _plain(dict(place, id=pid, country_name=summary["country"] or None,
                       page=f"places/{summary['page']}.html", incident_count=summary["incident_count"]))


def bounds(value: object) -> tuple[int | None, int | None]:
    """A casualty figure as (low, high) numbers: `null` is (None, None), a count n is (n, n), a range
    its bounds (high None when open-ended: "at least 4")."""
    if isinstance(value, bool):
        return None, None
    if isinstance(value, int):
        return value, value
    if isinstance(value, dict):
        low, high = value.get("low"), value.get("high")
        low = low if isinstance(low, int) and not isinstance(low, bool) else None
        high = high if isinstance(high, int) and not isinstance(high, bool) else None
        return (high, high) if low is None and high is not None else (low, high)
    return None, None


def _location(site: Site, inc: dict) -> str:
    pid = site.place_id(inc)
    place = site.places.get(pid) if pid is not None else None
    return one_line((place or {}).get("name") or as_dict(inc.get("location")).get("name"))


def _geojson_feature(site: Site, inc: dict, acled: dict) -> str | None:
    """A GeoJSON (RFC 7946) Point feature; its properties are flat scalars, so a GIS can style by them."""
    point = site.coords(inc)
    if point is None:
        return None
    row = site.incident_row(inc)
    loc = as_dict(inc.get("location"))
    casualties = as_dict(inc.get("casualties"))
    killed, wounded = bounds(casualties.get("killed")), bounds(casualties.get("wounded"))
    return _json_item({
        "type": "Feature", "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [point[1], point[0]]},  # GeoJSON is lon, lat
        "properties": {
            "id": row["id"], "title": one_line(row["title"]), "date": row["day"] or None,
            "date_text": row["date"], "event_type": inc.get("event_type"), "event_label": row["event_type"],
            "place": row["place"]["name"], "admin1": acled["admin1"] or None,
            "country": acled["country"] or None, "country_code": acled["country_code"] or None,
            "page": f"incidents/{row['page']}.html",
            "killed_low": killed[0], "killed_high": killed[1], "killed_text": row["killed"],
            "wounded_low": wounded[0], "wounded_high": wounded[1], "wounded_text": row["wounded"],
            "actor1": acled["actor1"], "actor2": acled["actor2"] or None,
            "occurrence": str(inc.get("occurrence") or "") or None,
            "attribution": str(inc.get("attribution") or "") or None,
            "review": str(inc.get("review") or "") or None,
            "uncertain": acled["uncertain"] or None,
            "geo_precision": str(loc.get("precision") or "") or None,
        },
    })


def _entries(inc: dict, roles: tuple[str, ...]) -> list[dict]:
    return [as_dict(e) for e in as_list(inc.get("actors"))
            if as_dict(e).get("role") in roles and (as_dict(e).get("actor") is not None or as_dict(e).get("description"))]


def _names(site: Site, entries: list[dict]) -> list[str]:
    names: list[str] = []
    for entry in entries:
        name = entry_name(site, entry)
        if name not in names:
            names.append(name)
    return names


def _inter(site: Site, entry: dict | None, country: str) -> int | None:
    """ACLED's actor type of an actors entry (None when Briefing cannot tell)."""
    if entry is None:
        return None
    if entry.get("actor") is None:  # described, not named
        if entry.get("role") == "target":
            return INTER_CIVILIANS if _CIVILIAN_WORDS.search(str(entry.get("description") or "")) else None
        return INTER_MILITIA  # ACLED codes an unidentified armed group as a political militia
    actor = site.actors.get(str(entry.get("actor"))) or {}
    kind = actor.get("kind")
    if kind in ("state", "military", "government"):
        home = str(actor.get("country") or "").upper()
        return INTER_EXTERNAL if home and country and home != country else INTER_STATE
    if kind == "international_org":
        return INTER_EXTERNAL
    if kind == "media":
        return INTER_CIVILIANS
    return None


def _civilian_target(site: Site, inc: dict, targets: list[dict]) -> bool:
    if any(_inter(site, t, "") == INTER_CIVILIANS for t in targets):
        return True
    return any(_CIVILIAN_WORDS.search(str(as_dict(r).get("party") or ""))
               for r in as_list(inc.get("casualty_reports")))


def acled_type(inc: dict, civilian: bool) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) of an incident. Types coded by their means (attacks
    on ships, assassinations, other attacks) take a remote weapon's sub-event; without one, an attack
    on civilians is violence against civilians, and otherwise the type's row of `ACLED_MAPPING`."""
    kind = str(inc.get("event_type") or "other")
    mapped = ACLED_MAPPING.get(kind, ACLED_MAPPING["other"])
    if kind not in WEAPON_CODED and kind in ACLED_MAPPING:
        return mapped
    weapons = {str(w) for w in as_list(inc.get("weapons"))}
    for weapon, sub in _REMOTE:
        if weapon in weapons:
            return ("Political violence", "Explosions/Remote violence", sub)
    return CIVILIAN_ATTACK if civilian else mapped


def acled_row(site: Site, inc: dict, updated: dt.datetime | None = None) -> dict:
    """One incident as an ACLED-style row (`CSV_SPEC`): actor1 the side that attacked, actor2 the side
    attacked. Numbers are numbers; a value Briefing does not know is None (an empty cell). `updated`
    (`record_updated`) gives `timestamp`; without it, the record's own dates do."""
    day = incident_date(inc)
    loc = as_dict(inc.get("location"))
    pid = site.place_id(inc)
    place = site.places.get(pid) if pid is not None else None
    code = str(loc.get("country") or (place or {}).get("country") or "").upper()
    point = site.coords(inc)
    attackers = _entries(inc, ("perpetrator",)) or _entries(inc, ("claimed",))
    targets = _entries(inc, ("target",))
    side1, side2 = _names(site, attackers), _names(site, targets)
    if not side1:
        side1 = [f"{UNIDENTIFIED} ({country_name(code)})" if code else UNIDENTIFIED]
        inter1 = INTER_MILITIA
    else:
        inter1 = _inter(site, attackers[0], code)
    inter2 = _inter(site, targets[0], code) if targets else None
    if inter1 is None or (targets and inter2 is None):
        interaction = None
    else:
        interaction = int("".join(sorted(f"{inter1}{inter2 or 0}"))) if inter2 else inter1 * 10
    civilian = _civilian_target(site, inc, targets)
    disorder, event_type, sub_event = acled_type(inc, civilian)
    outlets = sorted({one_line(as_dict(s).get("outlet")) for s in as_list(inc.get("sources"))
                      if as_dict(s).get("outlet")})
    casualties = as_dict(inc.get("casualties"))
    killed, wounded = bounds(casualties.get("killed")), bounds(casualties.get("wounded"))
    updated = updated or record_updated(inc)
    uncertain: list[str] = []
    for field, _ in uncertain_items(inc):
        field = one_line(field)
        if field not in uncertain:
            uncertain.append(field)
    return {
        "event_id_cnty": str(inc.get("id")),
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": TIME_PRECISION.get(inc.get("date_precision"), 3),
        "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub_event,
        "actor1": side1[0], "assoc_actor_1": "; ".join(side1[1:]), "inter1": inter1,
        "actor2": side2[0] if side2 else None, "assoc_actor_2": "; ".join(side2[1:]), "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civilian else None,
        "iso": _iso_numeric().get(code), "region": acled_regions().get(code),
        "country": country_name(code) or None,
        "admin1": one_line(loc.get("admin1") or (place or {}).get("admin1")) or None,
        "admin2": None, "admin3": None,
        "location": _location(site, inc) or None,
        "latitude": round(point[0], 4) if point else None, "longitude": round(point[1], 4) if point else None,
        "geo_precision": GEO_PRECISION.get(loc.get("precision"), 3),
        "source": "; ".join(outlets), "source_scale": None,
        "notes": one_line(inc.get("summary")),
        "fatalities": range_low(casualties.get("killed")),
        "tags": f"attribution={inc.get('attribution') or 'unknown'}; occurrence={inc.get('occurrence') or 'unknown'}",
        "timestamp": int(updated.timestamp()) if updated else None,
        "killed_low": killed[0], "killed_high": killed[1], "wounded_low": wounded[0], "wounded_high": wounded[1],
        "accused": "; ".join(_names(site, _entries(inc, ("accused",)))),
        "occurrence": str(inc.get("occurrence") or "") or None,
        "attribution": str(inc.get("attribution") or "") or None,
        "review": str(inc.get("review") or "") or None,
        "uncertain": "; ".join(uncertain),
        "briefing_event_type": str(inc.get("event_type") or "") or None,
        "country_code": code or None,
        "page": f"incidents/{page_slug(inc.get('id'))}.html",
    }


_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def csv_cell(value: object) -> object:
    """A cell as a spreadsheet should read it: None empty, numbers as numbers; text starting with
    = + - @ (which spreadsheets run as a formula) gets a leading `'`, unless it is a number."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _NUMBER.match(value):
        return "'" + value
    return value


def _csv_line(row: dict) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buf.getvalue()


def _feed_entry(site: Site, inc: dict, updated: dt.datetime | None) -> str:
    """An Atom entry; a record with no date at all has none (Atom requires `updated`, and a made-up
    date would put it first or last for no reason): it is in the other downloads."""
    if updated is None:
        return ""
    row = site.incident_row(inc)
    first = _first_published(inc)
    summary = f"{row['date']} · {EVENT_LABELS.get(inc.get('event_type'), row['event_type'])} · " \
              f"{_location(site, inc) or 'unknown place'}. {one_line(inc.get('summary'))}"
    return ("  <entry>\n"
            f"    <id>urn:briefing:incident:{escape(row['id'])}</id>\n"
            f"    <title>{escape(one_line(row['title']))}</title>\n"
            + (f"    <published>{_stamp(first)}</published>\n" if first else "")
            + f"    <updated>{_stamp(updated)}</updated>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr('incidents/' + page_slug(row['id']) + '.html')}/>\n"
            f"    <summary>{escape(summary)}</summary>\n"
            "  </entry>\n")


def _feed(updated: str | None, entries: list[str]) -> str:
    """Atom 1.0, newest incidents first; links are relative to the feed, which sits at the site's root.
    The feed's `updated` is its newest entry's; a feed without entries has nothing newer than the
    start of Unix time to report (Atom requires the element)."""
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">\n'
            "  <id>urn:briefing:incidents</id>\n"
            "  <title>Briefing: incidents</title>\n"
            f"  <updated>{updated or '1970-01-01T00:00:00Z'}</updated>\n"
            '  <link rel="self" href="feed.xml"/>\n'
            '  <link rel="alternate" type="text/html" href="incidents/index.html"/>\n'
            "  <author><name>Briefing</name></author>\n"
            + "".join(entries) + "</feed>\n")
