"""Casualties: numbers in words and digits, qualifiers, vague words, and ranges across sources."""

import pytest

from generator.extract.casualties import combine, find_figures, span_reports, to_number


def figures(text):
    return [(f.kind, f.low, f.high) for f in find_figures(text)]


@pytest.mark.parametrize("text,expected", [
    ("At least 84 people were killed in the blasts.", [("killed", 84, None)]),
    ("Eight soldiers were injured.", [("wounded", 8, 8)]),
    ("The strike killed twenty-one civilians and wounded 40 others.", [("killed", 21, 21), ("wounded", 40, 40)]),
    ("Several U.S. personnel are believed to be injured.", [("wounded", 2, None)]),
    ("More than 100 people died.", [("killed", 101, None)]),
    ("The death toll rose to 133 on Saturday.", [("killed", 133, 133)]),
    ("Dozens were wounded.", [("wounded", 24, None)]),
    ("There were no casualties.", [("killed", 0, 0), ("wounded", 0, 0)]),
    ("No injuries were reported.", [("wounded", 0, 0)]),
    ("This led to minor wounds among the guards.", [("wounded", 1, None)]),
    ("The strike resulted in the loss of at least 13 lives.", [("killed", 13, None)]),
    ("The number of people killed in the blast has risen to 40.", [("killed", 40, 40)]),
    ("Six guests attending a wedding in the town were killed.", [("killed", 6, 6)]),
    ("Doctors treated the hundreds of wounded overnight.", [("wounded", 200, None)]),
    ("The ministry said there were deaths and injuries in the strikes.", [("killed", 1, None), ("wounded", 1, None)]),
    ("No US personnel were injured, it added.", [("wounded", 0, 0)]),
    ("The attack resulted in injuries to eight soldiers.", [("wounded", 8, 8)]),
    ("A 12-year-old boy was killed in the strike.", [("killed", 1, 1)]),
    ("The death toll from Sunday's strike has risen to 25.", [("killed", 25, 25)]),
    ("The shelling hit a house, killing a woman and injuring three others.", [("killed", 1, 1), ("wounded", 3, 3)]),
])
def test_casualties_figures(text, expected):
    assert figures(text) == expected


def test_casualties_counts_of_weapons_are_not_people():
    assert figures("Two drones were destroyed and three rockets landed.") == []


def test_casualties_to_number():
    assert to_number("1,200") == (1200, 1200)
    assert to_number("hundreds") == (200, None)
    assert to_number("thirty-two") == (32, 32)
    assert to_number("umpteen") is None


def test_casualties_combine_takes_the_highest_stated_figure():
    found = find_figures("At least 11 people were killed. The toll later rose to 13 killed.")
    assert combine([f for f in found if f.kind == "killed"])["low"] == 13


def test_casualties_span_reports_covers_every_source():
    a = {"low": 84, "high": None, "text": "at least 84"}
    b = {"low": 95, "high": 95, "text": "95"}
    assert span_reports([a, b]) == {"low": 84, "high": None, "text": "at least 84"}
    assert span_reports([None, None]) is None
    assert span_reports([{"low": 3, "high": 3, "text": "3"}, {"low": 5, "high": 5, "text": "5"}])["high"] == 5
