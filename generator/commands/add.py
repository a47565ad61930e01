"""`python -m generator add`: one article into seeds/ with its metadata."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from generator.extract.add import add

    interactive = args.source != "-" and sys.stdin.isatty() and not args.undated
    added = add(args.source, args.seeds, published=args.published, undated=args.undated, title=args.title,
                outlet=args.outlet, url=args.url, ask=input if interactive else None,
                stdin_text=sys.stdin.read if args.source == "-" else None)
    d = added.draft
    for note in d.notes:
        print(f"note: {note}", file=sys.stderr)
    when = f"published {d.published.isoformat()} ({d.basis})" if d.published else "undated"
    print(f"add: {added.path.as_posix()}: {d.title!r}, {d.outlet or 'outlet unknown'}, {when}", file=sys.stderr)
    print("next: `python -m generator extract` (or `make site`) drafts its records", file=sys.stderr)
    return 0
