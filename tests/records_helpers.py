"""Helpers and sample records the record tests share (not part of the generator)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from generator import fsio
from generator.records.check import validate
from generator.records.dump import dump_document
from generator.records.io import load_records, parse_yaml
from generator.records.merge import Drafts, reconcile, write_reconciled


def update_records(records_dir: Path, drafts: Drafts) -> list[str]:
    """Reconcile and write under the run lock, as `extract` does; returns the relpaths that changed."""
    with fsio.run_lock(records_dir):
        return write_reconciled(records_dir, reconcile(records_dir, drafts))


INCIDENT_ID = "2024-01-02-camp-alpha-rocket-attack"


INCIDENT_REL = f"incidents/{INCIDENT_ID}.yaml"


GOOD_INCIDENT = """\
id: 2024-01-02-camp-alpha-rocket-attack
former_ids: []
title: Rocket attack on Camp Alpha
summary: null
date: 2024-01-02
event_type: rocket_attack
weapons: [rocket]
location:
  name: Camp Alpha
  place: camp-alpha
  country: "IQ"
  precision: site
actors:
  - actor: group-x
    role: claimed
    sources: [art_a]
occurrence: reported
attribution: claimed
casualties:
  killed: null
  wounded: {low: 2, high: null, text: two soldiers}
sources:
  - article: art_a
    evidence:
      - text: Rockets struck the base.
        supports: [date]
review: draft
"""


def write_records(root: Path, incident: str | None = GOOD_INCIDENT, **extra: str) -> Path:
    """A records folder with one actor, one place and (by default) one good incident."""
    for kind in ("incidents", "actors", "places"):
        (root / kind).mkdir(parents=True, exist_ok=True)
    (root / "actors/group-x.yaml").write_text("id: group-x\nname: Group X\nkind: armed_group\n")
    (root / "places/camp-alpha.yaml").write_text("id: camp-alpha\nname: Camp Alpha\n")
    if incident is not None:
        (root / INCIDENT_REL).write_text(incident, encoding="utf-8")
    for rel, text in extra.items():
        (root / rel.replace("__", "/")).write_text(text, encoding="utf-8")
    return root


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in validate(load_records(root))]


def plain_incident(**changes) -> dict:
    record = {
        "id": INCIDENT_ID, "former_ids": [], "title": "Rocket attack on Camp Alpha", "summary": None,
        "date": dt.date(2024, 1, 2), "date_earliest": dt.date(2024, 1, 2), "date_latest": dt.date(2024, 1, 2),
        "date_precision": "day", "date_basis": "'on Tuesday' in art_a", "event_type": "rocket_attack",
        "weapons": ["rocket"],
        "munitions": [{"weapon": "rocket", "count": 3, "intercepted": None, "impacted": 3, "source": "art_a"}],
        "location": {"name": "Camp Alpha", "place": "camp-alpha", "admin1": "Anbar", "country": "NO",
                     "lat": 33.5, "lon": 42.25, "precision": "site"},
        "part_of": None,
        "actors": [{"actor": "group-x", "role": "claimed", "sources": ["art_a"]}],
        "occurrence": "reported", "attribution": "claimed",
        "uncertain": [{"field": "wounded", "why": "the report speaks of 'casualties' but gives no figure"}],
        "claims": [{"actor": "group-x", "description": None, "text": "Group X said it fired “three rockets”.",
                    "source": "art_a"}],
        "casualty_reports": [{"source": "art_a", "according_to": "officials", "party": "soldiers",
                              "killed": None, "wounded": {"low": 2, "high": None, "text": "two soldiers"}}],
        "casualties": {"killed": None, "wounded": {"low": 2, "high": None, "text": "two soldiers"}},
        "sources": [{"article": "art_a", "title": "Base hit", "outlet": "Wire", "url": None,
                     "published": dt.date(2024, 1, 2),
                     "evidence": [{"text": "Rockets struck the base on Tuesday.", "supports": ["date"]}]}],
        "context": [], "related": [], "review": "draft",
    }
    record.update(changes)
    return record


def run(root: Path, d: Drafts) -> list[str]:
    return update_records(root, d)


def read(root: Path, rel: str = INCIDENT_REL) -> str:
    return (root / rel).read_text(encoding="utf-8")


def draft_incident(evidence=("Rockets struck the base on Tuesday.",), article="art_a", **changes) -> dict:
    """A draft as extraction hands it over: plain dicts, no id."""
    record = plain_incident(id=None, **changes)
    record["sources"] = [{"article": article, "title": "Base hit", "outlet": "Wire", "url": None,
                          "published": dt.date(2024, 1, 2),
                          "evidence": [{"text": text, "supports": ["date"]} for text in evidence]}]
    record["claims"][0]["source"] = article
    record["casualty_reports"][0]["source"] = article
    record["munitions"][0]["source"] = article
    record["actors"][0]["sources"] = [article]
    return record


ACTOR = {"id": "group-x", "name": "Group X", "aliases": ["GX"], "kind": "armed_group", "country": "IQ",
         "affiliations": [], "description": None, "review": "draft"}


PLACE = {"id": "camp-alpha", "name": "Camp Alpha", "aliases": [], "kind": "base", "admin1": "Anbar",
         "country": "IQ", "lat": 33.5, "lon": 42.25}


def drafts(*incidents, actors=(ACTOR,), places=(PLACE,)) -> Drafts:
    return Drafts(incidents=[copy.deepcopy(i) for i in incidents], actors=[copy.deepcopy(a) for a in actors],
                  places=[copy.deepcopy(p) for p in places])


def edit(root: Path, change, rel: str = INCIDENT_REL) -> None:
    """Edit a record as a person would: load, change, write back with comments kept."""
    data, problems = parse_yaml(read(root, rel), rel)
    assert problems == []
    change(data)
    (root / rel).write_text(dump_document(data), encoding="utf-8")
