"""Doers the parse leaves out of a verb's own subject, read from spaCy tokens alone (no knowledge base).

`actors` asks for them:
- "Fighters of the Islamic State West Africa Province (ISWAP) killed ...": a noun for a group's members names
  the group in its "of" phrase, as "militants belonging to X" does in its "to" phrase.
- "ISWAP fighters arrived in boats and stormed the enclave": a verb joined to another by "and" shares that
  verb's subject when it has none of its own; "Jihadists loyal to the group killed ...", its verb parsed as a
  clause on "group", has "Jihadists" for subject (both are subjects borrowed from outside the verb's children).
- "MOGADISHU, May 5 (Reuters) - Al Shabaab fighters overran ...": the model makes the dateline's city the
  subject and the real subject its apposition after the dash.
- "The security forces opened an investigation", "a statement carried by its website": "open" is an attack
  verb only in "opened fire", "carry" only in "carried out".
- "X has attacked army positions in the past": the group's record (`actors` also reads "similar attacks").
- "The RSF attacked positions of the army", its verb parsed as a modifier of its object.
"""

from __future__ import annotations

# Nouns for the members of a group: "fighters of X", "militants of X", "members of X" (not "soldiers of the
# army", whose army is named as a unit's, not as the group behind an attack).
MEMBER_NOUNS = {"fighters", "fighter", "militants", "militant", "members", "member", "jihadists", "insurgents",
                "rebels", "gunmen", "elements", "terrorists", "combatants", "militiamen"}


def group_words(h, belonging: set[str]):
    """The words that may name the group `h` belongs to: "militants belonging to X", "gunmen linked to X"
    (a `belonging` word's phrase), "fighters of X" (a member noun's "of" phrase)."""
    for acl in (c for c in h.children if c.dep_ in ("acl", "amod") and c.lower_ in belonging):
        yield from (t for p in acl.children if p.dep_ == "prep" for t in p.subtree)
    if h.lower_ in MEMBER_NOUNS:
        yield from (t for p in h.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.subtree)


def shared_subjects(verb) -> list:
    """"X arrived in boats and stormed the camp": the subject of the verb `verb` is joined to, when `verb`
    has none of its own (a verb with its own subject, or joined to a noun, gets nothing). "Jihadists loyal
    to the group killed forty": a past-tense verb the model hangs on a noun as a clause (acl) is the main
    verb, and the noun phrase that noun ends is its subject."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return []
    if verb.dep_ == "acl" and verb.tag_ == "VBD":
        node = verb.head
        while node.dep_ in ("pobj", "prep", "amod", "acl") and node.head.i < node.i:
            node = node.head
        return [node] if node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("ROOT", "nsubj") else []
    if verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
        return []
    return [c for c in verb.head.children if c.dep_ == "nsubj"]


def opens_no_fire(verb) -> bool:
    """"Police opened an investigation", "the army opened the road": "open" names an attack only in
    "opened fire" (on someone); "a statement carried by its radio", "they carried the wounded": "carry"
    only in "carried out"."""
    word = {"open": "fire", "carr": "out"}.get(verb.lower_[:4])
    return word is not None and not any(t.lower_ == word for t in verb.doc[verb.i + 1:min(len(verb.doc), verb.i + 4)])


DASHES = {"-", "--", "\u2013", "\u2014"}


def past_dateline(h):
    """The subject `h`, or, when `h` heads a dateline ("MOGADISHU, May 5 (Reuters) -"), the apposition the
    model hung on it after the dash: the sentence's real subject."""
    dash = next((c.i for c in h.children if c.dep_ == "punct" and c.text in DASHES), None)
    after = [c for c in h.children if c.dep_ == "appos" and dash is not None and c.i > dash]
    return after[-1] if after else h


PAST_SPANS = {"past", "years", "months", "decades"}


def in_the_past(verb) -> bool:
    """"X has attacked army positions in the area in the past", "in recent years", "over the years": the
    group's record, not the attack reported."""
    return any(p.dep_ == "prep" and p.lower_ in ("in", "over") and any(
        o.dep_ == "pobj" and o.lower_ in PAST_SPANS for o in p.children) for p in verb.children)


def object_as_head(verb) -> bool:
    """"The RSF attacked positions of the army": the model may hang a past-tense verb that has its own
    subject on its object as a modifier (amod); the noun it modifies is then its object."""
    return verb.dep_ == "amod" and verb.tag_ == "VBD" and verb.head.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "nsubj" for c in verb.children)
