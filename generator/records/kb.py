"""The knowledge base: who the actors are, where places are, which country a name means.

Reads the data files shipped in `generator/data/` (actors.yaml, countries.yaml, sites.yaml,
admin1.tsv, places.tsv; see generator/data/make_tables.py for where they come from), then overlays the
curated records in `records/actors/*.yaml` and `records/places/*.yaml`, so that an alias an analyst
adds is used on the next run. Needs only PyYAML and the standard library.

Matching is on a normalised key (see `normalise`): case, accents, curly quotes, apostrophes, hyphens
and a leading "the" are ignored, and Arabic article forms ("al-", "al ", "el-", "ad-", "as-"...) are
treated alike. Short all-capital forms ("IS", "IDF", "US") are case-sensitive: they match only as
written, so "is" and "us" in running text never resolve to an actor or a country.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from generator.cache import signature

try:  # the C loader is several times faster when PyYAML was built with libyaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DATA_FILES = ("actors.yaml", "countries.yaml", "sites.yaml", "admin1.tsv", "places.tsv")

SITE_KINDS_LAST = ("admin1", "city", "town")  # every other place kind counts as a named site


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...]  # every alias, the case-sensitive ones included
    kind: str
    country: str | None
    affiliations: tuple[str, ...]
    description: str | None
    case_sensitive: tuple[str, ...] = ()  # the aliases that match only with their exact case


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # site | sea | region | admin1 | city | town (or what a record says)
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    lat: float
    lon: float
    capital: str | None


# ------------------------------------------------------------------ normalisation

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "“": '"', "”": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-"})
_APOSTROPHES = re.compile(r"['ʿʾ]")
_ARTICLE = re.compile(r"(?:(?<=\s)|^)(?:al|el|ad|an|ar|as|ash|at|az|adh)-", re.IGNORECASE)
_SPACES = re.compile(r"[\s\-_/]+")


def fold_accents(text: str) -> str:
    """'İzmit' -> 'Izmit', 'Sarāvān' -> 'Saravan': the letters without their marks."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def exact_form(text: str) -> str:
    """The form case-sensitive aliases are compared in: quotes and spaces tidied, nothing else."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = " ".join(text.split())
    return text[4:] if text[:4].lower() == "the " else text


def normalise(text: str) -> str:
    """Case-insensitive matching key of a whole name: 'the Kata’ib Hizballah' -> 'kataib hizballah'.

    Extraction matches names in running text by a second, token-wise key (`extract.nlp.norm`)."""
    if not text.isascii():
        text = fold_accents(unicodedata.normalize("NFKC", text).translate(_QUOTES))
    text = text.strip().lower()
    if text.startswith("the "):
        text = text[4:]
    if "-" in text:
        text = _ARTICLE.sub("al ", text)  # as-Sulaymaniyah, ad-Din, el-Mandeb -> al ...
    if "'" in text or not text.isascii():
        text = _APOSTROPHES.sub("", text)
    if "-" in text or "_" in text or "/" in text:
        text = _SPACES.sub(" ", text)
    else:
        text = " ".join(text.split())
    text = text.strip(" ,;:")
    if text.startswith("el "):
        text = "al " + text[3:]
    return text


def _keys(text: str) -> list[str]:
    """The key, plus the key without a leading Arabic article ('al anbar' -> 'anbar')."""
    k = normalise(text)
    out = [k] if k else []
    if k.startswith("al ") and len(k) > 5:
        out.append(k[3:])
    return out


def _is_acronym(alias: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return " " not in alias and alias == alias.upper() and 0 < len(letters) <= 6


# ------------------------------------------------------------------ the knowledge base

class KnowledgeBase:
    """Actors, places and countries with name look-ups. Build it with `load_kb`."""

    def __init__(self, actors: dict[str, Actor], places: dict[str, Place], countries: dict[str, Country]):
        self.actors = actors
        self.places = places
        self.countries = countries
        self._actor_ci: dict[str, list[str]] = {}
        self._actor_cs: dict[str, list[str]] = {}
        self._index_actors()
        self._country_ci: dict[str, str] = {}
        self._country_cs: dict[str, str] = {}
        self._index_countries()
        self._place_index: dict[str, list[str]] | None = None  # built on first use: it is the big one
        self._place_names: list[tuple[str, str]] | None = None
        self._shared_names: dict[str, list[str]] | None = None

    # -- actors

    def _index_actors(self) -> None:
        for a in sorted(self.actors.values(), key=lambda a: a.id):
            cs = set(a.case_sensitive)
            for form in (a.name, *a.aliases):
                if form in cs:
                    self._actor_cs.setdefault(exact_form(form), []).append(a.id)
                else:
                    for k in _keys(form):
                        self._actor_ci.setdefault(k, []).append(a.id)

    def shared_actor_names(self) -> dict[str, list[str]]:
        """Case-insensitive names (normalised) that more than one actor holds -> those actors' ids ("the
        Khawarij": the TTP and al-Shabaab); built on first use."""
        if self._shared_names is None:
            by_name: dict[str, set[str]] = {}
            for form, actor_id, case_sensitive in self.actor_names():
                if not case_sensitive:
                    by_name.setdefault(normalise(form), set()).add(actor_id)
            self._shared_names = {k: sorted(v) for k, v in by_name.items() if len(v) > 1}
        return self._shared_names

    def actor_names(self) -> list[tuple[str, str, bool]]:
        """(surface form, actor id, case_sensitive) for every name and alias, sorted."""
        out = set()
        for a in self.actors.values():
            cs = set(a.case_sensitive)
            for form in (a.name, *a.aliases):
                out.add((form, a.id, form in cs))
        return sorted(out)

    def lookup_actor(self, surface: str) -> Actor | None:
        """The actor a name or alias means, or None. Prefers the actor whose own name it is."""
        ids = self._actor_cs.get(exact_form(surface))
        if not ids:
            for k in _keys(surface):
                ids = self._actor_ci.get(k)
                if ids:
                    break
        if not ids:
            return None
        key = normalise(surface)
        best = sorted(set(ids), key=lambda i: (normalise(self.actors[i].name) != key, i))
        return self.actors[best[0]]

    # -- countries

    def _index_countries(self) -> None:
        # States first, then territories, so a shared demonym resolves to the state.
        order = sorted(self.countries.values(), key=lambda c: (c.iso2 in _TERRITORY_HINT, c.iso2))
        for c in order:
            for form in (c.name, *c.aliases, *c.demonyms):
                if _is_acronym(form):
                    self._country_cs.setdefault(exact_form(form), c.iso2)
                else:
                    for k in _keys(form):
                        self._country_ci.setdefault(k, c.iso2)
                        if k.endswith("s") is False and form in c.demonyms:
                            self._country_ci.setdefault(k + "s", c.iso2)  # "Iraqis", "Israelis"

    def country_for_name(self, text: str) -> str | None:
        """ISO2 for a country name, alias or demonym ('Iraq', 'Iraqi', 'the U.S.'), else None."""
        hit = self._country_cs.get(exact_form(text))
        if hit:
            return hit
        for k in _keys(text):
            if k in self._country_ci:
                return self._country_ci[k]
        return None

    # -- places

    def _rank(self, place_id: str) -> tuple:
        p = self.places[place_id]
        tier = 0 if p.kind not in SITE_KINDS_LAST else (1 if p.kind == "admin1" else 2)
        return (tier, -p.population, p.id)

    def _ensure_places(self) -> dict[str, list[str]]:
        if self._place_index is None:
            index: dict[str, list[str]] = {}
            for p in self.places.values():
                for form in (p.name, *p.aliases):
                    for k in _keys(form):
                        ids = index.get(k)
                        if ids is None:
                            index[k] = [p.id]
                        elif ids[-1] != p.id:
                            ids.append(p.id)
            self._place_index = index  # candidate lists are ranked per look-up: most are one long
        return self._place_index

    def place_names(self) -> list[tuple[str, str]]:
        """(surface form, place id) for every site, admin1 region and gazetteer place, sorted."""
        if self._place_names is None:
            self._place_names = sorted({(form, p.id) for p in self.places.values() for form in (p.name, *p.aliases)})
        return list(self._place_names)

    def lookup_places(self, surface: str, country: str | None = None) -> list[Place]:
        """Every place a name may mean: sites first, then admin1 regions, then towns by population."""
        index = self._ensure_places()
        seen: list[str] = []
        for k in _keys(surface):
            for pid in index.get(k, ()):
                if pid not in seen:
                    seen.append(pid)
        seen.sort(key=self._rank)
        out = [self.places[i] for i in seen]
        # A town named like its own province is that province's capital, and news copy that names it
        # means the town ("a drone struck Erbil"): the town goes first, and still carries the province.
        keys = set(_keys(surface))
        for i, p in enumerate(out):
            if p.kind != "admin1" or not keys & set(_keys(p.name)):
                continue  # a region met through an alias ("Gaza" for the Gaza Strip) keeps its place
            for j in range(i + 1, len(out)):
                q = out[j]
                if q.kind in ("city", "town") and q.country == p.country and (
                        q.admin1 == p.name or normalise(q.name) == normalise(p.name)):
                    out.insert(i, out.pop(j))
                    break
        if country:
            out = [p for p in out if p.country == country]
        return out

    def lookup_place(self, surface: str, country: str | None = None) -> Place | None:
        """The best place for a name: a named site, else an admin1 region, else the most populous town."""
        found = self.lookup_places(surface, country)
        return found[0] if found else None


# Territories never win a shared name over a state (filled from countries.yaml's `state` flag when
# present; otherwise this small set of codes whose demonyms overlap a state's).
_TERRITORY_HINT = frozenset({"AS", "GU", "MP", "PR", "VI", "UM", "RE", "YT", "GP", "MQ", "GF", "PF", "NC",
                             "WF", "PM", "BL", "MF", "TF", "SX", "CW", "AW", "BQ"})


# ------------------------------------------------------------------ loading

def _load_yaml(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _country(value) -> str | None:
    if value is None:
        return None
    if value is False:  # an unquoted NO read as a boolean
        return "NO"
    return str(value)


def _actor(d: dict) -> Actor:
    cs = _tuple(d.get("case_sensitive_aliases"))
    aliases = tuple(dict.fromkeys([*_tuple(d.get("aliases")), *cs]))
    return Actor(id=str(d["id"]), name=str(d["name"]), aliases=aliases, kind=str(d.get("kind") or "other"),
                 country=_country(d.get("country")), affiliations=_tuple(d.get("affiliations")),
                 description=d.get("description"), case_sensitive=cs)


def _float(v) -> float | None:
    return None if v is None or v == "" else float(v)


def _place(d: dict) -> Place:
    return Place(id=str(d["id"]), name=str(d["name"]), aliases=_tuple(d.get("aliases")),
                 kind=str(d.get("kind") or "site"), admin1=d.get("admin1"), country=_country(d.get("country")),
                 lat=_float(d.get("lat")), lon=_float(d.get("lon")), population=int(d.get("population") or 0))


def _read_tsv(path: Path):
    """Rows of a tab-separated file with a header line, '#' lines skipped. (Plain split: ~3x csv's speed.)"""
    with path.open(encoding="utf-8") as fh:
        header = None
        for line in fh:
            if line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            yield dict(zip(header, cells))


def _load_shipped(data_dir: Path):
    actors = {a.id: a for a in (_actor(d) for d in _load_yaml(data_dir / "actors.yaml") or [])}
    countries = {}
    for d in _load_yaml(data_dir / "countries.yaml") or []:
        iso = _country(d["iso2"])
        countries[iso] = Country(iso2=iso, name=d["name"], aliases=_tuple(d.get("aliases")),
                                 demonyms=_tuple(d.get("demonyms")), lat=float(d["lat"]), lon=float(d["lon"]),
                                 capital=d.get("capital"))
    places: dict[str, Place] = {}
    for d in _load_yaml(data_dir / "sites.yaml") or []:
        p = _place(d)
        places[p.id] = p
    for r in _read_tsv(data_dir / "admin1.tsv"):
        if r["id"] in places:
            continue  # a site wins its plain slug
        places[r["id"]] = Place(id=r["id"], name=r["name"], aliases=tuple(filter(None, r["aliases"].split("|"))),
                                kind="admin1", admin1=r["name"], country=r["country"], lat=float(r["lat"]),
                                lon=float(r["lon"]))
    region_population: dict[tuple[str | None, str | None], int] = {}
    for r in _read_tsv(data_dir / "places.tsv"):
        key = (r["country"], r["admin1"] or None)
        region_population[key] = region_population.get(key, 0) + int(r["population"] or 0)
        pid = r["id"]
        if pid in places:
            pid = f"{pid}-{r['country'].lower()}"
        places[pid] = Place(id=pid, name=r["name"], aliases=tuple(filter(None, r["aliases"].split("|"))),
                            kind=r["kind"], admin1=r["admin1"] or None, country=r["country"],
                            lat=float(r["lat"]), lon=float(r["lon"]), population=int(r["population"] or 0))
    # An admin1 region ranks among its peers by the population of its towns (GeoNames gives none).
    for pid, p in places.items():
        if p.kind == "admin1":
            places[pid] = replace(p, population=region_population.get((p.country, p.name), 0))
    return actors, places, countries


def _record_files(records_dir: Path | None, kind: str) -> list[Path]:
    if records_dir is None:
        return []
    folder = Path(records_dir) / kind
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _records(path: Path) -> list[dict]:
    from generator.records.io import load_plain  # refuses aliases and deep nesting; None when unreadable

    data = load_plain(path)
    if isinstance(data, dict):
        return [data]
    return [d for d in data or [] if isinstance(d, dict)]


def _merge_actor(old: Actor | None, d: dict) -> Actor:
    new = _actor({"name": d.get("name") or (old.name if old else d["id"]), **d})
    if old is None:
        return new
    # A curated record's fields replace the shipped ones; its aliases add to them, so a record drafted
    # before the knowledge base learnt a new spelling does not hide that spelling.
    changes = {"name": new.name,
               "aliases": tuple(dict.fromkeys([*old.aliases, *new.aliases])),
               "case_sensitive": tuple(dict.fromkeys([*old.case_sensitive, *new.case_sensitive]))}
    for key in ("kind", "description"):
        if key in d and d[key] is not None:
            changes[key] = getattr(new, key)
    if "country" in d:
        changes["country"] = new.country
    if "affiliations" in d and d["affiliations"] is not None:
        changes["affiliations"] = new.affiliations
    return replace(old, **changes)


def _merge_place(old: Place | None, d: dict) -> Place:
    new = _place({"name": d.get("name") or (old.name if old else d["id"]), **d})
    if old is None:
        return new
    changes = {"name": new.name, "aliases": tuple(dict.fromkeys([*old.aliases, *new.aliases]))}
    for key in ("kind", "admin1", "country", "lat", "lon"):
        if key in d and d[key] is not None:
            changes[key] = getattr(new, key)
    return replace(old, **changes)


def _fingerprint(data_dir: Path, records_dir: Path | None) -> tuple:
    parts = []
    for name in DATA_FILES:
        parts.append((name, signature(data_dir / name)))
    h = hashlib.sha256()
    for kind in ("actors", "places"):
        for path in _record_files(records_dir, kind):
            h.update(str(path).encode())
            h.update(path.read_bytes())
    return (str(data_dir), tuple(parts), str(records_dir), h.hexdigest())


_SHIPPED_MEMO: dict[tuple, tuple] = {}
_KB_MEMO: dict[tuple, KnowledgeBase] = {}


def load_kb(records_dir: Path | None = None, data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """The knowledge base: shipped data overlaid with curated records. Memoised on the files' state."""
    data_dir = Path(data_dir)
    key = _fingerprint(data_dir, records_dir)
    if key in _KB_MEMO:
        return _KB_MEMO[key]
    shipped_key = key[:2]
    if shipped_key not in _SHIPPED_MEMO:
        _SHIPPED_MEMO.clear()
        _SHIPPED_MEMO[shipped_key] = _load_shipped(data_dir)
    actors, places, countries = (dict(x) for x in _SHIPPED_MEMO[shipped_key])
    for path in _record_files(records_dir, "actors"):
        for d in _records(path):
            if d.get("id"):
                actors[str(d["id"])] = _merge_actor(actors.get(str(d["id"])), d)
    for path in _record_files(records_dir, "places"):
        for d in _records(path):
            if d.get("id"):
                places[str(d["id"])] = _merge_place(places.get(str(d["id"])), d)
    kb = KnowledgeBase(dict(sorted(actors.items())), dict(sorted(places.items())), dict(sorted(countries.items())))
    _KB_MEMO.clear()
    _KB_MEMO[key] = kb
    return kb
