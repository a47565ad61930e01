"""Where an attack happened: the places a sentence names, which of them the attack's own, and how precise.

Names come from the knowledge base's entities (`sentences.Ent`); a name is the attack's place only when the
sentence ties it to the attack (its own prepositional phrase, the object of the attack verb, an appositive
of the target), never when it is where someone spoke, a reference point or a flag state (`is_locative`)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from generator.extract import lexicon as lx
from generator.extract.placewords import (APPOSITIVE_BEFORE, BETWEEN_AND, BETWEEN_BEFORE, CAPITAL, COORDINATED,
                                          DATELINE_AFTER, DISTRICT_AFTER, DISTRICT_LAST, FLAG_AFTER, FLAG_BEFORE,
                                          GENERIC_SITE, INSIDE_A_NAME, LOCATIVE_BEFORE, NOT_A_PLACE_AFTER,
                                          OFFICE_BEFORE, OF_CITY, ORG_AFTER, ORIGIN_BEFORE, OWNED_PLACE,
                                          REFERENCE_BEFORE, REGION, ROUTE_AFTER, ROUTE_BEFORE, SPEECH_BEFORE,
                                          SPEECH_VERB, TAKEN_TO_BEFORE, VENUE, VENUE_NOT, WAR_BEFORE,
                                          WEEKDAY_OR_MONTH)
from generator.extract.places import PART_OF_TOWN_BEFORE, part_of_named_town, said_to_press, said_where, venue_town
from generator.extract.sentences import Ent, Sentence
from generator.records.kb import KnowledgeBase, Place
from generator.records.vocabulary import geo_rank


SAME_PLACE_KM = 30.0  # a town and a site in or near it, or two spellings of one town: one place
SAME_SITE_KM = 8.0  # two named sites this close are one site under two names
REGION_KM = 80.0  # a town this close to a province-level place may be that place told at another level

PRECISION_OF_KIND = {"site": "site", "sea": "sea", "admin1": "province", "province": "province",
                     "district": "district", "country": "country"}


@dataclass(frozen=True)
class Where:
    """A resolved location: a knowledge-base place, or only a country (and region words)."""

    name: str
    place: Place | None
    country: str | None
    precision: str
    generic: bool = False  # "a base in northern Iraq": a site not named
    region: str | None = None
    venue: str | None = None  # a named village, quarter, market ... the gazetteer lacks; place is around it
    reference: bool = False  # only a reference point: "a refinery south of Moscow"
    route_end: bool = False  # only one end of a route: "the Gao-Ansongo axis", "between Gao and Ansongo"

    @property
    def place_id(self) -> str | None:
        return self.place.id if self.place else None


def same_place(a: Place, b: Place) -> bool:
    """The same place, or a town and a site in or near it; two different named sites never are."""
    if a.id == b.id:
        return True
    if a.country and b.country and a.country != b.country:
        return False  # a border between them: Nabatieh and Kiryat Shmona are 20 km apart
    if a.kind not in ("city", "town", "admin1") and b.kind not in ("city", "town", "admin1"):
        return km(a, b) <= SAME_SITE_KM  # one site under two names ("the X base in the town of Y")
    return km(a, b) <= SAME_PLACE_KM


def distance_km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance; infinite when a coordinate is missing."""
    if None in (lat1, lon1, lat2, lon2):
        return math.inf
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def km(a: Place, b: Place) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


DATELINE_WEIGHT = 0.5  # a dateline's country, when nothing else in the article names it


def opens_dateline(s: Sentence, e: Ent) -> bool:
    """Does the name open the sentence as a dateline ("BANGKOK (AP) —", "Pemba —", "TAMSARA, Niger -")?
    (`places.in_dateline` asks the wider question: is the name anywhere in the article's dateline.)"""
    return e.start == 0 and bool(DATELINE_AFTER.match(s.text[e.end:]))


def article_countries(sentences: list[Sentence], kb: KnowledgeBase) -> dict[str, float]:
    """How strongly the article's news text points at each country: its name or demonym, a province
    of it, or an actor of it ("Borno State", "the Nigerian Army" both say Nigeria)."""
    counts: dict[str, float] = {}

    def add(iso: str | None, weight: float) -> None:
        if iso:
            counts[iso] = counts.get(iso, 0) + weight

    for s in sentences:
        for e in s.news_ents():
            if e.label in ("COUNTRY", "DEMONYM"):
                add(e.ref, 1.0)
            elif e.label == "ACTOR" and e.ref in kb.actors:
                add(kb.actors[e.ref].country, 0.5)
            elif e.label == "PLACE":
                if qualifies_another_name(s, e):
                    continue  # no place at all ("East X Zone", "the Federal Government")
                places = [kb.places[c] for c in (e.candidates or (e.ref,)) if c in kb.places]
                options = {p.country for p in places if p.kind not in ("city", "town")}
                # a province abroad named like a city ("Tripoli", "Beni") says nothing of the country
                cities = {p.country for p in places if p.kind in ("city", "town") and (p.population or 0) >= 100_000}
                if len(options) == 1 and not cities - options:
                    # where the story was filed ("BANGKOK (AP) —") says less: a bureau may be abroad
                    add(options.pop(), DATELINE_WEIGHT if opens_dateline(s, e) else 1.0)
    return counts


def choose_place(ent: Ent, kb: KnowledgeBase, countries: dict[str, int]) -> Place | None:
    """The place a name denotes here: one in a country the article names, a site, or a large town."""
    options = [kb.places[c] for c in (ent.candidates or (ent.ref,)) if c in kb.places]
    if not options:
        return None

    says_region = bool(re.search(r"\b(?:province|governorate|oblast|region|state|district|prefecture)\b",
                                 ent.text, re.I))

    def rank(p: Place):
        if p.kind in ("site", "sea"):
            kind_rank = 0
        elif p.kind in ("admin1", "province"):
            kind_rank = 1 if says_region else 3
        else:
            kind_rank = 2 if (p.population or 0) >= 10_000 or not says_region else 4
        # "the Red Sea" is the sea, not the province named after it ("Red Sea State" says the province)
        sea_first = 0 if p.kind == "sea" and not says_region else 1
        return (sea_first, -countries.get(p.country or "", 0), kind_rank, -(p.population or 0), p.id)

    options.sort(key=rank)
    best = options[0]
    if best.country in countries or best.kind in ("site", "sea"):
        return best
    near = _nearest_to(options, countries, kb)
    if near is not None:
        return near
    return best if (best.population or 0) >= 100_000 else None


NEIGHBOUR_KM = 1500.0  # from a country's representative point: its own regions and its neighbours' border areas


def _nearest_to(options: list[Place], countries: dict[str, int], kb: KnowledgeBase) -> Place | None:
    """A name none of whose places lies in a country the article names ("Mora" with only "the Nigerian
    border" said): the place nearest those countries, when it lies within `NEIGHBOUR_KM` of one and is
    the only one that does. An article about one region names the towns around it, not a namesake
    across the world that merely has more people."""
    points = [kb.countries[iso] for iso in sorted(countries) if iso in kb.countries and countries[iso] > 0]
    if not points:
        return None
    near = [p for p in options if p.lat is not None and p.lon is not None and
            min(distance_km(p.lat, p.lon, c.lat, c.lon) for c in points) <= NEIGHBOUR_KM]
    return near[0] if len(near) == 1 else None


def place_precision(place: Place) -> str:
    if place.kind in PRECISION_OF_KIND:
        return PRECISION_OF_KIND[place.kind]
    if place.kind == "region":
        return "province"
    return "town"


def is_site_ent(e: Ent, kb: KnowledgeBase) -> bool:
    return e.label == "PLACE" and any(kb.places[c].kind in ("site", "sea") for c in (e.candidates or (e.ref,))
                                      if c in kb.places)


def region_of(place: Place, kb: KnowledgeBase) -> set[str]:
    """Compass words that fit where a place lies in its country ("northern", "western" ...)."""
    country = kb.countries.get(place.country or "")
    if not country or place.lat is None:
        return set()
    out = set()
    dlat, dlon = place.lat - country.lat, place.lon - country.lon
    if dlat > 0.7:
        out.add("north")
    if dlat < -0.7:
        out.add("south")
    if dlon > 0.7:
        out.add("east")
    if dlon < -0.7:
        out.add("west")
    if abs(dlat) <= 1.2 and abs(dlon) <= 1.2:
        out.add("central")
    return out


def region_words(text: str | None) -> set[str]:
    if not text:
        return set()
    t = text.lower().replace("-", "")
    return {w for w in ("north", "south", "east", "west", "central") if w in t}


def _speaker_after(sent: Sentence, e: Ent) -> bool:
    """'In Washington, the Pentagon said ...': the clause the place opens is someone speaking, not an attack."""
    rest = sent.text[e.end:]
    if not rest.startswith(","):
        return False
    verb = SPEECH_VERB.search(rest, 0, 120)
    opening = rest[:verb.start()] if verb else ""
    return bool(verb) and not lx.ATTACK_VERB.search(opening) and not lx.ATTACK_NOUN.search(opening)


def qualifies_another_name(sent: Sentence, e: Ent) -> bool:
    """Does the name qualify something else rather than name a place: "the Gaza war", "the Federal
    Government", "the Santa Rosa de Lima Cartel", "East Wollega Zone" (no region called "East")?"""
    after = sent.text[e.end:]
    return bool(NOT_A_PLACE_AFTER.match(after) or ORG_AFTER.match(sent.text, e.end) or (
        REGION.fullmatch(e.text) and re.match(r"\s+[A-Z]", after)))


def is_locative(sent: Sentence, e: Ent) -> bool:
    """Does the sentence use this name as a location ("in Iraq", "at Al-Asad", a dateline) rather than
    as an actor ("Tehran has called for", "Iran-backed groups", "accused the United States")?"""
    before = sent.text[:e.start]
    after = sent.text[e.end:e.end + 12]
    if after.startswith(("-based", "-backed", "-allied", "-aligned", "-linked", "’s", "'s")) and not before.endswith(("in ", "at ")):
        return False
    if after.startswith(("’s", "'s")) and OWNED_PLACE.match(sent.text, e.end + 2):
        return False  # "in Sagaing's Budalin Township": the region that holds the place named after it
    if SPEECH_BEFORE.search(before[-80:]) or (
            re.match(r"\W*(?:In|From)\s+(?:the\s+)?$", before) and _speaker_after(sent, e)):
        return False  # where someone spoke: "speaking in Kyiv", "In Washington, the Pentagon said ..."
    if said_where(sent, e) or said_to_press(sent, e):
        return False  # "a statement issued in X", "condemned the strike from X", "told journalists in X"
    if FLAG_AFTER.match(after) or FLAG_BEFORE.search(before[-60:]):
        return False  # a ship's flag state or owner: "a Liberian-flagged tanker", "registered in Malta"
    if qualifies_another_name(sent, e):
        return False  # "the Gaza war", "the Ukraine conflict": the name qualifies something else
    if OFFICE_BEFORE.search(before[-80:]) or TAKEN_TO_BEFORE.search(before[-80:]) or WAR_BEFORE.search(before[-60:]):
        return False  # where an official serves, where the wounded were taken, where a war is fought
    if LOCATIVE_BEFORE.search(before) or APPOSITIVE_BEFORE.search(before[-80:]):
        return True
    if e.start == 0 and re.match(r"\s*(?:,(?!\s*(?:which|who|whose|that|where|while|meanwhile)\b)|\(|—|–|-|:)",
                                 sent.text[e.end:]):
        return True  # a dateline: "Tamsara, Niger - ...", not a subject: "Israel, which has ..."
    return bool(re.match(r",\s*[A-Z]", sent.text[e.end:e.end + 3])) and bool(re.search(r"\b(?:in|at|near)\s+$", before[-40:] + " ", re.I))


def _road_end(sent: Sentence, e: Ent) -> bool:
    """Is this town one end of a route the sentence names by its ends ("the Gao-Ansongo axis", "on the
    road between Kaya and Dori", "a convoy between Gao and Ansongo")?"""
    before = sent.text[max(0, e.start - 60):e.start]
    if BETWEEN_BEFORE.search(before) and re.match(r"\s+and\s+[A-Z]", sent.text[e.end:e.end + 8]):
        return True
    if BETWEEN_AND.search(before):
        return True
    after = sent.text[e.end:e.end + 40]
    if not ROUTE_AFTER.match(after):
        return False
    return bool(re.match(r"\s*[-–]", after)) or bool(ROUTE_BEFORE.search(sent.text[max(0, e.start - 40):e.start]))


def locate(sent: Sentence, lo: int, hi: int, kb: KnowledgeBase, countries: dict[str, int]) -> Where | None:
    """The most specific place a clause names as a location (a site, a town, a province, a sea, a country)."""
    best: tuple[int, int, Where] | None = None
    for e in sent.ents_in(lo, hi):
        if e.label in ("PLACE", "COUNTRY") and not is_locative(sent, e) and not is_site_ent(e, kb):
            continue
        if e.label == "PLACE":
            if part_of_named_town(sent, e):
                continue  # "the city's X district": the town already named
            place = choose_place(e, kb, countries)
            if place is None:
                continue
            prec = place_precision(place)
            rank = geo_rank(prec)
            where = Where(e.text, place, place.country, prec)
        elif e.label == "COUNTRY" and e.ref:
            rank, where = 5, Where(e.text, None, e.ref, "country")
        else:
            continue
        if ORIGIN_BEFORE.search(sent.text[:e.start]):
            continue  # "fired from Iraq", "a group based in Mali": not where the attack struck
        if opens_dateline(sent, e):
            if where.country and countries.get(where.country, 0) <= DATELINE_WEIGHT < max(countries.values(), default=0):
                continue  # "BANGKOK (AP) —" over Myanmar's war: a bureau abroad places nothing
            rank += 6  # "TAMSARA, Niger (AP) —": where the story was filed; the text may say where it happened
        elif REFERENCE_BEFORE.search(sent.text[max(0, e.start - 80):e.start]):
            rank = 2.5  # "in X, north of the capital Y": a reference point yields to a town or site named
            where = Where(where.name, where.place, where.country, where.precision, reference=True)
        elif rank <= 2 and _road_end(sent, e):
            rank = 2.7  # "on the X-Y road, 40 km north of Y": a road's ends yield to a distance from a town
            where = Where(where.name, where.place, where.country, where.precision, reference=True, route_end=True)
        if best is None or (rank, e.start) < best[:2]:
            best = (rank, e.start, where)
    if best and best[0] == 5:
        best = _coordinated_country(sent, lo, hi, best)
    if best and best[0] == 1 and best[2].place is not None:
        best = _district_of_city(sent, lo, hi, kb, countries, best)
    capital = _capital(sent, lo, hi, kb)
    if capital is not None and (best is None or best[0] > 1):
        best = (1, 0, capital)
    venue = find_venue(sent, lo, hi, kb)
    if venue is not None and not (best and best[0] == 0):  # a named site the gazetteer has stays
        near = best[2] if best and best[0] <= 3 else None
        if near is None:
            iso = next((e.ref for e in sent.ents_in(lo, hi) if e.label == "COUNTRY" and e.ref
                        and is_locative(sent, e) and not re.search(r"\bfrom\s+(?:the\s+)?$", sent.text[:e.start])),
                       None) or (best[2].country if best else None) or _sentence_country(sent, kb, countries) or \
                (max(countries, key=lambda c: countries[c]) if countries else None)  # ties: the first named
            town = venue_town(kb, venue, iso)
            near = Where(venue, town, town.country, "town") if town else \
                Where(venue, None, iso, "country") if iso else None
        if near is not None:
            return Where(venue, near.place, near.country, near.precision, venue=venue)
    generic = None
    for m in GENERIC_SITE.finditer(sent.text[lo:hi]):
        iso = kb.country_for_name(m.group("where"))
        if iso:
            generic = Where(_shortest_phrase(m), None, iso, "country", generic=True, region=m.group("region"))
            break
    if best and best[0] <= 3:
        return best[2]
    return generic or (best[2] if best else None)


def _coordinated_country(sent: Sentence, lo: int, hi: int, best):
    """One operation reported across countries named together ("strikes in northern Syria and Iraq"):
    placed at one of them, the same whatever order a report names them in (the lowest ISO code), so
    that outlets naming them in another order still tell one incident."""
    ents = [e for e in sent.ents_in(lo, hi) if e.label == "COUNTRY" and e.ref]
    i = next((k for k, e in enumerate(ents) if e.ref == best[2].country and e.start == best[1]), None)
    if i is None:
        return best
    chain, closed = [ents[i]], 1
    for e in ents[i + 1:]:
        between = sent.text[chain[-1].end:e.start]
        if not COORDINATED.fullmatch(between):
            break
        chain.append(e)
        if re.search(r"\b(?:and|or)\b|&", between):
            closed = len(chain)  # a list ends with "and": "in Syria, Israel said" names a speaker, no list
    chain = chain[:closed]
    if len({e.ref for e in chain}) < 2:
        return best
    first = min(chain, key=lambda e: e.ref)
    return (best[0], best[1], Where(first.text, None, first.ref, "country"))


def _district_of_city(sent: Sentence, lo: int, hi: int, kb: KnowledgeBase, countries: dict[str, int], best):
    """'X was hit ... in the Y district': a district of the city the clause names, not the
    far-off village of the same name the gazetteer lists."""
    w = best[2]
    at = sent.text.find(w.name, lo, hi)
    if at < 0:
        return best
    after = DISTRICT_AFTER.match(sent.text[at + len(w.name):])
    if after is None and not DISTRICT_LAST.search(w.name):  # the name may hold the word: "Y district"
        return best
    tail = at + len(w.name) + (after.end() if after else 0)
    for e in sent.ents_in(lo, hi):
        if e.label != "PLACE" or e.text == w.name:
            continue
        if opens_dateline(sent, e):
            continue  # "Maputo, 27 Oct (Lusa) - ... in the Macomia district": where the story was filed
        city = choose_place(e, kb, countries)
        # "the Y district of X" names its city outright, whatever the sizes of Y's namesakes
        owned = e.start > tail and OF_CITY.fullmatch(sent.text[tail:e.start]) is not None
        if city is not None and city.kind in ("city", "town") and km(city, w.place) > SAME_PLACE_KM \
                and (owned or (city.population or 0) > 10 * (w.place.population or 0)):
            name = sent.text[at:tail]
            return (best[0], best[1], Where(name, city, city.country, place_precision(city), venue=name))
    return best


def _capital_place(kb: KnowledgeBase, iso: str, name: str) -> Place | None:
    """The gazetteer town a country's capital names (one scan per knowledge base, not the full name index)."""
    table = getattr(kb, "_capital_places", None)
    if table is None:
        capitals = {(c.iso2, c.capital) for c in kb.countries.values() if c.capital}
        table = {}
        for p in sorted(kb.places.values(), key=lambda p: (-(p.population or 0), p.id)):
            if p.kind in ("city", "town") and (p.country, p.name) in capitals:
                table.setdefault(p.country, p)
        object.__setattr__(kb, "_capital_places", table)
    place = table.get(iso)
    return place if place is not None and place.name == name else None


def _capital(sent: Sentence, lo: int, hi: int, kb: KnowledgeBase) -> Where | None:
    for m in CAPITAL.finditer(sent.text, lo, hi):
        if m.group("next") and not WEEKDAY_OR_MONTH.fullmatch(m.group("next")):
            continue  # "the capital, X": the name itself follows
        iso = kb.country_for_name(m.group("owner") or m.group("dem"))
        country = kb.countries.get(iso or "")
        if not country or not country.capital:
            continue
        place = _capital_place(kb, iso, country.capital)
        if place is not None:
            return Where(place.name, place, iso, place_precision(place))
    return None


def _sentence_country(sent: Sentence, kb: KnowledgeBase, countries: dict[str, int]) -> str | None:
    """The country of a town or region the sentence names in any role ("the ministry in Abuja")."""
    for e in sent.ents:
        if e.label == "PLACE" and not ORIGIN_BEFORE.search(sent.text[:e.start]) and not qualifies_another_name(sent, e) \
                and not (e.start > 0 and INSIDE_A_NAME.search(sent.text[:e.start])):
            place = choose_place(e, kb, countries)
            if place is not None and place.country:
                return place.country
    return None


def find_venue(sent: Sentence, lo: int, hi: int, kb: KnowledgeBase) -> str | None:
    """The first named village, quarter, market ... in a clause that no knowledge-base name covers."""
    text = sent.text[:hi]
    known = [e for e in sent.ents if e.label in ("ACTOR", "COUNTRY", "DEMONYM", "PLACE")]
    for m in VENUE.finditer(text, lo):
        group = "of" if m.group("of") else "named" if m.group("named") else "app"
        start, end = m.span(group)
        words = m.group(group).split()
        while words and VENUE_NOT.match(words[0]):
            start += len(words.pop(0)) + 1
        if not words or any(VENUE_NOT.match(w) for w in words):
            continue
        if any(e.start < end and start < e.end for e in known):
            continue  # "Kaduna State", "Gaza Strip": a name the knowledge base has
        before = sent.text[max(0, start - 80):start]
        if ORIGIN_BEFORE.search(sent.text[:start]) or OFFICE_BEFORE.search(before) or TAKEN_TO_BEFORE.search(before) \
                or PART_OF_TOWN_BEFORE.search(before):
            continue  # ... or "the city's X district": a part of the town already named
        name = sent.text[start:end]
        if group == "named":
            name = sent.text[start:m.end("kind")]
        return name
    return None


def _shortest_phrase(m: re.Match) -> str:
    """'one drone targeted a base in northern Iraq' -> 'a base in northern Iraq'."""
    text = m.group(0)
    noun_at = m.start("noun") - m.start()
    starts = [d.start() for d in re.finditer(r"\b(?:a|an|another|one|the same)\s", text[:noun_at], re.I)]
    return text[starts[-1]:] if starts else text
