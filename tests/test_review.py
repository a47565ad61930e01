"""`review`: drafts newest first with their uncertain fields, read defensively, printed safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli
from generator.records.review import clean, drafts


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
