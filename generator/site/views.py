"""What the templates show, computed from the records: one plain view dict per page, no Markdown.

Records are curated by people and may be incomplete or point at actors and places that do not exist
yet, so every field is read defensively and a dangling reference becomes plain text, not a link.
Everything derived across records (reverse affiliations, related incidents, co-actors, statistics)
is computed here, at render time, so records never have to keep it in sync.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict

from generator.records.format import ROLES
from generator.records.kbrecords import record_from_kb
from generator.records.vocabulary import ACTOR_KIND_LABELS, EVENT_LABELS, ROLE_LABELS
from generator.site.values import as_date, as_dict, as_list, country_name, date_text, figure, incident_date, page_slug, range_text, sort_key_newest, tag_anchor, toll_text, uncertain_view

RELATED_WINDOW_DAYS = 28  # "within weeks": incidents four weeks apart are still one campaign's
RELATED_MAX = 6
# Roles that make an actor part of an attack (related incidents, period briefs): reporters and commenters
# appear everywhere, and sharing one says nothing about two incidents.
RELATING_ROLES = ("perpetrator", "claimed", "accused", "target")


class Site:
    """The whole site's views, built once from the records; templates read its attributes."""

    def __init__(self, incidents: dict, actors: dict, places: dict):
        self.incidents = {str(k): v for k, v in incidents.items() if isinstance(v, dict)}
        self.actors = {str(k): v for k, v in actors.items() if isinstance(v, dict)}
        self.places = {str(k): v for k, v in places.items() if isinstance(v, dict)}
        self.order = sorted(self.incidents.values(), key=sort_key_newest)
        self._index()

    # -- cross-record indexes ------------------------------------------------------------------

    def _index(self) -> None:
        self.by_actor: dict[str, list[tuple[dict, str]]] = defaultdict(list)
        self.by_place: dict[str, list[dict]] = defaultdict(list)
        self.claims_by_actor: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
        self.reverse_affiliations: dict[str, set[str]] = defaultdict(set)
        for inc in self.order:
            for entry in as_list(inc.get("actors")):
                aid = as_dict(entry).get("actor")
                if aid is not None:
                    self.by_actor[str(aid)].append((inc, str(as_dict(entry).get("role") or "")))
            pid = self.place_id(inc)
            if pid is not None:
                self.by_place[pid].append(inc)
            for claim in as_list(inc.get("claims")):
                aid = as_dict(claim).get("actor")
                if aid is not None:
                    self.claims_by_actor[str(aid)].append((inc, claim))
        self.related_by: dict[str, set[str]] = defaultdict(set)  # id -> incidents naming it in `related`
        for inc in self.order:
            for rid in as_list(inc.get("related")):
                self.related_by[str(rid)].add(str(inc.get("id")))
        for aid, actor in sorted(self.actors.items()):
            for other in as_list(actor.get("affiliations")):
                self.reverse_affiliations[str(other)].add(aid)

    def place_id(self, inc: dict) -> str | None:
        pid = as_dict(inc.get("location")).get("place")
        return None if pid is None else str(pid)

    # -- links -----------------------------------------------------------------------------------

    def actor_ref(self, aid: object, description: object = None) -> dict:
        """`{name, page}`: page is None for an actor missing from records/actors (plain text); an actor the
        sources only describe ("gunmen") is `unidentified`, named by its description."""
        if aid is None:
            return {"id": None, "name": str(description or "unnamed"), "page": None, "unidentified": True}
        actor = self.actors.get(str(aid))
        if actor is None:  # no page: an actor no incident names (a parent group), by its knowledge-base name
            known = record_from_kb("actors", str(aid))
            name = known.get("name") if known else None
            return {"id": str(aid), "name": str(name or aid), "page": None, "unidentified": False}
        return {"id": str(aid), "name": str(actor.get("name") or aid), "page": page_slug(aid), "unidentified": False}

    def place_ref(self, inc: dict) -> dict:
        loc = as_dict(inc.get("location"))
        pid = self.place_id(inc)
        place = self.places.get(pid) if pid is not None else None
        name = (place or {}).get("name") or loc.get("name") or "unknown place"
        return {"id": pid, "name": str(name), "page": page_slug(pid) if place is not None else None}

    def coords(self, inc: dict) -> tuple[float, float] | None:
        """The incident's point: the place record's coordinates win over the copies in the incident."""
        loc = as_dict(inc.get("location"))
        pid = self.place_id(inc)
        place = self.places.get(pid) if pid is not None else None
        for src in (place or {}, loc):
            lat, lon = src.get("lat"), src.get("lon")
            if _is_num(lat) and _is_num(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
                return float(lat), float(lon)
        return None

    def incident_row(self, inc: dict) -> dict:
        """The short form of an incident used in every table and list."""
        loc = as_dict(inc.get("location"))
        return {
            "id": str(inc.get("id")), "page": page_slug(inc.get("id")),
            "title": str(inc.get("title") or inc.get("id")), "date": date_text(inc),
            "day": (incident_date(inc) or "").__str__(),
            "event_type": EVENT_LABELS.get(inc.get("event_type"), str(inc.get("event_type") or "unknown")),
            "place": self.place_ref(inc), "country": country_name(loc.get("country")),
            "killed": range_text(as_dict(inc.get("casualties")).get("killed")),
            "wounded": range_text(as_dict(inc.get("casualties")).get("wounded")),
            "killed_n": figure(as_dict(inc.get("casualties")).get("killed")),
            "wounded_n": figure(as_dict(inc.get("casualties")).get("wounded")),
            "toll": toll_text(inc.get("casualties")),
            "actors": self.row_actors(inc),  # names, "; " between them
            "occurrence": str(inc.get("occurrence") or "unknown"),
            "attribution": str(inc.get("attribution") or "unknown"),
            "coords": self.coords(inc),
        }

    def row_actors(self, inc: dict) -> str:
        """The actors a table names for an incident (who acted, claimed, was accused or targeted), once
        each, in the record's order; reporters and commenters are left to the incident's page."""
        out: list[str] = []
        for entry in (as_dict(e) for e in as_list(inc.get("actors"))):
            if entry.get("role") in ("reporter", "commenter"):
                continue
            name = self.actor_ref(entry.get("actor"), entry.get("description"))["name"]
            if name not in out:
                out.append(name)
        return "; ".join(out)

    # -- incident pages --------------------------------------------------------------------------

    def incident_view(self, inc: dict) -> dict:
        sources = [as_dict(s) for s in as_list(inc.get("sources"))]
        numbers = {str(s.get("article")): n for n, s in enumerate(sources, 1)}

        def cite(article: object) -> dict:
            return {"article": str(article), "number": numbers.get(str(article))}

        loc = as_dict(inc.get("location"))
        groups: dict[str, list[dict]] = defaultdict(list)
        for entry in as_list(inc.get("actors")):
            entry = as_dict(entry)
            ref = self.actor_ref(entry.get("actor"), entry.get("description"))
            ref["cites"] = [cite(a) for a in as_list(entry.get("sources"))]
            groups[str(entry.get("role") or "other")].append(ref)
        role_order = list(ROLES) + sorted(set(groups) - set(ROLES))
        casualties = as_dict(inc.get("casualties"))
        view = self.incident_row(inc)
        view.update({
            "summary": str(inc.get("summary") or ""),
            "precision": str(inc.get("date_precision") or "unknown"),
            "basis": str(inc.get("date_basis") or ""),
            "weapons": [str(w) for w in as_list(inc.get("weapons"))],
            "munitions": [{
                "weapon": str(as_dict(m).get("weapon") or "unknown"),
                "count": _num_text(as_dict(m).get("count")),
                "intercepted": _num_text(as_dict(m).get("intercepted")),
                "impacted": _num_text(as_dict(m).get("impacted")),
                "cite": cite(as_dict(m).get("source")),
            } for m in as_list(inc.get("munitions"))],
            "location_name": str(loc.get("name") or ""),
            "admin1": str(loc.get("admin1") or ""),
            "geo_precision": str(loc.get("precision") or "unknown"),
            "actor_groups": [{"role": r, "label": ROLE_LABELS.get(r, r.replace("_", " ").capitalize()),
                              "actors": sorted(groups[r], key=lambda a: a["name"].lower())}
                             for r in role_order if groups.get(r)],
            "claims": [{
                "by": self.actor_ref(as_dict(c).get("actor"), as_dict(c).get("description")),
                "text": str(as_dict(c).get("text") or ""), "cite": cite(as_dict(c).get("source")),
            } for c in as_list(inc.get("claims"))],
            "killed_text": range_text(casualties.get("killed")),
            "wounded_text": range_text(casualties.get("wounded")),
            "casualty_reports": [{
                "cite": cite(as_dict(r).get("source")),
                "according_to": str(as_dict(r).get("according_to") or ""),
                "party": str(as_dict(r).get("party") or ""),
                "killed": range_text(as_dict(r).get("killed")),
                "wounded": range_text(as_dict(r).get("wounded")),
            } for r in as_list(inc.get("casualty_reports"))],
            "sources": [{
                "number": n, "article": str(s.get("article")),
                "title": str(s.get("title") or s.get("article") or ""),
                "outlet": str(s.get("outlet") or ""), "url": s.get("url"),
                "published": (as_date(s.get("published")) or "").__str__(),
                "evidence": [{"text": str(as_dict(e).get("text") or ""),
                              "supports": [str(x) for x in as_list(as_dict(e).get("supports"))]}
                             for e in as_list(s.get("evidence"))],
            } for n, s in enumerate(sources, 1)],
            "context": [{"text": str(as_dict(c).get("text") or ""), "cite": cite(as_dict(c).get("source"))}
                        for c in as_list(inc.get("context"))],
            "related": [self.incident_row(r) for r in self.related(inc)],
            "review": str(inc.get("review") or "draft"),
            "uncertain": uncertain_view(inc),
            "tags": [{"name": t, "anchor": tag_anchor(t)} for t in (view["event_type"], view["country"]) if t],
        })
        return view

    def related(self, inc: dict) -> list[dict]:
        """Incidents at the same place or with the same actors within a few weeks, plus `related`.

        Candidates come from per-place and per-actor lists sorted by day and cut by bisection to the
        window, so the cost grows with the neighbours, not with the square of all incidents.
        """
        own = str(inc.get("id"))
        scores: Counter[str] = Counter()
        day = incident_date(inc)
        for key, others in self._candidates(inc):
            for other in others:
                if str(other.get("id")) != own:
                    scores[str(other.get("id"))] += 2 if key[0] == "place" else 1
        for rid in as_list(inc.get("related")):
            if str(rid) in self.incidents and str(rid) != own:
                scores[str(rid)] += 10  # a person said so: always shown, first

        def rank(rid: str) -> tuple:
            other_day = incident_date(self.incidents[rid])
            gap = abs((other_day - day).days) if day and other_day else 10**6
            return (-scores[rid], gap, rid)

        return [self.incidents[r] for r in sorted(scores, key=rank)[:RELATED_MAX]]

    def _candidates(self, inc: dict) -> list[tuple[tuple[str, str], list[dict]]]:
        """`(key, incidents)` for each place or relating actor of `inc`: the incidents sharing that key
        within the window around its day (none for an undated incident). The relation is symmetric:
        `a` is among the candidates of `b` exactly when `b` is among those of `a`."""
        day = incident_date(inc)
        if day is None:
            return []
        keys = [("place", self.place_id(inc))] if self.place_id(inc) is not None else []
        keys += sorted({("actor", str(as_dict(e).get("actor"))) for e in as_list(inc.get("actors"))
                        if as_dict(e).get("actor") is not None and as_dict(e).get("role") in RELATING_ROLES})
        return [(key, self._window(key, day)) for key in keys]

    def pages_showing(self, inc: dict) -> tuple[set[str], set[str], set[str]]:
        """The incident, actor and place pages that show something of `inc` (besides the site-wide
        pages): its own page, the pages that can list it as related, and its actors' and place's."""
        iid = str(inc.get("id"))
        incidents = {iid} | {str(o.get("id")) for _, others in self._candidates(inc) for o in others}
        incidents |= self.related_by.get(iid, set())
        actors = {str(as_dict(e).get("actor")) for key in ("actors", "claims") for e in as_list(inc.get(key))
                  if as_dict(e).get("actor") is not None}
        places = {self.place_id(inc)} - {None}
        return incidents, actors, places

    def _window(self, key: tuple[str, str], day: dt.date) -> list[dict]:
        cache = self.__dict__.setdefault("_windows", {})
        if key not in cache:
            if key[0] == "place":
                items = self.by_place.get(key[1], [])
            else:
                items = [i for i, role in self.by_actor.get(key[1], []) if role in RELATING_ROLES]
            dated = sorted({id(i): i for i in items if incident_date(i)}.values(),
                           key=lambda i: (incident_date(i), str(i.get("id"))))
            cache[key] = ([incident_date(i).toordinal() for i in dated], dated)
        days, dated = cache[key]
        lo = bisect.bisect_left(days, day.toordinal() - RELATED_WINDOW_DAYS)
        hi = bisect.bisect_right(days, day.toordinal() + RELATED_WINDOW_DAYS)
        return dated[lo:hi]

    # -- actor and place pages -------------------------------------------------------------------

    def actor_summary(self, aid: str, actor: dict) -> dict:
        """What the actors index shows of an actor; `actor_view` is a superset."""
        return {
            "id": aid, "page": page_slug(aid), "name": str(actor.get("name") or aid),
            "aliases": sorted({str(a) for a in as_list(actor.get("aliases")) if a}, key=lambda a: (a.lower(), a)),
            "kind": ACTOR_KIND_LABELS.get(actor.get("kind"), str(actor.get("kind") or "unknown")),
            "country": country_name(actor.get("country")),
            "incident_count": len({id(inc) for inc, _ in self.by_actor.get(aid, [])}),
        }

    def actor_view(self, aid: str, actor: dict) -> dict:
        roles: dict[str, list[str]] = defaultdict(list)
        seen: dict[str, dict] = {}
        for inc, role in self.by_actor.get(aid, []):
            iid = str(inc.get("id"))
            seen.setdefault(iid, inc)
            if role and role not in roles[iid]:
                roles[iid].append(role)
        rows = []
        for inc in sorted(seen.values(), key=sort_key_newest):
            row = self.incident_row(inc)
            row["roles"] = ", ".join(ROLE_LABELS.get(r, r) for r in sorted(roles[row["id"]], key=_role_rank))
            rows.append(row)
        co = Counter()
        for inc in seen.values():
            for other in {str(as_dict(e).get("actor")) for e in as_list(inc.get("actors"))
                          if as_dict(e).get("actor") is not None}:
                if other != aid:
                    co[other] += 1
        days = sorted(d for d in (incident_date(i) for i in seen.values()) if d)
        statements = [self._statement(inc, claim) for inc, claim in
                      sorted(self.claims_by_actor.get(aid, []), key=lambda p: sort_key_newest(p[0]))]
        by_role = [(incident_date(inc), role) for inc, role in self.by_actor.get(aid, [])]
        return dict(self.actor_summary(aid, actor), **{
            "activity": monthly_counts(days),
            "roles_over_time": _roles_over_time(by_role, lambda role: role, days),
            "statement_count": len(statements), "statements": statements[:STATEMENTS_MAX],
            "description": str(actor.get("description") or ""),
            "affiliations": [self.actor_ref(a) for a in sorted({str(a) for a in as_list(actor.get("affiliations"))})],
            "affiliated": [self.actor_ref(a) for a in sorted(self.reverse_affiliations.get(aid, ()))],
            "incidents": rows,
            "co_actors": [dict(self.actor_ref(a), count=n)
                          for a, n in sorted(co.items(), key=lambda p: (-p[1], p[0]))[:10]],
            "first_seen": days[0].isoformat() if days else "", "last_seen": days[-1].isoformat() if days else "",
        })

    def place_summary(self, pid: str, place: dict) -> dict:
        """What the places index shows of a place; `place_view` is a superset."""
        lat, lon = place.get("lat"), place.get("lon")
        coords = (float(lat), float(lon)) if _is_num(lat) and _is_num(lon) else None
        return {
            "id": pid, "page": page_slug(pid), "name": str(place.get("name") or pid),
            "aliases": sorted({str(a) for a in as_list(place.get("aliases")) if a}, key=lambda a: (a.lower(), a)),
            "kind": str(place.get("kind") or "unknown").replace("_", " "),
            "admin1": str(place.get("admin1") or ""), "country": country_name(place.get("country")),
            "coords": coords, "incident_count": len(self.by_place.get(pid, [])),
        }

    def place_view(self, pid: str, place: dict) -> dict:
        incidents = self.by_place.get(pid, [])
        days = sorted(d for d in (incident_date(i) for i in incidents) if d)
        met: dict[str, Counter] = defaultdict(Counter)  # actor id -> role -> incidents here
        counts: Counter[str] = Counter()  # actor id -> incidents here
        pairs = []
        for inc in incidents:
            entries = sorted({(str(as_dict(e).get("actor")), str(as_dict(e).get("role") or ""))
                              for e in as_list(inc.get("actors")) if as_dict(e).get("actor") is not None})
            counts.update({aid for aid, _ in entries})
            for aid, role in entries:
                met[aid][role] += 1
                pairs.append((incident_date(inc), (role, aid)))
        statements = [self._statement(inc, claim) for inc in incidents for claim in as_list(inc.get("claims"))]
        return dict(self.place_summary(pid, place),
                    incidents=[self.incident_row(i) for i in incidents],
                    activity=monthly_counts(days),
                    roles_over_time=_roles_over_time(pairs, lambda pair: pair[0], days,
                                                     name=lambda pair: self.actor_ref(pair[1])),
                    actors=[dict(self.actor_ref(aid), count=counts[aid], roles=", ".join(
                        ROLE_LABELS.get(r, r) for r in sorted(met[aid], key=_role_rank)))
                        for aid in sorted(met, key=lambda a: (-counts[a], a))][:CO_ACTORS_MAX],
                    statement_count=len(statements), statements=statements[:STATEMENTS_MAX])

    def _statement(self, inc: dict, claim: object) -> dict:
        """A claim (or denial) as an actor or place page quotes it: who, what, on which incident, via which source."""
        claim = as_dict(claim)
        source = next((as_dict(s) for s in as_list(inc.get("sources"))
                       if str(as_dict(s).get("article")) == str(claim.get("source"))), {})
        return {"incident": self.incident_row(inc), "text": str(claim.get("text") or ""),
                "by": self.actor_ref(claim.get("actor"), claim.get("description")),
                "outlet": str(source.get("outlet") or ""),
                "title": str(source.get("title") or claim.get("source") or ""), "url": source.get("url")}


STATEMENTS_MAX = 10  # the latest statements an actor or place page quotes
CO_ACTORS_MAX = 10
PERIOD_MONTHS_MAX = 24  # activity spanning more months is tabulated by year


def monthly_counts(days: list[dt.date]) -> list[tuple[dt.date, int]]:
    """Incidents per month from the first month of `days` to the last, empty months included."""
    if not days:
        return []
    counts = Counter(d.replace(day=1) for d in days)
    month, last, out = min(counts), max(counts), []
    while month <= last:
        out.append((month, counts.get(month, 0)))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def _roles_over_time(items: list, role_of, days: list[dt.date], name=None) -> dict:
    """Roles per period (month, or year when the activity spans more than two years), newest first.

    `items` are `(day, item)` pairs; `role_of(item)` is the item's role. Without `name`, a cell counts
    the items of its role; with it, a cell lists the distinct `name(item)` refs of its role (each with
    its count)."""
    by_year = bool(days) and (days[-1].year - days[0].year) * 12 + days[-1].month - days[0].month >= PERIOD_MONTHS_MAX
    cells: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for day, item in items:
        role = role_of(item)
        if role not in RELATING_ROLES:
            continue
        period = "undated" if day is None else str(day.year) if by_year else day.isoformat()[:7]
        cells[period][role][item if name else role] += 1
    roles = [r for r in RELATING_ROLES if any(r in c for c in cells.values())]
    rows = []
    for period in sorted(cells, key=lambda p: (p != "undated", p), reverse=True):
        row = []
        for role in roles:
            got = cells[period].get(role, Counter())
            if name is None:
                row.append({"count": sum(got.values()), "refs": []})
            else:
                refs = [dict(name(item), count=n) for item, n in got.items()]
                row.append({"count": sum(got.values()),
                            "refs": sorted(refs, key=lambda r: (-r["count"], r["name"].lower(), r["id"] or ""))})
        rows.append({"period": period, "cells": row})
    return {"unit": "year" if by_year else "month", "roles": [ROLE_LABELS[r] for r in roles], "rows": rows}


def _is_num(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _num_text(value: object) -> str:
    return str(value) if _is_num(value) else "–"


def _role_rank(role: str) -> tuple:
    return (ROLES.index(role) if role in ROLES else len(ROLES), role)
