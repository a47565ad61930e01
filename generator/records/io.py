"""Reading record YAML: `records/incidents`, `actors`, `places` (writing it is `generator.records.dump`).

Records are read with ruamel.yaml's round-trip loader, so a record that is changed and written back
keeps its comments, key order and quoting. Loading is safe: no YAML tag builds an object (a
`!!python/...` tag is reported as a problem, never run), and an alias to a list or mapping or nesting
deeper than `MAX_DEPTH` is refused before anything expands it (an alias bomb). Every problem is a
`Problem`, printed as `file:line: field: message`, with the line of the offending key.

API
---
``load_records(records_dir) -> RecordSet``
    Every record under `records_dir/{incidents,actors,places}/*.yaml`, as round-trip mappings (dict
    subclasses), plus the problems met reading them.
``load_records_fast(records_dir) -> RecordSet``
    The same records as plain data (`to_plain` of what `load_records` gives), read with PyYAML's C
    loader under YAML 1.2 rules, for render, which only reads: ~10x faster. No line numbers, no
    `files`/`texts`; a file the fast path cannot vouch for is read with the round-trip loader.
``round_trip_yaml() -> YAML``
    The loader (and dumper) of records: round trip, no object-building tags, no alias to a list or
    mapping, no anchors written, never a folded line.
``new_incident_id(draft, taken) -> str``
    `<date or 'undated'>-<place slug>-<event type>`, with `-2`, `-3`... when taken.
``slugify(text, fallback) -> str``
    A safe id (`^[a-z0-9][a-z0-9-]*$`) from any text.
``to_plain(data)``
    Round-trip data as plain dicts, lists, str, int, float, bool, date and None.

Reconciliation of new drafts with the records people edited is `generator.records.merge`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import Composer, ComposerError, MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter

from generator.cache import signature
from generator.errors import Problem
from generator.records import format as fmt

KINDS = fmt.FORMAT.kinds
SAFE_ID = re.compile(fmt.SAFE_ID)
# The generator's memory of what it last wrote for each record (the three-way merge's base), beside the
# records: `records/.generated/<kind>/<id>.yaml`.
MEMORY_DIR = ".generated"
MERGED_INTO = ".merged-into-"  # `<removed id>.merged-into-<kept id>`: the memory of a merged-away record
MAX_SLUG = 80  # keeps `<date>-<place>-<type>-NN.yaml` far below any file-name limit


@dataclass
class RecordSet:
    """Every record under one records folder, by kind and id, plus the problems met loading them.

    `incidents`, `actors` and `places` map an id to the record (a round-trip mapping; the first file
    wins when two claim one id). `files` keeps every readable file, duplicates included, by relpath:
    `(kind, data)`; `texts` holds each file's text as read.
    """

    incidents: dict[str, dict] = field(default_factory=dict)
    actors: dict[str, dict] = field(default_factory=dict)
    places: dict[str, dict] = field(default_factory=dict)
    paths: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> relpath
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, tuple[str, Any]] = field(default_factory=dict)  # relpath -> (kind, data)
    texts: dict[str, str] = field(default_factory=dict)  # relpath -> text as read


# --------------------------------------------------------------------------------------------- YAML


class _Representer(RoundTripRepresenter):
    """Round-trip representer that writes `null` (not an empty value) and never an anchor."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Representer.add_representer(type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null"))


# Records are plain data: an alias (`*name`) to a list or mapping is refused where it is met, before
# anything expands it (a few lines of nested aliases make billions of nodes for whoever walks the data),
# and so is nesting deeper than any record needs (a thousand `[` would exhaust the stack of the loaders).
# An alias to a scalar, as PyYAML writes for a date used twice, costs one value and is read.
MAX_DEPTH = 40


class _PlainComposer(Composer):
    """ruamel's composer, refusing aliases to collections."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None and not isinstance(target, ScalarNode):
                raise ComposerError(None, None, f"YAML alias '*{event.anchor}' to a list or mapping refused: "
                                    "records hold plain data; write the value out instead", event.start_mark)
        return super().compose_node(parent, index)


def round_trip_yaml() -> YAML:
    """The YAML dialect of records, reading and writing (ruamel's round trip, made safe)."""
    y = YAML(typ="rt")
    y.Composer = _PlainComposer
    y.max_depth = MAX_DEPTH
    y.Representer = _Representer
    y.preserve_quotes = True
    y.allow_unicode = True
    y.width = 1_000_000  # never fold a long evidence sentence
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _yaml_line(exc: BaseException) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return None if mark is None else mark.line + 1


def _yaml_message(exc: BaseException) -> str:
    if isinstance(exc, MarkedYAMLError):
        parts = [exc.context or "", exc.problem or ""]
        return "; ".join(p.strip() for p in parts if p and p.strip()) or type(exc).__name__
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def parse_yaml(text: str, rel: str) -> tuple[Any, list[Problem]]:
    """Parse one document with the round-trip loader; `(data, problems)`, data None on failure."""
    try:
        data = round_trip_yaml().load(text)
    except MaxDepthExceededError as exc:
        return None, [Problem(rel, _yaml_line(exc), "", f"cannot read YAML: nested deeper than {MAX_DEPTH} "
                              "levels; a record is a mapping of fields, lists and short lists of mappings")]
    except YAMLError as exc:
        line = _yaml_line(exc)
        position = getattr(exc, "position", None)  # a reader error: a character YAML does not allow
        if line is None and isinstance(position, int):
            line = text.count("\n", 0, position) + 1
        return None, [Problem(rel, line, "", f"cannot read YAML: {_yaml_message(exc)}")]
    except RecursionError:
        return None, [Problem(rel, None, "", f"cannot read YAML: nested deeper than {MAX_DEPTH} levels")]
    except Exception as exc:  # noqa: BLE001 - ruamel raises plain errors on some malformed input
        return None, [Problem(rel, None, "", f"cannot read YAML: {exc}")]
    problems = [Problem(rel, line, name, f"unsupported YAML tag '{tag.replace('tag:yaml.org,2002:', '!!')}'; "
                        "records hold plain data only")
                for name, line, tag in _tagged_nodes(data)]
    return (None if problems else data), problems


def _tagged_nodes(data: Any, path: str = "", line: int = 1) -> Iterable[tuple[str, int, str]]:
    """(field, line, tag) of every value with an explicit tag: records are plain maps, lists and scalars."""
    tag = getattr(getattr(data, "tag", None), "value", None)
    if isinstance(data, (TaggedScalar, bytes, set)) or tag not in _PLAIN_TAGS:
        yield path, line, str(tag or type(data).__name__)
        return
    if isinstance(data, CommentedMap):
        for key, value in data.items():
            yield from _tagged_nodes(value, join_path(path, key), key_line(data, key) or line)
    elif isinstance(data, CommentedSeq):
        for i, value in enumerate(data):
            yield from _tagged_nodes(value, f"{path}[{i}]", item_line(data, i) or line)


_PLAIN_TAGS = {None, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def join_path(path: str, key: Any) -> str:
    """A field's path as problems show it: `location.place`."""
    return f"{path}.{key}" if path else str(key)


def key_line(mapping: Any, key: Any) -> int | None:
    """The line (from 1) of `key` in a round-trip mapping, None when unknown."""
    try:
        return mapping.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return None


def item_line(seq: Any, index: int) -> int | None:
    """The line (from 1) of item `index` of a round-trip list, None when unknown."""
    try:
        return seq.lc.item(index)[0] + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None


def record_files(records_dir: Path) -> list[tuple[str, Path]]:
    """`(relpath, path)` of every `*.yaml` record under `records_dir`, by kind, then file name."""
    out = []
    for kind in KINDS:
        folder = records_dir / kind
        try:
            names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(".yaml") and not e.is_dir())
        except (FileNotFoundError, NotADirectoryError):
            continue
        out += [(f"{kind}/{name}", folder / name) for name in names]
    return out


def _read_record(path: Path, rel: str, parse) -> tuple[Any, list[Problem], str | None]:
    """`(data, problems, text)` of one record file; data is None when there are problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(rel, None, "", f"cannot read YAML: not UTF-8 text ({exc.reason})")], None
    data, problems = parse(text, rel)
    if not problems and not isinstance(data, dict):
        data, problems = None, [Problem(rel, 1, "", "a record must be a mapping of fields")]
    return (None if problems else data), problems, text


def _read_records(records_dir: Path, parse, keep_texts: bool, cache: dict | None = None) -> RecordSet:
    """Every `*.yaml` record under `records_dir`, sorted by file name; `parse(text, rel)` gives
    `(data, problems)`.

    `cache` (`relpath -> ((size, mtime_ns), data, problems)`, updated in place to hold exactly the
    files read now) spares parsing the files whose size and modification time are as last seen; it
    holds no texts, so it cannot serve `keep_texts`."""
    if cache is not None and keep_texts:
        raise ValueError("a parse cache keeps no texts")
    out = RecordSet()
    seen = set()
    for rel, path in record_files(records_dir):
        if cache is None:
            data, problems, text = _read_record(path, rel, parse)
        else:
            seen.add(rel)
            sig = signature(path)
            if sig is None:  # gone since it was listed
                continue
            hit = cache.get(rel)
            if hit is not None and hit[0] == sig:
                _, data, problems = hit
            else:
                data, problems, text = _read_record(path, rel, parse)
                cache[rel] = (sig, data, problems)
        _add(out, rel, data, problems)
        if keep_texts and data is not None:
            out.texts[rel] = text
    if cache is not None:
        for rel in set(cache) - seen:
            del cache[rel]
    return out


def _add(out: RecordSet, rel: str, data: Any, problems: list[Problem]) -> None:
    """One file's record into `out`: the first file with an id wins it (files come sorted)."""
    out.problems.extend(problems)
    if data is None:
        return
    kind = rel.split("/", 1)[0]
    out.files[rel] = (kind, data)
    rid = data.get("id")
    rid = rid if isinstance(rid, str) and rid else rel.split("/", 1)[1][:-len(".yaml")]
    bucket = getattr(out, kind)
    if rid not in bucket:
        bucket[rid] = data
        out.paths[(kind, rid)] = rel


def records_from_cache(cache: dict) -> RecordSet:
    """The record set a `_read_records(..., cache=cache)` call read, rebuilt from the cache alone."""
    out = RecordSet()
    order = {kind: n for n, kind in enumerate(KINDS)}
    for rel in sorted(cache, key=lambda r: (order.get(r.split("/", 1)[0], len(order)), r.split("/", 1)[1])):
        _, data, problems = cache[rel]
        _add(out, rel, data, problems)
    return out


def load_records(records_dir: Path) -> RecordSet:
    """Read every `*.yaml` record under `records_dir` with the round-trip loader (comments, lines)."""
    return _read_records(records_dir, parse_yaml, keep_texts=True)


# ----------------------------------------------------------------------- fast read-only loading
#
# Render only reads, and at thousands of records ruamel's round trip (~10 ms a record) is most of a
# render. PyYAML's C loader reads the same files ~10x faster; it is given ruamel's YAML 1.2 implicit
# types (so `NO`, `yes`, `on` stay strings, as `load_records` reads them), refuses duplicate keys (as
# ruamel does), and any file it cannot vouch for (a YAML error, a possible explicit tag, a duplicate
# key) goes through the round-trip loader instead, so both loaders give render the same data
# (`tests/test_records_io.py` checks it).

_MAYBE_TAG = re.compile(r"(?:^|[\s\[{,:-])[!*]", re.M)  # a possible tag or alias
# libyaml's composer recurses in C: nesting thousands deep crashes the process, not a Python error. A
# node's depth is bounded by its line's leading run of spaces and indicators plus the flow brackets
# before it, so a file with neither run long nor many brackets is safe for it; any other goes to ruamel,
# which stops at MAX_DEPTH with a line number.
_DEEP_LINE = re.compile(r"^[ \t?:-]{100}", re.M)
_MAX_BRACKETS = 100


class _FastFallback(Exception):
    """The fast loader declines a file; the round-trip loader reads it."""


def _fast_loader_class():
    import yaml
    from ruamel.yaml import resolver as rt_resolver

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        yaml_implicit_resolvers: dict = {}

        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
                if len(keys) != len(set(keys)) or any(k.tag == "tag:yaml.org,2002:merge" for k, _ in node.value):
                    raise _FastFallback("duplicate or merge key")
            return super().construct_mapping(node, deep=deep)

    def decline(loader, node):
        raise _FastFallback(f"scalar {node.value!r} is read differently by YAML 1.1 and 1.2 loaders")

    Loader.yaml_implicit_resolvers = {}
    # Plain decimal ints first; any other int or float spelling ruamel's 1.2 rules accept (octal,
    # binary, hex, underscores) sends the file to the round-trip loader rather than guess.
    Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
                                 list("-+0123456789"))
    Loader.add_implicit_resolver("tag:yaml.org,2002:float",
                                 re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
                                 list("-+0123456789."))
    for versions, tag, regexp, first in rt_resolver.implicit_resolvers:
        name = tag.rsplit(":", 1)[-1]
        if (1, 2) not in versions:
            continue
        if name in ("int", "float"):
            Loader.add_implicit_resolver("tag:briefing:decline", regexp, first)
        elif name in ("bool", "null", "timestamp", "merge"):
            Loader.add_implicit_resolver(tag, regexp, first)
    Loader.add_constructor("tag:briefing:decline", decline)
    return Loader


@lru_cache(maxsize=1)
def _fast_loader():
    return _fast_loader_class()


def _fast_parse(text: str) -> Any:
    """Plain data of one document by the fast path, or `_FastFallback`."""
    import yaml

    if _MAYBE_TAG.search(text) or "<<" in text:
        raise _FastFallback("possible tag, alias or merge key")
    if text.count("[") + text.count("{") > _MAX_BRACKETS or _DEEP_LINE.search(text):
        raise _FastFallback("possibly nested too deep for the C loader")
    try:
        data = yaml.load(text, Loader=_fast_loader())
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # "2024-13-45" fits the timestamp pattern
        raise _FastFallback(str(exc)) from exc
    return _check_plain(data)


def _check_plain(data: Any) -> Any:
    """Refuse values whose meaning differs between YAML 1.1 constructors and ruamel's 1.2 reading."""
    if isinstance(data, dict):
        for k, v in data.items():
            if not isinstance(k, str):
                raise _FastFallback("non-string key")
            _check_plain(v)
    elif isinstance(data, list):
        for v in data:
            _check_plain(v)
    elif isinstance(data, (bytes, set, tuple)):
        raise _FastFallback("non-plain value")
    return data


def load_records_fast(records_dir: Path, cache: dict | None = None) -> RecordSet:
    """Every record under `records_dir` as plain data, for render: what `to_plain(load_records(...))`
    would give, by the fast path when it can (see above). Problems are those of the files read by the
    round-trip fallback; `files` holds the plain data by relpath, `texts` is not kept. With `cache`
    (see `_read_records`), only new and modified files are parsed."""

    def parse(text: str, rel: str):
        try:
            return _fast_parse(text), []
        except _FastFallback:
            data, problems = parse_yaml(text, rel)
            return (None if problems else to_plain(data)), problems

    return _read_records(records_dir, parse, keep_texts=False, cache=cache)


def load_plain(path: Path) -> Any:
    """One YAML file as plain data, or None when it is missing or unreadable (used for memory files).

    Read by the fast path of `load_records_fast` when it can vouch for the file (the same data as the
    round-trip loader, ~8x faster), else by the round-trip loader."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        return _fast_parse(text)
    except _FastFallback:
        pass
    data, problems = parse_yaml(text, path.name)
    return None if problems else to_plain(data)


def to_plain(data: Any) -> Any:
    """Round-trip data as plain Python: dict, list, str, int, float, bool, date, None."""
    if isinstance(data, Mapping):
        return {str(k): to_plain(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [to_plain(v) for v in data]
    if isinstance(data, bool) or data is None:
        return data
    if isinstance(data, str):
        return str(data)
    if isinstance(data, int):
        return int(data)
    if isinstance(data, float):
        return float(data)
    if isinstance(data, dt.datetime):
        return data
    if isinstance(data, dt.date):
        return dt.date(data.year, data.month, data.day)
    return data


# ------------------------------------------------------------------------------------------------ ids


def slugify(text: Any, fallback: str = "unknown") -> str:
    """A safe id from any text: ASCII letters and digits joined by single hyphens, at most 80 chars."""
    ascii_text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
    return slug or fallback


def new_incident_id(draft: Mapping, taken: Iterable[str] | set[str]) -> str:
    """`<date or 'undated'>-<place slug>-<event type>`, suffixed `-2`, `-3`... past the ids in `taken`.

    The place slug comes from `location.place` (a place id), else `location.name`, else
    `unknown-place`. `taken` should hold every id and former id in use, so an id is never reused.
    """
    date = draft.get("date")
    day = date.isoformat() if isinstance(date, dt.date) and not isinstance(date, dt.datetime) else (
        slugify(date, "undated") if date else "undated")
    location = draft.get("location") if isinstance(draft.get("location"), Mapping) else {}
    place = slugify(location.get("place") or location.get("name"), "unknown-place")
    event = slugify(draft.get("event_type"), "other")
    base = f"{day}-{place}-{event}"
    taken = taken if isinstance(taken, (set, frozenset, dict)) else set(taken)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
