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

import hashlib
import json
import pickle
from pathlib import Path

from generator import fsio
from generator.records import RecordSet, load_records_fast, record_files, records_from_cache

MANIFEST = ".briefing-manifest"


def render_files(records: RecordSet, templates_dir: Path, tick=None) -> dict[str, str]:
    """Every generated page as `relpath -> content`, manifest included; touches no file."""
    from generator.render import render_site

    files = render_site(records.incidents, records.actors, records.places, templates_dir=templates_dir,
                        tick=tick)
    files[MANIFEST] = "".join(f"{rel}\n" for rel in sorted(files))
    return files


def previous_manifest(briefs_dir: Path) -> list[str]:
    try:
        text = (briefs_dir / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _state(groups: list[tuple[Path, list[Path]]]) -> str:
    """A digest of (name, size, mtime) of every path, names relative to their folder so that the CLI
    (`records`) and the MkDocs hook (`/abs/records`) agree; a missing file counts as missing."""
    h = hashlib.sha256()
    for base, paths in groups:
        h.update(f"[{base.name}]\n".encode())
        for path in paths:
            name = path.relative_to(base).as_posix()
            try:
                st = path.stat()
                h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
            except FileNotFoundError:
                h.update(f"{name}\0missing\n".encode())
    return h.hexdigest()


def code_state(templates_dir: Path) -> str:
    """The templates and the generator's code: what every page depends on besides the records."""
    code = Path(__file__).parent
    templates = sorted(p for p in Path(templates_dir).rglob("*") if p.is_file())
    return _state([(Path(templates_dir), templates), (code, sorted(code.glob("*.py")))])


def input_state(records_dir: Path, templates_dir: Path, code: str | None = None) -> str:
    """The records' state and `code` (`code_state(templates_dir)` when not given)."""
    records = [path for _, path in record_files(records_dir)]
    return _state([(records_dir, records)]) + (code_state(templates_dir) if code is None else code)


def output_state(briefs_dir: Path) -> str:
    return _state([(briefs_dir, [briefs_dir / MANIFEST] + [briefs_dir / rel for rel in previous_manifest(briefs_dir)])])


def default_stamp(records_dir: Path) -> Path:
    return records_dir.resolve().parent / ".cache" / "render-stamp.json"


STATE_VERSION = 1


def _state_file(stamp: Path, key: str) -> Path:
    return stamp.parent / f"render-state-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"


# The state this process wrote last, by file, with the file's (size, mtime) then: `mkdocs serve`
# renders again on every reload, and reading back what it wrote a moment ago would cost half a second
# at 10,000 incidents. Any other writer changes the signature, and the file is read again.
_WRITTEN: dict[Path, tuple[tuple[int, int], dict]] = {}


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def _load_state(path: Path) -> dict:
    """The last render's state, or an empty one. The file is this program's own cache, beside the
    stamp; anything unreadable or from another version counts as no state (a full render)."""
    known = _WRITTEN.get(path)
    if known is not None and known[0] == _signature(path):
        return known[1]
    try:
        with path.open("rb") as fh:
            state = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a damaged or foreign cache only costs a full render
        return {}
    return state if isinstance(state, dict) and state.get("version") == STATE_VERSION else {}


def _save_state(path: Path, state: dict) -> None:
    _WRITTEN.pop(path, None)
    try:
        fsio.write_atomic(path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError:  # a read-only checkout still renders; it only cannot be incremental next time
        return
    signature = _signature(path)
    if signature is not None:
        _WRITTEN[path] = (signature, state)


def plan_incremental(old: RecordSet, new: RecordSet, new_site, fragments: dict):
    """The pages to render when `old` became `new` (whose `Site` is `new_site`), or None when
    everything must be rendered."""
    from generator.render import Selection
    from generator.views import Site

    if set(old.files) != set(new.files) or old.actors != new.actors or old.places != new.places \
            or set(old.incidents) != set(new.incidents):
        return None
    changed = sorted(iid for iid, inc in new.incidents.items() if inc != old.incidents[iid])
    if any(old.incidents[iid].get("former_ids") or new.incidents[iid].get("former_ids") for iid in changed):
        return None  # redirect pages come and go with former ids: rare, so not worth tracking
    incidents: set[str] = set()
    actors: set[str] = set()
    places: set[str] = set()
    if changed:
        for site in (Site(old.incidents, old.actors, old.places), new_site):
            for iid in changed:
                shown = site.pages_showing(site.incidents[iid])
                incidents |= shown[0]
                actors |= shown[1]
                places |= shown[2]
    incidents &= set(new.incidents)
    if any(iid not in fragments for iid in set(new.incidents) - incidents):
        return None
    return Selection(incidents, actors & set(new.actors), places & set(new.places))


def render_briefs(records_dir: Path, templates_dir: Path, briefs_dir: Path, *,
                  stamp: Path | None = None, progress: bool = False) -> list[str]:
    """Render the briefs and write the changed ones; returns the changed relpaths.

    `stamp` (default `.cache/render-stamp.json` beside `records_dir`) lets an unchanged project skip the
    work, and the state file beside it lets a project where only incidents changed render only what
    they touch; pass a path that cannot exist to force a full render."""
    from generator.progress import bar
    from generator.render import Selection, render_site
    from generator.views import Site

    stamp = default_stamp(records_dir) if stamp is None else stamp
    key = str(Path(briefs_dir).resolve())
    code = code_state(templates_dir)
    inputs = input_state(records_dir, templates_dir, code)
    try:
        saved = json.loads(stamp.read_text(encoding="utf-8")).get(key, {})
    except (OSError, ValueError, AttributeError):
        saved = {}
    outputs = output_state(briefs_dir)
    if saved.get("inputs") == inputs and saved.get("outputs") == outputs:
        return []
    state_path = _state_file(stamp, key)
    state = _load_state(state_path)
    usable = state.get("code") == code
    old_parsed = state.get("parsed", {}) if usable else {}
    parsed = dict(old_parsed)
    records = load_records_fast(records_dir, cache=parsed)
    fragments = dict(state.get("fragments", {})) if usable else {}
    selection = None
    site = Site(records.incidents, records.actors, records.places)
    if usable and state.get("outputs") == outputs:
        selection = plan_incremental(records_from_cache(old_parsed), records, site, fragments)
    if selection is None:
        selection, fragments = Selection.everything(), {}
    todo = len(records.incidents) if selection.full else len(selection.incidents)
    tick = bar(todo, "render", progress, unit="incident")
    files = render_site(records.incidents, records.actors, records.places, templates_dir=templates_dir,
                        tick=tick, selection=selection, fragments=fragments, site=site)
    tick.close()
    if selection.full:
        files[MANIFEST] = "".join(f"{rel}\n" for rel in sorted(files))
        changed = fsio.write_tree(briefs_dir, files, prune=iter(previous_manifest(briefs_dir)))
    else:  # the same pages as last time: nothing to add to the manifest or to delete
        changed = fsio.write_tree(briefs_dir, files)
    outputs = output_state(briefs_dir)
    fragments = {iid: fragments[iid] for iid in records.incidents if iid in fragments}
    _save_state(state_path, {"version": STATE_VERSION, "code": code, "outputs": outputs, "parsed": parsed,
                             "fragments": fragments})
    _save_stamp(stamp, key, {"inputs": inputs, "outputs": outputs,
                             "mode": "full" if selection.full else "incremental", "incident_pages": todo})
    return changed


def _save_stamp(stamp: Path, key: str, value: dict) -> None:
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[key] = value
    try:
        fsio.write_atomic(stamp, json.dumps(data, sort_keys=True, indent=1))
    except OSError:  # a read-only checkout still renders; it only cannot skip next time
        pass


def copy_handwritten(src_briefs: Path, dest_briefs: Path) -> list[str]:
    """Copy the hand-written pages of one briefs folder into another (a throwaway project for a test or
    the benchmark); generated pages, listed in the manifest, and vendored files are left behind."""
    import shutil

    generated = set(previous_manifest(src_briefs)) | {MANIFEST}
    copied = []
    for path in sorted(src_briefs.rglob("*")):
        rel = path.relative_to(src_briefs).as_posix()
        if path.is_file() and rel not in generated and not rel.startswith("assets/vendor/"):
            (dest_briefs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, dest_briefs / rel)
            copied.append(rel)
    return copied
