"""Cheap literal pre-checks for the extraction's regular expressions.

Most sentences match none of a module's patterns, and a pattern that can start anywhere costs a scan of
the whole sentence. A pattern's *requirements* are read from its own syntax tree: sets of literal strings
such that every match of the pattern contains at least one string of each set ("ballistic[- ]missiles?"
needs "ballistic" and "missile"). `could_match` checks them with substring tests, so a pattern whose
words are absent is not run at all. The result is the same by construction: a requirement is only ever
taken from parts every match must contain, and anything the reading does not understand adds none.

Case-insensitive literals are compared with the lowered sentence. That is exact for ASCII literals
unless the sentence holds one of the four characters that `re.IGNORECASE` matches to an ASCII letter
other than by lowering (dotted and dotless i, long s, the Kelvin sign); `lowered` gives None then, and
case-insensitive requirements are not checked.
"""

from __future__ import annotations

import re
try:  # the standard library's own regular-expression parser (Python 3.11+)
    from re import _constants as C
    from re import _parser
except ImportError:  # elsewhere: no requirements are read, every pattern runs
    C = _parser = None

_ODD_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
Requirement = frozenset  # of (literal, case_insensitive) pairs: a match contains one of them
_MAX_CHECKS = 3  # requirement sets checked per pattern (the most selective ones)


def lowered(text: str) -> str | None:
    """`text` lowered for case-insensitive literal checks, or None when lowering would not be exact."""
    if not text.isascii() and _ODD_FOLDS.search(text):
        return None
    return text.lower()


def could_match(pattern: re.Pattern, text: str, low: str | None) -> bool:
    """False only when `pattern` cannot match anywhere in `text` (`low` = `lowered(text)`)."""
    hit = _BY_ID.get(id(pattern))
    if hit is None:
        hit = _BY_ID[id(pattern)] = (pattern, requirements(pattern))  # kept alive, so its id stays its own
    for requirement in hit[1]:
        for literal, icase in requirement:
            if icase:
                if low is None or literal in low:
                    break
            elif literal in text:
                break
        else:
            return False
    return True


_BY_ID: dict[int, tuple[re.Pattern, tuple]] = {}  # a Pattern's own hash reads its whole code


def requirements(pattern: re.Pattern) -> tuple[Requirement, ...]:
    """Every set of literals a match of `pattern` must contain one of (the most selective first)."""
    if _parser is None:
        return ()
    icase = bool(pattern.flags & re.IGNORECASE)
    found = _sequence(list(_parser.parse(pattern.pattern, pattern.flags)), icase)
    return tuple(_minimal(r) for r in sorted(found, key=_score, reverse=True)[:_MAX_CHECKS])


def _minimal(req: Requirement) -> Requirement:
    """Drop a literal that contains another of the set ("gunfire" beside "gun"): the shorter one is
    present whenever the longer one is."""
    return frozenset(x for x in req if not any(y != x and y[1] == x[1] and y[0] in x[0] for y in req))


def _score(req: Requirement) -> tuple[int, int]:
    return min(len(s) for s, _ in req), -len(req)


def _sequence(items: list, icase: bool) -> list[Requirement]:
    """Requirements of a sequence: runs of literals, and each required element's own."""
    out: list[Requirement] = []
    run: list[str] = []

    def close() -> None:
        if run:
            out.append(frozenset({("".join(run), icase)}))
            run.clear()

    for op, arg in items:
        if op is C.LITERAL and (not icase or arg < 128):
            ch = chr(arg)
            run.append(ch.lower() if icase else ch)
            continue
        close()
        out.extend(_element(op, arg, icase))
    close()
    return out


def _element(op, arg, icase: bool) -> list[Requirement]:
    if op is C.SUBPATTERN:
        _group, add, remove, body = arg
        if add & re.IGNORECASE:
            icase = True
        if remove & re.IGNORECASE:
            icase = False
        return _sequence(list(body), icase)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, body = arg
        return _sequence(list(body), icase) if low >= 1 else []
    if op is C.ATOMIC_GROUP:
        return _sequence(list(arg), icase)
    if op is C.BRANCH:
        union: set = set()
        for branch in arg[1]:
            reqs = _sequence(list(branch), icase)
            if not reqs:
                return []  # a branch that needs nothing: the alternation needs nothing
            union |= max(reqs, key=_score)
        return [frozenset(union)]
    return []  # classes, anchors, look-arounds, back-references: no literal is certain
