"""`python -m generator rename|merge|split`: edits of incident records that keep the merge's memory."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from generator.records import edits

    if args.command == "rename":
        changed, notes = edits.run(args.records, "rename", args.old, args.new)
    elif args.command == "merge":
        changed, notes = edits.run(args.records, "merge", args.keep, args.remove)
    else:
        changed, notes = edits.run(args.records, "split", args.id, args.article, new_id=args.new_id)
    folder = args.records.as_posix().rstrip("/")
    for rel in changed:
        print(f"{folder}/{rel}")
    for note in notes:
        print(f"{args.command}: {note}", file=sys.stderr)
    print("next: `python -m generator render` (or `make site`) updates the briefs", file=sys.stderr)
    return 0
