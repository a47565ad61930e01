"""The MkDocs adapter: render briefs/ before each build, watch the inputs, ship the front-end files.

The briefs are made by `generator.site.render`, which works without MkDocs (`python -m generator
render`). Beyond connecting it to MkDocs events, this file changes what MkDocs builds in two ways: it
rewrites Material's search index after a build (incident entries from render, actor and place pages
folded into one entry each: `compact_search_docs`), and it replaces the `run` method of a private
MkDocs class (`_fast_raw_html_ids`), guarded by the MkDocs version it was written for. The site root
is the folder of `mkdocs.yml`.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

from mkdocs.structure.files import File, Files

from generator import fsio, textsafe
from generator.mkdocs import serving
from generator.site.pages import SEARCH_TEXT_CHARS

log = logging.getLogger("mkdocs.hooks.briefing")

# `npm ci` installs the front-end packages (package-lock.json) under node_modules/; the files the maps
# and tables use are served from the site, never from a CDN: (package folder, files or folders/, where).
VENDOR = (
    (("leaflet", "dist"), ("leaflet.css", "leaflet.js", "images/"), "assets/vendor/leaflet"),
    (("leaflet.markercluster", "dist"), ("leaflet.markercluster.js", "MarkerCluster.css",
                                         "MarkerCluster.Default.css"), "assets/vendor/leaflet.markercluster"),
    (("topojson-client", "dist"), ("topojson-client.min.js",), "assets/vendor/topojson-client"),
    (("world-atlas",), ("countries-110m.json",), "assets/vendor/world-atlas"),  # the offline basemap
)

# Material's search index holds every section of every page in full (~2.2 KB per incident page). An
# incident brief is found by its title and bottom line, when, what, where and who: render writes one
# entry of at most SEARCH_TEXT_CHARS characters per incident (`pages.search_entry`) and the incident
# pages stay out of Material's search plugin, which would otherwise parse every one of them
# (bench/README.md: `search_kb_per_incident`).
# Pages under SEARCH_COMPACT that are still indexed by the plugin are folded into one capped entry each:
# actor and place briefs are found by their name, aliases and description, and their sections (activity,
# roles, actors met, statements, incidents) are excluded from search, so one entry a page, not six.
SEARCH_COMPACT = ("incidents/", "actors/", "places/")


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


# MkDocs 1.6 runs every page's whole Markdown through a second html.parser pass (`_RawHTMLPreprocessor`)
# only to collect the `id`s of raw HTML, for validating `#anchor` links; Python-Markdown parses the same
# raw HTML again for itself. Our pages carry most of their content as raw HTML (generator/site/pages.py),
# so that pass was ~15 % of a build. The same ids are collected here with one regular expression;
# the page's HTML is untouched (the preprocessor returns its lines unchanged either way). The class is
# private, so the patch is tied to the MkDocs release it was checked against: any other installed
# version stops the build with a message, to be re-checked (and PATCHED_MKDOCS updated) on upgrade.
PATCHED_MKDOCS = "1.6.1"
_ANCHOR_ID = re.compile(r"""<[A-Za-z][^<>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


def _fast_raw_html_ids() -> bool:
    import mkdocs
    from mkdocs.exceptions import PluginError
    from mkdocs.structure import pages

    if mkdocs.__version__ != PATCHED_MKDOCS:
        raise PluginError(f"briefing: generator/mkdocs/hooks.py patches mkdocs.structure.pages._RawHTMLPreprocessor "
                          f"of MkDocs {PATCHED_MKDOCS}, but MkDocs {mkdocs.__version__} is installed: check that "
                          f"the class still only collects ids, then set PATCHED_MKDOCS (or pin MkDocs "
                          f"{PATCHED_MKDOCS})")
    cls = getattr(pages, "_RawHTMLPreprocessor", None)
    if cls is None or not callable(getattr(cls, "run", None)) or getattr(cls, "_briefing_fast", False):
        return bool(cls and getattr(cls, "_briefing_fast", False))

    def run(self, lines):
        self.present_anchor_ids = {a or b or c for a, b, c in _ANCHOR_ID.findall("\n".join(lines))}
        return lines

    cls.run = run
    cls._briefing_fast = True
    return True


def on_startup(command, dirty):
    serving.start(command, dirty)


def on_config(config):
    """Render before MkDocs collects files, so this very build sees the fresh briefs; a dirty serve
    builds into the kept `.cache/serve-site/` (see generator/mkdocs/serving.py).

    A record that cannot be read or shown fails a build, naming its file and line. `mkdocs serve` keeps
    serving instead (a failed build would leave every request waiting until the record is fixed): the
    record's page shows its problems, and they are printed on every rebuild until it is fixed."""
    from mkdocs.exceptions import PluginError

    from generator.site import render as build
    from generator.errors import InputError

    _fast_raw_html_ids()

    root = _root(config)
    serve = serving.SESSION.get("command") == "serve"
    problems: list | None = [] if serve else None
    try:
        changed = build.render_briefs(root / "records", root / "templates", Path(config.docs_dir),
                                      problems=problems)
    except InputError as exc:
        raise PluginError("briefing: records that cannot be rendered:\n" + str(exc)) from None
    if problems:
        # Not through MkDocs' logger: with `strict`, a warning would fail the build, and serve with it.
        print("\n".join(f"ERROR    -  briefing: {p}" for p in problems) +
              f"\nERROR    -  briefing: {len(problems)} problem(s); the pages of these records show them",
              file=sys.stderr, flush=True)
    if changed:
        log.info("briefing: %d generated file(s) changed", len(changed))
    kept = serving.serve_site_dir(root)
    if kept is not None:
        config.site_dir = str(kept)
    serving.begin_build(Path(config.site_dir))
    serving.reset_material_merge(config)
    return config


def on_files(files: Files, config) -> Files:
    """Add the front-end packages' files (`VENDOR`) to the site under assets/vendor/."""
    pages = files.documentation_pages()
    serving.SESSION["pages"] = {f.url for f in pages}
    serving.SESSION["outputs"] = {f.dest_uri for f in pages}
    _start_bar(pages)
    for folder, wanted, dest in VENDOR:
        dist = _root(config).joinpath("node_modules", *folder)
        if not dist.is_dir():
            log.warning("briefing: %s is missing, maps will not work; run `npm ci`", dist)
            continue
        for path in sorted(p for p in dist.rglob("*") if p.is_file() and not p.name.endswith(".map")):
            rel = path.relative_to(dist).as_posix()
            if rel in wanted or any(w.endswith("/") and rel.startswith(w) for w in wanted):
                files.append(File.generated(config, f"{dest}/{rel}", abs_src_path=str(path)))
    return files


def on_serve(server, config, builder):
    root = _root(config)
    for folder in ("records", "templates"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    kept = serving.serve_site_dir(root)
    if kept is not None:  # MkDocs made the server for its temporary folder; serve the kept one
        server.root = str(kept)
    return server


# MkDocs shows no progress; at thousands of pages a build takes a minute. The bar counts each page
# twice (MkDocs reads and converts every page, then writes every page), on stderr, only on a terminal.
def _start_bar(pages) -> None:
    import sys

    from generator.progress import bar

    todo = [f for f in pages if not serving.is_dirty() or f.is_modified()]
    serving.SESSION["bar"] = bar(2 * len(todo), "mkdocs build", sys.stderr.isatty(), unit="step")


def _tick() -> None:
    progress = serving.SESSION.get("bar")
    if progress is not None:
        progress.update(1)


def on_page_markdown(markdown, page, config, files):
    _tick()
    if str(getattr(getattr(page, "file", None), "src_uri", "")).startswith(("actors/", "places/")):
        # Material's search joins the text of adjacent table cells ("Kindcity ProvinceKirkuk" in an
        # actor's or place's entry); a space between cells keeps the words apart, and shows nowhere.
        markdown = markdown.replace("</td><td>", "</td> <td>")
    return markdown


def on_page_context(context, page, config, nav):
    serving.page_rendered(page.url)
    return context


def on_post_page(output, page, config):
    _tick()
    return output


def on_post_build(config):
    """Make the search index whole (dirty builds) and compact: one short entry per incident page."""
    progress = serving.SESSION.pop("bar", None)
    if progress is not None:
        progress.close()
    patch_search_worker(Path(config.site_dir))
    removed = serving.prune_removed_pages(Path(config.site_dir), serving.SESSION.get("outputs", set()))
    if removed:
        log.info("briefing: removed %d page(s) whose record is gone", len(removed))
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    from generator.site.pages import SEARCH_ENTRIES

    index = json.loads(path.read_text(encoding="utf-8"))
    docs = serving.merge_search_docs(index.get("docs", []), serving.SESSION.get("pages", set()))
    docs = compact_search_docs(docs)
    extra = Path(config.docs_dir) / SEARCH_ENTRIES
    if extra.is_file():
        entries = incident_search_entries(extra)
        mine = {d["location"] for d in entries}
        docs = [d for d in docs if d.get("location") not in mine] + entries
    index["docs"] = docs
    fsio.write_atomic(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")), durable=False)


# What people type into the search box, read as the index reads the pages. Material's search worker
# parses a query with lunr's query lexer, which cuts a term at every hyphen before Material splits it
# by the site's separator (mkdocs.yml, which keeps an ISO day such as 2024-01-28 one token): so a typed
# day became "2024", "01" and "28" and found every page of 2024. Cutting at white space alone there
# leaves the hyphens to the separator. Material also makes every typed word a prefix ("22" -> "22*"),
# so a short number in a name ("Tower 22", "Route 20") matched every year and day starting with it: a
# number of up to three digits typed as a word is matched whole. Appended to Material's worker file in
# the built site (the worker's `lunr` is a global there), once.
SEARCH_WORKER_MARK = "/* briefing: search query */"
SEARCH_WORKER_PATCH = SEARCH_WORKER_MARK + """
(function () {
  if (!self.lunr || !lunr.QueryLexer || !lunr.Index) return;
  lunr.QueryLexer.termSeparator = /[\\s]+/;
  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    return search.call(this, String(query).replace(/(^|\\s)(\\d{1,3})\\*(?=\\s|$)/g, "$1$2"));
  };
})();
"""


def patch_search_worker(site_dir: Path) -> bool:
    """Add `SEARCH_WORKER_PATCH` to Material's search worker in the built site; True when added."""
    changed = False
    for worker in sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.js")):
        text = worker.read_text(encoding="utf-8")
        if SEARCH_WORKER_MARK not in text:
            worker.write_text(text.rstrip("\n") + "\n" + SEARCH_WORKER_PATCH, encoding="utf-8")
            changed = True
    return changed


_ENTRY_LOCATION = re.compile(r"^incidents/(?!.*\.\.)[a-z0-9][a-z0-9._-]*\.html$")  # values.page_slug


def incident_search_entries(path: Path) -> list[dict]:
    """Render's search entries (`render.SEARCH_ENTRIES`), as they go into the index.

    Material's search UI inserts titles and texts as HTML. Render writes them escaped; here any `<`
    or `>` left (a file not written by render) is escaped too, which changes nothing in render's
    output, and an entry that is not a page of `incidents/` with a text title and text fails the build."""
    from mkdocs.exceptions import PluginError

    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PluginError(f"briefing: cannot read {path}: {exc}; run `python -m generator render`") from exc
    out = []
    for entry in entries if isinstance(entries, list) else [entries]:
        if not (isinstance(entry, dict) and isinstance(entry.get("location"), str)
                and _ENTRY_LOCATION.match(entry["location"])
                and isinstance(entry.get("title"), str) and isinstance(entry.get("text"), str)):
            raise PluginError(f"briefing: {path} holds an entry render does not write: {str(entry)[:200]}; "
                              "run `python -m generator render`")
        out.append({"location": entry["location"], "title": _escape_tags(entry["title"]),
                    "text": _escape_tags(entry["text"])})
    return out


def _escape_tags(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def compact_search_docs(docs: list[dict]) -> list[dict]:
    """Section entries of the compacted pages folded into their page's entry, in the order given."""
    out: list[dict] = []
    pages: dict[str, dict] = {}
    for doc in docs:
        location = doc.get("location", "")
        page = location.split("#", 1)[0]
        if not page.startswith(SEARCH_COMPACT) or page.endswith("index.html"):
            out.append(doc)
            continue
        text = _SPACE.sub(" ", _TAG.sub(" ", doc.get("text", ""))).strip()
        if page in pages:
            entry = pages[page]
            if text:
                entry["text"] = f"{entry['text']} {doc.get('title', '')}: {text}".strip()
            continue
        entry = dict(doc, location=page, text=text)
        pages[page] = entry
        out.append(entry)
    for entry in pages.values():
        entry["text"] = textsafe.clip(entry["text"], SEARCH_TEXT_CHARS)
    return out
