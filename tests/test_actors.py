"""Actors the sources describe without naming them: `{description, role, sources}` entries in `actors`.

The record format, the merge with an analyst's edits and the rendering; extraction of such actors (and
the other rules about who did an attack) is tested on hand-written articles in `test_extract.py`.
"""

from __future__ import annotations

import copy

import pytest
from test_records import GOOD_INCIDENT, INCIDENT_ID, draft_incident, drafts, edit, problems_of, run, write_records

from generator.cluster import merge
from generator.records import load_records, to_plain



@pytest.fixture(scope="module")
def kb():
    from generator.kb import load_kb

    return load_kb(None)


DESCRIBED = """\
actors:
  - description: Iran-backed militias
    role: perpetrator
    sources: [art_a]
  - actor: group-x
"""


def test_validate_accepts_an_actor_described_instead_of_named(tmp_path):
    root = write_records(tmp_path, GOOD_INCIDENT.replace("actors:\n  - actor: group-x\n", DESCRIBED))
    assert problems_of(root) == []


def test_validate_refuses_an_entry_with_both_actor_and_description_or_neither(tmp_path):
    both = GOOD_INCIDENT.replace("    role: claimed\n", "    description: a militia\n    role: claimed\n")
    root = write_records(tmp_path, both)
    assert problems_of(root) == [f"incidents/{INCIDENT_ID}.yaml:14: actors[0]: give exactly one of actor or "
                                 "description, not both and not neither"]
    neither = GOOD_INCIDENT.replace("  - actor: group-x\n    role: claimed\n", "  - role: claimed\n")
    root = write_records(tmp_path, neither)
    assert problems_of(root) == [f"incidents/{INCIDENT_ID}.yaml:14: actors[0]: give exactly one of actor or "
                                 "description, not both and not neither"]
    empty = GOOD_INCIDENT.replace(DESCRIBED.splitlines()[0], "actors:").replace(
        "  - actor: group-x\n", "  - description: ''\n")
    root = write_records(tmp_path, empty)
    assert problems_of(root) == [f"incidents/{INCIDENT_ID}.yaml:14: actors[0].description: must not be empty"]


def described(*entries) -> dict:
    """A draft whose actors are the named group plus unnamed ones, given as (description, role)."""
    record = draft_incident()
    record["actors"] += [{"description": d, "role": r, "sources": ["art_a"]} for d, r in entries]
    return record


def actors_of(root) -> list[dict]:
    return to_plain(load_records(root).incidents[INCIDENT_ID]["actors"])


def test_reconcile_keeps_two_described_actors_apart_and_an_analyst_edit_to_one(tmp_path):
    run(tmp_path, drafts(described(("gunmen", "perpetrator"), ("a foreign army", "accused"))))
    assert [a.get("description") for a in actors_of(tmp_path)] == [None, "gunmen", "a foreign army"]

    def identify(d):  # the analyst names the gunmen and narrows the accusation
        d["actors"][1]["description"] = "Taliban gunmen"
        d["actors"][2]["sources"].append("art_b")

    edit(tmp_path, identify)
    again = described(("gunmen", "perpetrator"), ("a foreign army", "accused"), ("suspected jihadists", "accused"))
    run(tmp_path, drafts(again))
    run(tmp_path, drafts(again))
    got = actors_of(tmp_path)
    assert [(a.get("description"), a["role"]) for a in got] == [
        (None, "claimed"), ("Taliban gunmen", "perpetrator"), ("a foreign army", "accused"),
        ("suspected jihadists", "accused")]
    assert got[2]["sources"] == ["art_a", "art_b"]
    assert list(got[1]) == ["description", "role", "sources"]  # the record format's key order


def test_reconcile_an_analyst_naming_a_described_actor_is_not_undone(tmp_path):
    run(tmp_path, drafts(described(("Iran-backed militias", "perpetrator"))))
    assert problems_of(tmp_path) == []

    def name_it(d):
        entry = d["actors"][1]
        del entry["description"]
        entry.insert(0, "actor", "group-x")

    edit(tmp_path, name_it)
    run(tmp_path, drafts(described(("Iran-backed militias", "perpetrator"))))
    assert [(a.get("actor"), a.get("description"), a["role"]) for a in actors_of(tmp_path)] == [
        ("group-x", None, "claimed"), ("group-x", None, "perpetrator")]
    assert problems_of(tmp_path) == []


def test_merge_keeps_described_perpetrators_only_when_no_source_names_one(kb):
    a = copy.deepcopy(_candidate("art_a", [{"description": "Iran-backed militias", "role": "perpetrator",
                                            "sources": ["art_a"]}]))
    b = _candidate("art_b", [{"actor": "kataib-hezbollah", "role": "perpetrator", "sources": ["art_b"]}])
    assert merge([a], kb)["actors"] == a["actors"]
    assert "Iran-backed militias (not named)" in merge([a], kb)["summary"]
    assert merge([a, b], kb)["actors"] == b["actors"]


def _candidate(article: str, actors: list[dict]) -> dict:
    record = draft_incident(article=article)
    record.update(actors=actors, claims=[], _article=article, _anchor=0, casualty_reports=[])
    return record
