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
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.extract import lexicon as lx
from generator.extract.blame import blames_only, refers_back
from generator.extract.dates import DateMention
from generator.extract.filed import beyond_dateline, owned_elsewhere
from generator.extract.literals import could_match, lowered
from generator.extract.locate import (Where, choose_place, is_locative, is_site_ent, locate, place_precision,
                                      same_place)
from generator.extract.placewords import GENERIC_SITE, REFERENCE_BEFORE
from generator.extract.sentences import NEWS_WINDOW_DAYS, Ent, Sentence
from generator.records.kb import KnowledgeBase, Place

if TYPE_CHECKING:
    from generator.extract.actors import Role

LEAD_PARAGRAPHS = 3  # the title is paragraph 0
ANAPHORA = re.compile(r"\b(?:the|this|that|these|those|both|Tuesday's|Monday's|Wednesday's|Thursday's|Friday's|"
                      r"Saturday's|Sunday's)\s+(?:(?:deadly|latest|suspected|twin|two|suicide|drone|missile|rocket|"
                      r"Israeli|Russian|U\.S\.|US|American)\s+)*(?:attacks?|strikes?|airstrikes?|air strikes?|"
                      r"blasts?|explosions?|bombings?|shooting|assault|raid|incident|massacre|shelling)\b", re.I)
INCIDENT_WORDS = re.compile(r"\b(?:incident|attack|strike|blast|explosion|bombing|shooting|assault|raid)\s+"
                            r"(?:occurred|happened|took place|came|was carried out)\b", re.I)


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


# --------------------------------------------------------------------------- places


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


# Weapons fired in practice: "a three-day exercise", "naval drills", "test-fired a missile", "war games".
EXERCISE = re.compile(r"\b(?:(?<!to )exercises?(?!\s+(?:restraint|caution|(?:their|its|the) right|control|power))|"
                      r"drills?|war games|test-fir(?:ed|ing|es)|(?:missile|weapons?) tests?)\b", re.I)
# Attacks counted, not told: "a string of rocket attacks", "more than 150 drone strikes were recorded".
SERIES = re.compile(r"(?:\b(?:string|campaign|dozens|hundreds|thousands|scores)\s+of|\bmore than\s+\d[\d,]*|"
                    r"\b(?:\d{2,3}|\d{1,3}(?:,\d{3})+)(?![\d,]))\s+(?:[\w-]+\s+){0,4}$", re.I)  # a count, not a year
LANDING = re.compile(r"landed|fell|impacted", re.I)
PLACE_OBJECT = re.compile(r"\s+(?:(?:in|near|off|outside|at|on|across|around|over|inside|into)\s+)?"
                          r"(?:[\d.,]+\s+(?:nautical\s+)?(?:km|kilometres|kilometers|miles)\s+)?"
                          r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of\s+)?)?(?:(?:the|a|an)\s+)?(?:(?:[\w-]+\s+)?(?:town|city|village|region|province|district|"
                          r"area|areas|outskirts|suburbs?|centre|center|port|capital|neighbou?rhood|edge)\s+(?:of\s+)?)?",
                          re.I)


def _hits_a_place(s: Sentence, text: str, verb: re.Match) -> bool:
    """'targeted Harir air base', 'struck a building in Beirut': the verb's object is a place or target."""
    window = (verb.end(), min(len(text), verb.end() + 60))
    # The place is the verb's object ("struck Kharkiv", "hit the outskirts of Gao"), not a place further on
    # ("hit a record high in Khartoum", "struck a deal in Doha").
    if any(e.label in ("PLACE", "COUNTRY") and PLACE_OBJECT.fullmatch(text, verb.end(), e.start)
           for e in s.ents_in(*window)):
        return True
    return bool(re.match(r"\s+(?:\w+\s+){0,4}?(?:base|airbase|camp|building|ship|vessel|village|town|convoy|"
                         r"positions?|outpost|checkpoint|military|troops|forces|port|hospital|school|market|mosque|"
                         r"home|house|sites?|targets?|facilit(?:y|ies)|depots?|infrastructure|plant|station|"
                         r"airport|bridge|headquarters|launchers?|vehicles?|refiner(?:y|ies)|factor(?:y|ies)|warehouses?|"
                         r"barracks|airfields?|terminals?|pipelines?|substations?|tankers?|trains?|bus(?:es)?|minibus(?:es)?|"
                         r"cars?|trucks?|hideouts?|strongholds?|arsenals?|command posts?|storage)\b", text[verb.end():], re.I))


def _gated_verbs(s: Sentence, text: str, lo0: int, armed: bool, kb: KnowledgeBase) -> list[re.Match]:
    """The verbs that tell an attack only in company (lexicon.GROUND_VERB, THROW_VERB): a ground verb after an
    attacker ("gunmen", an armed group the knowledge base knows), a throwing verb when a weapon is named."""
    out = []
    for m in lx.GROUND_VERB.finditer(text, lo0):
        if lx.GROUND_ATTACKERS.search(text, lo0, m.start()) or any(
                e.label == "ACTOR" and lo0 <= e.start and e.end <= m.start()
                and getattr(kb.actors.get(e.ref), "kind", None) == "armed_group" for e in s.ents):
            out.append(m)
    if armed:
        out.extend(lx.THROW_VERB.finditer(text, lo0))
    return out


# "the 2019 attack", "a 2024 bombing of a bus", "last year's bombing": an attack noun dated by its year.
OLD_BEFORE = re.compile(r"\b(?:old|past|decades-old|years-old|long-ago)\s+(?:[\w-]+\s+)?$", re.I)
# A headline drops the article: "court jails four over 2021 Kampala bombings".
YEAR_BEFORE = re.compile(r"(?:(?i:\b(?:the|a|an)\s+(?:\w+\s+)?(\d{4})\s+(?:[\w-]+\s+)?|\b(\d{4})'s\s+|\blast year'?s\s+(?:[\w-]+\s+)?)|"
                         r"\b((?:19|20)\d\d)\s+(?:[A-Z][\w-]*\s+|(?:suicide|car|twin|terror|terrorist|deadly|drone|"
                         r"rocket|missile)\s+){0,2})$")


def _of_an_earlier_year(text: str, trigger: re.Match, published: dt.date) -> bool:
    """Whether the trigger is an attack noun its own words date to a year before the article's, or call old
    ("deny old bombing", "a decades-old massacre")."""
    if OLD_BEFORE.search(text, max(0, trigger.start() - 20), trigger.start()):
        return True
    m = YEAR_BEFORE.search(text, max(0, trigger.start() - 40), trigger.start())
    if m is None:
        return False
    year = m.group(1) or m.group(2) or m.group(3)
    return year is None or int(year) < published.year


# What an explosion itself names as a weapon ("bomb" from "blast"): no weapon of an attacker.
BLAST_ONLY = re.compile(r"(?:explosions?|blasts?|exploded|detonations?)$", re.I)


def _dated_old(s: Sentence, published: dt.date) -> bool:
    """A sentence whose every date lies before the news window ("in March 2024")."""
    return bool(s.dates) and all(d.age(published) > NEWS_WINDOW_DAYS for d in s.dates)


def _mishap(s: Sentence, text: str, lo0: int, triggers: list[re.Match], weapons: list, told_elsewhere) -> bool:
    """A disaster or an accident (lexicon.MISHAP) told with no attack word but a blast, no weapon but the blast
    itself, no attacker and no actor: "floods killed 30", "a bus crashed into a truck", "a gas explosion". The
    accident may be told in another sentence of the article (`told_elsewhere()`): "An explosion tore through a
    restaurant, killing five" under the headline "Gas blast at restaurant kills five"."""
    if not _blast_only(triggers, weapons) or not (lx.MISHAP.search(text, lo0) or told_elsewhere()):
        return False
    return not lx.GROUND_ATTACKERS.search(text, lo0) and not any(e.label == "ACTOR" for e in s.ents_in(lo0, len(text)))


def _blast_only(triggers: list[re.Match], weapons: list) -> bool:
    """No attack word but a blast's, no weapon but what a blast names ("bomb" from "explosion")."""
    return all(BLAST_ONLY.match(m.group(0)) or not lx.STRONG_ATTACK.search(m.group(0)) for m in triggers) and all(
        BLAST_ONLY.match(found) for _, _, found in weapons)


def points_back(text: str, words) -> bool:
    """Whether every one of the attack words is inside a definite reference to an attack told before
    ("the strike", "Tuesday's attack"; events.ANAPHORA)."""
    refs = [a.span() for a in ANAPHORA.finditer(text)]
    return bool(refs) and all(any(a <= w.start() < b for a, b in refs) for w in words)


def cas_words(text: str) -> bool:
    return bool(re.search(lx.KILL_WORD + "|" + lx.WOUND_WORD, text, re.I))


def find_mentions(sentences: list[Sentence], kb: KnowledgeBase, countries: dict[str, int],
                  published: dt.date | None = None) -> list[Mention]:
    mentions: list[Mention] = []
    earlier_only = False  # the article's first attack words named an attack of an earlier year
    told: list[bool] = []  # whether any sentence tells an accident (lexicon.MISHAP), found once when first asked

    def mishap_told() -> bool:
        if not told:
            told.append(any(lx.MISHAP.search(x.text) for x in sentences))
        return told[0]

    for s in sentences:
        if s.background:
            if not mentions and published is not None and not earlier_only:
                earlier_only = any(_of_an_earlier_year(s.text, m, published) for m in lx.ATTACK_NOUN.finditer(s.text))
                # a headline whose only date is an earlier year ("jails two over 2023 market bomb attack"), however
                # many words stand between the year and the attack
                earlier_only = earlier_only or (s.para == 0 and _dated_old(s, published)
                                                and bool(lx.STRONG_ATTACK.search(s.text)))
            continue
        text = s.text[:s.news_end]
        lo0 = s.news_start
        weapons = [w for w in weapons_in(text) if w[0] >= lo0]
        nouns = list(lx.ATTACK_NOUN.finditer(text, lo0))
        verbs = sorted([*lx.ATTACK_VERB.finditer(text, lo0), *_gated_verbs(s, text, lo0, bool(weapons), kb)],
                       key=lambda m: m.start())
        triggers = [m for m in nouns + verbs if not _is_threat(text, m.start())]
        low = text.lower() if triggers or weapons else ""
        if "strike" in low:
            stoppages = [x.span() for x in lx.LABOUR_STRIKE.finditer(text, lo0)]
            triggers = [m for m in triggers if not any(a <= m.start() < b for a, b in stoppages)]
        if any(w in low for w in ("exercise", "drill", "war games", "test")) and EXERCISE.search(text, lo0):
            continue  # "fired missiles at floating targets in a three-day exercise": a drill, not an attack
        triggers = [m for m in triggers if not (m in nouns and m.group(0).lower().endswith("s")
                                                and SERIES.search(text, max(0, m.start() - 50), m.start()))]
        if not weapons:  # "the president landed at the airport": only a weapon lands or falls in an attack
            triggers = [m for m in triggers if not LANDING.fullmatch(m.group(0))]
        if published is not None:
            dated = [m for m in triggers if _of_an_earlier_year(text, m, published)]
            triggers = [m for m in triggers if m not in dated]
            if dated and all(m in verbs and lx.WEAK_VERB.match(m.group(0)) for m in triggers):
                earlier_only = earlier_only or not mentions
                continue  # "those killed in the 2023 bombing": the verbs tell that attack too
        if earlier_only and not mentions and triggers and all(m in nouns for m in triggers) \
                and points_back(text, triggers):
            continue  # "before the attack", below a lead on the 2021 bombings: that attack again
        if triggers and _mishap(s, text, lo0, triggers, weapons, mishap_told):
            continue
        if not weapons and ("blam" in text or "accus" in text or "responsible" in text) and refers_back(text, triggers):
            triggers = []  # "The government blamed X for the attack": blame, told of an attack already told
        if not triggers and not (weapons and (verbs or cas_words(text))):  # "a car bomb wounded 14 people"
            if mentions and blames_only(s, kb):  # "Authorities blamed X.": the attack already told, its accused
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
            where = beyond_dateline(s, lo, hi, owned_elsewhere(s, lo, hi, locate(s, lo, hi, kb, countries), kb))
            mentions.append(Mention(s, lo, hi, where, seg_weapons,
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
        if e.label != "PLACE" or not (is_locative(s, e) or is_site_ent(e, kb)):
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


# --------------------------------------------------------------------------- dates


# --------------------------------------------------------------------------- retaliation


