"""The check command: every record valid, and briefs/ exactly what `render` would write.

CI runs it so that a pull request with a broken record or stale briefs fails with a short diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from generator.build import MANIFEST, previous_manifest, render_files
from generator.errors import Problem
from generator.records import load_records, validate

MAX_DIFF_LINES = 40


def stale_briefs(records, templates_dir: Path, briefs_dir: Path) -> list[str]:
    """A short description (with a diff excerpt) of every brief that differs from a fresh render."""
    files = render_files(records, templates_dir)
    out: list[str] = []
    for rel in sorted(files):
        if rel == MANIFEST:
            continue
        path = briefs_dir / rel
        want = files[rel]
        try:
            have = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            out.append(f"briefs/{rel}: missing")
            continue
        if have != want:
            diff = list(difflib.unified_diff(have.splitlines(), want.splitlines(), f"briefs/{rel}",
                                             f"briefs/{rel} (rendered)", lineterm="", n=1))
            out.append(f"briefs/{rel}: stale")
            out.extend("    " + line for line in diff[:MAX_DIFF_LINES])
            if len(diff) > MAX_DIFF_LINES:
                out.append(f"    ... {len(diff) - MAX_DIFF_LINES} more diff lines")
    for rel in sorted(set(previous_manifest(briefs_dir)) - set(files)):
        if (briefs_dir / rel).exists():
            out.append(f"briefs/{rel}: no longer generated; run render to remove it")
    return out


def run_check(records_dir: Path, templates_dir: Path, briefs_dir: Path) -> tuple[list[Problem], list[str]]:
    records = load_records(records_dir)
    problems = sorted(set(records.problems) | set(validate(records)))
    stale = [] if problems else stale_briefs(records, templates_dir, briefs_dir)
    return problems, stale
