"""Uncertain: where a draft is weakest, said from how extraction decided each field.

Every incident record carries `uncertain`, a list of `{field, why}` (fields: date, place, event_type,
weapons, perpetrator, killed, wounded, sources) that tells an analyst where to look first. Nothing here
is a constant: each flag comes from what a stage knows about its own decision.

1. `candidate_doubts` (one article): a date taken from the article's lead or from a statement, a window,
   an evening in the outlet's time, a relative date with no publication day; a place known only to its
   province or country, an unnamed site, a dateline city, other places the report ties to the attack, a
   place name the gazetteer lacks; a type not named, or inferred from a weapon word or "strike" alone;
   no weapon named; nobody named or described as the doer, a doer only accused, a "claim" by a party
   that is no armed actor, a doer named by a report that says the attack is unclaimed or that a party
   denied it; a toll the attack's sentences speak of without a figure read,
   a toll stated elsewhere in the article, "casualties" that mix the dead and the wounded. Each doubt
   names its signal and remembers the value it doubts, so the merge can tell whether the record kept it.
2. `merged` (one incident, all its articles): a source's doubt survives when the record kept the value
   it doubts and no other source gave that value without doubt; disagreements between the sources are
   added (dates more than a day apart, kinds of attack, weapons, doers, tolls more than twice apart, a
   source merged with no date at all), and three kinds of weapon or more in the record.
3. `kept_apart` (all incidents): two records that clustering kept apart but may be one attack told twice
   (the same place within a week; a province or country and another place of it within a day): both get
   a `sources` flag. `answered_unplaced`: a record of the day and country of an attack that an article's
   strike answers "in response to" without placing it gets a `sources` flag (that report may be its own).

One entry per field (several reasons are joined), in the order of `FIELDS`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from generator.extract import lexicon as lx
from generator.extract.candidate import Candidate
from generator.extract.sentences import NEWS_WINDOW_DAYS  # how far back a report's relative date may reach
from generator.records.casualties import phrase
from generator.records.format import UNCERTAIN_FIELDS as FIELDS

DOERS = ("perpetrator", "claimed", "accused")
ARMED_KINDS = ("armed_group", "military", "state")
RELATIVE_DAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
                          r"last night|overnight|this morning|tonight)\b", re.I)
UNCLAIMED = re.compile(r"\b(?:no (?:immediate )?claim(?:s)? of responsibility|no (?:one|group) (?:has |had )?"
                       r"(?:yet )?claimed|(?:has|had|have) not (?:yet )?(?:been )?claimed|unclaimed|"
                       r"perpetrators? (?:was|were|is|are|remain(?:s|ed)?) (?:still )?unknown|"
                       r"not immediately clear who)\b", re.I)
# "Casualties" and "victims" count the dead and the hurt together (or either): which one is a guess.
MIXED = re.compile(r"\b(?:casualties|victims)\b", re.I)
EXPLICIT = re.compile(r"\b(?:kill\w*|dead|died|deaths?|wound\w*|injur\w*|hurt)\b", re.I)
KILLED_CUE = re.compile(r"\b(?:killed|killing|dead|died|deaths?|fatalit(?:y|ies)|casualties|lives|slain|"
                        r"death toll|massacred?)\b", re.I)
WOUNDED_CUE = re.compile(r"\b(?:wounded|wounding|injur(?:ed|ies|y|ing)|hurt|casualties|hospitali[sz]ed)\b", re.I)
MERGE_WINDOW_DAYS = 1  # cluster.DAY_SLACK (cluster imports this module)


def doubt(signal: str, field: str, why: str, value=None) -> dict:
    """A source's doubt: the signal that raised it (one reason per signal and field reaches the record),
    the field, the reason as a reader sees it, and the value it doubts."""
    return {"signal": signal, "field": field, "why": why, "value": _key(value)}


def _key(value):
    """A value as plain, comparable data (dates as ISO text, sets as sorted lists)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (set, frozenset, tuple, list)):
        return sorted(_key(v) for v in value)
    if isinstance(value, dict):
        return [value.get("low"), value.get("high")]
    return value


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _names(kb, ids) -> str:
    return ", ".join(kb.actors[a].name if a in kb.actors else str(a) for a in ids)


# --------------------------------------------------------------------------- one article


def candidate_doubts(article, g, sentences, kb, cand: dict, date, how, where, figures) -> list[dict]:
    """What one article's candidate `cand` is unsure of; see the module's docstring. `date` and `how`
    are what `events.group_date` chose, `where` the group's place, `figures` (sentence, figure) pairs."""
    from generator.extract.locate import article_countries

    out: list[dict] = []
    out += _date_doubts(article, g, date, how)
    out += _place_doubts(g, kb, article_countries(sentences, kb), where)
    out += _type_doubts(g, cand["event_type"], cand["weapons"])
    out += _weapon_doubts(cand["weapons"])
    out += _actor_doubts(g, sentences, kb, cand["actors"], cand["claims"], cand["attribution"])
    for kind in ("killed", "wounded"):
        out += _casualty_doubts(kind, g, sentences, figures)
    return out


def _date_doubts(article, g, date, how) -> list[dict]:
    if date is None:
        if article.published is not None and article.published_precision == "day":
            return [doubt("date_publication", "date", "no date in the text: dated by its publication day",
                          article.published)]
        said = next((m.group(0) for s in g.sentences() for m in [RELATIVE_DAY.search(s.news_text)] if m), None)
        if said and article.published is not None:
            return [doubt("date_unresolved", "date", f"'{said}' cannot be resolved: the article gives no "
                                                     f"publication day")]
        return [doubt("date_none", "date", "no date in the text and no publication day")]
    day = date.day or date.latest
    out = []
    if how == "lead":
        out.append(doubt("date_lead", "date", f"no date in the sentences about this attack: the article's main "
                                              f"date ('{date.text}') was used", day))
    elif how == "reported":
        out.append(doubt("date_reported", "date", f"only the day it was reported ('{date.text}'): the attack may "
                                                  f"be earlier", day))
    if date.precision != "day":
        span = (date.latest - date.earliest).days + 1
        out.append(doubt("date_window", "date", f"'{date.text}' gives a window of {span} days", day))
    if date.local_shift:
        out.append(doubt("date_local_time", "date", f"'{date.text}' in the outlet's time: the local date may be "
                                                    f"a day later", day))
    return out


def _place_doubts(g, kb, countries, where) -> list[dict]:
    from generator.extract import locate as loc

    value = where.place_id or where.name
    out = []
    if where.generic:
        out.append(doubt("place_unnamed_site", "place", f"a site the text does not name ('{quote(where.name)}')",
                         value))
    elif where.precision in ("province", "country"):
        out.append(doubt("place_coarse", "place", f"placed only at {where.precision} level ('{where.name}')",
                         value))
    others, unknown, dateline_only, seen_at = [], [], True, False
    for m in g.mentions:
        s = m.sent
        for e in s.ents_in(m.lo, m.hi):
            if loc.ORIGIN_BEFORE.search(s.text[:e.start]):
                continue  # "fired from Lebanon": where it came from
            if e.label == "PLACE" and (loc.is_locative(s, e) or loc.is_site_ent(e, kb)):
                p = loc.choose_place(e, kb, countries)
                if p is None:
                    continue
                if where.place is not None and p.id == where.place.id:
                    seen_at = True
                    dateline_only &= e.start == 0 and bool(loc.DATELINE_AFTER.match(s.text[e.end:]))
                elif loc.place_precision(p) in ("site", "town") and p.name not in others and not (
                        where.place is not None and loc.same_place(p, where.place)):
                    others.append(p.name)
            elif e.label in ("GPE", "LOC", "FAC") and not e.ref and e.text[:1].isupper() \
                    and not loc.REGION.fullmatch(e.text) and loc.is_locative(s, e) \
                    and kb.country_for_name(e.text) is None and e.text not in unknown + [where.name]:
                unknown.append(e.text)  # a name the statistical NER calls a place, the gazetteer lacks
    if others:
        out.append(doubt("place_others", "place", f"other places tied to the attack: {', '.join(others[:3])}",
                         value))
    if unknown:
        out.append(doubt("place_unknown_name", "place", f"names a place the gazetteer lacks: "
                                                        f"{', '.join(unknown[:3])}", value))
    if seen_at and dateline_only and where.place is not None:
        out.append(doubt("place_dateline", "place", f"'{where.name}' only in the dateline, where the story was "
                                                    f"filed", value))
    return out


def _type_doubts(g, etype, weapons) -> list[dict]:
    if etype == "other":
        return [doubt("type_other", "event_type", "the kind of attack is not named", etype)]
    if etype == "attack_on_ship" or any(m.types for m in g.mentions):
        return []
    # No words name the kind of attack ("drone attack", "shelling", "air strike"): it was inferred from
    # a weapon word, which may name what was there rather than what struck, or from "strike" alone.
    label = etype.replace("_", " ")
    if not weapons:
        return [doubt("type_inferred", "event_type", f"no words name the kind of attack: '{label}' inferred "
                                                     f"from 'strike' alone", etype)]
    return [doubt("type_inferred", "event_type", f"no words name the kind of attack: '{label}' inferred from "
                                                 f"the weapons named ({', '.join(sorted(weapons))})", etype)]


def _weapon_doubts(weapons) -> list[dict]:
    if not weapons:
        return [doubt("weapons_none", "weapons", "no weapon named", [])]
    return []  # many weapons: judged on the record, where every source's weapons are together


def _doers(actors) -> list[str]:
    """Who did it by the actors list: actor ids, and "described: ..." for an actor only described."""
    return sorted({_who(a) for a in actors if a.get("role") in DOERS and _who(a)})


def _who(entry: dict) -> str:
    if entry.get("actor"):
        return str(entry["actor"])
    return f"described: {entry['description']}" if entry.get("description") else ""


def _actor_doubts(g, sentences, kb, actors, claims, attribution) -> list[dict]:
    described = [d for d in _doers(actors) if d.startswith("described: ")]
    doers = [d for d in _doers(actors) if not d.startswith("described: ")]
    if not doers:
        # A doer the text describes without naming ("gunmen", "an Iran-backed militia") is what the
        # sources know (ACLED's "unidentified armed group"), not a weakness of the draft.
        if described or any(not c.get("actor") and c.get("description") for c in claims):
            return []
        return [doubt("doer_none", "perpetrator", "no source names who carried it out", "")]
    out = []
    roles: dict[str, set[str]] = {}
    for a in actors:
        roles.setdefault(_who(a), set()).add(a.get("role"))
    for a in doers:
        actor, name = kb.actors.get(a), _names(kb, [a])
        if roles[a] == {"accused"}:
            out.append(doubt("doer_accused_only", "perpetrator", f"{name} only accused, not claimed or confirmed",
                             a))
        if "claimed" in roles[a] and actor is not None and actor.kind not in ARMED_KINDS:
            out.append(doubt("doer_not_armed", "perpetrator", f"the 'claim' comes from {name}, not an armed actor",
                             a))
        if "target" in roles[a]:
            out.append(doubt("doer_also_target", "perpetrator", f"{name} is also named as a target", a))
    texts = [s.news_text for s in g.sentences() + [sentences[c.sentence] for c in g.claims]]
    said = next((m.group(0) for t in texts for m in [UNCLAIMED.search(t)] if m), None)
    if said:
        for a in doers:
            if "claimed" not in roles[a]:
                out.append(doubt("doer_unclaimed", "perpetrator", f"the source says '{said}', yet names "
                                                                  f"{_names(kb, [a])}", a))
    denial = next((m.group(0) for t in texts for m in [lx.DENY.search(t)] if m), None)
    if denial or attribution == "contested":
        out.append(doubt("doer_denied", "perpetrator", f"contested: the report says a party "
                                                       f"{denial or 'disputed it'}", doers))
    return out


def _casualty_doubts(kind, g, sentences, figures) -> list[dict]:
    mine = [(s, f) for s, f in figures if f.kind == kind]
    if not mine:
        # The attack's own sentences speak of the dead (or the hurt), yet no figure was read from them.
        cue = KILLED_CUE if kind == "killed" else WOUNDED_CUE
        said = next((m.group(0) for s in g.sentences() for m in [cue.search(s.news_text)] if m), None)
        if said:
            return [doubt("toll_unread", kind, f"the report speaks of '{said}' but gives no {kind} figure that "
                                               f"was read")]
        # A toll (or "no casualties") the article states in a news sentence tied to no attack.
        own = {s.idx for s, _ in figures} | {s.idx for s in g.sentences()}
        elsewhere = [f for s in sentences if s.idx not in own and not s.background
                     for f in _figures_in(s.news_text) if f.kind == kind]
        if elsewhere:
            return [doubt("toll_elsewhere", kind, f"no figure tied to this attack, but the article says "
                                                  f"'{quote(elsewhere[0].text, 40)}'")]
        return []
    best = max(mine, key=lambda x: (x[1].low, x[1].high is not None, -x[1].start))[1]
    if best.low > 0 and MIXED.search(best.text) and not EXPLICIT.search(best.text):
        return [doubt("toll_mixed", kind, f"'{quote(best.text, 40)}' may count the dead with the wounded",
                      {"low": best.low, "high": best.high})]
    return []


def _figures_in(text: str):
    from generator.extract import casualties as cas

    return cas.find_figures(text)


# --------------------------------------------------------------------------- one incident


def merged(group: list[Candidate], record: dict, kb) -> list[dict]:
    """The record's `uncertain` list from its candidates' doubts and their disagreements."""
    reasons: dict[str, list[str]] = {f: [] for f in FIELDS}
    raised: set[tuple[str, str]] = set()

    def add(field: str, why: str, signal: str | None = None) -> None:
        if why not in reasons[field] and (signal is None or (field, signal) not in raised):
            reasons[field].append(why)
            raised.add((field, signal or why))

    values = {f: _record_values(f, record) for f in FIELDS}
    for c in group:
        for d in c.doubts:
            f = d["field"]
            if _kept(f, d["value"], values[f]) and not _stated_firmly(f, d["value"], c, group):
                add(f, d["why"], d.get("signal"))
    for f, why in _disagreements(group, record, kb):
        add(f, why)
    return flags_from(reasons)


def flags_from(reasons: dict[str, list[str]]) -> list[dict]:
    return [{"field": f, "why": "; ".join(reasons[f])} for f in FIELDS if reasons.get(f)]


def _record_values(field: str, rec: dict) -> list:
    """The values of a record's (or candidate's) field that a doubt may be about."""
    if field == "date":
        return [_key(rec.get("date"))]
    if field == "place":
        loc = rec["location"]
        return [loc.get("place") or loc.get("name")]
    if field == "event_type":
        return [rec["event_type"]]
    if field == "weapons":
        return [_key(rec["weapons"])]
    if field == "perpetrator":
        doers = _doers(rec["actors"])
        return doers + [_key(doers)] if doers else ["", []]
    if field in ("killed", "wounded"):
        figure = (rec.get("casualties") or {}).get(field)
        return [_key(figure) if figure else None]
    return []


def _kept(field: str, value, values: list) -> bool:
    """Did the record keep the value a doubt is about? A toll is kept when it sets a bound of the range."""
    if field in ("killed", "wounded") and isinstance(value, list) and isinstance(values[0], list):
        return value[0] == values[0][0] or (value[1] is not None and value[1] == values[0][1])
    return value in values


def _stated_firmly(field: str, value, cand: Candidate, group: list[Candidate]) -> bool:
    """Does another source give this value without doubting it?"""
    for other in group:
        if other is cand:
            continue
        if value in _record_values(field, other) and not any(
                d["field"] == field and d["value"] == value for d in other.doubts):
            return True
    return False


def _disagreements(group: list[Candidate], record: dict, kb):
    kinds = sorted(set(record["weapons"]) - {"other"})
    if len(kinds) >= 3:
        yield "weapons", f"{len(kinds)} kinds of weapon named ({', '.join(kinds)}): some may belong to other attacks"
    if len(group) < 2:
        return
    days = sorted({c["date"] for c in group if c["date"] is not None})
    if len(days) > 1 and (days[-1] - days[0]).days > 1:  # a day apart is the usual skew of time zones
        yield "date", "sources give dates more than a day apart: " + ", ".join(d.isoformat() for d in days)
    undated = [c.article for c in group if c["date"] is None and c.get("date_earliest") is None]
    if undated:  # nothing in them bounds the date: they joined on place and kind of attack alone
        yield "sources", f"merged with reports that give no date at all: {', '.join(undated)}"
    types = sorted({c["event_type"] for c in group} - {"other"})
    if len(types) > 1:
        yield "event_type", "sources call it differently: " + ", ".join(t.replace("_", " ") for t in types)
    named = [set(c["weapons"]) - {"other"} for c in group if set(c["weapons"]) - {"other"}]
    if len(named) > 1 and not set.intersection(*named):
        told = list(dict.fromkeys(", ".join(sorted(w)) for w in named))
        yield "weapons", "sources name different weapons: " + " / ".join(told)
    doers = {}
    for c in group:
        for a in c["actors"]:
            if a.get("role") in ("perpetrator", "claimed") and a.get("actor"):  # named ones: "gunmen" and
                doers.setdefault(a["actor"], set()).add(c.article)  # a group named elsewhere agree
    if len(doers) > 1 and not _allied(list(doers), kb):
        yield "perpetrator", "sources name different doers: " + _names(kb, sorted(doers))
    for kind in ("killed", "wounded"):
        figures = [r[kind] for r in record["casualty_reports"] if r.get(kind)]
        if len(figures) > 1 and _far_apart(figures):
            yield kind, "sources disagree: " + ", ".join(phrase(f) for f in figures)


def _allied(ids: list[str], kb) -> bool:
    """One actor and its parent or umbrella (the claimant and the group it belongs to) are one doer."""
    if len(ids) != 2:
        return False
    a, b = (kb.actors.get(x) for x in ids)
    return bool(a and b and (b.id in a.affiliations or a.id in b.affiliations))


def _far_apart(figures: list[dict]) -> bool:
    """Tolls that neither overlap nor are within a factor of two: more than a toll rising as it is
    updated (a different count, a different party, or another attack)."""
    low = max(f["low"] for f in figures)
    highs = [f["high"] for f in figures if f["high"] is not None]
    return bool(highs) and low > 2 * max(min(highs), 1)


# --------------------------------------------------------------------------- all incidents


def kept_apart(records: list[dict]) -> None:
    """Flag `sources` on two records that may be one attack told twice: in one country, either at the
    same place within the news window (a relative date resolved differently), or within a day when one
    of them is placed only to its province or country (clustering keeps those apart unless the kind of
    attack agrees). Records are compared only with those of the same place, or of the same country and
    days, so the work grows with the records per place-week, not with their square."""
    by_place: dict[tuple, list[dict]] = {}
    by_country: dict[str, list[dict]] = {}
    for r in records:
        loc = r["location"]
        if not (loc.get("country") and r["date"]):
            continue
        by_country.setdefault(loc["country"], []).append(r)
        if loc.get("place"):
            by_place.setdefault((loc["country"], loc["place"]), []).append(r)
    pairs: list[tuple[dict, dict]] = []
    for key in sorted(by_place):
        recs = sorted(by_place[key], key=lambda r: r["date"])
        for i, a in enumerate(recs):
            for b in recs[i + 1:]:
                if (b["date"] - a["date"]).days > NEWS_WINDOW_DAYS:
                    break
                pairs.append((a, b))
    for country in sorted(by_country):
        recs = sorted(by_country[country], key=lambda r: r["date"])
        days = [r["date"] for r in recs]
        for a in recs:
            if a["location"].get("precision") not in ("province", "country", "unknown"):
                continue
            lo = bisect.bisect_left(days, a["date"] - dt.timedelta(days=MERGE_WINDOW_DAYS))
            hi = bisect.bisect_right(days, a["date"] + dt.timedelta(days=MERGE_WINDOW_DAYS))
            pairs.extend((a, b) for b in recs[lo:hi] if b is not a)
    seen: set[tuple[int, int]] = set()
    for a, b in pairs:
        if (id(a), id(b)) in seen or (id(b), id(a)) in seen:
            continue
        seen.add((id(a), id(b)))
        for x, y in ((a, b), (b, a)):
            where = y["location"].get("name") or y["location"]["country"]
            add_flag(x, "sources", f"a report of {where} on {y['date'].isoformat()} was kept apart as another "
                                    f"record")


def answered_unplaced(records: list[dict], candidates: list[Candidate]) -> None:
    """Flag `sources` on a record that an article may also report without citing it: the article leads
    with a strike "in response to" an attack of that day it does not place, in a country the clause
    names or qualifies ("an attack on a Turkish company on Wednesday"); a record of that country and
    day may be the attack answered, which its report then did not join."""
    by_country: dict[str, list[dict]] = {}
    for r in records:
        if r["location"].get("country") and r["date"]:
            by_country.setdefault(r["location"]["country"], []).append(r)
    for c in sorted(candidates, key=lambda c: c.article):
        for answer in c.answers:
            day = dt.date.fromisoformat(answer["date"])
            for iso in answer["countries"]:
                for r in by_country.get(iso, []):
                    if abs((r["date"] - day).days) > MERGE_WINDOW_DAYS or any(
                            x["article"] == c.article for x in r["sources"]):
                        continue
                    words = quote(answer["text"]).replace(";", ",")
                    add_flag(r, "sources", f"{c.article} answers an attack of {answer['date']} it does not "
                                            f"place ({words}): it may report this one")


def add_flag(record: dict, field: str, why: str) -> None:
    flags = record.setdefault("uncertain", [])
    entry = next((f for f in flags if f["field"] == field), None)
    if entry is None:
        flags.append({"field": field, "why": why})
        flags.sort(key=lambda f: FIELDS.index(f["field"]))
    elif why not in entry["why"]:
        entry["why"] += "; " + why
