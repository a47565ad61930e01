"""An incremental render writes exactly what a full render writes.

`generator.site.render.render_briefs` renders only the pages a changed incident can show on when nothing
else changed. This suite makes a small dense project (incidents that share places and actors within
the related-incidents window), applies random edits one at a time, renders incrementally after each,
and compares the briefs folder with a full render from scratch, byte for byte. It also checks that
the incremental path was taken for incident edits, so the comparison cannot pass by always rendering
everything.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import shutil

import pytest
import yaml

from generator.site.render import (MANIFEST, default_stamp, last_render, previous_manifest, render_briefs, render_files,
                                   shown_path)
from generator.errors import InputError
from generator.records.io import load_records_fast

ROOT = Path(__file__).resolve().parent.parent

ACTORS = ["red-brigade", "blue-front", "green-army", "grey-militia", "state-forces"]
PLACES = ["north-town", "south-port", "east-ridge", "west-camp"]
ROLES = ["perpetrator", "claimed", "accused", "target", "reporter"]
TYPES = ["drone_attack", "rocket_attack", "shelling", "bombing"]
START = dt.date(2024, 3, 1)


def _incident(rng: random.Random, n: int) -> dict:
    day = START + dt.timedelta(days=rng.randrange(70))
    place = rng.choice(PLACES + [None])
    actors = [{"actor": a, "role": rng.choice(ROLES), "sources": [f"art{n}"]}
              for a in rng.sample(ACTORS, rng.randrange(1, 4))]
    return {
        "id": f"inc-{n:02d}", "former_ids": [], "title": f"Incident number {n}",
        "summary": f"Something happened, report {n}.",
        "date": day, "date_earliest": day, "date_latest": day, "date_precision": "day",
        "date_basis": "test", "event_type": rng.choice(TYPES), "weapons": ["drone"], "munitions": [],
        "location": {"name": place or "Somewhere", "place": place, "admin1": "Province", "country": "IQ",
                     "lat": 33.0 + n / 10, "lon": 44.0, "precision": "town"},
        "part_of": None, "actors": actors, "occurrence": "confirmed", "attribution": "claimed",
        "claims": [{"actor": actors[0]["actor"], "description": None, "text": f"We did it ({n}).",
                    "source": f"art{n}"}],
        "casualty_reports": [],
        "casualties": {"killed": rng.randrange(4), "wounded": {"low": 1, "high": 3, "text": "one to three"}},
        "sources": [{"article": f"art{n}", "title": f"Article {n}", "outlet": "Test Wire",
                     "url": f"https://news.example.org/{n}", "published": day + dt.timedelta(days=1),
                     "evidence": [{"text": f"Sentence {n}.", "supports": ["date"]}]}],
        "context": [], "related": [], "review": "draft",
    }


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    rng = random.Random(5)
    for aid in ACTORS:
        _write(tmp_path / "records" / "actors" / f"{aid}.yaml",
               {"id": aid, "name": aid.replace("-", " ").title(), "aliases": [], "kind": "armed_group",
                "country": "IQ", "affiliations": [], "description": ""})
    for n, pid in enumerate(PLACES):
        _write(tmp_path / "records" / "places" / f"{pid}.yaml",
               {"id": pid, "name": pid.replace("-", " ").title(), "aliases": [], "kind": "town",
                "admin1": "Province", "country": "IQ", "lat": 33.0 + n, "lon": 44.0})
    for n in range(30):
        _write(tmp_path / "records" / "incidents" / f"inc-{n:02d}.yaml", _incident(rng, n))
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path


def _incident_edit(rng: random.Random, inc: dict) -> None:
    """One change an analyst might make to an incident, keeping its id and the set of records."""
    kind = rng.randrange(9)
    if kind == 0:
        day = START + dt.timedelta(days=rng.randrange(70))
        inc.update(date=day, date_earliest=day, date_latest=day)
    elif kind == 1:
        inc["location"]["place"] = rng.choice(PLACES + [None, "not-a-place"])
    elif kind == 2:
        inc["actors"].append({"actor": rng.choice(ACTORS + ["unknown-actor"]), "role": rng.choice(ROLES),
                              "sources": []})
    elif kind == 3 and inc["actors"]:
        inc["actors"].pop(rng.randrange(len(inc["actors"])))
    elif kind == 4 and inc["actors"]:
        rng.choice(inc["actors"])["role"] = rng.choice(ROLES)
    elif kind == 5:
        inc["title"] = f"Edited title {rng.randrange(1000)} <b>&</b>"
    elif kind == 6:
        inc["related"] = [f"inc-{rng.randrange(30):02d}" for _ in range(rng.randrange(3))]
    elif kind == 7:
        inc["claims"] = [{"actor": rng.choice(ACTORS), "description": None, "text": "A new claim.",
                          "source": inc["sources"][0]["article"]}]
    else:
        inc.update(date=None, date_earliest=None, date_latest=None, date_precision="unknown")


def _assert_same_as_full(project: Path, briefs: Path) -> None:
    full = render_files(load_records_fast(project / "records"), project / "templates",
                        records_shown=shown_path(project / "records"), records_dir=project / "records")
    on_disk = {rel: (briefs / rel).read_text(encoding="utf-8") for rel in previous_manifest(briefs)}
    on_disk[MANIFEST] = (briefs / MANIFEST).read_text(encoding="utf-8")
    assert sorted(on_disk) == sorted(full)
    for rel in sorted(full):
        assert on_disk[rel] == full[rel], f"{rel} differs from a full render"


def _mode(project: Path, briefs: Path) -> str:
    return last_render(project / "records", briefs)["mode"]


@pytest.mark.parametrize("seed", range(4))
def test_incremental_render_equals_full_render_after_random_incident_edits(project, seed):
    rng = random.Random(seed)
    records, briefs = project / "records", project / "briefs"
    render_briefs(records, project / "templates", briefs)
    assert _mode(project, briefs) == "full"
    for _ in range(12):
        path = records / "incidents" / f"inc-{rng.randrange(30):02d}.yaml"
        inc = _read(path)
        for _ in range(rng.randrange(1, 3)):
            _incident_edit(rng, inc)
        _write(path, inc)
        render_briefs(records, project / "templates", briefs)
        assert _mode(project, briefs) == "incremental"
        _assert_same_as_full(project, briefs)


def test_incremental_render_falls_back_to_full_when_more_than_incidents_change(project):
    records, briefs = project / "records", project / "briefs"
    render_briefs(records, project / "templates", briefs)

    problems: list = []

    def step(change) -> str:
        change()
        # `problems` as `mkdocs serve` passes it: the broken record below gets a page saying why
        render_briefs(records, project / "templates", briefs, problems=problems)
        _assert_same_as_full(project, briefs)
        return _mode(project, briefs)

    actor = records / "actors" / "blue-front.yaml"
    assert step(lambda: _write(actor, dict(_read(actor), name="Blue Front (renamed)"))) == "full"
    place = records / "places" / "south-port.yaml"
    assert step(lambda: _write(place, dict(_read(place), lat=35.5))) == "full"
    new = _incident(random.Random(1), 40)
    assert step(lambda: _write(records / "incidents" / "inc-40.yaml", new)) == "full"
    assert step(lambda: (records / "incidents" / "inc-03.yaml").unlink()) == "full"
    moved = records / "incidents" / "inc-04.yaml"
    assert step(lambda: _write(moved, dict(_read(moved), former_ids=["old-four"]))) == "full"
    broken = records / "incidents" / "inc-05.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError):  # without a `problems` list, render refuses before writing
        render_briefs(records, project / "templates", briefs)
    assert step(lambda: None) == "full" and [p.path[-len("incidents/inc-05.yaml"):] for p in problems] \
        == ["incidents/inc-05.yaml"]
    assert "cannot read YAML" in (briefs / "incidents" / "inc-05.md").read_text(encoding="utf-8")
    hand = briefs / "incidents" / "inc-06.md"
    edit = records / "incidents" / "inc-07.yaml"
    assert step(lambda: (hand.write_text("edited by hand\n", encoding="utf-8"),
                         _write(edit, dict(_read(edit), title="Seventh")))) == "full"
    assert step(lambda: _write(edit, dict(_read(edit), title="Seventh again"))) == "incremental"
    template = project / "templates" / "incident.md.j2"
    assert step(lambda: template.write_text(template.read_text(encoding="utf-8") + "\nFooter.\n",
                                            encoding="utf-8")) == "full"
    assert step(lambda: _write(edit, dict(_read(edit), title="Seventh, third time"))) == "incremental"


def test_incremental_render_survives_a_damaged_state_file(project):
    records, briefs = project / "records", project / "briefs"
    render_briefs(records, project / "templates", briefs)
    for state in default_stamp(records).parent.glob("render-state-*.pickle"):
        state.write_bytes(b"not a pickle")
    path = records / "incidents" / "inc-08.yaml"
    _write(path, dict(_read(path), title="After damage"))
    render_briefs(records, project / "templates", briefs)
    assert _mode(project, briefs) == "full"
    _assert_same_as_full(project, briefs)


def test_incremental_render_renders_only_the_period_briefs_an_edit_can_change(project):
    """A title edit re-renders the briefs of the incident's week and month, the next ones (they compare
    against it) and those where its actors first appear, not every brief; the result is a full render's."""
    from generator.site.periods import pages_showing, week_key
    from generator.site.views import Site

    records, briefs = project / "records", project / "briefs"
    render_briefs(records, project / "templates", briefs)
    old = load_records_fast(records)
    path = records / "incidents" / "inc-08.yaml"
    _write(path, dict(_read(path), title="Only the title changed"))
    new = load_records_fast(records)
    keys = pages_showing(Site(old.incidents, old.actors, old.places), Site(new.incidents, new.actors, new.places),
                         ["inc-08"])
    every = {p.stem for p in (briefs / "periods").glob("*.md")} - {"index"}
    day = new.incidents["inc-08"]["date"]
    assert week_key(day) in keys and keys < every
    render_briefs(records, project / "templates", briefs)
    assert _mode(project, briefs) == "incremental"
    assert "Only the title changed" in (briefs / "periods" / f"{week_key(day)}.md").read_text(encoding="utf-8")
    _assert_same_as_full(project, briefs)
    # moving the incident to a week with no brief yet adds a brief and renders every one
    _write(path, dict(_read(path), date=dt.date(2025, 6, 4), date_earliest=dt.date(2025, 6, 4),
                      date_latest=dt.date(2025, 6, 4)))
    render_briefs(records, project / "templates", briefs)
    assert _mode(project, briefs) == "incremental" and (briefs / "periods" / "2025-W23.md").is_file()
    _assert_same_as_full(project, briefs)
    _write(path, dict(_read(path), date=day, date_earliest=day, date_latest=day))
    render_briefs(records, project / "templates", briefs)
    assert not (briefs / "periods" / "2025-W23.md").exists()
    _assert_same_as_full(project, briefs)
