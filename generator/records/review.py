"""The incident records that wait for a person, newest first: `python -m generator review` prints
them and the site's review page (`review.md`, rendered by `generator/site/pages.py`) shows them, both
from `review_items` (one computation, two outputs).

Listed: every incident whose `review` is not `reviewed` (drafts), with the fields extraction marked as
uncertain (`uncertain: [{field, why}]`, part of the record format since the flags issue), and every
reviewed incident whose sources changed since its review (the articles `extract` added to it after
the review, which the generator's memory lists: `reconcile.remember_reviewed`). Records are read
defensively: a record without `uncertain`, or with one that is not a list of `{field, why}`, is still
listed, its odd entries shown as they are. Every value is article-derived and so untrusted: control
characters are replaced before anything reaches the terminal, and the page escapes every value.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.records.io import load_records_fast

MAX_TEXT = 160  # characters of a title or reason shown on one line


def clean(value: Any, limit: int = MAX_TEXT) -> str:
    """One printable line: control and format characters (escape sequences, bidi overrides) become '?'."""
    text = " ".join(str(value).split())
    text = "".join("?" if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Item:
    id: str
    path: str
    date: dt.date | None
    title: str
    uncertain: list[str] = field(default_factory=list)
    sources: int = 0
    newest_source: dt.date | None = None
    new_sources: list[str] = field(default_factory=list)  # reviewed, then these articles were added


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _uncertain(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        return [f"(unreadable uncertain: {clean(value, 60)})"]
    out = []
    for entry in value:
        if isinstance(entry, Mapping) and entry.get("field"):
            why = entry.get("why")
            out.append(clean(entry["field"], 40) + (f" ({clean(why)})" if why else ""))
        elif entry is not None:
            out.append(f"(unreadable entry: {clean(entry, 60)})")
    return out


def review_items(incidents: Mapping, paths: Mapping | None = None,
                 since_review: Mapping | None = None) -> list[Item]:
    """The incidents waiting for a person, newest first (by incident date, then newest source, then
    id): drafts, and reviewed records with articles in `since_review` (`id -> article ids`)."""
    paths, since_review = paths or {}, since_review or {}
    items = []
    for rid, doc in incidents.items():
        if not isinstance(doc, Mapping):
            continue
        new_sources = [clean(a, 80) for a in since_review.get(rid) or ()]
        if doc.get("review") == "reviewed" and not new_sources:
            continue
        sources = [s for s in doc.get("sources") or () if isinstance(s, Mapping)] \
            if isinstance(doc.get("sources"), list) else []
        published = [d for d in (_date(s.get("published")) for s in sources) if d]
        items.append(Item(
            id=str(rid), path=paths.get(("incidents", rid), f"incidents/{rid}.yaml"),
            date=_date(doc.get("date")) or _date(doc.get("date_earliest")), title=clean(doc.get("title") or "(no title)"),
            uncertain=[] if doc.get("review") == "reviewed" else _uncertain(doc.get("uncertain")),
            sources=len(sources), newest_source=max(published, default=None), new_sources=new_sources))
    items.sort(key=lambda i: (i.date or dt.date.min, i.newest_source or dt.date.min, i.id), reverse=True)
    return items


def sources_since_review(records_dir: Path, incidents: Mapping) -> dict[str, list[str]]:
    """`id -> article ids` added to each reviewed incident after its review, from the generator's memory
    (`records/.generated/incidents/<id or former id>.yaml`, key `sources_since_review`)."""
    from generator.cache import signature
    from generator.records.io import MEMORY_DIR, SAFE_ID, load_plain
    from generator.records.threeway import SINCE_REVIEW

    out: dict[str, list[str]] = {}
    for rid, doc in sorted(incidents.items()):
        if not isinstance(doc, Mapping) or doc.get("review") != "reviewed":
            continue
        former = doc.get("former_ids") if isinstance(doc.get("former_ids"), list) else []
        for name in [rid, *reversed([f for f in former if isinstance(f, str)])]:
            if not SAFE_ID.match(str(name)):
                continue
            path = Path(records_dir) / MEMORY_DIR / "incidents" / f"{name}.yaml"
            stamp = signature(path)
            if stamp is None:
                continue
            known = _SINCE_MEMO.get(path)
            if known is None or known[0] != stamp:
                memory = load_plain(path)
                new = memory.get(SINCE_REVIEW) if isinstance(memory, Mapping) else None
                known = _SINCE_MEMO[path] = (stamp, isinstance(memory, Mapping),
                                             [str(a) for a in new] if isinstance(new, list) else [])
            if known[1]:
                if known[2]:
                    out[str(rid)] = known[2]
                break
    return out


# Memory files read for the list, by path: (size, mtime) -> (readable, articles). `mkdocs serve` renders
# on every edit, and reading thousands of reviewed records' memory each time would cost seconds.
_SINCE_MEMO: dict[Path, tuple[tuple[int, int], bool, list[str]]] = {}


def drafts(records_dir: Path) -> tuple[list[Item], list[str]]:
    """(incidents waiting for review, newest first; problems met reading the records)."""
    records = load_records_fast(records_dir)
    items = review_items(records.incidents, records.paths, sources_since_review(records_dir, records.incidents))
    return items, [str(p) for p in records.problems]


def format_items(items: list[Item], records_label: str = "records") -> list[str]:
    lines = []
    for item in items:
        when = item.date.isoformat() if item.date else "undated   "
        lines.append(f"{when}  {clean(item.id, 120)}  {item.title}")
        lines.append(f"            {records_label}/{clean(item.path, 200)}; {item.sources} "
                     f"source{'s' if item.sources != 1 else ''}")
        if item.uncertain:
            lines.append("            uncertain: " + "; ".join(item.uncertain))
        if item.new_sources:
            lines.append("            reviewed; sources added since: " + ", ".join(item.new_sources))
    return lines
