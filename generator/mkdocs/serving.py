"""What `--dirty` MkDocs builds need to stay whole: a kept serve folder, the search index, stale pages.

`mkdocs serve --dirty` (what `make serve` runs) rebuilds only the pages whose Markdown is newer than
their HTML, and render (`generator.site.render`) rewrites only the briefs that changed, so a reload after a
record edit touches a handful of pages. Three things MkDocs leaves to us:

- **Start-up.** MkDocs serves from a new temporary folder, so every `serve` starts with a full build
  (about a minute at 10,000 incidents). A dirty serve builds into `.cache/serve-site/` beside
  `mkdocs.yml` instead and serves that folder, so the next `make serve` rebuilds only what changed
  since the last one.
- **Search.** Material's search plugin indexes only the pages a build renders; a dirty build would
  write an index of those few pages. The index of the last build is read before the build and merged:
  entries of pages rendered now replace theirs, entries of pages that are gone are dropped.
- **Removed pages.** A dirty build never deletes; the HTML of generated pages whose Markdown is gone
  is deleted after the build, as a clean build would have left it out.

MkDocs loads the hooks file afresh for every rebuild; this module is imported once per process, so
`SESSION` outlives the rebuilds of one `mkdocs serve`.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

SESSION: dict = {"command": None, "dirty": False}
SERVE_SITE = (".cache", "serve-site")
# Folders whose every page is generated: HTML there without Markdown behind it is a removed page.
GENERATED_FOLDERS = ("incidents", "actors", "places", "periods")


def start(command: str, dirty: bool) -> None:
    SESSION.update(command=command, dirty=bool(dirty))
    if dirty:
        # MkDocs warns on every dirty build that navigation may be inaccurate, and with `strict: true`
        # the warning aborts the build. This site's nav lists only hand-written index pages, and the
        # search index and removed pages are handled here, so the warning is dropped (only it).
        logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def is_dirty() -> bool:
    return bool(SESSION.get("dirty"))


def serve_site_dir(root: Path) -> Path | None:
    """Where a dirty `mkdocs serve` builds and serves from, kept between runs; None otherwise."""
    if SESSION.get("command") != "serve" or not is_dirty():
        return None
    folder = root.joinpath(*SERVE_SITE)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def begin_build(site_dir: Path) -> None:
    """Before a build: remember the search index the last build left (dirty builds merge with it)."""
    SESSION["rendered"] = set()
    SESSION["previous_docs"] = None
    if is_dirty():
        try:
            SESSION["previous_docs"] = json.loads(
                (site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        except (OSError, ValueError, KeyError, TypeError):
            pass


def page_rendered(url: str) -> None:
    SESSION.setdefault("rendered", set()).add(url)


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def merge_search_docs(docs: list[dict], pages: set[str]) -> list[dict]:
    """The search entries of a dirty build made whole: the last index's entries for the pages this
    build did not render (and that still exist), then this build's entries for the pages it did."""
    previous = SESSION.get("previous_docs")
    if not is_dirty() or previous is None:
        return docs
    rendered = SESSION.get("rendered", set())
    kept = [d for d in previous if isinstance(d, dict) and _page(d.get("location", "")) not in rendered
            and _page(d.get("location", "")) in pages]
    return kept + fresh_docs(docs, rendered)


def fresh_docs(docs: list[dict], rendered: set[str]) -> list[dict]:
    """The entries this build made for the pages it `rendered`.

    Under `mkdocs serve --dirty`, Material's plugin outlives a rebuild and merges its own previous
    entries into the index it writes, dropping only those of the first page it rendered: the others'
    stale entries stay, so every edit added duplicates. Its merge is switched off (`reset_material_merge`);
    should it still happen, this build's entries of a page are the ones from its last page-level
    entry (Material writes a page's own entry first, then its sections, and appends new ones last)."""
    start: dict[str, int] = {}
    for n, doc in enumerate(docs):
        location = doc.get("location", "") if isinstance(doc, dict) else ""
        if location in rendered:
            start[location] = n
    return [d for n, d in enumerate(docs) if isinstance(d, dict) and _page(d.get("location", "")) in rendered
            and n >= start.get(_page(d.get("location", "")), 0)]


def reset_material_merge(config) -> None:
    """Stop Material's search plugin from merging its last index into this build's (see `fresh_docs`):
    the merge is done here, from the index file, for every page at once."""
    plugins = getattr(config, "plugins", None) or {}
    for name in ("material/search", "search"):
        plugin = plugins.get(name) if hasattr(plugins, "get") else None
        if plugin is not None and hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None


def prune_removed_pages(site_dir: Path, outputs: set[str]) -> list[str]:
    """After a dirty build: delete the HTML of generated pages that no longer exist (`outputs`: the
    site-relative paths of the HTML files of this build's pages)."""
    if not is_dirty():
        return []
    removed = []
    for folder in GENERATED_FOLDERS:
        for path in sorted((site_dir / folder).rglob("*.html")):
            rel = path.relative_to(site_dir).as_posix()
            if rel not in outputs:
                path.unlink()
                removed.append(rel)
    return removed
