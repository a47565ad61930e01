"""Events: from one article's sentences to its incident candidates.

1. Each news sentence (or the part of it before a background connector) that names an attack is a
   *mention*; a sentence naming attacks on several separate places gives one mention per place.
2. Mentions are grouped by place: the same site or places within `SAME_PLACE_KM`. A mention of an
   unnamed site ("a base in northern Iraq") joins the one named site of that country and region that a
   later sentence gives ("the al-Harir airbase in northern Iraq"); mentions with no place join the
   group the paragraph is about, or the article's main group.
3. A group becomes a candidate when it is news: dated within the news window, or in the lead, or with
   casualties or a claim; an article that only discusses attacks in general yields none.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.extract import lexicon as lx
from generator.extract.blame import blames_only
from generator.extract.dates import DateMention
from generator.extract.literals import could_match, lowered
from generator.extract.places import (PART_OF_TOWN_BEFORE, part_of_named_town, said_to_press, said_where,
                                      strong_attack, venue_town)
from generator.extract.sentences import NEWS_WINDOW_DAYS, Ent, Sentence, date_anchor
from generator.kb import KnowledgeBase, Place
from generator.records.vocabulary import GEO_SPECIFICITY, STANDOFF_WEAPON_EVENT_TYPE, geo_rank

if TYPE_CHECKING:
    from generator.extract.actors import Role

SAME_PLACE_KM = 30.0
SAME_SITE_KM = 8.0
REGION_KM = 80.0
LEAD_PARAGRAPHS = 3  # the title is paragraph 0
PRECISION_OF_KIND = {"site": "site", "sea": "sea", "admin1": "province", "province": "province",
                     "district": "district", "country": "country"}
REGION = re.compile(r"\b(north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\b",
                    re.I)
# A named place the gazetteer may lack, recognised by how English news introduces it: "the town of
# Tamsara", "Balgo village", "the Kirvan quarter", "Dorsa, a town in Niger".
_NAME = r"(?:al-|el-|Al-|El-)?[A-Z][\w’'-]+(?:\s+(?:al-|el-)?[A-Z][\w’'-]+){0,3}"
_KIND = (r"village|town|city|community|hamlet|locality|settlement|district|neighbou?rhood|quarter|suburb|"
         r"camp|market|commune|ward|township")
_SITE_KIND = (r"facility|facilities|plant|factory|headquarters|premises|refinery|compound|hotel|church|cathedral|"
              r"mosque|school|university|stadium|airport|depot|warehouse|concert hall|mall|cantonment|garrison|"
              r"barracks")
VENUE = re.compile(
    r"\b(?i:the\s+)?(?:(?i:rural|small|remote|border|farming|mining|market|northern|southern|eastern|western)\s+)?"
    r"(?i:" + _KIND + r")\s+of\s+(?P<of>" + _NAME + r")"
    r"|(?P<named>" + _NAME + r")\s+(?P<kind>(?i:" + _KIND + "|" + _SITE_KIND + r"))\b"
    r"|\b(?:in|on|at|into|near|targeting|targeted|attacked|struck|hit)\s+(?P<app>" + _NAME + r"),\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:" + _KIND + r")\b")
VENUE_NOT = re.compile(r"^(?:the|a|an|this|that|its|their|his|her|our|in|on|at|one|another|refugee|displacement|"
                       r"displaced|military|army|police|local|old|new|holy|islamic|catholic|christian|muslim|jewish|"
                       r"january|february|march|april|may|june|july|august|september|october|november|december|"
                       r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.I)
# The region or country after a place, as an appositive: "in the town of Tamsara, North province".
APPOSITIVE_BEFORE = re.compile(r"\b(?:in|at|near|on|of|into)\s+(?i:the\s+)?(?:(?i:" + _KIND + r")\s+of\s+)?" + _NAME +
                               r"(?:\s+(?i:" + _KIND + r"))?,\s*$")
GENERIC_SITE = re.compile(
    r"\b(?:(?:a|an|another|one|the same)\s+|(?<=\bat\s)|(?<=\bon\s))(?:[\w.’'-]+\s+){0,3}?(?P<noun>base|airbase|air base|airfield|outpost|"
    r"facility|installation|garrison|camp|compound|military site)\b"
    r"(?:\s+(?:used|housing|hosting|that hosts|where)[^,.]{0,60}?)?"
    r"\s+(?:in|near|inside)\s+(?:the\s+)?(?:(?P<region>(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central)\s+)?"
    r"(?P<where>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)", re.I)
ANAPHORA = re.compile(r"\b(?:the|this|that|these|those|both|Tuesday's|Monday's|Wednesday's|Thursday's|Friday's|"
                      r"Saturday's|Sunday's)\s+(?:(?:deadly|latest|suspected|twin|two|suicide|drone|missile|rocket|"
                      r"Israeli|Russian|U\.S\.|US|American)\s+)*(?:attacks?|strikes?|airstrikes?|air strikes?|"
                      r"blasts?|explosions?|bombings?|shooting|assault|raid|incident|massacre|shelling)\b", re.I)
INCIDENT_WORDS = re.compile(r"\b(?:incident|attack|strike|blast|explosion|bombing|shooting|assault|raid)\s+"
                            r"(?:occurred|happened|took place|came|was carried out)\b", re.I)


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

    @property
    def place_id(self) -> str | None:
        return self.place.id if self.place else None


@dataclass
class Mention:
    sent: Sentence
    lo: int
    hi: int
    where: Where | None
    weapons: list[str]
    types: list[tuple[int, str]]
    plural_only: bool
    order: int
    answered: bool = False  # the attack a retaliation answers, named after "in response to"

    @property
    def text(self) -> str:
        return self.sent.text[self.lo:self.hi]


@dataclass
class Group:
    mentions: list[Mention] = field(default_factory=list)
    where: Where | None = None
    linked_generic: bool = False
    response: bool | None = None  # True: the strike answering an attack; False: the attack answered
    aside: bool = False  # another attack reported in a paragraph of its own further down
    aside_sents: list[Sentence] = field(default_factory=list)  # the rest of that paragraph (its date)
    claims: list[Role] = field(default_factory=list)  # the article's claims of responsibility for it (find_claims)

    @property
    def first(self) -> int:
        return min(m.order for m in self.mentions)

    def sentences(self) -> list[Sentence]:
        seen: dict[int, Sentence] = {}
        for m in self.mentions:
            seen.setdefault(m.sent.idx, m.sent)
        return [seen[k] for k in sorted(seen)]


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


# --------------------------------------------------------------------------- places


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
                options = {kb.places[c].country for c in (e.candidates or (e.ref,))
                           if c in kb.places and kb.places[c].kind not in ("city", "town")}
                if len(options) == 1:
                    add(options.pop(), 1.0)
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
    return best if (best.population or 0) >= 100_000 else None


def place_precision(place: Place) -> str:
    if place.kind in PRECISION_OF_KIND:
        return PRECISION_OF_KIND[place.kind]
    if place.kind == "region":
        return "province"
    return "town"


def _is_site_ent(e: Ent, kb: KnowledgeBase) -> bool:
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


def _region_words(text: str | None) -> set[str]:
    if not text:
        return set()
    t = text.lower().replace("-", "")
    return {w for w in ("north", "south", "east", "west", "central") if w in t}


LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|on|from|into|inside|outside|across|over|off|of|around|towards?|between|targeting|targeted|"
    r"struck|hit|hitting|striking|attacked|attacking|shelled|bombed)\s+(?:the\s+)?(?:(?:[\w-]+ern|central|"
    r"city|town|village|province|region|district|outskirts|suburbs?|port|area|capital|occupied|"
    r"[\w-]+-held|[A-Z][\w-]+(?:’s|'s)|(?:north|south)-?(?:east|west)|"
    r"(?-i:[A-Z][a-z]+(?:an|ese|i|ish)))\s+(?:of\s+)?){0,3})$", re.I)  # "northwest", "Nigerian"


NOT_A_PLACE_AFTER = re.compile(r"\s+(?:(?:State|Province|Region|District)\s+)?(?:war|wars|conflict|crisis|ceasefire|"
                               r"truce|talks|deal|government|authorities|officials|ministry|militants|fighters|forces|"
                               r"army|military|front|policy|issue|question|file|envoy|border crossing|peace|"
                               r"governor|deputy governor|mayor|commissioner|spokes(?:man|woman|person))\b", re.I)
# Where someone speaks from or serves, not where the attack struck: "the governor of X State",
# "an army spokesman in the province", "the embassy in the capital", "the health ministry in X".
OFFICE_BEFORE = re.compile(r"\b(?i:governor|mayor|minister|ministry|spokes(?:man|woman|person)|commissioner|"
                           r"president|prime minister|embassy|consulate|ambassador|envoy|prefect|lawmakers?|"
                           r"senator|council|administrator)\b"
                           r"(?:\s+(?:of\s+|for\s+)?[A-Z][\w.’'-]*){0,3}\s+(?:of|in|for)\s+(?:the\s+)?$")
# Where the wounded were taken: "taken to a teaching hospital in X", "evacuated to the capital".
TAKEN_TO_BEFORE = re.compile(r"\b(?:taken|rushed|evacuated|transported|transferred|brought|admitted|airlifted|"
                             r"flown|referred|treated)\s+(?:(?:to|at|in)\s+)?(?:[\w’'-]+\s+){0,5}?(?:to|in|at)\s+"
                             r"(?:the\s+)?$", re.I)
SPEECH_BEFORE = re.compile(r"\b(?:speaking|spoke|told reporters|told journalists|addressing|address|visiting|visit|"
                           r"trip|summit|conference|briefing|meeting|interview)\s+(?:\w+\s+){0,2}?(?:in|at|from|to)\s+"
                           r"(?:the\s+)?$", re.I)
SPEECH_VERB = re.compile(r"\b(?:said|says|told|condemned|condemns|announced|announces|called|warned|urged|stated|"
                         r"denied|"
                         r"vowed|accused|expressed|added|insisted|critici[sz]ed|reacted|responded|declared|pledged)\b")


def _speaker_after(sent: Sentence, e: Ent) -> bool:
    """'In Washington, the Pentagon said ...': the clause the place opens is someone speaking, not an attack."""
    rest = sent.text[e.end:]
    if not rest.startswith(","):
        return False
    verb = SPEECH_VERB.search(rest, 0, 120)
    opening = rest[:verb.start()] if verb else ""
    return bool(verb) and not lx.ATTACK_VERB.search(opening) and not lx.ATTACK_NOUN.search(opening)


FLAG_AFTER = re.compile(r"\s*-?\s*(?:flagged|registered|owned|operated|managed)\b", re.I)
FLAG_BEFORE = re.compile(r"\b(?:flagged|registered|owned|operated|managed|flag|flying the flag)\s+(?:in|of|by|to)\s+"
                         r"(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# The theatre of a war, not the place of one attack: "during the six-month war in Gaza".
WAR_BEFORE = re.compile(r"\b(?:war|wars|conflict|crisis|fighting|campaign|insurgency|occupation|ceasefire|truce|"
                        r"invasion)\s+(?:in|on|with|against|over)\s+(?:the\s+)?$|"
                        r"\bborders?\s+with\s+(?:the\s+)?$", re.I)
# A reference point, not the place: "60 km south of the port city", "north of the capital X".
REFERENCE_BEFORE = re.compile(r"\b(?:(?:\d[\d,.]*|a few|several|some)\s*(?:-\s*)?(?:km|kilomet(?:er|re)s?|(?:nautical\s+)?miles?|nm)\s+"
                              r"(?:(?:to the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?(?:of|from)|"
                              r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
                              re.I)
MONTH_DAY = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"
DAY_MONTH = r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b"
# "CITY, Country (AP) —", "City (Country) (AFP) -", "CITY:" (South Asian and Nigerian papers), "City, Feb 1",
# "CITY, 12 March 2025:"
DATELINE_AFTER = re.compile(r"\s*(?:,\s*[A-Z][\w .]*?)?\s*(?:\([A-Za-z .]+\)\s*){0,2}[—–:-]|,\s*" + MONTH_DAY +
                            r"|,\s*" + DAY_MONTH)
ORIGIN_BEFORE = re.compile(r"(?:\b(?:fired|launched|shot|sent|came|coming|flown|originating|crossed|fire|barrages?|"
                           r"rockets?|missiles?|projectiles?|drones?)\s+(?:[\w-]+\s+){0,3}?"
                           r"from|\b(?:based in|based out of|headquartered in|operating in|active in))\s+"
                           r"(?:the\s+)?(?:[\w-]+ern\s+)?$", re.I)


def is_locative(sent: Sentence, e: Ent) -> bool:
    """Does the sentence use this name as a location ("in Iraq", "at Al-Asad", a dateline) rather than
    as an actor ("Tehran has called for", "Iran-backed groups", "accused the United States")?"""
    before = sent.text[:e.start]
    after = sent.text[e.end:e.end + 12]
    if after.startswith(("-based", "-backed", "-allied", "-aligned", "-linked", "’s", "'s")) and not before.endswith(("in ", "at ")):
        return False
    if SPEECH_BEFORE.search(before[-80:]) or (
            re.match(r"\W*(?:In|From)\s+(?:the\s+)?$", before) and _speaker_after(sent, e)):
        return False  # where someone spoke: "speaking in Kyiv", "In Washington, the Pentagon said ..."
    if said_where(sent, e) or said_to_press(sent, e):
        return False  # "a statement issued in X", "condemned the strike from X", "told journalists in X"
    if FLAG_AFTER.match(after) or FLAG_BEFORE.search(before[-60:]):
        return False  # a ship's flag state or owner: "a Liberian-flagged tanker", "registered in Malta"
    if NOT_A_PLACE_AFTER.match(sent.text[e.end:]):
        return False  # "the Gaza war", "the Ukraine conflict": the name qualifies something else
    if OFFICE_BEFORE.search(before[-80:]) or TAKEN_TO_BEFORE.search(before[-80:]) or WAR_BEFORE.search(before[-60:]):
        return False  # where an official serves, where the wounded were taken, where a war is fought
    if LOCATIVE_BEFORE.search(before) or APPOSITIVE_BEFORE.search(before[-80:]):
        return True
    if e.start == 0 and re.match(r"\s*(?:,(?!\s*(?:which|who|whose|that|where|while|meanwhile)\b)|\(|—|–|-|:)",
                                 sent.text[e.end:]):
        return True  # a dateline: "Tamsara, Niger - ...", not a subject: "Israel, which has ..."
    return bool(re.match(r",\s*[A-Z]", sent.text[e.end:e.end + 3])) and bool(re.search(r"\b(?:in|at|near)\s+$", before[-40:] + " ", re.I))


def locate(sent: Sentence, lo: int, hi: int, kb: KnowledgeBase, countries: dict[str, int]) -> Where | None:
    """The most specific place a clause names as a location (a site, a town, a province, a sea, a country)."""
    best: tuple[int, int, Where] | None = None
    for e in sent.ents_in(lo, hi):
        if e.label in ("PLACE", "COUNTRY") and not is_locative(sent, e) and not _is_site_ent(e, kb):
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
        if e.start == 0 and DATELINE_AFTER.match(sent.text[e.end:]):
            rank += 6  # "TAMSARA, Niger (AP) —": where the story was filed; the text may say where it happened
        elif REFERENCE_BEFORE.search(sent.text[max(0, e.start - 80):e.start]):
            rank = 2.5  # "in X, north of the capital Y": a reference point yields to a town or site named
            where = Where(where.name, where.place, where.country, where.precision, reference=True)
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


# "in Mali's capital", "on the Sudanese capital": the capital, when no name follows ("the capital, X").
CAPITAL = re.compile(r"\b(?:in|on|at|into|targeting|targeted|hit|struck|attacked)\s+(?:the\s+)?"
                     r"(?:(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})(?:’s|'s)|(?P<dem>[A-Z][\w-]+))\s+capital\b"
                     r"(?:\s*,?\s*(?:city\s+(?:of\s+)?)?(?P<next>[A-Z]\w+))?")
WEEKDAY_OR_MONTH = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
                              r"August|September|October|November|December")


DISTRICT_AFTER = re.compile(r"\s+(?:district|quarter|neighbou?rhood|suburb|area)\b", re.I)


COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)(?:the\s+)?(?:(?:north|south|east|west)"
                         r"(?:-?(?:east|west))?(?:ern)?\s+)?")


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
    if at < 0 or not DISTRICT_AFTER.match(sent.text[at + len(w.name):]):
        return best
    for e in sent.ents_in(lo, hi):
        if e.label != "PLACE" or e.text == w.name:
            continue
        city = choose_place(e, kb, countries)
        if city is not None and city.kind in ("city", "town") and km(city, w.place) > SAME_PLACE_KM \
                and (city.population or 0) > 10 * (w.place.population or 0):
            name = sent.text[at:at + len(w.name) + DISTRICT_AFTER.match(sent.text[at + len(w.name):]).end()]
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
        if e.label == "PLACE" and not ORIGIN_BEFORE.search(sent.text[:e.start]):
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


# --------------------------------------------------------------------------- mentions


def weapons_in(text: str) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    low = lowered(text)
    for weapon, pattern in lx.WEAPON_PATTERNS:
        if not could_match(pattern, text, low):
            continue
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken) or lx.IDLE_WEAPON.match(text, m.end()):
                continue
            found.append((m.start(), weapon, m.group(0)))
            taken.append((m.start(), m.end()))
    return sorted(found)


def types_in(text: str) -> list[tuple[int, str]]:
    out = []
    low = lowered(text)
    for etype, pattern in lx.TYPE_PHRASES:
        if not could_match(pattern, text, low):
            continue
        for m in pattern.finditer(text):
            out.append((m.start(), etype))
    if lx.AIR_STRIKE.search(text):
        out.append((lx.AIR_STRIKE.search(text).start(), "air_strike"))
    return sorted(out)


def _is_threat(text: str, trigger_at: int) -> bool:
    """'threatened to attack', 'could strike': the attack has not happened."""
    before = text[max(0, trigger_at - 40):trigger_at]
    return bool(re.search(r"\b(?:threaten(?:ed|s|ing)? to|vow(?:ed|s)? to|plan(?:ned|s)? to|prepared to|"
                          r"would|will|could|might|may|bracing for|fears? of|risk of|avoid|(?:were|was) to|ready to|seeking to|"
                          r"against|warn(?:ed|s)? of)\s+(?:\w+\s+){0,2}$",
                          before, re.I))


def _hits_a_place(s: Sentence, text: str, verb: re.Match) -> bool:
    """'targeted Harir air base', 'struck a building in Beirut': the verb's object is a place or target."""
    window = (verb.end(), min(len(text), verb.end() + 60))
    if any(e.label in ("PLACE", "COUNTRY") for e in s.ents_in(*window)):
        return True
    return bool(re.match(r"\s+(?:\w+\s+){0,4}?(?:base|airbase|camp|building|ship|vessel|village|town|convoy|"
                         r"positions?|outpost|checkpoint|military|troops|forces|port|hospital|school|market|mosque|"
                         r"home|house|sites?|targets?|facilit(?:y|ies)|depots?|infrastructure|plant|station|"
                         r"airport|bridge|headquarters|launchers?|vehicles?)\b", text[verb.end():], re.I))


def cas_words(text: str) -> bool:
    return bool(re.search(lx.KILL_WORD + "|" + lx.WOUND_WORD, text, re.I))


def find_mentions(sentences: list[Sentence], kb: KnowledgeBase, countries: dict[str, int],
                  published: dt.date | None = None) -> list[Mention]:
    mentions: list[Mention] = []
    for s in sentences:
        if s.background:
            continue
        text = s.text[:s.news_end]
        lo0 = s.news_start
        weapons = [w for w in weapons_in(text) if w[0] >= lo0]
        nouns = list(lx.ATTACK_NOUN.finditer(text, lo0))
        verbs = list(lx.ATTACK_VERB.finditer(text, lo0))
        triggers = [m for m in nouns + verbs if not _is_threat(text, m.start())]
        if not triggers and not (weapons and verbs):
            if blames_only(s, kb):  # "Authorities blamed X.": the attack already told, its accused
                mentions.append(Mention(s, lo0, len(text), None, [], [], False, len(mentions)))
            continue
        if not weapons and not any(lx.STRONG_ATTACK.search(m.group(0)) or m in verbs for m in triggers) \
                and not INCIDENT_WORDS.search(text):
            continue  # "operations", "incidents" alone say nothing of an attack ("the incident occurred" does)
        if not weapons and all(m in verbs and lx.WEAK_VERB.match(m.group(0)) for m in triggers) \
                and not cas_words(text) and not any(_hits_a_place(s, text, m) for m in triggers):
            continue  # "revenue hits a snag"
        strong_verbs = [v for v in verbs if v in triggers and not (lx.WEAK_VERB.match(v.group(0))
                                                                   and not _hits_a_place(s, text, v))]
        plural_only = all(m.group(0).lower().endswith("s") for m in triggers if m in nouns) and not strong_verbs \
            and any(m in nouns for m in triggers)
        segments = _split_by_place(s, text, lo0, kb, countries)
        for lo, hi in segments:
            seg_weapons = [w for pos, w, _ in weapons if lo <= pos < hi] or (
                [w for _, w, _ in weapons] if len(segments) == 1 else [])
            mentions.append(Mention(s, lo, hi, locate(s, lo, hi, kb, countries), seg_weapons,
                                    [(p, t) for p, t in types_in(text[lo:hi])], plural_only, len(mentions)))
        answered = _answered_attack(s, mentions[-1] if mentions and mentions[-1].sent is s else None, kb,
                                    countries, published)
        if answered is not None:
            answered.order = len(mentions)
            mentions.append(answered)
    return mentions


# "... in response to", "in retaliation for", "as a response to": what follows is the attack answered.
ANSWER_CONNECTOR = re.compile(r"\s*,?\s*[“\"]?(?:in (?:[\w-]+\s+)?response to|(?:as\s+)?(?:an?|the)\s+"
                              r"(?:[\w-]+\s+){0,2}?response to|in retaliation for|to avenge|avenging)\s", re.I)


def answer_clause(s: Sentence, published: dt.date | None) -> tuple[int, int, DateMention] | None:
    """The clause after "in response to" naming an attack the sentence dates within the news window."""
    if s.background or s.news_end >= len(s.text) or published is None:
        return None
    connector = ANSWER_CONNECTOR.match(s.text, s.news_end)
    if connector is None or not lx.STRONG_ATTACK.search(s.text, connector.end()):
        return None
    lo, hi = connector.end(), len(s.text)
    day = next((d for d in s.dates if lo <= d.start < hi and d.day and 0 <= d.age(published) <= NEWS_WINDOW_DAYS),
               None)
    return (lo, hi, day) if day is not None else None


def _answered_attack(s: Sentence, news: Mention | None, kb: KnowledgeBase, countries: dict[str, int],
                     published: dt.date | None) -> Mention | None:
    """The attack a strike answers ("launched strikes in Syria in response to Tuesday's attack on a base
    in Jordan"), when the sentence dates it within the news window and places it somewhere of its own:
    news too, though it sits in the background part of the sentence. An older one stays background."""
    clause = None if news is None else answer_clause(s, published)
    if clause is None:
        return None
    lo, hi, _ = clause
    part = s.text[lo:hi]
    where = locate(s, lo, hi, kb, countries)
    if where is None or news.where is not None and where.country == news.where.country and (
            where.place is None or (news.where.place is not None and same_place(where.place, news.where.place))):
        return None  # no place of its own: nothing tells it from the strike's place
    return Mention(s, lo, hi, where, [w for _, w, _ in weapons_in(part)], types_in(part), False, 0, answered=True)


def _split_by_place(s: Sentence, text: str, lo0: int, kb: KnowledgeBase,
                    countries: dict[str, int]) -> list[tuple[int, int]]:
    """One segment per separate specific place (named, or an unnamed site) that a sentence reports hit."""
    places: list[tuple[Ent, Place | None]] = []
    for e in s.ents_in(lo0, len(text)):
        if e.label != "PLACE" or not (is_locative(s, e) or _is_site_ent(e, kb)):
            continue
        if REFERENCE_BEFORE.search(text[max(0, e.start - 80):e.start]):
            continue  # a reference point is not a second place hit
        place = choose_place(e, kb, countries)
        if place is None or place_precision(place) not in ("site", "town"):
            continue
        if any(p is not None and same_place(place, p) for _, p in places):
            continue
        places.append((e, place))
    for m in GENERIC_SITE.finditer(text, lo0):
        if not any(e.start < m.end() and m.start() < e.end for e, _ in places):
            places.append((Ent("GENERIC", "", m.group(0), m.start(), m.end()), None))
    places.sort(key=lambda x: x[0].start)
    if len(places) < 2:
        return [(lo0, len(text))]
    bounds = [lo0]
    for (prev, _), (nxt, _) in zip(places, places[1:]):
        # Split after the clause that holds the earlier place, where the next report begins.
        cut = re.search(r"(?:,\s*and\s+|;\s*|,\s*while\s+|\s+and\s+(?=(?:\w+\s+){0,6}?(?:"
                        r"targeted|struck|hit|launched|fired|attacked|was|were)))", text[prev.end:])
        if not cut or prev.end + cut.start() >= nxt.start:
            return [(lo0, len(text))]
        bounds.append(prev.end + cut.end())
    bounds.append(len(text))
    return list(zip(bounds, bounds[1:]))


# --------------------------------------------------------------------------- grouping


# A report of another attack, whatever place it names: "In a separate incident in X, ...".
SEPARATE = re.compile(r"^\W*(?:in|during)\s+(?:a|another)\s+(?:separate|second|further|different|unrelated)\s+"
                      r"(?:incident|attack|strike|assault|development)\b|^\W*(?:in\s+)?another\s+(?:incident|attack)\b|"
                      r"^\W*(?:separately|elsewhere)\b", re.I)


def _separate(m: Mention) -> bool:
    return bool(SEPARATE.search(m.sent.text[m.sent.news_start:])) and m.lo <= m.sent.news_start + 1


def dateline_place(sentences: list[Sentence], kb: KnowledgeBase, countries: dict[str, float]) -> Where | None:
    """Where the story was filed: a town opening one of the first paragraphs as a dateline ("TAMSARA, Niger
    (AP) —", "Tamsara, Feb 1"), or standing alone on its line ("TAMSARA")."""
    for s in sentences:
        if s.para > LEAD_PARAGRAPHS:
            break
        first = s.ents[0] if s.ents else None
        if first is None or first.label != "PLACE" or first.start != 0:
            continue
        rest = s.text[first.end:]
        if not (DATELINE_AFTER.match(rest) or not rest.strip(" ,.") or re.fullmatch(r"\s*,\s*[\w .]+", rest)):
            continue
        place = choose_place(first, kb, countries)
        if place is not None and place_precision(place) in ("site", "town"):
            return Where(first.text, place, place.country, place_precision(place))
    return None


def group_mentions(mentions: list[Mention], kb: KnowledgeBase, dateline: Where | None = None,
                   sentences: list[Sentence] | None = None) -> list[Group]:
    groups: list[Group] = []
    dated_paras = {s.para for s in sentences or () if not s.background and any(d.day for d in s.dates)}
    # A reference point ("a refinery south of Moscow") that another sentence gives for a place it names
    # ("in X, south of the capital") places nothing by itself: the mention joins that place's group.
    anchored = {e.text.lower() for m in mentions if m.where and m.where.place and not m.where.reference
                for e in m.sent.ents_in(m.lo, m.hi)
                if e.label == "PLACE" and REFERENCE_BEFORE.search(m.sent.text[max(0, e.start - 80):e.start])}
    deferred = {id(m) for m in mentions if m.where and m.where.reference and m.where.name.lower() in anchored}
    located = [m for m in mentions if id(m) not in deferred]
    for m in located:
        w = m.where
        if not w or w.place is None or w.precision not in ("site", "town", "district", "sea"):
            continue
        home = None if _separate(m) else next((g for g in groups if same_place(g.where.place, w.place)), None)
        if home is None:
            groups.append(Group([m], w))
        else:
            home.mentions.append(m)
            if _more_specific(w, home.where):
                home.where = w
    # Unnamed sites join the one named site of their country and region.
    for m in mentions:
        w = m.where
        if not w or not w.generic:
            continue
        want = _region_words(w.region)
        fits = [g for g in groups if g.where.country == w.country and g.where.precision == "site"
                and (not want or want & (_region_words(_mention_region(g)) or region_of(g.where.place, kb)))]
        free = [g for g in fits if not g.linked_generic]
        if len(free) >= 1 and (len(fits) == 1 or want):
            target = free[0] if len(free) == 1 or not want else min(free, key=lambda g: abs(g.first - m.order))
            target.mentions.append(m)
            target.linked_generic = True
        else:
            groups.append(Group([m], w))
    if not groups and dateline is not None:
        lead = [m for m in mentions if m.sent.para <= LEAD_PARAGRAPHS and strong_attack(m.text)]
        placed_lead = [m for m in mentions if m.sent.para <= LEAD_PARAGRAPHS and m.where]
        if lead and all(m.where.place is None and m.where.country == dateline.country
                        and not m.where.generic and not REGION.search(m.text) for m in placed_lead):
            # The text places the attack nowhere more precisely than the dateline's country: the story
            # is filed from where it happened ("TAMSARA" over a report of an attack on a facility).
            groups.append(Group([lead[0]], dateline))
    placed = {id(m) for g in groups for m in g.mentions}
    groups.sort(key=lambda g: g.first)
    # A province or a country of its own: the group of a place inside it, else a group of its own.
    for m in mentions:
        w = m.where
        if id(m) in placed or w is None or not w.country or id(m) in deferred:
            continue
        # ... or "the village of X, where an attack took place on May 3", when nothing else places one.
        alone = m.sent.para >= LEAD_PARAGRAPHS and w.place is None and (_stands_alone(m) or (
            w.venue and not groups and lx.STRONG_ATTACK.search(m.text)
            and any(m.lo <= d.start < m.hi and d.day for d in m.sent.dates))
            or _other_kind_elsewhere(m, groups, dated_paras))
        aside = alone and not _stands_alone(m) and w.venue is None
        same = [g for g in groups if g.where and g.where.country == w.country] or (
            [g for g in groups if g.where and g.where.place and g.where.place.kind == "sea" and not g.where.country]
            if w.place is None or w.reference else [])  # "a ship attacked off Yemen" ... "in the Red Sea": one
        # attack at sea, and so is "50 nautical miles off the port of X"
        if m.sent.para >= LEAD_PARAGRAPHS and w.place is None and not alone and not (w.venue and same):
            continue  # a country named outside the lead places nothing by itself; a named venue joins
        if alone:
            same = [g for g in same if g.where.place is None]
        inside = [g for g in same if g.where.place and w.place and (
            (g.where.place.admin1 and _same_name(g.where.place.admin1, w.place.name))
            or km(g.where.place, w.place) <= REGION_KM)]
        twin = [g for g in same if g.where.place_id == w.place_id and g.where.name == w.name]
        if (w.place is None or (w.reference and all(g.where.precision == "sea" for g in same))) and same:
            inside = sorted(same, key=lambda g: g.first)[:1]
        target = None if _separate(m) else (inside or twin or [None])[0]
        if target is None and w.place is not None:
            vague = [g for g in same if g.where.place is None]
            if vague:
                target = vague[0]
                target.where = w  # "in the country" ... "near the port city X": the same report, now more precise
        if target is None:
            groups.append(Group([m], w))
            groups[-1].aside = aside  # "the attack" further down still means the main one
            if aside:
                groups[-1].aside_sents = [s for s in sentences or () if s.para == m.sent.para and s is not m.sent]
        else:
            target.mentions.append(m)
        placed.add(id(m))
    groups.sort(key=lambda g: g.first)
    # Mentions with no place join the paragraph's group; in the lead, the main group; anywhere, the
    # attack a definite reference ("the strike") points back to.
    for m in mentions:
        if id(m) in placed:
            continue
        same_para = [g for g in groups if any(x.sent.para == m.sent.para for x in g.mentions)]
        pool = same_para or (groups[:1] if m.sent.para < LEAD_PARAGRAPHS else [])
        if not pool and ANAPHORA.search(m.text):
            # An aside takes no "the attack": that is still the main one.
            earlier = [g for g in groups if not g.aside and any(x.order < m.order for x in g.mentions)]
            pool = [max(earlier, key=lambda g: max(x.order for x in g.mentions if x.order < m.order))] if earlier else []
        if pool:
            min(pool, key=lambda g: min(abs(x.order - m.order) for x in g.mentions)).mentions.append(m)
        placed.add(id(m))
    for g in groups:
        g.mentions.sort(key=lambda x: x.order)
        _name_venue(g)
    return sorted(groups, key=lambda g: g.first)


def _name_venue(g: Group) -> None:
    """A group placed at a town, province or country that a mention names more precisely by a place
    the gazetteer lacks ("the village of X"): the venue's name, at the most specific known place."""
    w = g.where
    if w is None or w.precision == "site" or w.venue:
        return
    for m in g.mentions:
        v = m.where
        if v is None or not v.venue or (v.country and w.country and v.country != w.country):
            continue
        if v.place is not None and w.place is not None and not same_place(v.place, w.place) \
                and not _more_specific(w, v) and not _more_specific(v, w):
            continue  # two towns apart: the venue is not in this group's place
        near = v if _more_specific(v, w) else w
        g.where = Where(v.venue, near.place, near.country or v.country, near.precision, venue=v.venue)
        return


def _stands_alone(m: Mention) -> bool:
    """A report of its own further down ("the U.S. conducted strikes against two facilities in Iraq
    early Wednesday"): a doer named before a strong attack word, and a date of its own."""
    text = m.text
    trigger = lx.STRONG_ATTACK.search(text)
    if not trigger or not any(d.start >= m.lo and d.start < m.hi for d in m.sent.dates):
        return False
    return any(e.label in ("ACTOR", "COUNTRY") and m.lo <= e.start < m.lo + trigger.start()
               for e in m.sent.ents)


def _other_kind_elsewhere(m: Mention, groups: list[Group], dated_paras: set[int]) -> bool:
    """A paragraph further down reporting another kind of attack in a country no group is in ("Air
    strikes were conducted against targets in northern Iraq", "the ministry announced on the night of
    Oct. 23" in a report of a raid in Turkey): a report of its own, when its paragraph dates it."""
    w = m.where
    if not groups or w.generic or not m.types or not lx.STRONG_ATTACK.search(m.text) \
            or m.sent.para not in dated_paras:
        return False
    kinds = {t for _, t in m.types}
    return all(g.where and g.where.country != w.country and not kinds & {t for x in g.mentions for _, t in x.types}
               for g in groups)


def _same_name(a: str, b: str) -> bool:
    from generator.extract.nlp import norm

    strip = re.compile(r"\b(?:governorate|province|oblast|region|state|district|al)\b")
    return strip.sub("", norm(a)).split() == strip.sub("", norm(b)).split()


def _mention_region(g: Group) -> str:
    """Region words the article itself puts next to a group's site ("... airbase in northern Iraq")."""
    out = []
    for m in g.mentions:
        i = m.sent.text.find(g.where.name)
        if i >= 0:
            tail = m.sent.text[i + len(g.where.name):i + len(g.where.name) + 30]
            r = REGION.search(tail)
            if r and re.match(r"\s*(?:,\s*)?in\s+(?:the\s+)?" + re.escape(r.group(0)), tail, re.I):
                out.append(r.group(0))
    return " ".join(out)


def _more_specific(a: Where, b: Where | None) -> bool:
    if b is None:
        return True
    return GEO_SPECIFICITY.index(a.precision) < GEO_SPECIFICITY.index(b.precision)


# --------------------------------------------------------------------------- dates


EVENT_AFTER = re.compile(r"^(?:'s|’s)?\s*(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|airstrikes?|blasts?|explosions?|"
                         r"bombings?|shooting|assault|raid|massacre|barrage)\b|^[^.]{0,40}\b(?:in|during) the "
                         r"(?:[\w-]+\s+){0,3}(?:attacks?|strikes?|blasts?|explosions?|bombings?|shooting)\b", re.I)


def group_date(g: Group, published: dt.date | None, fallback: DateMention | None,
               latest: dt.date | None = None) -> tuple[DateMention | None, str]:
    """The group's date mention and how it was chosen.

    A date tied to the attack ("Wednesday's blasts", "killed on Wednesday in the bombing") beats one in
    the clause; a date tied to a statement ("said Thursday", "on Thursday claimed") only bounds it.
    `published` is the earliest day the article may have appeared, `latest` the last (they differ when
    only the month is known)."""
    latest = latest or published
    best: tuple[int, DateMention] | None = None
    spans = [(m.sent, m.lo, m.hi, m.answered) for m in g.mentions] + [
        (s, s.news_start, s.news_end, False) for s in g.aside_sents]
    for sent, lo, hi, answered in spans:
        for d in sent.dates:
            if not (lo <= d.start < hi if answered else sent.news_start <= d.start < sent.news_end):
                continue  # background (the attack a retaliation answers: its own clause's dates)
            if published and d.age(published) > NEWS_WINDOW_DAYS and "follow-up" not in sent.tags:
                continue
            if latest and d.age(latest) < -1:
                continue
            before, after = sent.text[:d.start], sent.text[d.start + len(d.text):]
            anchor = date_anchor(sent, d.start)
            if lx.REPORT_VERB_AFTER.search(after) or lx.REPORT_VERB_BEFORE.search(before) and anchor != "attack":
                score = 3  # "today condemned the strike", "said on Thursday": the statement's day
            elif EVENT_AFTER.search(after) or INCIDENT_WORDS.search(sent.text) or anchor == "attack":
                score = 0
            else:  # a date on another verb ("attended a memorial Monday") is weaker than a free one
                score = 1 + (0 if lo <= d.start < hi and anchor != "other" else 1)
            if best is None or score < best[0]:
                best = (score, d)
    if best and best[0] < 3:
        return best[1], "stated"
    if fallback is not None:
        return fallback, "lead"
    if best:
        return best[1], "reported"
    return None, ""


def lead_date(groups: list[Group], published: dt.date | None, latest: dt.date | None = None) -> DateMention | None:
    """The date of the article's main news, for groups whose own sentences give none."""
    for g in groups:
        d, how = group_date(g, published, None, latest)
        if d is not None and how == "stated":
            return d
    return None


# --------------------------------------------------------------------------- retaliation

RETALIATION = re.compile(r"\b(?:retaliat\w*|in response|self-defen[cs]e|responded|respond|struck back|"
                         r"counter-?strikes?|in reprisal)\b", re.I)
AERIAL = {"air_strike"}


def split_retaliation(groups: list[Group]) -> list[Group]:
    """An attack and the strike that answered it at the same place are two incidents.

    When a group's report speaks of retaliation and holds both an air strike and another kind of
    attack, mentions that name only the strike go to a response group, those that name only the attack
    stay, and those naming both go to both."""
    out: list[Group] = []
    for g in groups:
        kinds = [{t for _, t in m.types} | {STANDOFF_WEAPON_EVENT_TYPE[w] for w in m.weapons
                                             if w in STANDOFF_WEAPON_EVENT_TYPE}
                 | ({"air_strike"} if lx.AIR_STRIKE.search(m.text) else set()) for m in g.mentions]
        has_air = any(k & AERIAL for k in kinds)
        has_other = any(k - AERIAL - {"other", "bombing"} for k in kinds)
        # Only a report that leads with the answer ("gunship strikes vehicle after missile attack") is
        # split; a retaliation recalled further down stays context of the attack reported.
        lead_cue = any(RETALIATION.search(m.sent.text) or (k & AERIAL and k - AERIAL)
                       for m, k in zip(g.mentions, kinds) if m.sent.para < LEAD_PARAGRAPHS)
        if not (has_air and has_other and lead_cue and any(RETALIATION.search(m.sent.text) for m in g.mentions)):
            out.append(g)
            continue
        attack, response = Group(where=g.where, response=False), Group(where=g.where, response=True)
        for m, k in zip(g.mentions, kinds):
            air, other = bool(k & AERIAL), bool(k - AERIAL - {"other", "bombing"})
            if air or not other:
                response.mentions.append(m)
            if other or not air:
                attack.mentions.append(m)
        out.extend(x for x in (attack, response) if x.mentions)
    return sorted(out, key=lambda g: (g.first, bool(g.response)))
