"""One article's attack mentions into groups, one group a reported attack.

Which mentions are the same attack (their place, kind and paragraph; "in a separate incident" starts a new
one), each group's date, and a retaliation told together with its cause kept apart from it."""

from __future__ import annotations

import datetime as dt
import re

from generator.extract import lexicon as lx
from generator.extract.dates import DateMention
from generator.extract.events import ANAPHORA, Group, INCIDENT_WORDS, LEAD_PARAGRAPHS, Mention, points_back
from generator.extract.filed import is_dateline, unknown_place
from generator.extract.locate import (REGION_KM, Where, choose_place, km, place_precision, region_of, region_words,
                                      same_place)
from generator.extract.placewords import DATELINE_AFTER, REFERENCE_BEFORE, REGION
from generator.extract.places import strong_attack
from generator.extract.sentences import NEWS_WINDOW_DAYS, Sentence, date_anchor
from generator.records.kb import KnowledgeBase
from generator.records.vocabulary import GEO_SPECIFICITY, STANDOFF_WEAPON_EVENT_TYPE


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


def _points_back_only(m: Mention) -> bool:
    """Whether every attack word of the mention is a definite reference to an attack told before."""
    return points_back(m.text, [*lx.ATTACK_NOUN.finditer(m.text), *lx.ATTACK_VERB.finditer(m.text)])


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
    # "The army has stepped up air strikes across X": attacks in general over a region place no attack.
    deferred |= {id(m) for m in mentions if m.where and m.where.place is not None and _across_place(m)}
    # A clause placed only by a route's end ("a convoy ambushed between X and Y") that also names the
    # place another sentence gives ("40 km north of Y") tells of that attack.
    firm = {m.where.place.id for m in mentions if m.where and m.where.place and not m.where.route_end}
    deferred |= {id(m) for m in mentions if m.where and m.where.route_end and m.where.place is not None
                 and m.where.place.id not in firm and any(
                     e.label == "PLACE" and firm & set(e.candidates or (e.ref,)) for e in m.sent.ents_in(m.lo, m.hi))}
    # "... units fighting in northern Ukraine, adding that the results of the strike were unclear": a
    # sentence whose only attack words point back ("the strike") and whose place is a whole country tells
    # of the attack already told; the country belongs to another clause.
    deferred |= {id(m) for m in mentions if m.where and m.where.precision == "country" and not m.weapons
                 and _points_back_only(m) and any(x.order < m.order and x.where for x in mentions)}
    located = [m for m in mentions if id(m) not in deferred]
    for m in located:
        w = m.where
        if not w or w.place is None or w.precision not in ("site", "town", "district", "sea"):
            continue
        home = None if _separate(m) else next((g for g in groups if same_place(g.where.place, w.place)
                                                and not _another_day(m, g)), None)
        if home is None:
            groups.append(Group([m], w))
        else:
            home.mentions.append(m)
            # A reference point ("across the river from the X plant") never outranks the place it is seen from.
            if not w.reference and (home.where.reference or _more_specific(w, home.where)):
                home.where = w
    # Unnamed sites join the one named site of their country and region.
    for m in mentions:
        w = m.where
        if not w or not w.generic:
            continue
        want = region_words(w.region)
        fits = [g for g in groups if g.where.country == w.country and g.where.precision == "site"
                and (not want or want & (region_words(_mention_region(g)) or region_of(g.where.place, kb)))]
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
            # is filed from where it happened ("TAMSARA" over a report of an attack on a facility), unless the
            # lead names a place the gazetteer lacks ("QUETTA:" over "the attack on coal mines in Dukki").
            venue = next((v for m in lead if (v := unknown_place(m.sent, m.lo, m.hi))), None)
            groups.append(Group([lead[0]], Where(venue, None, dateline.country, "country", venue=venue)
                                if venue else dateline))
    placed = {id(m) for g in groups for m in g.mentions}
    groups.sort(key=lambda g: g.first)
    # A roundup ("attacks killed six across Ukraine", then a paragraph a place): its lead totals several
    # attacks and belongs to none of them.
    roundup = len(groups) >= 2 and any(_across(m) for m in mentions if m.sent.para < LEAD_PARAGRAPHS)
    # A province or a country of its own: the group of a place inside it, else a group of its own.
    for m in mentions:
        w = m.where
        if id(m) in placed or w is None or not w.country or id(m) in deferred:
            continue
        if roundup and _across(m):
            placed.add(id(m))
            continue
        # ... or "the village of X, where the raid happened on May 3", when nothing else places one.
        alone = m.sent.para >= LEAD_PARAGRAPHS and w.place is None and (_stands_alone(m) or (
            w.venue and not groups and lx.STRONG_ATTACK.search(m.text)
            and any(m.lo <= d.start < m.hi and d.day for d in m.sent.dates))
            or _other_kind_elsewhere(m, groups, dated_paras))
        aside = alone and not _stands_alone(m) and w.venue is None
        same = [g for g in groups if g.where and g.where.country == w.country and not _opened_after(g, m)] or (
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
        if target is not None and w.venue and target.where.place is not None and _another_day(m, target):
            # "On Monday night, a bomb hit a patrol in the X area" under Tuesday's blast in the city: that city
            target, w = None, Where(w.venue, target.where.place, target.where.country, target.where.precision,
                                    venue=w.venue)
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
        pool = same_para or (groups[:1] if m.sent.para < LEAD_PARAGRAPHS and not roundup else [])
        if not pool:  # "Armed men had stormed the mines in the Dukki coalfield ...": the place a group's venue names
            pool = [g for g in groups if g.where and g.where.venue
                    and re.search(r"\b" + re.escape(g.where.venue) + r"\b", m.text)]
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
        _venue_beyond(g)
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
        if v.place is not None and _more_specific(w, v):
            continue  # "Manipur's Bishnupur", known only by its state: the group's town says more
        near = v if _more_specific(v, w) else w
        g.where = Where(v.venue, near.place, near.country or v.country, near.precision, venue=v.venue)
        return


def _venue_beyond(g: Group) -> None:
    """A group placed only at a country, or at the dateline's town, whose lead sentences name a place the gazetteer
    lacks ("COTABATO CITY – ..." then "on their way to an outreach in X when the bomb exploded"): that place, in the
    group's country."""
    w = g.where
    if w is None or w.venue or w.generic or not w.country:
        return
    dateline = any(is_dateline(m.sent, w) for m in g.mentions)
    if w.place is not None and not dateline:
        return
    for m in g.mentions:
        if m.sent.para >= LEAD_PARAGRAPHS or (m.where is not None and m.where.country != w.country):
            continue
        venue = unknown_place(m.sent, m.lo, m.hi)
        if venue is not None:
            g.where = Where(venue, None, w.country, "country", venue=venue)
            return


ACROSS_BEFORE = re.compile(r"\b(?:across|throughout)\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+|central\s+)?$",
                           re.I)
OPENS_WITH = re.compile(r"\W*(?:(?:late|early)\s+)?(?:on\s+)?", re.I)


def _opened_after(g: Group, m: Mention) -> bool:
    """A group that "In another attack, ..." opens further down takes nothing said before it."""
    first = min(g.mentions, key=lambda x: x.order)
    return first.order > m.order and _separate(first)


def _across_place(m: Mention) -> bool:
    """The mention's place follows 'across' or 'throughout' ("strikes across Sagaing")."""
    at = m.sent.text.find(m.where.name) if m.where and m.where.name else -1
    return at > 0 and bool(ACROSS_BEFORE.search(m.sent.text[:at]))


def _across(m: Mention) -> bool:
    """A mention placed only 'across' a country: a total of several attacks ("killed six across Ukraine")."""
    w = m.where
    return w is not None and w.place is None and bool(w.country) and _across_place(m)


def _another_day(m: Mention, g: Group) -> bool:
    """A sentence that opens on a day of its own, other than every day its group's sentences give, and
    reports an attack ("On Monday night, a roadside bomb hit a patrol ..." below Tuesday's blast in the
    same city): another attack, even at the same place."""
    s = m.sent
    if not (m.types or m.weapons):
        return False
    opening = next((d for d in s.dates if d.day and OPENS_WITH.fullmatch(s.text[s.news_start:d.start])), None)
    if opening is None:
        return False
    days = {d.day for x in g.mentions if x.sent is not s for d in x.sent.dates if d.day}
    return bool(days) and opening.day not in days


def _stands_alone(m: Mention) -> bool:
    """A report of its own further down ("the air force then struck three depots across the border
    on Sunday night"): a doer named before a strong attack word, and a date of its own."""
    text = m.text
    trigger = lx.STRONG_ATTACK.search(text)
    if not trigger or not any(d.start >= m.lo and d.start < m.hi for d in m.sent.dates):
        return False
    return any(e.label in ("ACTOR", "COUNTRY") and m.lo <= e.start < m.lo + trigger.start()
               for e in m.sent.ents)


def _other_kind_elsewhere(m: Mention, groups: list[Group], dated_paras: set[int]) -> bool:
    """A paragraph further down reporting another kind of attack in a country no group is in ("Jets
    later hit depots in the north of the neighbouring country", "the defence ministry said late on
    Friday" in a report of a raid elsewhere): a report of its own, when its paragraph dates it."""
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

EVENT_AFTER = re.compile(r"^(?:'s|’s)?\s*(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|airstrikes?|blasts?|explosions?|"
                         r"bombings?|shooting|assault|raid|massacre|barrage)\b|^[^.]{0,40}\b(?:in|during) the "
                         r"(?:[\w-]+\s+){0,3}(?:attacks?|strikes?|blasts?|explosions?|bombings?|shooting)\b", re.I)


# A toll's day, not the attack's: "the death toll ... rose to 14 on Sunday", "the toll climbed to 21 late Monday".
TOLL_BEFORE = re.compile(r"\btoll\b[^.;]{0,80}?\b(?:rose|rises|risen|climbed|climbs|increased|jumped|reached|went up|"
                         r"has risen|had risen)\s+to\s+[\w,.-]+(?:\s+(?:dead|deaths|people|killed))?\s*$", re.I)


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
            if lx.REPORT_VERB_AFTER.search(after) or lx.REPORT_VERB_BEFORE.search(before) and anchor != "attack" \
                    or ("toll" in before and TOLL_BEFORE.search(before[-120:])):
                score = 3  # "today condemned the strike", "said on Thursday": the statement's day; "the toll
                # rose to 14 on Sunday": the day of the count
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
