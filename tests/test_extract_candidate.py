"""Candidate: one article's proposal of an incident; its record fields read as a mapping, the pipeline's
own fields as attributes, and it survives the per-article extraction cache unchanged."""

import datetime as dt

import pytest

from generator.extract.candidate import Candidate
from generator.cache import ExtractionCache as Cache
from generator.records.format import Article


def candidate() -> Candidate:
    day = dt.date(2024, 3, 12)
    record = {"title": None, "summary": None, "date": day, "date_earliest": day - dt.timedelta(days=1),
              "date_latest": day, "date_precision": "day", "event_type": "drone_attack", "weapons": ["drone"],
              "location": {"name": "Tal Hamra", "place": "hasakah", "country": "SY", "precision": "town"},
              "actors": [{"description": "gunmen", "role": "perpetrator", "sources": ["wire"]}], "claims": [],
              "review": "draft"}
    return Candidate(record, "wire", anchor=1, venue="Tal Hamra",
                     answers=[{"date": "2024-03-10", "countries": ["TR"], "text": "an attack on a convoy"}],
                     doubts=[{"signal": "date_lead", "field": "date", "why": "the lead's date", "value": "2024-03-12"}],
                     new_actors=["Brigade of the Two Rivers"])


def test_candidate_reads_as_its_record_and_keeps_the_pipeline_fields_apart():
    c = candidate()
    assert c["event_type"] == "drone_attack" and c.get("date_basis") is None
    assert list(c) == list(c.record) and dict(c) == c.record  # record key order
    assert (c.article, c.anchor, c.venue, c.new_actors) == ("wire", 1, "Tal Hamra", ["Brigade of the Two Rivers"])
    with pytest.raises(TypeError, match=r"\.article"):
        c.get("_article")  # the old private key fails loudly instead of reading as missing
    other = c.with_record(dict(c.record, claims=[{"actor": "x"}]))
    assert other["claims"] == [{"actor": "x"}] and c["claims"] == [] and other.doubts == c.doubts


def test_candidate_survives_the_extraction_cache(tmp_path):
    c = candidate()
    article = Article(id="wire", path="wire.txt", title="Drone strike", text="", digest="0" * 64)
    Cache(tmp_path, "f").put(article, {"candidates": [c.to_data()]})
    (data,) = Cache(tmp_path, "f").get(article)["candidates"]
    back = Candidate.from_data(data)
    assert back == c and repr(back) == repr(c)  # dates, key order and every pipeline field
    with pytest.raises(ValueError):
        Candidate.from_data(dict(c.record, _article="wire"))  # a candidate in the old layout is no hit
