"""An incident's title and summary follow its fields, unless a person wrote them.

Extraction drafts both from the fields (`cluster.describe`, the one composer). When a person fixes a
field (removes the perpetrator, corrects the toll), `extract` composes them again from the record as
merged, so the bottom line never contradicts the key facts. Which text is the generator's own is what
the three-way merge already knows: the memory (`records/.generated/`) holds the text the generator
last wrote, and a record whose title or summary differs from it holds a person's text.

A person's text is kept. When the fields it describes change afterwards (the text the generator would
write now differs from the one it last wrote), the record gains an `uncertain` entry for that field
saying so and quoting the generator's new text: the flag shows on the draft banner, on the review page
and in `python -m generator review`, and it stays until the person deletes it (the memory never holds
it, so the merge treats it as the person's) or marks the record reviewed.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import Any

TEXT_FIELDS = ("title", "summary")
WHY = "written by a person, but the fields it describes changed since; the generator would now write: "
MAX_QUOTE = 300


def _date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value


def compose(record: Mapping, kb) -> tuple[str, str] | None:
    """`cluster.describe` of a record as people leave it, or None when a field it reads is not in the
    shape extraction writes (a person's odd edit: the text then stays as it is)."""
    from generator.cluster import describe

    plain = copy.deepcopy(dict(record))
    plain["date"] = _date(plain.get("date"))
    try:
        title, summary = describe(plain, kb)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):
        return None
    return title, summary


def follow_fields(record: Mapping, merged: Mapping, base: Mapping | None, draft: dict, kb) -> list[dict]:
    """Make `draft`'s title and summary those composed from `merged` (the record with `draft` merged
    in), so the merge gives them to the record wherever the generator wrote them; returns the
    `uncertain` entries to add for a person's text whose fields changed (see the module doc).

    `record` is the record before the merge and `base` its memory; a record without memory (written
    by hand) or reviewed is left alone."""
    if not isinstance(base, Mapping) or record.get("review") == "reviewed":
        return []
    composed = compose(merged, kb)
    if composed is None:
        return []
    if composed == compose(draft, kb):  # the fields read as the draft's: its own text describes them
        composed = (draft.get("title"), draft.get("summary"))
    flagged = {str(u.get("field")) for u in record.get("uncertain") or () if isinstance(u, Mapping)}
    flags = []
    for key, text in zip(TEXT_FIELDS, composed):
        draft[key] = text
        theirs, ours = record.get(key), base.get(key)
        if isinstance(text, str) and theirs != ours and theirs not in (None, "") and text != ours and text != theirs and key not in flagged:
            quote = text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"
            flags.append({"field": key, "why": WHY + quote})
    return flags


def add_flags(doc: Any, flags: list[dict]) -> None:
    """Add `follow_fields`' entries to the round-trip incident record `doc`'s `uncertain` list."""
    from generator.reconcile import merge_list
    from generator.records import CHILD, to_commented

    child = CHILD.get(("incidents", "uncertain"))
    if isinstance(doc.get("uncertain"), list):
        merge_list(doc["uncertain"], None, flags, child, "uncertain", add_only=True)
    else:
        doc["uncertain"] = to_commented(flags, child, "uncertain")


def recompose(records_dir, doc: Any, memory: dict | None, kb=None) -> bool:
    """After an edit command (`generator/edits.py`: merge, split) changed the fields of the round-trip
    record `doc`: compose its title and summary again where they are the generator's own text (equal
    to `memory`'s, the plain memory, updated alike so the next `extract` sees them as its own); a
    person's text stays. True when anything changed."""
    if not isinstance(memory, dict) or doc.get("review") == "reviewed":
        return False
    if kb is None:
        from generator.kb import load_kb

        kb = load_kb(records_dir)
    from generator.records import to_plain

    composed = compose(to_plain(doc), kb)
    if composed is None:
        return False
    changed = False
    for key, text in zip(TEXT_FIELDS, composed):
        if key in doc and doc.get(key) == memory.get(key) and text != doc.get(key):
            doc[key] = memory[key] = text
            changed = True
    return changed
