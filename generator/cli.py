"""Command line: `python -m generator` / `briefing`. This module only parses options; each command is a
module of `generator/commands/` whose `run(args)` calls one stage driver and reports (imported when
the command runs, so `--help` stays fast). Problems a user can
fix are printed as `file:line: field: message`; exit status 1 means "fix the inputs", 2 "bad usage".
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from importlib import import_module
from pathlib import Path

from generator import __version__
from generator.errors import BriefingError, InputError

log = logging.getLogger("briefing")

DESCRIPTION = """\
Briefing turns a folder of news articles about armed attacks into YAML incident records and a
searchable site of briefs.

  extract   seeds/ -> records/   draft incident, actor and place records (keeps human edits)
  render    records/ -> briefs/  write the Markdown briefs, index, timeline, map and downloads
  check     validate every record and fail when briefs/ is stale
  add       put an article (saved page, URL, .txt/.md or -) into seeds/ with its metadata
  rename    give an incident record a new id (the old one redirects)
  merge     join two incident records that are one incident
  split     move some sources of an incident record into a new record
  review    list the draft incident records with their uncertain fields, newest first
  edit      write an actor or place record from the knowledge base, to edit it

Run `python -m generator COMMAND --help` for a command's options.
"""


KB_EDIT_EPILOG = """\
An incident may name any actor or place of the knowledge base (generator/data/) without a record
file: render and check take it from the knowledge base. This command writes that record (and the
generator's memory of it) as records/actors/ID.yaml or records/places/ID.yaml; what you change in it
then overrides the knowledge base on the site and in extraction. Refuses an existing record and an id
the knowledge base does not know.
"""


EDITS_EPILOG = """\
The generator's memory (records/.generated/) moves with the edit, so the next `extract` keeps it.
Comments and key order in the records stay; every file is written atomically.
"""


ADD_EPILOG = """\
The publication date comes from --published, the page's metadata, or a dated dateline
("KARACHI, March 3, 2024 (Reuters) -"). A dateline without a year ("KARACHI, March 3 (Reuters) -")
takes the year from --published YYYY. Without a date the article is refused (on a terminal you are
asked), unless --undated: relative dates such as "on Tuesday" cannot be resolved without one.
An article already in seeds/ (same URL or same text) is refused with the name of its file.
"""


def _kb_files(value: str) -> str:
    from generator.records.kbrecords import KB_FILES

    if value not in KB_FILES:
        raise argparse.ArgumentTypeError(f"{value!r} is not a setting; use one of: {', '.join(KB_FILES)} "
                                         "(from --kb-files or the environment's BRIEFING_KB_FILES)")
    return value


def _kb_files_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kb-files", type=_kb_files, default=os.environ.get("BRIEFING_KB_FILES") or "referenced",
                   metavar="{referenced,edited}",
                   help="which actor and place records extract writes as files: 'referenced' (every one an "
                        "incident names, so records/ reads on its own) or 'edited' (only those the knowledge "
                        "base lacks, and those `edit` or a person wrote); default: $BRIEFING_KB_FILES, else "
                        "referenced. Give extract and check the same setting")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="draft records from the articles in seeds/",
                       description="Read every article in --seeds, draft incident records and merge them into "
                                   "--records, keeping every field a person has edited.")
    p.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of articles (default: seeds)")
    p.add_argument("--records", type=Path, default=Path("records"), help="records folder (default: records)")
    p.add_argument("--jobs", "-j", type=int, default=None,
                   help="processes for extraction (default: all cores); output is identical to --jobs 1")
    p.add_argument("--executor", default="local",
                   help="'local' (default) or 'dask' / 'dask://HOST:PORT' to run extraction on a Dask cluster "
                        "(needs the dask extra: pip install 'briefing[dask]')")
    p.add_argument("--cache-dir", type=Path, default=Path(".cache/extract"),
                   help="where per-article results are cached (default: .cache/extract)")
    p.add_argument("--no-cache", action="store_true", help="extract every article again")
    p.add_argument("--strict", action="store_true", help="fail on any unreadable seed instead of skipping it")
    _kb_files_option(p)
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: when stderr is a terminal)")
    p.set_defaults(module="extract")

    for name, helptext, module in (("render", "write the briefs from the records", "render"),
                                 ("check", "validate records; exit 1 on any problem or stale briefs", "check")):
        p = sub.add_parser(name, help=helptext, description=helptext[0].upper() + helptext[1:] + ".")
        p.add_argument("--records", type=Path, default=Path("records"), help="records folder (default: records)")
        p.add_argument("--briefs", type=Path, default=Path("briefs"), help="briefs folder (default: briefs)")
        p.add_argument("--templates", type=Path, default=Path("templates"),
                       help="Jinja2 templates folder (default: templates)")
        if name == "check":
            p.add_argument("--seeds", type=Path, default=Path("seeds"),
                           help="articles folder; records must be what `extract` makes of it (default: seeds)")
            p.add_argument("--no-seeds", action="store_true", help="check records and briefs only, not against the seeds")
            _kb_files_option(p)
            p.add_argument("--cache-dir", type=Path, default=Path(".cache/extract"), help=argparse.SUPPRESS)
            p.add_argument("--no-cache", action="store_true", help=argparse.SUPPRESS)
        p.set_defaults(module=module)

    p = sub.add_parser("add", help="put an article into seeds/ with its metadata (title, outlet, url, published)",
                       description="Put one article into --seeds as Markdown with front matter: a saved web page "
                                   "(.html), a URL (http/https), a .txt (first line the title) or .md file, or - "
                                   "for standard input. Pages and URLs are read with trafilatura.",
                       epilog=ADD_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source", metavar="PATH|URL|-", help="the article: a file, an http(s) URL, or - for stdin")
    p.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of articles (default: seeds)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date; YYYY alone completes a dateline that has month and day but no year")
    p.add_argument("--undated", action="store_true", help="add an article whose publication date is unknown")
    p.add_argument("--title", help="the headline, instead of the one found")
    p.add_argument("--outlet", help="the publication, instead of the one found")
    p.add_argument("--url", help="the article's address, instead of the one found")
    p.set_defaults(module="add")

    edit_help = {
        "rename": ("give an incident record a new id; the old id goes to former_ids (the site redirects it)",
                   (("old", "OLD", "the record's id"), ("new", "NEW", "its new id (a plain slug)"))),
        "merge": ("join two incident records that report one incident into KEEP; REMOVE's id goes to "
                  "KEEP's former_ids",
                  (("keep", "KEEP", "the record that stays"), ("remove", "REMOVE", "the record merged into it"))),
        "split": ("move the sources of some articles (and what cites them) from an incident record into a "
                  "new draft record", (("id", "ID", "the record to split"),)),
    }
    for name, (helptext, positionals) in edit_help.items():
        p = sub.add_parser(name, help=helptext, description=helptext[0].upper() + helptext[1:] + ".",
                           epilog=EDITS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
        for dest, metavar, text in positionals:
            p.add_argument(dest, metavar=metavar, help=text)
        if name == "split":
            p.add_argument("--article", action="append", required=True, metavar="ARTICLE",
                           help="an article id among the record's sources (sources[].article) to move; repeat "
                                "for several")
            p.add_argument("--id", dest="new_id", metavar="NEW",
                           help="the new record's id (default: made from its date, place and type)")
        p.add_argument("--records", type=Path, default=Path("records"), help="records folder (default: records)")
        p.set_defaults(module="edit")

    p = sub.add_parser("edit", help="write an actor or place record from the knowledge base, to edit it",
                       description="Write records/actors/ID.yaml or records/places/ID.yaml from the knowledge base.",
                       epilog=KB_EDIT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", choices=("actor", "place"), help="the kind of record")
    p.add_argument("id", metavar="ID", help="its id in the knowledge base (as incidents name it)")
    p.add_argument("--records", type=Path, default=Path("records"), help="records folder (default: records)")
    p.set_defaults(module="edit")

    p = sub.add_parser("review", help="list the draft incident records with their uncertain fields, newest first",
                       description="List every incident record not yet `review: reviewed`, newest first, with "
                                   "the fields extraction marked as uncertain and why.")
    p.add_argument("--records", type=Path, default=Path("records"), help="records folder (default: records)")
    p.set_defaults(module="review")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    if getattr(args, "progress", False) is None:
        args.progress = sys.stderr.isatty()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        return import_module(f"generator.commands.{args.module}").run(args)
    except InputError as exc:
        for p in exc.problems:
            print(f"error: {p}", file=sys.stderr)
        return 1
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130
