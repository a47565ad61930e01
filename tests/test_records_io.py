"""Reading and writing records (`generator.records.io`, `generator.records.dump`): safe loading, deterministic dumps, ids."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import fsio
from generator.records import format as model
from generator.records.dump import dump_record
from generator.records.io import SAFE_ID, load_records, new_incident_id, parse_yaml, slugify, to_plain
from tests.records_helpers import INCIDENT_ID, plain_incident, write_records


place_names = st.one_of(st.text(max_size=60), st.sampled_from(["", "../", "../../etc/passwd", "/", "..", "-",
                                                               "الأسد", "Ḥaḍītha", "Камп", "a/b\\c", "CON"]))

def _types(value):
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__

def test_load_records_keeps_the_old_api(tmp_path):
    records = load_records(write_records(tmp_path))
    assert set(records.incidents) == {INCIDENT_ID}
    assert records.incidents[INCIDENT_ID]["date"] == dt.date(2024, 1, 2)
    assert records.paths[("actors", "group-x")] == "actors/group-x.yaml"
    assert records.problems == []

def test_dump_record_writes_keys_in_model_order_and_reads_back_equal():
    shuffled = dict(reversed(list(plain_incident().items())))
    text = dump_record("incidents", shuffled)
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(" ")]
    assert tuple(keys) == model.INCIDENT_KEYS
    data, problems = parse_yaml(text, "x.yaml")
    assert problems == [] and to_plain(data) == plain_incident()

def test_dump_record_exact_text():
    text = dump_record("places", {"lon": 42.25, "name": "Ḥaḍītha dam", "id": "haditha-dam", "country": "IQ",
                                  "aliases": ["Haditha"], "kind": None, "admin1": "Anbar", "lat": 34.2})
    assert text == ('id: haditha-dam\nname: Ḥaḍītha dam\naliases: [Haditha]\nkind: null\nadmin1: Anbar\n'
                    'country: "IQ"\nlat: 34.2\nlon: 42.25\n')

def test_dump_record_quotes_country_keeps_unicode_dates_and_wide_lines():
    long_sentence = "Officials said that " + "the rockets landed near the perimeter and " * 12 + "no one was hurt."
    record = plain_incident()
    record["sources"][0]["evidence"][0]["text"] = long_sentence
    text = dump_record("incidents", record)
    assert '  country: "NO"\n' in text
    assert "date: 2024-01-02\n" in text and "published: 2024-01-02\n" in text
    assert "“three rockets”" in text
    assert f"      - text: {long_sentence}\n" in text
    assert "  - {weapon: rocket, count: 3, intercepted: null, impacted: 3, source: art_a}\n" in text
    assert "  wounded: {low: 2, high: null, text: two soldiers}\n" in text

def test_dump_record_never_writes_anchors():
    shared = ["art_a"]
    record = plain_incident(actors=[{"actor": "group-x", "role": "claimed", "sources": shared},
                                    {"actor": "group-y", "role": "target", "sources": shared}])
    text = dump_record("incidents", record)
    assert "&" not in text and "*" not in text

def test_dump_record_is_deterministic():
    assert dump_record("incidents", plain_incident()) == dump_record("incidents", copy.deepcopy(plain_incident()))

@settings(max_examples=300, deadline=None)
@given(names=st.lists(place_names, min_size=1, max_size=8),
       date=st.one_of(st.none(), st.dates(), st.text(max_size=12)),
       event=st.one_of(st.none(), st.sampled_from(model.EVENT_TYPES), st.text(max_size=20)),
       taken=st.sets(st.text(alphabet="abc-12", max_size=12), max_size=5))
def test_new_incident_id_is_always_a_safe_unique_slug(names, date, event, taken):
    taken = set(taken)
    made = []
    for name in names:
        draft = {"date": date, "event_type": event, "location": {"name": name, "place": None}}
        rid = new_incident_id(draft, taken)
        assert SAFE_ID.match(rid), rid
        assert rid not in taken
        assert "/" not in rid and ".." not in rid and len(rid) < 200
        taken.add(rid)
        made.append(rid)
        assert fsio.safe_join(Path("/records"), f"incidents/{rid}.yaml").parent == Path("/records/incidents")
    assert len(set(made)) == len(made)

@settings(max_examples=200, deadline=None)
@given(st.text())
def test_slugify_is_always_safe(text):
    assert SAFE_ID.match(slugify(text))

def test_fast_loader_gives_render_the_same_data_as_the_round_trip_loader(tmp_path):
    """`load_records_fast` (render) == `to_plain(load_records(...))`, values and types, on the fixture
    records and on scalars that YAML 1.1 and 1.2 read differently (the fast path declines those)."""
    import shutil

    from generator.records.io import load_records_fast, to_plain
    from tests.sitecopy import FIXTURE_RECORDS

    records = tmp_path / "records"
    shutil.copytree(FIXTURE_RECORDS, records)
    tricky = ("country: NO\nflag: yes\nswitch: on\noctal: 017\nocto: 0o17\nbig: 1_000\nhex: 0x1f\n"
              "exp: 1e3\nday: 2024-01-02\nstamp: 2024-01-02T03:04:05Z\nnothing: ~\nyes_: True\n"
              "article: 001_bff8c5740fad93cd\nlat: 33.790\ntext: \"a ! b\"\nlist: [1, -2, .5]\n")
    (records / "places" / "tricky.yaml").write_text("id: tricky\nname: Tricky\n" + tricky, encoding="utf-8")
    (records / "places" / "tagged.yaml").write_text("id: tagged\nname: !!str 5\n", encoding="utf-8")
    (records / "places" / "dupe.yaml").write_text("id: dupe\nname: a\nname: b\n", encoding="utf-8")
    fast, slow = load_records_fast(records), load_records(records)
    for kind in ("incidents", "actors", "places"):
        plain = {rid: to_plain(rec) for rid, rec in getattr(slow, kind).items()}
        assert getattr(fast, kind) == plain, kind
        assert _types(getattr(fast, kind)) == _types(plain), kind
    assert "tricky" in fast.places and fast.places["tricky"]["country"] == "NO"
    assert "tagged" not in fast.places and "dupe" not in fast.places  # refused, as load_records does
    assert sorted(p.path for p in fast.problems) == sorted(p.path for p in slow.problems)


def test_a_date_no_calendar_has_is_a_clean_problem_for_both_loaders(tmp_path):
    # "2024-13-45" has a date's shape: the C loader's timestamp constructor raised ValueError through render
    from generator.records.io import load_records, load_records_fast

    (tmp_path / "incidents").mkdir()
    (tmp_path / "incidents" / "x.yaml").write_text("id: x\ndate: 2024-13-45\n", encoding="utf-8")
    for load in (load_records, load_records_fast):
        problems = load(tmp_path).problems
        assert [p.path for p in problems] == ["incidents/x.yaml"] and "month must be in 1..12" in problems[0].message
