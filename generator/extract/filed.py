"""Where a story was filed versus where its attack happened: a dateline ("QUETTA:", "IMPHAL, Nov 11:") names
the town the story comes from. When the clause that reports the attack names a place the parser sees and the
gazetteer lacks ("the attack on coal mines in Dukki", "fired at paddy fields in Phubala"), that place is the
attack's, at the dateline's country, not the dateline's town (locate ranks a dateline last, but above nothing);
and when the clause places the attack only in a province or a country, the place it names there is the venue."""

from __future__ import annotations

import re

from generator.extract.locate import Where, place_precision
from generator.extract.placewords import (DATELINE_AFTER, NOT_A_PLACE_AFTER, OFFICE_BEFORE, ORG_AFTER, ORIGIN_BEFORE,
                                          TAKEN_TO_BEFORE, VENUE_NOT)
from generator.extract.sentences import Sentence
from generator.records.kb import KnowledgeBase

AT_BEFORE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?$")
OWNER_BEFORE = re.compile(r"(?:’s|'s)\s+$")


def owned_elsewhere(sent: Sentence, lo: int, hi: int, where: Where | None, kb: KnowledgeBase) -> Where | None:
    """`where`, unless its place's name is owned by a country or province it does not lie in: "in Manipur's
    Bishnupur district" is no town of the same name in another state, "in Haiti's Centre department" no
    region of another country. Then the name is a place the gazetteer lacks, inside its owner."""
    if where is None or where.place is None or where.place.kind in ("site", "sea"):
        return where
    for e in sent.ents_in(lo, hi):
        if e.label != "PLACE" or where.place.id not in (e.candidates or (e.ref,)) \
                or not OWNER_BEFORE.search(sent.text, max(0, e.start - 4), e.start):
            continue
        owner = next((o for o in sent.ents if o.end <= e.start and OWNER_BEFORE.fullmatch(sent.text[o.end:e.start])
                      and o.label in ("COUNTRY", "PLACE")), None)
        if owner is None:
            return where
        if owner.label == "COUNTRY":
            if not owner.ref or owner.ref == where.place.country:
                return where
            name = where.venue or where.name
            return Where(name, None, owner.ref, "country", venue=name)
        region = kb.places.get(owner.ref)
        if region is None or region.kind in ("city", "town", "site", "sea") or region.country != where.place.country \
                or not where.place.admin1 or where.place.admin1 == region.name:
            return where
        name = where.venue or where.name
        return Where(name, region, region.country, place_precision(region), venue=name)
    return where


def beyond_dateline(sent: Sentence, lo: int, hi: int, where: Where | None) -> Where | None:
    """`where`, unless it is only the sentence's dateline, a province or a country, and the clause names a place
    the gazetteer lacks: that place, in the province or country ("in Hoshabpur in Balochistan"), or in the
    dateline's country with no known place (the dateline's town is not where it lies)."""
    if where is None or where.venue or where.generic:
        return where
    dateline = is_dateline(sent, where)
    if not dateline and where.precision not in ("province", "country"):
        return where
    unknown = unknown_place(sent, max(lo, len(where.name)) if dateline else lo, hi)
    if unknown is None:
        return where
    if dateline:
        return Where(unknown, None, where.country, "country", venue=unknown)
    return Where(unknown, where.place, where.country, where.precision, venue=unknown)


def is_dateline(sent: Sentence, where: Where) -> bool:
    """Is `where` the town whose name opens the sentence as its dateline ("QUETTA:", "COTABATO CITY –")?"""
    return where.place is not None and sent.text.startswith(where.name) \
        and DATELINE_AFTER.match(sent.text, len(where.name)) is not None


def unknown_place(sent: Sentence, lo: int, hi: int) -> str | None:
    """The first name in the clause that the parser takes for a place (GPE, LOC, FAC) or, as it does with a place
    it has never seen, for a person ("in Shakardara"), that no knowledge-base name covers, after "in", "at" or
    "near", and not where someone speaks, was taken or fired from."""
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
