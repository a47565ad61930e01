"""Period briefs' wording (generator/site/periods.py): every casualty and count phrase over the shapes a
figure or a comparison takes, through `records.casualties.phrase`. The briefs' structure (pages, cites,
first appearances) is tested in test_render.py."""

from __future__ import annotations

import copy
import datetime as dt
import html as htmllib
import re
from pathlib import Path

import pytest

from generator.site.pages import render_site
from generator.site.periods import _at_least, _compare

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ERBIL = "2024-01-28-erbil-air-base-rocket-attack"  # week 4, alone; the week before holds one drone attack
ASAD = "2024-01-20-ain-al-asad-air-base-drone-attack"  # week 3: no one killed, 2–4 wounded


@pytest.mark.parametrize("now,before,kind,text", [
    (2, 1, "week", "up from 1 in the previous week"),
    (1, 0, "month", "up from none in the previous month"),
    (0, 3, "week", "down from 3 in the previous week"),
    (1, 1, "week", "as in the previous week"),
    (4, 0, None, "up from none"),
    (2, 2, None, "unchanged"),
])
def test_periods_compare_counts(now, before, kind, text):
    assert _compare(now, before, kind) == text


@pytest.mark.parametrize("total,verb,people,text", [
    (0, "killed", True, "no deaths recorded"),
    (1, "killed", True, "at least 1 person killed"),
    (5, "killed", True, "at least 5 people killed"),
    (1, "wounded", False, "at least 1 wounded"),
])
def test_periods_sum_of_lower_bounds(total, verb, people, text):
    assert _at_least(total, verb, "no deaths recorded", people) == text


def _takeaways(page: str) -> list[str]:
    blocks = re.findall(r'<ul class="briefing-takeaways">(.*?)</ul>', page, re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", li)).strip()
            for block in blocks for li in re.findall(r"<li>(.*?)</li>", block)]


def _week4(fixture_records, killed, wounded) -> tuple[list[str], str]:
    incidents = copy.deepcopy(fixture_records.incidents)
    incidents[ERBIL]["casualties"] = {"killed": killed, "wounded": wounded}
    files = render_site(incidents, fixture_records.actors, fixture_records.places, templates_dir=TEMPLATES)
    return _takeaways(files["periods/2024-W04.md"]), files["periods/2024-W04.md"]


# killed, wounded -> the week's overall sentence, the deadliest line's toll (None: not listed), the list's toll
WEEK = [
    (None, None, "No deaths or injuries recorded, against no deaths and 2 wounded in the previous week.", None,
     "toll not stated"),
    ({"low": 0, "high": 0, "text": "no one"}, {"low": 0, "high": 0, "text": "no one"},
     "No deaths or injuries recorded, against no deaths and 2 wounded in the previous week.", None,
     "no one killed or wounded"),
    ({"low": 1, "high": 1, "text": "one"}, None,
     "At least 1 person killed and no injuries recorded, against no deaths and 2 wounded in the previous week. 1",
     "1 killed", "1 killed, wounded not stated"),
    ({"low": 3, "high": 5, "text": "three to five"}, {"low": 0, "high": 0, "text": "none"},
     "At least 3 people killed and no injuries recorded, against no deaths and 2 wounded in the previous week. 1",
     "3–5 killed", "3–5 killed, no one wounded"),
    ({"low": 2, "high": None, "text": "two"}, {"low": 0, "high": 5, "text": "up to five"},
     "At least 2 people killed and no injuries recorded, against no deaths and 2 wounded in the previous week. 1",
     "at least 2 killed, up to 5 wounded", "at least 2 killed, up to 5 wounded"),
    ({"low": 0, "high": None, "text": "an unknown number"}, {"low": 1, "high": None, "text": "one"},
     "No deaths recorded and at least 1 wounded, against no deaths and 2 wounded in the previous week. 1", None,
     "an unknown number killed, at least 1 wounded"),
    ({"low": 0, "high": 4, "text": "up to four"}, {"low": 6, "high": 6, "text": "six"},
     "No deaths recorded and at least 6 wounded, against no deaths and 2 wounded in the previous week. 1", None,
     "up to 4 killed, 6 wounded"),
]


@pytest.mark.parametrize("killed,wounded,overall,deadliest,listed", WEEK, ids=[
    "not stated", "zero", "exactly one", "low to high", "open-ended and up to", "unknown and open", "up to and exact"])
def test_periods_casualty_phrases_for_every_shape(fixture_records, killed, wounded, overall, deadliest, listed):
    lines, page = _week4(fixture_records, killed, wounded)
    assert lines[0] == "1 incident this week, as in the previous week. 1"
    assert overall in lines
    top = [s for s in lines if s.startswith("Rockets fired at Erbil Air Base (Erbil Air Base, 2024-01-28): ")]
    assert top == ([f"Rockets fired at Erbil Air Base (Erbil Air Base, 2024-01-28): {deadliest}. 1"] if deadliest
                   else [])
    assert f"· {listed} ·" in htmllib.unescape(re.sub(r"<[^>]+>", "", page.split("\n## Incidents\n", 1)[1]))
    killed_low = (killed or {}).get("low") or 0
    deaths = f"at least {killed_low} killed, against none" if killed_low else "no deaths recorded in either week"
    assert f"Rocket attack: 1 incident, up from none; {deaths}. 1" in lines
    assert "Drone attack: 0 incidents, down from 1; no deaths recorded in either week." in lines
    for text in lines:
        assert not re.search(r"at least 0\b|as many as|\b0 killed|\b0 wounded|against 0\b|from 0\b|1 people", text)


def test_periods_the_previous_weeks_deaths_against_none_now(fixture_records):
    incidents = copy.deepcopy(fixture_records.incidents)
    incidents[ASAD]["casualties"]["killed"] = {"low": 2, "high": 2, "text": "two"}
    files = render_site(incidents, fixture_records.actors, fixture_records.places, templates_dir=TEMPLATES)
    lines = _takeaways(files["periods/2024-W04.md"])
    assert "No deaths or injuries recorded, against 2 killed and 2 wounded in the previous week." in lines
    assert "Drone attack: 0 incidents, down from 1; no deaths recorded, against 2." in lines


def test_periods_a_new_source_giving_deaths_where_earlier_ones_gave_none(fixture_records):
    incidents = copy.deepcopy(fixture_records.incidents)
    asad = incidents[ASAD]
    asad["sources"].append({"article": "fx_late_0127", "title": "Toll rises", "outlet": "Fixture Late",
                            "url": None, "published": dt.date(2024, 1, 27), "evidence": []})
    asad["casualty_reports"].append({"source": "fx_late_0127", "according_to": "hospital officials",
                                     "party": None, "killed": 1, "wounded": {"low": 0, "high": None}})
    files = render_site(incidents, fixture_records.actors, fixture_records.places, templates_dir=TEMPLATES)
    lines = _takeaways(files["periods/2024-W04.md"])
    assert "Figures changed for Drone attack on Ain al-Asad Air Base wounds U.S. personnel: 1 killed according " \
           "to hospital officials, where earlier sources gave none." in lines
    assert "Figures changed for Drone attack on Ain al-Asad Air Base wounds U.S. personnel: an unknown number " \
           "wounded according to hospital officials, where earlier sources gave at least 2 or 4." in lines
