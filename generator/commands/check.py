"""The check command: every record valid, and briefs/ exactly what `render` would write.

CI runs it so that a pull request with a broken record or stale briefs fails with a short diff.
"""

from __future__ import annotations

import argparse
import sys
import difflib
from pathlib import Path

from generator.errors import Problem
from generator.records.check import validate
from generator.records.io import load_records
from generator.site.history import HISTORY_FILES
from generator.site.render import MANIFEST, previous_manifest, render_files

MAX_DIFF_LINES = 12  # per file
MAX_DIFF_FILES = 5  # files shown with a diff; the rest are only named


def _excerpt(out: list[str], diff: list[str]) -> None:
    """A few lines of diff under the first stale files; later files are only named."""
    if sum(1 for line in out if not line.startswith("    ")) > MAX_DIFF_FILES:
        return
    out.extend("    " + line for line in diff[:MAX_DIFF_LINES])
    if len(diff) > MAX_DIFF_LINES:
        out.append(f"    ... {len(diff) - MAX_DIFF_LINES} more diff lines")


def stale_briefs(records, templates_dir: Path, briefs_dir: Path, records_dir: Path | None = None) -> list[str]:
    """A short description (with a diff excerpt) of every brief that differs from a fresh render. The
    downloads dated by the git history (`history.HISTORY_FILES`) are built, not committed: skipped."""
    files = render_files(records, templates_dir, records_dir=records_dir)
    out: list[str] = []
    for rel in sorted(files):
        if rel == MANIFEST or rel in HISTORY_FILES:
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
            _excerpt(out, diff)
    for rel in sorted(set(previous_manifest(briefs_dir)) - set(files)):
        if (briefs_dir / rel).exists():
            out.append(f"briefs/{rel}: no longer generated; run render to remove it")
    return out


def stale_records(seeds_dir: Path, records_dir: Path, cache_dir: Path | None,
                  kb_files: str = "referenced") -> list[str]:
    """Records that `extract` would change: the seeds gained articles, or the generator changed."""
    from generator.extract.run import propose

    files, _ = propose(seeds_dir, records_dir, kb_files=kb_files, jobs=1, cache_dir=cache_dir)
    out: list[str] = []
    for rel in sorted(files):
        if rel.startswith(".generated/"):
            continue
        path = records_dir / rel
        have = path.read_text(encoding="utf-8") if path.exists() else None
        if have == files[rel]:
            continue
        if have is None:
            setting = "" if rel.startswith("incidents/") else " (with the --kb-files setting check was given)"
            out.append(f"records/{rel}: missing; run `python -m generator extract`{setting}")
            continue
        diff = list(difflib.unified_diff(have.splitlines(), files[rel].splitlines(), f"records/{rel}",
                                         f"records/{rel} (extracted)", lineterm="", n=1))
        out.append(f"records/{rel}: stale; run `python -m generator extract`")
        _excerpt(out, diff)
    for rel in getattr(files, "orphans", ()):  # generator/records/kbrecords.py `orphans`
        out.append(f"records/{rel}: no incident names it and nobody edited it; run `python -m generator extract` "
                   "to remove it")
    return out


def run_check(records_dir: Path, templates_dir: Path, briefs_dir: Path, seeds_dir: Path | None = None,
              cache_dir: Path | None = None, kb_files: str = "referenced") -> tuple[list[Problem], list[str]]:
    """Problems in the records, then (when they are valid) stale records and stale briefs."""
    records = load_records(records_dir)
    problems = sorted(set(records.problems) | set(validate(records)))
    if problems:
        return problems, []
    stale = stale_records(seeds_dir, records_dir, cache_dir, kb_files) if seeds_dir is not None else []
    return problems, stale + stale_briefs(records, templates_dir, briefs_dir, records_dir)


def run(args: argparse.Namespace) -> int:
    seeds = None if args.no_seeds or not args.seeds.is_dir() else args.seeds
    problems, stale = run_check(args.records, args.templates, args.briefs, seeds,
                                None if args.no_cache else args.cache_dir, args.kb_files)
    for p in problems:
        print(f"{args.records.as_posix().rstrip('/')}/{p}")
    for line in stale:
        print(line)
    if problems or stale:
        what = []
        if problems:
            what.append(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in records")
        if stale:
            what.append("records or briefs are stale: run `python -m generator extract` and `render`, then "
                        "commit the result")
        print("check: " + "; ".join(what), file=sys.stderr)
        return 1
    print("check: records valid, briefs up to date", file=sys.stderr)
    return 0
