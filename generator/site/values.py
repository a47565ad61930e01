"""How a record's values read on a page: dates, ranges and figures, country names, page names and tag
anchors. Plain functions of one value or one record, shared by the views, the downloads, the charts and
the period briefs."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib

from generator.records.io import SAFE_ID, slugify


def page_slug(record_id: object) -> str:
    """A file name for a record id: the id itself when it is safe, else a slug plus a short hash.

    Ids come from YAML that people edit; an id such as `../../x` must not choose where a page lands.
    A safe id is one of the record format (`SAFE_ID`, which `check` requires of every id).
    """
    rid = str(record_id)
    if SAFE_ID.match(rid):
        return rid
    slug = slugify(rid, fallback="record")[:60]
    return f"{slug}-{hashlib.sha256(rid.encode('utf-8')).hexdigest()[:8]}"


def tag_anchor(name: str) -> str:
    """The id of a tag's section on the tags page: `tag-` and a slug (ids a person cannot choose)."""
    return f"tag-{slugify(name, fallback='') or hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


@functools.lru_cache(maxsize=None)


def country_name(code: object) -> str:
    """English name of an ISO 3166-1 alpha-2 code (Babel ships with MkDocs Material), else the code."""
    if not code:
        return ""
    code = str(code).upper()
    try:
        from babel import Locale

        return Locale("en").territories.get(code, code)
    except ImportError:  # pragma: no cover - babel is a dependency of mkdocs-material
        return code


def as_list(value: object) -> list:
    return value if isinstance(value, list) else []


def as_dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def incident_date(inc: dict) -> dt.date | None:
    """The day an incident sorts and charts by: its date, else the start of its window."""
    return as_date(inc.get("date")) or as_date(inc.get("date_earliest"))


def sort_key_newest(inc: dict) -> tuple:
    day = incident_date(inc)
    # Undated incidents go last; ties break on id so the order never depends on load order.
    return (0 if day else 1, -(day.toordinal() if day else 0), str(inc.get("id")))


def date_text(inc: dict) -> str:
    """The date as a reader should take it: the day when known, else the window the sources allow."""
    day, early, late = (as_date(inc.get(k)) for k in ("date", "date_earliest", "date_latest"))
    precision = inc.get("date_precision") or "unknown"
    if day and precision == "day":
        return day.isoformat()
    if early and late and early != late:
        return f"{early.isoformat()} – {late.isoformat()}"
    if day:
        return f"{day.isoformat()} ({precision})"
    if early:
        return f"no earlier than {early.isoformat()}" if not late else early.isoformat()
    if late:
        return f"no later than {late.isoformat()}"
    return "undated"

UNCERTAIN_LABELS = {"event_type": "event type"}


def uncertain_items(inc: dict) -> list[tuple[str, str]]:
    """The draft's `(field, why)` flags in record order; none once reviewed (a reviewed record's flags
    are stale: a person has checked every field)."""
    if str(inc.get("review") or "draft") == "reviewed":
        return []
    out = []
    for item in as_list(inc.get("uncertain")):
        item = as_dict(item)
        field = str(item.get("field") or "").strip()
        if field:
            out.append((field, str(item.get("why") or "")))
    return out


def uncertain_view(inc: dict) -> list[dict]:
    """The fields the draft is unsure of, `{label, why}` in record order; none once reviewed."""
    return [{"label": UNCERTAIN_LABELS.get(field, field.replace("_", " ")), "why": why}
            for field, why in uncertain_items(inc)]


def range_text(value: object) -> str:
    """A casualty figure as text: `null` is not stated, `0` is none, a range shows its bounds."""
    if value is None:
        return "not stated"
    if isinstance(value, bool):
        return "not stated"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        low, high, words = value.get("low"), value.get("high"), value.get("text")
        if low is None and high is None:
            base = "not stated"
        elif high is None:
            base = f"at least {low}"
        elif low is None or low == high:
            base = f"{high}" if low is None else f"{low}"
        else:
            base = f"{low}–{high}"
        return f"{base} (“{words}”)" if words else base
    return str(value)


def figure(value: object) -> dict:
    """A casualty figure for a table cell: the number alone (`3`, `≥3`, `2–5`, `–` when not stated),
    its bounds for sorting and filtering (`""` when open or unknown), and the full text with the
    sources' words for the cell's title."""
    low = high = None
    if isinstance(value, int) and not isinstance(value, bool):
        low = high = value
    elif isinstance(value, dict):
        low, high = (v if isinstance(v, int) and not isinstance(v, bool) else None
                     for v in (value.get("low"), value.get("high")))
        low = high if low is None else low
    if low is None:
        cell = "–"
    elif high is None:
        cell = f"≥{low}"
    else:
        cell = str(low) if low == high else f"{low}–{high}"
    title = range_text(value)
    return {"cell": cell, "low": "" if low is None else str(low), "high": "" if high is None else str(high),
            "title": title, "words": title not in (cell, "not stated")}


def range_low(value: object) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, dict) and isinstance(value.get("low"), int):
        return value["low"]
    return 0
