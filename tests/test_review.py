"""`review`: drafts newest first with their uncertain fields, read defensively, printed safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli
from generator.records.review import clean, drafts

ROOT = Path(__file__).resolve().parent.parent


def write(root: Path, rid: str, body: str) -> None:
    path = root / "incidents" / f"{rid}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"id: {rid}\n{body}", encoding="utf-8")


SOURCES = ("sources:\n  - article: a1\n    published: 2024-03-02\n  - article: a2\n    published: 2024-03-04\n")


@pytest.fixture
def records(tmp_path):
    root = tmp_path / "records"
    write(root, "2024-03-01-town-shelling", "title: Shelling in Town\ndate: 2024-03-01\n"
          "uncertain:\n  - {field: date, why: 'only \"last week\" in the text'}\n  - {field: killed, why: vague}\n"
          + SOURCES + "review: draft\n")
    write(root, "2024-03-05-port-drone-attack", "title: Drone attack on the port\ndate: 2024-03-05\n"
          "uncertain: []\nsources: []\nreview: draft\n")
    write(root, "2024-03-09-base-rocket-attack", "title: Reviewed one\ndate: 2024-03-09\nreview: reviewed\n")
    write(root, "undated-hill-bombing", "title: \"Bombing \\e[31mred\\e[0m on the hill\"\ndate: null\n"
          "uncertain: not a list\nreview: draft\n")
    write(root, "2024-03-01-camp-armed-clash", "title: Clash at camp\ndate: 2024-03-01\n"
          "uncertain: [date, {why: no field}, {field: place}]\nreview: draft\n")
    return root


def test_drafts_newest_first_with_uncertain_fields(records):
    items, problems = drafts(records)
    assert problems == []
    # Same day: the one with the newer source first.
    assert [i.id for i in items] == ["2024-03-05-port-drone-attack", "2024-03-01-town-shelling",
                                     "2024-03-01-camp-armed-clash", "undated-hill-bombing"]
    by_id = {i.id: i for i in items}
    assert by_id["2024-03-01-town-shelling"].uncertain == ['date (only "last week" in the text)', "killed (vague)"]
    assert by_id["2024-03-01-town-shelling"].sources == 2
    assert by_id["2024-03-05-port-drone-attack"].uncertain == []
    assert by_id["undated-hill-bombing"].uncertain == ["(unreadable uncertain: not a list)"]
    assert by_id["2024-03-01-camp-armed-clash"].uncertain == [
        "(unreadable entry: date)", "(unreadable entry: {'why': 'no field'})", "place"]
    assert "\x1b" not in by_id["undated-hill-bombing"].title and "?[31mred" in by_id["undated-hill-bombing"].title


def test_review_command(records, capsys):
    assert cli.main(["review", "--records", str(records)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("2024-03-05  2024-03-05-port-drone-attack  Drone attack on the port")
    assert 'uncertain: date (only "last week" in the text); killed (vague)' in captured.out
    assert "Reviewed one" not in captured.out and "\x1b" not in captured.out
    assert "4 draft incidents to review (3 with uncertain fields)" in captured.err


def test_review_help(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["review", "--help"])
    assert exc.value.code == 0 and "uncertain" in capsys.readouterr().out


def test_clean_replaces_control_and_bidi_characters():
    assert clean("a\x1b[2Jb\u202ec\nd") == "a?[2Jb?c d"
    assert len(clean("x" * 500)) == 160


def test_review_page_lists_what_the_command_prints_in_the_same_order(records, capsys):
    from generator.site.render import render_files
    from generator.records.io import load_records_fast

    write(records, "2024-03-02-yard-bombing", "title: \"<script>alert(1)</script> yard\"\ndate: 2024-03-02\n"
          "uncertain:\n  - {field: place, why: '<img src=x onerror=alert(2)>'}\nreview: draft\n")
    items, _ = drafts(records)
    page = render_files(load_records_fast(records), ROOT / "templates", records_dir=records)["review.md"]
    positions = [page.index(f'href="incidents/{item.id}.html"') for item in items]
    assert positions == sorted(positions) and len(items) == 5
    assert "Reviewed one" not in page
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; yard" in page
    assert "<img" not in page and "place (&lt;img src=x onerror=alert(2)&gt;)" in page
    assert "records/incidents/2024-03-01-town-shelling.yaml" in page
    assert cli.main(["review", "--records", str(records)]) == 0
    printed = [line.split()[1] for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert printed == [item.id for item in items]


def test_a_reviewed_record_that_gains_sources_is_listed_again(tmp_path, capsys):
    from generator.site.render import render_files
    from generator.records.dump import dump_document
    from generator.records.io import load_records_fast, parse_yaml
    from tests.test_edits import A, B, draft, extract

    root = tmp_path / "records"
    extract(root, draft(A))
    (rid,) = [p.stem for p in (root / "incidents").glob("*.yaml")]
    rel = f"incidents/{rid}.yaml"
    doc, _ = parse_yaml((root / rel).read_text(encoding="utf-8"), rel)
    doc["review"] = "reviewed"
    (root / rel).write_text(dump_document(doc), encoding="utf-8")
    assert drafts(root)[0] == []
    extract(root, draft(A, B))  # a new article about the reviewed incident
    items, _ = drafts(root)
    assert [(i.id, i.new_sources) for i in items] == [(rid, [B[0]])]
    assert "review: reviewed" in (root / rel).read_text(encoding="utf-8")  # the record itself stays as reviewed
    page = render_files(load_records_fast(root), ROOT / "templates", records_dir=root)["review.md"]
    assert f'href="incidents/{rid}.html"' in page and f"Reviewed; sources added since: {B[0]}" in page
    assert cli.main(["review", "--records", str(root)]) == 0
    assert f"reviewed; sources added since: {B[0]}" in capsys.readouterr().out
    # Set back to draft, the next run forgets it (the review starts over).
    doc, _ = parse_yaml((root / rel).read_text(encoding="utf-8"), rel)
    doc["review"] = "draft"
    (root / rel).write_text(dump_document(doc), encoding="utf-8")
    extract(root, draft(A, B))
    assert [i.new_sources for i in drafts(root)[0]] == [[]]


def test_review_page_lists_the_newest_drafts_and_says_how_many_wait(tmp_path, monkeypatch):
    """A work queue, not every draft of a large corpus on one page: the newest REVIEW_PAGE_MAX, the count of
    all, and the command that lists them all."""
    from generator.records.io import load_records_fast
    from generator.site import pages
    from generator.site.render import render_files

    root = tmp_path / "records"
    for day in range(1, 8):
        write(root, f"2024-03-0{day}-town-shelling", f"title: Shelling {day}\ndate: 2024-03-0{day}\nreview: draft\n")
    monkeypatch.setattr(pages, "REVIEW_PAGE_MAX", 3)
    page = render_files(load_records_fast(root), ROOT / "templates", records_dir=root)["review.md"]
    listed = [day for day in range(1, 8) if f'href="incidents/2024-03-0{day}-town-shelling.html"' in page]
    assert listed == [5, 6, 7]
    assert "The newest 3 of 7 records waiting" in page and "python -m generator review" in page
    monkeypatch.setattr(pages, "REVIEW_PAGE_MAX", 300)
    whole = render_files(load_records_fast(root), ROOT / "templates", records_dir=root)["review.md"]
    assert "The newest" not in whole and whole.count('href="incidents/2024-03-0') == 7
