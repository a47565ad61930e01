"""Downloads load cleanly: the CSV, GeoJSON and JSON files are read back with Python's csv and json
modules and with pandas (a test dependency), and their types checked as a data tool would see them; the
GeoJSON is validated against the parts of RFC 7946 it uses; the Atom feed's dates come from the
records, never the clock or a made-up epoch."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.site import exports
from generator.site.pages import render_site

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

# The ACLED columns issue #14 asks for, in ACLED's order.
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]
INT_COLUMNS = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
               "timestamp", "killed_low", "killed_high", "wounded_low", "wounded_high"}
FLOAT_COLUMNS = {"latitude", "longitude"}


def _incident(iid: str, **changes) -> dict:
    inc = {
        "id": iid, "former_ids": [], "title": f"Title of {iid}", "summary": f"Summary of {iid}.",
        "date": dt.date(2024, 5, 2), "date_earliest": dt.date(2024, 5, 2), "date_latest": dt.date(2024, 5, 2),
        "date_precision": "day", "date_basis": "test", "event_type": "drone_attack", "weapons": ["drone"],
        "munitions": [],
        "location": {"name": "Somewhere", "place": None, "admin1": None, "country": "IQ", "lat": None,
                     "lon": None, "precision": "town"},
        "part_of": None, "actors": [], "occurrence": "reported", "attribution": "unknown", "uncertain": [],
        "claims": [], "casualty_reports": [], "casualties": {"killed": None, "wounded": None},
        "sources": [{"article": f"a-{iid}", "title": "An article", "outlet": "Test Wire",
                     "url": "https://news.example.org/x", "published": dt.date(2024, 5, 3), "evidence": []}],
        "context": [], "related": [], "review": "draft",
    }
    inc.update(changes)
    return inc


def records():
    """Incidents that exercise every column: south and west of Greenwich, formula-like text, an actor
    only accused, actors described but not named, civilians attacked, uncertain fields, no date."""
    actors = {
        "blue-front": {"id": "blue-front", "name": "Blue Front", "kind": "armed_group", "country": "MZ"},
        "mz-army": {"id": "mz-army", "name": "Mozambique Defence Armed Forces", "kind": "military", "country": "MZ"},
        "rw-army": {"id": "rw-army", "name": "Rwanda Defence Force", "kind": "military", "country": "RW"},
        "red-cell": {"id": "red-cell", "name": "=Red Cell", "kind": "armed_group", "country": "BF"},
    }
    places = {"port-town": {"id": "port-town", "name": "Port Town", "kind": "town", "admin1": "Cabo Delgado",
                            "country": "MZ", "lat": -11.3456, "lon": 40.3531}}
    incidents = {
        "south": _incident(
            "south", event_type="armed_clash", weapons=["gun"],
            location={"name": "Port Town", "place": "port-town", "admin1": "Cabo Delgado", "country": "MZ",
                      "lat": -11.3, "lon": 40.3, "precision": "town"},
            actors=[{"actor": "rw-army", "role": "perpetrator", "sources": ["a-south"]},
                    {"actor": "blue-front", "role": "target", "sources": ["a-south"]},
                    {"actor": "mz-army", "role": "perpetrator", "sources": ["a-south"]}],
            casualties={"killed": {"low": 5, "high": None, "text": "at least five"}, "wounded": 3},
            uncertain=[{"field": "killed", "why": "one source"}, {"field": "place", "why": "near"}],
            attribution="confirmed", occurrence="confirmed"),
        "west": _incident(
            "west", event_type="other", weapons=[], summary="=HYPERLINK(\"http://evil.example\") -5 text",
            title="-1 attack",
            location={"name": "Dori road", "place": None, "admin1": "Sahel", "country": "BF",
                      "lat": 14.035, "lon": -0.034, "precision": "district"},
            actors=[{"description": "gunmen", "role": "perpetrator", "sources": ["a-west"]},
                    {"description": "civilians at a market", "role": "target", "sources": ["a-west"]}],
            casualties={"killed": {"low": 12, "high": 20, "text": "12 to 20"}, "wounded": None},
            sources=[{"article": "a-west", "title": "First report", "outlet": "@Outlet", "url": None,
                      "published": dt.date(2024, 5, 3), "evidence": []},
                     {"article": "a-west2", "title": "Correction", "outlet": "-5", "url": None,
                      "published": dt.date(2024, 5, 9), "evidence": []}]),
        "accused-only": _incident(
            "accused-only", event_type="rocket_attack", weapons=["rocket"],
            location={"name": "Far away", "place": None, "admin1": None, "country": "US", "lat": 40.0,
                      "lon": -100.5, "precision": "country"},
            actors=[{"actor": "red-cell", "role": "accused", "sources": ["a-accused-only"]}],
            attribution="accused"),
        "nothing-known": _incident(
            "nothing-known", date=None, date_earliest=None, date_latest=None, date_precision="unknown",
            event_type="other", weapons=[],
            location={"name": None, "place": None, "admin1": None, "country": None, "lat": None, "lon": None,
                      "precision": "unknown"},
            sources=[{"article": "x", "title": "Roundup", "outlet": None, "url": None, "published": None,
                      "evidence": []}]),
    }
    return incidents, actors, places


@pytest.fixture(scope="module")
def files():
    return render_site(*records(), templates_dir=TEMPLATES)


def csv_rows(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def typed(column: str, cell: str) -> object:
    """A cell as a data tool infers it: empty is missing, an int or float column holds numbers only."""
    if cell == "":
        return None
    if column in INT_COLUMNS:
        return int(cell)  # raises on text such as "'-1.6040"
    if column in FLOAT_COLUMNS:
        return float(cell)
    return cell


def test_csv_has_acled_columns_in_order_then_briefings(files):
    header, rows = csv_rows(files["downloads/incidents.csv"])
    assert header[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert {"killed_low", "killed_high", "wounded_low", "wounded_high", "attribution", "review",
            "uncertain"} <= set(header)
    assert len(rows) == 4 and all(len(r) == len(header) and None not in r for r in rows)


def test_csv_round_trips_with_types(files):
    _, rows = csv_rows(files["downloads/incidents.csv"])
    by_id = {r["event_id_cnty"]: {k: typed(k, v) for k, v in r.items()} for r in rows}
    for row in rows:
        assert "'" not in {row[c] for c in row}, row  # the formula guard never fires on an empty cell
    south, west, far, none = by_id["south"], by_id["west"], by_id["accused-only"], by_id["nothing-known"]
    # negative coordinates stay numbers; the place record's point wins over the incident's copy
    assert (south["latitude"], south["longitude"]) == (-11.3456, 40.3531)
    assert (west["latitude"], west["longitude"]) == (14.035, -0.034)
    assert far["longitude"] == -100.5
    assert (south["killed_low"], south["killed_high"], south["wounded_low"], south["wounded_high"]) == (5, None, 3, 3)
    assert south["fatalities"] == 5 and west["fatalities"] == 12 and none["fatalities"] == 0
    assert (west["killed_low"], west["killed_high"], west["wounded_low"]) == (12, 20, None)
    assert south["year"] == 2024 and south["event_date"] == "2024-05-02" and south["time_precision"] == 1
    assert south["iso"] == 508 and south["region"] == "Eastern Africa" and south["country"] == "Mozambique"
    assert west["iso"] == 854 and west["region"] == "Western Africa" and far["region"] == "North America"
    # what is not known is an empty cell, not a placeholder
    for column in ("event_date", "year", "latitude", "longitude", "country", "iso", "region", "location",
                   "actor2", "admin2", "timestamp", "killed_low", "wounded_low", "uncertain"):
        assert none[column] is None, column
    assert south["uncertain"] == "killed; place" and south["review"] == "draft"


def test_csv_formula_guard_only_on_formula_text(files):
    _, rows = csv_rows(files["downloads/incidents.csv"])
    west = next(r for r in rows if r["event_id_cnty"] == "west")
    assert west["notes"].startswith("'=HYPERLINK(")
    assert west["source"] == "'-5; @Outlet"  # "-5" alone would be a number, but this cell is text
    far = next(r for r in rows if r["event_id_cnty"] == "accused-only")
    assert far["accused"] == "'=Red Cell"
    assert exports.csv_cell("-5") == "-5" and exports.csv_cell("-1.5e3") == "-1.5e3"
    assert exports.csv_cell("-1 attack") == "'-1 attack" and exports.csv_cell("") == ""
    assert exports.csv_cell(-11.3) == -11.3 and exports.csv_cell(None) == ""


def test_csv_actors_and_event_types(files):
    _, rows = csv_rows(files["downloads/incidents.csv"])
    by_id = {r["event_id_cnty"]: r for r in rows}
    south, west, far = by_id["south"], by_id["west"], by_id["accused-only"]
    # an accused actor is not actor1: the attacker stays unidentified
    assert far["actor1"] == "Unidentified armed group (United States)" and far["accused"] == "'=Red Cell"
    # perpetrators in record order; a state's forces abroad are external forces (8), at home state forces (1)
    assert (south["actor1"], south["assoc_actor_1"], south["inter1"]) == (
        "Rwanda Defence Force", "Mozambique Defence Armed Forces", "8")
    assert (south["actor2"], south["inter2"], south["interaction"]) == ("Blue Front", "", "")
    # described actors appear by their description; a massacre of civilians is violence against civilians
    assert west["actor1"] == "Unidentified armed group (gunmen)" and west["inter1"] == "3"
    assert (west["actor2"], west["inter2"], west["interaction"]) == ("civilians at a market", "7", "37")
    assert (west["disorder_type"], west["event_type"], west["sub_event_type"], west["civilian_targeting"]) == (
        "Political violence", "Violence against civilians", "Attack", "Civilian targeting")
    assert {r["disorder_type"] for r in rows} == {"Political violence"}
    assert "Strategic developments" not in files["downloads/incidents.csv"]
    assert (far["event_type"], far["sub_event_type"]) == ("Explosions/Remote violence",
                                                          "Shelling/artillery/missile attack")
    assert (south["event_type"], south["sub_event_type"]) == ("Battles", "Armed clash")


def test_acled_type_codes_other_attacks_by_their_means():
    base = _incident("x", event_type="other", weapons=["bomb"])
    assert exports.acled_type(base, False)[1:] == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert exports.acled_type(dict(base, weapons=[]), True)[1:] == ("Violence against civilians", "Attack")
    assert exports.acled_type(dict(base, weapons=[]), False)[1:] == ("Battles", "Armed clash")
    ship = dict(base, event_type="attack_on_ship", weapons=["drone", "missile"])
    assert exports.acled_type(ship, True)[2] == "Air/drone strike"


def validate_geojson(doc: object) -> list[str]:
    """Problems with a FeatureCollection of Point features under RFC 7946 (the parts Briefing writes)."""
    problems = []

    def number(x):
        return isinstance(x, (int, float)) and not isinstance(x, bool)

    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return ["top level is not a FeatureCollection"]
    if "crs" in doc:
        problems.append("crs is not part of RFC 7946 (section 4)")
    if not isinstance(doc.get("features"), list):
        return problems + ["features is not an array"]
    ids = set()
    for n, feature in enumerate(doc["features"]):
        where = f"features[{n}]"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(f"{where}: not a Feature")
            continue
        if "id" in feature:
            if not (isinstance(feature["id"], str) or number(feature["id"])):
                problems.append(f"{where}: id is neither a string nor a number (3.2)")
            if feature["id"] in ids:
                problems.append(f"{where}: id repeated")
            ids.add(feature["id"])
        if not isinstance(feature.get("properties"), dict) and feature.get("properties") is not None:
            problems.append(f"{where}: properties is neither an object nor null (3.2)")
        geometry = feature.get("geometry")
        if geometry is None:
            continue
        if not isinstance(geometry, dict) or geometry.get("type") != "Point":
            problems.append(f"{where}: geometry is not a Point")
            continue
        position = geometry.get("coordinates")
        if not (isinstance(position, list) and len(position) in (2, 3) and all(number(x) for x in position)):
            problems.append(f"{where}: a position is two or three numbers (3.1.1)")
            continue
        if not (-180 <= position[0] <= 180 and -90 <= position[1] <= 90):
            problems.append(f"{where}: longitude, latitude out of range (4)")
    return problems


def test_geojson_validator_finds_problems():
    good = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [-0.5, 14.0]}, "properties": {}}]}
    assert validate_geojson(good) == []
    bad = copy.deepcopy(good)
    bad["features"][0]["geometry"]["coordinates"] = ["-0.5", 14.0]
    bad["crs"] = {}
    assert len(validate_geojson(bad)) == 2
    bad = copy.deepcopy(good)
    bad["features"][0]["geometry"]["coordinates"] = [14.0, -100.0]  # lat, lon the wrong way round
    assert validate_geojson(bad) != []


def test_geojson_is_valid_with_numeric_casualties(files):
    doc = json.loads(files["downloads/incidents.geojson"])
    assert validate_geojson(doc) == []
    features = {f["id"]: f for f in doc["features"]}
    assert set(features) == {"south", "west", "accused-only"}  # nothing-known has no point
    assert features["south"]["geometry"]["coordinates"] == [40.3531, -11.3456]
    assert features["accused-only"]["geometry"]["coordinates"] == [-100.5, 40.0]
    south, west = features["south"]["properties"], features["west"]["properties"]
    assert (south["killed_low"], south["killed_high"], south["wounded_low"], south["wounded_high"]) == (5, None, 3, 3)
    assert (west["killed_low"], west["killed_high"], west["wounded_low"]) == (12, 20, None)
    for feature in doc["features"]:
        for key, value in feature["properties"].items():
            assert value is None or isinstance(value, (str, int, float)), (key, value)  # flat: a GIS can style
            if key.endswith(("_low", "_high")):
                assert value is None or (isinstance(value, int) and not isinstance(value, bool)), (key, value)


def test_json_downloads_carry_names(files):
    incidents = {i["id"]: i for i in json.loads(files["downloads/incidents.json"])["incidents"]}
    assert [a["name"] for a in incidents["south"]["actors"]] == [
        "Rwanda Defence Force", "Blue Front", "Mozambique Defence Armed Forces"]
    assert [a["name"] for a in incidents["west"]["actors"]] == ["Unidentified armed group (gunmen)",
                                                                "civilians at a market"]
    assert incidents["south"]["location"]["place_name"] == "Port Town"
    assert incidents["south"]["uncertain"] == [{"field": "killed", "why": "one source"},
                                               {"field": "place", "why": "near"}]
    assert incidents["west"]["location"]["lon"] == -0.034 and incidents["west"]["date"] == "2024-05-02"
    assert incidents["south"]["page"] == "incidents/south.html"
    actors = {a["id"]: a for a in json.loads(files["downloads/actors.json"])["actors"]}
    assert actors["rw-army"]["name"] == "Rwanda Defence Force" and actors["rw-army"]["incident_count"] == 1
    assert actors["red-cell"]["page"] == "actors/red-cell.html"
    places = json.loads(files["downloads/places.json"])["places"]
    assert places == [{"admin1": "Cabo Delgado", "country": "MZ", "country_name": "Mozambique", "id": "port-town",
                       "incident_count": 1, "kind": "town", "lat": -11.3456, "lon": 40.3531, "name": "Port Town",
                       "page": "places/port-town.html"}]


ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_dates_come_from_the_records(files):
    feed = ET.fromstring(files["feed.xml"])
    entries = {e.find(f"{ATOM}id").text.rsplit(":", 1)[1]: e for e in feed.findall(f"{ATOM}entry")}
    assert set(entries) == {"south", "west", "accused-only"}  # a record with no date at all has no entry
    assert "1970" not in files["feed.xml"]
    # the correction published on 9 May is when "west" last changed; first reported on 3 May
    assert entries["west"].find(f"{ATOM}updated").text == "2024-05-09T00:00:00Z"
    assert entries["west"].find(f"{ATOM}published").text == "2024-05-03T00:00:00Z"
    assert entries["south"].find(f"{ATOM}updated").text == "2024-05-03T00:00:00Z"
    assert feed.find(f"{ATOM}updated").text == "2024-05-09T00:00:00Z"
    for entry in entries.values():
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.find(f"{ATOM}updated").text)
    _, rows = csv_rows(files["downloads/incidents.csv"])
    west = next(r for r in rows if r["event_id_cnty"] == "west")
    assert int(west["timestamp"]) == int(dt.datetime(2024, 5, 9, tzinfo=dt.timezone.utc).timestamp())


def test_feed_updated_moves_with_a_new_source_not_with_the_clock():
    incidents, actors, places = records()
    before = render_site(incidents, actors, places, templates_dir=TEMPLATES)
    again = render_site(*records(), templates_dir=TEMPLATES)
    assert before["feed.xml"] == again["feed.xml"]
    incidents["south"]["sources"].append({"article": "late", "title": "Update", "outlet": "Test Wire", "url": None,
                                          "published": dt.date(2024, 6, 1), "evidence": []})
    after = render_site(incidents, actors, places, templates_dir=TEMPLATES)
    assert "<updated>2024-06-01T00:00:00Z</updated>" in after["feed.xml"]
    assert after["feed.xml"].count("2024-06-01") == 2  # the entry and the feed


def test_downloads_page_states_the_mapping(files):
    page = files["downloads/index.md"]
    for column in exports.CSV_COLUMNS:
        assert f"| `{column}` |" in page, column
    for kind in exports.ACLED_MAPPING:
        assert f"| `{kind}` |" in page, kind
    assert "[actors.json](actors.json)" in page and "[places.json](places.json)" in page


def test_acled_regions_cover_the_countries():
    import yaml

    countries = yaml.safe_load((ROOT / "generator" / "data" / "countries.yaml").read_text(encoding="utf-8"))
    regions = exports.acled_regions()
    missing = sorted(c["iso2"] for c in countries if c["iso2"] not in regions)
    assert missing == ["BV", "GS", "HM", "IO", "TF", "UM"]  # uninhabited: stated in the data file
    assert all(isinstance(code, str) and len(code) == 2 for code in regions)  # "NO" is Norway, not false


def test_downloads_survive_malformed_records():
    """Records are edited by people: odd shapes give empty cells, never a crash."""
    odd = _incident("odd", actors=["x", {"role": "perpetrator"}, {"description": None, "role": "target"}],
                    claims=[None], uncertain="date", casualties={"killed": "lots", "wounded": {"low": True}},
                    location=5, sources=[None, {"published": "not a date"}], event_type="unheard_of", weapons=None)
    files = render_site({"odd": odd}, {}, {}, templates_dir=TEMPLATES)
    _, rows = csv_rows(files["downloads/incidents.csv"])
    row = {k: typed(k, v) for k, v in rows[0].items()}
    assert row["actor1"] == "Unidentified armed group" and row["killed_low"] is None and row["uncertain"] is None
    assert row["event_type"] == "Battles" and row["timestamp"] == int(
        dt.datetime(2024, 5, 2, tzinfo=dt.timezone.utc).timestamp())  # no source date: the incident's day
    assert json.loads(files["downloads/incidents.json"])["incidents"][0]["actors"][0] == "x"


def test_downloads_load_in_pandas_with_numeric_columns(files):
    """What an analyst does first: `pd.read_csv` / `pd.json_normalize`. Numbers must arrive as numbers
    (not object columns of text), missing values as NaN, never as a placeholder string."""
    import pandas as pd  # a test dependency, pinned in requirements.lock

    frame = pd.read_csv(io.StringIO(files["downloads/incidents.csv"]))
    assert list(frame.columns[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    for column in INT_COLUMNS | FLOAT_COLUMNS:
        assert pd.api.types.is_numeric_dtype(frame[column]), (column, frame[column].dtype)
    assert frame["fatalities"].dtype.kind == "i"  # never missing: 0 when no toll is stated
    south = frame.set_index("event_id_cnty").loc["south"]
    assert (south["latitude"], south["longitude"]) == (-11.3456, 40.3531)
    none = frame.set_index("event_id_cnty").loc["nothing-known"]
    assert pd.isna(none["latitude"]) and pd.isna(none["killed_low"]) and pd.isna(none["country"])

    geo = json.loads(files["downloads/incidents.geojson"])
    props = pd.json_normalize([f["properties"] for f in geo["features"]])
    for column in ("killed_low", "killed_high", "wounded_low", "wounded_high"):
        assert pd.api.types.is_numeric_dtype(props[column]), (column, props[column].dtype)

    incidents = pd.json_normalize(json.loads(files["downloads/incidents.json"])["incidents"])
    assert incidents["id"].is_unique and len(incidents) == len(frame)
    actors = pd.json_normalize(json.loads(files["downloads/actors.json"])["actors"])
    assert pd.api.types.is_numeric_dtype(actors["incident_count"])
