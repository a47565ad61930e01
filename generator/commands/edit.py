"""`python -m generator rename|merge|split|edit`: edits of records that keep the merge's memory: rename, merge
and split move incident records; `edit actor|place ID` writes a knowledge-base entry as a record to edit."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    if args.command == "edit":
        return _from_kb(args)
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


def _from_kb(args: argparse.Namespace) -> int:
    from generator.records.kbrecords import write_from_kb

    kind = {"actor": "actors", "place": "places"}[args.kind]
    rel = write_from_kb(args.records, kind, args.id)
    print(f"{args.records.as_posix().rstrip('/')}/{rel}")
    print("edit: the knowledge base's record, now yours to edit; fields you change stay, the others follow "
          "the knowledge base on `extract`; then `python -m generator render`", file=sys.stderr)
    return 0
