"""Sentences with their entities, dates and the part of them that is news rather than background.

A sentence's text is a verbatim slice of the article (evidence quotes must be substrings). Each sentence
is split once at a background connector ("following", "after", "since", "amid" ...) when the part
before it already names an attack: what follows then names an earlier event. Sentences dated more than a
week before publication, photo captions, and recaps ("it is not the first time") are background whole.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from generator.extract import lexicon as lx
from generator.extract.dates import DateMention, find_dates, relative_to_previous
from generator.records.vocabulary import MONTH_PATTERN

NEWS_WINDOW_DAYS = 7  # recaps of the days just before publication may still be sources


@dataclass(frozen=True)
class Ent:
    label: str  # ACTOR | PLACE | COUNTRY | DEMONYM | ORG | GPE | NORP | PERSON | LOC | FAC ...
    ref: str  # knowledge-base id or ISO code; "" for names the knowledge base does not know
    text: str
    start: int  # offsets relative to the sentence
    end: int
    candidates: tuple[str, ...] = ()  # for PLACE: every place the name may denote


@dataclass
class Sentence:
    idx: int
    para: int
    start: int  # offset in the article text
    text: str
    ents: list[Ent]
    dates: list[DateMention]
    span: object = None  # the spaCy Span (for the dependency parse)
    news_end: int = 0  # text[news_start:news_end] is news; the rest names earlier events
    news_start: int = 0
    background: bool = False  # the whole sentence is background
    tags: set[str] = field(default_factory=set)

    @property
    def news_text(self) -> str:
        return "" if self.background else self.text[self.news_start:self.news_end]

    def ents_in(self, lo: int, hi: int) -> list[Ent]:
        return [e for e in self.ents if e.start >= lo and e.end <= hi]

    def news_ents(self) -> list[Ent]:
        return [] if self.background else self.ents_in(self.news_start, self.news_end)


def build_sentences(doc, text: str, published: dt.date | None, place_candidates: dict,
                    precision: str = "day") -> list[Sentence]:
    """Split the annotated document into `Sentence`s and judge news versus background."""
    para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    # Entities once, by start (Span.ents walks the whole document's entities on every call).
    all_ents = [(e.start_char, e.end_char, e.label_, e.kb_id_ or "", e.text) for e in doc.ents]
    out: list[Sentence] = []
    filed = published  # the day relative words count from: the dateline's day when it gives an earlier one
    for sent in doc.sents:
        raw = sent.text
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = sent.start_char + lead
        # spaCy sometimes runs a sentence across a paragraph break; split there.
        pieces = re.split(r"\n\s*\n", stripped)
        offset = start
        for piece in pieces:
            piece_start = text.index(piece, offset)
            offset = piece_start + len(piece)
            if not piece.strip():
                continue
            para = bisect.bisect_right(para_starts, piece_start) - 1
            end = piece_start + len(piece)
            ents = [Ent(label, ref, etext, a - piece_start, b - piece_start, tuple(place_candidates.get((a, b), ())))
                    for a, b, label, ref, etext in all_ents[bisect.bisect_left(all_ents, (piece_start,)):]
                    if a < end and b <= end]
            dates = _dates_filed(piece, published, filed, precision)
            if para <= 1:
                stamps = [d for d in dates if _stamp(piece, d)]
                dates = [d for d in dates if d not in stamps]
                if stamps and filed == published and _filed_before(stamps[0], published, precision):
                    # "IMPHAL, Nov 11: ... this morning" in the next day's paper: the text's "today", "this
                    # morning", "yesterday" count from the day the dateline gives, here and in what follows
                    filed = stamps[0].day
                    dates = [d for d in _dates_filed(piece, published, filed, precision) if not _stamp(piece, d)]
            out.append(Sentence(len(out), para, piece_start, piece, ents, dates, span=sent, news_end=len(piece)))
    last_day = None
    for s in out:
        extra = [d for d in relative_to_previous(s.text, last_day)
                 if not any(x.start <= d.start < x.start + len(x.text) for x in s.dates)]
        if extra:
            s.dates = sorted(s.dates + extra, key=lambda d: d.start)
        days = [d for d in s.dates if d.day]
        if days:
            last_day = days[-1]
    # Background is judged against the earliest day the article may have appeared (a month-only date
    # is its month's first day), so that nothing it reports as news is taken for an old event.
    _judge(out, published)
    return out


# Words that count from the day the text was written: "today", "this morning", "yesterday", "last night".
DEICTIC = re.compile(r"\b(?:today|tonight|yesterday|this (?:morning|afternoon|evening)|last night|earlier today)\b", re.I)


def _dates_filed(piece: str, published: dt.date | None, filed: dt.date | None, precision: str) -> list[DateMention]:
    """The piece's dates, "today" and "this morning" counted from the dateline's day `filed`, and weekdays
    and the rest from the page's date: a story updated after it was filed ("claimed the attack on
    Wednesday" under "CITY, March 12 -", a Tuesday) still names days up to the page's date."""
    dates = find_dates(piece, published, precision)
    if filed == published or not DEICTIC.search(piece):
        return dates
    by_filing = {d.start: d for d in find_dates(piece, filed, precision) if DEICTIC.search(d.text)}
    return [by_filing.get(d.start, d) for d in dates]


def _filed_before(stamp: DateMention, published: dt.date | None, precision: str) -> bool:
    """A dateline's day one or two days before the page's date (a morning paper, a late upload)."""
    return published is not None and precision == "day" and stamp.day is not None \
        and 1 <= (published - stamp.day).days <= 2


def _stamp(text: str, d: DateMention) -> bool:
    """Is this full date the page's own date stamp at the top, or a wire dateline's filing day ("DAKAR, Oct 14
    (Reuters) -", "CITY, 12 March 2025:"), not a date the story gives?"""
    if DATELINE_BEFORE.fullmatch(text[:d.start]) and DATELINE_CLOSE.match(text[d.start + len(d.text):]):
        return True
    return bool(re.search(r"\d{4}", d.text)) and bool(STAMP_PREFIX.fullmatch(text[:d.start]))


def _judge(sentences: list[Sentence], published: dt.date | None) -> None:
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.para, []).append(s)
    for s in sentences:
        text = s.text
        old = [d for d in s.dates if published and d.age(published) > NEWS_WINDOW_DAYS]
        recent = [d for d in s.dates if not published or d.age(published) <= NEWS_WINDOW_DAYS]
        if old and not recent:
            cut = _place_clause(s, min(d.start for d in old))
            if cut is not None:  # "... in the town of X, where an insurgency has killed thousands since 2004"
                s.news_end = cut
                s.tags.add("connector")
            elif _follows_up_lead(s, sentences, published):
                s.tags.add("follow-up")  # an article about an older attack's new toll or findings
            else:
                s.background = True  # dated more than a week before publication
                continue
        if old and recent and all(date_anchor(s, d.start) == "other" for d in recent) \
                and any(date_anchor(s, d.start) == "attack" for d in old):
            s.background = True  # "denied on Tuesday that it was behind the 2019 bombing": an older attack
            continue
        if lx.BACKGROUND_SENTENCE.search(text):
            s.background = True  # recaps earlier events
            continue
        if _is_caption(s, by_para.get(s.para, []), published):
            s.background = True  # a photo caption
            continue
        cut = _connector_cut(text)
        if old and recent:  # "... on Wednesday near the shrine of the cleric, who was killed in a 2019 strike"
            first_old = min(d.start for d in old)
            clauses = [m.start() for m in RELATIVE_CLAUSE.finditer(text, max(d.start for d in recent), first_old)]
            if clauses and (cut is None or clauses[-1] < cut):
                cut = clauses[-1]
        if cut is not None:
            s.news_end = min(cut, s.news_end)
            s.tags.add("connector")
        lead = lx.LEADING_CONNECTOR.match(text)
        if lead:
            main = text[lead.end():s.news_end]
            if lx.STRONG_ATTACK.search(main) or lx.ACCUSE.search(main) or lx.CLAIM.search(main) \
                    or not re.search(lx.KILL_WORD + "|" + lx.WOUND_WORD, main, re.I):
                s.news_start = lead.end()
                s.tags.add("leading-connector")


SAME_EVENT_CLAUSE = re.compile(r"[^.;]{0,40}?,?\s+when the (?:[\w-]+\s+){0,2}?(?:attack|strike|airstrike|blast|"
                               r"explosion|bombing|shelling|raid|assault)\s+(?:took place|occurred|happened|hit|began)",
                               re.I)
# A date stamp over the article ("10/05/2024 October 5, 2024 Headline", "Written: 2024-10-05"): its day.
STAMP_PREFIX = re.compile(r"[\s\d/.:,|-]*(?:(?:Written|Updated|Published|Posted|Last updated)(?:\s+on)?:?[\s\d/.:,|-]*)?")
# A dateline: the city (and country) before its date, the agency or a dash after it.
DATELINE_BEFORE = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}(?:,\s*[A-Z][\w.’' -]*?)?,\s*")
# The dateline that opens a filed story: "CITY:", "CITY, Country (AP) —", "City, Nov 11 (PTI)", "IMPHAL, Nov 11:".
DATELINE_LEAD = re.compile(r"[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,3}(?:,\s*[A-Z][\w.’' -]{0,30}?)?\s*(?:\([\w .]+\)\s*)*"
                           r"[—–:-]\s|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3},\s*(?:" + MONTH_PATTERN + r")\.?\s+\d{1,2}\b")
DATELINE_CLOSE = re.compile(r"\s*(?:\([\w .]+\)\s*)*[-—–:]")
RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|where|when|whose)\b|\s(?:who|which|that)\s+(?:(?:was|were|had|has)\b|"
                             r"\w+ed\b)", re.I)


def date_anchor(s: Sentence, start: int) -> str | None:
    """What a date at `start` in the sentence modifies, from the parse: "attack" (an attack, killing or
    weapon word: "killed on Sunday", "Wednesday's blasts"), "other" (another verb: "attend a memorial,
    Monday", "visited on Sunday", "expressed shock today"), or None when the parse does not say."""
    if s.span is None:
        return None
    at = s.start + start
    node = next((t for t in s.span if t.idx >= at), None)
    for _ in range(8):
        if node is None or node.head is node:
            return None
        node = node.head
        if not s.start <= node.idx < s.start + len(s.text):
            return None  # the parse runs across a paragraph break: it says nothing here
        word = node.text
        if lx.ATTACK_VERB.fullmatch(word) or lx.STRONG_ATTACK.fullmatch(word) or lx.ATTACK_NOUN.fullmatch(word) \
                or re.fullmatch(lx.KILL_WORD + "|" + lx.WOUND_WORD, word, re.I) \
                or any(p.fullmatch(word) for _, p in lx.WEAPON_PATTERNS):
            return "attack"
        if node.pos_ == "VERB":
            return "other"
    return None


def _follows_up_lead(s: Sentence, sentences: list[Sentence], published: dt.date | None) -> bool:
    """Is an older date about the attack the headline reports ("80 killed in attack" ... "the attack
    took place on March 3 when gunmen entered the village of X")? Then the article follows it up: same
    named town or site as the lead, and the headline itself gives no date."""
    title = [x for x in sentences if x.para == 0]
    if any(x.dates for x in title) or not any(lx.STRONG_ATTACK.search(x.text) for x in title):
        return False
    if published and any(d.age(published) <= NEWS_WINDOW_DAYS and not lx.is_reporting_date(x.text, d.start, d.start + len(d.text))
                         for x in sentences for d in x.dates):
        return False  # the article has news of its own days: an older date names an older event
    if re.search(r"\b(?:attack|strike|blast|bombing|massacre|shooting|assault|raid)\s+(?:occurred|happened|"
                 r"took place|was carried out)\b", s.text, re.I):
        return True  # "The attack took place on March 3": the date of the attack the article is about
    title_places = {e.ref for x in title for e in x.ents if e.label == "PLACE"}
    here = {e.ref for e in s.ents if e.label == "PLACE"}
    return bool(title_places & here) and bool(lx.STRONG_ATTACK.search(s.text))


PLACE_CLAUSE = re.compile(r",\s*where\b", re.I)


def _place_clause(s: Sentence, first_old: int) -> int | None:
    """In the lead, an attack placed at a town that a ", where ..." clause then describes with an old year:
    the clause is background, the attack before it is news. Only after a place's name (", which killed
    67 in 2013" describes an old attack, and stays background)."""
    if s.para > 2:
        return None
    for m in PLACE_CLAUSE.finditer(s.text, 0, first_old):
        named = any(e.label in ("PLACE", "COUNTRY", "GPE", "LOC") and 0 <= m.start() - e.end <= 1 for e in s.ents)
        before = s.text[:m.start()]
        if named and (lx.STRONG_ATTACK.search(before) or lx.ATTACK_VERB.search(before)):
            return m.start()
    return None


# "The bodies of twelve farmers were found ... after an attack": a toll told as a discovery.
BODIES_FOUND = re.compile(r"\bbod(?:y|ies)\b[^.]{0,60}?\b(?:was|were|have been|had been)\s+(?:found|recovered|"
                          r"discovered|retrieved|pulled)\b", re.I)


def _connector_cut(text: str) -> int | None:
    """Where the background part of a sentence begins, if it has one.

    "Personnel were injured following a rocket attack", "five bodies were recovered after gunmen attacked":
    when the part before the connector states only casualties, the attack after it *is* the news. Otherwise what follows names an earlier event.
    """
    for m in lx.CONNECTOR.finditer(text):
        before = text[:m.start()]
        casualties_only = (re.search(lx.KILL_WORD + "|" + lx.WOUND_WORD, before, re.I) or BODIES_FOUND.search(before)) \
            and not re.search(r"\b(?:attacks?|strikes?|bombs?|bombings?|blasts?|explosions?|exploded|detonated|went off|shelling|"
            r"shootings?|raids?|assaults?|struck|"
            r"attacked|targeted|hit|fired|launched|shelled|bombed|stormed|opened fire)\b", before, re.I)
        if casualties_only:
            continue
        after = text[m.end():]
        if SAME_EVENT_CLAUSE.match(after):
            continue  # "since Tuesday evening, when the shelling began": the attack's own time
        if not (lx.STRONG_ATTACK.search(after) or lx.ATTACK_VERB.search(after) or lx.ACCUSE.search(after)
                or re.search(lx.KILL_WORD + "|" + lx.WOUND_WORD + r"|\d|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
                             r"\b(?:week|month|year)s?\b", after, re.I)):
            continue  # "brought under control after the attackers were neutralized": no earlier event named
        return m.start()
    for m in lx.WEAK_CONNECTOR.finditer(text):
        if re.search(r"\b(?:attacks?|strikes?|incidents?|bombings?|blasts?|explosions?|shelling|raids?)\b",
                     text[:m.start()], re.I):
            return m.start()
    return None


def _is_caption(s: Sentence, para: list[Sentence], published: dt.date | None) -> bool:
    """A photo caption: the one-sentence paragraph right under the headline, in the present tense,
    ending on the day the picture was taken ("Rockets ... are intercepted ... on August 4.") or on a
    photo credit."""
    if len(para) != 1 or s.para != 1 or s.span is None:
        return False
    if DATELINE_LEAD.match(s.text):
        return False  # "IMPHAL, Nov 11: ... this morning.", "QUETTA: ...": a story filed from a place, no caption
    if not any(t.tag_ in ("VBZ", "VBP") and not (t.lemma_ == "have" and t.dep_ == "aux")
               and s.start <= t.idx < s.start + len(s.text) for t in s.span):  # the parse may run on from the title
        return False  # captions are in the present simple; "has launched" reports news
    if re.search(r"\b(?:said|says|told|reported|announced|according to)\b", s.text, re.I):
        return False  # captions describe a picture; they do not quote anyone
    text = s.text.rstrip(" .")
    ends_on_date = any(d.start + len(d.text) >= len(text) - 1 for d in s.dates)
    credit = re.search(r"\b(?:pictured|file photo|handout|photo(?:graph)?:|AFP|Reuters|Getty Images|AP Photo)\b",
                       s.text, re.I)
    return ends_on_date or bool(credit)
