"""Downloads beside the briefs: incidents as JSON, GeoJSON, ACLED-style CSV, and an Atom feed.

All four are deterministic: sorted, no run time anywhere (the feed's `updated` is the incident's own
date), so regenerating without record changes rewrites nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from xml.sax.saxutils import escape, quoteattr

from generator.textsafe import one_line
from generator.views import (EVENT_LABELS, Site, as_dict, as_list, country_name, date_text, incident_date,
                             page_slug, range_low)

# event_type -> (ACLED event_type, ACLED sub_event_type). ACLED codes rockets, missiles and shelling
# alike, drones with air strikes, and targeted killings as attacks on the person.
ACLED_MAPPING = {
    "drone_attack": ("Explosions/Remote violence", "Air/drone strike"),
    "rocket_attack": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "missile_attack": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "air_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "armed_clash": ("Battles", "Armed clash"),
    "assassination": ("Violence against civilians", "Attack"),
    "attack_on_ship": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "other": ("Strategic developments", "Other"),
}
# ACLED time_precision: 1 = the day, 2 = within a week, 3 = within a month or coarser.
TIME_PRECISION = {"day": 1, "days": 2, "week": 2, "month": 3, "year": 3, "unknown": 3}
# ACLED geo_precision: 1 = the town or site, 2 = near it / its district, 3 = the province or coarser.
GEO_PRECISION = {"site": 1, "town": 1, "district": 2, "province": 3, "country": 3, "sea": 3, "unknown": 3}
CSV_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
               "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "location",
               "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "tags",
               "briefing_id", "briefing_event_type", "occurrence", "attribution")


def render_downloads(site: Site, pieces: list[dict]) -> dict[str, str]:
    """The four downloads; `pieces` are `incident_pieces` of every incident in `site.order`: each file
    is its incidents' pieces joined, so an incremental render can reuse the pieces of the incidents
    that did not change."""
    by_id = [p for _, p in sorted(zip((str(i.get("id")) for i in site.order), pieces), key=lambda t: t[0])]
    days = [d for d in (incident_date(i) for i in site.order) if d]
    return {
        "downloads/incidents.json": _json_document([p["json"] for p in by_id], "incidents", ()),
        "downloads/incidents.geojson": _json_document([p["geojson"] for p in by_id if p["geojson"]],
                                                      "features", (("type", "FeatureCollection"),)),
        "downloads/incidents.csv": _csv_line(dict(zip(CSV_COLUMNS, CSV_COLUMNS))) + "".join(p["csv"] for p in pieces),
        "feed.xml": _feed(max(days) if days else None, [p["feed"] for p in pieces]),
    }


def incident_pieces(site: Site, inc: dict) -> dict:
    """One incident's piece of each download, as text: a JSON record, a GeoJSON feature (None when
    the incident has no point), a CSV line and an Atom entry."""
    return {"json": _json_item(_plain(inc)), "geojson": _geojson_feature(site, inc),
            "csv": _csv_line(acled_row(site, inc)), "feed": _feed_entry(site, inc)}


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


def _geojson_feature(site: Site, inc: dict) -> str | None:
    point = site.coords(inc)
    if point is None:
        return None
    row = site.incident_row(inc)
    return _json_item({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [point[1], point[0]]},  # GeoJSON is lon, lat
        "properties": {"id": row["id"], "title": one_line(row["title"]), "date": row["day"] or None,
                       "date_text": row["date"], "event_type": inc.get("event_type"),
                       "place": row["place"]["name"], "page": f"incidents/{row['page']}.html",
                       "killed": row["killed"], "wounded": row["wounded"]},
    })


def _actors_by(inc: dict, roles: tuple[str, ...], site: Site) -> list[str]:
    names = []
    for entry in as_list(inc.get("actors")):
        entry = as_dict(entry)
        if entry.get("role") in roles and entry.get("actor") is not None:
            name = site.actor_ref(entry.get("actor"))["name"]
            if name not in names:
                names.append(name)
    return names


def acled_row(site: Site, inc: dict) -> dict:
    """One incident as an ACLED-style row; actor1 is the side that attacked, actor2 the side attacked."""
    day = incident_date(inc)
    loc = as_dict(inc.get("location"))
    point = site.coords(inc)
    kind = str(inc.get("event_type") or "other")
    acled_type, acled_sub = ACLED_MAPPING.get(kind, ACLED_MAPPING["other"])
    if kind == "attack_on_ship" and "drone" in as_list(inc.get("weapons")):
        acled_sub = "Air/drone strike"
    side1 = _actors_by(inc, ("perpetrator",), site) or _actors_by(inc, ("claimed",), site) \
        or _actors_by(inc, ("accused",), site)
    side2 = _actors_by(inc, ("target",), site)
    outlets = sorted({one_line(as_dict(s).get("outlet")) for s in as_list(inc.get("sources"))
                      if as_dict(s).get("outlet")})
    return {
        "event_id_cnty": str(inc.get("id")),
        "event_date": day.isoformat() if day else "",
        "year": str(day.year) if day else "",
        "time_precision": TIME_PRECISION.get(inc.get("date_precision"), 3),
        "event_type": acled_type, "sub_event_type": acled_sub,
        "actor1": side1[0] if side1 else "Unidentified Armed Group",
        "assoc_actor_1": "; ".join(side1[1:]),
        "actor2": side2[0] if side2 else "", "assoc_actor_2": "; ".join(side2[1:]),
        "country": country_name(loc.get("country")), "admin1": one_line(loc.get("admin1")),
        "location": site.place_ref(inc)["name"],
        "latitude": f"{point[0]:.4f}" if point else "", "longitude": f"{point[1]:.4f}" if point else "",
        "geo_precision": GEO_PRECISION.get(loc.get("precision"), 3),
        "source": "; ".join(outlets),
        "notes": one_line(inc.get("summary")),
        "fatalities": range_low(as_dict(inc.get("casualties")).get("killed")),
        "tags": f"attribution: {inc.get('attribution') or 'unknown'}",
        "briefing_id": str(inc.get("id")), "briefing_event_type": kind,
        "occurrence": str(inc.get("occurrence") or ""), "attribution": str(inc.get("attribution") or ""),
    }


def _csv_line(row: dict) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    # A cell starting with = + - @ is run as a formula by spreadsheets: article text must not be.
    writer.writerow({k: ("'" + v if isinstance(v, str) and v[:1] in "=+-@" else v) for k, v in row.items()})
    return buf.getvalue()


def _feed_entry(site: Site, inc: dict) -> str:
    day = incident_date(inc)
    stamp = f"{day.isoformat() if day else '1970-01-01'}T00:00:00Z"
    row = site.incident_row(inc)
    summary = f"{row['date']} · {EVENT_LABELS.get(inc.get('event_type'), row['event_type'])} · " \
              f"{row['place']['name']}. {one_line(inc.get('summary'))}"
    return ("  <entry>\n"
            f"    <id>urn:briefing:incident:{escape(row['id'])}</id>\n"
            f"    <title>{escape(one_line(row['title']))}</title>\n"
            f"    <updated>{stamp}</updated>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr('incidents/' + page_slug(row['id']) + '.html')}/>\n"
            f"    <summary>{escape(summary)}</summary>\n"
            "  </entry>\n")


def _feed(newest: dt.date | None, entries: list[str]) -> str:
    """Atom 1.0, newest first; links are relative to the feed, which sits at the site's root."""
    updated = f"{newest.isoformat() if newest else '1970-01-01'}T00:00:00Z"
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">\n'
            "  <id>urn:briefing:incidents</id>\n"
            "  <title>Briefing: incidents</title>\n"
            f"  <updated>{updated}</updated>\n"
            '  <link rel="self" href="feed.xml"/>\n'
            '  <link rel="alternate" type="text/html" href="incidents/index.html"/>\n'
            "  <author><name>Briefing</name></author>\n"
            + "".join(entries) + "</feed>\n")
