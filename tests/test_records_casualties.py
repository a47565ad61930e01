"""A record's casualty ranges across sources (generator/records/casualties.py)."""

import pytest

from generator.records.casualties import bounds, phrase, span_reports


def test_casualties_span_reports_covers_every_source():
    a = {"low": 37, "high": None, "text": "at least 37"}
    b = {"low": 41, "high": 41, "text": "41"}
    assert span_reports([a, b]) == {"low": 37, "high": None, "text": "at least 37"}
    assert span_reports([None, None]) is None
    assert span_reports([{"low": 3, "high": 3, "text": "3"}, {"low": 5, "high": 5, "text": "5"}])["high"] == 5


# Every shape a casualty figure takes, as a record holds it, and how it reads: the figure alone (key facts,
# the sources' table, "where earlier sources gave ..."), after a participle (titles, summaries, briefs),
# and naming people ("at least 1 person killed").
SHAPES = [
    # (shape, value, the figure alone, after a participle, naming people)
    ("not stated", None, "not stated", "killed not stated", "killed not stated"),
    ("not stated, as a range", {"low": None, "high": None}, "not stated", "killed not stated", "killed not stated"),
    ("a boolean", True, "not stated", "killed not stated", "killed not stated"),
    ("a negative count", -2, "not stated", "killed not stated", "killed not stated"),
    ("zero", 0, "none", "no one killed", "no one killed"),
    ("zero, as a range", {"low": 0, "high": 0, "text": "no one"}, "none", "no one killed", "no one killed"),
    ("exactly one", {"low": 1, "high": 1}, "1", "1 killed", "1 person killed"),
    ("exact", 3, "3", "3 killed", "3 people killed"),
    ("low to high", {"low": 3, "high": 5}, "3–5", "3–5 killed", "3–5 people killed"),
    ("one to two", (1, 2), "1–2", "1–2 killed", "1–2 people killed"),
    ("up to", {"low": 0, "high": 5}, "up to 5", "up to 5 killed", "up to 5 people killed"),
    ("up to one", (0, 1), "up to 1", "up to 1 killed", "up to 1 person killed"),
    ("open-ended", {"low": 3, "high": None}, "at least 3", "at least 3 killed", "at least 3 people killed"),
    ("open-ended from one", (1, None), "at least 1", "at least 1 killed", "at least 1 person killed"),
    ("open-ended from zero", {"low": 0, "high": None}, "an unknown number", "an unknown number killed",
     "an unknown number of people killed"),
    ("only a top", {"low": None, "high": 4}, "4", "4 killed", "4 people killed"),
    ("a top under the bottom", {"low": 5, "high": 3}, "5", "5 killed", "5 people killed"),
]


@pytest.mark.parametrize("shape,value,alone,participle,people", SHAPES, ids=[s[0] for s in SHAPES])
def test_casualties_phrase_reads_every_shape(shape, value, alone, participle, people):
    assert phrase(value) == alone
    assert phrase(value, "killed") == participle
    assert phrase(value, "killed", people=True) == people
    assert phrase(value, "wounded") == participle.replace("killed", "wounded")
    for text in (alone, participle, people):  # never a degenerate bound
        assert not any(bad in text for bad in ("at least 0", "as many as", "0–", "–0", " 1 people", "None"))


def test_casualties_bounds_normalise_what_records_hold():
    assert bounds({"low": 2, "high": 4, "text": "two to four"}) == (2, 4)
    assert bounds({"low": 2, "high": None}) == (2, None)
    assert bounds(7) == (7, 7) and bounds((0, None)) == (0, None)
    assert bounds(None) is None and bounds(False) is None and bounds({"low": "3"}) is None
