"""The three-way merge of one record: a new draft into the record a person may have edited, with the
generator's memory of its last draft as the common base (the rules are in `generator.records.merge`'s
docstring).

``normalise(kind, draft) -> dict``
    A draft as plain data with every key of its kind in order, each missing one at its declared default.
``merge_record(kind, doc, base, new) -> bool``
    Merge the draft `new` into the round-trip record `doc` in place (comments and key order stay).
``remember(before, after, base, new, context)`` / ``remember_reviewed(before, base, new)``
    The memory to keep after a merge.
``merge_list(cur, base, new, context, key, add_only=False)``
    One list merged item by item; items are identified as the format declares (`Shape.identity`).

Key order, nesting, defaults, date keys, figures merged whole and item identities all come from
`generator.records.format`. The merge works in place on ruamel's round-trip (commented) record, so
people's comments and key order survive; only `merge` and `edits` hand such records in.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from generator.records import format as fmt
from generator.records.dump import to_commented
from generator.records.io import to_plain

_MISSING = object()


# ------------------------------------------------------------------------------------------- drafts


def _coerce_dates(value: Any, key: str | None = None) -> Any:
    if isinstance(value, Mapping):
        return {k: _coerce_dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_coerce_dates(v, key) for v in value]
    if key in fmt.FORMAT.date_keys and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def normalise(kind: str, draft: Mapping) -> dict:
    """A draft as plain data with every key of its kind, in order (unknown keys kept after them); a
    missing key takes its declared default (`format.Field.initial`)."""
    plain = _coerce_dates(to_plain(draft))
    out = {f.name: plain[f.name] if f.name in plain else f.initial() for f in fmt.FORMAT.shapes[kind].fields}
    out.update((k, v) for k, v in plain.items() if k not in out)
    return _unique_items(kind, out)


def _unique_items(context: str, data: Any) -> Any:
    """Drop list items whose merge key repeats an earlier item's: the merge matches items by key, so a
    draft listing one key twice would be remembered differently from how it merges, run after run."""
    if not isinstance(data, dict):
        return data
    for key, value in data.items():
        child = fmt.FORMAT.child.get((context, key))
        if isinstance(value, list) and child:
            seen, kept = set(), []
            for item in value:
                k = item_key(child, item)
                if k not in seen:
                    seen.add(k)
                    kept.append(_unique_items(child, item))
            data[key] = kept
        elif isinstance(value, dict) and child:
            data[key] = _unique_items(child, value)
    return data


# -------------------------------------------------------------------------------------------- merge


def norm_text(value: Any) -> str:
    """Text with runs of white space collapsed."""
    return " ".join(str(value or "").split())


SINCE_REVIEW = "sources_since_review"  # memory only: articles a reviewed incident gained since its review


def freeze(value: Any) -> str:
    """A value as canonical JSON text: equal plain data, equal text."""
    return json.dumps(to_plain(value), sort_keys=True, default=str, ensure_ascii=False)


def item_key(context: str | None, item: Any) -> Any:
    """What identifies a list item of shape `context` when lists are merged: the keys its shape
    declares (`format.Shape.identity`; `loose` text with white space collapsed), else the whole item."""
    identity = fmt.FORMAT.identity.get(context or "")
    if identity is None or not isinstance(item, Mapping):
        return freeze(item)
    n = next((i for i, alt in enumerate(identity) if item.get(alt[0][0]) is not None), len(identity) - 1)
    values = [norm_text(item.get(k)) if loose else item.get(k) for k, loose in identity[n]]
    if n:  # a later alternative: tagged with its leading key, so it never equals a first one's
        values.insert(0, identity[n][0][0])
    return freeze(values[0] if len(values) == 1 else tuple(values))


def insert_key(cur: Any, key: str, value: Any, context: str) -> None:
    """Put a new key into the mapping `cur` of shape `context` where the format orders it, after the
    keys that precede it (a key the format does not know goes last)."""
    order = fmt.FORMAT.keys.get(context, ())
    if key not in order:
        cur[key] = value
        return
    rank = order.index(key)
    pos = 0
    for i, existing in enumerate(cur):
        if existing in order and order.index(existing) < rank:
            pos = i + 1
    if hasattr(cur, "insert"):
        cur.insert(pos, key, value)
        return
    items = list(cur.items())  # a plain dict (the trial merge of `_merge_lazily`)
    items.insert(pos, (key, value))
    cur.clear()
    cur.update(items)


def _same(a: Any, b: Any) -> bool:
    return to_plain(a) == to_plain(b)


def merge_mapping(cur: Any, base: Mapping | None, new: Mapping, context: str, *, top: bool = False) -> None:
    """Merge `new` into the round-trip mapping `cur` in place, with `base` as the common ancestor."""
    for key in new:
        if top and key in ("id", "former_ids"):
            continue
        n = new[key]
        b = base.get(key, _MISSING) if isinstance(base, Mapping) else _MISSING
        child = fmt.FORMAT.child.get((context, key))
        if key not in cur:
            if b is _MISSING:  # a field never drafted before: add it; one a person removed stays removed
                insert_key(cur, key, to_commented(n, child, key), context)
            continue
        if top and key == "review":
            continue
        c = cur[key]
        if isinstance(c, list) and isinstance(n, list):
            merge_list(cur[key], b if isinstance(b, list) else None, n, child, key)
        elif isinstance(c, Mapping) and isinstance(n, Mapping) and key not in fmt.FORMAT.atomic_keys:
            merge_mapping(c, b if isinstance(b, Mapping) else None, n, child or "")
        elif b is not _MISSING and _same(c, b) and not _same(c, n):
            cur[key] = to_commented(n, child, key)


def merge_list(cur: Any, base: list | None, new: list, context: str | None, key: str,
               *, add_only: bool = False) -> None:
    """Merge the list `new` into the round-trip list `cur` in place, item by item (see module doc)."""
    current = {}
    for item in cur:
        current.setdefault(item_key(context, item), item)
    based = {}
    for item in base or ():
        based.setdefault(item_key(context, item), item)
    produced = set()
    for item in new:
        k = item_key(context, item)
        if k in produced:
            continue
        produced.add(k)
        if k in current:
            if not add_only and isinstance(current[k], Mapping) and isinstance(item, Mapping):
                merge_mapping(current[k], based.get(k), item, context or "")
        elif k not in based:
            if isinstance(item, Mapping) and hasattr(cur, "fa"):
                cur.fa.set_block_style()
            cur.append(to_commented(item, context, key))
            current[k] = cur[-1]
    if add_only or base is None:
        return
    for i in reversed(range(len(cur))):
        k = item_key(context, cur[i])
        if k not in produced and k in based and _same(cur[i], based[k]):
            del cur[i]


def remember(before: Any, after: Any, base: Any, new: Any, context: str | None) -> Any:
    """The memory to keep after merging `new` into a record: what the generator's side now is.

    `before` and `after` are the record (plain) before and after the merge. In each list the memory
    holds the new draft's items, plus the old memory's items that the person deleted (so they are
    never added again) and those still in the record (so that deleting or editing them later is
    seen as the person's doing); it drops only the items the merge removed.
    """
    if not isinstance(new, Mapping):
        return new
    out = {}
    for key, n in new.items():
        b0, b1, old = (x.get(key, _MISSING) if isinstance(x, Mapping) else _MISSING for x in (before, after, base))
        child = fmt.FORMAT.child.get((context or "", key))
        if isinstance(n, list):
            out[key] = _remember_list(*(x if isinstance(x, list) else None for x in (b0, b1, old)), n, child)
        elif isinstance(n, Mapping) and key not in fmt.FORMAT.atomic_keys:
            out[key] = remember(b0, b1, old, n, child)
        else:
            out[key] = n
    return out


def keyed(context: str | None, items: list | None) -> dict:
    """`item_key -> item` of a list, the first item of each key."""
    out: dict = {}
    for item in items or ():
        out.setdefault(item_key(context, item), item)
    return out


def _remember_list(before: list | None, after: list | None, base: list | None, new: list,
                   context: str | None) -> list:
    was, now, old = keyed(context, before), keyed(context, after), keyed(context, base)
    out, produced = [], set()
    for item in new:
        k = item_key(context, item)
        if k in produced:
            continue
        produced.add(k)
        out.append(remember(was.get(k), now.get(k), old.get(k), item, context))
    if before is not None:
        out += [item for k, item in old.items() if k not in produced and (k not in was or k in now)]
    return out


def remember_reviewed(before: Mapping, base: Mapping | None, new: Mapping) -> dict:
    """The memory after merging into a reviewed record: the old memory plus the sources it gained.

    A reviewed record takes nothing else from the draft, so the memory does not move on either: once
    the record is set back to draft, what the generator changed meanwhile flows in as usual.
    """
    if not isinstance(base, Mapping):
        return dict(new)
    out = copy.deepcopy(dict(base))
    sources = out.get("sources") if isinstance(out.get("sources"), list) else []
    known = set(keyed("source", sources)) | set(keyed("source", before.get("sources") or []))
    gained = [s for k, s in keyed("source", new.get("sources") or []).items() if k not in known]
    out["sources"] = sources + gained
    # What the review list (records/review.py) shows as "sources added since the review"; a run that
    # finds the record a draft again forgets it (`remember` keeps only the draft's keys).
    since = list(out.get(SINCE_REVIEW) or []) + [s.get("article") for s in gained if isinstance(s, Mapping)]
    if since:
        out[SINCE_REVIEW] = since
    if "uncertain" in out:
        out["uncertain"] = []  # cleared by the review, not by a person: set back to draft, the flags return
    out["id"] = new.get("id")
    return out


def merge_record(kind: str, doc: Any, base: Mapping | None, new: Mapping) -> bool:
    """Merge the draft `new` into the record `doc` in place; True when the record changed."""
    before = to_plain(doc)
    if doc.get("review") == "reviewed":
        if kind == "incidents" and isinstance(doc.get("sources"), list) and isinstance(new.get("sources"), list):
            old = base.get("sources") if isinstance(base, Mapping) else None
            merge_list(doc["sources"], old if isinstance(old, list) else None, new["sources"], "source",
                       "sources", add_only=True)
        if kind == "incidents" and doc.get("uncertain"):
            doc["uncertain"] = to_commented([], fmt.FORMAT.child.get((kind, "uncertain")), "uncertain")  # reviewed: settled
    else:
        merge_mapping(doc, base, new, kind, top=True)
    return to_plain(doc) != before


