"""The built fixture site on a phone (390 x 844) in headless Chromium: nothing scrolls sideways, the
incident tables are cards, the map's legend leaves the map alone, a one-finger swipe on the map scrolls
the page (two fingers move the map); the desktop layout is unchanged.

The layout is CSS (briefs/assets/stylesheets/briefing.css, its phone section) plus the legend's move
in maps.js. Run with `python -m pytest -m browser tests/test_browser_phone.py`.
"""

from __future__ import annotations

import pytest

from tests.test_browser import AIN, INDEX, browser, site_url  # noqa: F401 - fixtures, shared with test_browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Every element of the page's content whose box scrolls sideways (its content is wider than the box),
# and every element that reaches past the right edge of the screen (clipped or not).
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth, found = [];
  for (const e of document.querySelectorAll('.md-content *')) {
    if (e.closest('.leaflet-container')) continue;  // the map's own panes are clipped by the map
    const style = getComputedStyle(e), box = e.getBoundingClientRect();
    if (box.width === 0) continue;
    if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1)
      found.push('scrolls: ' + e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth);
    else if (box.right > width + 1)
      found.push('past the edge: ' + e.tagName + '.' + e.className + ' ' + Math.round(box.right));
  }
  return found;
}"""


def open_page(browser, site_url, **options):
    """A page in a new browser context (`options`: viewport, touch) that reaches only the site, and
    collects the page's script errors in `page.errors`."""
    context = browser.new_context(**options)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url) else r.abort())
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


@pytest.fixture
def phone(browser, site_url):  # noqa: F811 - the imported fixtures
    page = open_page(browser, site_url, viewport=PHONE)
    yield page
    page.context.close()


PAGES = ["index.html", INDEX, "incidents/" + AIN, "actors/united-states-armed-forces.html",
         "places/ain-al-asad-air-base.html", "map.html", "downloads/index.html", "periods/index.html",
         "places/index.html"]


@pytest.mark.parametrize("rel", PAGES)
def test_browser_phone_nothing_scrolls_sideways(phone, site_url, rel):
    """At 390 px neither the page nor any box in it scrolls sideways: the home page's figures, the
    incident tables, an incident's casualty figures, the downloads page's tables all fit the screen."""
    phone.goto(site_url + rel)
    phone.wait_for_load_state("networkidle")
    phone.wait_for_timeout(300)  # Material wraps tables after load
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.evaluate(SIDEWAYS) == []
    assert phone.errors == []


def cells(page, row: str) -> dict:
    """The boxes of the cells of one incident-table row (by its incident's page), by column."""
    return page.eval_on_selector(
        f".briefing-table tbody tr:has(a[href$='{row}'])",
        """tr => {
          const cols = [...tr.closest('table').querySelectorAll('thead th')].map(th => th.dataset.col);
          const out = {};
          [...tr.children].forEach((td, i) => {
            const b = td.getBoundingClientRect();
            out[cols[i]] = {left: b.left, right: b.right, top: b.top, bottom: b.bottom, shown: b.width > 0,
                            text: getComputedStyle(td, '::before').content};
          });
          return out;
        }""")


@pytest.mark.parametrize("rel", [INDEX, "actors/united-states-armed-forces.html", "map.html"])
def test_browser_phone_incident_rows_are_cards(phone, site_url, rel):
    """A row reads as a card: the incident's title first, on a line of its own, then the date; the
    figures are labelled (the header row is not beside them); the map page hides its coordinates.
    On a desktop screen the incidents index and the map page stay tables: header cells side by side, a
    row on one line (an actor's page, whose table sits between the navigation and the contents, is
    covered by test_browser_tables_are_tables_only_where_they_fit)."""
    phone.set_viewport_size(DESKTOP)
    phone.goto(site_url + rel)
    phone.wait_for_selector(".briefing-table[data-shown]", timeout=15_000)
    if not rel.startswith("actors/"):
        tops = phone.eval_on_selector_all(".briefing-table thead th",
                                          "els => els.filter(e => e.offsetWidth).map(e => e.getBoundingClientRect().top)")
        assert len(set(tops)) == 1
        row = cells(phone, AIN)
        assert len({round(c["top"]) for c in row.values() if c["shown"]}) == 1 and row["killed"]["text"] == "none"
    phone.set_viewport_size(PHONE)
    row = cells(phone, AIN)
    table = phone.eval_on_selector(".briefing-table", "e => e.getBoundingClientRect().right")
    assert all(c["right"] <= table + 0.5 for c in row.values() if c["shown"])
    assert row["incident"]["bottom"] <= row["date"]["top"]  # the title above everything else
    assert row["killed"]["text"] == '"Killed: "' and row["wounded"]["text"] == '"Wounded: "'
    if "role" in row:
        assert row["role"]["text"] == '"Role: "' and row["attribution"]["text"] == '"Attribution: "'
    if "lat" in row:
        assert not row["lat"]["shown"] and not row["lon"]["shown"]
    # The sort buttons stay, as a row of buttons a finger can hit.
    sizes = phone.eval_on_selector_all(".briefing-table .briefing-sort",
                                       "els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])")
    assert sizes and all(w >= 32 and h >= 32 for w, h in sizes if w)  # hidden columns have none
    phone.click("th[data-col=wounded] button")
    assert phone.get_attribute("th[data-col=wounded]", "aria-sort") == "descending"
    assert phone.errors == []


def legend_and_map(page) -> tuple[dict, dict, bool]:
    return page.evaluate("""() => {
      const map = document.querySelector('.briefing-map--large'), legend = document.querySelector('.briefing-legend');
      const box = e => { const b = e.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
      return [box(legend), box(map), map.contains(legend)];
    }""")


def test_browser_phone_map_legend_does_not_cover_the_map(phone, site_url):
    """On a phone the legend goes under the map, within the screen, every type still in it; turned
    sideways (wider than a phone) it goes back into the map's corner."""
    phone.goto(site_url + "map.html")
    phone.wait_for_selector(".briefing-map--large[data-markers='3'] ~ .briefing-legend", timeout=15_000)
    legend, area, inside = legend_and_map(phone)
    assert not inside
    assert legend["top"] >= area["bottom"] - 0.5  # below the map's area: no overlap
    assert legend["right"] <= PHONE["width"] and legend["bottom"] - legend["top"] > 0
    text = phone.inner_text(".briefing-legend")
    for label in ("Drone attack", "Rocket attack", "Shelling"):
        assert label in text
    phone.set_viewport_size({"width": 844, "height": 390})
    phone.wait_for_selector(".briefing-map--large .briefing-legend", timeout=5_000)
    legend, area, inside = legend_and_map(phone)
    assert inside and area["left"] <= legend["left"] and legend["bottom"] <= area["bottom"]
    assert phone.errors == []


def test_browser_phone_home_figures_fit_as_tiles(phone, site_url):
    """The home page's seven figures: tiles in rows within the screen, each label above its figure."""
    phone.goto(site_url + "index.html")
    phone.wait_for_load_state("networkidle")
    pairs = phone.eval_on_selector(".briefing-figures table", """t => {
      const ths = [...t.querySelectorAll('th')], tds = [...t.querySelectorAll('td')];
      return ths.map((th, i) => [th.getBoundingClientRect().toJSON(), tds[i].getBoundingClientRect().toJSON()]);
    }""")
    assert len(pairs) == 7
    for label, value in pairs:
        assert label["bottom"] <= value["top"] + 0.5 and abs(label["left"] - value["left"]) < 1
        assert value["right"] <= PHONE["width"]
    assert len({round(label["top"]) for label, _ in pairs}) >= 3  # in rows, not one line of seven


@pytest.mark.parametrize("rel", ["incidents/" + AIN, "periods/2024-01.html"])
def test_browser_phone_source_markers_are_targets_a_finger_can_hit(phone, site_url, rel):
    """The small source and incident markers after a sentence ("S1", "1 2"): each one's tappable box is
    at least 24 px high and 16 px wide, and neighbours do not overlap."""
    phone.goto(site_url + rel)
    boxes = phone.eval_on_selector_all("a.briefing-cite", "els => els.map(e => e.getBoundingClientRect().toJSON())")
    assert boxes
    for box in boxes:
        assert box["height"] >= 24 and box["width"] >= 16, box
    lines: dict[int, list] = {}
    for box in boxes:
        lines.setdefault(round(box["top"]), []).append(box)
    for row in lines.values():
        row.sort(key=lambda b: b["left"])
        assert all(a["right"] <= b["left"] + 0.5 for a, b in zip(row, row[1:]))


def test_browser_phone_chart_labels_are_readable(phone, site_url):
    """A bar chart drawn at half size on a phone keeps labels of a readable size (at least 9 px high),
    the date labels shown do not overlap, and none reaches past the screen's edge."""
    phone.goto(site_url + "periods/2024-01.html")  # a bar a day: the chart is as wide as charts get
    labels = phone.eval_on_selector_all(
        ".briefing-chart text", "els => els.map(e => e.getBoundingClientRect().toJSON()).filter(b => b.width > 0)")
    assert labels
    assert all(b["height"] >= 9 and b["right"] <= PHONE["width"] for b in labels), labels
    dates = sorted((b for b in labels if b["top"] == max(x["top"] for x in labels)), key=lambda b: b["left"])
    assert len(dates) >= 2 and all(a["right"] <= b["left"] for a, b in zip(dates, dates[1:]))


def test_browser_phone_filter_form_fits_and_does_not_zoom(phone, site_url):
    """The filter's fields: two a row within the screen, inputs at 16 px (a phone zooms the page into
    a smaller one when it gets the focus) and at least 32 px high."""
    phone.goto(site_url + INDEX + "?type=Drone+attack")  # a filter in the address opens the form
    phone.wait_for_selector(".briefing-filter[open] .briefing-filter__form", timeout=15_000)
    fields = phone.eval_on_selector_all(
        ".briefing-filter__field :is(input, select)",
        "els => els.map(e => [e.getBoundingClientRect().toJSON(), parseFloat(getComputedStyle(e).fontSize)])")
    assert len(fields) >= 8
    for box, size in fields:
        assert size >= 16 and box["height"] >= 32 and box["right"] <= PHONE["width"] - 16, (box, size)
    assert len({round(box["top"]) for box, _ in fields}) <= (len(fields) + 1) // 2 + 1  # rows of two


def contrast(page, selector: str) -> float:
    """The contrast ratio (WCAG) of an element's text colour with the first opaque background behind it."""
    return page.eval_on_selector(selector, """e => {
      const rgb = c => c.match(/[\\d.]+/g).map(Number);
      const lum = c => { const v = rgb(c).slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                         return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      let bg = null;
      for (let n = e; n && !bg; n = n.parentElement) {
        const c = getComputedStyle(n).backgroundColor, a = rgb(c)[3];
        if (a === undefined || a === 1) bg = c;
      }
      const [x, y] = [lum(getComputedStyle(e).color), lum(bg || 'rgb(255,255,255)')];
      return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    }""")


def test_browser_filter_buttons_read_in_both_colour_schemes(browser, site_url):  # noqa: F811
    """The filter's Clear and CSV buttons keep a 4.5:1 contrast on the light and the dark (slate) page."""
    for scheme in ("light", "dark"):
        page = open_page(browser, site_url, viewport=PHONE, color_scheme=scheme)
        page.goto(site_url + INDEX + "?type=Drone+attack")
        page.wait_for_selector(".briefing-filter[open] .briefing-filter__csv", timeout=15_000)
        assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        for selector in (".briefing-filter .md-button:not(.briefing-filter__csv)", ".briefing-filter__csv"):
            assert contrast(page, selector) >= 4.5, (scheme, selector)
        page.context.close()


@pytest.mark.parametrize("rel", [INDEX, "incidents/" + AIN, "actors/united-states-armed-forces.html", "places/index.html"])
def test_browser_phone_a_name_longer_than_the_screen_wraps(phone, site_url, rel):
    """Names come from articles and records: one with no space in 120 letters (a transliterated place,
    an id) put in every linked name and every value cell of a table is wrapped, never pushed past the
    screen's edge or into a sideways scroll."""
    phone.goto(site_url + rel)
    phone.wait_for_load_state("networkidle")
    phone.wait_for_timeout(300)
    phone.evaluate("""long => document.querySelectorAll('.md-content td a, .md-content td:last-child').forEach(e => {
      const target = e.querySelector('a') || e;
      target.textContent = long + ' ' + target.textContent;
    })""", "Al-" + "Qaryatayn" * 13)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.evaluate(SIDEWAYS) == []


@pytest.fixture
def touch_phone(browser, site_url):  # noqa: F811 - the imported fixtures
    page = open_page(browser, site_url, viewport=PHONE, has_touch=True, is_mobile=True)
    yield page
    page.context.close()


def swipe_up(page, x: float, y: float, distance: int = 300) -> None:
    """A one-finger swipe upwards from (x, y), touch events through Chromium's DevTools protocol, as a
    reader scrolls down a page."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove",
                                              "touchPoints": [{"x": x, "y": y - distance * step / 10}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_browser_phone_one_finger_on_the_map_scrolls_the_page(touch_phone, site_url):
    """On a touch screen a swipe that starts on the map scrolls the page (the map moves with two
    fingers, and a one-finger swipe on it says so); with a mouse the map still pans by dragging."""
    page = touch_phone
    page.goto(site_url + "map.html")
    page.wait_for_selector(".briefing-map--large[data-markers='3']", timeout=15_000)
    area = legend_and_map(page)[1]
    assert area["bottom"] - area["top"] > 100
    page.evaluate("window.scrollTo(0, 0)")
    centre = ((area["left"] + area["right"]) / 2, max(area["top"], 0) + 60)
    swipe_up(page, *centre)
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") > 100  # the page moved, not the map
    assert page.locator(".briefing-map__hint--shown").count() == 1  # and the map said how it moves
    assert page.get_attribute(".briefing-map--large", "data-gestures") == "two-fingers"
    assert "leaflet-grab" not in page.get_attribute(".briefing-map--large", "class")
    assert page.errors == []


def test_browser_desktop_map_pans_with_the_mouse(browser, site_url):  # noqa: F811 - the imported fixtures
    page = open_page(browser, site_url, viewport=DESKTOP)
    page.goto(site_url + "map.html")
    page.wait_for_selector(".briefing-map--large[data-markers='3']", timeout=15_000)
    assert "leaflet-grab" in page.get_attribute(".briefing-map--large", "class")
    assert page.get_attribute(".briefing-map--large", "data-gestures") is None
    page.context.close()


@pytest.mark.parametrize("width", [720, 900, 1024, 1280, 1600])
def test_browser_tables_are_tables_only_where_they_fit(browser, site_url, width):  # noqa: F811
    """Between a phone and a wide screen (a tablet, a laptop, an actor's page between the navigation and
    the contents) no incident table scrolls sideways in its box: a table whose box is narrower than its
    columns need (60em) reads as cards, a wider one as a table with every column in view."""
    page = open_page(browser, site_url, viewport={"width": width, "height": 900})
    for rel in (INDEX, "actors/united-states-armed-forces.html", "map.html"):
        page.goto(site_url + rel)
        page.wait_for_selector(".briefing-table[data-shown]", timeout=15_000)
        page.wait_for_timeout(200)
        assert page.evaluate(SIDEWAYS) == [], (width, rel)
        box = page.eval_on_selector(".briefing-table", "e => [e.clientWidth, parseFloat(getComputedStyle(e).fontSize)]")
        tops = page.eval_on_selector_all(".briefing-table thead th",
                                         "els => els.filter(e => e.offsetWidth).map(e => Math.round(e.getBoundingClientRect().top))")
        row = cells(page, AIN)
        if box[0] > 60 * box[1]:
            assert len(set(tops)) == 1 and len({round(c["top"]) for c in row.values() if c["shown"]}) == 1, (width, rel)
        else:
            assert row["incident"]["bottom"] <= row["date"]["top"] and row["killed"]["text"] == '"Killed: "', (width, rel)
    page.context.close()
