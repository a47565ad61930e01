"""Claims of responsibility: who says it did an attack, told apart from tolls, statements, denials and
records of past claims."""

from __future__ import annotations

import re

from generator.extract import lexicon as lx
from generator.extract.actors import (ANNOUNCING_KINDS, FORCE_SUBJECT, KIND_RANK, PARENT_BEFORE, PRONOUN_SUBJECT, Role, acting_state,
                                      actor_of, group_description, is_armed, is_modifier, last_armed, named_force,
                                      unknown_subject)
from generator.extract.blame import TOLD_ATTACK
from generator.extract.sentences import Sentence
from generator.records.kb import KnowledgeBase


# "Claimed" in other senses: a toll ("claimed the lives of", "claiming 40,000 lives"), a statement
# ("claimed that the debris caused a fire", "claimed the attackers had fled").
TOLL_CLAIM = re.compile(r"^\s*(?:the\s+)?(?:(?:lives|life)\b|(?:[\w,.-]+\s+){1,3}?(?:lives|li(?:fe|ves))\b)", re.I)

# Where a second clause opens ("..., as", "; "): what comes before it is another clause's.
CLAUSE_OPENER = re.compile(r",\s+(?:as|while|whereas|but|when)\s+|;\s+", re.I)

CLAIM_OBJECT = re.compile(r"^\s*(?:the|an?|this|that|[\w-]+['’]s|its|their)?\s*(?:[\w’'-]+\s+){0,4}?"
                          r"(?:attacks?|strikes?|airstrikes?|bombings?|blasts?|explosions?|shelling|shootings?|"
                          r"assaults?|raids?|ambush(?:es)?|massacres?|barrages?|operations?|assassinations?|"
                          r"killings?|kidnappings?|responsibility|credit)\b", re.I)

# What a group says its own people did: "(had) carried out", "struck", "ambushed", "downed", ...
DEED = (r"(?:had\s+|have\s+|has\s+)?(?:carried out|launched|targeted|attacked|fired|struck|hit|conducted|shelled|"
        r"bombed|ambushed|stormed|killed|planted|detonated|raided|downed|shot|destroyed|overran)\b")

SAID_IT_DID = re.compile(r"^\s*(?:that\s+)?(?:it|they|its fighters|the group|their fighters)\s+" + DEED, re.I)

# What an actor "launched" or "carried out" that is no attack.
NOT_ATTACK = re.compile(r"^[^.;]{0,30}?\b(?:search(?:es)?|investigations?|probes?|inquir(?:y|ies)|arrests?|"
                        r"evacuations?|rescue|review|appeal|manhunt|sweep|crackdown)\b", re.I)

# A claim denied or not (yet) made: "did not claim responsibility", "denied responsibility".
NEGATED_CLAIM = re.compile(r"\b(?:did|does|do|has|have|had|would|could)(?:n[’']t| not)\s+(?:yet\s+|immediately\s+|"
                           r"publicly\s+|officially\s+)?(?:claim|take|accept)|\bnever\s+(?:claimed|took)|"
                           r"\bno (?:one|group|immediate claim|claim)\b|\bnot (?:yet )?claimed\b|\bunclaimed\b|"
                           r"\b(?:den(?:ied|ies|y|ying)|rejected|disclaimed)\s+(?:any\s+)?(?:responsibility|"
                           r"involvement|role)\b", re.I)


# A claim told through its channel: "According to a statement posted on Telegram by X, its fighters carried
# out the attack" reads as "X said its fighters carried out the attack".
ACCORDING = re.compile(r"\baccording to (?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?(?:statements?|messages?|posts?|"
                       r"communiqu[eé]s?|claims?|videos?|recordings?|postings?|bulletins?)\b", re.I)
OWN_DEED = re.compile(r"^,\s*(?:that\s+)?(?:it|they|the group|(?:its|their|the group['’]s)\s+(?:[\w-]+\s+){0,2}?"
                      r"(?:fighters|militants|members|men|soldiers|forces|units|mujahideen|drones|jihadists)|"
                      r"(?:fighters|militants|members|soldiers|units|mujahideen)\s+(?:of|from)\s+(?:its|their)\b"
                      r"[^,.;]{0,60}?)\s+" + DEED, re.I)


# "X said (on its radio, in a statement) (that) its fighters/drones struck ...": X claims the attack; so does
# "a spokesman for X told Reuters (that) its forces had struck ...".
SAID_OWN = re.compile(r"\b(?:said|told\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,3}(?:service\s+|agency\s+|radio\s+)?|"
                      r"told\s+(?:reporters|journalists|the\s+press)\s+)"
                      r"(?:\s*(?:in|on|via|through)\b[^,.;\"“]{0,70}?)?\s*(?:that\s+)?(?:it|they|"
                      r"(?P<group>the group|the movement|the militia)|(?:its|their)\s+"
                      r"(?:[\w-]+\s+){0,2}?(?:fighters|militants|members|men|mujahideen|drones|units|jihadists|"
                      r"rockets|missiles|forces))\s+" + DEED, re.I)


# "X said it was behind the bombing" (read in the whole sentence: "was behind" starts its background part).
SAID_BEHIND = re.compile(r"\bsaid(?:\s+(?:in|on|via|through)\b[^,.;\"“]{0,50}?)?\s+(?:that\s+)?(?:it|they|the group)\s+"
                         r"(?:was|were|had been)\s+behind(?=" + TOLD_ATTACK.pattern + ")", re.I)


# The claimant's own account of its deed: "said in a statement that its fighters had killed 23", "saying its
# 'soldiers' had killed 30". Wires give it beside the officials' toll and say it "could not be verified".
CLAIMANT_SPEECH = re.compile(r"\b(?:said|says|saying|claimed|claiming|adding|boasted|boasting)\b[^.;]{0,120}?"
                             r"\b(?:its|their|it|they)\b", re.I)


def claimant_toll(text: str, start: int) -> bool:
    """Is the figure at `start` of a sentence that makes a claim told in the claimant's own words?"""
    return CLAIMANT_SPEECH.search(text[:start]) is not None


def according_claimant(s: Sentence, text: str, kb: KnowledgeBase, last_group: str | None) -> str | None:
    """The group whose statement (or whose outlet's: a group's news agency speaks for it) says that its
    fighters did the attack; a statement with no name is the group last named."""
    a = ACCORDING.search(text)
    comma = text.find(",", a.end()) if a else -1
    if comma < 0 or comma - a.end() > 140 or not OWN_DEED.match(text[comma:]):
        return None
    for e in s.ents_in(a.end(), comma):
        x = actor_of(e, kb)
        if x and kb.actors[x].kind == "media":
            x = next((p for p in kb.actors[x].affiliations if is_armed(p, kb)), None)
        if x and is_armed(x, kb):
            return x
    return last_group


# A group's record, not this attack's claim: "has claimed similar bombings in the past", "claimed
# responsibility for previous attacks".
PAST_RECORD = re.compile(r"\s*(?:responsibility\s+|credit\s+)?(?:for\s+)?(?:the\s+|many\s+|several\s+)?(?:similar|"
                         r"previous|past|earlier|prior|other|such|numerous|multiple|recent)\b|[^,.;]{0,60}?\b(?:in "
                         r"the past|previously|over the years|in recent (?:years|months))\b", re.I)  # matched at a pos


def responsibility_claim(text: str, m: re.Match) -> bool:
    """Is this match of `lexicon.CLAIM` a claim of responsibility for an attack, made and not denied?"""
    if NEGATED_CLAIM.search(text[max(0, m.start() - 40):m.end() + 10]):
        return False
    if PAST_RECORD.match(text, m.end() - (len(m.group(0)) - len(m.group(0).split()[0]))):
        return False
    word = m.group(0).lower()
    after = text[m.end():]
    if word.startswith(("said", "claimed to have", "claiming to have")):
        return not NOT_ATTACK.match(after)
    if word.endswith(("responsibility", "credit")):
        return True
    # "claimed the attack" / "claimed it" / "... which the group claimed." but not a toll or a statement.
    rest = text[m.start() + re.match(r"\w+", word).end():]
    if TOLL_CLAIM.match(rest):
        return False
    if re.match(r"^\s*that\b", rest, re.I):
        return bool(SAID_IT_DID.match(rest))
    if re.match(r"^\s*(?:it|them)\b", rest, re.I):
        return True
    if re.match(r"^\s*(?:most|many|dozens|scores|hundreds|several|some|a number|a series|a string) of\b", rest, re.I):
        return False  # "has claimed most of the bombings this year": a record, not this attack's claim
    if CLAIM_OBJECT.match(rest):
        return True
    return not rest.strip() or bool(re.match(r"^\s*(?:[.,;:)\"”]|on\b|in\b|via\b|through\b|later\b|shortly\b|"
                                              r"hours\b|soon\b)", rest, re.I))


def find_claims(sentences: list[Sentence], kb: KnowledgeBase) -> list[Role]:
    """Every claim of responsibility in the news text, with its claimant or a description of it.

    A state, its military or its government announcing its own strike is returned as the strike's
    perpetrator (role `perpetrator`), not as a claimant."""
    return [_announced(r, kb) for r in _claims(sentences, kb)]


def _announced(r: Role, kb: KnowledgeBase) -> Role:
    a = kb.actors.get(r.actor or "")
    if r.role == "claimed" and a is not None and a.kind in ANNOUNCING_KINDS:
        return Role(acting_state(kb, r.actor), "perpetrator", None, r.text, r.sentence)
    return r


def _claims(sentences: list[Sentence], kb: KnowledgeBase) -> list[Role]:
    out: list[Role] = []
    last_group: str | None = None
    for s in sentences:
        text = s.news_text
        if not text:
            last_group = last_armed(s, kb, last_group)
            continue
        by = lx.CLAIMED_BY.search(text)
        m = next((x for x in lx.CLAIM.finditer(text) if responsibility_claim(text, x)), None)
        if m is None and ("said" in text or "told" in text) and any(w in text for w in (" its ", " their ", " it ",
                                                                                 " they ", " the ")):
            m = next((x for x in SAID_OWN.finditer(text) if not NEGATED_CLAIM.search(text, max(0, x.start() - 40),
                                                                                         x.end())
                      and not NOT_ATTACK.match(text[x.end():])  # "said they launched a search operation"
                      # "A spokesman for X said the group ...", not "Police said they killed two attackers".
                      and any(is_armed(a, kb) or kb.actors[a].kind in ANNOUNCING_KINDS
                              for e in s.ents_in(0, x.start()) if (a := actor_of(e, kb)))), None)
        if m is None and s.news_start == 0 and " behind" in s.text and "said" in text:
            m = SAID_BEHIND.search(s.text)
        if by and NEGATED_CLAIM.search(text[max(0, by.start() - 40):by.end()]):
            by = None
        via = None if by or m or "ccording to" not in text else according_claimant(s, text, kb, last_group)
        if via:
            out.append(Role(via, "claimed", None, s.text, s.idx))
        elif by:
            after = text[by.end():]
            named = [actor_of(e, kb) for e in s.ents_in(by.end(), len(text))
                     if e.start < by.end() + 60 and not is_modifier(s, e)
                     and not re.search(r"\b(?:in|at|near|inside)\s+(?:the\s+)?$", s.text[:e.start])]  # a place
            named = [a for a in named if a]
            if named:
                out.append(Role(named[0], "claimed", None, s.text, s.idx))
            else:
                out.append(Role(None, "claimed", group_description(after) or group_description(text), s.text, s.idx))
        elif m:
            before = text[:m.start()]
            # Not a parent or an ally named to place the claimant ("Jihadists linked to al-Qaeda said ...").
            # The claim's own clause: "... health officials said, as X's affiliate claimed the attack".
            clause = max((c.end() for c in CLAUSE_OPENER.finditer(before)), default=0)
            named = [(e, actor_of(e, kb)) for e in s.ents_in(clause, m.start()) if not is_modifier(s, e)
                     and not PARENT_BEFORE.search(s.text[max(0, e.start - 40):e.start])]
            named = [(e, a) for e, a in named if a and kb.actors[a].kind != "media"]  # no outlet claims
            armed = sorted(((e, a) for e, a in named if is_armed(a, kb)),
                           key=lambda x: (KIND_RANK.get(kb.actors[x[1]].kind, 9), x[0].start))
            pick = (armed or named)
            force = FORCE_SUBJECT.search(before)
            # "It", "the group" refer back, but not the first word of a name ("The Group for the Support of ...").
            pronoun = PRONOUN_SUBJECT.match(before)
            pronoun = pronoun if pronoun and not any(e.start < pronoun.end() for e, _ in named) else None
            if force and not pick:
                # "The army said it struck ...": the military the article named, never the last group.
                military = named_force(sentences[:s.idx + 1], kb)
                if military:
                    out.append(Role(military, "perpetrator", None, s.text, s.idx))
            elif pick and not pronoun:
                # The subject comes first; "an umbrella group of X" after it is an apposition.
                out.append(Role(pick[0][1], "claimed", None, s.text, s.idx))
                # "Both X and Y claimed the attack": each subject joined to the first by "and" or a comma.
                joined = sorted(pick, key=lambda x: x[0].start)
                for (e0, _), (e1, a1) in zip(joined, joined[1:]):
                    if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s+(?:the\s+)?", s.text[e0.end:e1.start], re.I):
                        break
                    if a1 != pick[0][1] and e0.start >= pick[0][0].start:
                        out.append(Role(a1, "claimed", None, s.text, s.idx))
            elif pronoun and last_group:
                out.append(Role(last_group, "claimed", None, s.text, s.idx))
            else:
                unknown = unknown_subject(s, m.start())
                if unknown:
                    out.append(Role(None, "claimed", None, s.text, s.idx, new_name=unknown))
                else:
                    desc = group_description(before) or group_description(text)
                    if desc or last_group is None:
                        out.append(Role(None, "claimed", desc, s.text, s.idx))
                    else:
                        out.append(Role(last_group, "claimed", None, s.text, s.idx))
        last_group = last_armed(s, kb, last_group)
    # "Two militant groups claimed the attack. The X said ...": a claimant described, then named at once.
    named = {r.sentence for r in out if r.actor or r.new_name}
    return [r for r in out if r.actor or r.new_name or not named & {r.sentence, r.sentence + 1}]
