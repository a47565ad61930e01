"""Actors in their roles: who claimed an attack, who is accused of it, who did it, and who was hit.

Claims come from claim verbs ("claimed responsibility", "said it targeted"); the claimant is the
named actor before the verb, the actor a pronoun ("It", "the group") refers back to, or, when the
source does not name it, a description ("an Iraq-based militia"). Perpetrators are actors that are the
subject (or the agent, or a modifier of the weapon) of an attack verb. Accused actors are the objects of
"blamed", "accused", "attributed to". An unnamed actor is never invented as an organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.extract import lexicon as lx, namesakes as ns, places as pl, subjects as sj
from generator.extract.actorwords import (ACCUSING_VERB, ALLUDE, ATTACK_NOUN, BELONGING, DEFEND_VERB, DOUBTED, EARLIER,
                                          EVENT_NOUN, GENERIC_NOUNS, HABITUAL_ADV, HABITUAL_HEAD, IDENTITY_NOUNS, MEANS,
                                          NATIONAL_FORCES, OWN_MEANS, QUALIFIERS, ROLE_VERB)
from generator.extract.sentences import Ent, Sentence
from generator.records.kb import KnowledgeBase

KIND_RANK = {"armed_group": 0, "military": 1, "state": 2}
PRONOUN_SUBJECT = re.compile(r"^\s*(?:it|they|the group|the militia|the movement|the organi[sz]ation|"
                             r"the faction|the militants|the rebels)\b", re.I)


@dataclass(frozen=True)
class Role:
    actor: str | None  # actor id, or None for an unnamed actor
    role: str
    description: str | None = None
    text: str = ""  # the sentence it came from
    sentence: int = -1
    new_name: str | None = None  # a name the knowledge base does not know (drafted for review)
    how: str = ""  # "confirmed": a state confirming a strike, its perpetrator only if the strike was abroad


def actor_key(entry: dict) -> tuple[str, str]:
    """An `actors` entry's identity: the actor id (or, for an actor the sources only describe, its
    description) and the role."""
    return (entry.get("actor") or "description: " + entry.get("description", ""), entry["role"])


def actor_sort(entry: dict) -> tuple:
    """The order of `actors` entries: by role, named actors by id before described ones."""
    return (entry["role"], "actor" not in entry, entry.get("actor") or entry.get("description", ""))


def state_actor(kb: KnowledgeBase, iso2: str) -> str | None:
    """The actor id of the state with this ISO code (the knowledge base has one per country)."""
    table = getattr(kb, "_state_by_iso", None)
    if table is None:
        table = {}
        for a in sorted(kb.actors.values(), key=lambda a: a.id):
            if a.kind == "state" and a.country:
                table.setdefault(a.country, a.id)
        object.__setattr__(kb, "_state_by_iso", table)
    return table.get(iso2)


def actor_of(ent: Ent, kb: KnowledgeBase) -> str | None:
    """The actor an entity names: an actor id, or the state for a country or demonym."""
    if ent.label == "ACTOR" and ent.ref in kb.actors:
        return ent.ref
    if ent.label in ("COUNTRY", "DEMONYM") and ent.ref:
        return state_actor(kb, ent.ref)
    return None


def is_modifier(s: Sentence, e: Ent, possessive: bool = True) -> bool:
    """'pro-Iran fighters', 'Iran-backed groups', "Iran's proxies", 'an RSF-held area': the name qualifies
    someone else. `possessive=False` keeps "Israel's strike" (the possessor of an attack is its doer)."""
    before = s.text[max(0, e.start - 4):e.start].lower()
    after = s.text[e.end:e.end + 12].lower()
    return before.endswith(("pro-", "anti-", "non-")) or after.startswith(
        ("-backed", "-based", "-allied", "-aligned", "-linked", "-affiliated", "-sponsored", "-supported",
         "-led", "-controlled", "-held", "-run", "-occupied", " backed", " based", " allied", " controlled")) or (
        possessive and after.startswith(("’s", "'s")))


def is_armed(actor_id: str | None, kb: KnowledgeBase) -> bool:
    a = kb.actors.get(actor_id or "")
    return bool(a and a.kind in ("armed_group", "military", "state"))


def group_description(text: str) -> str | None:
    m = lx.GROUP_NOUN.search(text)
    return m.group(0).strip() if m else None


# Who announces its own strike is its perpetrator, not a claimant (claims are a group's responsibility).
ANNOUNCING_KINDS = ("state", "military", "government")


def acting_state(kb: KnowledgeBase, actor_id: str) -> str:
    """Who acts when a government body announces an attack: the state it belongs to (a ministry or a
    president's office strikes nothing itself); a military or a state acts itself."""
    seen = set()
    a = kb.actors.get(actor_id)
    while a is not None and a.kind == "government" and a.id not in seen:
        seen.add(a.id)
        parent = next((kb.actors[p] for p in a.affiliations if p in kb.actors), None)
        if parent is None:
            break
        a = parent
    return a.id if a is not None and a.kind in ("state", "military") else actor_id


# "a faction of Boko Haram", "an affiliate of al-Qaeda", "part of the Islamic Resistance": a parent or
# an ally named to place a group, not the group a later "it" or "the group" refers to.
PARENT_BEFORE = re.compile(r"\b(?:affiliates?|factions?|branch(?:es)?|wings?|offshoots?|part|members?|units?|"
                           r"splinters?|umbrella|coalition|alliance|network|arm|proxy|proxies|ally|allies|"
                           r"split|broke away|linked|loyal|allied|affiliated|aligned)\s+(?:of|from|to|with)\s+"
                           r"(?:the\s+)?$", re.I)


PARENT_AFTER = re.compile(r"\s+(?:affiliates?|branch(?:es)?|offshoots?|ally|allies|wing|franchise|splinter)\b", re.I)
FORCE_SUBJECT = re.compile(r"^\W*(?:the|its)\s+(?:army|military|air force|navy|armed forces|troops|forces|"
                           r"defen[cs]e ministry|ministry of defen[cs]e|general staff)\b", re.I)


def last_armed(s: Sentence, kb: KnowledgeBase, current: str | None) -> str | None:
    for e in s.ents:
        a = actor_of(e, kb)
        if a and kb.actors[a].kind == "armed_group" and not is_modifier(s, e) \
                and not PARENT_BEFORE.search(s.text[max(0, e.start - 40):e.start]) \
                and not PARENT_AFTER.match(s.text, e.end):  # "an al-Qaeda affiliate says it ..."
            current = a
    return current


def unknown_subject(s: Sentence, upto: int) -> str | None:
    """A name the knowledge base does not know, given as the claimant: introduced as "a group calling
    itself X", or found by the statistical NER."""
    m = lx.SELF_NAMED.search(s.text[:upto])
    if m:
        return m.group("name").strip().rstrip(",")
    for e in s.ents_in(0, upto):
        if e.label in ("ORG", "NORP", "PERSON") and not e.ref and len(e.text) > 3:
            if re.search(r"\b(?:group|brigades?|front|army|movement|resistance|battalions?|forces?|"
                          r"organi[sz]ation|al-|ansar|jaish|liwa|saraya|harakat|kataib|tashkil)\b", e.text, re.I):
                return e.text.strip()
    return None


def find_roles(s: Sentence, lo: int, hi: int, kb: KnowledgeBase) -> list[Role]:
    """Perpetrators, accused actors and targets in one mention's clause."""
    text = s.text[lo:hi]
    out: list[Role] = []
    taken: set[str] = set()
    # Accused: the objects of blame verbs.
    for m in sorted([*lx.ACCUSE.finditer(text), *ALLUDE.finditer(text)], key=lambda m: m.start()):
        # "suspected Boko Haram militants" (a name begun right after), not "a suspected rocket attack on U.S. forces".
        near = lo + m.end() + (14 if m.group(0).lower().startswith(("suspected", "alleged", "believed", "thought")) else hi)
        found = []
        for e in s.ents_in(lo + m.end(), hi):
            if e.start > near or re.search(r"\b(?:on|against|at|targeting)\s+(?:the\s+)?$", s.text[:e.start], re.I) \
                    or is_modifier(s, e) or e.label == "DEMONYM":
                continue
            a = actor_of(e, kb)
            if a and a not in taken and (is_armed(a, kb) or kb.actors[a].kind == "government"):
                found.append((KIND_RANK.get(kb.actors[a].kind, 9), e.start, a))
        if found:
            a = min(found)[2]
            out.append(Role(a, "accused", None, s.text, s.idx))
            taken.add(a)
    span = s.span
    if span is not None:
        for role in _parse_roles(s, lo, hi, kb):
            if role.actor is None and role.description:
                if not any(r.description == role.description and r.role == role.role for r in out):
                    out.append(role)
            elif role.actor not in taken:
                out.append(role)
                taken.add(role.actor)
    return out


def _head_tokens(h):
    """The subject's own words: the head and its modifiers, not prepositional phrases ("rockets fired
    from Lebanon": Lebanon is where they came from, not who fired them)."""
    out = [h]
    for c in h.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod", "appos", "conj", "nummod", "det", "npadvmod"):
            out.extend(_head_tokens(c) if c.dep_ != "appos" else [c])
    return out


def _ent_for_token(s: Sentence, tok) -> Ent | None:
    rel = tok.idx - s.start
    for e in s.ents:
        if e.start <= rel < e.end:
            return None if pl.in_dateline(s, e) else e  # "KANO (Nigeria) (AFP) -" is no subject
    return None


def _parse_roles(s: Sentence, lo: int, hi: int, kb: KnowledgeBase) -> list[Role]:
    out = []
    for tok in s.span:
        rel = tok.idx - s.start
        if not (lo <= rel < hi):
            continue
        if tok.pos_ in ("NOUN", "PROPN") and ATTACK_NOUN.fullmatch(tok.lower_):
            out.extend(_noun_roles(s, tok, kb))
            continue
        if tok.pos_ == "VERB" and ANNOUNCE.fullmatch(tok.lower_):
            out.extend(_announcer(s, tok, kb))
            continue
        if tok.pos_ != "VERB" or not ROLE_VERB.fullmatch(tok.lower_) or _habitual(tok) or sj.opens_no_fire(tok):
            continue
        accusing = _accusing(tok)
        defend = DEFEND_VERB.fullmatch(tok.lower_) is not None or any(
            c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)
        # A participle with no auxiliary ("forces attacked four times") is passive: its subject was hit.
        passive = tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had")
                                                 for c in tok.children)
        if passive or any(c.dep_ == "auxpass" for c in tok.children):
            for child in tok.children:
                if child.dep_ == "agent":
                    for h in (c for c in child.children if c.dep_ == "pobj"):
                        role = "defender" if defend else "accused" if accusing else "perpetrator"
                        out.extend(_doer(s, h, role, kb))
            continue
        # "Forces attacked four times" (a headline's passive) has no object: its subject was attacked.
        has_object = any(c.dep_ in ("dobj", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("against", "at"))
                         for c in tok.children) or tok.lower_.startswith(("open", "fire", "fired")) or sj.object_as_head(tok)
        # Two subjects is a misparse, mostly of a dateline ("TAMSARA, Niger (AP) - Militants attacked"):
        # the one nearest the verb is its subject.
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        for child in [*tok.children, *sj.shared_subjects(tok)]:  # "X arrived and stormed": X's too
            if child.dep_ == "nsubj" and len(subjects) > 1 and child.i != max(c.i for c in subjects):
                continue
            if (child.dep_ in ("nsubj", "agent") or child.head.i != tok.i) and (has_object or child.dep_ == "agent"):
                heads = [sj.past_dateline(child)] if child.dep_ != "agent" else [
                    c for c in child.children if c.dep_ == "pobj"]
                for h in heads:
                    role = "defender" if defend else "accused" if accusing else "perpetrator"
                    if h.lower_ in ("that", "which", "who") and tok.dep_ == "relcl":
                        # "a militia that fired missiles": the relative pronoun's antecedent, when it is a
                        # group ("..., Nigeria, which killed 30": the clause often hangs on the last place).
                        e = _ent_for_token(s, tok.head)
                        if (e is None and (describe_group(tok.head) or _doer(s, tok.head, role, kb))) or (
                                e is not None and e.label == "ACTOR"):
                            out.extend(_doer(s, tok.head, role, kb))
                        continue
                    out.extend(_doer(s, h, role, kb))
            elif child.dep_ == "dobj" and not defend and not passive:
                for t in _head_tokens(child):
                    e = _ent_for_token(s, t)
                    a = actor_of(e, kb) if e and not is_modifier(s, e) else None
                    if a and kb.actors[a].kind in ("military", "state"):
                        out.append(Role(a, "target", None, s.text, s.idx))
                        break
    doers = {r.actor for r in out if r.role in ("perpetrator", "defender", "accused")}
    out = [r for r in out if not (r.role == "target" and r.actor in doers)]
    # "on/against/at U.S. forces": targets after an attack noun.
    for m in re.finditer(r"\b(?:on|against|at|targeting)\s+", s.text[lo:hi]):
        for e in s.ents_in(lo + m.end(), min(hi, lo + m.end() + 25)):
            if re.search(r"\b(?:in|near|of)\s+$", s.text[:e.start]) or e.start - (lo + m.end()) > 12:
                break
            if is_modifier(s, e):
                continue
            a = actor_of(e, kb)
            if a and kb.actors[a].kind in ("military", "state", "international_org"):
                out.append(Role(a, "target", None, s.text, s.idx))
            break
    return out


# --------------------------------------------------------------------------- doers named, described, implied


def _accusing(tok) -> bool:
    """Is this verb inside an accusation ("blamed ... for", "described it as an act perpetrated by")?"""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ == "VERB" and ACCUSING_VERB.fullmatch(node.lower_):
            return True
    return False


def _habitual(tok) -> bool:
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADV for c in tok.children) or sj.in_the_past(tok):
        return True
    if any(c.dep_ == "dobj" and any(d.lower_ in ("such", "similar") for d in c.children) for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and tok.head.lower_ in HABITUAL_HEAD


def _earlier(tok) -> bool:
    """Is this attack noun one the clause refers back to ("in response to attacks by Iran") or names in
    passing, deep in a chain of nouns ("on the second anniversary of his death in an air strike")?"""
    node, nouns = tok, 0
    for _ in range(6):
        if node.head.i == node.i:
            return False
        node = node.head
        if EARLIER.fullmatch(node.lower_):
            return True
        if node.pos_ in ("VERB", "AUX"):
            return False
        nouns += node.pos_ in ("NOUN", "PROPN")
        if nouns > 1:
            return True
    return False


def _noun_roles(s: Sentence, noun, kb: KnowledgeBase) -> list[Role]:
    """The doer an attack noun names: "an Israeli air strike", "Russia's attack", "army drone strike",
    "a shelling by the paramilitary RSF". A doubted one ("a suspected Israeli strike") is accused."""
    if _earlier(noun):
        return []
    role = "accused" if any(c.lower_ in DOUBTED for c in noun.children) or _accusing(noun) else "perpetrator"
    out: list[Role] = []
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < noun.i]
    for c in list(mods):
        if c.dep_ == "compound" and MEANS.fullmatch(c.lower_):
            mods.extend(d for d in c.children if d.dep_ in ("amod", "compound", "poss", "nmod") and d.i < c.i)
    for t in mods:
        e = _ent_for_token(s, t)
        if e is not None:
            # "the Burkina Faso attack", "Iran bombings": a country's name before the noun is where; before
            # how it was made ("a US air strike", "a Turkey drone strike"), who.
            if e.label == "COUNTRY" and t.dep_ != "poss" and not any(MEANS.fullmatch(c.lower_) for c in mods):
                continue
            if _qualifies_target(s, e, t, noun):
                continue
            a = actor_of(e, kb) if not is_modifier(s, e, possessive=False) else None
            if a and is_armed(a, kb):
                out.append(Role(a, role, None, s.text, s.idx))
        elif t.lower_ in NATIONAL_FORCES and t.dep_ in ("compound", "amod", "nmod"):
            out.append(Role(None, role, t.lower_, s.text, s.idx))  # "army drone strike": whose army, settled later
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"):
        for h in (c for c in prep.children if c.dep_ == "pobj"):
            out.extend(_doer(s, h, role, kb))
    return out


def _qualifies_target(s: Sentence, e: Ent, t, noun) -> bool:
    """'an Afghan mosque bombing', 'Iraqi market blast': a country or demonym before a noun that names
    the target qualifies the target, not the doer; only how it was made may stand between ("an Israeli
    air strike", "a US drone strike")."""
    return e.label in ("COUNTRY", "DEMONYM") and t.dep_ != "poss" and bool(EVENT_NOUN.fullmatch(noun.lower_)) and any(
        w.pos_ in ("NOUN", "PROPN") and not MEANS.fullmatch(w.lower_) and not _ent_for_token(s, w)
        for w in t.doc[t.i + 1:noun.i])


def _doer(s: Sentence, h, role: str, kb: KnowledgeBase) -> list[Role]:
    """The actor a subject or agent names, or describes: a named armed actor among its own words, else a
    description of an unnamed group that says who it is."""
    for t in _head_tokens(h):
        e = _ent_for_token(s, t)
        if e is not None and _qualifies_target(s, e, t, h):
            continue
        a = actor_of(e, kb) if e and not is_modifier(s, e) else None
        if a and is_armed(a, kb) and not (e.label == "DEMONYM" and t.dep_ not in ("amod", "compound", "nsubj")):
            return [Role(a, role, None, s.text, s.idx)]
    # "militants belonging to ISWAP", "gunmen linked to al-Shabaab": the group named after.
    for t in sj.group_words(h, BELONGING):  # "fighters of ISWAP" too
        e = _ent_for_token(s, t)
        a = actor_of(e, kb) if e and e.label == "ACTOR" else None
        if a and is_armed(a, kb):
            return [Role(a, role, None, s.text, s.idx)]
    if role == "defender":
        return []
    desc = describe_group(h)
    if (desc in NATIONAL_FORCES or h.lower_ in OWN_MEANS) and any(
            c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in h.children):
        # "The ministry said its forces struck", "the army said its jets hit": the speaker, the subject (nearest,
        # past a dateline) of the verb reporting the clause, or for "its forces" any state the sentence names.
        subj = max((c for c in h.head.head.children if c.dep_ == "nsubj" and h.head.dep_ in ("ccomp", "xcomp")),
                   key=lambda c: c.i, default=None)
        pool = [] if subj is None else s.ents_in(subj.left_edge.idx - s.start, subj.idx + len(subj) - s.start)
        speaker = next((a for e in [*pool, *(s.ents if desc in NATIONAL_FORCES else [])] if (a := actor_of(e, kb))
                        and not is_modifier(s, e, possessive=False) and kb.actors[a].kind in ANNOUNCING_KINDS), None)
        return [Role(acting_state(kb, speaker), role, None, s.text, s.idx)] if speaker else []
    return [Role(None, role, desc, s.text, s.idx)] if desc else []


def describe_group(h) -> str | None:
    """'Iranian-backed militias', 'suspected jihadists', 'a foreign army': the words that describe an
    unnamed group, when they say who it is; None for the doers of the act ("gunmen") or a bare
    "militants". A bare "army" or "military" is returned as is, for `settle` to resolve."""
    word = h.lower_
    if word not in IDENTITY_NOUNS and word not in GENERIC_NOUNS:
        return None
    mods = [c for c in h.children if c.dep_ in ("amod", "compound", "nmod", "npadvmod") and c.i < h.i]
    words = [t for c in mods for t in c.subtree]
    qualified = any(QUALIFIERS.match(t.text) or (t.text[:1].isupper() and t.i > t.sent.start and t.pos_ in (
        "ADJ", "PROPN")) for t in words)
    first = min([t.i for t in words] + [h.i])
    text = h.doc[first:h.i + 1].text.strip(" \"“”'‘’")
    if text.lower() in NATIONAL_FORCES:  # "the air force": whose, `settle` says
        return text.lower()
    if word in ("gunmen", "men", "force") or not (word in IDENTITY_NOUNS or qualified or word in NATIONAL_FORCES):
        return None
    return text or None


def settle(roles: list[Role], claims: list[Role], country: str | None, sentences: list[Sentence],
           kb: KnowledgeBase) -> list[Role]:
    """Described doers, once the incident is known: a described perpetrator goes when a source names
    one; a bare "army"/"military" is the force the article last named, or the national military of
    the country attacked; one with no such force stays described."""
    named = any(r.actor and r.role in ("perpetrator", "claimed") for r in [*roles, *claims])
    out: list[Role] = []
    for r in roles:
        r = replace(r, actor=ns.namesake(kb, r.actor, country, r.text)) if r.actor else r  # "the Khawarij"
        if r.how == "confirmed" and (not kb.actors[r.actor].country or kb.actors[r.actor].country == country):
            continue  # "Syria's defence ministry confirmed the strike": on Syria, by someone else
        if r.actor is None and r.description:
            if named and r.role == "perpetrator":
                continue
            if r.description in NATIONAL_FORCES:
                force = named_force(sentences[:r.sentence + 1], kb) or national_military(kb, country)
                if force:
                    r = Role(force, r.role, None, r.text, r.sentence)
        out.append(r)
    return out


def named_force(sentences: list[Sentence], kb: KnowledgeBase) -> str | None:
    last = None
    for s in sentences:
        for e in s.ents:
            if e.label == "ACTOR" and e.ref in kb.actors and kb.actors[e.ref].kind == "military" \
                    and not is_modifier(s, e):
                last = e.ref
    return last


def national_military(kb: KnowledgeBase, iso2: str | None) -> str | None:
    """The armed forces of a country: the military actor that belongs to the state itself (the one
    called its "army" or "military" when there are several)."""
    state = state_actor(kb, iso2 or "")
    if state is None:
        return None
    forces = [a for a in kb.actors.values() if a.kind == "military" and state in a.affiliations]
    if not forces:
        return None
    return min(forces, key=lambda a: (not any(re.search(r"\b(?:army|military|armed forces)$", n, re.I)
                                              for n in (a.name, *a.aliases)), a.id)).id


ANNOUNCE = re.compile(r"announc\w*|confirm(?:s|ed|ing)?")


def _announcer(s: Sentence, verb, kb: KnowledgeBase) -> list[Role]:
    """"The defence ministry announced air strikes on ...", "the Pentagon confirmed the strike": a state,
    its military or its government announcing an attack (the object of its verb) announces its own.
    A state confirming a strike on its own soil is the one hit, so "confirmed" needs a strike abroad,
    which `settle` checks against the incident's country."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and ATTACK_NOUN.fullmatch(c.lower_)]
    if not objects or _earlier(objects[0]) or any(t.lower_ in ("its", "their", "our") for t in objects[0].subtree):
        return []  # "Iran confirmed the attack on its consulate": the one hit
    for child in (c for c in verb.children if c.dep_ == "nsubj"):
        for t in _head_tokens(child):
            e = _ent_for_token(s, t)
            # "Turkey's defence ministry": the possessor is the announcing state.
            a = actor_of(e, kb) if e and not is_modifier(s, e, possessive=False) else None
            if a and kb.actors[a].kind in ANNOUNCING_KINDS:
                how = "confirmed" if verb.lower_.startswith("confirm") else "announced"
                return [Role(acting_state(kb, a), "perpetrator", None, s.text, s.idx, how=how)]
    return []
