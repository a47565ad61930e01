"""The whole site: the fixture project builds with `mkdocs build --strict`, and rebuilding writes nothing.

Slow (two MkDocs builds): `python -m pytest -m slow tests/test_site.py`.
"""

from __future__ import annotations

import json
import re
import os
import posixpath
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.sitecopy import copy_site

pytestmark = pytest.mark.slow


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    root = copy_site(tmp_path_factory.mktemp("site"))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def test_site_builds_strict(built_site):
    site = built_site / "site"
    for rel in ("index.html", "incidents/2024-01-20-ain-al-asad-air-base-drone-attack.html",
                "actors/islamic-resistance-in-iraq.html", "places/ain-al-asad-air-base.html", "map.html",
                "timeline.html", "tags.html", "about.html", "downloads/incidents.csv", "feed.xml",
                "downloads/actors.json", "downloads/places.json",
                "assets/vendor/leaflet/leaflet.js"):
        assert (site / rel).is_file(), rel


def test_site_second_build_writes_nothing_in_briefs(built_site):
    """`mkdocs serve` watches briefs/: a build that rewrote it would trigger itself forever."""
    before = snapshot(built_site / "briefs")
    result = mkdocs_build(built_site)
    assert result.returncode == 0, result.stderr
    assert snapshot(built_site / "briefs") == before


def test_site_search_index_leaves_out_quoted_text(built_site):
    index = json.loads((built_site / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index)
    assert "Telegram channel" not in text  # a claim quoted from a source
    assert "CENTCOM said four service members" not in text  # an evidence sentence
    assert "al-Muqawama al-Islamiya fil-Iraq" in text  # an actor's alias is searchable
    incident_docs = [d for d in index["docs"] if d["location"].startswith("incidents/2024-01-20-")]
    assert sum(len(json.dumps(d)) for d in incident_docs) < 4000
    assert not [d for d in index["docs"] if d["location"].startswith("incidents/index")]


def test_site_two_builds_are_byte_identical(built_site, tmp_path):
    """Same inputs, same site: every page but MkDocs' own sitemap (which stamps the build date)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    other = tmp_path / "again"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(other)],
                            cwd=built_site, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    stamped = {"sitemap.xml", "sitemap.xml.gz"}

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
                if p.is_file() and p.name not in stamped}

    first, second = files(built_site / "site"), files(other)
    assert first.keys() == second.keys()
    assert [rel for rel in first if first[rel] != second[rel]] == []


def test_site_search_has_one_short_entry_per_incident(built_site):
    """Incident pages skip Material's search plugin; render's entries stand in for them, one each."""
    index = json.loads((built_site / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = sorted(p.relative_to(built_site / "site").as_posix()
                   for p in (built_site / "site" / "incidents").glob("*.html") if p.name != "index.html")
    entries = [d for d in index["docs"] if d["location"].startswith("incidents/") and d["location"] != "incidents/index.html"]
    incident_entries = sorted(d["location"] for d in entries if "#" not in d["location"])
    redirects = {p for p in pages if 'http-equiv="refresh"' in (built_site / "site" / p).read_text(encoding="utf-8")}
    assert set(incident_entries) <= set(pages) and set(pages) - set(incident_entries) <= redirects
    assert all(len(d["text"]) <= 905 for d in entries)
    assert any("Ain al-Asad" in d["text"] for d in entries)


def test_site_search_entries_of_actors_and_places_keep_their_facts_apart(built_site):
    """Material's search joins adjacent table cells ("Kindcity"): the key facts stay separate words."""
    index = json.loads((built_site / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [d for d in index["docs"] if d["location"].startswith(("actors/", "places/"))
               and not d["location"].endswith("index.html")]
    assert len(entries) == 7
    for entry in entries:
        assert "Kind " in entry["text"] and "Country " in entry["text"], entry
        assert not re.search(r"(?:Kind|Country|Province|Incidents)[^\s:]", entry["text"]), entry["text"]
    worker = next((built_site / "site" / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert worker.read_text(encoding="utf-8").count("briefing: search query") == 1


class _LinksAndIds(HTMLParser):
    """The ids of an HTML page and the URLs it links to (`a`/`link` href, `script`/`img` src)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        url = attrs.get("href") if tag in ("a", "link") else attrs.get("src") if tag in ("script", "img") else None
        if url is not None:
            self.links.append(url)


def _parse(path: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_site_every_internal_link_and_fragment_resolves(built_site):
    """Every internal URL of every built page reaches a file of the site, and every `#fragment` an
    element with that id on the page it names. `mkdocs build --strict` checks only Markdown links and
    Markdown headings' anchors: a raw HTML link, or an id the page never got, passes it."""
    site = built_site / "site"
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    broken, fragments = [], 0
    for rel, page in pages.items():
        for url in page.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:  # http(s), mailto, data: not ours to resolve
                continue
            path = unquote(parts.path)
            # 404.html is served at any address, so MkDocs gives it root-relative URLs
            base = "" if path.startswith("/") else posixpath.dirname(rel)
            target = posixpath.normpath(posixpath.join(base, path.lstrip("/"))) if path else rel
            if target.startswith("../") or not (site / target).is_file():
                broken.append(f"{rel}: {url} (no file {target})")
                continue
            if parts.fragment:
                fragments += 1
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{rel}: {url} (no id {parts.fragment!r} in {target})")
    assert broken == [], "\n".join(broken)
    assert fragments > 20  # tag chips, source citations, table-of-contents links were all checked


def test_site_build_fails_naming_a_record_that_does_not_parse(tmp_path):
    """A broken record must not vanish from the site: the strict build fails, naming file and line."""
    root = copy_site(tmp_path)
    path = root / "records" / "incidents" / "2024-01-28-erbil-air-base-rocket-attack.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good + "title: [unclosed\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 1
    # libyaml reports the end of the stream, one line past the broken one
    broken_at = good.count("\n") + 2
    assert f"records/incidents/2024-01-28-erbil-air-base-rocket-attack.yaml:{broken_at}: cannot read YAML" in \
        result.stderr
    assert not (root / "site").exists()


def test_site_serve_shows_a_broken_record_on_its_page_and_keeps_serving(tmp_path):
    """Under `mkdocs serve` a failed build would leave every request waiting until the record is fixed:
    the record's page says what is wrong instead, and the site keeps answering."""
    from tests.test_serve import serving, wait_for

    root = copy_site(tmp_path)
    path = root / "records" / "incidents" / "2024-01-28-erbil-air-base-rocket-attack.yaml"
    good = path.read_text(encoding="utf-8")
    page = "incidents/2024-01-28-erbil-air-base-rocket-attack.html"
    with serving(root) as base:
        path.write_text(good.replace("event_type: rocket_attack", "event_type: [x]"), encoding="utf-8")
        body = wait_for(base + page, "This record cannot be shown", seconds=60)
        assert "rocket-attack.yaml:10: event_type: [&#x27;x&#x27;] is not allowed" in body
        assert "Ain al-Asad" in wait_for(base + "incidents/index.html", "Ain al-Asad", seconds=10)
        path.write_text(good, encoding="utf-8")
        assert "cannot be shown" not in wait_for(base + page, "Rockets fired at Erbil Air Base", seconds=60)


def test_site_not_found_page_leads_back_to_the_indexes(built_site):
    """The 404 page says what happened (renamed records redirect) and links to the indexes and search,
    through root-relative addresses, so it works at any depth it is served at."""
    page = (built_site / "site" / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page and "renamed or merged" in page
    links = _parse(built_site / "site" / "404.html").links
    for rel in ("incidents/index.html", "map.html", "actors/index.html", "places/index.html", "timeline.html"):
        assert any(url.endswith(rel) and url.startswith("/") for url in links), rel
