"""rename, merge and split: each edit survives the next extraction, keeps comments, and leaves valid records."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator import cli

from generator.records import edits
from generator.errors import InputError
from generator.records.casualties import span_reports
from generator.records.merge import Drafts
from generator.records.dump import dump_document
from generator.records.io import load_records, parse_yaml, to_plain
from tests.records_helpers import update_records
from generator.records.check import validate

DAY = dt.date(2024, 5, 14)
GROUP = {"id": "red-brigade", "name": "Red Brigade", "aliases": [], "kind": "armed_group", "country": "SY",
         "affiliations": [], "description": None, "review": "draft"}
PLACE = {"id": "tal-baydar", "name": "Tal Baydar", "aliases": [], "kind": "town", "admin1": "Hasakah",
         "country": "SY", "lat": 36.7, "lon": 40.9}


def source(article: str, *sentences: str) -> dict:
    return {"article": article, "title": f"Report {article}", "outlet": "Local Desk", "url": None,
            "published": DAY, "evidence": [{"text": s, "supports": ["event_type"]} for s in sentences]}


def draft(*articles: tuple[str, list[str]], killed: int | None = None, event: str = "shelling") -> dict:
    """A draft as extraction hands it over, citing each (article, sentences)."""
    ids = [a for a, _ in articles]
    reports = [{"source": a, "according_to": None, "party": None,
                "killed": {"low": killed + i, "high": killed + i, "text": f"{killed + i} people"},
                "wounded": None} for i, a in enumerate(ids)] if killed is not None else []
    return {
        "id": None, "former_ids": [], "title": f"Shelling in Tal Baydar ({', '.join(ids)})", "summary": None,
        "date": DAY, "date_earliest": DAY, "date_latest": DAY, "date_precision": "day",
        "date_basis": "'on Tuesday'", "event_type": event, "weapons": ["artillery"],
        "munitions": [{"weapon": "artillery", "count": None, "intercepted": None, "impacted": None, "source": a}
                      for a in ids],
        "location": {"name": "Tal Baydar", "place": "tal-baydar", "admin1": "Hasakah", "country": "SY",
                     "lat": 36.7, "lon": 40.9, "precision": "town"},
        "part_of": None,
        "actors": [{"actor": "red-brigade", "role": "accused", "sources": list(ids)}],
        "occurrence": "reported", "attribution": "accused",
        "claims": [],
        "casualty_reports": reports,
        "casualties": {"killed": span_reports([r["killed"] for r in reports]), "wounded": None},
        "sources": [source(a, *sentences) for a, sentences in articles],
        "context": [], "related": [], "review": "draft",
    }


A = ("a_wire", ["Shells hit the market of Tal Baydar on Tuesday, a monitor said."])
B = ("b_local", ["Residents of Tal Baydar described heavy shelling of the town centre.",
                 "The shelling lasted an hour, residents said."])
C = ("c_other", ["A drone struck a car near Tal Baydar on Tuesday."])


def extract(root: Path, *incidents: dict) -> list[str]:
    """What `extract` does with these drafts: the reconcile run, under the lock, written atomically."""
    return update_records(root, Drafts(incidents=[copy.deepcopy(i) for i in incidents], actors=[GROUP],
                                       places=[PLACE]))


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def ids(root: Path) -> list[str]:
    return sorted(load_records(root).incidents)


def annotate(root: Path, rid: str, comment: str) -> None:
    """A person's edit: a comment on the title, through the round trip."""
    rel = f"incidents/{rid}.yaml"
    data, problems = parse_yaml((root / rel).read_text(encoding="utf-8"), rel)
    assert problems == []
    data.yaml_add_eol_comment(comment, "title")
    (root / rel).write_text(dump_document(data), encoding="utf-8")


def assert_stable(root: Path, *incidents: dict) -> None:
    """The next extraction of the same drafts writes nothing, and the records are valid."""
    before = snapshot(root)
    assert extract(root, *incidents) == []
    assert snapshot(root) == before
    assert validate(load_records(root)) == []


# ----------------------------------------------------------------------------------------- rename


def test_rename_moves_file_id_and_memory_and_survives_extract(tmp_path):
    root = tmp_path / "records"
    extract(root, draft(A), draft(C, event="drone_attack"))
    other, old = ids(root)
    assert old.endswith("shelling") and other.endswith("drone-attack")
    annotate(root, old, "checked against the monitor's list")
    rel = f"incidents/{other}.yaml"  # the other record points at it
    data, _ = parse_yaml((root / rel).read_text(), rel)
    data["related"].append(old)
    (root / rel).write_text(dump_document(data))

    changed, notes = edits.run(root, "rename", old, "tal-baydar-market-shelling")
    assert f"incidents/{old}.yaml" in changed and ".generated/incidents/tal-baydar-market-shelling.yaml" in changed
    assert not (root / f"incidents/{old}.yaml").exists()
    assert not (root / f".generated/incidents/{old}.yaml").exists()
    text = (root / "incidents/tal-baydar-market-shelling.yaml").read_text()
    assert text.startswith(f"id: tal-baydar-market-shelling\nformer_ids: [{old}]\ntitle: ")
    assert "# checked against the monitor's list" in text
    assert to_plain(load_records(root).incidents[other]["related"]) == ["tal-baydar-market-shelling"]
    assert any("kept in former_ids" in note for note in notes)
    assert_stable(root, draft(A), draft(C, event="drone_attack"))
    assert ids(root) == sorted(["tal-baydar-market-shelling", other])


def test_rename_refuses_taken_or_unsafe_ids_and_changes_nothing(tmp_path):
    root = tmp_path / "records"
    extract(root, draft(A), draft(C, event="drone_attack"))
    first, second = ids(root)
    before = snapshot(root)
    for new, message in ((second, "already an id"), ("../escape", "not a plain slug"), ("Big Name", "plain slug")):
        with pytest.raises(InputError, match=message):
            edits.run(root, "rename", first, new)
    with pytest.raises(InputError, match="no incident record"):
        edits.run(root, "rename", "2020-01-01-nowhere-other", "fine-id")
    edits.run(root, "rename", first, "renamed-once")
    with pytest.raises(InputError, match="already an id, a former id"):
        edits.run(root, "rename", second, first)  # a former id is never reused
    with pytest.raises(InputError, match=f"former id of renamed-once"):
        edits.run(root, "rename", first, "again")
    assert snapshot(root) != before


# ------------------------------------------------------------------------------------------ merge


@pytest.mark.parametrize("keep_first", [True, False])
def test_merge_unites_and_the_next_extract_does_not_undo_it(tmp_path, keep_first):
    root = tmp_path / "records"
    # The generator drafts one shelling twice (different wording, a day's doubt): two records.
    drafts = (draft(A, killed=3), draft(B, killed=4))
    extract(root, *drafts)
    first, second = ids(root)
    keep, remove = (first, second) if keep_first else (second, first)
    annotate(root, keep, "one shelling, two reports")

    changed, _ = edits.run(root, "merge", keep, remove)
    assert f"incidents/{remove}.yaml" in changed
    assert ids(root) == [keep]
    record = to_plain(load_records(root).incidents[keep])
    assert [s["article"] for s in record["sources"]] == ([A[0], B[0]] if keep_first else [B[0], A[0]])
    assert sum(len(s["evidence"]) for s in record["sources"]) == 3
    assert record["former_ids"] == [remove]
    assert {r["source"] for r in record["casualty_reports"]} == {A[0], B[0]}
    assert {m["source"] for m in record["munitions"]} == {A[0], B[0]}
    assert record["actors"] == [{"actor": "red-brigade", "role": "accused",
                                 "sources": [A[0], B[0]] if keep_first else [B[0], A[0]]}]
    assert record["casualties"]["killed"]["low"] == 3 and record["casualties"]["killed"]["high"] == 4
    assert "# one shelling, two reports" in (root / f"incidents/{keep}.yaml").read_text()
    assert not (root / f".generated/incidents/{remove}.yaml").exists()
    assert (root / f".generated/incidents/{remove}.merged-into-{keep}.yaml").exists()

    assert_stable(root, *drafts)
    assert ids(root) == [keep]
    # A new article that the generator adds to the removed record's draft is added to the kept record,
    # once: after the analyst deletes it, it stays deleted.
    more = draft(B, killed=4)
    more["sources"].append(source("d_late", "A later report on the Tal Baydar shelling."))
    extract(root, draft(A, killed=3), more)
    assert ids(root) == [keep]
    assert "d_late" in [s["article"] for s in to_plain(load_records(root).incidents[keep])["sources"]]
    assert_stable(root, draft(A, killed=3), more)
    rel = f"incidents/{keep}.yaml"
    data, _ = parse_yaml((root / rel).read_text(), rel)
    del data["sources"][-1]
    (root / rel).write_text(dump_document(data))
    extract(root, draft(A, killed=3), more)
    assert "d_late" not in [s["article"] for s in to_plain(load_records(root).incidents[keep])["sources"]]
    assert "# one shelling, two reports" in (root / rel).read_text()


def test_merge_refuses_unknown_or_same_ids(tmp_path):
    root = tmp_path / "records"
    extract(root, draft(A), draft(B))
    first, _ = ids(root)
    before = snapshot(root)
    with pytest.raises(InputError, match="itself"):
        edits.run(root, "merge", first, first)
    with pytest.raises(InputError, match="no incident record"):
        edits.run(root, "merge", first, "2024-05-14-nowhere-shelling")
    assert snapshot(root) == before


# ------------------------------------------------------------------------------------------ split


def test_split_moves_sources_and_the_next_extract_keeps_both_parts(tmp_path):
    root = tmp_path / "records"
    both = draft(A, C, killed=2)  # the generator folded a drone strike into the shelling
    extract(root, both)
    (rid,) = ids(root)
    annotate(root, rid, "the drone strike is another incident")

    changed, _ = edits.run(root, "split", rid, [C[0]], new_id="2024-05-14-tal-baydar-drone-attack")
    new = "2024-05-14-tal-baydar-drone-attack"
    assert f"incidents/{new}.yaml" in changed
    records = load_records(root).incidents
    kept, part = to_plain(records[rid]), to_plain(records[new])
    assert [s["article"] for s in kept["sources"]] == [A[0]]
    assert [s["article"] for s in part["sources"]] == [C[0]]
    assert [r["source"] for r in kept["casualty_reports"]] == [A[0]]
    assert kept["casualties"]["killed"] == {"low": 2, "high": 2, "text": "2 people"}
    assert part["casualties"]["killed"] == {"low": 3, "high": 3, "text": "3 people"}
    assert kept["actors"][0]["sources"] == [A[0]] and part["actors"][0]["sources"] == [C[0]]
    assert part["review"] == "draft" and part["related"] == [rid] and new in kept["related"]
    assert "# the drone strike is another incident" in (root / f"incidents/{rid}.yaml").read_text()

    assert_stable(root, both)
    # If a later generator drafts the two apart, neither part loses what it holds.
    extract(root, draft(A, killed=2), draft(C, killed=3, event="drone_attack"))
    records = load_records(root).incidents
    assert sorted(records) == sorted([rid, new])
    assert [s["article"] for s in to_plain(records[rid])["sources"]] == [A[0]]
    assert [s["article"] for s in to_plain(records[new])["sources"]] == [C[0]]


def test_split_refuses_unknown_articles_or_moving_everything(tmp_path):
    root = tmp_path / "records"
    extract(root, draft(A, C))
    (rid,) = ids(root)
    before = snapshot(root)
    with pytest.raises(InputError, match="'zz' is not among"):
        edits.run(root, "split", rid, ["zz"])
    with pytest.raises(InputError, match="every source would move"):
        edits.run(root, "split", rid, [A[0], C[0]])
    with pytest.raises(InputError, match="already an id"):
        edits.run(root, "split", rid, [C[0]], new_id=rid)
    assert snapshot(root) == before
    changed, _ = edits.run(root, "split", rid, [C[0]])  # default id: date, place, type, made unique
    assert f"incidents/{rid}-2.yaml" in changed


# -------------------------------------------------------------------------------------------- CLI


@pytest.mark.parametrize("command", ["rename", "merge", "split"])
def test_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main([command, "--help"])
    assert exc.value.code == 0 and "memory" in capsys.readouterr().out


def test_cli_rename_and_error_message(tmp_path, capsys):
    root = tmp_path / "records"
    extract(root, draft(A))
    (rid,) = ids(root)
    assert cli.main(["rename", rid, "market-shelling", "--records", str(root)]) == 0
    assert f"{root.as_posix()}/incidents/market-shelling.yaml" in capsys.readouterr().out
    assert cli.main(["merge", "market-shelling", "nope", "--records", str(root)]) == 1
    assert "error: incidents/nope.yaml: no incident record with id 'nope'" in capsys.readouterr().err


# ------------------------------------------------------------------------- with the real extraction


@pytest.mark.slow
def test_each_edit_survives_extract_and_check_on_the_seeds(tmp_path):
    """rename, merge and split on what `extract` makes of seeds/; after each, `extract` again changes no
    record and `check` (records valid, records what the seeds make, briefs rendered) passes."""
    from generator.site.render import render_briefs
    from generator.commands.check import run_check
    from generator.extract.run import run_extract

    root = Path(__file__).resolve().parent.parent
    seeds, records, briefs, cache = tmp_path / "seeds", tmp_path / "records", tmp_path / "briefs", tmp_path / "cache"
    shutil.copytree(root / "seeds", seeds)
    shutil.copytree(root / "briefs", briefs)
    templates = root / "templates"
    run_extract(seeds, records, jobs=1, cache_dir=cache)

    def settle() -> None:
        render_briefs(records, templates, briefs)
        before = {k: v for k, v in snapshot(records).items() if not k.startswith(".generated/")}
        report = run_extract(seeds, records, jobs=1, cache_dir=cache)
        assert [rel for rel in report.changed if not rel.startswith(".generated/")] == []
        assert {k: v for k, v in snapshot(records).items() if not k.startswith(".generated/")} == before
        assert run_check(records, templates, briefs, seeds, cache) == ([], [])

    settle()
    incidents = load_records(records).incidents
    two = next(rid for rid, doc in sorted(incidents.items()) if len(doc["sources"]) >= 2)
    one, other = [rid for rid in sorted(incidents) if rid != two][:2]

    edits.run(records, "rename", two, "renamed-incident")
    settle()
    assert "renamed-incident" in load_records(records).incidents

    edits.run(records, "merge", one, other)
    settle()
    assert other not in load_records(records).incidents

    moved = to_plain(load_records(records).incidents["renamed-incident"])["sources"][-1]["article"]
    edits.run(records, "split", "renamed-incident", [moved], new_id="split-off")
    settle()
    final = load_records(records).incidents
    assert sorted(final) == sorted([one, "renamed-incident", "split-off"])
    assert [s["article"] for s in to_plain(final["split-off"])["sources"]] == [moved]
