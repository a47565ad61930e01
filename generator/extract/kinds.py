"""What kind of attack a group of mentions reports: its event type and weapons; and an attack at sea,
coded to the coastal state the text names."""

from __future__ import annotations

import re

from generator.extract import actors as act
from generator.extract import events as ev
from generator.extract import lexicon as lx
from generator.extract import locate as loc
from generator.extract.sentences import Sentence
from generator.records.kb import KnowledgeBase
from generator.records.vocabulary import WEAPON_EVENT_TYPE


GROUND_TYPES = {"armed_clash", "other", "bombing", "assassination"}  # attacks whose doers may die in them

# "off the coast of Eritrea", "95 nautical miles southeast of X": the shore an attack at sea is placed by.
OFFSHORE = re.compile(r"\b(?:off|of|near|coast of|shores? of|waters of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)


def sea_coded(g: ev.Group, roles: list[act.Role], kb: KnowledgeBase) -> loc.Where | None:
    """The group's place; attacks at sea are coded to the nearest coastal state the report names ("off
    X", "southeast of the port city of Y"), else to the country they were launched from."""
    where = g.where
    if where is None or where.country or where.place is None or where.place.kind != "sea":
        return where
    for m in g.mentions:
        for e in m.sent.news_ents():
            if e.label not in ("PLACE", "COUNTRY") or not OFFSHORE.search(m.sent.text[max(0, e.start - 40):e.start]):
                continue
            place = kb.places.get(e.ref) if e.label == "PLACE" else None
            shore = e.ref if e.label == "COUNTRY" else (place.country if place and place.kind != "sea" else None)
            if shore:
                return loc.Where(where.name, where.place, shore, where.precision)
    launched = [r.actor for r in [*roles, *g.claims] if r.actor and r.role in ("perpetrator", "claimed", "accused")]
    if not launched:  # "Houthi missile hits ship": the armed group the report names
        launched = [e.ref for m in g.mentions for e in m.sent.ents_in(m.lo, m.hi)
                    if e.label == "ACTOR" and e.ref in kb.actors and kb.actors[e.ref].kind == "armed_group"]
    home = next((kb.actors[a].country for a in launched if kb.actors[a].country), None)
    return loc.Where(where.name, where.place, home, where.precision)


def weapons_and_type(g: ev.Group, sentences: list[Sentence], texts: list[str]) -> tuple[list[str], str]:
    """Weapons named in the group's mentions and claims, and the event type they and the wording give."""
    weapons: list[str] = []
    for w in [w for m in g.mentions for w in m.weapons] + [
            w for c in g.claims for _, w, _ in ev.weapons_in(sentences[c.sentence].news_text)]:
        if w not in weapons:
            weapons.append(w)
    # "bomb" from blasts, explosions and "bombing" only: they follow missiles, strikes and gunfire too.
    if "bomb" in weapons and len(weapons) > 1 and not any(lx.BOMB_WORDS.search(t) for t in texts):
        weapons.remove("bomb")
    if "bomb" in weapons and any(lx.SUICIDE.search(t) for t in texts):
        weapons.insert(weapons.index("bomb") + 1, "suicide_bomb")  # a suicide bombing: still a bomb
    if g.response:
        # The answering strike: its weapons are the aircraft's, not the attack's.
        gunship = re.search(r"\b(?:gunships?|AC-130\w*|helicopters?)\b", " ".join(texts), re.I)
        return (["other"] if gunship else []), "air_strike"
    if g.response is False:
        weapons = [w for w in weapons if w != "other"]
    etype = event_type_of(g, weapons, texts)
    if etype == "other":
        etype = ground_attack_type(weapons, texts, [m.text for m in g.mentions if not m.plural_only])
    if g.response is False and etype == "air_strike":
        etype = next((t for _, t in sorted(p for m in g.mentions for p in m.types) if t != "air_strike"), etype)
    if etype == "air_strike" and len(weapons) > 1 and "bomb" in weapons:
        weapons.remove("bomb")
    return weapons, etype


def event_type_of(g: ev.Group, weapons: list[str], texts: list[str]) -> str:
    joined = " ".join(texts)
    if lx.SHIP.search(joined) and re.search(r"\b(?:hit|struck|targeted|attacked|on|against)\b[^.]{0,40}"
                                            + lx.SHIP.pattern, joined, re.I):
        return "attack_on_ship"
    if g.where and g.where.place and g.where.place.kind == "sea":
        return "attack_on_ship"
    found: list[tuple[int, int, str]] = []
    for i, m in enumerate(g.mentions):
        for pos, etype in m.types:
            found.append((i, pos, etype))
    found.sort()
    types = [t for _, _, t in found]
    # "a loud blast" follows air strikes and missiles too: blasts make a bombing only when nothing else
    # in the report says what struck.
    if types and types[0] == "bombing" and not lx.BOMB_WORDS.search(joined):
        other = [t for t in types if t != "bombing"]
        if other:
            types = other
        elif re.search(r"\bstrikes?\b|\bstruck\b", joined, re.I):
            types = ["air_strike"]
        elif "gun" in weapons or lx.GROUND_ASSAULT.search(joined):
            types = ["other"]  # gunfire and explosions: a ground attack (refined by ground_attack_type)
    if types:
        first = types[0]
        # "assassination" only for a named person killed by gun or planted bomb.
        if first == "assassination" and not (set(weapons) & {"gun", "bomb"}):
            rest = [t for t in types if t != "assassination"]
            first = rest[0] if rest else None
        if first == "bombing" and weapons and weapons[0] not in ("bomb",):
            return dict(WEAPON_EVENT_TYPE).get(weapons[0], first)
        if first:
            return first
    for w, etype in WEAPON_EVENT_TYPE:
        if w in weapons:
            return etype
    if re.search(r"\bstrikes?\b|\bstruck\b", joined, re.I):
        return "air_strike"  # a strike with no weapon named is, in conflict reporting, from the air
    return "other"


def ground_attack_type(weapons: list[str], texts: list[str], singular: list[str]) -> str:
    """An attack by people on the ground: an armed clash when it was fought out (a raid, a storming, a gun
    battle, attackers neutralized) or when armed men attacked with no weapon named; a shooting otherwise.
    `singular` are the texts that report one attack ("recurring jihadist attacks" says nothing of this one)."""
    joined = " ".join(texts)
    if lx.GROUND_ASSAULT.search(joined):
        return "armed_clash"
    if dict(lx.TYPE_PHRASES)["other"].search(joined):
        return "other"  # "gunmen opened fire", "a shooting"
    if not weapons and lx.GROUND_ATTACKERS.search(" ".join(singular)):
        return "armed_clash"
    return "other"
