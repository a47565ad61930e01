"""An incident's title and summary follow its fields, unless a person wrote them.

Extraction drafts both from the fields (`describe` below, the one composer). When a person fixes a
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

from generator.records.casualties import phrase
from generator.records.vocabulary import TITLE_LABELS

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
    """`describe` of a record as people leave it, or None when a field it reads is not in the
    shape extraction writes (a person's odd edit: the text then stays as it is)."""
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
    from generator.records import format as fmt
    from generator.records.dump import to_commented
    from generator.records.threeway import merge_list

    child = fmt.FORMAT.child.get(("incidents", "uncertain"))
    if isinstance(doc.get("uncertain"), list):
        merge_list(doc["uncertain"], None, flags, child, "uncertain", add_only=True)
    else:
        doc["uncertain"] = to_commented(flags, child, "uncertain")


def recompose(records_dir, doc: Any, memory: dict | None, kb=None) -> bool:
    """After an edit command (`generator/records/edits.py`: merge, split) changed the fields of the round-trip
    record `doc`: compose its title and summary again where they are the generator's own text (equal
    to `memory`'s, the plain memory, updated alike so the next `extract` sees them as its own); a
    person's text stays. True when anything changed."""
    if not isinstance(memory, dict) or doc.get("review") == "reviewed":
        return False
    if kb is None:
        from generator.records.kb import load_kb

        kb = load_kb(records_dir)
    from generator.records.io import to_plain

    composed = compose(to_plain(doc), kb)
    if composed is None:
        return False
    changed = False
    for key, text in zip(TEXT_FIELDS, composed):
        if key in doc and doc.get(key) == memory.get(key) and text != doc.get(key):
            doc[key] = memory[key] = text
            changed = True
    return changed


def describe(record: dict, kb) -> tuple[str, str]:
    """A title and a one-to-three-sentence summary, bottom line first, made from the fields."""
    loc = record["location"]
    label = TITLE_LABELS.get(record["event_type"], "Attack")
    where = loc["name"] or "an unnamed place"
    prep = "on" if loc["precision"] in ("site",) else "in"
    title = f"{label} {prep} {where}"
    k, w = record["casualties"]["killed"], record["casualties"]["wounded"]
    outcome = []
    if k and k["low"]:
        outcome.append(phrase(k, "killed"))
    if w and w["low"]:
        outcome.append(phrase(w, "wounded"))
    if outcome:
        title += ": " + ", ".join(outcome)
    when = record["date"].isoformat() if record["date"] else "an unknown date"
    country = kb.countries.get(loc["country"] or "")
    place = where + (f", {loc['admin1']}" if loc.get("admin1") and loc["admin1"] not in where else "") + \
        (f", {country.name}" if country and country.name not in where else "")
    summary = f"{label} {prep} {place} on {when}" + (f" ({record['date_precision']} precision)"
                                                     if record["date_precision"] not in ("day",) else "") + "."
    if outcome:
        summary += " " + "; ".join(outcome).capitalize() + "."
    elif k is not None or w is not None:
        summary += " No casualties reported."
    names = [kb.actors[a["actor"]].name for a in record["actors"] if a["role"] == "claimed" and a.get("actor") in kb.actors]
    unnamed = [c["description"] for c in record["claims"] if not c["actor"] and c["description"]]
    if names:
        summary += f" Claimed by {', '.join(names)}."
    elif unnamed:
        summary += f" Claimed by {unnamed[0]} (not named)."
    else:
        accused = [kb.actors[a["actor"]].name for a in record["actors"] if a["role"] == "accused" and a.get("actor") in kb.actors]
        perps = [kb.actors[a["actor"]].name for a in record["actors"] if a["role"] == "perpetrator" and a.get("actor") in kb.actors]
        unnamed = [a["description"] for a in record["actors"] if a["role"] == "perpetrator" and a.get("description")]
        if perps:
            summary += f" Carried out by {', '.join(perps)}."
        elif accused:
            summary += f" Blamed on {', '.join(accused)}."
        elif unnamed:
            summary += f" Carried out by {unnamed[0]} (not named)."
    n = len(record["sources"])
    summary += f" {n} source{'s' if n != 1 else ''}."
    return title, summary
