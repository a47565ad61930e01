"""Place rules read from the dependency parse: places a sentence names for something else than the attack.

`events.is_locative` asks these after its word-pattern rules. A place is where a statement was made
when its preposition hangs on a verb or noun of saying: "condemned the bombing in a statement issued in
X", "condemned the strike from X", "disclosed this to journalists in X", "told a news conference in X".
The attack the sentence speaks of happened elsewhere; English news gives where it was said as much as
what was said.
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .sentences import Ent, Sentence

# Verb forms (the pipeline has no lemmatizer): saying and handing out a statement, where "in X" or
# "at X" after them is where it was said ("told reporters in X", "said in X", "a statement issued in X").
SAY_VERB = re.compile(r"(?:say|said|says|saying|tell|told|tells|telling|disclos\w*|declar\w*|"
                      r"speak\w*|spoke|spoken|brief\w*|address\w*|comment\w*|add(?:ed|s)?|insist\w*|"
                      r"issu\w*|releas\w*|publish\w*|post(?:ed|s)?|wr(?:ite|ote|itten|ites)|chair\w*)")
# Reacting: only "from X" is where the reaction came from ("condemned the strike from X"); "condemned the
# attack in X" may well be the attack's own place.
REACT_VERB = re.compile(r"(?:condemn\w*|denounc\w*|deplor\w*|lament\w*|react\w*|respond\w*|warn\w*|"
                        r"vow\w*|pledg\w*|urg\w*|call(?:ed|s)?)")
# Nouns of a statement, and the people it is given to ("journalists in X").
SAY_NOUN = re.compile(r"(?:statement|communiqu[eé]|conference|briefing|remarks|interview|speech|"
                      r"reporters|journalists|newsmen|correspondents)s?")
# Words through which a place still belongs to the phrase it is part of ("the capital of X", "X, the capital").
THROUGH = {"pobj", "appos", "compound", "conj", "cc", "nmod", "npadvmod"}


def _root(s: Sentence, e: Ent):
    """The token heading the entity's words in the parse (None without a parse)."""
    if s.span is None:
        return None
    lo, hi = s.start + e.start, s.start + e.end
    toks = [t for t in s.span if lo <= t.idx < hi]
    for t in toks:
        if not (lo <= t.head.idx < hi) or t.head is t:
            return t
    return None


def said_where(s: Sentence, e: Ent) -> bool:
    """Is the place where a statement was made, not where the attack struck?"""
    tok = _root(s, e)
    steps = 0
    while tok is not None and steps < 8:
        steps += 1
        head = tok.head
        if head is tok:
            return False
        if tok.dep_ == "prep":
            word = tok.lower_
            if word == "of":  # "the capital of X": the phrase the capital belongs to decides
                tok = head
                continue
            if word not in ("in", "at", "from"):
                return False
            if head.pos_ in ("VERB", "AUX"):
                return bool(SAY_VERB.fullmatch(head.lower_) or (word == "from" and REACT_VERB.fullmatch(head.lower_)))
            if word == "from" and head.dep_ == "dobj" and (SAY_VERB.fullmatch(head.head.lower_)
                                                           or REACT_VERB.fullmatch(head.head.lower_)):
                return True  # "condemned the strike from X": the parse hangs "from X" on the object
            return head.pos_ in ("NOUN", "PROPN") and bool(SAY_NOUN.fullmatch(head.lower_))
        if tok.dep_ == "acl" and SAY_NOUN.fullmatch(head.lower_):
            return True  # "a statement issued in X" reached through the participle
        if tok.dep_ not in THROUGH:
            return False
        tok = head
    return False


def venue_town(kb, venue: str, iso: str | None):
    """The known town a venue is named after ("the X Cantonment", "X Market"): its name without the kind
    word, when the gazetteer has it in the country (or anywhere, with no country)."""
    words = venue.split()
    if len(words) < 2:
        return None
    found = kb.lookup_place(" ".join(words[:-1]), iso)
    return found if found is not None and found.kind in ("city", "town") else None


# An attack told with its verb ("militants attacked a checkpoint", "gunmen stormed a post"): as strong a
# sign of the story's own attack as the noun is.
STRONG_VERB = re.compile(r"\b(?:attacked|stormed|ambushed|raided|bombed|shelled|overran|struck)\b", re.I)


def strong_attack(text: str) -> bool:
    return bool(lx.STRONG_ATTACK.search(text) or STRONG_VERB.search(text))


# "disclosed this to journalists in X", "briefed reporters at X": the parse may hang the place on the attack
# the statement is about, the words do not.
TO_PRESS_BEFORE = re.compile(r"\b(?:to|told|briefed|briefing|addressed|addressing)\s+(?:\w+\s+)?(?:reporters|journalists|"
                             r"newsmen|correspondents|the press|the media)\s+(?:in|at)\s+(?:the\s+)?$", re.I)


def said_to_press(sent: Sentence, e: Ent) -> bool:
    return bool(TO_PRESS_BEFORE.search(sent.text[max(0, e.start - 80):e.start]))


# "in the city's X district", "the capital's X neighbourhood": a part of the town the report has named, not
# a town of its own (district names repeat from city to city, so the gazetteer's X is another city's).
PART_OF_TOWN_BEFORE = re.compile(r"\bthe\s+(?:city|town|capital|village)(?:’s|'s)\s+$", re.I)


def part_of_named_town(sent: Sentence, e: Ent) -> bool:
    return bool(PART_OF_TOWN_BEFORE.search(sent.text[max(0, e.start - 30):e.start]))


# A dateline opening a sentence: "KANO (Nigeria) (AFP) -", "CITY, Country, Oct 4 (Reuters) -", "CITY:". Its names
# say where the story was filed: never the subject of the attack verb that follows.
DATELINE_START = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}(?:\s*,\s*[A-Z][\w.’' -]*?)?"
                            r"(?:\s*,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)?"
                            r"\s*(?:\([\w .]+\)\s*)*[-—–:]\s")


def in_dateline(sent: Sentence, e: Ent) -> bool:
    m = DATELINE_START.match(sent.text) if sent.para <= 2 else None  # the title, the first paragraph
    return bool(m) and e.end <= m.end()
