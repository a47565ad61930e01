"""Title and summary follow the fields unless a person wrote them (generator/records/summaries.py): `extract`
composes them again from the merged record, merge and split too; a person's text stays and is flagged
in `uncertain` when the fields it describes change."""

from __future__ import annotations

from pathlib import Path

from generator.records import edits
from generator.extract.cluster import describe
from generator.records.kb import load_kb
from generator.records.dump import dump_document
from generator.records.io import load_records, parse_yaml, to_plain
from generator.records.check import validate
from tests.test_edits import A, B, draft, extract

RID = "2024-05-14-tal-baydar-shelling"


def composed(d: dict, root: Path) -> dict:
    """A draft whose title and summary are `describe`'s, as extraction hands them over."""
    d["title"], d["summary"] = describe(d, load_kb(root))
    return d


def person(root: Path, rid: str, change) -> None:
    rel = f"incidents/{rid}.yaml"
    data, problems = parse_yaml((root / rel).read_text(encoding="utf-8"), rel)
    assert problems == []
    change(data)
    (root / rel).write_text(dump_document(data), encoding="utf-8")


def record(root: Path, rid: str = RID) -> dict:
    return to_plain(load_records(root).incidents[rid])


def start(root: Path) -> None:
    """The first run writes the actor record that the composed texts name ("Blamed on Red Brigade")."""
    extract(root, draft(A, killed=3))
    extract(root, composed(draft(A, killed=3), root))


def five_killed(doc) -> None:
    doc["casualties"]["killed"] = {"low": 5, "high": 5, "text": "five people"}


def test_a_fixed_field_and_the_summary_follows(tmp_path):
    root = tmp_path / "records"
    start(root)
    assert "3 killed" in record(root)["title"] and "Shelling" in record(root)["title"]
    person(root, RID, lambda doc: (five_killed(doc), doc.__setitem__("event_type", "air_strike")))
    extract(root, composed(draft(A, killed=3), root))
    now = record(root)
    assert now["casualties"]["killed"]["low"] == 5  # the person's fix stays
    assert now["title"] == "Air strike in Tal Baydar: 5 killed"
    assert now["summary"].startswith("Air strike in Tal Baydar") and "5 killed" in now["summary"]
    assert "3 killed" not in now["summary"] and not now.get("uncertain")
    assert extract(root, composed(draft(A, killed=3), root)) == []  # and it is stable
    assert validate(load_records(root)) == []


def test_a_persons_summary_stays_and_is_flagged_when_its_fields_change(tmp_path):
    root = tmp_path / "records"
    start(root)
    person(root, RID, lambda doc: doc.__setitem__("summary", "Three dead in the market, by our count."))
    assert extract(root, composed(draft(A, killed=3), root)) == []  # nothing changed: no flag
    person(root, RID, five_killed)
    extract(root, composed(draft(A, killed=3), root))
    now = record(root)
    assert now["summary"] == "Three dead in the market, by our count."
    assert "5 killed" in now["title"]  # the title was still the generator's
    flags = [u for u in now["uncertain"] if u["field"] == "summary"]
    assert len(flags) == 1 and "written by a person" in flags[0]["why"] and "5 killed" in flags[0]["why"]
    assert validate(load_records(root)) == []
    # The flag stays while nobody acts, and once deleted it stays deleted.
    assert extract(root, composed(draft(A, killed=3), root)) == []
    person(root, RID, lambda doc: doc.__setitem__("uncertain", [u for u in doc["uncertain"]
                                                                 if u["field"] != "summary"]))
    extract(root, composed(draft(A, killed=3), root))
    assert [u for u in record(root)["uncertain"] if u["field"] == "summary"] == []


def test_merge_composes_the_kept_records_title_and_summary(tmp_path):
    root = tmp_path / "records"
    drafts = [composed(draft(A, killed=3), root), composed(draft(B, killed=4), root)]
    extract(root, *drafts)
    keep, remove = sorted(load_records(root).incidents)
    edits.run(root, "merge", keep, remove)
    now = record(root, keep)
    assert now["title"] == "Shelling in Tal Baydar: 3–4 killed" and "2 sources" in now["summary"]
    assert extract(root, *drafts) == []
