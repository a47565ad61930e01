"""How a record's values read on a page: dates, ranges and figures, country names, page names and tag
anchors. Plain functions of one value or one record, shared by the views, the downloads, the charts and
the period briefs."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib

from generator.records.casualties import bounds, phrase
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
    """A casualty figure as text (`records.casualties.phrase`: `not stated`, `none`, `3`, `at least 3`,
    `3–5`, `up to 5`), with the sources' words after it when the record keeps them."""
    words = value.get("text") if isinstance(value, dict) else None
    return f"{phrase(value)} (“{words}”)" if words else phrase(value)


def toll_text(casualties: object) -> str:
    """An incident's killed and wounded in one phrase: `3 killed, wounded not stated`, `no one killed,
    2 wounded`, `no one killed or wounded`, `toll not stated`."""
    killed, wounded = (as_dict(casualties).get(k) for k in ("killed", "wounded"))
    if bounds(killed) is None and bounds(wounded) is None:
        return "toll not stated"
    if bounds(killed) == bounds(wounded) == (0, 0):
        return "no one killed or wounded"
    return f"{phrase(killed, 'killed')}, {phrase(wounded, 'wounded')}"


def figure(value: object) -> dict:
    """A casualty figure for a table cell: the number alone (`3`, `≥3`, `2–5`, `–` when not stated),
    its bounds for sorting and filtering (`""` when open or unknown), and the full text with the
    sources' words for the cell's title."""
    low, high = bounds(value) or (None, None)
    if low is None:
        cell = "–"
    elif high is None:
        cell = f"≥{low}"
    else:
        cell = str(low) if low == high else f"{low}–{high}"
    title = range_text(value)
    return {"cell": cell, "low": "" if low is None else str(low), "high": "" if high is None else str(high),
            "title": title, "words": title not in (cell, "not stated", "none")}


def range_low(value: object) -> int:
    """The lower figure of a casualty value (`records.casualties.bounds`), 0 when not stated: what totals
    and ACLED's `fatalities` count."""
    figure = bounds(value)
    return figure[0] if figure else 0
