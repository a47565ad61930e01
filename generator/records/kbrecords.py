"""Actor and place records straight from the knowledge base, and which of them the site shows.

An incident may name any actor or place the knowledge base (`generator/records/kb.py`, `generator/data/`)
knows without a file under `records/actors` or `records/places`: `render` and `check` take its
record from the knowledge base (`record_from_kb`, the same record `extract` drafts), and
`python -m generator edit actor|place ID` writes that record as a file when someone wants to edit it.

Which of them `extract` writes as files is a setting (`KB_FILES`, `--kb-files` or the environment's
`BRIEFING_KB_FILES`): `referenced` (the default) writes every actor and place the drafts name, so the
records folder reads on its own (the team's scorer resolves names and aliases through those files
only); `edited` writes only what the knowledge base lacks (a new claimant) and keeps in step the files
that exist, which `edit` wrote or a person did (`files_to_draft`).

The site shows only the actors and places some incident names (`shown_entities`): one left with no
incident (after a merge, a rename or an edit) leaves the index pages and has no page; its record
file, if any, is not touched here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem

KINDS = ("actors", "places")
KB_FILES = ("referenced", "edited")


def files_to_draft(kind: str, drafts: list[dict], existing: Mapping, kb_files: str) -> list[dict]:
    """The actor or place drafts `extract` writes or merges as files under the `kb_files` setting:
    all of them (`referenced`), or (`edited`) those whose record file exists and those the knowledge
    base does not know."""
    if kb_files == "referenced":
        return drafts
    if kb_files != "edited":
        raise ValueError(f"kb_files must be one of {KB_FILES}, not {kb_files!r}")
    return [d for d in drafts if d.get("id") in existing or not known(kind, d.get("id"))]


def actor_record(actor) -> dict:
    """The record of a knowledge-base actor (`kb.Actor`), as `extract` drafts it."""
    return {"id": actor.id, "name": actor.name, "aliases": sorted(actor.aliases), "kind": actor.kind,
            "country": actor.country, "affiliations": sorted(actor.affiliations),
            "description": actor.description}


def place_record(place) -> dict:
    """The record of a knowledge-base place (`kb.Place`), as `extract` drafts it."""
    return {"id": place.id, "name": place.name, "aliases": sorted(place.aliases)[:20], "kind": place.kind,
            "admin1": place.admin1, "country": place.country, "lat": place.lat, "lon": place.lon}


def _shipped():
    from generator.records.kb import load_kb

    return load_kb(None)  # memoised; loaded only when a record refers to an id no file holds


def record_from_kb(kind: str, rid: str) -> dict | None:
    """The knowledge base's record for `rid` of `kind` (`actors`, `places`), or None when it has none."""
    kb = _shipped()
    if kind == "actors":
        return actor_record(kb.actors[rid]) if rid in kb.actors else None
    return place_record(kb.places[rid]) if rid in kb.places else None


def known(kind: str, rid: Any) -> bool:
    """Whether the knowledge base has a record for `rid` (an id `check` then accepts without a file)."""
    return isinstance(rid, str) and record_from_kb(kind, rid) is not None


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def referenced(incidents: Mapping) -> tuple[set[str], set[str]]:
    """(actor ids, place ids) the incidents name: `actors[].actor`, `claims[].actor`, `location.place`."""
    actors: set[str] = set()
    places: set[str] = set()
    for inc in incidents.values():
        if not isinstance(inc, Mapping):
            continue
        for key in ("actors", "claims"):
            for entry in _as_list(inc.get(key)):
                if isinstance(entry, Mapping) and entry.get("actor") is not None:
                    actors.add(str(entry["actor"]))
        location = inc.get("location")
        if isinstance(location, Mapping) and location.get("place") is not None:
            places.add(str(location["place"]))
    return actors, places


def shown_entities(incidents: Mapping, actors: Mapping, places: Mapping) -> tuple[dict, dict]:
    """The actors and places the site shows: those some incident names, from their records, else
    from the knowledge base; an id neither knows stays out (incident pages show it as plain text)."""
    want_actors, want_places = referenced(incidents)
    out = []
    for kind, records, wanted in (("actors", actors, want_actors), ("places", places, want_places)):
        table = {}
        for rid in sorted(wanted):
            record = records.get(rid)
            if record is None:
                record = record_from_kb(kind, rid)
            if record is not None:
                table[rid] = record
        out.append(table)
    return out[0], out[1]


def write_from_kb(records_dir: Path, kind: str, rid: str) -> str:
    """Write `records/<kind>/<rid>.yaml` from the knowledge base, with its memory, so a person can
    edit it (`python -m generator edit`); returns the record's relpath. Refuses an id the knowledge
    base does not know, one that is not a plain slug, and a record that exists already."""
    from generator import fsio
    from generator.records.dump import dump_record
    from generator.records.io import MEMORY_DIR, SAFE_ID

    rel = f"{kind}/{rid}.yaml"
    shown = f"{records_dir.as_posix().rstrip('/')}/{rel}"
    if not SAFE_ID.match(rid):
        raise InputError(Problem(f"{records_dir.as_posix().rstrip('/')}/{kind}", None, "id", f"{rid!r} is not a plain id (lower-case letters, digits, "
                                                  "'-'); give the id as the knowledge base spells it"))
    with fsio.run_lock(records_dir):
        if (records_dir / rel).exists():
            raise InputError(Problem(shown, None, "", "the record exists already; edit that file"))
        record = record_from_kb(kind, rid)
        if record is None:
            raise InputError(Problem(shown, None, "id", f"the knowledge base has no {kind[:-1]} {rid!r}; check the "
                                                        f"id (generator/data/) or write {shown} by hand"))
        text = dump_record(kind, record)
        # The memory says the generator wrote exactly this: what the person changes stays theirs, the
        # rest follows the knowledge base (the three-way merge of generator/records/merge.py).
        fsio.write_tree(records_dir, {rel: text, f"{MEMORY_DIR}/{rel}": text})
    return rel


def orphans(records, memory: Mapping, drafts, freeze) -> list[str]:
    """Record files (relpaths) of actors and places no incident names any more, which are exactly what
    the generator last wrote (`memory`, by kind and id; `freeze` makes plain data comparable): `extract`
    deletes them with their memory. A file a person edited, or wrote without memory, stays."""
    from generator.records.io import to_plain

    named_actors, named_places = referenced(records.incidents)
    more_actors, more_places = referenced({n: d for n, d in enumerate(drafts.incidents)})
    named = {"actors": named_actors | more_actors, "places": named_places | more_places}
    for actor in records.actors.values():  # a parent group an actor record names stays
        if isinstance(actor, Mapping):
            named["actors"] |= {str(a) for a in _as_list(actor.get("affiliations"))}
    drafted = {kind: {str(d.get("id")) for d in getattr(drafts, kind)} for kind in KINDS}
    out = []
    for kind in KINDS:
        for rid, record in sorted(getattr(records, kind).items()):
            base = memory.get(kind, {}).get(rid)
            if rid in named[kind] or rid in drafted[kind] or not isinstance(base, Mapping):
                continue
            if freeze(to_plain(record)) == freeze(to_plain(base)):
                out.append(records.paths[(kind, rid)])
    return out
