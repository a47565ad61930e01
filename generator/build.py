"""Render stage driver: records/ -> briefs/, writing only the files whose content changed.

Generated pages are listed in `briefs/.briefing-manifest` so that a later run can delete the pages of
records that are gone without ever touching the hand-written pages beside them.

A run whose inputs (records, templates, the generator's code) and outputs are exactly as the last run
left them renders nothing: a stamp of their names, sizes and modification times, kept outside the
published folders (`.cache/render-stamp.json` beside `records/`), says so in a few milliseconds
instead of the seconds that loading and rendering thousands of records take. The stamp only skips
work; it never changes what is written.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from generator import fsio
from generator.records import RecordSet, load_records_fast

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


def input_state(records_dir: Path, templates_dir: Path) -> str:
    code = Path(__file__).parent
    records = [p for kind in ("incidents", "actors", "places") for p in sorted((records_dir / kind).glob("*.yaml"))]
    templates = sorted(p for p in Path(templates_dir).rglob("*") if p.is_file())
    return _state([(records_dir, records), (Path(templates_dir), templates), (code, sorted(code.glob("*.py")))])


def output_state(briefs_dir: Path) -> str:
    return _state([(briefs_dir, [briefs_dir / MANIFEST] + [briefs_dir / rel for rel in previous_manifest(briefs_dir)])])


def default_stamp(records_dir: Path) -> Path:
    return records_dir.resolve().parent / ".cache" / "render-stamp.json"


def render_briefs(records_dir: Path, templates_dir: Path, briefs_dir: Path, *,
                  stamp: Path | None = None, progress: bool = False) -> list[str]:
    """Render every brief and write the changed ones; returns the changed relpaths.

    `stamp` (default `.cache/render-stamp.json` beside `records_dir`) lets an unchanged project skip the
    work; pass a path that cannot exist to force a full render."""
    stamp = default_stamp(records_dir) if stamp is None else stamp
    key = str(Path(briefs_dir).resolve())
    inputs = input_state(records_dir, templates_dir)
    try:
        saved = json.loads(stamp.read_text(encoding="utf-8")).get(key, {})
    except (OSError, ValueError, AttributeError):
        saved = {}
    if saved.get("inputs") == inputs and saved.get("outputs") == output_state(briefs_dir):
        return []
    from generator.progress import bar

    records = load_records_fast(records_dir)
    tick = bar(len(records.incidents), "render", progress, unit="incident")
    files = render_files(records, templates_dir, tick)
    tick.close()
    changed = fsio.write_tree(briefs_dir, files, prune=iter(previous_manifest(briefs_dir)))
    _save_stamp(stamp, key, {"inputs": inputs, "outputs": output_state(briefs_dir)})
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
