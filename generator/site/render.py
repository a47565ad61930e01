"""Render stage driver: records/ -> briefs/, writing only the files whose content changed.

Generated pages are listed in `briefs/.briefing-manifest` so that a later run can delete the pages of
records that are gone without ever touching the hand-written pages beside them.

A run whose inputs (records, templates, the generator's code) and outputs are exactly as the last run
left them renders nothing: a stamp of their names, sizes and modification times, kept outside the
published folders (`.cache/render-stamp.json` beside `records/`), says so in a few milliseconds
instead of the seconds that loading and rendering thousands of records take.

When only incident records changed (the usual edit while `mkdocs serve` runs), the render is
incremental: a state file beside the stamp (`.cache/render-state-*.pickle`) keeps every record as last
parsed and every incident's pieces of the downloads and search entries, so only the changed files are
parsed and only the pages that can show a changed incident are rendered again (`Site.pages_showing`:
its page, the pages that may list it as related, its actors' and place's pages), plus the site-wide
pages. Anything else (a template, the code, an actor or place record, a record added, removed or
renamed, a generated page edited by hand) renders everything. The stamp and the state only skip work;
they never change what is written (`tests/test_incremental.py` checks incremental against full
renders after random edits, byte for byte).
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from generator import fsio
from generator.cache import Stamps, digest, files_state, load_state, save_state, tree_state
from generator.errors import InputError, Problem
from generator.records.io import RecordSet, load_records_fast, record_files, records_from_cache

MANIFEST = ".briefing-manifest"


def review_list(records_dir: Path, records: RecordSet) -> list:
    """The review page's list (`generator/records/review.py`): drafts, and reviewed records whose sources
    changed since the review (from the generator's memory under `records_dir`)."""
    from generator.records.review import review_items, sources_since_review

    return review_items(records.incidents, records.paths, sources_since_review(records_dir, records.incidents))


def render_files(records: RecordSet, templates_dir: Path, tick=None,
                 records_shown: str = "records", records_dir: Path | None = None) -> dict[str, str]:
    """Every generated page as `relpath -> content`, manifest included; touches no file. A record
    file with problems gets a page that lists them (`render.render_problem_pages`). With `records_dir`,
    the review page also lists reviewed records whose sources changed (`review_list`)."""
    from generator.site.pages import render_problem_pages, render_site

    files = render_site(records.incidents, records.actors, records.places, templates_dir=templates_dir,
                        tick=tick, review=review_list(records_dir, records) if records_dir else None)
    pages = render_problem_pages(records.problems, records_shown, templates_dir) if records.problems else {}
    files.update((rel, text) for rel, text in pages.items() if rel not in files)
    files[MANIFEST] = "".join(f"{rel}\n" for rel in sorted(files))
    return files


def previous_manifest(briefs_dir: Path) -> list[str]:
    try:
        text = (briefs_dir / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def code_state(templates_dir: Path) -> str:
    """The templates and the generator's code: what every page depends on besides the records."""
    code = Path(__file__).parents[1]
    return digest([tree_state(templates_dir), tree_state(code, skip=lambda name: name == "__pycache__")])


def input_state(records_dir: Path, templates_dir: Path, code: str | None = None) -> str:
    """The records' state and `code` (`code_state(templates_dir)` when not given)."""
    records = [path for _, path in record_files(records_dir)]
    return digest(files_state(records_dir, records)) + (code_state(templates_dir) if code is None else code)


def output_state(briefs_dir: Path) -> str:
    listed = [briefs_dir / MANIFEST] + [briefs_dir / rel for rel in previous_manifest(briefs_dir)]
    return digest(files_state(briefs_dir, listed))


def default_stamp(records_dir: Path) -> Path:
    return records_dir.resolve().parent / ".cache" / "render-stamp.json"


def last_render(records_dir: Path, briefs_dir: Path, stamp: Path | None = None) -> dict:
    """What the last render into `briefs_dir` noted in its stamp: `mode` ("full" or "incremental"),
    `incident_pages` (how many incident pages it rendered), its `inputs` and `outputs`; {} if none."""
    stamp = default_stamp(records_dir) if stamp is None else stamp
    saved = Stamps(stamp.parent).get(stamp.name)
    entry = saved.get(str(Path(briefs_dir).resolve())) if isinstance(saved, dict) else None
    return entry if isinstance(entry, dict) else {}


STATE_VERSION = 1


def _state_file(stamp: Path, key: str) -> Path:
    return stamp.parent / f"render-state-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"


def plan_incremental(old: RecordSet, new: RecordSet, new_site, fragments: dict):
    """The pages to render when `old` became `new` (whose `Site` is `new_site`), or None when
    everything must be rendered."""
    from generator.records.kbrecords import shown_entities
    from generator.site.pages import Selection
    from generator.site.views import Site

    if set(old.files) != set(new.files) or old.actors != new.actors or old.places != new.places \
            or set(old.incidents) != set(new.incidents):
        return None
    changed = sorted(iid for iid, inc in new.incidents.items() if inc != old.incidents[iid])
    if any(old.incidents[iid].get("former_ids") or new.incidents[iid].get("former_ids") for iid in changed):
        return None  # redirect pages come and go with former ids: rare, so not worth tracking
    incidents: set[str] = set()
    actors: set[str] = set()
    places: set[str] = set()
    old_site = Site(old.incidents, *shown_entities(old.incidents, old.actors, old.places))
    if set(old_site.actors) != set(new_site.actors) or set(old_site.places) != set(new_site.places):
        return None  # an actor or place page comes or goes (an orphan, or one taken from the knowledge base)
    if changed:
        for site in (old_site, new_site):
            for iid in changed:
                shown = site.pages_showing(site.incidents[iid])
                incidents |= shown[0]
                actors |= shown[1]
                places |= shown[2]
    incidents &= set(new.incidents)
    if any(iid not in fragments for iid in set(new.incidents) - incidents):
        return None
    from generator.site.periods import pages_showing

    briefs = pages_showing(old_site, new_site, changed)
    return Selection(incidents, actors & set(new.actors), places & set(new.places), briefs)


# ------------------------------------------------------------------------------ unrenderable records
#
# A record that does not parse must not vanish from the site unnoticed, and one that parses but holds
# a list or a mapping where a single value belongs (`event_type: [x]`, `country: {a: 1}`), nesting no
# record has, or a reserved id (`id: index`) must not kill render with a traceback. Such records are
# problems, reported as `check` reports them (`records/<file>:<line>: <field>: <message>`). Other
# schema problems (an unknown actor id, a number where a range belongs) render as they are: records
# are drafts people edit, and `check` reports those.

MAX_DEPTH = 12  # the deepest value the schema allows is 7 levels down (incidents/sources/evidence/supports)
# (Nesting too deep to parse at all never gets here: the loaders in `records` refuse it first.)


class _Shape:
    """What one schema node allows, its `$ref`s resolved: a mapping (and its properties' shapes), a
    list (and its items' shape), or only single values; `None` for a value the schema says nothing of."""

    __slots__ = ("mapping", "sequence", "props", "items", "reserved")

    def __init__(self, node: dict, defs: dict, made: dict):
        while "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        made[id(node)] = self
        types = node.get("type", "scalar" if "enum" in node else None)
        types = [types] if isinstance(types, str) else types
        self.mapping = types is None or "object" in types
        self.sequence = types is None or "array" in types
        self.props = {key: _shape(sub, defs, made) for key, sub in node.get("properties", {}).items()}
        self.items = _shape(node["items"], defs, made) if "items" in node else None
        reserved = node.get("not", {}).get("pattern")  # schemas.RESERVED_IDS
        self.reserved = re.compile(reserved) if reserved else None


def _shape(node: dict, defs: dict, made: dict) -> _Shape:
    target = node
    while "$ref" in target:
        target = defs[target["$ref"].rsplit("/", 1)[-1]]
    return made.get(id(target)) or _Shape(node, defs, made)


@functools.lru_cache(maxsize=None)
def _record_shape(kind: str) -> _Shape:
    from generator.records import schemas

    schema = schemas.record_schema(kind)
    return _Shape(schema, schema["$defs"], {})


def misplaced_values(kind: str, data: dict) -> list[str]:
    """Paths of the values of a parsed record that render cannot show: a list or mapping where its
    schema wants one value, anything nested deeper than `MAX_DEPTH`, an id that is no text or a
    reserved one. Fast (no JSON Schema validator, which costs ~2 ms a record), so render can afford
    it on every changed record."""
    out: list[tuple] = []
    seen: set[tuple[int, int]] = set()  # (container, depth): a YAML alias repeats a value, walk it once

    def walk(shape: _Shape | None, value, path: tuple) -> None:
        if len(path) > MAX_DEPTH:
            out.append(path)
            return
        if isinstance(value, dict):
            if shape is not None and not shape.mapping:
                out.append(path)
            elif (id(value), len(path)) not in seen:
                seen.add((id(value), len(path)))
                props = shape.props if shape is not None else {}
                for key, item in value.items():
                    walk(props.get(key), item, (*path, key))
        elif isinstance(value, list):
            if shape is not None and not shape.sequence:
                out.append(path)
            elif (id(value), len(path)) not in seen:
                seen.add((id(value), len(path)))
                items = shape.items if shape is not None else None
                for n, item in enumerate(value):
                    walk(items, item, (*path, n))
        elif shape is not None and shape.reserved is not None and isinstance(value, str) \
                and shape.reserved.match(value):
            out.append(path)

    walk(_record_shape(kind), data, ())
    if not (isinstance(data.get("id"), str) and data["id"]):  # records are keyed and linked by their id
        out.append(("id",))
    return ["".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") for path in out]


def _unrenderable_problems(records_dir: Path, rel: str, kind: str, paths: list[str]) -> list[Problem]:
    """What `check` says about the file `rel` (its schema problems, at their lines), or, should it say
    nothing, where the values render cannot show are."""
    from generator.records.io import parse_yaml
    from generator.records.check import schema_problems

    try:
        doc, problems = parse_yaml((records_dir / rel).read_text(encoding="utf-8"), rel)
        if doc is not None:
            problems = schema_problems(rel, kind, doc)
    except (OSError, UnicodeDecodeError, RecursionError) as exc:
        problems = [Problem(rel, None, "", f"cannot read YAML: {exc}")]
    return problems or [Problem(rel, None, path, "a list, mapping or nesting this field cannot hold")
                        for path in paths]


def _refuse_unrenderable(records_dir: Path, parsed: dict, old_parsed: dict) -> bool:
    """Turn every newly parsed record that render cannot show into a problem in the parse cache
    `parsed` (`relpath -> (signature, data, problems)`), so that later renders see it as unreadable
    without checking it again. True when any entry changed."""
    changed = False
    for rel, entry in list(parsed.items()):
        if old_parsed.get(rel) is entry or entry[1] is None:
            continue
        kind = rel.split("/", 1)[0]
        paths = misplaced_values(kind, entry[1]) if isinstance(entry[1], dict) else []
        if paths:
            parsed[rel] = (entry[0], None, _unrenderable_problems(records_dir, rel, kind, paths))
            changed = True
    return changed


def shown_path(folder: Path) -> str:
    """`folder` as messages name it: relative to the working directory when inside it."""
    try:
        return Path(folder).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(folder).as_posix()


def render_briefs(records_dir: Path, templates_dir: Path, briefs_dir: Path, *,
                  stamp: Path | None = None, progress: bool = False,
                  problems: list[Problem] | None = None) -> list[str]:
    """Render the briefs and write the changed ones; returns the changed relpaths.

    `stamp` (default `.cache/render-stamp.json` beside `records_dir`) lets an unchanged project skip the
    work, and the state file beside it lets a project where only incidents changed render only what
    they touch; pass a path that cannot exist to force a full render.

    A record that cannot be read or shown (see `misplaced_values`) raises `InputError` with `check`'s
    problems, named `<records_dir>/<file>:<line>: <field>: <message>`, before anything is written. With
    a `problems` list (`mkdocs serve`), the problems are appended to it instead, the other records are
    rendered, and each such record's page says what is wrong with it."""
    from generator.records.kbrecords import shown_entities
    from generator.site import history
    from generator.progress import bar
    from generator.site.pages import Selection, render_site
    from generator.site.views import Site

    stamp = default_stamp(records_dir) if stamp is None else stamp
    key = str(Path(briefs_dir).resolve())
    code = code_state(templates_dir)
    # A commit moves the records' change times (the feed's `updated`) without touching a file.
    inputs = input_state(records_dir, templates_dir, code) + (history.head(records_dir) or "")
    saved = last_render(records_dir, briefs_dir, stamp)
    outputs = output_state(briefs_dir)
    if saved.get("inputs") == inputs and saved.get("outputs") == outputs:
        return []
    state_path = _state_file(stamp, key)
    state = load_state(state_path, STATE_VERSION)
    usable = state.get("code") == code
    old_parsed = state.get("parsed", {}) if usable else {}
    parsed = dict(old_parsed)
    records = load_records_fast(records_dir, cache=parsed)
    if _refuse_unrenderable(records_dir, parsed, old_parsed):
        records = records_from_cache(parsed)
    shown = shown_path(records_dir)
    found = [Problem(f"{shown}/{p.path}", p.line, p.field, p.message) for p in records.problems]
    if found and problems is None:
        raise InputError(found)
    fragments = dict(state.get("fragments", {})) if usable else {}
    times = history.incident_times(records_dir, records.paths)
    old_times = state.get("times", {})
    for iid in [iid for iid in fragments if times.get(iid) != old_times.get(iid)]:
        del fragments[iid]  # its feed entry and CSV line carry the old time: made again (or all are)
    selection = None
    site = Site(records.incidents, *shown_entities(records.incidents, records.actors, records.places))
    if usable and state.get("outputs") == outputs:
        selection = plan_incremental(records_from_cache(old_parsed), records, site, fragments)
    if selection is None:
        selection, fragments = Selection.everything(), {}
    todo = len(records.incidents) if selection.full else len(selection.incidents)
    tick = bar(todo, "render", progress, unit="incident")
    files = render_site(records.incidents, records.actors, records.places, templates_dir=templates_dir,
                        tick=tick, selection=selection, fragments=fragments, site=site, history=times,
                        review=review_list(records_dir, records))
    tick.close()
    if found:
        from generator.site.pages import render_problem_pages

        pages = render_problem_pages(records.problems, shown, templates_dir)
        files.update((rel, text) for rel, text in pages.items() if rel not in files)
        problems.extend(found)
    if selection.full:
        files[MANIFEST] = "".join(f"{rel}\n" for rel in sorted(files))
        changed = fsio.write_tree(briefs_dir, files, prune=iter(previous_manifest(briefs_dir)))
    else:  # the same record pages as last time; period briefs may come and go (then all are rendered)
        from generator.site.pages import PAGES_COMING_AND_GOING

        old = previous_manifest(briefs_dir)
        gone = [rel for rel in old if selection.periods is None and rel.startswith(PAGES_COMING_AND_GOING)
                and rel not in files]
        if gone or not set(files) <= set(old):
            files[MANIFEST] = "".join(f"{rel}\n" for rel in sorted(set(old).difference(gone) | set(files)))
        changed = fsio.write_tree(briefs_dir, files, prune=iter(gone))
    outputs = output_state(briefs_dir)
    fragments = {iid: fragments[iid] for iid in records.incidents if iid in fragments}
    save_state(state_path, {"version": STATE_VERSION, "code": code, "outputs": outputs, "parsed": parsed,
                            "fragments": fragments, "times": times})
    # With problems, the next run renders (and reports them) again: the stamp matches no inputs.
    _save_stamp(stamp, key, {"inputs": None if found else inputs, "outputs": outputs,
                             "mode": "full" if selection.full else "incremental", "incident_pages": todo})
    return changed


def _save_stamp(stamp: Path, key: str, value: dict) -> None:
    """One briefs folder's entry in the render stamp (a read-only checkout only cannot skip next time)."""
    stamps = Stamps(stamp.parent)
    data = stamps.get(stamp.name)
    data = data if isinstance(data, dict) else {}
    data[key] = value
    stamps.put(stamp.name, data, durable=True, strict=False, indent=1)
