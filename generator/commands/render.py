"""`python -m generator render`: records/ -> briefs/."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from generator import fsio
    from generator.site.render import default_stamp, render_briefs

    with fsio.run_lock(args.briefs):
        fsio.clean_temporaries(default_stamp(args.records).parent, recursive=False)  # the render state's
        changed = render_briefs(args.records, args.templates, args.briefs, progress=sys.stderr.isatty())
    print(f"render: {len(changed)} files changed in {args.briefs}", file=sys.stderr)
    return 0
