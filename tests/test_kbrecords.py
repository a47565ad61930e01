"""Records that use the knowledge base directly, and actors and places no incident names
(generator/records/kbrecords.py): render and check take an actor or place the knowledge base knows without a
record file, `edit actor|place ID` writes the file, orphans leave the site, and extract deletes the
orphan files it wrote and nobody touched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.site.render import render_briefs, render_files
from generator.records.io import load_records, load_records_fast
from generator.records.check import validate
from tests.test_edits import GROUP, PLACE, A, draft
from generator.records.merge import Drafts
from tests.records_helpers import update_records

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "records"
TEMPLATES = ROOT / "templates"
INCIDENT = "incidents/2024-01-28-erbil-air-base-rocket-attack.yaml"


@pytest.fixture
def records(tmp_path) -> Path:
    root = tmp_path / "records"
    shutil.copytree(FIXTURES, root)
    return root


def point_at_kb(root: Path) -> None:
    """An analyst points an incident at an actor and a place that only the knowledge base knows."""
    path = root / INCIDENT
    text = path.read_text(encoding="utf-8")
    assert "place: erbil-air-base" in text
    text = text.replace("place: erbil-air-base", "place: kirkuk")
    text = text.replace("actors:\n", "actors:\n  - actor: iran\n    role: accused\n    sources: []\n", 1)
    path.write_text(text, encoding="utf-8")
    assert not (root / "actors" / "iran.yaml").exists() and not (root / "places" / "kirkuk.yaml").exists()


def test_check_and_render_take_knowledge_base_entries(records):
    before = validate(load_records(records))  # the fixtures hold a few deliberate problems
    point_at_kb(records)
    assert validate(load_records(records)) == before
    files = render_files(load_records_fast(records), TEMPLATES)
    assert "# Iran" in files["actors/iran.md"] and "Kirkuk" in files["places/kirkuk.md"]
    assert "35.468" in files["places/kirkuk.md"] or "35.47" in files["places/kirkuk.md"]  # the KB's coordinates
    assert 'href="iran.html"' in files["actors/index.md"] and 'href="kirkuk.html"' in files["places/index.md"]
    page = files["incidents/2024-01-28-erbil-air-base-rocket-attack.md"]
    assert "../actors/iran.html" in page and ">Iran<" in page


def test_orphan_actors_and_places_leave_the_site(records):
    point_at_kb(records)  # erbil-air-base is now named by no incident
    (records / "actors" / "lonely-group.yaml").write_text(
        "id: lonely-group\nname: Lonely Group\naliases: []\nkind: armed_group\ncountry: null\naffiliations: []\n"
        "description: null\n", encoding="utf-8")
    files = render_files(load_records_fast(records), TEMPLATES)
    assert "places/erbil-air-base.md" not in files and "erbil-air-base.html" not in files["places/index.md"]
    assert "actors/lonely-group.md" not in files and "Lonely Group" not in files["actors/index.md"]
    assert (records / "actors" / "lonely-group.yaml").exists()  # render never touches records


def test_an_incremental_render_drops_orphans_and_adds_kb_entries_as_a_full_one(records, tmp_path):
    templates, briefs = tmp_path / "templates", tmp_path / "briefs"
    shutil.copytree(TEMPLATES, templates)
    render_briefs(records, templates, briefs)
    assert (briefs / "places" / "erbil-air-base.md").exists()
    point_at_kb(records)
    render_briefs(records, templates, briefs)
    assert not (briefs / "places" / "erbil-air-base.md").exists() and (briefs / "actors" / "iran.md").exists()
    full = render_files(load_records_fast(records), templates)
    on_disk = {p.relative_to(briefs).as_posix(): p.read_text(encoding="utf-8") for p in briefs.rglob("*.md")}
    assert {rel: text for rel, text in full.items() if rel.endswith(".md")} == on_disk


def test_edit_writes_the_record_from_the_knowledge_base(records, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["edit", "--help"])
    assert exit_.value.code == 0 and "knowledge base" in capsys.readouterr().out
    assert cli.main(["edit", "actor", "iran", "--records", str(records)]) == 0
    text = (records / "actors" / "iran.yaml").read_text(encoding="utf-8")
    assert "name: Iran" in text and (records / ".generated" / "actors" / "iran.yaml").read_text() == text
    capsys.readouterr()
    assert cli.main(["edit", "actor", "iran", "--records", str(records)]) == 1
    assert f"{records.as_posix()}/actors/iran.yaml: the record exists already" in capsys.readouterr().err
    assert cli.main(["edit", "place", "no-such-place-x", "--records", str(records)]) == 1
    err = capsys.readouterr().err
    assert "places/no-such-place-x.yaml" in err and "knowledge base has no place" in err
    assert cli.main(["edit", "place", "../kirkuk", "--records", str(records)]) == 1
    assert not (records.parent / "kirkuk.yaml").exists()


OTHER = {**GROUP, "id": "grey-band", "name": "Grey Band"}


def test_extract_deletes_only_untouched_orphan_files(tmp_path):
    root = tmp_path / "records"
    update_records(root, Drafts(incidents=[draft(A)], actors=[GROUP, OTHER], places=[PLACE]))
    assert (root / "actors" / "grey-band.yaml").exists()  # drafted, though no incident names it
    kept = {**OTHER, "id": "kept-band", "name": "Kept Band"}
    update_records(root, Drafts(incidents=[draft(A)], actors=[GROUP, OTHER, kept], places=[PLACE]))
    edited = root / "actors" / "kept-band.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Kept Band", "Kept Band (checked)"),
                      encoding="utf-8")
    update_records(root, Drafts(incidents=[draft(A)], actors=[GROUP], places=[PLACE]))
    assert not (root / "actors" / "grey-band.yaml").exists()
    assert not (root / ".generated" / "actors" / "grey-band.yaml").exists()
    assert "Kept Band (checked)" in edited.read_text(encoding="utf-8")  # a person's edit stays
    assert (root / "actors" / "red-brigade.yaml").exists()  # still named by the incident
    assert validate(load_records(root)) == []


def test_an_actor_without_a_page_is_named_as_the_knowledge_base_names_it():
    """A parent group no incident names gets no page; where an actor page lists it among its affiliations
    it reads as its name, not as its id."""
    from generator.site.views import Site

    ref = Site({}, {}, {}).actor_ref("axis-of-resistance")
    assert (ref["name"], ref["page"]) == ("Axis of Resistance", None)
    assert Site({}, {}, {}).actor_ref("no-such-group")["name"] == "no-such-group"


@pytest.mark.slow
def test_kb_files_edited_writes_only_what_someone_edits(tmp_path, capsys, monkeypatch):
    """`--kb-files edited`: extract writes no actor or place file the knowledge base holds; check (with the
    same setting) and render take them from the knowledge base; `edit` writes one, a person's change stays
    through the next extract, and check still passes. Checked with the other setting, the files are missing."""
    seeds, records, briefs = tmp_path / "seeds", tmp_path / "records", tmp_path / "briefs"
    shutil.copytree(ROOT / "seeds", seeds)
    common = ["--records", str(records)]
    check = ["check", *common, "--seeds", str(seeds), "--briefs", str(briefs), "--templates", str(TEMPLATES),
             "--no-cache"]
    monkeypatch.setenv("BRIEFING_KB_FILES", "edited")
    assert cli.main(["extract", "--seeds", str(seeds), *common, "--no-cache", "--no-progress"]) == 0
    assert not (records / "actors").exists() and not (records / "places").exists()
    render_briefs(records, TEMPLATES, briefs)
    named = sorted(p.stem for p in (briefs / "actors").glob("*.md") if p.stem != "index")
    assert named and sorted(p.stem for p in (briefs / "places").glob("*.md") if p.stem != "index")
    assert cli.main(check) == 0
    monkeypatch.delenv("BRIEFING_KB_FILES")
    capsys.readouterr()
    assert cli.main(check) == 1
    assert f"records/actors/{named[0]}.yaml: missing" in capsys.readouterr().out

    assert cli.main(["edit", "actor", named[0], *common]) == 0
    path = records / "actors" / f"{named[0]}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("description:", "description: Checked by hand.\n"
                                                             "# was:", 1), encoding="utf-8")
    assert cli.main(["extract", "--kb-files", "edited", "--seeds", str(seeds), *common, "--no-cache",
                     "--no-progress"]) == 0
    assert "Checked by hand." in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in (records / "actors").iterdir()) == [path.name]
    render_briefs(records, TEMPLATES, briefs)
    assert "Checked by hand." in (briefs / "actors" / f"{named[0]}.md").read_text(encoding="utf-8")
    assert cli.main([*check, "--kb-files", "edited"]) == 0
