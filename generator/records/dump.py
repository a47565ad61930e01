"""Writing record YAML: deterministic text for a record, in the order and style `format.py` declares.

``dump_record(kind, data) -> str``
    Deterministic YAML for one record (plain or round-trip data): keys in the declared order (keys the
    format does not know after them, sorted), short mappings (`Shape.flow`) and lists of scalars on
    one line, country codes always quoted, dates as ISO dates, unicode kept, no anchors, no folding.
``dump_document(data) -> str``
    YAML for a round-trip mapping as it stands (comments and key order kept).
``to_commented(value, context, key)``
    Plain data as round-trip data ready to dump or to merge into a record people edited.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.records import format as fmt
from generator.records.io import round_trip_yaml, to_plain


def _ordered_keys(context: str | None, keys: Iterable[Any]) -> list[Any]:
    order = fmt.FORMAT.keys.get(context or "", ())
    known = [k for k in order if k in keys]
    return known + sorted((k for k in keys if k not in order), key=str)


def to_commented(value: Any, context: str | None = None, key: str | None = None) -> Any:
    """Plain data as round-trip data ready to dump: keys in record order, flow style where short.

    `context` is the shape (`format.Shape.name`) of `value`, or of the items of a list `value`;
    `key` is the key `value` is under."""
    form = fmt.FORMAT
    if isinstance(value, Mapping):
        out = CommentedMap()
        for k in _ordered_keys(context, list(value)):
            out[k] = to_commented(value[k], form.child.get((context or "", k)), k)
        if context in form.flow:
            out.fa.set_flow_style()
        return out
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(to_commented(v, context, key) for v in value)
        if all(not isinstance(v, (Mapping, list, tuple)) for v in value):
            seq.fa.set_flow_style()
        return seq
    if key in form.quoted_keys and isinstance(value, str):
        return DoubleQuotedScalarString(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    return value


def dump_document(data: Any) -> str:
    """YAML text of round-trip data as it stands (comments, order and quoting kept)."""
    buf = io.StringIO()
    round_trip_yaml().dump(data, buf)
    return buf.getvalue()


def dump_record(kind: str, data: Mapping) -> str:
    """Deterministic YAML for one record of `kind` (`incidents`, `actors`, `places`), from plain data."""
    if kind not in fmt.FORMAT.kinds:
        raise ValueError(f"unknown record kind {kind!r}; use one of: {', '.join(fmt.FORMAT.kinds)}")
    return dump_document(to_commented(to_plain(data), kind))
