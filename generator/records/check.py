"""Validation of records: JSON Schema problems, ids, and references between records.

``validate(records) -> list[Problem]``
    Reading problems, JSON Schema problems (`generator/records/schema/*.schema.json`), ids that do not match
    their file name, duplicate ids and former ids, and references to unknown actors, places, incidents
    or articles. Sorted; empty when the records are fine. Every problem carries the line of its key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from generator.errors import Problem
from generator.records import format as fmt
from generator.records.io import (RecordSet, SAFE_ID, item_line, join_path, key_line, to_plain)


class _Date(str):
    """An ISO date that was a real YAML date (a quoted string that looks like one is not)."""


def _to_json(data: Any) -> Any:
    if isinstance(data, Mapping):
        return {str(k): _to_json(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_to_json(v) for v in data]
    if isinstance(data, dt.datetime):
        return data.isoformat()
    if isinstance(data, dt.date):
        return _Date(data.isoformat())
    return to_plain(data)


@lru_cache(maxsize=None)
def _validator(kind: str):
    import json

    from jsonschema import Draft202012Validator, FormatChecker

    from generator.records.schemas import SCHEMA_DIR, schema_name

    schema = json.loads((SCHEMA_DIR / schema_name(kind)).read_text(encoding="utf-8"))
    checker = FormatChecker(formats=())
    checker.checks("date")(lambda instance: not isinstance(instance, str) or isinstance(instance, _Date))
    return Draft202012Validator(schema, format_checker=checker)


_TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
               "number": "a number", "null": "null", "boolean": "true or false"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, _Date):
        return "a date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    return type(value).__name__


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(str(value)) if isinstance(value, str) else repr(value)


def _schema_message(error) -> str:
    v, value = error.validator, error.instance
    if v == "enum":
        return f"{_show(value)} is not allowed; use one of: {', '.join(map(str, error.validator_value))}"
    if v == "type":
        want = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"expected {' or '.join(_TYPE_NAMES.get(t, t) for t in want)}, got {_type_name(value)}"
    if v == "pattern" and error.validator_value in fmt.PATTERN_HINTS:
        return f"{_show(value)} {fmt.PATTERN_HINTS[error.validator_value]}"
    if v == "not" and "pattern" in error.validator_value:  # schemas.RESERVED_IDS
        return f"{_show(value)} is reserved for a generated page; choose another id"
    if v == "format":
        return f"{_show(value)} is not a date; write it as YYYY-MM-DD without quotes, or null"
    if v == "minLength":
        return "must not be empty"
    if v == "oneOf":  # an actors entry: `actor` or `description`, exactly one
        keys = [k for branch in error.validator_value for k in branch.get("required", ())]
        return f"give exactly one of {' or '.join(keys)}, not both and not neither"
    if v == "minimum":
        return f"{value!r} is below the smallest allowed value, {error.validator_value}"
    if v == "maximum":
        return f"{value!r} is above the largest allowed value, {error.validator_value}"
    return error.message


def _path_str(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out = f"{out}[{part}]" if isinstance(part, int) else join_path(out, part)
    return out


def _line_of(doc: Any, parts: list[Any]) -> int:
    """Line of the key (or list item) at `parts` in `doc`; the nearest enclosing one when missing."""
    line = _container_line(doc)
    node = doc
    for part in parts:
        if isinstance(node, Mapping) and part in node:
            line = key_line(node, part) or line
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            line = item_line(node, part) or line
            node = node[part]
        else:
            break
    return line


def _container_line(doc: Any) -> int:
    try:
        return doc.lc.line + 1
    except AttributeError:
        return 1


def schema_problems(rel: str, kind: str, doc: Any) -> list[Problem]:
    out: list[Problem] = []
    for error in _validator(kind).iter_errors(_to_json(doc)):
        parts = list(error.absolute_path)
        if error.validator == "required":
            missing = [p for p in error.validator_value if p not in error.instance]
            for prop in missing:
                out.append(Problem(rel, _line_of(doc, parts), _path_str([*parts, prop]),
                                   "missing required field; add it (null or [] when unknown)"))
        elif error.validator == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            for key in (k for k in error.instance if k not in allowed):
                out.append(Problem(rel, _line_of(doc, [*parts, key]), _path_str([*parts, key]),
                                   f"unknown field; allowed fields are: {', '.join(allowed)}"))
        else:
            out.append(Problem(rel, _line_of(doc, parts), _path_str(parts), _schema_message(error)))
    return sorted(set(out), key=lambda p: (p.line or 0, p.field, p.message))


def _reference_problems(rel: str, doc: Mapping, records: RecordSet, kind: str) -> list[Problem]:
    """Ids pointing to records that do not exist, and sources not among an incident's sources: every
    field the format declares with `refers`, wherever it is in the record."""
    out: list[Problem] = []
    articles = {s.get("article") for s in _items(doc.get("sources")) if isinstance(s, Mapping)}

    def check(parts: list[Any], target_kind: str) -> None:
        value = _get(doc, parts)
        if target_kind == "sources":
            if isinstance(value, str) and value not in articles:
                out.append(Problem(rel, _line_of(doc, parts), _path_str(parts),
                                   f"article {value!r} is not among this incident's sources; "
                                   "add it under sources or correct the article id"))
            return
        if not isinstance(value, str) or not SAFE_ID.match(value):
            return
        if value in getattr(records, target_kind):
            return
        if target_kind in ("actors", "places"):
            from generator.records.kbrecords import known

            if known(target_kind, value):  # taken from the knowledge base (generator/records/kbrecords.py)
                return
        if target_kind == "incidents" and value in _former_ids(records):
            return
        out.append(Problem(rel, _line_of(doc, parts), _path_str(parts),
                           f"unknown {target_kind[:-1]} {value!r}; add records/{target_kind}/{value}.yaml "
                           "or correct the id"))

    def walk(shape: str, parts: list[Any]) -> None:
        node = _get(doc, parts) if parts else doc
        if not isinstance(node, Mapping):
            return
        for f in fmt.FORMAT.shapes[shape].fields:
            if f.refers is None and f.type not in fmt.FORMAT.shapes:
                continue
            paths = [[*parts, f.name, i] for i, _ in enumerate(_items(node.get(f.name)))] if f.list \
                else [[*parts, f.name]]
            for path in paths:
                if f.refers is not None:
                    check(path, f.refers)
                else:
                    walk(f.type, path)

    walk(kind, [])
    return out


def _items(value: Any) -> list:
    return value if isinstance(value, list) else []


def _get(doc: Any, parts: list[Any]) -> Any:
    node = doc
    for part in parts:
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node


def _former_ids(records: RecordSet) -> set[str]:
    return {f for doc in records.incidents.values() for f in _items(doc.get("former_ids")) if isinstance(f, str)}


def identity_problems(records: RecordSet) -> list[Problem]:
    """Ids that differ from their file name, and ids or former ids used twice within a kind."""
    out: list[Problem] = []
    seen: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, id) -> (relpath, "id" | "former id")
    for rel, (kind, doc) in records.files.items():
        stem = rel.rsplit("/", 1)[-1][: -len(".yaml")]
        rid = doc.get("id")
        if isinstance(rid, str) and rid != stem and SAFE_ID.match(rid):
            out.append(Problem(rel, _line_of(doc, ["id"]), "id",
                               f"{rid!r} does not match the file name '{stem}.yaml'; rename the file to "
                               f"'{rid}.yaml' or correct the id (a renamed record keeps its old id in former_ids)"))
        names: list[tuple[list[Any], Any, str]] = [(["id"], rid, "id")]
        names += [(["former_ids", i], f, "former id") for i, f in enumerate(_items(doc.get("former_ids")))]
        for parts, value, role in names:
            if not isinstance(value, str):
                continue
            first = seen.get((kind, value))
            if first is None:
                seen[(kind, value)] = (rel, role)
            elif first[0] == rel:
                out.append(Problem(rel, _line_of(doc, parts), _path_str(parts),
                                   f"{value!r} is listed twice in this record; keep it once"))
            else:
                out.append(Problem(rel, _line_of(doc, parts), _path_str(parts),
                                   f"{value!r} is already the {first[1]} of {first[0]}; "
                                   "ids and former ids must be unique"))
    return out


def validate(records: RecordSet) -> list[Problem]:
    """Every problem in `records`, sorted by file and line; empty when all records are fine."""
    out = list(records.problems)
    out += identity_problems(records)
    for rel, (kind, doc) in records.files.items():
        out += schema_problems(rel, kind, doc)
        out += _reference_problems(rel, doc, records, kind)
    return sorted(set(out), key=lambda p: (p.path, p.line or 0, p.field, p.message))

