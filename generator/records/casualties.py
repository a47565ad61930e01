"""A record's casualty figures: `{low, high, text}` ranges (high null: open-ended, "at least 84").

Extraction (generator/extract/casualties.py) reads figures from text; this module holds what records
themselves say about them, shared by extraction's drafts and the edit commands.
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
