"""The common edits to incident records, made so that the generator's memory agrees with them.

`extract` merges each new draft into its record against `records/.generated/` (the memory: what it
last drafted for the record; generator/records/merge.py). An edit made by hand to ids or to which record
holds which source can look, to that merge, like something to undo. These commands make the edit and
move the memory with it, so that the next `extract` changes nothing they did:

- `rename OLD NEW`: the record's file and `id` become NEW, OLD goes to `former_ids` (the site keeps a
  redirect), its memory moves to NEW, and `related`/`part_of` in other incidents follow.
- `merge KEEP REMOVE`: two records of one incident become KEEP. Sources (with their evidence), actors,
  claims, casualty reports, munitions, weapons, context and related incidents are united (what KEEP
  says wins where both say something); `casualties` is the span of the united reports unless a person
  had set it; REMOVE goes to KEEP's `former_ids`; REMOVE's file is deleted and its memory kept as
  `<REMOVE>.merged-into-<KEEP>`, a memory with no record, so the draft the generator still makes for
  it is taken as a record a person deleted (never drafted again) instead of a new incident; a source
  that draft gains later (a new article) is added to KEEP.
- `split ID --article A [--article B ...] [--id NEW]`: the sources from the given articles, and the
  claims, casualty reports, munitions, context and actor citations that cite them, move to a new draft
  record NEW (the rest of the record copied, `casualties` recounted from each part's reports, each
  part in the other's `related`). ID keeps its memory, so the moved sources read as deleted there and
  the one draft the generator still makes for both parts does not bring them back; NEW gets none, as
  a record a person wrote: drafts only ever add to it.

Each command edits records with ruamel.yaml's round trip (comments and key order stay), writes every
file atomically (generator/fsio.py) under the records lock, new files before old ones are removed, and
refuses (changing nothing) when an id is unknown, taken or not a plain slug. `title` and `summary`
are composed again from the edited fields where the generator wrote them (a person's text stays;
`generator/records/summaries.py`). Limits: a source passed on to KEEP after a merge brings its
evidence only (not its claims, casualty reports or actors: add those by hand).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import fsio
from generator.errors import InputError, Problem
from generator.records import format as fmt
from generator.records.casualties import span_reports
from generator.records.dump import dump_document, dump_record, to_commented
from generator.records.io import (
    SAFE_ID,
    RecordSet,
    load_plain,
    load_records,
    new_incident_id,
    to_plain,
)
from generator.records.io import MEMORY_DIR, MERGED_INTO
from generator.records.kb import load_kb
from generator.records.summaries import compose, recompose
from generator.records.threeway import insert_key, merge_list

KIND = "incidents"
_FIELDS = fmt.FORMAT.shapes[KIND].fields
# Lists united by merge: every list of an incident but its former ids (merge adds those itself).
UNITED = tuple(f.name for f in _FIELDS if f.list and f.name != "former_ids")
# Lists whose items cite one source (a `source` key), moved with it by split.
BY_SOURCE = tuple(f.name for f in _FIELDS if f.list and getattr(fmt.FORMAT.field(f.type, "source"), "refers", None)
                  == "sources")


@dataclass
class Edit:
    """What one command writes and removes (relative to the records folder), and what it tells the user."""

    files: dict[str, str] = field(default_factory=dict)
    remove: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _fail(rel: str, message: str, field_name: str = "") -> InputError:
    return InputError(Problem(rel, None, field_name, message))


# ---------------------------------------------------------------------------------------- reading


def _load(records_dir: Path) -> RecordSet:
    records = load_records(records_dir)
    if records.problems:
        raise InputError(sorted(records.problems, key=lambda p: (p.path, p.line or 0)))
    return records


def _record(records: RecordSet, rid: str) -> tuple[str, Any]:
    if rid not in records.incidents:
        former = next((r for r, doc in records.incidents.items() if rid in _list(doc.get("former_ids"))), None)
        hint = f"; it is a former id of {former}" if former else ""
        raise _fail(f"{KIND}/{rid}.yaml", f"no incident record with id {rid!r}{hint}")
    return records.paths[(KIND, rid)], records.incidents[rid]


def _list(value: Any) -> list:
    return list(value) if isinstance(value, list) else []


def _memory(records_dir: Path, rid: str, doc: Mapping) -> tuple[str | None, dict | None]:
    """(relpath, plain data) of the memory reconcile uses for a record: under its id, else a former id."""
    for name in [rid, *reversed([f for f in _list(doc.get("former_ids")) if isinstance(f, str)])]:
        rel = f"{MEMORY_DIR}/{KIND}/{name}.yaml"
        data = load_plain(records_dir / rel)
        if isinstance(data, dict):
            return rel, data
    return None, None


def _taken(records_dir: Path, records: RecordSet) -> set[str]:
    taken = set(records.incidents)
    for doc in records.incidents.values():
        taken.update(f for f in _list(doc.get("former_ids")) if isinstance(f, str))
    folder = records_dir / MEMORY_DIR / KIND
    if folder.is_dir():
        taken.update(p.stem for p in folder.glob("*.yaml"))
    return taken


def _check_new_id(new: str, taken: set[str], what: str = "new id") -> None:
    if not isinstance(new, str) or not SAFE_ID.match(new):
        raise _fail(f"{KIND}/", f"{what} {new!r} is not a plain slug (lower-case letters, digits and hyphens, "
                               "starting with a letter or digit)")
    if new in taken:
        raise _fail(f"{KIND}/{new}.yaml", f"{what} {new!r} is already an id, a former id or a remembered id; "
                                          "choose another")


# ---------------------------------------------------------------------------------------- editing


def _put(doc: Any, key: str, value: Any) -> None:
    """Set `key` in a round-trip record, inserting a missing key where the record format orders it."""
    if key in doc:
        doc[key] = value
    else:
        insert_key(doc, key, value, KIND)


def _add_former(doc: Any, ids: Iterable[str]) -> None:
    former = doc.get("former_ids")
    if not isinstance(former, list):
        _put(doc, "former_ids", to_commented([], None, "former_ids"))
        former = doc["former_ids"]
    for rid in ids:
        if rid not in former and rid != doc.get("id"):
            former.append(rid)
    if hasattr(former, "fa") and all(isinstance(f, str) for f in former):
        former.fa.set_flow_style()  # `former_ids: [a, b]`, as the generator writes lists of ids


def _repoint(records: RecordSet, old: str, new: str, skip: set[str], edit: Edit) -> None:
    """`related` and `part_of` in other incidents that name `old` name `new` instead."""
    for rid, doc in sorted(records.incidents.items()):
        if rid in skip:
            continue
        changed = False
        related = doc.get("related")
        if isinstance(related, list) and old in related:
            i = related.index(old)
            if new in related or new == rid:
                del related[i]
            else:
                related[i] = new
            changed = True
        if doc.get("part_of") == old:
            doc["part_of"] = new
            changed = True
        if changed:
            edit.files[records.paths[(KIND, rid)]] = dump_document(doc)


def _span(reports: list, kind: str) -> Any:
    return span_reports([r.get(kind) for r in reports if isinstance(r, Mapping)])


def _recount(doc: Any, old_reports: list, new_reports: list) -> None:
    """Casualties as the span of the reports, for each figure a person left as the old reports' span."""
    casualties = doc.get("casualties")
    if not isinstance(casualties, Mapping):
        return
    for kind in ("killed", "wounded"):
        if kind in casualties and to_plain(casualties[kind]) == _span(old_reports, kind):
            figure = _span(new_reports, kind)
            casualties[kind] = to_commented(figure, "figure", kind) if figure is not None else None


def _memory_file(rid: str) -> str:
    return f"{MEMORY_DIR}/{KIND}/{rid}.yaml"


# ----------------------------------------------------------------------------------------- rename


def rename(records_dir: Path, old: str, new: str) -> Edit:
    records = _load(records_dir)
    rel, doc = _record(records, old)
    _check_new_id(new, _taken(records_dir, records) - {old})
    if new == old:
        raise _fail(rel, "the new id is the record's id already")
    edit = Edit()
    doc["id"] = new
    _add_former(doc, [old])
    new_rel = f"{KIND}/{new}.yaml"
    edit.files[new_rel] = dump_document(doc)
    edit.remove.append(rel)
    mem_rel, memory = _memory(records_dir, old, doc)
    if memory is not None:
        memory["id"] = new
        edit.files[_memory_file(new)] = dump_record(KIND, memory)
        edit.remove.append(mem_rel)
    else:
        edit.notes.append(f"{old} had no memory (a hand-written record): nothing to move")
    _repoint(records, old, new, {old}, edit)
    edit.notes.append(f"renamed {rel} -> {new_rel}; {old!r} kept in former_ids")
    return edit


# ------------------------------------------------------------------------------------------ merge


def merge(records_dir: Path, keep: str, remove: str) -> Edit:
    records = _load(records_dir)
    if keep == remove:
        raise _fail(f"{KIND}/{keep}.yaml", "cannot merge a record with itself")
    keep_rel, kdoc = _record(records, keep)
    remove_rel, rdoc = _record(records, remove)
    rplain = to_plain(rdoc)
    old_reports = to_plain(_list(kdoc.get("casualty_reports")))
    edit = Edit()
    for key in UNITED:
        items = _list(rplain.get(key))
        if key == "related":
            items = [r for r in items if r not in (keep, remove)]
        if not items:
            continue
        context = fmt.FORMAT.child.get((KIND, key))
        if isinstance(kdoc.get(key), list):
            merge_list(kdoc[key], None, items, context, key)
        else:
            _put(kdoc, key, to_commented(items, context, key))
    if isinstance(kdoc.get("related"), list):
        for rid in (keep, remove):
            while rid in kdoc["related"]:
                kdoc["related"].remove(rid)
    _recount(kdoc, old_reports, to_plain(_list(kdoc.get("casualty_reports"))))
    for key in ("date", "event_type", "location", "part_of"):
        if kdoc.get(key) is None and rplain.get(key) is not None:
            _put(kdoc, key, to_commented(rplain[key], fmt.FORMAT.child.get((KIND, key)), key))
    _add_former(kdoc, [remove, *[f for f in _list(rplain.get("former_ids")) if isinstance(f, str)]])
    if rplain.get("review") != "reviewed" and kdoc.get("review") == "reviewed":
        kdoc["review"] = "draft"
        edit.notes.append(f"{keep} is a draft again: it gained {remove}'s unreviewed sources")
    keep_mem_rel, keep_memory = _memory(records_dir, keep, kdoc)
    if recompose(records_dir, kdoc, keep_memory):  # the title and summary follow the united fields
        edit.files[keep_mem_rel] = dump_record(KIND, keep_memory)
    edit.files[keep_rel] = dump_document(kdoc)
    edit.remove.append(remove_rel)
    mem_rel, memory = _memory(records_dir, remove, rdoc)
    if memory is not None:
        tomb = f"{remove}{MERGED_INTO}{keep}"
        memory["id"] = tomb
        edit.files[_memory_file(tomb)] = dump_record(KIND, memory)
        edit.remove.append(mem_rel)
    _repoint(records, remove, keep, {keep, remove}, edit)
    edit.notes.append(f"merged {remove_rel} into {keep_rel}; {remove!r} kept in former_ids")
    return edit


# ------------------------------------------------------------------------------------------ split


def _cites(item: Any, articles: set[str]) -> bool:
    return isinstance(item, Mapping) and item.get("source") in articles


def _part(plain: dict, articles: set[str]) -> dict:
    """The part of a plain record that the sources of `articles` support."""
    out = copy.deepcopy(plain)
    out["sources"] = [s for s in _list(plain.get("sources")) if isinstance(s, Mapping) and s.get("article") in articles]
    for key in BY_SOURCE:
        if key in plain:
            out[key] = [i for i in _list(plain.get(key)) if _cites(i, articles)]
    actors = []
    for entry in _list(plain.get("actors")):
        if isinstance(entry, Mapping) and isinstance(entry.get("sources"), list):
            cited = [s for s in entry["sources"] if s in articles]
            if cited or not entry["sources"]:
                actors.append({**entry, "sources": cited})
        else:
            actors.append(entry)
    if "actors" in plain:
        out["actors"] = actors
    return out


def split(records_dir: Path, rid: str, articles: Iterable[str], new_id: str | None = None) -> Edit:
    records = _load(records_dir)
    rel, doc = _record(records, rid)
    moved = set(articles)
    plain = to_plain(doc)
    cited = [s.get("article") for s in _list(plain.get("sources")) if isinstance(s, Mapping)]
    unknown = sorted(moved - set(cited))
    if not moved or unknown:
        raise _fail(rel, f"article {', '.join(map(repr, unknown)) or '(none)'} is not among this incident's "
                         f"sources ({', '.join(map(str, cited))})", "sources")
    kept = set(cited) - moved
    if not kept:
        raise _fail(rel, "every source would move; leave at least one in the record", "sources")
    taken = _taken(records_dir, records)
    part = _part(plain, moved)
    if new_id is None:
        new_id = new_incident_id(part, taken)
    _check_new_id(new_id, taken)
    part.update(id=new_id, former_ids=[], related=[rid], review="draft")
    if isinstance(part.get("casualties"), Mapping):
        part["casualties"] = {k: _span(part.get("casualty_reports") or [], k) for k in ("killed", "wounded")}

    edit = Edit()
    old_reports = to_plain(_list(doc.get("casualty_reports")))
    if isinstance(doc.get("sources"), list):
        for i in reversed(range(len(doc["sources"]))):
            if isinstance(doc["sources"][i], Mapping) and doc["sources"][i].get("article") in moved:
                del doc["sources"][i]
    for key in BY_SOURCE:
        if isinstance(doc.get(key), list):
            for i in reversed(range(len(doc[key]))):
                if _cites(doc[key][i], moved):
                    del doc[key][i]
    if isinstance(doc.get("actors"), list):
        for i in reversed(range(len(doc["actors"]))):
            entry = doc["actors"][i]
            if isinstance(entry, Mapping) and isinstance(entry.get("sources"), list) and entry["sources"]:
                for j in reversed(range(len(entry["sources"]))):
                    if entry["sources"][j] in moved:
                        del entry["sources"][j]
                if not entry["sources"]:
                    del doc["actors"][i]
    _recount(doc, old_reports, to_plain(_list(doc.get("casualty_reports"))))
    if isinstance(doc.get("related"), list):
        if new_id not in doc["related"]:
            doc["related"].append(new_id)
    else:
        _put(doc, "related", to_commented([new_id], None, "related"))
    mem_rel, memory = _memory(records_dir, rid, doc)
    if memory is not None:  # each part's title and summary follow its fields, where the generator wrote them
        own = [plain.get(key) == memory.get(key) for key in ("title", "summary")]
        if recompose(records_dir, doc, memory):
            edit.files[mem_rel] = dump_record(KIND, memory)
        for key, text, generated in zip(("title", "summary"), compose(part, load_kb(records_dir)) or (), own):
            if generated:
                part[key] = text
    edit.files[rel] = dump_document(doc)
    # The record keeps its memory (every source): the moved ones read as deleted by a person, so the
    # draft the generator still makes for both parts, which this record matches best, does not bring
    # them back. The new record has no memory, like one a person wrote: nothing drafted removes from it.
    edit.files[f"{KIND}/{new_id}.yaml"] = dump_record(KIND, part)
    edit.notes.append(f"split {len(moved)} of {len(cited)} sources of {rel} into {KIND}/{new_id}.yaml (a draft)")
    return edit


# ------------------------------------------------------------------------------------------ apply


def apply(records_dir: Path, edit: Edit) -> list[str]:
    """Write the edit: new and changed files first (each atomically), then remove the old ones."""
    changed = fsio.write_tree(records_dir, edit.files)
    for rel in edit.remove:
        if rel in edit.files:
            continue
        path = fsio.safe_join(records_dir, rel)
        if path.exists():
            path.unlink()
            changed.append(rel)
    return sorted(changed)


def run(records_dir: Path, command: str, *args: Any, **kwargs: Any) -> tuple[list[str], list[str]]:
    """Run one command under the records lock; (changed relpaths, notes)."""
    make = {"rename": rename, "merge": merge, "split": split}[command]
    with fsio.run_lock(records_dir):
        edit = make(records_dir, *args, **kwargs)
        return apply(records_dir, edit), edit.notes
