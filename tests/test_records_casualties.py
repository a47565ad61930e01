"""A record's casualty ranges across sources (generator/records/casualties.py)."""

from generator.records.casualties import span_reports


def test_casualties_span_reports_covers_every_source():
    a = {"low": 84, "high": None, "text": "at least 84"}
    b = {"low": 95, "high": 95, "text": "95"}
    assert span_reports([a, b]) == {"low": 84, "high": None, "text": "at least 84"}
    assert span_reports([None, None]) is None
    assert span_reports([{"low": 3, "high": 3, "text": "3"}, {"low": 5, "high": 5, "text": "5"}])["high"] == 5
