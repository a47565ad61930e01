"""Reconcile the generator's new drafts with the records people edited, so no edit is ever lost.

    with fsio.run_lock(records_dir):
        files = reconcile(records_dir, Drafts(incidents=[...], actors=[...], places=[...]))
        write_reconciled(records_dir, files)

`reconcile` reads `records_dir` and returns `relpath -> text` for every record it creates or changes,
plus the generator's memory: `.generated/<kind>/<id>.yaml`, the plain draft it last produced for each
record, and in each list the items a person deleted (committed with the records). It writes nothing.
`write_reconciled` writes that result with `fsio.write_tree` (atomic per file, only when changed),
records before memory. The merge of one draft into one record is `generator.records.threeway`.

Matching. A draft incident finds its record through the evidence sentences and article ids it shares
with the record or with the record's memory, never through its id, so a record a person renamed (new
id, old id in `former_ids`, file renamed) is still found. Pairs are made one to one, the most shared
evidence first; a pair sharing only article ids must also agree on the place, the event type or the
date (one article often reports several incidents). Actors and places are matched by id, then by name
or alias. A draft that matches nothing becomes a new record: incidents get `new_incident_id` (never an
id or former id in use, nor one the memory knows), and that id never changes afterwards.

Merging, field by field, with the memory as the common base (a three-way merge):
- a value the person left as the generator last wrote it takes the new draft's value;
- a value the person changed stays (a value the person changed to what the generator later produces
  too is, from then on, the generator's again, as in any three-way merge);
- lists are merged by item (sources by article, evidence by sentence, actors by actor and role,
  claims and context by source and text, casualty reports by source, according-to and party,
  munitions by source and weapon, other lists by value): an item the person deleted is not added
  again, an item never produced before is added at the end, an item the generator no longer
  produces is dropped only when the person never touched it; an actor the sources only describe
  (`description` instead of `actor`) is matched by its description and role;
- `id`, `former_ids` and `review` belong to people;
- a record with `review: reviewed` changes only by gaining sources it never had (with their evidence),
  and its `uncertain` list (the draft's doubts, merged by field) is emptied: the review settled them;
  its memory lists the articles gained since (`sources_since_review`, for the review list);
- an incident's `title` and `summary` are composed again from the merged fields where they are the
  generator's own text; a person's text stays, flagged in `uncertain` when its fields change
  (`records/summaries.py`);
- a record with no memory (hand-written) only gains fields and list items it lacks;
- records without a draft are left alone, except actor and place files no incident names that are
  exactly what the generator last wrote: they are deleted (`kbrecords.orphans`); an incident whose
  file a person deleted is not drafted again while its memory remains (delete the memory too to have
  it drafted afresh); an actor or place is, when a draft refers to it.
Changed records are written back through ruamel.yaml's round trip, so comments and key order stay;
an unchanged record is not rewritten at all.

Crash safety: `write_tree` replaces each file atomically, so after a crash every file is either its
old or its new version, never half-written; a temporary file a crash leaves is deleted by the next run
(`fsio.run_lock`). A crash part-way through can leave some files new and others old; because actors
and places are written before the incidents that cite them, and records before the memory, no
reference dangles and the next run converges to what the interrupted run would have written (tests
check this).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import fsio
from generator.errors import InputError
from generator.records.dump import dump_document, dump_record
from generator.records.kbrecords import files_to_draft
from generator.records.io import (
    KINDS,
    MEMORY_DIR,
    MERGED_INTO,
    SAFE_ID,
    RecordSet,
    load_plain,
    load_records_fast,
    new_incident_id,
    parse_yaml,
    slugify,
    to_plain,
)
from generator.records.threeway import freeze, keyed, merge_list, merge_record, norm_text, normalise, remember, remember_reviewed



@dataclass
class Drafts:
    """What the generator drafted in one run: record dicts in the format of `generator/records/format.py`.

    Incident ids may be None (they are provisional and ignored: the record's id is kept, or made
    once by `new_incident_id`). Actor and place ids are those the knowledge base gives; a missing or
    unsafe one is made from the name.
    """

    incidents: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)


class Reconciled(dict):
    """`relpath -> text` to write, and in `stale` the memory files to delete: those a renamed record
    left under its former ids (harmless if kept: the memory under the current id is read first); in
    `orphans` the actor and place files to delete with their memory (`kbrecords.orphans`)."""

    def __init__(self, items=(), *, stale: list[str] | None = None, orphans: list[str] | None = None):
        super().__init__(items)
        self.stale = list(stale or ())
        self.orphans = list(orphans or ())  # actor and place files no incident names, untouched by people


@dataclass
class _Slot:
    """An existing record (or the memory of a record a person deleted) a draft can be matched to."""

    id: str
    rel: str | None
    doc: Any  # the round-trip record, None when only the memory remains
    base: dict | None  # the memory: what the generator last drafted for it


# ------------------------------------------------------------------------------------------- memory


def _load_memory(records_dir: Path, kind: str) -> dict[str, dict]:
    folder = records_dir / MEMORY_DIR / kind
    out: dict[str, dict] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            data = load_plain(path)
            if isinstance(data, dict):
                out[path.stem] = data
    return out


def _memory_rel(kind: str, rid: str) -> str:
    return f"{MEMORY_DIR}/{kind}/{rid}.yaml"


# ----------------------------------------------------------------------------------------- matching


def _evidence_keys(record: Mapping | None) -> tuple[set[str], set[str]]:
    """(evidence sentences, article ids) a record cites."""
    sentences: set[str] = set()
    articles: set[str] = set()
    for source in (record or {}).get("sources") or ():
        if not isinstance(source, Mapping):
            continue
        if isinstance(source.get("article"), str):
            articles.add(source["article"])
        for ev in source.get("evidence") or ():
            if isinstance(ev, Mapping) and ev.get("text"):
                sentences.add(norm_text(ev["text"]))
    return sentences, articles


def _facets(record: Mapping | None) -> set[tuple[str, str]]:
    if not isinstance(record, Mapping):
        return set()
    location = record.get("location") if isinstance(record.get("location"), Mapping) else {}
    out = {("event_type", str(record.get("event_type"))), ("place", str(location.get("place"))),
           ("date", str(record.get("date")))}
    return {f for f in out if f[1] not in ("None", "")}


def _match_incidents(drafts: list[dict], slots: list[_Slot]) -> dict[int, _Slot]:
    """Pair drafts (by index) with slots, one to one, the pairs sharing the most evidence first."""
    by_sentence: dict[str, set[int]] = {}
    by_article: dict[str, set[int]] = {}
    slot_keys = []
    for s, slot in enumerate(slots):
        plain = to_plain(slot.doc) if slot.doc is not None else None
        sentences, articles = _evidence_keys(plain)
        more_s, more_a = _evidence_keys(slot.base)
        sentences |= more_s
        articles |= more_a
        slot_keys.append((sentences, articles, _facets(plain) | _facets(slot.base)))
        for sentence in sentences:
            by_sentence.setdefault(sentence, set()).add(s)
        for article in articles:
            by_article.setdefault(article, set()).add(s)
    pairs = []
    for d, draft in enumerate(drafts):
        sentences, articles = _evidence_keys(draft)
        candidates = set().union(*(by_sentence.get(x, set()) for x in sentences),
                                 *(by_article.get(x, set()) for x in articles))
        for s in candidates:
            shared_s = len(sentences & slot_keys[s][0])
            shared_a = len(articles & slot_keys[s][1])
            agree = len(_facets(draft) & slot_keys[s][2])
            if shared_s or agree:
                # On a tie a deleted record's memory wins: after `merge` the kept record also holds the
                # removed one's evidence, and the removed one's draft must not take it (generator/records/edits.py).
                pairs.append((-shared_s, -shared_a, -agree, slots[s].doc is not None, slots[s].id, d, s))
    matched: dict[int, _Slot] = {}
    used: set[int] = set()
    for *_, d, s in sorted(pairs):
        if d not in matched and s not in used:
            matched[d] = slots[s]
            used.add(s)
    return matched


def _names(record: Mapping) -> set[str]:
    names = [record.get("name"), *(record.get("aliases") or ())]
    return {norm_text(n).casefold() for n in names if isinstance(n, str) and n.strip()}


# ---------------------------------------------------------------------------------------- reconcile


def _check_loadable(records: RecordSet) -> None:
    """Refuse to merge into records that cannot be read or whose ids are ambiguous."""
    from generator.records.check import identity_problems

    problems = list(records.problems)
    problems += [p for p in identity_problems(records) if "does not match the file name" not in p.message]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.path, p.line or 0, p.field)))


def _reconcile_entities(kind: str, drafts: list[dict], records: RecordSet, memory: dict[str, dict],
                        files: dict[str, str], records_dir: Path) -> dict[str, str]:
    """Merge actor or place drafts; returns `draft id -> record id` for rewriting references.

    A draft is the record with its id, else the record with its name or an alias (in the same country
    when both give one: two places may share a name). An actor or place whose file a person deleted
    is drafted again when a draft names it, since incidents refer to it.
    """
    existing: dict[str, Any] = getattr(records, kind)
    by_name: dict[str, list[str]] = {}
    for rid in sorted(existing):
        for name in _names(to_plain(existing[rid])):
            by_name.setdefault(name, []).append(rid)

    def same_country(draft: Mapping, rid: str) -> bool:
        ours, theirs = draft.get("country"), existing[rid].get("country")
        return not ours or not theirs or ours == theirs

    id_map: dict[str, str] = {}
    seen: set[str] = set()
    normalised = [normalise(kind, d) for d in drafts]
    for draft in sorted(normalised, key=lambda d: (str(d.get("id")), freeze(d))):
        given = draft.get("id")
        rid = given if isinstance(given, str) and SAFE_ID.match(given) else slugify(given or draft.get("name"))
        if rid not in existing:
            rid = next((other for name in sorted(_names(draft)) for other in by_name.get(name, ())
                        if same_country(draft, other)), rid)
        if isinstance(given, str):
            id_map.setdefault(given, rid)
        if rid in seen:  # two drafts of one actor or place: the first one wins
            continue
        seen.add(rid)
        draft["id"] = rid
        if rid in existing:
            rel = records.paths[(kind, rid)]
            kept, text = _merge_lazily(kind, records_dir, rel, existing[rid], memory.get(rid), draft)
            _remember(files, kind, rid, kept, memory.get(rid))
            if text is not None:
                files[rel] = text
        else:
            files[f"{kind}/{rid}.yaml"] = files[_memory_rel(kind, rid)] = dump_record(kind, draft)
    return id_map


def _merge_lazily(kind: str, records_dir: Path, rel: str, plain: dict, base: Mapping | None,
                  draft: dict, kb=None) -> tuple[dict, str | None]:
    """Merge into a record read as plain data; only a record that changes is read again with the
    round-trip loader (slow, but it keeps comments and key order) and merged for real.

    With a knowledge base `kb` (incidents), the draft's title and summary are composed from the
    merged fields first (`summaries.follow_fields`), and a person's title or summary whose fields
    changed is flagged in `uncertain`.

    Returns the memory to keep and the record's new text, or None when it does not change."""
    merged = copy.deepcopy(plain)
    kept, changed = _merge(kind, merged, base, draft)
    flags: list[dict] = []
    if kb is not None:
        from generator.records.summaries import TEXT_FIELDS, follow_fields

        drafted = [draft.get(key) for key in TEXT_FIELDS]
        flags = follow_fields(plain, merged, base, draft, kb)
        if [draft.get(key) for key in TEXT_FIELDS] != drafted:
            kept, changed = _merge(kind, copy.deepcopy(plain), base, draft)
    if not changed and not flags:
        return kept, None
    doc, problems = parse_yaml((records_dir / rel).read_text(encoding="utf-8"), rel)
    if problems:
        raise InputError(problems)
    kept, changed = _merge(kind, doc, base, draft)
    if flags:  # in the record, never in the memory: the merge keeps them as the person's until deleted
        from generator.records.summaries import add_flags

        add_flags(doc, flags)
    return kept, dump_document(doc) if changed or flags else None


def _remember(files: dict[str, str], kind: str, rid: str, kept: dict, base: Mapping | None) -> None:
    """The memory file, unless it already holds exactly this (dumping thousands is a run's main cost)."""
    if base is None or freeze(to_plain(kept)) != freeze(to_plain(base)):
        files[_memory_rel(kind, rid)] = dump_record(kind, kept)


def _merge(kind: str, doc: Any, base: Mapping | None, draft: dict) -> tuple[dict, bool]:
    """Merge `draft` into `doc` in place; (the memory to keep, whether the record changed)."""
    before = to_plain(doc)
    reviewed = doc.get("review") == "reviewed"
    changed = merge_record(kind, doc, base, draft)
    after = to_plain(doc)
    kept = remember_reviewed(before, base, draft) if reviewed else remember(before, after, base, draft, kind)
    return kept, changed


def _rewrite_references(draft: dict, actors: Mapping[str, str], places: Mapping[str, str]) -> None:
    location = draft.get("location")
    if isinstance(location, dict) and location.get("place") in places:
        location["place"] = places[location["place"]]
    for name in ("actors", "claims"):
        for item in draft.get(name) or ():
            if isinstance(item, dict) and item.get("actor") in actors:
                item["actor"] = actors[item["actor"]]


def reconcile(records_dir: Path, drafts: Drafts, records: RecordSet | None = None, tick=None,
              kb_files: str = "referenced") -> Reconciled:
    """Merge `drafts` into the records under `records_dir`; `relpath -> text` of what to write.

    `kb_files` says which actor and place drafts become files (`kbrecords.files_to_draft`).

    The result is a dict; its `stale` attribute lists memory files to delete (see `Reconciled`),
    which `write_reconciled` does.

    The result holds every record created or changed and the memory file of every draft; it is
    deterministic (same records, memory and drafts give byte-identical texts whatever the order of
    the drafts). Raises `InputError` when a record cannot be read or two records share an id, since
    merging then could lose or duplicate work. Writes nothing.
    """
    # Read plain and fast; a record that changes is read again with comments (`_merge_lazily`).
    records = load_records_fast(records_dir) if records is None else records
    _check_loadable(records)
    memory = {kind: _load_memory(records_dir, kind) for kind in KINDS}
    files: dict[str, str] = {}
    place_ids, actor_ids = (
        _reconcile_entities(kind, files_to_draft(kind, getattr(drafts, kind), getattr(records, kind), kb_files),
                            records, memory[kind], files, records_dir)
        for kind in ("places", "actors"))

    incidents = []
    for draft in drafts.incidents:
        draft = normalise("incidents", copy.deepcopy(to_plain(draft)))
        _rewrite_references(draft, actor_ids, place_ids)
        incidents.append(draft)
    incidents.sort(key=lambda d: (new_incident_id(d, ()), freeze({**d, "id": None})))

    slots: list[_Slot] = []
    claimed: set[str] = set()
    stale_by_slot: dict[str, list[str]] = {}
    for rid in sorted(records.incidents):
        doc = records.incidents[rid]
        # The latest former id first: a person appends the old id when renaming.
        names = [rid, *reversed([f for f in doc.get("former_ids") or () if isinstance(f, str)])]
        claimed.update(names)
        stale_by_slot[rid] = [_memory_rel("incidents", n) for n in names[1:] if n in memory["incidents"]]
        base = next((memory["incidents"][n] for n in names if n in memory["incidents"]), None)
        slots.append(_Slot(rid, records.paths[("incidents", rid)], doc, base))
    slots += [_Slot(mid, None, None, base) for mid, base in sorted(memory["incidents"].items())
              if mid not in claimed]

    taken = claimed | set(memory["incidents"])
    from generator.records.kb import load_kb

    kb = load_kb(records_dir)  # names for the titles and summaries composed from merged fields
    stale: list[str] = []
    forward: dict[str, list] = {}  # record id -> new sources of drafts of records merged into it
    kept_memory: dict[str, dict] = {}  # record id -> its memory after this run
    matched = _match_incidents(incidents, slots)
    for d, draft in enumerate(incidents):
        if tick is not None:
            tick.update(1)
        slot = matched.get(d)
        if slot is None:
            rid = new_incident_id(draft, taken)
            taken.add(rid)
            draft["id"] = rid
            text = dump_record("incidents", draft)
            files[f"incidents/{rid}.yaml"] = text
            files[_memory_rel("incidents", rid)] = text
            continue
        draft["id"] = slot.id
        if slot.doc is None:  # a person deleted the record: refresh the memory only
            into = slot.id.partition(MERGED_INTO)[2]  # a record merged into another (generator/records/edits.py)
            if into in records.incidents:  # passes on the sources it never had
                known = keyed("source", (slot.base or {}).get("sources"))
                forward.setdefault(into, []).extend(
                    s for k, s in keyed("source", draft.get("sources")).items() if k not in known)
            files[_memory_rel("incidents", slot.id)] = dump_record("incidents", draft)
            continue
        kept, text = _merge_lazily("incidents", records_dir, slot.rel, to_plain(slot.doc), slot.base, draft,
                                   kb=kb)
        kept_memory[slot.id] = kept
        memory_file = _memory_rel("incidents", slot.id)
        _remember(files, "incidents", slot.id, kept, memory["incidents"].get(slot.id))
        if stale_by_slot.get(slot.id) and memory_file not in files:
            files[memory_file] = dump_record("incidents", kept)  # a renamed record's memory moves
        stale += stale_by_slot.get(slot.id, [])
        if text is not None:
            files[slot.rel] = text
    for into, sources in sorted(forward.items()):
        rel = records.paths[("incidents", into)]
        doc, problems = parse_yaml(files.get(rel) or (records_dir / rel).read_text(encoding="utf-8"), rel)
        if not problems and isinstance(doc.get("sources"), list) and sources:
            before = len(doc["sources"])
            merge_list(doc["sources"], None, sources, "source", "sources", add_only=True)
            if len(doc["sources"]) != before:
                from generator.records.summaries import recompose

                kept = copy.deepcopy(kept_memory.get(into))
                if recompose(records_dir, doc, kept, kb):  # "N sources": the summary follows
                    files[_memory_rel("incidents", into)] = dump_record("incidents", kept)
                files[rel] = dump_document(doc)
    from generator.records.kbrecords import orphans

    gone = [rel for rel in orphans(records, memory, drafts, freeze) if rel not in files]
    stale += [f"{MEMORY_DIR}/{rel}" for rel in gone]
    return Reconciled(sorted(files.items()), stale=sorted(set(stale) - set(files)), orphans=gone)


def write_reconciled(records_dir: Path, files: Mapping[str, str]) -> list[str]:
    """Write `reconcile`'s result: the records first, the memory last; returns the relpaths that changed.

    The order matters after a crash. Actors and places come before the incidents that cite them, so no
    reference dangles. A record written without its memory reads, next run, as a record
    a person set to exactly the new draft: harmless, and the memory catches up. The memory written
    without its record would make the old values look like a person's edits and freeze them.
    """
    records = {rel: text for rel, text in files.items() if not rel.startswith(f"{MEMORY_DIR}/")}
    memory = {rel: text for rel, text in files.items() if rel.startswith(f"{MEMORY_DIR}/")}
    stale = [rel for rel in getattr(files, "stale", ()) if rel.startswith(f"{MEMORY_DIR}/")]
    # Actors and places before the incidents that refer to them: a crash in between leaves no dangling
    # reference, only records that are not yet up to date.
    referenced = {rel: text for rel, text in records.items() if not rel.startswith("incidents/")}
    changed = fsio.write_tree(records_dir, referenced)
    changed += fsio.write_tree(records_dir, {rel: text for rel, text in records.items() if rel not in referenced})
    # Orphan actors and places after the incidents that named them, before their memory.
    changed += fsio.write_tree(records_dir, {}, prune=iter(getattr(files, "orphans", ())))
    return sorted(changed + fsio.write_tree(records_dir, memory, prune=iter(stale)))
