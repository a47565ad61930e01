"""Candidate: one article's proposal of one incident, from extraction through clustering to the drafts.

`record` holds the draft incident's fields in the order of the record format (`INCIDENT_KEYS`, less
`id`, `former_ids` and `uncertain`, which only the merged record has): `cluster.merge` builds the draft
record from them, so the format stays declared in one place, `generator/records/format.py`. What the
pipeline knows about the proposal besides the record is a typed attribute, never a record field.

A Candidate reads as its record (`c["location"]`, `c.get("date_earliest")`): clustering and the doubts
compare candidates and merged records with the same code. It is not changed in place; `with_record`
gives a copy with another record. `to_data`/`from_data` give and take plain data for the per-article
extraction cache (JSON, dates left to the cache's codec).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Candidate(Mapping):
    record: dict  # the draft incident's record fields, in record key order
    article: str  # the id of the article that reports it
    anchor: int = 0  # 0: the article's own sentences date it; 1: the date is the article's lead or publication day
    venue: str | None = None  # a named place the gazetteer lacks ("the village of X"), located at the record's place
    answers: list[dict] = field(default_factory=list)  # attacks it answers that the article does not place:
    #                                                    {date: ISO day, countries: [ISO codes], text}
    doubts: list[dict] = field(default_factory=list)  # `uncertain.doubt` entries: {signal, field, why, value}
    new_actors: list[str] = field(default_factory=list)  # claimants the knowledge base lacks, by name, sorted

    def __getitem__(self, key: str):
        if key.startswith("_"):  # a pipeline field read the old way, even through .get(): say so, never default
            raise TypeError(f"{key!r} is no record field: the Candidate attribute is .{key[1:]}")
        return self.record[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.record)

    def __len__(self) -> int:
        return len(self.record)

    def with_record(self, record: dict) -> Candidate:
        return dataclasses.replace(self, record=record)

    def to_data(self) -> dict:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    @classmethod
    def from_data(cls, data: dict) -> Candidate:
        names = [f.name for f in dataclasses.fields(cls)]
        if not isinstance(data, dict) or sorted(data) != sorted(names):
            raise ValueError(f"not a cached candidate: expected the keys {names}")
        return cls(**data)
