"""Tests of `generator.records.format`: the record format declared once, and what is derived from it."""

from __future__ import annotations

import json

import pytest

from generator.records import format as fmt
from generator.records.dump import dump_record
from generator.records.merge import MEMORY_DIR
from generator.records.schemas import build_schemas, record_schema
from generator.records.threeway import normalise
from tests.records_helpers import (INCIDENT_REL, draft_incident, drafts, edit, plain_incident, problems_of, read, run,
                                write_records)

GOOD = {"incidents": plain_incident, "actors": lambda: {"id": "group-x", "name": "Group X", "kind": "armed_group"},
        "places": lambda: {"id": "camp-alpha", "name": "Camp Alpha"}}
FILES = {"incidents": INCIDENT_REL, "actors": "actors/group-x.yaml", "places": "places/camp-alpha.yaml"}


def _enum_paths(shape: str, prefix: tuple = ()):
    """`(path, field)` of every enum field of a shape, through nested mappings and lists (first items)."""
    for f in fmt.FORMAT.shapes[shape].fields:
        path = (*prefix, f.name, 0) if f.list else (*prefix, f.name)
        if f.type == "enum":
            yield path, f
        elif f.type in fmt.FORMAT.shapes:
            yield from _enum_paths(f.type, path)


def _put(data, path: tuple, value) -> None:
    for part, after in zip(path, path[1:]):
        empty = [] if isinstance(after, int) else {}
        if isinstance(part, int):
            if len(data) <= part:
                data.append(empty)
        elif not isinstance(data.get(part), (dict, list)):
            data[part] = empty
        data = data[part]
    if isinstance(path[-1], int) and len(data) <= path[-1]:
        data.append(value)
    else:
        data[path[-1]] = value


def _shown(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


ENUMS = [(kind, path, f) for kind in fmt.FORMAT.kinds for path, f in _enum_paths(kind)]


@pytest.mark.parametrize("kind, path, field", ENUMS, ids=[f"{k}:{_shown(p)}" for k, p, _ in ENUMS])
def test_check_refuses_a_value_outside_each_vocabulary_and_lists_it(tmp_path, kind, path, field):
    """Every vocabulary of the format reaches `check`: a value outside it is refused, naming the allowed ones."""
    record = GOOD[kind]()
    _put(record, path, "no_such_value")
    write_records(tmp_path, **{FILES[kind].replace("/", "__"): dump_record(kind, record)})
    expected = f"{_shown(path)}: 'no_such_value' is not allowed; use one of: {', '.join(field.values)}"
    assert any(p.split(": ", 1)[1] == expected for p in problems_of(tmp_path)), problems_of(tmp_path)


def test_every_vocabulary_of_the_format_is_checked():
    assert {f.values for _, _, f in ENUMS} == {
        fmt.EVENT_TYPES, fmt.WEAPONS, fmt.ROLES, fmt.DATE_PRECISIONS, fmt.GEO_PRECISIONS, fmt.OCCURRENCE,
        fmt.ATTRIBUTION, fmt.REVIEW, fmt.UNCERTAIN_FIELDS, fmt.SUPPORTS, fmt.ACTOR_KINDS}


def test_a_format_refuses_an_unknown_type_or_identity():
    with pytest.raises(ValueError, match="unknown type"):
        fmt.FORMAT.with_field("incidents", fmt.Field("mood", "feeling"))
    with pytest.raises(ValueError, match="only an enum"):
        fmt.FORMAT.with_field("incidents", fmt.Field("mood", "enum"))
    with pytest.raises(ValueError, match="declared twice"):
        fmt.FORMAT.with_field("incidents", fmt.Field("title", "text"))


# One new line in the format: a field every consumer of the format then knows.
NOTE = fmt.Field("casualty_note", "text?")


@pytest.fixture
def grown(monkeypatch):
    form = fmt.FORMAT.with_field("incidents", NOTE, after="casualties")
    monkeypatch.setattr(fmt, "FORMAT", form)
    return form


def test_a_new_field_reaches_the_schema(grown):
    schema = record_schema("incidents", grown)
    keys = list(schema["properties"])
    assert keys[keys.index("casualties") + 1] == "casualty_note"
    assert schema["properties"]["casualty_note"] == {"type": ["string", "null"]}
    # Nothing else in the schemas moves.
    before = json.loads(build_schemas(fmt.Format(fmt.RECORDS, fmt.NESTED))["incident.schema.json"])
    del schema["properties"]["casualty_note"]
    assert schema == before


def test_a_new_field_takes_its_place_in_dumps_and_drafts(grown):
    text = dump_record("incidents", {**plain_incident(), "casualty_note": "two missing"})
    top = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(" ")]
    assert top[top.index("casualties") + 1] == "casualty_note"  # not sorted after `review` as an unknown key
    normalised = normalise("incidents", plain_incident())
    assert list(normalised)[list(normalised).index("casualties") + 1] == "casualty_note"
    assert normalised["casualty_note"] is None


def test_a_new_field_is_merged_like_the_others(tmp_path, monkeypatch):
    run(tmp_path, drafts(draft_incident()))  # a record from before the field
    edit(tmp_path, lambda d: d.update(title="Rockets hit Camp Alpha"))
    monkeypatch.setattr(fmt, "FORMAT", fmt.FORMAT.with_field("incidents", NOTE, after="casualties"))
    run(tmp_path, drafts(draft_incident(casualty_note="two missing")))
    text = read(tmp_path)
    assert text.index("\ncasualties:") < text.index("\ncasualty_note: two missing") < text.index("\nsources:")
    assert "title: Rockets hit Camp Alpha\n" in text
    edit(tmp_path, lambda d: d.update(casualty_note="two soldiers missing"))
    run(tmp_path, drafts(draft_incident(casualty_note="three missing")))
    assert "casualty_note: two soldiers missing\n" in read(tmp_path)  # a person's edit stays
    assert "casualty_note: three missing\n" in read(tmp_path, f"{MEMORY_DIR}/{INCIDENT_REL}")
