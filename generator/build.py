"""Render stage driver: records/ -> briefs/, writing only the files whose content changed.

Generated pages are listed in `briefs/.briefing-manifest` so that a later run can delete the pages of
records that are gone without ever touching the hand-written pages beside them.
"""

from __future__ import annotations

from pathlib import Path

from generator import fsio
from generator.records import RecordSet, load_records

MANIFEST = ".briefing-manifest"


def render_files(records: RecordSet, templates_dir: Path) -> dict[str, str]:
    """Every generated page as `relpath -> content`, manifest included; touches no file."""
    from generator.render import render_site

    files = render_site(records.incidents, records.actors, records.places, templates_dir=templates_dir)
    files[MANIFEST] = "".join(f"{rel}\n" for rel in sorted(files))
    return files


def previous_manifest(briefs_dir: Path) -> list[str]:
    try:
        text = (briefs_dir / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def render_briefs(records_dir: Path, templates_dir: Path, briefs_dir: Path) -> list[str]:
    """Render every brief and write the changed ones; returns the changed relpaths."""
    files = render_files(load_records(records_dir), templates_dir)
    return fsio.write_tree(briefs_dir, files, prune=iter(previous_manifest(briefs_dir)))
