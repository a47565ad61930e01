"""The three-way merge with the generator's memory (`generator.records.merge`, `generator.records.threeway`):
what a person changed stays, what is new from the sources is added."""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator import fsio
from generator.errors import InputError, LockedError
from generator.records.dump import dump_record
from generator.records.io import load_records, to_plain
from generator.records.merge import MEMORY_DIR, Drafts, reconcile, write_reconciled
from tests.records_helpers import (ACTOR, draft_incident, drafts, edit, GOOD_INCIDENT, INCIDENT_ID, INCIDENT_REL,
                                   plain_incident, problems_of, read, run, write_records)


# A person's values never coincide with the generator's: a three-way merge cannot tell a person's
# value from the generator's once both are equal (see generator/records/merge.py).
PERSON_EVENT_TYPES = ("shelling", "bombing", "armed_clash")

GENERATOR_EVENT_TYPES = ("rocket_attack", "drone_attack")

SCALAR_FIELDS = ("title", "summary", "date_basis", "event_type", "occurrence", "attribution", "location.name",
                 "location.admin1", "location.lat", "casualties.wounded")

GEN_WEAPONS = ("rocket", "drone", "missile")

def _generator_draft(rng: random.Random, n_sources: int, version: int, prefix: str = "art") -> dict:
    articles = [f"{prefix}_{i}" for i in range(n_sources)]
    record = draft_incident(
        title=f"Generated title v{version}", summary=f"Generated summary {rng.randint(0, 3)}",
        date_basis=f"basis {rng.randint(0, 3)}", event_type=rng.choice(GENERATOR_EVENT_TYPES),
        occurrence=rng.choice(("confirmed", "reported")), attribution=rng.choice(("claimed", "accused")),
        weapons=sorted(rng.sample(GEN_WEAPONS, rng.randint(1, 3))),
        casualties={"killed": None, "wounded": {"low": rng.randint(0, 5), "high": None, "text": "gen"}},
    )
    record["location"] = dict(record["location"], name=f"Camp {prefix} {rng.randint(0, 3)}", admin1="Anbar",
                              lat=round(rng.uniform(33, 34), 2))
    record["sources"] = [{"article": a, "title": f"gen title {rng.randint(0, 2)}", "outlet": None, "url": None,
                          "published": None,
                          "evidence": [{"text": f"Sentence {j} of {a}.", "supports": []}
                                       for j in range(rng.randint(1, 3))]} for a in articles]
    record["claims"][0]["text"] = f"{prefix} claim {rng.randint(0, 1)}"
    for name in ("claims", "casualty_reports", "munitions"):
        for item in record[name]:
            item["source"] = articles[0]
    record["actors"][0]["sources"] = [articles[0]]
    return record

def _set(data, dotted: str, value) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data[int(part)] if part.isdigit() else data[part]
    data[last] = value

def _get(data, dotted: str):
    for part in dotted.split("."):
        data = data[int(part)] if part.isdigit() else data[part]
    return to_plain(data)

def _person_value(name: str, cycle: int):
    if name == "event_type":
        return PERSON_EVENT_TYPES[cycle % 3]
    if name in ("occurrence", "attribution"):
        return {"occurrence": "disputed", "attribution": "contested"}[name]
    if name == "location.lat":
        return 10.0 + cycle
    if name == "casualties.wounded":
        return {"low": 100 + cycle, "high": None, "text": f"person {cycle}"}
    return f"person's {name} {cycle}"

PLACE_FLAG = {"field": "place", "why": "placed only at province level ('Anbar')"}

DATE_FLAG = {"field": "date", "why": "'Tuesday evening' in the outlet's time: the local date may be a day later"}

WOUNDED_FLAG = {"field": "wounded", "why": "the report speaks of 'casualties' but gives no figure"}

def flags_of(root: Path) -> list[dict]:
    return to_plain(load_records(root).incidents[INCIDENT_ID]).get("uncertain")

def test_reconcile_first_run_writes_records_and_memory(tmp_path):
    changed = run(tmp_path, drafts(draft_incident()))
    assert changed == [f"{MEMORY_DIR}/actors/group-x.yaml", f"{MEMORY_DIR}/incidents/{INCIDENT_ID}.yaml",
                       f"{MEMORY_DIR}/places/camp-alpha.yaml", "actors/group-x.yaml", INCIDENT_REL,
                       "places/camp-alpha.yaml"]
    assert read(tmp_path) == dump_record("incidents", plain_incident())
    assert read(tmp_path, f"{MEMORY_DIR}/incidents/{INCIDENT_ID}.yaml") == read(tmp_path)
    assert problems_of(tmp_path) == []

def test_reconcile_second_identical_run_changes_nothing(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    assert run(tmp_path, drafts(draft_incident())) == []

def test_reconcile_keeps_a_person_edit_and_takes_new_generator_values(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    edit(tmp_path, lambda d: d.update(title="Analyst title"))
    run(tmp_path, drafts(draft_incident(title="Generator title 2", summary="New summary.")))
    data = load_records(tmp_path).incidents[INCIDENT_ID]
    assert data["title"] == "Analyst title"
    assert data["summary"] == "New summary."

def test_reconcile_keeps_edits_inside_nested_mappings(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    edit(tmp_path, lambda d: d["location"].update(lat=33.75))
    location = dict(plain_incident()["location"], lat=33.6, lon=42.5, admin1="Al Anbar")
    run(tmp_path, drafts(draft_incident(location=location)))
    assert to_plain(load_records(tmp_path).incidents[INCIDENT_ID]["location"]) == dict(location, lat=33.75)

def test_reconcile_trimmed_lists_stay_trimmed_and_new_items_are_added(tmp_path):
    evidence = ("Rockets struck the base on Tuesday.", "Two soldiers were hurt.")
    first = draft_incident(evidence=evidence, weapons=["rocket", "missile"])
    run(tmp_path, drafts(first))

    def trim(d):
        d["weapons"].remove("missile")
        del d["sources"][0]["evidence"][1]
        d["claims"].clear()

    edit(tmp_path, trim)
    second = draft_incident(evidence=(*evidence, "A third rocket fell short."), weapons=["rocket", "missile", "drone"])
    second["sources"].append({"article": "art_b", "title": None, "outlet": None, "url": None, "published": None,
                              "evidence": [{"text": "The base was hit again.", "supports": []}]})
    run(tmp_path, drafts(second))
    data = to_plain(load_records(tmp_path).incidents[INCIDENT_ID])
    assert data["weapons"] == ["rocket", "drone"]
    assert [e["text"] for e in data["sources"][0]["evidence"]] == [evidence[0], "A third rocket fell short."]
    assert [s["article"] for s in data["sources"]] == ["art_a", "art_b"]
    assert data["claims"] == []

def test_reconcile_drops_untouched_items_the_generator_no_longer_produces(tmp_path):
    run(tmp_path, drafts(draft_incident(weapons=["rocket", "missile"])))
    run(tmp_path, drafts(draft_incident(weapons=["rocket"])))
    assert load_records(tmp_path).incidents[INCIDENT_ID]["weapons"] == ["rocket"]

def test_reconcile_reviewed_record_only_gains_sources(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    edit(tmp_path, lambda d: d.update(review="reviewed"))
    before = to_plain(load_records(tmp_path).incidents[INCIDENT_ID])
    later = draft_incident(title="Changed", weapons=["rocket", "drone"],
                           evidence=("Rockets struck the base on Tuesday.", "More evidence."))
    later["sources"].append({"article": "art_b", "title": "Follow-up", "outlet": None, "url": None,
                             "published": None, "evidence": [{"text": "A follow-up sentence.", "supports": []}]})
    run(tmp_path, drafts(later))
    after = to_plain(load_records(tmp_path).incidents[INCIDENT_ID])
    assert after["sources"][:1] == before["sources"]
    assert after["sources"][1] == later["sources"][1]
    after["sources"] = before["sources"]
    assert after == {**before, "uncertain": []}  # reviewed: the draft's doubts are settled

def test_reconcile_deleted_items_stay_deleted_across_runs_that_omit_them(tmp_path):
    run(tmp_path, drafts(draft_incident(weapons=["rocket", "drone"])))
    edit(tmp_path, lambda d: d["weapons"].remove("drone"))
    run(tmp_path, drafts(draft_incident(weapons=["rocket"])))
    run(tmp_path, drafts(draft_incident(weapons=["rocket", "drone"])))
    assert load_records(tmp_path).incidents[INCIDENT_ID]["weapons"] == ["rocket"]

def test_reconcile_unreviewed_record_takes_what_changed_while_reviewed(tmp_path):
    run(tmp_path, drafts(draft_incident(weapons=["rocket"])))
    edit(tmp_path, lambda d: d.update(review="reviewed", summary="Checked by hand."))
    run(tmp_path, drafts(draft_incident(weapons=["rocket", "drone"], title="Better title")))
    assert load_records(tmp_path).incidents[INCIDENT_ID]["title"] == "Rocket attack on Camp Alpha"
    edit(tmp_path, lambda d: d.update(review="draft"))
    run(tmp_path, drafts(draft_incident(weapons=["rocket", "drone"], title="Better title")))
    data = to_plain(load_records(tmp_path).incidents[INCIDENT_ID])
    assert (data["title"], data["weapons"], data["summary"]) == ("Better title", ["rocket", "drone"],
                                                                "Checked by hand.")

def test_reconcile_places_match_by_name_only_within_a_country(tmp_path):
    write_records(tmp_path, None)
    (tmp_path / "places/hit-iraq.yaml").write_text('id: hit-iraq\nname: Hit\ncountry: "IQ"\n')
    d = Drafts(places=[{"id": "hit", "name": "Hit", "country": "IQ"}, {"id": "hit-town", "name": "Hit",
                                                                       "country": "SY"}])
    files = reconcile(tmp_path, d)
    assert sorted(rel for rel in files if not rel.startswith(".")) == ["places/hit-iraq.yaml", "places/hit-town.yaml"]

def test_write_reconciled_writes_records_before_memory(tmp_path, monkeypatch):
    written = []
    real = fsio.write_atomic
    monkeypatch.setattr(fsio, "write_atomic",
                        lambda path, data: written.append(MEMORY_DIR in path.parts) or real(path, data))
    write_reconciled(tmp_path, reconcile(tmp_path, drafts(draft_incident())))
    assert written == [False] * 3 + [True] * 3

def test_reconcile_keeps_comments_and_key_order(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    text = read(tmp_path)
    text = "# checked against the ministry statement\n" + text
    text = text.replace("title: Rocket attack on Camp Alpha", "title: Analyst title  # my wording")
    text = text.replace("review: draft\n", "")
    text = text.replace("former_ids: []\n", "former_ids: []\nreview: draft  # up top, where I want it\n")
    (tmp_path / INCIDENT_REL).write_text(text)
    run(tmp_path, drafts(draft_incident(summary="A new summary.")))
    out = read(tmp_path)
    assert out.startswith("# checked against the ministry statement\nid: ")
    assert "title: Analyst title  # my wording\n" in out
    assert "former_ids: []\nreview: draft  # up top, where I want it\ntitle:" in out
    assert "summary: A new summary.\n" in out

def test_reconcile_leaves_an_unchanged_file_byte_for_byte(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    text = read(tmp_path).replace("date: 2024-01-02\n", "date:     2024-01-02   # odd spacing kept\n")
    (tmp_path / INCIDENT_REL).write_text(text)
    files = reconcile(tmp_path, drafts(draft_incident()))
    assert INCIDENT_REL not in files

def test_reconcile_matches_a_renamed_record(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    new_id = "2024-01-02-camp-alpha-barrage"

    def rename(d):
        d["id"] = new_id
        d["former_ids"].append(INCIDENT_ID)
        d["title"] = "Barrage on Camp Alpha"

    edit(tmp_path, rename)
    (tmp_path / INCIDENT_REL).rename(tmp_path / f"incidents/{new_id}.yaml")
    run(tmp_path, drafts(draft_incident(summary="Now with a summary.")))
    records = load_records(tmp_path)
    assert set(records.incidents) == {new_id}
    assert records.incidents[new_id]["title"] == "Barrage on Camp Alpha"
    assert records.incidents[new_id]["summary"] == "Now with a summary."
    assert problems_of(tmp_path) == []
    assert sorted(p.name for p in (tmp_path / MEMORY_DIR / "incidents").iterdir()) == [f"{new_id}.yaml"]

def test_reconcile_matches_through_evidence_not_id(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    moved = draft_incident(date=dt.date(2024, 1, 3), location=dict(plain_incident()["location"], name="Alpha"))
    moved["id"] = "2024-01-03-somewhere-else-rocket-attack"  # a provisional id is ignored
    run(tmp_path, drafts(moved))
    records = load_records(tmp_path)
    assert set(records.incidents) == {INCIDENT_ID}  # the id never changes
    assert records.incidents[INCIDENT_ID]["date"] == dt.date(2024, 1, 3)

def test_reconcile_new_ids_skip_ids_and_former_ids_in_use(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    edit(tmp_path, lambda d: d.update(id="renamed", former_ids=[INCIDENT_ID]))
    (tmp_path / INCIDENT_REL).rename(tmp_path / "incidents/renamed.yaml")
    other = draft_incident(evidence=("A second attack hit the same camp.",), article="art_c")
    third = draft_incident(evidence=("Yet another attack.",), article="art_d")
    run(tmp_path, drafts(draft_incident(), other, third))
    assert sorted(load_records(tmp_path).incidents) == [f"{INCIDENT_ID}-2", f"{INCIDENT_ID}-3", "renamed"]

def test_reconcile_leaves_records_without_draft_alone(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    before = read(tmp_path)
    run(tmp_path, drafts(draft_incident(evidence=("Something else entirely.",), article="art_z")))
    assert read(tmp_path) == before
    assert len(load_records(tmp_path).incidents) == 2

def test_reconcile_does_not_redraft_an_incident_a_person_deleted(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    (tmp_path / INCIDENT_REL).unlink()
    assert run(tmp_path, drafts(draft_incident())) == []
    assert load_records(tmp_path).incidents == {}

def test_reconcile_actor_aliases_edited_by_a_person_stay(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    edit(tmp_path, lambda d: d.update(aliases=["Group Ex"]), "actors/group-x.yaml")
    run(tmp_path, drafts(draft_incident(), actors=[dict(ACTOR, aliases=["GX", "G-X"], description="A group.")]))
    actor = to_plain(load_records(tmp_path).actors["group-x"])
    assert actor["aliases"] == ["Group Ex", "G-X"]
    assert actor["description"] == "A group."

def test_reconcile_actor_renamed_by_a_person_is_found_by_name(tmp_path):
    run(tmp_path, drafts(draft_incident()))
    edit(tmp_path, lambda d: d.update(id="group-x-official"), "actors/group-x.yaml")
    (tmp_path / "actors/group-x.yaml").rename(tmp_path / "actors/group-x-official.yaml")
    edit(tmp_path, lambda d: d["actors"][0].update(actor="group-x-official"))
    edit(tmp_path, lambda d: d["claims"][0].update(actor="group-x-official"))
    run(tmp_path, drafts(draft_incident(evidence=("Rockets struck the base on Tuesday.", "New."))))
    records = load_records(tmp_path)
    assert sorted(records.actors) == ["group-x-official"]
    assert problems_of(tmp_path) == []

def test_reconcile_refuses_unreadable_records(tmp_path):
    write_records(tmp_path, GOOD_INCIDENT.replace("weapons: [rocket]", "weapons: [rocket"))
    with pytest.raises(InputError) as info:
        reconcile(tmp_path, drafts(draft_incident()))
    assert str(info.value).startswith(f"{INCIDENT_REL}:8: cannot read YAML")

def test_reconcile_is_deterministic_whatever_the_draft_order(tmp_path):
    incidents = [draft_incident(evidence=(f"Sentence number {i}.",), article=f"art_{i}") for i in range(6)]
    outputs = []
    for seed in range(3):
        root = tmp_path / str(seed)
        shuffled = incidents[:]
        random.Random(seed).shuffle(shuffled)
        run(root, drafts(*shuffled, actors=[ACTOR, dict(ACTOR, id="group-y", name="Group Y")]))
        outputs.append({str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))})
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0]) == 2 * (6 + 2 + 1)

def test_update_records_crash_mid_write_leaves_whole_files(tmp_path, monkeypatch):
    run(tmp_path, drafts(draft_incident()))
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")}
    later = draft_incident(summary="Changed summary.", title="Changed title")
    expected = reconcile(tmp_path, drafts(later))
    real_replace = os.replace
    calls = []

    def flaky_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky_replace)
    with pytest.raises(OSError, match="disk full"):
        run(tmp_path, drafts(later))
    monkeypatch.setattr(os, "replace", real_replace)
    assert len(calls) == 2
    for path in tmp_path.rglob("*"):
        assert not path.name.endswith(".tmp"), f"temporary file left: {path}"
    for rel, text in expected.items():
        content = (tmp_path / rel).read_bytes()
        assert content in (before.get(tmp_path / rel), text.encode("utf-8")), rel
    # The lock was released, and a rerun repairs the rest.
    run(tmp_path, drafts(later))
    assert {rel: read(tmp_path, rel) for rel in expected} == expected

def test_update_records_refuses_while_another_run_holds_the_lock(tmp_path):
    with fsio.run_lock(tmp_path):
        with pytest.raises(LockedError):
            run(tmp_path, drafts(draft_incident()))

@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=(Phase.explicit, Phase.reuse, Phase.generate))  # shrinking these cycles takes minutes
@given(st.data())
def test_reconcile_never_loses_an_edit_over_edit_regenerate_cycles(tmp_path_factory, data):
    """Random person edits, then a regenerate with changed drafts, over and over: no edit is lost."""
    root = tmp_path_factory.mktemp("cycles")
    rng = random.Random(data.draw(st.integers(0, 2**32 - 1), label="seed"))
    n_sources = {"art": 1, "brt": 1}

    def generate(version: int) -> list[dict]:
        return [_generator_draft(rng, n_sources[p], version, p) for p in sorted(n_sources)]

    run(root, drafts(*generate(0)))
    ids = {p: next(rid for rid, doc in load_records(root).incidents.items()
                   if doc["sources"][0]["article"].startswith(p)) for p in n_sources}
    edits = {p: {} for p in n_sources}
    deleted = {p: {"weapons": set(), "evidence": set(), "claims": set()} for p in n_sources}
    added = {p: set() for p in n_sources}
    frozen: dict[str, dict] = {}  # reviewed records, as the person left them
    for cycle in range(1, data.draw(st.integers(2, 6), label="cycles")):
        prefix = data.draw(st.sampled_from(sorted(n_sources)), label="which incident")
        fields = data.draw(st.lists(st.sampled_from(SCALAR_FIELDS), unique=True, max_size=4), label="fields")
        actions = data.draw(st.sets(st.sampled_from(
            ["delete weapon", "add weapon", "delete evidence", "edit claim", "edit source title", "comment",
             "rename", "review", "unreview"])), label="actions")
        rid = ids[prefix]
        rel = f"incidents/{rid}.yaml"
        mine, gone = edits[prefix], deleted[prefix]

        def person(doc):
            for name in fields:
                value = _person_value(name, cycle)
                _set(doc, name, value)
                mine[name] = to_plain(value)
            ours = [w for w in doc["weapons"] if w in GEN_WEAPONS]
            if "delete weapon" in actions and ours:
                doc["weapons"].remove(ours[0])
                gone["weapons"].add(ours[0])
            if "add weapon" in actions and "mortar" not in doc["weapons"]:
                doc["weapons"].append("mortar")
                added[prefix].add("mortar")
            evidence = doc["sources"][0]["evidence"]
            if "delete evidence" in actions and len(evidence) > 1:
                gone["evidence"].add(evidence.pop()["text"])
            if "edit claim" in actions and doc["claims"]:
                gone["claims"].add(doc["claims"][0]["text"])
                doc["claims"][0]["text"] = f"person's claim {cycle}"
                mine["claims.0.text"] = f"person's claim {cycle}"
            if "edit source title" in actions:
                doc["sources"][0]["title"] = f"person's source title {cycle}"
                mine["sources.0.title"] = f"person's source title {cycle}"
            if "comment" in actions:
                doc.yaml_add_eol_comment(f"person note {cycle}", "title")
            if "rename" in actions:
                doc["former_ids"].append(doc["id"])
                doc["id"] = f"renamed-{prefix}-{cycle}"
            if "review" in actions:
                doc["review"] = "reviewed"
            elif "unreview" in actions:
                doc["review"] = "draft"

        edit(root, person, rel)
        if "rename" in actions:
            rid = ids[prefix] = f"renamed-{prefix}-{cycle}"
            (root / rel).rename(root / f"incidents/{rid}.yaml")
            rel = f"incidents/{rid}.yaml"
        record_now = to_plain(load_records(root).incidents[rid])
        if record_now["review"] == "reviewed":
            frozen[prefix] = record_now
        else:
            frozen.pop(prefix, None)
        for p in n_sources:
            n_sources[p] += data.draw(st.integers(0, 1), label=f"new article for {p}")
        run(root, drafts(*generate(cycle)))

        records = load_records(root)
        assert sorted(records.incidents) == sorted(ids.values()), "each incident must keep matching its record"
        assert problems_of(root) == []
        for p, record_id in ids.items():
            record = to_plain(records.incidents[record_id])
            for name, value in edits[p].items():
                assert _get(record, name) == value, f"lost the edit of {name} in cycle {cycle}"
            assert not set(record["weapons"]) & deleted[p]["weapons"], "a weapon the person deleted came back"
            assert added[p] <= set(record["weapons"]), "a weapon the person added was dropped"
            texts = {e["text"] for s in record["sources"] for e in s["evidence"]}
            assert not texts & deleted[p]["evidence"], "evidence the person deleted came back"
            assert not {c["text"] for c in record["claims"]} & deleted[p]["claims"], "an edited claim came back"
            assert {s["article"] for s in record["sources"]} == {f"{p}_{i}" for i in range(n_sources[p])}
            if p in frozen:
                before = frozen[p]
                assert record["sources"][: len(before["sources"])] == before["sources"]
                assert {**record, "sources": before["sources"]} == {**before, "uncertain": []}, \
                    "a reviewed record changed (other than losing its flags)"
        if "comment" in actions:
            assert f"# person note {cycle}" in read(root, rel)

def test_reconcile_refreshes_the_generators_flags(tmp_path):
    run(tmp_path, drafts(draft_incident(uncertain=[PLACE_FLAG, WOUNDED_FLAG])))
    assert flags_of(tmp_path) == [PLACE_FLAG, WOUNDED_FLAG]
    assert read(tmp_path).index("attribution:") < read(tmp_path).index("uncertain:") < read(tmp_path).index("claims:")
    # The generator changed its mind: one doubt gone, one reworded, one new; nobody touched the list.
    reworded = {"field": "wounded", "why": "sources disagree: 2, 9"}
    run(tmp_path, drafts(draft_incident(uncertain=[DATE_FLAG, reworded])))
    assert flags_of(tmp_path) == [reworded, DATE_FLAG]
    run(tmp_path, drafts(draft_incident(uncertain=[])))
    assert flags_of(tmp_path) == []

def test_reconcile_keeps_an_analysts_edit_to_the_flags(tmp_path):
    run(tmp_path, drafts(draft_incident(uncertain=[PLACE_FLAG, WOUNDED_FLAG])))
    note = "checked with the ministry: 2 wounded, 1 more unconfirmed"

    def analyst(d):
        d["uncertain"][1]["why"] = note  # reworded one doubt
        del d["uncertain"][0]  # and settled the other
    edit(tmp_path, analyst)
    run(tmp_path, drafts(draft_incident(uncertain=[PLACE_FLAG, {"field": "wounded", "why": "a new reason"}])))
    assert flags_of(tmp_path) == [{"field": "wounded", "why": note}]
    # A doubt about a field the analyst never saw flagged is still added.
    run(tmp_path, drafts(draft_incident(uncertain=[PLACE_FLAG, WOUNDED_FLAG, DATE_FLAG])))
    assert flags_of(tmp_path) == [{"field": "wounded", "why": note}, DATE_FLAG]

def test_reconcile_review_clears_the_flags_and_draft_brings_them_back(tmp_path):
    run(tmp_path, drafts(draft_incident(uncertain=[PLACE_FLAG])))
    edit(tmp_path, lambda d: d.update(review="reviewed"))
    run(tmp_path, drafts(draft_incident(uncertain=[PLACE_FLAG, DATE_FLAG])))
    assert flags_of(tmp_path) == []
    assert "uncertain: []\n" in read(tmp_path)
    run(tmp_path, drafts(draft_incident(uncertain=[PLACE_FLAG, DATE_FLAG])))
    assert flags_of(tmp_path) == []  # stays settled while reviewed
    edit(tmp_path, lambda d: d.update(review="draft"))
    run(tmp_path, drafts(draft_incident(uncertain=[PLACE_FLAG, DATE_FLAG])))
    assert flags_of(tmp_path) == [PLACE_FLAG, DATE_FLAG]  # cleared by the review, not by a person
