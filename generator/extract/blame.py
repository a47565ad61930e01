"""Blame told in a sentence of its own: "Authorities blamed the X front of the FARC dissidents." names no
attack word, yet accuses someone of the attack the paragraphs before report. Such a sentence is a mention
without a place or a kind (it joins the attack of its paragraph or of the lead, never starts one), so that
the accused are read from it as from any other sentence about the attack.
"""

from __future__ import annotations

import re

from generator.extract.sentences import Sentence
from generator.records.kb import KnowledgeBase

# Blame verbs that need no attack word after them to mean the attack ("suspected", "alleged" qualify
# anything and stay out).
BLAME = re.compile(r"\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|held responsible|pinned (?:it|the blame) on)\b", re.I)
ARMED_KINDS = {"armed_group", "military", "government", "state"}


def blames_only(s: Sentence, kb: KnowledgeBase) -> bool:
    """A news sentence that blames a known armed actor (or a government) and dates nothing of its own."""
    if s.background or s.dates:
        return False
    text = s.text[:s.news_end]
    verb = BLAME.search(text, s.news_start)
    if verb is None:
        return False
    for e in s.ents:
        if e.start >= verb.end() and e.label == "ACTOR":
            actor = kb.actors.get(e.ref)
            if actor is not None and actor.kind in ARMED_KINDS:
                return True
    return False
