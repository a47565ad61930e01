"""A record's casualty figures: `{low, high, text}` ranges (high null: open-ended, "at least 12").

Extraction (generator/extract/casualties.py) reads figures from text; this module holds what records
themselves say about them, shared by extraction's drafts and the edit commands, and how a figure reads
in words (`phrase`), the one wording that titles, summaries, flags and every page of the site use.
"""

from __future__ import annotations


def span_reports(reports: list[dict | None]) -> dict | None:
    """Several sources' figures -> the range that spans them: a record's `casualties` from its
    `casualty_reports` (drafted by extraction, re-spanned by the `merge` and `split` edits)."""
    stated = [r for r in reports if r is not None]
    if not stated:
        return None
    low = min(r["low"] for r in stated)
    if low == 0 and any(r["low"] > 0 for r in stated):
        low = min(r["low"] for r in stated if r["low"] > 0)
    highs = [r["high"] for r in stated]
    high = None if any(h is None for h in highs) else max(highs)
    if high is not None and high < low:
        high = low
    # The words of the reports that set the bounds; each source's own words stay in casualty_reports.
    bounds = [min((r for r in stated if r["low"] == low), key=lambda r: (r.get("text") or "").lower())]
    if high is not None and high != low:
        bounds.append(min((r for r in stated if r["high"] == high), key=lambda r: (r.get("text") or "").lower()))
    texts = []
    for r in bounds:
        t = r.get("text") or ""
        if t and t.lower() not in (x.lower() for x in texts):
            texts.append(t)
    return {"low": low, "high": high, "text": "; ".join(texts) if texts else None}


def bounds(value: object) -> tuple[int, int | None] | None:
    """A casualty figure as (low, high), high None when open-ended; None when not stated. Takes a record's
    `{low, high, text}`, a bare count or a (low, high) pair; null, a boolean, a negative or malformed value
    is not stated. A range given only its top is that top, a top under the bottom is the bottom."""
    if isinstance(value, tuple) and len(value) == 2:
        low, high = value
    elif isinstance(value, dict):
        low, high = value.get("low"), value.get("high")
    else:
        low = high = value
    low, high = (v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None for v in (low, high))
    if low is None:
        return None if high is None else (high, high)
    return low, None if high is None else max(low, high)


def phrase(value: object, verb: str = "", people: bool = False) -> str:
    """A casualty figure in words, the same on every page: the figure alone (`3`, `at least 3`, `3–5`,
    `up to 5`, `none`, `an unknown number`, `not stated`), or, given a participle, what happened to how
    many (`3 killed`, `no one wounded`, `killed not stated`); `people` names them (`1 person killed`,
    `at least 2 people killed`). `at least 0` says nothing known, so it reads as an unknown number."""
    figure = bounds(value)
    if figure is None:
        return f"{verb} not stated" if verb else "not stated"
    low, high = figure
    if high == 0:
        return f"no one {verb}" if verb else "none"
    if high is None:
        amount = f"at least {low}" if low else "an unknown number"
    elif low == high:
        amount = str(low)
    else:
        amount = f"{low}–{high}" if low else f"up to {high}"
    if not verb:
        return amount
    if people:
        amount += " of people" if high is None and not low else " person" if (high or low) == 1 else " people"
    return f"{amount} {verb}"
