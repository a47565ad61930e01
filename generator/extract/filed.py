"""Where a story was filed versus where its attack happened: a dateline ("QUETTA:", "IMPHAL, Nov 11:") names
the town the story comes from. When the clause that reports the attack names a place the parser sees and the
gazetteer lacks ("the attack on coal mines in Dukki", "fired at paddy fields in Phubala"), that place is the
attack's, at the dateline's country, not the dateline's town (locate ranks a dateline last, but above nothing);
and when the clause places the attack only in a province or a country, the place it names there is the venue."""

from __future__ import annotations

import re

from generator.extract.locate import (DATELINE_AFTER, NOT_A_PLACE_AFTER, OFFICE_BEFORE, ORG_AFTER, ORIGIN_BEFORE,
                                      TAKEN_TO_BEFORE, VENUE_NOT, Where)
from generator.extract.sentences import Sentence

AT_BEFORE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?$")


def beyond_dateline(sent: Sentence, lo: int, hi: int, where: Where | None) -> Where | None:
    """`where`, unless it is only the sentence's dateline, a province or a country, and the clause names a place
    the gazetteer lacks: that place, in the province or country ("in Hoshabpur in Balochistan"), or in the
    dateline's country with no known place (the dateline's town is not where it lies)."""
    if where is None or where.venue or where.generic:
        return where
    dateline = where.place is not None and sent.text.startswith(where.name) \
        and DATELINE_AFTER.match(sent.text, len(where.name)) is not None
    if not dateline and where.precision not in ("province", "country"):
        return where
    unknown = unknown_place(sent, max(lo, len(where.name)) if dateline else lo, hi)
    if unknown is None:
        return where
    if dateline:
        return Where(unknown, None, where.country, "country", venue=unknown)
    return Where(unknown, where.place, where.country, where.precision, venue=unknown)


def unknown_place(sent: Sentence, lo: int, hi: int) -> str | None:
    """The first name in the clause that the parser takes for a place (GPE, LOC, FAC) and no knowledge-base
    name covers, after "in", "at" or "near", and not where someone speaks, was taken or fired from."""
    known = [e for e in sent.ents if e.label in ("ACTOR", "COUNTRY", "DEMONYM", "PLACE")]
    for e in sent.ents_in(lo, hi):
        if e.label not in ("GPE", "LOC", "FAC", "PERSON") or any(k.start < e.end and e.start < k.end for k in known) \
                or sent.text.startswith(("'s", "’s"), e.end):
            continue
        before = sent.text[max(0, e.start - 80):e.start]
        if not AT_BEFORE.search(before) or VENUE_NOT.match(e.text.split()[0]) or ORIGIN_BEFORE.search(before) \
                or OFFICE_BEFORE.search(before) or TAKEN_TO_BEFORE.search(before) \
                or NOT_A_PLACE_AFTER.match(sent.text, e.end) or ORG_AFTER.match(sent.text, e.end):
            continue
        return e.text
    return None
