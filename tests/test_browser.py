"""The built fixture site in headless Chromium: search, the map, console errors, links.

Needs /usr/bin/chromium (`make browser-deps`) and Leaflet (`npm ci`); run with
`python -m pytest -m browser tests/test_browser.py`. The machine has no network, so requests for
OpenStreetMap tiles are answered with a blank tile; every other request must be to the test server.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.sitecopy import copy_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Debian's chromium (installed by `make browser-deps`); BRIEFING_CHROMIUM names another Chromium build,
# e.g. the Chrome that GitHub's Ubuntu runners carry.
CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Where browser tests leave screenshots of what they searched (to be looked at), when set.
SHOTS = Path(os.environ["BRIEFING_SHOTS"]) if os.environ.get("BRIEFING_SHOTS") else None
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = copy_site(tmp_path_factory.mktemp("browser-site"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context()
    offsite: list[str] = []

    def route(r):
        url = r.request.url
        if urlsplit(url).hostname == "tile.openstreetmap.org":
            return r.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
        if not url.startswith(site_url):
            offsite.append(url)
            return r.abort()
        return r.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.errors = []  # console errors and uncaught exceptions, as text
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()
    assert not offsite, f"requests leaving the site: {offsite}"


def test_browser_search_finds_actor_by_alias(page, site_url):
    page.goto(site_url + "index.html")
    page.click("label.md-search__icon, .md-search__input", timeout=10_000)
    # Typed key by key: Material's search listens to keyboard events, which `fill` does not send.
    page.locator(".md-search__input").press_sequentially("Hezbollah Brigades", delay=20)
    result = page.locator(".md-search-result__list a[href*='actors/kataib-hezbollah.html']").first
    result.wait_for(timeout=15_000)
    assert page.errors == []


def test_browser_search_finds_incidents_by_place(page, site_url):
    page.goto(site_url + "index.html")
    page.click(".md-search__input")
    page.locator(".md-search__input").press_sequentially("Erbil", delay=20)
    page.locator(".md-search-result__list a[href*='incidents/2024-01-28-erbil-air-base-rocket-attack']") \
        .first.wait_for(timeout=15_000)


def test_browser_search_finds_an_incident_by_a_name_only_its_evidence_gives(page, site_url):
    """"Telegram" is only in an evidence sentence of the Ain al-Asad incident (not its title, summary,
    place or actors): render's entry carries the names of the evidence."""
    page.goto(site_url + "index.html")
    page.click(".md-search__input")
    page.locator(".md-search__input").press_sequentially("Telegram", delay=20)
    page.locator(".md-search-result__list a[href*='incidents/2024-01-20-ain-al-asad-air-base-drone-attack']") \
        .first.wait_for(timeout=15_000)
    if SHOTS:
        page.screenshot(path=str(SHOTS / "search-evidence-name.png"))
    assert page.errors == []


def test_browser_search_number_in_a_name_does_not_match_a_day(page, site_url):
    """A name with a number ("Tower 28") must not list the incident dated the 28th."""
    page.goto(site_url + "index.html")
    page.click(".md-search__input")
    page.locator(".md-search__input").press_sequentially("Tower 28", delay=20)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("() => /match/i.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=15_000)
    page.wait_for_timeout(500)  # Material renders results after the count
    assert page.locator(".md-search-result__list a[href*='incidents/2024-01-28-']").count() == 0, meta.inner_text()


def search_results(page, query: str) -> list[str]:
    """The incident pages listed for `query`, typed key by key, once Material has rendered them."""
    page.click(".md-search__input")
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    page.wait_for_function("() => /match/i.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=15_000)
    page.wait_for_timeout(500)  # Material renders results after the count
    links = page.locator(".md-search-result__list a[href*='incidents/']")
    return sorted({urlsplit(h).path.rsplit("/", 1)[-1] for h in links.evaluate_all("els => els.map(e => e.href)")})


def test_browser_search_for_a_typed_iso_day_finds_that_day(page, site_url):
    """A typed ISO day finds the incidents of that day, and no other day of the year; a typed month
    ("2024-01") the incidents of that month."""
    page.goto(site_url + "index.html")
    assert search_results(page, "2024-01-28") == ["2024-01-28-erbil-air-base-rocket-attack.html"]
    page.goto(site_url + "index.html")
    assert search_results(page, "2024-01") == ["2024-01-20-ain-al-asad-air-base-drone-attack.html",
                                               "2024-01-28-erbil-air-base-rocket-attack.html"]
    assert page.errors == []


def test_browser_search_short_number_in_a_name_does_not_match_a_year(page, site_url):
    """"Tower 20": Material makes typed words prefixes, and "20" began every year of the 2020s."""
    page.goto(site_url + "index.html")
    assert search_results(page, "Tower 20") == []
    assert page.errors == []


def test_browser_map_shows_one_marker_per_located_incident(page, site_url):
    import urllib.request

    with urllib.request.urlopen(site_url + "downloads/incidents.geojson") as response:
        located = len(json.load(response)["features"])
    assert located == 3
    page.goto(site_url + "map.html")
    page.wait_for_selector(".briefing-map[data-markers]", timeout=15_000)
    assert page.get_attribute(".briefing-map--large", "data-markers") == str(located)
    assert page.locator(".briefing-map--large path.leaflet-interactive").count() == located  # none clustered
    page.wait_for_selector(".briefing-map--large[data-tiles='1']", timeout=15_000)  # tiles answer here
    assert "OpenStreetMap" in page.inner_text(".briefing-map--large .leaflet-control-attribution")
    assert page.errors == []


def test_browser_pages_have_no_errors_and_every_internal_link_resolves(page, site_url):
    """Crawl from the home page: every page loads without console errors; every link resolves."""
    seen: set[str] = set()
    queue = [site_url + "index.html"]
    broken: list[str] = []
    errors: dict[str, list[str]] = {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        if not url.endswith(".html"):
            response = page.request.get(url)
            if not response.ok:
                broken.append(url)
            continue
        page.errors.clear()
        response = page.goto(url)
        if response is None or not response.ok:
            broken.append(url)
            continue
        page.wait_for_load_state("networkidle")
        if page.errors:
            errors[url] = list(page.errors)
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            target = urldefrag(urljoin(url, href)).url
            if target.startswith(site_url) and target not in seen:
                queue.append(target)
    assert not broken, broken
    assert not errors, errors
    pages = {u for u in seen if u.endswith(".html")}
    assert len(pages) >= 18  # every page kind was reached, not just the home page
    for kind in ("incidents/", "actors/", "places/"):
        assert any(kind in u and not u.endswith("index.html") for u in pages), kind



# ------------------------------------------------------------------------------ tables and the map

INDEX = "incidents/index.html"
AIN = "2024-01-20-ain-al-asad-air-base-drone-attack.html"
ERBIL = "2024-01-28-erbil-air-base-rocket-attack.html"
QAYYARAH = "2024-02-qayyarah-shelling.html"


def shown_rows(page) -> list[str]:
    """The incident pages of the rows the first incident table shows, in their order, as file names."""
    page.wait_for_selector(".briefing-table[data-shown]", timeout=15_000)
    hrefs = page.eval_on_selector_all(
        ".briefing-table tbody tr:not([hidden]) td:nth-child(2) a", "els => els.map(e => e.getAttribute('href'))")
    return [h.rsplit("/", 1)[-1] for h in hrefs]


def test_browser_index_filter_is_kept_in_the_url(page, site_url):
    page.goto(site_url + INDEX)
    assert len(shown_rows(page)) == 4
    page.select_option(".briefing-filter select[name=attribution]", "claimed")
    assert shown_rows(page) == [ERBIL, AIN]
    page.fill(".briefing-filter input[name=wmin]", "1")
    assert shown_rows(page) == [AIN]
    assert "1 of 4" in page.inner_text(".briefing-filter summary")
    shared = page.url
    assert "attribution=claimed" in shared and "wmin=1" in shared
    page.goto(shared)  # the link someone was sent: the same rows and the same form
    assert shown_rows(page) == [AIN]
    assert page.input_value(".briefing-filter input[name=wmin]") == "1"
    assert page.input_value(".briefing-filter select[name=attribution]") == "claimed"
    page.goto(site_url + INDEX + "?from=2024-01-21&to=2024-12-31&actor=united&country=Iraq")
    assert shown_rows(page) == [QAYYARAH, ERBIL]  # a window starting on Feb 1 counts from that day
    page.click(".briefing-filter button:text('Clear')")
    assert len(shown_rows(page)) == 4 and "?" not in page.url
    assert page.errors == []


def test_browser_index_sorts_by_a_column_and_the_url_keeps_the_order(page, site_url):
    page.goto(site_url + INDEX)
    assert shown_rows(page) == [QAYYARAH, ERBIL, AIN, "undated-unknown-other.html"]
    page.click("th[data-col=wounded] button")  # figures sort largest first; not stated goes last
    assert shown_rows(page)[0] == AIN
    assert page.get_attribute("th[data-col=wounded]", "aria-sort") == "descending"
    page.click("th[data-col=date] button")
    page.click("th[data-col=date] button")
    oldest_first = [AIN, ERBIL, QAYYARAH, "undated-unknown-other.html"]
    assert shown_rows(page) == oldest_first  # undated last either way
    assert page.get_attribute("th[data-col=date]", "aria-sort") == "ascending"
    assert "sort=date" in page.url and "dir=asc" in page.url
    page.goto(page.url)
    assert shown_rows(page) == oldest_first
    assert page.errors == []


def test_browser_csv_download_holds_the_filtered_rows(page, site_url):
    import csv
    import io

    page.goto(site_url + INDEX)
    page.select_option(".briefing-filter select[name=country]", "Iraq")
    page.click("th[data-col=place] button")
    with page.expect_download() as info:
        page.click(".briefing-filter__csv")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["page"].rsplit("/", 1)[-1] for r in rows] == [AIN, ERBIL, QAYYARAH]  # shown, in that order
    titles = page.eval_on_selector_all(".briefing-table tbody tr:not([hidden]) td:nth-child(2)",
                                       "els => els.map(e => e.textContent)")
    assert [r["incident"] for r in rows] == titles  # a hostile title's quotes and bars survive
    assert rows[0]["country"] == "Iraq" and rows[0]["wounded_low"] == "2" and rows[0]["wounded_high"] == "4"
    assert rows[0]["killed_low"] == "0" and rows[1]["killed_low"] == ""
    assert "Kataib Hezbollah" in rows[0]["actors"]
    cells = page.evaluate("""['=1+2', '-3', '+x', '@SUM(A1)', '-', 'a,"b"', 'two\\nlines', 7, null]
                             .map(BriefingTables.csvCell)""")
    assert cells == ["'=1+2", "-3", "'+x", "'@SUM(A1)", "'-", '"a,""b"""', '"two\nlines"', "7", ""]


def test_browser_map_legend_and_the_table_filter_reduce_markers(page, site_url):
    page.goto(site_url + "map.html")
    page.wait_for_selector(".briefing-map--large[data-markers='3']", timeout=15_000)
    legend = page.inner_text(".briefing-map--large .briefing-legend")
    for label in ("Drone attack", "Rocket attack", "Shelling"):
        assert label in legend
    colours = page.eval_on_selector_all(".briefing-legend__swatch", "els => els.map(e => e.style.background)")
    assert len(set(colours)) == 3
    page.select_option(".briefing-filter select[name=type]", "Drone attack")
    page.wait_for_selector(".briefing-map--large[data-markers='1']", timeout=5_000)
    assert page.locator(".briefing-map--large path.leaflet-interactive").count() == 1
    assert shown_rows(page) == [AIN]
    page.goto(page.url)  # the filtered map's address reloads the same markers
    page.wait_for_selector(".briefing-map--large[data-markers='1']", timeout=15_000)
    page.locator(".briefing-map--large path.leaflet-interactive").dispatch_event("click")
    link = page.locator(".leaflet-popup-content a")
    link.wait_for(timeout=5_000)
    assert link.get_attribute("href") == "incidents/" + AIN
    assert page.errors == []


@pytest.mark.parametrize("rel", ["map.html", "incidents/" + AIN])
def test_browser_map_basemap_works_offline(browser, site_url, rel):
    """No tile server: country outlines served by the site, no tiles, no error."""
    context = browser.new_context()
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url) else r.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + rel)
    page.wait_for_selector(".briefing-map[data-tiles='0'][data-outlines='1']", timeout=15_000)
    assert page.locator(".briefing-map path.briefing-outline").count() > 100
    assert page.locator(".briefing-map img.leaflet-tile").count() == 0
    box = page.locator(".briefing-map path.briefing-outline").first.evaluate(
        "e => e.ownerSVGElement.getBoundingClientRect().width")
    assert box > 100  # drawn, not collapsed by the page's styles
    context.close()
    assert errors == []


# The phone layout (390 px): tests/test_browser_phone.py.


# ------------------------------------------------------------------------------------ hostile site
#
# A site built from a hostile article (extracted) and from hostile record fields as an analyst could
# type them: every payload runs script if any page or site script inserts it as HTML. The payloads
# call alert() and set a window flag; the tests count both while searching and using the maps.

PAYLOAD = "<img src=x onerror=alert(document.domain)>"
FLAG = "<img src=y onerror=window.__pwned=1>"
HOSTILE_ARTICLE = f"""---
title: Rocket attack on Qaim border post {PAYLOAD}
outlet: Frontier Wire {FLAG}
url: https://news.example.org/2024/03/12/qaim
published: 2024-03-12
---
AL-QAIM, Iraq, March 12 (Frontier Wire) -

Rockets struck a border post in al-Qaim in western Iraq on Tuesday, wounding three guards, officials said.
"""


def hostile_records() -> dict[str, dict]:
    """An incident, its place and an actor whose every free-text field carries a payload."""
    incident = {
        "id": "2024-03-20-zubairat-outpost-drone-attack", "former_ids": [],
        "title": f"Drone attack on Zubairat outpost {PAYLOAD}", "summary": f"Bottom line {FLAG} {PAYLOAD}",
        "date": "2024-03-20", "date_earliest": "2024-03-20", "date_latest": "2024-03-20",
        "date_precision": "day", "date_basis": f"basis {PAYLOAD}", "event_type": "drone_attack",
        "weapons": ["drone"], "munitions": [],
        # an invented outpost well away from the extracted al-Qaim record, so the two markers never cluster
        "location": {"name": f"Zubairat {PAYLOAD}", "place": "zubairat-outpost", "admin1": f"Anbar {FLAG}",
                     "country": "IQ", "lat": 32.6, "lon": 39.4, "precision": "site"},
        "part_of": None,
        "actors": [{"actor": "zubairat-brigade", "role": "perpetrator", "sources": ["hx_1"]}],
        "occurrence": "reported", "attribution": "claimed", "claims": [], "casualty_reports": [],
        "casualties": {"killed": None, "wounded": None},
        "sources": [{"article": "hx_1", "title": f"Report {PAYLOAD}", "outlet": f"Outlet {FLAG}",
                     "url": "https://news.example.org/x", "published": "2024-03-20", "evidence": []}],
        "context": [], "related": [], "review": "draft",
    }
    place = {"id": "zubairat-outpost", "name": f"Zubairat outpost {PAYLOAD}", "aliases": [f"Zub {FLAG}"],
             "kind": "military_base", "admin1": "Anbar", "country": "IQ", "lat": 32.6, "lon": 39.4}
    actor = {"id": "zubairat-brigade", "name": f"Zubairat Brigade {PAYLOAD}", "aliases": [f"ZB {FLAG}"],
             "kind": "armed_group", "country": "IQ", "affiliations": [], "description": f"About {PAYLOAD}"}
    return {"incidents": incident, "places": place, "actors": actor}


@pytest.fixture(scope="module")
def hostile_site_url(tmp_path_factory):
    import datetime as dt

    from generator.extract.run import run_extract
    from generator.records.dump import dump_record

    root = copy_site(tmp_path_factory.mktemp("hostile-site"))
    (root / "seeds").mkdir()
    (root / "seeds" / "qaim.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    for kind, record in hostile_records().items():
        record = {k: dt.date.fromisoformat(v) if k in ("date", "date_earliest", "date_latest") else v
                  for k, v in record.items()}
        (root / "records" / kind / f"{record['id']}.yaml").write_text(dump_record(kind, record), encoding="utf-8")
    run_extract(root / "seeds", root / "records", jobs=1, cache_dir=None)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    index = (root / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Frontier Wire" in index and "Zubairat Brigade" in index  # the hostile text is searchable
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def hostile_page(browser, hostile_site_url):
    """A page on the hostile site that records every alert() (dismissing it)."""
    context = browser.new_context()
    context.route("**/*", lambda r: r.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
                  if urlsplit(r.request.url).hostname == "tile.openstreetmap.org" else r.continue_())
    page = context.new_page()
    page.alerts = []
    page.on("dialog", lambda d: (page.alerts.append(d.message), d.dismiss()))
    yield page
    context.close()


def script_ran(page) -> list:
    page.wait_for_timeout(500)  # a broken image's onerror fires right after insertion
    return page.alerts + (["window.__pwned"] if page.evaluate("window.__pwned === 1") else [])


@pytest.mark.parametrize("query", ["Frontier", "Zubairat"])
def test_browser_search_results_show_hostile_text_as_text(hostile_page, hostile_site_url, query):
    page = hostile_page
    page.goto(hostile_site_url + "index.html")
    page.click(".md-search__input")
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    page.locator(".md-search-result__list a[href*='incidents/']").first.wait_for(timeout=15_000)
    assert script_ran(page) == []
    shown = page.inner_text(".md-search-result__list")
    assert "<img src=" in shown  # the payload is in the results, as text


def test_browser_map_tooltip_and_popup_show_hostile_names_as_text(hostile_page, hostile_site_url):
    page = hostile_page
    page.goto(hostile_site_url + "incidents/2024-03-20-zubairat-outpost-drone-attack.html")
    marker = page.locator(".briefing-map--small path.leaflet-interactive")
    marker.wait_for(timeout=15_000)
    marker.hover()
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=5_000)
    assert script_ran(page) == []
    assert "Zubairat outpost <img src=x" in tooltip.inner_text()
    page.goto(hostile_site_url + "map.html")
    page.wait_for_selector(".briefing-map[data-markers]", timeout=15_000)
    shown = ""
    markers = page.locator(".briefing-map--large path.leaflet-interactive")
    for n in range(markers.count()):  # the popup of each marker, until the hostile incident's
        markers.nth(n).dispatch_event("click")  # markers may overlap: straight to each one
        page.locator(".leaflet-popup-content").last.wait_for(timeout=5_000)
        shown = " ".join(page.locator(".leaflet-popup-content").all_inner_texts())
        if "Zubairat" in shown:
            break
    assert script_ran(page) == []
    assert "Drone attack on Zubairat outpost <img src=x" in shown
