"""Cluster: incident candidates from many articles -> one incident per real attack.

Candidates are blocked by country and date (only those within `DAY_SLACK` days of each other are ever
compared), so the work grows with the number of candidates per country-week, not with the square of
the corpus. Two candidates merge when their places agree (the same place, places within
`SAME_PLACE_KM`, or one only a province or country that holds the other) and their event types or
weapons agree. Candidates from one article never merge with each other: the article kept them apart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from generator.extract import uncertain
from generator.extract.candidate import Candidate
from generator.extract.locate import REGION_KM, SAME_PLACE_KM, distance_km
from generator.records.casualties import span_reports
from generator.records.kb import KnowledgeBase
from generator.records.summaries import describe
from generator.records.vocabulary import DATE_RANK, geo_rank

DAY_SLACK = 1
TYPE_FAMILY = {"drone_attack": "aerial", "rocket_attack": "aerial", "missile_attack": "aerial",
               "air_strike": "aerial", "shelling": "aerial", "bombing": "ground", "armed_clash": "ground",
               "assassination": "ground", "attack_on_ship": "sea", "other": "ground"}


def _km(a: dict, b: dict) -> float:
    return distance_km(a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon"))


def _dates_fit(a: Candidate, b: Candidate) -> bool:
    if a["date"] is None or b["date"] is None:
        lo_a, hi_a = a.get("date_earliest"), a.get("date_latest")
        lo_b, hi_b = b.get("date_earliest"), b.get("date_latest")
        if None in (lo_a, hi_a, lo_b, hi_b):
            return True
        return lo_a <= hi_b + dt.timedelta(days=DAY_SLACK) and lo_b <= hi_a + dt.timedelta(days=DAY_SLACK)
    if abs((a["date"] - b["date"]).days) <= DAY_SLACK:
        return True
    # A window ("over the last 24 hours", "last week") may still hold the other's day.
    return (a["date_earliest"] <= b["date"] <= a["date_latest"] or b["date_earliest"] <= a["date"] <= b["date_latest"])


def _places_fit(a: Candidate, b: Candidate) -> float | None:
    la, lb = a["location"], b["location"]
    if la["country"] and lb["country"] and la["country"] != lb["country"]:
        return None
    if la["place"] and la["place"] == lb["place"]:
        return 3.0
    pa, pb = geo_rank(la["precision"]), geo_rank(lb["precision"])
    if pa == 0 and pb == 0 and la["place"] and lb["place"]:
        return None  # two different named sites
    if pa <= 2 and pb <= 2:
        return 2.0 if _km(la, lb) <= SAME_PLACE_KM else None
    # One side names only a province or a country: it may hold the other.
    if la.get("admin1") and lb.get("admin1") and la["admin1"] != lb["admin1"]:
        return None
    if min(pa, pb) <= 2 and max(pa, pb) == 3 and (
            (la.get("admin1") and la.get("admin1") == lb.get("admin1")) or _km(la, lb) <= REGION_KM):
        return 2.0  # the same place at another level: a town or a site and the province around it
    return 1.0


def pair_score(a: Candidate, b: Candidate) -> float | None:
    if a.article == b.article:
        return None
    if not _dates_fit(a, b):
        return None
    place = _places_fit(a, b)
    if place is None:
        return None
    same_type = a["event_type"] == b["event_type"]
    family = TYPE_FAMILY.get(a["event_type"]) == TYPE_FAMILY.get(b["event_type"]) or (
        place >= 2 and "other" in (a["event_type"], b["event_type"]))  # "other": the type was not told
    weapons = bool(set(a["weapons"]) & set(b["weapons"]))
    if not (same_type or family or weapons):
        return None
    if place < 2 and not (same_type or weapons):
        return None
    return place + same_type + 0.5 * weapons + 0.5 * (a["date"] == b["date"])


def cluster(candidates: list[Candidate]) -> list[list[Candidate]]:
    """Groups of candidates, each one incident, in a deterministic order."""
    cands = sorted(candidates, key=_order_key)
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(cands):
        blocks[c["location"]["country"] or ""].append(i)
    pairs: list[tuple[float, int, int]] = []
    for members in blocks.values():
        members.sort(key=lambda i: (cands[i]["date_latest"] or dt.date.min, i))
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                a, b = cands[i], cands[j]
                if a["date_latest"] and b["date_earliest"] and b["date_earliest"] - a["date_latest"] > dt.timedelta(days=9):
                    break
                s = pair_score(a, b)
                if s is not None:
                    pairs.append((s, i, j))
    parent = list(range(len(cands)))
    articles = [{c.article} for c in cands]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj and not articles[ri] & articles[rj]:
            parent[rj] = ri
            articles[ri] |= articles[rj]

    # Dated candidates with a named place first; a vague one (no day of its own, or only a province or a
    # country) then joins at most one cluster, the one it fits best, so that it never chains incidents
    # of different days or places into one.
    undated = {i for i, c in enumerate(cands) if _vague(c)}
    ranked = sorted(pairs, key=lambda p: (-p[0], p[1], p[2]))
    for _, i, j in ranked:
        if i not in undated and j not in undated:
            join(i, j)
    dated_root = {find(i) for i in range(len(cands)) if i not in undated}
    joined: set[int] = set()  # vague candidates now in a cluster of precise ones
    for _, i, j in ranked:
        u, d = (i, j) if i in undated else (j, i)
        if u not in undated or d in undated or u in joined:
            continue
        root = find(d)
        if root in dated_root and not articles[root] & articles[find(u)]:
            join(root, u)
            joined.add(u)
    # Vague candidates that joined no such cluster may still be one incident among themselves.
    for _, i, j in ranked:
        if i in undated and j in undated and i not in joined and j not in joined:
            join(i, j)
    groups: dict[int, list[Candidate]] = defaultdict(list)
    for i, c in enumerate(cands):
        groups[find(i)].append(c)
    return sorted(groups.values(), key=lambda g: _order_key(g[0]))


def _vague(c: Candidate) -> bool:
    """A candidate that fits many incidents: no day of its own, or placed only at a province or country."""
    return c["date"] is None or geo_rank(c["location"]["precision"]) >= 3 and \
        c["location"]["precision"] != "sea"


def _order_key(c: Candidate):
    return (c["date"] or dt.date.max, c["location"]["country"] or "", c["location"]["place"] or "",
            c.article, c["location"]["name"] or "")


# --------------------------------------------------------------------------- merging


def merge(group: list[Candidate], kb: KnowledgeBase) -> dict:
    """Several articles' candidates for one incident -> one draft record."""
    group = sorted(group, key=lambda c: c.article)
    by_date = sorted(group, key=lambda c: (c.anchor, DATE_RANK.get(c["date_precision"], 5), c.article))
    dated = by_date[0]
    # The most precise place; at one precision, the place most reports give (outlets that name another town
    # name where officials spoke or a namesake), then a named village or venue over the town it is in.
    agree = Counter(c["location"]["place"] for c in group)
    by_place = sorted(group, key=lambda c: (geo_rank(c["location"]["precision"]), -agree[c["location"]["place"]],
                                            not c.venue, c.article))
    location = dict(by_place[0]["location"])
    types = [c["event_type"] for c in group]
    etype = max(sorted(set(types)), key=lambda t: (types.count(t), t != "other"))
    weapons = sorted({w for c in group for w in c["weapons"]})
    from generator.extract.actors import actor_key, actor_sort

    actors: dict[tuple[str, str], dict] = {}
    for c in group:
        for a in c["actors"]:
            entry = actors.setdefault(actor_key(a), {k: v for k, v in a.items() if k != "sources"} | {"sources": []})
            entry["sources"] = sorted(set(entry["sources"]) | set(a["sources"]))
    claimed = {a for a, r in actors if r == "claimed"}
    # An unnamed perpetrator ("Iran-backed militias") that another source names is the named one.
    named = any("actor" in v and v["role"] in ("perpetrator", "claimed") for v in actors.values())
    actor_list = sorted((v for (a, r), v in actors.items() if not (r == "accused" and a in claimed)
                         and not (named and "description" in v and r == "perpetrator")), key=actor_sort)
    claims = [cl for c in group for cl in c["claims"]]
    if any(cl["actor"] for cl in claims):
        # An unnamed claimant that another source names is the same claim, named.
        claims = [cl for cl in claims if cl["actor"] or not cl["description"]] + \
                 [cl for cl in claims if not cl["actor"] and cl["description"]]
    reports = [r for c in group for r in c["casualty_reports"]]
    casualties = {"killed": span_reports([r["killed"] for r in reports]),
                  "wounded": span_reports([r["wounded"] for r in reports])}
    sources = sorted((s for c in group for s in c["sources"]), key=lambda s: s["article"])
    official = any(c["occurrence"] == "confirmed" for c in group)
    occurrence = "confirmed" if official or len({c.article for c in group}) >= 2 else "reported"
    from generator.extract.article import _attribution

    record = {
        "id": None,
        "former_ids": [],
        "title": None,
        "summary": None,
        "date": dated["date"],
        "date_earliest": max([c["date_earliest"] for c in group if c["date_earliest"]], default=None),
        "date_latest": min([c["date_latest"] for c in group if c["date_latest"]], default=None),
        "date_precision": dated["date_precision"],
        "date_basis": dated["date_basis"],
        "event_type": etype,
        "weapons": weapons,
        "munitions": [m for c in group for m in c["munitions"]],
        "location": location,
        "part_of": None,
        "actors": actor_list,
        "occurrence": occurrence,
        "attribution": _attribution(actor_list, claims, denied=any(c["attribution"] == "contested" for c in group)),
        "claims": claims,
        "casualty_reports": reports,
        "casualties": casualties,
        "sources": sources,
        "context": [],
        "related": [],
        "review": "draft",
    }
    if record["date_earliest"] and record["date_latest"] and record["date_earliest"] > record["date_latest"]:
        record["date_earliest"], record["date_latest"] = dated["date_earliest"], dated["date_latest"]
    if record["date"] and record["date_earliest"] and not (record["date_earliest"] <= record["date"] <= record["date_latest"]):
        record["date_earliest"] = min(record["date_earliest"], record["date"])
        record["date_latest"] = max(record["date_latest"], record["date"])
    record["uncertain"] = uncertain.merged(group, record, kb)
    record["title"], record["summary"] = describe(record, kb)
    return record


def join_answered(records: list[dict], candidates: list[Candidate], kb: KnowledgeBase) -> None:
    """An article that leads with a strike "in response to" an attack it dates but does not place ("in
    retaliation for a terror attack on a Turkish company on Wednesday") reports that attack too. When
    the drafts hold exactly one record in a country the clause names or qualifies, within a day of the
    date, and that record is of that very day, the article becomes one of its sources, with the clause
    as evidence and a flag saying how it was joined. Any other case (no record, several, another day)
    is left to `uncertain.answered_unplaced`, which only flags."""
    by_country: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        if r["location"].get("country") and r["date"]:
            by_country[r["location"]["country"]].append(r)
    for c in sorted(candidates, key=lambda c: c.article):
        for answer in c.answers or []:
            day = dt.date.fromisoformat(answer["date"])
            near = {id(r): r for iso in answer["countries"] for r in by_country.get(iso, [])
                    if abs((r["date"] - day).days) <= DAY_SLACK}
            if len(near) != 1:
                continue
            (r,) = near.values()
            if r["date"] != day or any(s["article"] == c.article for s in r["sources"]):
                continue
            own = c["sources"][0]
            r["sources"] = sorted(r["sources"] + [dict(own, evidence=[{"text": answer["text"], "supports": ["date"]}])],
                                  key=lambda s: s["article"])
            uncertain.add_flag(r, "sources", f"{c.article} cited for the attack of {answer['date']} its strike "
                                              f"answers without placing it ({uncertain.quote(answer['text'])})")
            r["title"], r["summary"] = describe(r, kb)
