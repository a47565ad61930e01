"""Blame told in a sentence of its own: "Authorities blamed the X front of the FARC dissidents." names no
attack word, yet accuses someone of the attack the paragraphs before report. Such a sentence is a mention
without a place or a kind (it joins the attack of its paragraph or of the lead, never starts one), so that
the accused are read from it as from any other sentence about the attack.

The same holds for the doers identified in reported speech: "police said the attackers belonged to X",
"the assailants were members of X" name the group that did the attack the article reports.
"""

from __future__ import annotations

import re

from generator.extract.actors import Role, actor_of, find_roles, is_armed, is_modifier
from generator.extract.sentences import Sentence
from generator.records.kb import KnowledgeBase

# Blame verbs that need no attack word after them to mean the attack ("suspected", "alleged" qualify
# anything and stay out).
BLAME = re.compile(r"\b(?:blam(?:e|ed|es|ing)|accus(?:e|ed|es|ing)|held responsible|"
                   r"pinned (?:it|the blame) on)\b", re.I)
ARMED_KINDS = {"armed_group", "military", "government", "state"}
# A blame not made: "did not blame any group", "has not accused", "no one has been blamed" (ends at the verb).
NOT_BLAMED = re.compile(r"(?:\b(?:did|does|do|has|have|had|would|could|is|was|were|are)(?:n[’']t| not)|\bnever|"
                        r"\bno (?:one|group)\s+(?:has|had|was|is)?\s*(?:been|yet)?)\s+(?:yet\s+|immediately\s+|"
                        r"publicly\s+|officially\s+|directly\s+|formally\s+|been\s+)?$", re.I)
# The doers of the act, identified: "the attackers belonged to", "the gunmen were members of".
IDENTIFIED = re.compile(r"\b(?:attackers|assailants|gunmen|killers|perpetrators|bombers|raiders|kidnappers|abductors|"
                        r"shooters|assailant|attacker|gunman|bomber)\s+(?:(?:had\s+|all\s+)?belong(?:ed|s)?\s+to|"
                        r"(?:were|are|was|is)\s+(?:all\s+)?(?:an?\s+)?(?:members?|fighters?|militants?|part)\s+of)\s+",
                        re.I)


def blames_only(s: Sentence, kb: KnowledgeBase) -> bool:
    """A news sentence that blames a known armed actor (or a government), or identifies the attackers as
    its members, and dates nothing of its own."""
    if s.background or s.dates:
        return False
    text = s.text[:s.news_end]
    verb = BLAME.search(text, s.news_start) or IDENTIFIED.search(text, s.news_start)
    if verb is None or NOT_BLAMED.search(text, 0, verb.start()):
        return False
    for e in s.ents:
        if e.start >= verb.end() and e.label == "ACTOR":
            actor = kb.actors.get(e.ref)
            if actor is not None and actor.kind in ARMED_KINDS:
                return True
    return False


def roles_in(s: Sentence, lo: int, hi: int, kb: KnowledgeBase) -> list[Role]:
    """The roles of one mention's clause (`actors.find_roles`) plus the doers identified in it; a clause
    whose blame is only one not made ("Officials did not blame X, which has ...") accuses no one."""
    roles = find_roles(s, lo, hi, kb) + identified(s, lo, hi, kb)
    text = s.text[:hi]
    blames = [not NOT_BLAMED.search(text, 0, v.start()) for v in BLAME.finditer(text, lo)]
    if blames and not any(blames):
        roles = [r for r in roles if r.role != "accused"]
    return roles


def identified(s: Sentence, lo: int, hi: int, kb: KnowledgeBase) -> list[Role]:
    """The group the attackers are said to belong to, named right after the words that say so, is the
    perpetrator ("Police said the attackers belonged to the X" ; not "were members of an X-backed militia")."""
    text = s.text[:hi]
    out = []
    for m in IDENTIFIED.finditer(text, lo):
        if NOT_BLAMED.search(text, 0, m.start()):
            continue
        e = next(iter(s.ents_in(m.end(), min(hi, m.end() + 30))), None)
        a = actor_of(e, kb) if e is not None and e.label == "ACTOR" and not is_modifier(s, e) else None
        if a and is_armed(a, kb):
            out.append(Role(a, "perpetrator", None, s.text, s.idx))
    return out
