"""Render stage: records -> every generated page of the site as `relpath -> text`, touching no file.

Templates (`templates/*.j2`) own the presentation; `generator.site.views` computes what they show. The
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
import re
from pathlib import Path

import jinja2

from generator import textsafe
from generator.records.vocabulary import MONTH_NUMBER
from generator.site.values import as_list, page_slug, tag_anchor
from generator.site.views import Site


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
        "attr": textsafe.html,
        "yaml": textsafe.yaml_str,
        "plain": textsafe.text_plain,
        "h": textsafe.html,
        "hlink": textsafe.html_link,
        "coord": lambda v: f"{v:.4f}",
    })
    return env


class Selection:
    """Which record pages a render produces: every one (`Selection.everything()`), or, for an
    incremental render (`generator.site.render`), the pages a set of changed records can show on. The
    site-wide pages (home, indexes, timeline, map, downloads, search entries) are always produced."""

    def __init__(self, incidents: set[str] | None, actors: set[str] | None, places: set[str] | None,
                 periods: set[str] | None = None):
        self.incidents, self.actors, self.places = incidents, actors, places
        self.periods = periods  # period briefs by key; None: every one

    @classmethod
    def everything(cls) -> "Selection":
        return cls(None, None, None)

    @property
    def full(self) -> bool:
        return self.incidents is None

    def wants(self, kind: str, rid: str) -> bool:
        """Whether the page of record `rid` of `kind` (incidents, actors, places) is to be produced."""
        chosen = getattr(self, kind)
        return chosen is None or rid in chosen


def render_site(incidents: dict, actors: dict, places: dict, *, templates_dir: Path, tick=None,
                selection: Selection | None = None, fragments: dict | None = None,
                site: Site | None = None, history: dict[str, int] | None = None,
                review: list | None = None) -> dict[str, str]:
    """Every generated page and download, keyed by path relative to `briefs/`.

    With a `selection`, only the record pages it names are produced (plus every site-wide page), and
    `fragments` must hold, for every incident left out, the per-incident pieces of the downloads and
    the search entries as the last render made them (`incident_fragments`); the pieces of the
    incidents rendered now are put into `fragments`, so the caller can keep them for next time.
    `site` is the `Site` of these records when the caller has made it already (with the actors and
    places of `kbrecords.shown_entities`); `history` maps an incident id to when its file last changed
    (`history.incident_times`: the feed's `updated`). `review` is the review page's list
    (`review.review_items`, which the caller makes with the records' files and the generator's memory);
    by default it is made from the incidents alone (drafts, with their files named after their ids)."""
    from generator.site import charts, exports, periods

    selection = selection or Selection.everything()
    fragments = {} if fragments is None else fragments
    if site is None:  # only the actors and places an incident names, from the knowledge base when no file has them
        from generator.records.kbrecords import shown_entities

        site = Site(incidents, *shown_entities(incidents, actors, places))
    env = make_env(Path(templates_dir))
    out: dict[str, str] = {}

    def put(relpath: str, template: str, **context: object) -> None:
        if relpath in out:  # two ids slugged alike would silently overwrite one another
            raise ValueError(f"two records render to the same page {relpath}")
        out[relpath] = env.get_template(template).render(**context)

    rows = [site.incident_row(i) for i in site.order]
    for inc in site.order:
        iid = str(inc.get("id"))
        if not selection.wants("incidents", iid):
            continue
        view = site.incident_view(inc)
        put(f"incidents/{page_slug(inc.get('id'))}.md", "incident.md.j2", i=view)
        fragments[iid] = incident_fragments(site, inc, view, (history or {}).get(iid))
        if tick is not None:
            tick.update(1)
    for inc in site.order:
        if not selection.wants("incidents", str(inc.get("id"))):
            continue
        # A renamed record keeps its old address working (`former_ids`: a redirect page at each old id).
        for old in sorted({str(o) for o in as_list(inc.get("former_ids")) if o is not None}):
            rel = f"incidents/{page_slug(old)}.md"
            if old != str(inc.get("id")) and rel not in out and str(old) not in site.incidents:
                put(rel, "redirect.md.j2", old=old, row=site.incident_row(inc))
    for aid, actor in sorted(site.actors.items()):
        if selection.wants("actors", aid):
            view = site.actor_view(aid, actor)
            put(f"actors/{page_slug(aid)}.md", "actor.md.j2", a=view, chart=charts.monthly_svg(view["activity"]))
    for pid, place in sorted(site.places.items()):
        if selection.wants("places", pid):
            view = site.place_view(pid, place)
            put(f"places/{page_slug(pid)}.md", "place.md.j2", p=view, chart=charts.monthly_svg(view["activity"]))
    actor_summaries = [site.actor_summary(aid, a) for aid, a in sorted(site.actors.items())]
    place_summaries = [site.place_summary(pid, p) for pid, p in sorted(site.places.items())]
    stats = charts.stats(site)
    # Period briefs: those an incremental render's incidents can show on (`periods.pages_showing`).
    briefs = periods.Periods(site, {r["id"]: r for r in rows})
    for kind in ("week", "month"):
        for key in briefs.keys(kind):
            if selection.wants("periods", key):
                put(f"periods/{key}.md", "period.md.j2", p=briefs.view(kind, key))
    put("periods/index.md", "periods_index.md.j2", weeks=briefs.summaries("week"),
        months=briefs.summaries("month"))
    weeks = briefs.keys("week")
    put("index.md", "home.md.j2", stats=stats, latest=rows[:10], chart=charts.weekly_svg(stats["weeks"]),
        brief=briefs.view("week", weeks[-1]) if weeks else None)
    put("incidents/index.md", "incidents_index.md.j2", rows=rows)
    put("actors/index.md", "actors_index.md.j2", groups=_group(actor_summaries, "kind"),
        countries=_group(actor_summaries, "country"))
    put("places/index.md", "places_index.md.j2", groups=_group(place_summaries, "country"))
    put("timeline.md", "timeline.md.j2", months=_by_month(rows))
    put("tags.md", "tags.md.j2", kinds=_by_tag(rows))
    put("map.md", "map.md.j2", rows=[r for r in rows if r["coords"]],
        unlocated=[r for r in rows if not r["coords"]])
    if review is None:
        from generator.records.review import review_items

        review = review_items(site.incidents)
    waiting = [item for item in review if item.id in site.incidents]
    put("review.md", "review.md.j2", total=len(waiting),
        items=[{"item": item, "row": site.incident_row(site.incidents[item.id])}
               for item in waiting[:REVIEW_PAGE_MAX]])
    put("downloads/index.md", "downloads.md.j2", acled=exports.ACLED_MAPPING, columns=exports.CSV_SPEC,
        weapon_coded=exports.WEAPON_CODED, count=len(rows))
    pieces = [fragments[str(inc.get("id"))] for inc in site.order]
    out.update(exports.render_downloads(site, pieces))
    out[SEARCH_ENTRIES] = json.dumps([p["search"] for p in pieces], ensure_ascii=False, indent=0,
                                     sort_keys=True) + "\n"
    return out


def render_problem_pages(problems: list, records_shown: str, templates_dir: Path) -> dict[str, str]:
    """A page in place of each record file that has problems (`errors.Problem`, paths relative to the
    records folder, which messages name `records_shown`), listing them: under `mkdocs serve`, the
    address of a record that stopped reading shows why instead of a 404."""
    from generator.records.io import KINDS

    by_file: dict[str, list[str]] = {}
    for p in problems:
        by_file.setdefault(p.path, []).append(f"{records_shown}/{p}")
    template = make_env(Path(templates_dir)).get_template("problem.md.j2")
    out = {}
    for rel in sorted(by_file):
        kind, _, name = rel.partition("/")
        if kind in KINDS and name.endswith(".yaml"):
            out[f"{kind}/{page_slug(name[:-len('.yaml')])}.md"] = template.render(
                path=f"{records_shown}/{rel}", problems=by_file[rel])
    return out


def incident_fragments(site: Site, inc: dict, view: dict, changed: int | None = None) -> dict:
    """The parts of the site-wide files that come from one incident alone: its search entry and its
    piece of every download. They depend on the incident, its actors' and place's records and the
    generator's code, which is what an incremental render keeps them by, and on `changed` (when the
    record's file last changed, `history.incident_times`)."""
    from generator.site import exports

    return dict(exports.incident_pieces(site, inc, changed), search=search_entry(view))


# Site-wide pages that exist only while they have incidents (a period brief): an incremental render
# adds and removes them (generator.site.render).
PAGES_COMING_AND_GOING = ("periods/",)


# Incident pages are left out of Material's search plugin (parsing thousands of them is a fifth of a
# large build) and indexed from this file instead: one short entry a page, written by the MkDocs hook.
# A dot file: MkDocs neither builds nor copies it.
# The review page lists the newest drafts only: it is a work queue, and a page of every draft of a large
# corpus (3 MB at 7,800 drafts) is slow to build and unusable on a phone. `python -m generator review`
# lists them all.
REVIEW_PAGE_MAX = 300
SEARCH_ENTRIES = ".search-incidents.json"
SEARCH_TEXT_CHARS = 900  # an entry's text at most (and the compacted actor and place entries', mkdocs/hooks.py)


def search_entry(view: dict) -> dict:
    """What search should find an incident by: its bottom line, when, what, where, who, the names its
    evidence gives (`evidence_names`: ships, venues, villages, units), and its sources.

    Dates are ISO days, one token each under the search `separator` of mkdocs.yml (a hyphen between
    digits does not split), so "Tower 22" does not find every page dated the 22nd; the month is also
    given in words. Material's search UI inserts an entry's title and text as HTML, so both are
    HTML-escaped (`textsafe.search_text`); the text is cut after escaping (its size is what the index
    carries), never inside an entity."""
    parts = [view["summary"], view["date"], _month_words(view.get("day") or ""), view["event_type"], ", ".join(
        x for x in (view["location_name"] or view["place"]["name"], view["admin1"], view["country"]) if x)]
    for group in view["actor_groups"]:
        parts.append(f"{group['label']}: " + ", ".join(a["name"] for a in group["actors"]))
    said = " ".join(p for p in parts if p).lower()
    names = [n for n in evidence_names([e["text"] for s in view["sources"] for e in s["evidence"]]
                                       + [c["text"] for c in view["claims"]]) if n.lower() not in said]
    if names:
        parts.append("Named: " + _capped(names, SEARCH_NAMES_CHARS))
    parts.append("Sources: " + ", ".join(s["outlet"] or s["title"] for s in view["sources"]))
    text = textsafe.search_text(" ".join(p.strip() for p in parts if p and p.strip()))
    return {"location": f"incidents/{view['page']}.html", "title": textsafe.search_text(view["title"]),
            "text": textsafe.clip(text, SEARCH_TEXT_CHARS)}


SEARCH_NAMES_CHARS = 300  # the names an entry carries beyond those it already gives (bench: ≤ 1.5 KB)

# Capitalised-phrase rule for proper names in English news sentences. A word is a name word when it
# starts with a capital letter or is an acronym; a number right after a name word belongs to it
# ("Tower 22", "Unit 8200"); lower-case particles join two name words ("Ain al-Asad", "Port of Aden",
# "Bab el-Mandeb"). Leading function words are dropped from a phrase ("The Galaxy Leader"); weekdays
# and months are dates, not names. The first word of a sentence is capitalised anyway: alone, it
# counts only if the evidence also capitalises it elsewhere in a sentence ("Dorsa was hit ...
# residents of Dorsa said").
_WORD = re.compile(r"\d+(?:st|nd|rd|th)\b|[^\W\d_][\w'’.-]*|\d[\d,.]*\d|\d|,")  # a comma ends a name
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ed|es|ul|ut)-[A-Z]")  # al-Asad, el-Mandeb
_POSSESSIVE = re.compile(r"['’]s$")
_ADJECTIVE_SUFFIX = re.compile(r"-[a-z]+$")  # Iran-backed, Iraq-based: the name is before the hyphen
_SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z])[.!?][\"'”’)]*\s+|[:;]\s+|\s+[–—-]\s+")  # not after U.S.
_PARTICLES = {"al", "el", "ad", "as", "ash", "at", "az", "bin", "ibn", "abu", "de", "del", "della", "di", "da",
              "du", "van", "von", "der", "la", "le", "of", "on", "upon"}
_FUNCTION_WORDS = {
    "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your",
    "in", "on", "at", "of", "to", "for", "from", "by", "with", "near", "after", "before", "during", "since",
    "and", "but", "or", "nor", "so", "yet", "as", "if", "when", "while", "where", "who", "which", "what",
    "it", "he", "she", "they", "we", "i", "you", "there", "here", "some", "all", "no", "not", "one",
    "though", "although", "however", "meanwhile", "also", "still", "later", "earlier", "then", "now",
    "several", "many", "both", "each", "every", "most", "few", "other", "another", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands",
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "maj", "president", "minister",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", *MONTH_NUMBER}


def evidence_names(sentences: list[str]) -> list[str]:
    """The proper-noun phrases of `sentences`, in order of first appearance, each once (by case)."""
    candidates: list[tuple[list[str], bool]] = []  # (words, starts its sentence)
    capitalised_inside: set[str] = set()
    for sentence in sentences:
        for clause in _SENTENCE_END.split(textsafe.one_line(sentence)):
            words = [w if "." in w.rstrip(".") else w.rstrip(".,'’-") or w for w in _WORD.findall(clause)]
            if sum(1 for w in words[1:] if w[:1].isupper() and w.lower() in _FUNCTION_WORDS) >= 2:
                continue  # a headline in title case ("Rockets Hit Base As Fears Grow Of War"): no names
            ends = {n for n, w in enumerate(words) if _POSSESSIVE.search(w)}  # Iraq's Anbar: two names
            words = [_POSSESSIVE.sub("", w) if _POSSESSIVE.search(w) else
                     _ADJECTIVE_SUFFIX.sub("", w) if w[:1].isupper() and _ADJECTIVE_SUFFIX.search(w) else w
                     for w in words]
            run: list[str] = []
            run_start = 0
            for n, word in enumerate(words + [""]):
                name = _is_name_word(word) or bool(
                    _ORDINAL.match(word) and n + 1 < len(words) and _is_name_word(words[n + 1]))
                if name and n > 0:
                    capitalised_inside.add(word)
                joins = run and (name or (word.isdigit() and not run[-1].isdigit())
                                 or word.lower() in _PARTICLES and n + 1 < len(words)
                                 and _is_name_word(words[n + 1]))
                if joins or (name and not run):
                    if not run:
                        run_start = n
                    run.append(word)
                    if n in ends:
                        candidates.append((run, run_start == 0))
                        run = []
                    continue
                if run:
                    candidates.append((run, run_start == 0))
                run, run_start = ([word], n) if name else ([], n)
    out: dict[str, str] = {}
    for words, initial in candidates:
        if initial and len(words) > 2 and words[0] not in capitalised_inside and words[1].lower() in _PARTICLES:
            words = words[2:]  # "Residents of Dorsa": the opening word is capitalised as such
        while words and (words[0].lower() in _FUNCTION_WORDS or words[0].isdigit()):
            words, initial = words[1:], False
        while words and (words[-1].lower() in _FUNCTION_WORDS or words[-1].lower() in _PARTICLES):
            words = words[:-1]
        if not words:
            continue
        if len(words) == 1 and initial and words[0] not in capitalised_inside and not words[0].isupper():
            continue  # only capitalised because it opens the sentence
        phrase = " ".join(words)
        if len(phrase) > 1:
            out.setdefault(phrase.lower(), phrase)
    return list(out.values())


def _is_name_word(word: str) -> bool:
    return bool(word) and (word[0].isupper() or bool(_PARTICLE_NAME.match(word))) \
        and word.lower() not in _FUNCTION_WORDS


def _capped(names: list[str], chars: int) -> str:
    kept: list[str] = []
    for name in names:
        if sum(len(k) + 2 for k in kept) + len(name) > chars:
            break
        kept.append(name)
    return ", ".join(kept)


def _month_words(day: str) -> str:
    return _month_label(day[:7]) if len(day) >= 7 and day[4] == "-" else ""


def _group(views: list[dict], key: str) -> list[dict]:
    """Views grouped by `key` (kind, country), groups and members sorted by name."""
    groups: dict[str, list[dict]] = {}
    for v in views:
        groups.setdefault(v[key] or "Unknown", []).append(v)
    return [{"name": g, "members": sorted(groups[g], key=lambda v: (v["name"].lower(), v["id"]))}
            for g in sorted(groups, key=lambda g: (g == "Unknown", g.lower()))]


def _by_tag(rows: list[dict]) -> list[dict]:
    """Incidents under each tag (the tags incident pages show: event type, country), tags by name."""
    out = []
    for kind, key in (("Event types", "event_type"), ("Countries", "country")):
        tags: dict[str, list[dict]] = {}
        for r in rows:
            if r[key]:
                tags.setdefault(r[key], []).append(r)
        out.append({"name": kind, "tags": [{"name": t, "anchor": tag_anchor(t), "rows": tags[t]}
                                           for t in sorted(tags, key=lambda t: (t.lower(), t))]})
    return out


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
