"""Casualties: killed and wounded figures as ranges, from numbers in words or digits and vague words.

A figure is `{low, high, text}`: "at least 84" is low 84, high null (open-ended); "eight" is 8..8;
"several" is low 2; "no casualties" is 0. Only text that the caller has judged to be about the incident
reaches this module, so background tolls never leak in.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from generator.extract import lexicon as lx
from generator.extract.literals import could_match, lowered

KILL = re.compile(lx.KILL_WORD, re.I)
NOT_PEOPLE = re.compile(r"\b(?:drones?|rockets?|missiles?|attacks?|strikes?|times?|sites?|bases?|facilities|"
                        r"hours?|days?|weeks?|months?|years?|percent|%|km|kilometers?|miles?|meters?|"
                        r"buildings?|homes?|houses?|vehicles?|targets?|projectiles?|shells?|rounds?|"
                        r"ships?|vessels?|bombs?|blasts?|explosions?|grenades?|mortars?|bullets?)\b", re.I)


@dataclass(frozen=True)
class Figure:
    kind: str  # killed | wounded
    low: int
    high: int | None
    text: str  # the words the figure came from
    start: int
    at_least: bool = False  # "at least", "more than": a lower bound the next figure of the list shares
    attackers: bool = False  # the dead or wounded are the attack's own doers ("two attackers were killed")

    def as_record(self) -> dict:
        return {"low": self.low, "high": self.high, "text": self.text}


def to_number(words: str) -> tuple[int, int | None] | None:
    """'84' -> (84, 84); 'twenty-one' -> (21, 21); 'several' -> (2, None); 'dozens' -> (24, None)."""
    w = words.lower().strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", w):
        n = int(w.replace(",", ""))
        return n, n
    if w in lx.VAGUE_NUMBERS:
        return lx.VAGUE_NUMBERS[w]
    parts = re.split(r"[- ]", w)
    if w in lx.WORD_NUMBERS:
        n = lx.WORD_NUMBERS[w]
        return n, n
    hundreds = re.fullmatch(r"(\w+) hundred(?: and (.+))?", w)  # "one hundred and two"
    if hundreds and hundreds.group(1) in lx.WORD_NUMBERS:
        rest = to_number(hundreds.group(2)) if hundreds.group(2) else (0, 0)
        if rest is not None and rest[1] is not None:
            n = lx.WORD_NUMBERS[hundreds.group(1)] * 100 + rest[0]
            return n, n
    if len(parts) == 2 and parts[0] in lx.WORD_NUMBERS and parts[1] in lx.WORD_NUMBERS:
        n = lx.WORD_NUMBERS[parts[0]] + lx.WORD_NUMBERS[parts[1]]
        return n, n
    return None


def _apply_qualifier(q: str, low: int, high: int | None) -> tuple[int, int | None]:
    bound = lx.QUALIFIER_BOUNDS.get(q.lower().strip()) if q else None
    if bound == "low":
        return low, None
    if bound == "above":
        return low + 1, None
    if bound == "below":
        return max(low - max(1, low // 10), 0), low
    if bound == "upper":
        return 0 if low == high else low, low if high is not None else None
    return low, high


CUE = re.compile(r"kill|dead|die|dying|death|fatal|wound|injur|hurt|casualt|lives|toll|slain|massacr|perish|hospital|"
                 r"bodies|corpses|lost|assassinat|eliminat|martyr|shahadat|supreme price|ultimate price|harmed|"
                 r"unhurt|safe|material", re.I)
KILLED_VERBS = {"death", "deaths", "killings", "death toll", "toll", "loss of", "claimed", "claiming", "took", "taking", "cost", "costing", "bodies",
                "corpses", "lost"}
# "four children, three women and two men were killed": a list of counted groups, summed.
_ITEM = rf"\b(?:{lx.NUM}|an?)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{lx.PERSON_NOUN}|{lx.PEOPLE})\b"
_LIST = rf"(?P<list>{_ITEM}(?:\s*,\s*{_ITEM})*,?\s+and\s+{_ITEM})"
ENUMERATION = [
    re.compile(rf"(?P<q>{lx.QUAL}\s+)?{_LIST}\s+(?:(?:were|was|have been|had been|are|got)\s+)+"
               rf"(?:(?:\w+ly|also|all|both)\s+)?(?P<verb>{lx.KILL_WORD}|{lx.WOUND_WORD})\b", re.I),
    re.compile(rf"\b(?P<verb>killing|killed|wounding|wounded|injuring|injured)\s+(?P<q>{lx.QUAL}\s+)?{_LIST}", re.I),
]
ITEM_NUMBER = re.compile(rf"(?:{lx.NUM}|an?)(?=\s)", re.I)
# "field commander Abu Karam was killed in the drone strike": a named person killed in the attack is one dead.
NAMED_KILLED = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s+|ibn\s+)?[A-Z][\w'’-]+)+\s+(?:was|had been|has been)\s+"
                          r"(?:\w+ly\s+)?(?:killed|assassinated|eliminated|slain)\s+(?:in|by)\s+(?:an?|the)\s+"
                          r"(?:[\w-]+\s+){0,3}?(?:strike|air ?strike|attack|raid|blast|explosion|bombing|shelling|"
                          r"ambush|shooting)\b")
# The attack's own doers: their dead are not the attack's victims.
ATTACKER_WORDS = re.compile(r"\b(?:attackers?|assailants?|gunm[ae]n|(?:suicide )?bombers?|perpetrators?|terrorists?|"
                            r"militants?|jihadists?|insurgents?|raiders?)\b", re.I)


def find_figures(sentence: str) -> list[Figure]:
    """Every killed/wounded figure stated in `sentence`."""
    if not CUE.search(sentence):
        return []  # most sentences state no toll: skip the costly patterns
    return list(_figures(sentence))


@functools.lru_cache(maxsize=4096)
def _figures(sentence: str) -> tuple[Figure, ...]:
    """find_figures' work, once per sentence (each group of an article reads the same sentences)."""
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    folded = lowered(sentence)
    for pattern in ENUMERATION if " and " in sentence else ():
        if not could_match(pattern, sentence, folded):
            continue
        for m in pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            items = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group("list"))
            values = [to_number(ITEM_NUMBER.match(i).group(0)) if ITEM_NUMBER.match(i) else None for i in items]
            if len(values) < 2 or any(v is None or v[1] is None for v in values) or NOT_PEOPLE.search(m.group("list")):
                continue  # "dozens of children and many women": no sum
            if re.search(r"\b(?:including|among them|among whom|of whom|of them)\s*$", sentence[:m.start("list")], re.I):
                continue  # "five killed, including three women, and 28 wounded": a part, then another figure
            total = sum(v[0] for v in values)
            q = m.group("q") or ""
            low, high = _apply_qualifier(q, total, total)
            kind = "killed" if KILL.fullmatch(m.group("verb").lower()) else "wounded"
            out.append(Figure(kind, low, high, m.group(0).strip(), m.start(), at_least=high is None,
                              attackers=bool(ATTACKER_WORDS.search(m.group("list")))))
            taken.append((m.start(), m.end()))
    for pattern in lx.CASUALTY_PATTERNS:
        if not could_match(pattern, sentence, folded):
            continue  # its words are absent: the costly scan is skipped
        for m in pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            who = g.get("who") or ""
            if NOT_PEOPLE.search(who) or NOT_PEOPLE.match(sentence[m.end():m.end() + 12].strip()):
                continue
            verb = (g.get("verb2") or g.get("verb") or "").lower()
            if verb in ("leaving", "left") and not g.get("verb2"):
                continue
            value = to_number(g["n"])
            if value is None:
                continue
            more = to_number(g["more"]) if g.get("more") else None
            if more is not None and more[1] is not None:  # "a commander and two of his guards"
                value = (value[0] + more[0], value[1] + more[1])
            if verb == "casualties" or m.group(0).lower().startswith(verb) and re.search(r"\b(?:killed|dead|died|killing)\s+(?:or|and)\s+$",
                                                 sentence[max(0, m.start() - 20):m.start()], re.I):
                taken.append((m.start(), m.end()))
                continue  # "N casualties", "killed or injured N": killed and wounded together, neither alone
            kind = "killed" if KILL.fullmatch(verb) or verb in KILLED_VERBS else "wounded"
            if g.get("n2"):  # "from eighty to several hundred"
                top = to_number(g["n2"])
                scale = 1000 if (g.get("unit") or "").strip().lower() == "thousand" else \
                    100 if (g.get("unit") or "").strip() else 1
                value = (value[0], None if top is None or top[1] is None else top[1] * scale)
            span = re.match(rf"(?:to|or|-|–)\s+(?P<top>{lx.NUM})\s", who, re.I) or (
                re.match(rf"and\s+(?P<top>{lx.NUM})\s", who, re.I)
                if re.search(r"\bbetween\s+$", sentence[max(0, m.start("n") - 12):m.start("n")], re.I) else None)
            if span and to_number(span.group("top")):  # "three to six guards", "between 10 and 15 people"
                value = (value[0], to_number(span.group("top"))[1])
            q = g.get("q") or ""
            low, high = _apply_qualifier(q, *value)
            out.append(Figure(kind, low, high, m.group(0).strip(), m.start(),
                              at_least=lx.QUALIFIER_BOUNDS.get(q.lower().strip()) in ("low", "above"),
                              attackers=bool(ATTACKER_WORDS.search(who))))
            taken.append((m.start(), m.end()))
    for m in NAMED_KILLED.finditer(sentence):
        if not any(s < m.end() and m.start() < e for s, e in taken) and not any(f.kind == "killed" for f in out):
            out.append(Figure("killed", 1, None, m.group(0), m.start()))
    for m in lx.NONE_CASUALTIES.finditer(sentence):
        what = (m.group("what") or m.group("what2") or "").lower()
        if "injur" in what or "hurt" in what or "damage" in what:
            out.append(Figure("wounded", 0, 0, m.group(0), m.start()))
        elif "death" in what or "fatalit" in what or "killed" in what:
            out.append(Figure("killed", 0, 0, m.group(0), m.start()))
        else:
            out.append(Figure("killed", 0, 0, m.group(0), m.start()))
            out.append(Figure("wounded", 0, 0, m.group(0), m.start()))
    for m in lx.BARE_CASUALTIES.finditer(sentence):
        for word in filter(None, (m.group("a"), m.group("b"))):
            word = word.lower()
            kinds = ["killed", "wounded"] if "dead and" in word else \
                ["killed"] if word in ("deaths", "fatalities") else ["wounded"]
            for kind in kinds:
                if not any(f.kind == kind for f in out):
                    out.append(Figure(kind, 1, None, m.group(0), m.start()))
    if not any(f.kind == "wounded" for f in out):
        m = lx.VAGUE_WOUND.search(sentence)
        if m and not re.search(r"\bno\b|\bnot\b", sentence[max(0, m.start() - 30):m.start()], re.I):
            out.append(Figure("wounded", 1, None, m.group(0), m.start()))
    out.sort(key=lambda f: (f.start, f.kind))
    # "at least 18 killed and 30 injured": the bound holds for the whole list.
    for i, (a, b) in enumerate(zip(out, out[1:])):
        between = sentence[a.start + len(a.text):b.start]
        if a.at_least and not b.at_least and b.high == b.low and b.low > 0 and a.kind != b.kind \
                and re.fullmatch(r"[\s,]*(?:and|while|with)?\s*", between):
            out[i + 1] = dataclasses.replace(b, high=None, at_least=True)
    return tuple(out)


def combine(figures: list[Figure]) -> dict | None:
    """One source's figures of one kind -> its report: the highest explicit figure it gives.

    Articles restate tolls as they rise ("at least 11 ... the toll rose to 13"): the larger figure is the
    later one, and an exact figure beats a vague word of the same size.
    """
    if not figures:
        return None
    best = max(figures, key=lambda f: (f.low, f.high is not None, -f.start))
    return best.as_record()
