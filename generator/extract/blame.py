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
# The doers of the act, identified: "the attackers belonged to", "the gunmen were members of", "were from".
IDENTIFIED = re.compile(r"\b(?:attackers|assailants|gunmen|killers|perpetrators|bombers|raiders|kidnappers|abductors|"
                        r"shooters|assailant|attacker|gunman|bomber)\s+(?:(?:had\s+|all\s+)?belong(?:ed|s)?\s+to|"
                        r"(?:were|are|was|is)\s+(?:all\s+)?(?:an?\s+)?(?:(?:members?|fighters?|militants?|part)\s+of|"
                        r"from))\s+(?:the\s+)?", re.I)
# Who the words name, right after them: the accused of "bore the hallmarks of X", "suspects X", "blamed the
# attack on X"; right before them: the doer of "X was behind the bombing" (the accused when hedged).
AFTER = re.compile(r"\bsuspect(?:ed|s)?\s+(?:that\s+)?(?:[\w-]+\s+){0,2}?(?:militants|fighters|members|gunmen|men|elements|"
                   r"insurgents|jihadists|rebels)\s+(?:linked|loyal|belonging|affiliated|tied|connected)\s+to|"
                   r"\b(?:bor?e|bears|had|has|have|carr(?:y|ies|ied))\s+(?:all\s+)?(?:the\s+)?hallmarks?\s+of|"
                   r"\bsuspects?(?:\s+that)?|\bsuspicion (?:fell|falls|has fallen) on|\bblam(?:ed|es|ing)\s+(?:it|them|"
                   r"(?:the|this|that|these|those|\w+['’]s)\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+on", re.I)
BEHIND = re.compile(r"\s+(?:(?P<hedge>(?:is|are|was|were)\s+(?:(?:widely\s+)?believed|thought|suspected|likely|"
                    r"probably|possibly)\s+(?:to\s+(?:be|have\s+been)\s+)?)|(?:is|are|was|were|had\s+been)\s+)behind\b",
                    re.I)
# What "behind" points at when it is the attack the article tells ("behind the bombing", "behind Tuesday's
# attack", "behind it"), not an older one ("behind last year's attack", "behind a 2019 bombing").
TOLD_ATTACK = re.compile(r"\s+(?:it\b|(?:the|this|that|these|\w+day['’]s)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|bombings?|"
                         r"blasts?|explosions?|strikes?|killings?|shootings?|ambush|assault|raid|massacre)\b"
                         r"(?![^,.;]{0,30}\b(?:in (?:19|20)\d\d|last|ago)\b))", re.I)
CUE_WORDS = ("belong", "member", "fighters of", "militants of", "part of", "were from", "was from", "hallmark",
             "suspect", "suspicion", "blam", "behind")


# An attack word that only refers back, as what the blame is for: "blamed X for the attack", "accused X of
# Tuesday's bombing". The sentence tells blame, not an attack of its own.
BLAMED_FOR = re.compile(r"\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|held\s+responsible)\b[^.;]{0,80}?\b(?:for|of|over)\s+"
                        r"(?:carrying out\s+|staging\s+)?(?:the|this|that|these|those|\w+day['’]s)\s+(?:[\w-]+\s+)?$",
                        re.I)


def refers_back(text: str, triggers: list[re.Match]) -> bool:
    """Are all of a sentence's attack words the object of a blame ("blamed the ELN for the attack")?"""
    return bool(triggers) and all(BLAMED_FOR.search(text, 0, m.start()) for m in triggers)


def blames_only(s: Sentence, kb: KnowledgeBase) -> bool:
    """A news sentence that blames a known armed actor (or a government), or identifies the attackers as
    its members, and dates nothing of its own."""
    if s.background or s.dates:
        return False
    text = s.text[:s.news_end]
    if any(r.role in ("accused", "perpetrator") for r in named_by_cue(s, s.news_start, len(text), kb)):
        return True
    verb = BLAME.search(text, s.news_start)
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
    roles = find_roles(s, lo, hi, kb)
    roles += [r for r in named_by_cue(s, lo, hi, kb) if not any(x.actor == r.actor for x in roles)]
    text = s.text[:hi]
    blames = [not NOT_BLAMED.search(text, 0, v.start()) for v in BLAME.finditer(text, lo)]
    if blames and not any(blames):
        roles = [r for r in roles if r.role != "accused"]
    return roles


def named_by_cue(s: Sentence, lo: int, hi: int, kb: KnowledgeBase) -> list[Role]:
    """Armed actors the clause names as the doers ("police said the attackers belonged to X", "X was behind
    the bombing") or as suspected ("bore the hallmarks of X", "the army suspects X", "blamed the attack on
    X"); none where the words are denied ("was not behind", "did not blame")."""
    text = s.text[:hi]
    low = s.text[lo:].lower()
    if not any(w in low for w in CUE_WORDS):
        return []
    out = []
    for cue, role in ((IDENTIFIED, "perpetrator"), (AFTER, "accused")):
        for m in cue.finditer(text, lo):
            if NOT_BLAMED.search(text, 0, m.start()):
                continue
            e = next(iter(s.ents_in(m.end(), min(hi, m.end() + 40))), None)
            if e is not None and e.start - m.end() <= 5:
                out.extend(_armed(s, e, role, kb))
    for e in s.ents_in(lo, hi):  # the sentence cuts "was behind ..." as background: read past hi
        m = BEHIND.match(s.text, e.end) if " behind" in low or " behind" in s.text[hi:] else None
        if m and TOLD_ATTACK.match(s.text, m.end()):
            out.extend(_armed(s, e, "accused" if m.group("hedge") else "perpetrator", kb))
    return out


# "the Islamic State group's Khorasan branch": the parent's affiliate of that name (else the parent).
BRANCH = re.compile(r"['’]s\s+(?P<name>(?:[A-Z][\w-]*\s+){1,3})(?:branch|affiliate|province|wing|chapter|franchise|"
                    r"offshoot)\b")


def _armed(s: Sentence, e, role: str, kb: KnowledgeBase) -> list[Role]:
    a = actor_of(e, kb) if e.label == "ACTOR" else None
    branch = BRANCH.match(s.text, e.end) if a else None
    if branch:
        words = branch.group("name").lower().split()
        a = next((x.id for x in sorted(kb.actors.values(), key=lambda x: x.id) if a in x.affiliations and all(
            w in " ".join((x.name, *x.aliases)).lower() for w in words)), a)
    elif a and is_modifier(s, e):
        a = None
    return [Role(a, role, None, s.text, s.idx)] if a and is_armed(a, kb) else []
