"""`python -m generator extract`: seeds/ -> records/, keeping what people edited."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from generator.extract.run import run_extract

    cache_dir = None if args.no_cache else args.cache_dir
    report = run_extract(args.seeds, args.records, jobs=args.jobs, executor=args.executor, cache_dir=cache_dir,
                         progress=args.progress, strict=args.strict, kb_files=args.kb_files)
    for p in report.problems:
        print(f"warning: {args.seeds.as_posix().rstrip('/')}/{p}", file=sys.stderr)
    print(f"extract: {report.articles} articles -> {report.incidents} incidents; "
          f"{len(report.changed)} record files changed"
          + (" (nothing changed since the last run)" if report.unchanged else
             f" (cache: {report.cache_hits} hit, {report.cache_misses} extracted)" if cache_dir else ""),
          file=sys.stderr)
    return 0
