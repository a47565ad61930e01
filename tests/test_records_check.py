"""Validation (`generator.records.check`): every problem as `file:line: field: message`, word for word."""

from __future__ import annotations

import pytest

from generator.records import format as model
from generator.records.io import load_records
from tests.records_helpers import GOOD_INCIDENT, INCIDENT_ID, INCIDENT_REL, problems_of, write_records


def test_validate_good_records_have_no_problems(tmp_path):
    assert problems_of(write_records(tmp_path)) == []

@pytest.mark.parametrize("old, new, expected", [
    ("weapons: [rocket]", "weapons: [rocket",
     f"{INCIDENT_REL}:8: cannot read YAML: while parsing a flow sequence; expected ',' or ']', but got ':'"),
    ("review: draft", "review: draft\ntitle: again",
     f'{INCIDENT_REL}:28: cannot read YAML: while constructing a mapping; found duplicate key "title" with value '
     '"again" (original value: "Rocket attack on Camp Alpha")'),
    ("event_type: rocket_attack\n", "",
     f"{INCIDENT_REL}:1: event_type: missing required field; add it (null or [] when unknown)"),
    ("event_type: rocket_attack", "event_type: rockets",
     f"{INCIDENT_REL}:6: event_type: 'rockets' is not allowed; use one of: drone_attack, rocket_attack, "
     "missile_attack, air_strike, shelling, bombing, armed_clash, assassination, attack_on_ship, other"),
    ("role: claimed", "role: fired",
     f"{INCIDENT_REL}:15: actors[0].role: 'fired' is not allowed; use one of: perpetrator, claimed, accused, "
     "target, defender, reporter, commenter"),
    ("review: draft", "review: null",
     f"{INCIDENT_REL}:27: review: null is not allowed; use one of: draft, reviewed"),
    ("actor: group-x", "actor: group-y",
     f"{INCIDENT_REL}:14: actors[0].actor: unknown actor 'group-y'; add records/actors/group-y.yaml or correct the id"),
    ("place: camp-alpha", "place: camp-beta",
     f"{INCIDENT_REL}:10: location.place: unknown place 'camp-beta'; add records/places/camp-beta.yaml or correct "
     "the id"),
    ("id: 2024-01-02-camp-alpha-rocket-attack", "id: ../../etc/passwd",
     f"{INCIDENT_REL}:1: id: '../../etc/passwd' is not a safe id; use lowercase letters, digits and hyphens, "
     "starting with a letter or digit"),
    ("id: 2024-01-02-camp-alpha-rocket-attack", "id: 2024-01-03-camp-alpha-rocket-attack",
     f"{INCIDENT_REL}:1: id: '2024-01-03-camp-alpha-rocket-attack' does not match the file name "
     f"'{INCIDENT_ID}.yaml'; rename the file to '2024-01-03-camp-alpha-rocket-attack.yaml' or correct the id "
     "(a renamed record keeps its old id in former_ids)"),
    ('country: "IQ"', "country: iq",
     f"{INCIDENT_REL}:11: location.country: 'iq' is not a country code; use two uppercase letters in quotes, "
     'such as "IQ"'),
    ("date: 2024-01-02", "date: '2024-01-02'",
     f"{INCIDENT_REL}:5: date: '2024-01-02' is not a date; write it as YYYY-MM-DD without quotes, or null"),
    ("weapons: [rocket]", "weapons: rocket",
     f"{INCIDENT_REL}:7: weapons: expected a list, got text"),
    ("summary: null", "sumary: null",
     f"{INCIDENT_REL}:4: sumary: unknown field; allowed fields are: " + ", ".join(model.INCIDENT_KEYS)),
    ("low: 2", "low: -1",
     f"{INCIDENT_REL}:21: casualties.wounded.low: -1 is below the smallest allowed value, 0"),
    ("sources: [art_a]", "sources: [art_z]",
     f"{INCIDENT_REL}:16: actors[0].sources[0]: article 'art_z' is not among this incident's sources; add it "
     "under sources or correct the article id"),
    ("former_ids: []", "former_ids: [2024-01-02-camp-alpha-rocket-attack]",
     f"{INCIDENT_REL}:2: former_ids[0]: '{INCIDENT_ID}' is listed twice in this record; keep it once"),
])
def test_validate_reports_each_problem_word_for_word(tmp_path, old, new, expected):
    assert old in GOOD_INCIDENT
    root = write_records(tmp_path, GOOD_INCIDENT.replace(old, new, 1))
    assert problems_of(root) == [expected]

def test_validate_reports_duplicate_ids_and_former_ids(tmp_path):
    other = GOOD_INCIDENT.replace(f"id: {INCIDENT_ID}", "id: 2024-01-05-camp-alpha-rocket-attack")
    third = GOOD_INCIDENT.replace(f"id: {INCIDENT_ID}", "id: 2024-01-06-camp-alpha-rocket-attack").replace(
        "former_ids: []", "former_ids: [2024-01-05-camp-alpha-rocket-attack]")
    root = write_records(tmp_path, **{"incidents__2024-01-05-camp-alpha-rocket-attack.yaml": other,
                                      "incidents__2024-01-06-camp-alpha-rocket-attack.yaml": third})
    assert problems_of(root) == [
        "incidents/2024-01-06-camp-alpha-rocket-attack.yaml:2: former_ids[0]: "
        "'2024-01-05-camp-alpha-rocket-attack' is already the id of "
        "incidents/2024-01-05-camp-alpha-rocket-attack.yaml; ids and former ids must be unique",
    ]
    (root / "incidents/2024-01-05-camp-alpha-rocket-attack.yaml").write_text(GOOD_INCIDENT)
    assert problems_of(root) == [
        "incidents/2024-01-05-camp-alpha-rocket-attack.yaml:1: id: '2024-01-02-camp-alpha-rocket-attack' does not "
        "match the file name '2024-01-05-camp-alpha-rocket-attack.yaml'; rename the file to "
        "'2024-01-02-camp-alpha-rocket-attack.yaml' or correct the id (a renamed record keeps its old id in "
        "former_ids)",
        "incidents/2024-01-05-camp-alpha-rocket-attack.yaml:1: id: '2024-01-02-camp-alpha-rocket-attack' is already "
        f"the id of {INCIDENT_REL}; ids and former ids must be unique",
    ]

def test_validate_reports_actor_problems(tmp_path):
    root = write_records(tmp_path, **{"actors__group-z.yaml": "id: group-z\nname: Z\nkind: militia\n"
                                                              "affiliations: [group-q]\n"})
    assert problems_of(root) == [
        "actors/group-z.yaml:3: kind: 'militia' is not allowed; use one of: state, military, armed_group, "
        "government, person, media, international_org, other",
        "actors/group-z.yaml:4: affiliations[0]: unknown actor 'group-q'; add records/actors/group-q.yaml or "
        "correct the id",
    ]

def test_validate_refuses_python_object_payload_without_running_it(tmp_path):
    marker = tmp_path / "pwned"
    payload = f"summary: !!python/object/apply:os.system ['touch {marker}']"
    root = write_records(tmp_path / "records", GOOD_INCIDENT.replace("summary: null", payload))
    assert problems_of(root) == [
        f"{INCIDENT_REL}:4: summary: unsupported YAML tag '!!python/object/apply:os.system'; "
        "records hold plain data only",
    ]
    assert not marker.exists()
    assert INCIDENT_ID not in load_records(root).incidents

def test_validate_refuses_a_record_that_is_not_a_mapping(tmp_path):
    root = write_records(tmp_path, "- a\n- b\n")
    assert problems_of(root) == [f"{INCIDENT_REL}:1: a record must be a mapping of fields"]
