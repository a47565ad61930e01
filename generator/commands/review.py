"""`python -m generator review`: the draft incident records and their uncertain fields."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from generator.records.review import drafts, format_items

    items, problems = drafts(args.records)
    folder = args.records.as_posix().rstrip("/")
    for p in problems:
        print(f"warning: {folder}/{p}", file=sys.stderr)
    for line in format_items(items, folder):
        print(line)
    flagged = sum(1 for i in items if i.uncertain)
    print(f"review: {len(items)} draft incident{'s' if len(items) != 1 else ''} to review "
          f"({flagged} with uncertain fields); set `review: reviewed` in a record once checked",
          file=sys.stderr)
    return 0
