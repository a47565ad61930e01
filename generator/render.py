"""Render stage: records -> every generated page of the site as `relpath -> text`, touching no file.

Templates (`templates/*.j2`) own the presentation; `generator.views` computes what they show. The
Jinja environment is strict (a missing value is an error, not an empty string) and does not
autoescape, because the output is Markdown: every untrusted value goes through an explicit filter
(`md`, `attr`, `link`, `yaml`, see `generator.textsafe`). Tables, lists of incidents and source lists
are raw HTML blocks (Python-Markdown passes them through instead of parsing them, which is most of
the site build's time at scale): their values go through `h` / `hlink`, and their internal links are
computed here as relative `.html` URLs (`use_directory_urls: false`), since MkDocs rewrites and
checks only Markdown links; `tests/test_render.py` checks every such href. Output is deterministic: records are
sorted, nothing depends on the clock, the machine or the order files were read.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from generator import textsafe
from generator.views import Site, page_slug


def make_env(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown output; escaping is explicit, per value, via the filters below
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update({
        "md": textsafe.md,
        "attr": textsafe.attr,
        "url": textsafe.safe_url,
        "link": textsafe.link,
        "yaml": textsafe.yaml_str,
        "plain": textsafe.text_plain,
        "h": textsafe.html,
        "hlink": textsafe.html_link,
        "coord": lambda v: f"{v:.4f}",
    })
    return env


def render_site(incidents: dict, actors: dict, places: dict, *, templates_dir: Path, tick=None) -> dict[str, str]:
    """Every generated page and download, keyed by path relative to `briefs/`."""
    from generator import charts, exports

    site = Site(incidents, actors, places)
    env = make_env(Path(templates_dir))
    out: dict[str, str] = {}

    def put(relpath: str, template: str, **context: object) -> None:
        if relpath in out:  # two ids slugged alike would silently overwrite one another
            raise ValueError(f"two records render to the same page {relpath}")
        out[relpath] = env.get_template(template).render(**context)

    rows = [site.incident_row(i) for i in site.order]
    search_entries = []
    for inc in site.order:
        view = site.incident_view(inc)
        put(f"incidents/{page_slug(inc.get('id'))}.md", "incident.md.j2", i=view)
        search_entries.append(search_entry(view))
        if tick is not None:
            tick.update(1)
    for inc in site.order:
        # A renamed record keeps its old address working (DESIGN.md: former_ids -> redirect).
        for old in sorted({str(o) for o in inc.get("former_ids") or [] if o is not None}):
            rel = f"incidents/{page_slug(old)}.md"
            if old != str(inc.get("id")) and rel not in out and str(old) not in site.incidents:
                put(rel, "redirect.md.j2", old=old, row=site.incident_row(inc))
    actor_views = [site.actor_view(aid, a) for aid, a in sorted(site.actors.items())]
    place_views = [site.place_view(pid, p) for pid, p in sorted(site.places.items())]
    for view in actor_views:
        put(f"actors/{view['page']}.md", "actor.md.j2", a=view)
    for view in place_views:
        put(f"places/{view['page']}.md", "place.md.j2", p=view)
    stats = charts.stats(site)
    put("index.md", "home.md.j2", stats=stats, latest=rows[:10],
        chart=charts.weekly_svg(stats["weeks"]))
    put("incidents/index.md", "incidents_index.md.j2", rows=rows)
    put("actors/index.md", "actors_index.md.j2", groups=_group(actor_views, "kind"),
        countries=_group(actor_views, "country"))
    put("places/index.md", "places_index.md.j2", groups=_group(place_views, "country"))
    put("timeline.md", "timeline.md.j2", months=_by_month(rows))
    put("map.md", "map.md.j2", rows=[r for r in rows if r["coords"]],
        unlocated=[r for r in rows if not r["coords"]])
    put("downloads/index.md", "downloads.md.j2", acled=exports.ACLED_MAPPING, columns=exports.CSV_COLUMNS,
        count=len(rows))
    out.update(exports.render_downloads(site))
    out[SEARCH_ENTRIES] = json.dumps(search_entries, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    return out


# Incident pages are left out of Material's search plugin (parsing thousands of them is a fifth of a
# large build) and indexed from this file instead: one short entry a page, written by the MkDocs hook.
# A dot file: MkDocs neither builds nor copies it.
SEARCH_ENTRIES = ".search-incidents.json"
SEARCH_TEXT_CHARS = 900


def search_entry(view: dict) -> dict:
    """What search should find an incident by: its bottom line, when, what, where, who, and its sources."""
    parts = [view["summary"], view["date"], view["event_type"], ", ".join(
        x for x in (view["location_name"] or view["place"]["name"], view["admin1"], view["country"]) if x)]
    for group in view["actor_groups"]:
        parts.append(f"{group['label']}: " + ", ".join(a["name"] for a in group["actors"]))
    parts.append("Sources: " + ", ".join(s["outlet"] or s["title"] for s in view["sources"]))
    text = " ".join(p.strip() for p in parts if p and p.strip())
    if len(text) > SEARCH_TEXT_CHARS:
        cut = text.rfind(" ", 0, SEARCH_TEXT_CHARS)
        text = text[:cut if cut > 0 else SEARCH_TEXT_CHARS] + " …"
    return {"location": f"incidents/{view['page']}.html", "title": view["title"], "text": text}


def _group(views: list[dict], key: str) -> list[dict]:
    """Views grouped by `key` (kind, country), groups and members sorted by name."""
    groups: dict[str, list[dict]] = {}
    for v in views:
        groups.setdefault(v[key] or "Unknown", []).append(v)
    return [{"name": g, "members": sorted(groups[g], key=lambda v: (v["name"].lower(), v["id"]))}
            for g in sorted(groups, key=lambda g: (g == "Unknown", g.lower()))]


def _by_month(rows: list[dict]) -> list[dict]:
    months: dict[str, list[dict]] = {}
    for r in rows:
        months.setdefault(r["day"][:7] if r["day"] else "Undated", []).append(r)
    return [{"month": m, "label": _month_label(m), "rows": months[m]} for m in months]


def _month_label(month: str) -> str:
    if month == "Undated":
        return month
    import calendar

    year, mon = month.split("-")
    return f"{calendar.month_name[int(mon)]} {year}"
