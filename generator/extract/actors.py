"""Actors in their roles: who claimed an attack, who is accused of it, who did it, and who was hit.

Claims come from claim verbs ("claimed responsibility", "said it targeted"); the claimant is the
named actor before the verb, the actor a pronoun ("It", "the group") refers back to, or, when the
source does not name it, a description ("an Iraq-based militia"). Perpetrators are actors that are the
subject (or the agent, or a modifier of the weapon) of an attack verb. Accused actors are the objects of
"blamed", "accused", "attributed to". An unnamed actor is never invented as an organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract import lexicon as lx
from generator.extract.sentences import Ent, Sentence
from generator.kb import KnowledgeBase

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


def is_modifier(s: Sentence, e: Ent) -> bool:
    """'pro-Iran fighters', 'Iran-backed groups', "Iran's proxies": the name qualifies someone else."""
    before = s.text[max(0, e.start - 4):e.start].lower()
    after = s.text[e.end:e.end + 12].lower()
    return before.endswith(("pro-", "anti-", "non-")) or after.startswith(
        ("-backed", "-based", "-allied", "-aligned", "-linked", "-affiliated", "-sponsored", "-supported",
         "’s", "'s", " backed", " based", " allied"))


def _armed(actor_id: str | None, kb: KnowledgeBase) -> bool:
    a = kb.actors.get(actor_id or "")
    return bool(a and a.kind in ("armed_group", "military", "state"))


def _description(text: str) -> str | None:
    m = lx.GROUP_NOUN.search(text)
    return m.group(0).strip() if m else None


def find_claims(sentences: list[Sentence], kb: KnowledgeBase) -> list[Role]:
    """Every claim of responsibility in the news text, with its claimant or a description of it."""
    out: list[Role] = []
    last_group: str | None = None
    for s in sentences:
        text = s.news_text
        if not text:
            last_group = _last_armed(s, kb, last_group)
            continue
        by = lx.CLAIMED_BY.search(text)
        m = lx.CLAIM.search(text)
        if by:
            after = text[by.end():]
            named = [actor_of(e, kb) for e in s.ents_in(by.end(), len(text))
                     if e.start < by.end() + 60 and not is_modifier(s, e)
                     and not re.search(r"\b(?:in|at|near|inside)\s+(?:the\s+)?$", s.text[:e.start])]  # a place
            named = [a for a in named if a]
            if named:
                out.append(Role(named[0], "claimed", None, s.text, s.idx))
            else:
                out.append(Role(None, "claimed", _description(after) or _description(text), s.text, s.idx))
        elif m and not re.search(r"\bno (?:one|group)\b|\bnot (?:yet )?claimed\b|\bunclaimed\b",
                                 text, re.I):
            before = text[:m.start()]
            named = [(e, actor_of(e, kb)) for e in s.ents_in(0, m.start()) if not is_modifier(s, e)]
            named = [(e, a) for e, a in named if a]
            armed = sorted(((e, a) for e, a in named if _armed(a, kb)),
                           key=lambda x: (KIND_RANK.get(kb.actors[x[1]].kind, 9), x[0].start))
            pick = (armed or named)
            if pick and not PRONOUN_SUBJECT.match(before):
                # The subject comes first; "an umbrella group of X" after it is an apposition.
                out.append(Role(pick[0][1], "claimed", None, s.text, s.idx))
            elif PRONOUN_SUBJECT.match(before) and last_group:
                out.append(Role(last_group, "claimed", None, s.text, s.idx))
            else:
                unknown = _unknown_subject(s, m.start())
                if unknown:
                    out.append(Role(None, "claimed", None, s.text, s.idx, new_name=unknown))
                else:
                    desc = _description(before) or _description(text)
                    if desc or last_group is None:
                        out.append(Role(None, "claimed", desc, s.text, s.idx))
                    else:
                        out.append(Role(last_group, "claimed", None, s.text, s.idx))
        last_group = _last_armed(s, kb, last_group)
    return out


def _last_armed(s: Sentence, kb: KnowledgeBase, current: str | None) -> str | None:
    for e in s.ents:
        a = actor_of(e, kb)
        if a and kb.actors[a].kind == "armed_group":
            current = a
    return current


def _unknown_subject(s: Sentence, upto: int) -> str | None:
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
    for m in lx.ACCUSE.finditer(text):
        verb = m.group(0).lower()
        if verb.startswith(("suspected", "alleged")):
            # "suspected Boko Haram militants", not "a suspected rocket attack on U.S. forces".
            scope = (lo + m.end(), min(hi, lo + m.end() + 14))
        else:
            scope = (lo + m.end(), hi)
        found = []
        for e in s.ents_in(*scope):
            if re.search(r"\b(?:on|against|at|targeting)\s+(?:the\s+)?$", s.text[:e.start], re.I) \
                    or is_modifier(s, e) or e.label == "DEMONYM":
                continue
            a = actor_of(e, kb)
            if a and a not in taken and _armed(a, kb):
                found.append((KIND_RANK.get(kb.actors[a].kind, 9), e.start, a))
        if found:
            a = min(found)[2]
            out.append(Role(a, "accused", None, s.text, s.idx))
            taken.add(a)
    span = s.span
    if span is not None:
        for role in _parse_roles(s, lo, hi, kb):
            if role.actor not in taken:
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
            return e
    return None


# Verb forms (the pipeline runs without a lemmatizer, so forms are matched, not lemmas).
ROLE_VERB = re.compile(r"attack\w*|target\w*|str(?:ike|ikes|uck|iking)|hit(?:s|ting)?|fir(?:e|ed|es|ing)|"
                       r"launch\w*|shell(?:s|ed|ing)?|bomb(?:s|ed|ing)?|storm(?:s|ed|ing)?|ambush\w*|"
                       r"assassinat\w*|kill(?:s|ed|ing)?|shoot(?:s|ing)?|shot|carr(?:y|ies|ied|ying)|"
                       r"conduct\w*|raid(?:s|ed|ing)?|down(?:s|ed|ing)?|intercept\w*|destroy\w*|"
                       r"detonat\w*|open(?:s|ed)?")
DEFEND_VERB = re.compile(r"down(?:s|ed|ing)?|intercept\w*|destroy\w*")


def _parse_roles(s: Sentence, lo: int, hi: int, kb: KnowledgeBase) -> list[Role]:
    out = []
    for tok in s.span:
        rel = tok.idx - s.start
        if not (lo <= rel < hi):
            continue
        if tok.pos_ != "VERB" or not ROLE_VERB.fullmatch(tok.lower_):
            continue
        defend = DEFEND_VERB.fullmatch(tok.lower_) is not None or any(
            c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)
        # A participle with no auxiliary ("forces attacked four times") is passive: its subject was hit.
        passive = tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had")
                                                 for c in tok.children)
        if passive or any(c.dep_ == "auxpass" for c in tok.children):
            for child in tok.children:
                if child.dep_ == "agent":
                    for h in (c for c in child.children if c.dep_ == "pobj"):
                        for t in _head_tokens(h):
                            e = _ent_for_token(s, t)
                            a = actor_of(e, kb) if e and not is_modifier(s, e) else None
                            if a and _armed(a, kb):
                                out.append(Role(a, "defender" if defend else "perpetrator", None, s.text, s.idx))
                                break
            continue
        # "Forces attacked four times" (a headline's passive) has no object: its subject was attacked.
        has_object = any(c.dep_ in ("dobj", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("against", "at"))
                         for c in tok.children) or tok.lower_.startswith(("open", "fire", "fired"))
        for child in tok.children:
            if child.dep_ in ("nsubj", "agent") and (has_object or child.dep_ == "agent"):
                heads = [child] if child.dep_ == "nsubj" else [c for c in child.children if c.dep_ == "pobj"]
                for h in heads:
                    for t in _head_tokens(h):
                        e = _ent_for_token(s, t)
                        a = actor_of(e, kb) if e and not is_modifier(s, e) else None
                        if a and _armed(a, kb) and not (e.label == "DEMONYM" and t.dep_ not in ("amod", "compound", "nsubj")):
                            out.append(Role(a, "defender" if defend else "perpetrator", None, s.text, s.idx))
                            break
            elif child.dep_ == "dobj" and not defend and not passive:
                for t in _head_tokens(child):
                    e = _ent_for_token(s, t)
                    a = actor_of(e, kb) if e and not is_modifier(s, e) else None
                    if a and kb.actors[a].kind in ("military", "state"):
                        out.append(Role(a, "target", None, s.text, s.idx))
                        break
    doers = {r.actor for r in out if r.role in ("perpetrator", "defender")}
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
