"""Dates: find time expressions in a sentence and resolve them against the publication date.

Every resolved date carries a window (earliest, latest), a precision (day | days | week | month | year)
and the words it came from, so a record can say why it holds the date it holds. An expression that
cannot be resolved (no publication date to anchor "Tuesday") yields nothing, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.extract import lexicon as lx
from generator.extract.literals import could_match, lowered
from generator.records.vocabulary import MONTH_NUMBER, MONTH_PATTERN

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_RE = rf"(?:{MONTH_PATTERN})\.?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"



@dataclass(frozen=True)
class DateMention:
    """A time expression and the window it resolves to."""

    text: str
    start: int  # character offset in the sentence
    earliest: dt.date
    latest: dt.date
    precision: str
    local_shift: bool = False  # 'night'/'evening' in a foreign outlet's time: the local date may be +1

    @property
    def day(self) -> dt.date | None:
        return self.earliest if self.earliest == self.latest else None

    def age(self, published: dt.date) -> int:
        """Days between the latest day this mention allows and publication (0 = same day)."""
        return (published - self.latest).days


_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("month_day_year", re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b")),
    ("day_month_year", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RE}),?\s+(?P<year>(?:19|20)\d\d)\b")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b")),
    ("numeric", re.compile(r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)\d\d)\b(?!/)")),
    ("month_day", re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)(?![\d,.]*\s*(?:people|killed|dead))")),
    ("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE})\b(?!\s*,?\s*(?:19|20)\d\d)")),
    ("month_year", re.compile(rf"\b(?:in\s+)?(?P<month>{_MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b")),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|on|early|late)\s+)?(?:on\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?"
                           rf"(?P<part>{_PART})\b(?P<local>,?\s*\(?local\s+time\b)?")),
    ("yesterday", re.compile(r"\b(?:late\s+|early\s+)?(?P<word>yesterday|last night|overnight|today|this morning|this afternoon|this evening|tonight|earlier today)\b", re.I)),
    ("hours", re.compile(r"\b(?:over|in|during|within)\s+the\s+(?:last|past|previous)\s+(?P<n>\d+|twenty-four|forty-eight)\s+hours\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|several|a few)\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier|before)\b", re.I)),
    ("weekend", re.compile(r"\b(?:over|during|at|on)\s+the\s+weekend\b", re.I)),
    ("last_unit", re.compile(r"\b(?P<which>last|past|earlier this|this|previous)\s+(?P<unit>week|month|year|weekend)\b", re.I)),
    ("month_only", re.compile(rf"\b(?i:in|since|during|from)\s+(?P<third>(?i:early\s+|late\s+|mid-?\s*))?(?P<month>{_MONTH_RE})(?!\s+\d)\b")),
    ("year_only", re.compile(r"\b(?i:in|since|during|of)\s+(?P<year>(?:19|20)\d\d)\b")),
    ("year_only", re.compile(r"(?<![\d,.$£€-])\b(?P<year>(?:19|20)\d\d)\b(?![-,.]?\d|\s*(?:people|persons|km|meters|"
                             r"metres|troops|soldiers|dead|killed|%))")),
]


def _month(text: str) -> int:
    return MONTH_NUMBER[text.lower().rstrip(".")]


def _before(published: dt.date, month: int, day: int) -> dt.date | None:
    """The date with this month and day nearest before (or on) publication, allowing a day's skew."""
    try:
        candidate = dt.date(published.year, month, day)
    except ValueError:
        return None
    if candidate > published + dt.timedelta(days=1):
        try:
            candidate = dt.date(published.year - 1, month, day)
        except ValueError:
            return None
    return candidate


def _numeric(text: str, start: int, a: int, b: int, year: int, published: dt.date | None) -> DateMention | None:
    """A date written a/b/year: the reading that exists (and is not after publication); of two, the one
    nearer before publication; with no publication date, only a reading that cannot be the other."""
    days = []
    for day, month in ((a, b), (b, a)):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if published is None or d <= published + dt.timedelta(days=1):
            days.append(d)
    days = sorted(set(days))
    if not days or (published is None and len(days) > 1):
        return None
    return DateMention(text, start, days[-1], days[-1], "day")


def _month_window(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


RELATIVE = {"weekday", "yesterday", "hours", "ago", "last_unit", "weekend"}
# "the previous morning", "a day earlier": relative to the last date the text gave, not to publication.
DAY_BEFORE = re.compile(r"\b(?:the (?:previous|preceding) (?:day|morning|afternoon|evening|night)|the day before|"
                        r"(?:a|one) day (?:earlier|before)|the night before)\b", re.I)
DAY_AFTER = re.compile(r"\b(?:the (?:next|following) (?:day|morning|afternoon|evening|night)|the day after|"
                       r"(?:a|one) day later)\b", re.I)


def relative_to_previous(sentence: str, previous: DateMention | None) -> list[DateMention]:
    """Dates stated relative to the last day the text named."""
    if previous is None or previous.day is None:
        return []
    out = []
    low = lowered(sentence)
    for pattern, delta in ((DAY_BEFORE, -1), (DAY_AFTER, 1)):
        if not could_match(pattern, sentence, low):
            continue
        for m in pattern.finditer(sentence):
            try:
                day = previous.day + dt.timedelta(days=delta)
            except OverflowError:
                continue
            out.append(DateMention(m.group(0), m.start(), day, day, "day"))
    return out


def reference_day(published: dt.date | None, precision: str) -> dt.date | None:
    """The latest day an article can have been published: its date, or the end of its month or year."""
    if published is None:
        return None
    if precision == "month":
        return _month_window(published.year, published.month)[1]
    if precision == "year":
        return dt.date(published.year, 12, 31)
    return published


def find_dates(sentence: str, published: dt.date | None, precision: str = "day") -> list[DateMention]:
    """Every time expression in `sentence` that can be resolved, in text order, none overlapping.

    With a publication date known only to the month, "Tuesday" cannot be resolved (it yields nothing),
    while "March 22" still can."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    low = lowered(sentence)
    for kind, pattern in _PATTERNS:
        if not could_match(pattern, sentence, low):
            continue  # its words are absent: it cannot match (most sentences name no date)
        for m in pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if kind in RELATIVE and precision != "day":
                taken.append((m.start(), m.end()))
                continue
            try:
                mention = _resolve(kind, m, reference_day(published, precision))
            except OverflowError:  # a day before year 1 or after 9999: give up on this mention
                mention = None
            if mention:
                found.append(mention)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _resolve(kind: str, m: re.Match, published: dt.date | None) -> DateMention | None:
    text, start = m.group(0), m.start()
    g = m.groupdict()
    try:
        if kind in ("month_day_year", "day_month_year"):
            day = dt.date(int(g["year"]), _month(g["month"]), int(g["day"]))
            return DateMention(text, start, day, day, "day")
        if kind == "iso":
            day = dt.date(int(g["year"]), int(g["mon"]), int(g["day"]))
            return DateMention(text, start, day, day, "day")
        if kind == "numeric":  # "14/06/2025" in a police release: day first, or month first
            return _numeric(text, start, int(g["a"]), int(g["b"]), int(g["year"]), published)
        if kind == "month_year":
            lo, hi = _month_window(int(g["year"]), _month(g["month"]))
            return DateMention(text, start, lo, hi, "month")
        if kind == "year_only":
            year = int(g["year"])
            return DateMention(text, start, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    except (ValueError, KeyError):
        return None
    if published is None:
        return None
    if kind in ("month_day", "day_month"):
        day = _before(published, _month(g["month"]), int(g["day"]))
        return DateMention(text, start, day, day, "day") if day else None
    if kind == "month_only":
        month = _month(g["month"])
        year = published.year if month <= published.month else published.year - 1
        lo, hi = _month_window(year, month)
        third = (g.get("third") or "").strip().lower()[:3]  # early 1-10, mid 11-20, late 21 to the end
        if third:
            lo, hi = {"ear": (lo, lo.replace(day=10)), "mid": (lo.replace(day=11), lo.replace(day=20)),
                      "lat": (lo.replace(day=21), hi)}[third]
        if lo > published:
            return None
        return DateMention(text, start, lo, min(hi, published), "month")
    if kind == "weekday":
        target = WEEKDAYS.index(g["weekday"].lower())
        back = (published.weekday() - target) % 7
        if (g.get("rel") or "").lower() == "last" and back == 0:
            back = 7
        if g.get("local") and back == 6:
            back = -1  # "early Sunday local time" in a report dated Saturday: it is already Sunday there
        day = published - dt.timedelta(days=back)
        part = (g.get("part") or "").strip().lower()
        return DateMention(text, start, day, day, "day", local_shift=part in ("night", "evening", "overnight"))
    if kind == "yesterday":
        word = g["word"].lower()
        if word in ("yesterday", "last night", "overnight"):
            day = published - dt.timedelta(days=1)
            if word == "overnight":
                return DateMention(text, start, day, published, "days")
            return DateMention(text, start, day, day, "day")
        return DateMention(text, start, published, published, "day")
    if kind == "hours":
        n = {"twenty-four": 24, "forty-eight": 48}.get(g["n"].lower()) or int(g["n"])
        days = max(1, (n + 23) // 24)
        return DateMention(text, start, published - dt.timedelta(days=days), published, "days")
    if kind == "ago":
        word = g["n"].lower()
        n = int(word) if word.isdigit() else lx.WORD_NUMBERS.get(word) or 3  # "several", "a few": about three
        unit = g["unit"].lower()
        span = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        centre = published - dt.timedelta(days=span)
        slack = {"day": 0, "week": 3, "month": 15, "year": 180}[unit]
        if g["n"].lower() in ("several", "a few", "few"):
            slack = span // 2
        precision = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
        if precision == "day" and slack:
            precision = "days"
        return DateMention(text, start, centre - dt.timedelta(days=slack), centre + dt.timedelta(days=slack),
                           precision)
    if kind == "weekend":  # "over the weekend": the last Saturday and Sunday up to publication
        sunday = published - dt.timedelta(days=(published.weekday() + 1) % 7)
        return DateMention(text, start, sunday - dt.timedelta(days=1), min(sunday, published), "days")
    if kind == "last_unit":
        which, unit = g["which"].lower(), g["unit"].lower()
        if unit == "week" or unit == "weekend":
            if which in ("this", "earlier this"):
                return DateMention(text, start, published - dt.timedelta(days=published.weekday()), published,
                                   "week")
            return DateMention(text, start, published - dt.timedelta(days=13), published - dt.timedelta(days=1),
                               "week")
        if unit == "month":
            if which in ("this", "earlier this"):
                return DateMention(text, start, published.replace(day=1), published, "month")
            prev = published.replace(day=1) - dt.timedelta(days=1)
            lo, hi = _month_window(prev.year, prev.month)
            return DateMention(text, start, lo, hi, "month")
        if unit == "year":
            if which in ("this", "earlier this"):
                return DateMention(text, start, dt.date(published.year, 1, 1), published, "year")
            return DateMention(text, start, dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31),
                               "year")
    return None
