"""Period briefs: a page per ISO week and per calendar month, computed from the records alone.

Each brief states key takeaways as template sentences filled with figures computed here (never free
prose), each citing the incidents it counts: incidents and deaths against the previous period, by
country and by event type; the deadliest incidents; actors seen and claims made for the first time;
contested attributions; and what changed since the previous brief (sources published in the period
about incidents of earlier periods, and the figures they changed). Then a chart of incidents per day
and the list of the period's incidents.

An incident belongs to a period when everything its record says of its date lies in that period: its
day (`date_precision: day`), or its whole window (`date_earliest` to `date_latest`). An incident dated
only to a window that spans two periods is in neither (a weekly count cannot honestly include it), and
the month brief says so when a window is the reason. A period without incidents has no page. Figures
are lower bounds (the low end of each casualty range; a figure not stated counts as none), as on the
home page. Output depends on the records alone: sorted, no clock.

Period pages are rendered on every render, as the other site-wide pages: a period page can show any
incident (first appearances and new sources reach back in time), and tracking which pages one edit
touches would cost more than rendering them (bench/README.md, period briefs).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections import Counter, defaultdict

from generator.records.casualties import bounds, phrase
from generator.records.vocabulary import EVENT_LABELS, ROLE_LABELS
from generator.site import charts
from generator.site.values import as_date, as_dict, as_list, country_name
from generator.site.views import RELATING_ROLES, Site

CITE_MAX = 8  # cite markers after one sentence; beyond, the sentence points at the list below
BREAKDOWN_MAX = 6  # countries or event types stated one by one; the rest are counted together
DEADLIEST_MAX = 3
CLAIM_ROLES = ("claimed",)


# ------------------------------------------------------------------------------------------- periods

@functools.lru_cache(maxsize=None)
def week_key(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


@functools.lru_cache(maxsize=None)
def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def period_bounds(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the week (Monday to Sunday) or month holding `day`."""
    if kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_key(kind: str, day: dt.date) -> str:
    return week_key(day) if kind == "week" else month_key(day)


def period_label(kind: str, start: dt.date, end: dt.date) -> str:
    if kind == "month":
        return f"{calendar.month_name[start.month]} {start.year}"
    iso = start.isocalendar()
    return f"Week {iso.week} of {iso.year} ({day_range(start, end)})"


def day_range(start: dt.date, end: dt.date) -> str:
    """`22–28 January 2024`, `29 January – 4 February 2024`, `30 December 2024 – 5 January 2025`."""
    if start.year != end.year:
        return f"{start.day} {calendar.month_name[start.month]} {start.year} – " \
               f"{end.day} {calendar.month_name[end.month]} {end.year}"
    if start.month != end.month:
        return f"{start.day} {calendar.month_name[start.month]} – {end.day} {calendar.month_name[end.month]} {end.year}"
    return f"{start.day}–{end.day} {calendar.month_name[end.month]} {end.year}"


def span(inc: dict) -> tuple[dt.date, dt.date] | None:
    """The first and last day the incident can have happened on, or None when either is unknown."""
    day = as_date(inc.get("date"))
    if day is not None and inc.get("date_precision") == "day":
        return day, day
    early = as_date(inc.get("date_earliest")) or day
    late = as_date(inc.get("date_latest")) or day
    if early is None or late is None or early > late:
        return None
    return early, late


# ------------------------------------------------------------------------------------------ wording

def count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


toll = bounds  # a casualty figure as (low, high), high None when open; None when not stated


def _low(inc: dict, key: str) -> int:
    figure = toll(as_dict(inc.get("casualties")).get(key))
    return figure[0] if figure else 0


def _compare(now: int, before: int, kind: str | None = None) -> str:
    """`up from 2`, `down from 3`, `up from none`, or the same count: `as in the previous week`
    (`unchanged` without the period)."""
    if now == before:
        return f"as in the previous {kind}" if kind else "unchanged"
    since = f" in the previous {kind}" if kind else ""
    return f"{'up' if now > before else 'down'} from {before or 'none'}{since}"


def _at_least(total: int, verb: str, nothing: str, people: bool = False) -> str:
    """A period's sum of lower bounds: `at least 3 killed`, or `nothing` (`no deaths recorded`) for 0."""
    return phrase((total, None), verb, people) if total else nothing


# ------------------------------------------------------------------------------------------ briefs

class Periods:
    """Every week and month brief of a site; `rows` are the incidents' `Site.incident_row`s by id."""

    def __init__(self, site: Site, rows: dict[str, dict] | None = None):
        self.site, self.rows = site, rows or {}
        self.spans = {iid: span(inc) for iid, inc in site.incidents.items()}
        self.members: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.wide: dict[str, list[dict]] = defaultdict(list)  # month -> incidents whose window spans weeks
        dated = sorted((s[0], iid) for iid, s in self.spans.items() if s is not None)
        for _, iid in dated:
            inc, s = site.incidents[iid], self.spans[iid]
            for kind, key in own_periods(s):
                self.members[(kind, key)].append(inc)
            if month_key(s[0]) == month_key(s[1]) and week_key(s[0]) != week_key(s[1]):
                self.wide[month_key(s[0])].append(inc)
        self._first: dict[str, tuple] = {}
        self._lows: dict[str, dict[str, int]] = {}
        self._roles: dict[str, list[tuple[str, str]]] = {}
        # Sources by the period they were published in: (incident, source) pairs.
        self.published: dict[tuple[str, str], list[tuple[dict, dict]]] = defaultdict(list)
        for iid, inc in sorted(site.incidents.items()):
            for src in as_list(inc.get("sources")):
                day = as_date(as_dict(src).get("published"))
                if day is not None:
                    for kind in ("week", "month"):
                        self.published[(kind, period_key(kind, day))].append((inc, as_dict(src)))

    def low(self, inc: dict, key: str) -> int:
        """`_low` of the incident's figure, once per incident (briefs add the same figures many times)."""
        iid = str(inc.get("id"))
        if iid not in self._lows:
            self._lows[iid] = {k: _low(inc, k) for k in ("killed", "wounded")}
        return self._lows[iid][key]

    def roles(self, inc: dict) -> list[tuple[str, str]]:
        iid = str(inc.get("id"))
        if iid not in self._roles:
            self._roles[iid] = self._actor_roles(inc)
        return self._roles[iid]

    def first(self, aid: str) -> tuple[dt.date | None, dt.date | None]:
        """The first day `aid` took part in an attack, and made a claim (`first_days`), cached."""
        if aid not in self._first:
            self._first[aid] = first_days(self.site, aid)
        return self._first[aid]

    @staticmethod
    def _actor_roles(inc: dict) -> list[tuple[str, str]]:
        """(actor id, role) of every named actor of `inc`; a claim counts as the role `claimed`."""
        out = {(str(as_dict(e).get("actor")), str(as_dict(e).get("role") or ""))
               for e in as_list(inc.get("actors")) if as_dict(e).get("actor") is not None}
        out |= {(str(as_dict(c).get("actor")), "claimed")
                for c in as_list(inc.get("claims")) if as_dict(c).get("actor") is not None}
        return sorted(out)

    def keys(self, kind: str) -> list[str]:
        """Periods of `kind` that have incidents, oldest first."""
        return sorted(k for (kd, k) in self.members if kd == kind)

    def summaries(self, kind: str) -> list[dict]:
        """What the periods index shows of each period of `kind`, newest first."""
        out = []
        for key in reversed(self.keys(kind)):
            incs = self.members[(kind, key)]
            start, end = period_bounds(kind, self.spans[str(incs[0].get("id"))][0])
            out.append({"key": key, "page": key, "label": period_label(kind, start, end),
                        "incidents": len(incs), "killed": sum(self.low(i, "killed") for i in incs),
                        "wounded": sum(self.low(i, "wounded") for i in incs)})
        return out

    def view(self, kind: str, key: str) -> dict:
        """The brief of one period: takeaway sections, chart and incident list."""
        incs = self.members[(kind, key)]
        start, end = period_bounds(kind, self.spans[str(incs[0].get("id"))][0])
        prev_start, prev_end = period_bounds(kind, start - dt.timedelta(days=1))
        prev_key = period_key(kind, prev_start)
        before = self.members.get((kind, prev_key), [])
        rows = [dict(self.rows[str(i.get("id"))], number=n) for n, i in enumerate(incs, 1)]
        numbered = {r["id"]: r for r in rows}
        ctx = _Context(kind, numbered)
        keys = self.keys(kind)
        at = keys.index(key)
        days = Counter(self.spans[str(i.get("id"))][0] for i in incs)
        chart_days = [(start + dt.timedelta(days=d), days.get(start + dt.timedelta(days=d), 0))
                      for d in range((end - start).days + 1)]
        sections = [
            {"title": "Overall", "lines": self._overall(ctx, incs, before)},
            {"title": "By country", "lines": self._breakdown(ctx, incs, before, _country, "Country not stated",
                                                              ("country", "countries"))},
            {"title": "By type of attack", "lines": self._breakdown(ctx, incs, before, _event_type, "Type not stated",
                                                                      ("type", "types"))},
            {"title": "Deadliest incidents", "lines": self._deadliest(ctx, incs)},
            {"title": "Actors", "lines": self._actors(ctx, incs, start, end)},
            {"title": "Contested attributions", "lines": self._contested(ctx, incs)},
            {"title": f"Since the last {kind}'s brief", "lines": self._since(ctx, kind, key, start)},
        ]
        return {
            "kind": kind, "key": key, "page": key, "label": period_label(kind, start, end),
            "start": start.isoformat(), "end": end.isoformat(),
            "previous": {"label": period_label(kind, prev_start, prev_end), "key": prev_key},
            "older": self._link(kind, keys[at - 1]) if at else None,
            "newer": self._link(kind, keys[at + 1]) if at + 1 < len(keys) else None,
            "sections": [dict(s, id="brief-" + s["title"].split("'")[0].lower().replace(" ", "-"))
                         for s in sections if s["lines"]],
            "chart": charts.weekly_svg(chart_days, unit="day"),
            "rows": rows,
            "wide": len(self.wide.get(key, [])) if kind == "month" else 0,
        }

    def _link(self, kind: str, key: str) -> dict:
        start, end = period_bounds(kind, self.spans[str(self.members[(kind, key)][0].get("id"))][0])
        return {"page": key, "label": period_label(kind, start, end).split(" (")[0]}

    # -- takeaways: each a list of parts (text, an incident, an actor) and the incidents it cites --

    def _overall(self, ctx: "_Context", incs: list[dict], before: list[dict]) -> list[dict]:
        n, m = len(incs), len(before)
        items = [ctx.sentence(f"{count(n, 'incident')} this {ctx.kind}, {_compare(n, m, ctx.kind)}.", cites=incs)]
        killed, wounded = (sum(self.low(i, k) for i in incs) for k in ("killed", "wounded"))
        killed0, wounded0 = (sum(self.low(i, k) for i in before) for k in ("killed", "wounded"))
        tolled = [i for i in incs if self.low(i, "killed") or self.low(i, "wounded")]
        tolled.sort(key=lambda i: (-self.low(i, "killed"), -self.low(i, "wounded"), ctx.number(i)))
        if killed or wounded or killed0 or wounded0:
            now = "No deaths or injuries recorded" if not (killed or wounded) else \
                f"{_at_least(killed, 'killed', 'no deaths recorded', people=True)} and " \
                f"{_at_least(wounded, 'wounded', 'no injuries recorded')}"
            then = f"{phrase(killed0, 'killed') if killed0 else 'no deaths'} and " \
                f"{phrase(wounded0, 'wounded') if wounded0 else 'no injuries'}" if killed0 or wounded0 else "none"
            items.append(ctx.sentence(f"{now[:1].upper()}{now[1:]}, against {then} in the previous {ctx.kind}.",
                                      cites=tolled))
        else:
            items.append(ctx.sentence(f"No deaths or injuries recorded, as in the previous {ctx.kind}."))
        unstated = sum(1 for i in incs if toll(as_dict(i.get("casualties")).get("killed")) is None)
        if unstated:
            which = f"{count(unstated, 'incident')} of {n}" if unstated < n else \
                "the incident" if n == 1 else f"any of the {n} incidents"
            items.append(ctx.sentence(
                f"No death toll is stated for {which}.",
                cites=[i for i in incs if toll(as_dict(i.get("casualties")).get("killed")) is None]))
        return items

    def _breakdown(self, ctx: "_Context", incs: list[dict], before: list[dict], key, unknown: str,
                   noun: tuple[str, str]) -> list[dict]:
        now: dict[str, list[dict]] = defaultdict(list)
        then: dict[str, list[dict]] = defaultdict(list)
        for i in incs:
            now[key(i) or unknown].append(i)
        for i in before:
            then[key(i) or unknown].append(i)
        if len(set(now) | set(then)) < 2:
            return []  # one country (or type) in both periods: the overall figures say it all
        order = sorted(set(now) | set(then), key=lambda g: (-len(now.get(g, [])), -len(then.get(g, [])),
                                                            g == unknown, g.lower(), g))
        items = []
        for name in order[:BREAKDOWN_MAX]:
            a, b = now.get(name, []), then.get(name, [])
            killed, killed0 = sum(self.low(i, "killed") for i in a), sum(self.low(i, "killed") for i in b)
            deaths = (f"; {_at_least(killed, 'killed', 'no deaths recorded')}, against {killed0 or 'none'}"
                      if killed or killed0 else f"; no deaths recorded in either {ctx.kind}")
            items.append(ctx.sentence(f"{name}: {count(len(a), 'incident')}, {_compare(len(a), len(b))}{deaths}.",
                                      cites=a))
        rest = order[BREAKDOWN_MAX:]
        if rest:
            a = [i for g in rest for i in now.get(g, [])]
            b = [i for g in rest for i in then.get(g, [])]
            items.append(ctx.sentence(f"{count(len(rest), 'other ' + noun[0], 'other ' + noun[1])}: "
                                      f"{count(len(a), 'incident')}, against {len(b) or 'none'}.", cites=a))
        return items

    def _deadliest(self, ctx: "_Context", incs: list[dict]) -> list[dict]:
        killed = [i for i in incs if self.low(i, "killed") > 0]
        killed.sort(key=lambda i: (-self.low(i, "killed"), ctx.number(i)))
        items = []
        for inc in killed[:DEADLIEST_MAX]:
            row = ctx.row(inc)
            parts: list = [{"incident": row}, f" ({row['place']['name']}, {row['date']}): "
                           f"{phrase(as_dict(inc.get('casualties')).get('killed'), 'killed')}"]
            wounded = toll(as_dict(inc.get("casualties")).get("wounded"))
            if wounded and (wounded[0] or wounded[1]):  # `up to 5 wounded` too, never `no one wounded`
                parts.append(f", {phrase(wounded, 'wounded')}")
            parts.append(".")
            items.append(ctx.parts(parts, cites=[inc]))
        return items

    def _actors(self, ctx: "_Context", incs: list[dict], start: dt.date, end: dt.date) -> list[dict]:
        roles: dict[str, set[str]] = defaultdict(set)
        seen_in: dict[str, list[dict]] = defaultdict(list)
        claims_in: dict[str, list[dict]] = defaultdict(list)
        for inc in incs:
            for aid, role in self.roles(inc):
                if role in RELATING_ROLES:
                    roles[aid].add(role)
                    if not seen_in[aid] or seen_in[aid][-1] is not inc:
                        seen_in[aid].append(inc)
                if role in CLAIM_ROLES and (not claims_in[aid] or claims_in[aid][-1] is not inc):
                    claims_in[aid].append(inc)
        items = []
        for aid in sorted(seen_in, key=lambda a: (self.site.actor_ref(a)["name"].lower(), a)):
            if start <= (self.first(aid)[0] or dt.date.min) <= end:
                named = ", ".join(ROLE_LABELS.get(r, r).lower() for r in RELATING_ROLES if r in roles[aid])
                items.append(ctx.parts([{"actor": self.site.actor_ref(aid)},
                                        f" appears for the first time ({named}), in "
                                        f"{count(len(seen_in[aid]), 'incident')}."], cites=seen_in[aid]))
        for aid in sorted(claims_in, key=lambda a: (self.site.actor_ref(a)["name"].lower(), a)):
            if start <= (self.first(aid)[1] or dt.date.min) <= end:
                items.append(ctx.parts([{"actor": self.site.actor_ref(aid)},
                                        f" claims responsibility for the first time, for "
                                        f"{count(len(claims_in[aid]), 'incident')}."], cites=claims_in[aid]))
        return items

    def _contested(self, ctx: "_Context", incs: list[dict]) -> list[dict]:
        items = []
        for inc in incs:
            if inc.get("attribution") != "contested":
                continue
            by_role: dict[str, list[dict]] = defaultdict(list)
            for aid, role in self.roles(inc):
                if role in ("perpetrator", "claimed", "accused"):
                    by_role[role].append(self.site.actor_ref(aid))
            parts: list = [{"incident": ctx.row(inc)}, ": attribution contested"]
            sep = " ("
            for role in ("perpetrator", "claimed", "accused"):
                if by_role[role]:
                    parts.append(f"{sep}{ROLE_LABELS[role].lower()}: ")
                    for n, ref in enumerate(sorted(by_role[role], key=lambda r: (r["name"].lower(), str(r["id"])))):
                        parts += [", "] if n else []
                        parts.append({"actor": ref})
                    sep = "; "
            parts.append(")." if sep == "; " else ".")
            items.append(ctx.parts(parts, cites=[inc]))
        return items

    def _since(self, ctx: "_Context", kind: str, key: str, start: dt.date) -> list[dict]:
        """Sources published in this period about incidents of earlier periods, and the casualty
        figures they give that no source published before this period gave."""
        fresh: dict[str, list[dict]] = defaultdict(list)
        for inc, src in self.published.get((kind, key), []):
            s = self.spans[str(inc.get("id"))]
            if s is not None and s[1] < start:
                fresh[str(inc.get("id"))].append(src)
        items = []
        for iid in sorted(fresh, key=lambda i: (self.spans[i][0], i)):
            inc, sources = self.site.incidents[iid], fresh[iid]
            outlets = sorted({str(s.get("outlet") or s.get("title") or s.get("article")) for s in sources},
                             key=lambda o: (o.lower(), o))
            row = self.rows[iid]
            items.append(ctx.parts([f"{count(len(sources), 'new source')} on ", {"incident": row},
                                    f" ({row['date']}): {', '.join(outlets)}."]))
            published = {str(as_dict(s).get("article")): as_date(as_dict(s).get("published"))
                         for s in as_list(inc.get("sources"))}
            new = {str(s.get("article")) for s in sources}
            reports = [as_dict(r) for r in as_list(inc.get("casualty_reports"))]
            for field, noun in (("killed", "killed"), ("wounded", "wounded")):
                earlier = {toll(r.get(field)) for r in reports if str(r.get("source")) not in new
                           and (published.get(str(r.get("source"))) or dt.date.max) < start} - {None}
                if not earlier:
                    continue
                shown = set()
                for r in reports:
                    figure = toll(r.get(field))
                    if str(r.get("source")) in new and figure is not None and figure not in earlier \
                            and figure not in shown:
                        shown.add(figure)
                        source = next((s for s in sources if str(s.get("article")) == str(r.get("source"))), {})
                        who = str(r.get("according_to") or source.get("outlet") or r.get("source"))
                        was = " or ".join(phrase(f) for f in sorted(earlier, key=lambda f: (f[0], f[1] or -1)))
                        items.append(ctx.parts(["Figures changed for ", {"incident": row},
                                                f": {phrase(figure, noun)} according to {who}, where earlier "
                                                f"sources gave {was}."]))
        return items


class _Context:
    """Sentence building for one brief: incidents cited by their number in the brief's list."""

    def __init__(self, kind: str, numbered: dict[str, dict]):
        self.kind, self.numbered = kind, numbered

    def number(self, inc: dict) -> int:
        return self.numbered[str(inc.get("id"))]["number"]

    def row(self, inc: dict) -> dict:
        return self.numbered[str(inc.get("id"))]

    def sentence(self, text: str, cites: list[dict] = ()) -> dict:
        return self.parts([text], cites)

    def parts(self, parts: list, cites: list[dict] = ()) -> dict:
        rows = sorted((self.row(i) for i in cites), key=lambda r: r["number"])
        # `h` trims the text it escapes: the spaces around a text part are kept apart
        return {"parts": [{"text": p, "lead": p[:1] == " ", "trail": p[-1:] == " "} if isinstance(p, str) else p
                          for p in parts],
                "cites": rows[:CITE_MAX], "more": max(0, len(rows) - CITE_MAX)}


def _country(inc: dict) -> str:
    return country_name(as_dict(inc.get("location")).get("country"))


def _event_type(inc: dict) -> str:
    value = inc.get("event_type")
    return EVENT_LABELS.get(value, str(value)) if value else ""


def own_periods(s: tuple[dt.date, dt.date] | None) -> list[tuple[str, str]]:
    """(kind, key) of the week and month an incident of span `s` belongs to, when it belongs to one."""
    if s is None:
        return []
    return [(kind, period_key(kind, s[0])) for kind in ("week", "month")
            if period_key(kind, s[0]) == period_key(kind, s[1])]


def first_days(site: Site, aid: str) -> tuple[dt.date | None, dt.date | None]:
    """The first day actor `aid` took part in an attack (a role of `RELATING_ROLES`, or a claim) and the
    first day it claimed one, over every incident whose date is known to the day or window."""
    seen = claim = None
    pairs = [(inc, role) for inc, role in site.by_actor.get(aid, [])]
    pairs += [(inc, "claimed") for inc, _ in site.claims_by_actor.get(aid, [])]
    for inc, role in pairs:
        s = span(inc)
        if s is None:
            continue
        if role in RELATING_ROLES and (seen is None or s[0] < seen):
            seen = s[0]
        if role in CLAIM_ROLES and (claim is None or s[0] < claim):
            claim = s[0]
    return seen, claim


def touched(inc: dict) -> set[str]:
    """The periods whose brief shows something of `inc` alone: its own (week and month), the next
    ones (which compare against it), and those its sources were published in (new sources)."""
    out = set()
    s = span(inc)
    for kind, key in own_periods(s):
        out |= {key, period_key(kind, period_bounds(kind, s[1])[1] + dt.timedelta(days=1))}
    for src in as_list(inc.get("sources")):
        day = as_date(as_dict(src).get("published"))
        if day is not None:
            out |= {week_key(day), month_key(day)}
    return out


def period_keys(site: Site) -> set[str]:
    """Every period that has a brief."""
    return {key for inc in site.incidents.values() for _, key in own_periods(span(inc))}


def pages_showing(old: Site, new: Site, changed: list[str]) -> set[str] | None:
    """The period briefs (keys) that can differ when the incidents `changed` went from `old` to `new`
    and nothing else changed, or None when every brief must be rendered again: when a brief comes or
    goes (its neighbours' links change). Besides the periods each version of an incident touches, an
    actor's first appearance or first claim can move: the periods of its old and new first day."""
    keys = period_keys(new)
    if period_keys(old) != keys:
        return None
    shown: set[str] = set()
    actors: set[str] = set()
    for site in (old, new):
        for iid in changed:
            inc = site.incidents[iid]
            shown |= touched(inc)
            actors |= {aid for aid, _ in Periods._actor_roles(inc)}
    for site in (old, new):
        for aid in sorted(actors):
            for day in first_days(site, aid):
                if day is not None:
                    shown |= {week_key(day), month_key(day)}
    return shown & keys
