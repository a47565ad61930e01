"""`python -m generator review`: the incident records that wait for a person, newest first.

Lists every incident whose `review` is not `reviewed` (drafts), with the fields extraction marked as
uncertain (`uncertain: [{field, why}]`, part of the record format since the flags issue). Records are
read defensively: a record without `uncertain`, or with one that is not a list of `{field, why}`, is
still listed, its odd entries shown as they are. Every value is article-derived and so untrusted:
control characters are replaced before anything reaches the terminal.
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


def drafts(records_dir: Path) -> tuple[list[Item], list[str]]:
    """(incidents waiting for review, newest first; problems met reading the records)."""
    records = load_records_fast(records_dir)
    items = []
    for rid, doc in records.incidents.items():
        if not isinstance(doc, Mapping) or doc.get("review") == "reviewed":
            continue
        sources = [s for s in doc.get("sources") or () if isinstance(s, Mapping)] \
            if isinstance(doc.get("sources"), list) else []
        published = [d for d in (_date(s.get("published")) for s in sources) if d]
        items.append(Item(
            id=str(rid), path=records.paths.get(("incidents", rid), f"incidents/{rid}.yaml"),
            date=_date(doc.get("date")), title=clean(doc.get("title") or "(no title)"),
            uncertain=_uncertain(doc.get("uncertain")), sources=len(sources),
            newest_source=max(published, default=None)))
    items.sort(key=lambda i: (i.date or dt.date.min, i.newest_source or dt.date.min, i.id), reverse=True)
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
    return lines
