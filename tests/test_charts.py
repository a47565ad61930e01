"""Charts (generator/site/charts.py): key figures and the inline SVG bar charts."""

import datetime as dt
import re

from generator.site.charts import MAX_BARS, monthly_svg, stats, weekly_svg
from generator.site.views import Site


def _incident(iid, day, killed=None, occurrence="reported"):
    return {"id": iid, "title": iid, "date": day, "event_type": "shelling", "weapons": [],
            "location": {}, "actors": [], "occurrence": occurrence, "attribution": "unknown",
            "casualties": {"killed": killed, "wounded": None}, "sources": [], "review": "draft"}


def test_stats_counts_weeks_from_monday_with_empty_weeks_and_undated_incidents():
    incidents = {i["id"]: i for i in (
        _incident("a", dt.date(2024, 1, 3), killed={"low": 2, "high": 4, "text": "two to four"}),  # a Wednesday
        _incident("b", dt.date(2024, 1, 7), occurrence="confirmed"),  # Sunday, same week
        _incident("c", dt.date(2024, 1, 22)),  # two weeks later
        _incident("d", None))}
    s = stats(Site(incidents, {}, {}))
    assert (s["incidents"], s["undated"], s["confirmed"], s["killed"]) == (4, 1, 1, 2)
    assert (s["first"], s["last"]) == ("2024-01-03", "2024-01-22")
    assert s["weeks"] == [(dt.date(2024, 1, 1), 2), (dt.date(2024, 1, 8), 0), (dt.date(2024, 1, 15), 0),
                          (dt.date(2024, 1, 22), 1)]


def test_weekly_svg_is_one_line_with_a_tooltip_per_bar_and_counts_by_month_beyond_max_bars():
    weeks = [(dt.date(2024, 1, 1) + dt.timedelta(days=7 * n), n % 3) for n in range(10)]
    svg = weekly_svg(weeks)
    assert "\n" not in svg and svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<rect") == 10 and "week of 2024-01-01: 0 incidents" in svg
    long = [(dt.date(2020, 1, 6) + dt.timedelta(days=7 * n), 1) for n in range(MAX_BARS + 1)]
    by_month = weekly_svg(long)
    assert 'aria-label="Incidents per month"' in by_month
    assert by_month.count("<rect") < len(long)
    assert weekly_svg([]) == ""


def test_monthly_svg_escapes_its_label_and_labels_januaries():
    months = [(dt.date(2023 + n // 12, n % 12 + 1, 1), n) for n in range(25)]  # 2023-01 .. 2025-01
    svg = monthly_svg(months, what='Deaths <b>"x"</b>')
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    labels = re.findall(r'text-anchor="start">([0-9-]+)<', svg)
    assert labels[0] == "2023-01" and "2024-01" in labels and all(x.endswith("-01") for x in labels)
    assert monthly_svg([]) == ""


def test_weekly_svg_marks_every_other_date_label_of_a_wide_chart():
    """A wide chart (shrunk to about half on a phone) marks every other date label, and any too near its
    right edge for a label twice the size, "minor" (hidden on a phone); a narrow chart marks none."""
    days = [(dt.date(2024, 1, 1) + dt.timedelta(days=n), n % 4) for n in range(29)]
    svg = weekly_svg(days, unit="day")
    assert 'class="briefing-chart briefing-chart--wide"' in svg
    kinds = re.findall(r'<text( class="minor")? x="[0-9.]+" y="174" text-anchor="start">', svg)
    assert len(kinds) >= 4 and kinds[0] == "" and kinds[1] == ' class="minor"' and kinds[2] == ""
    assert len(kinds) % 2 == 1 and kinds[-1] == ' class="minor"'  # an even one, but too near the edge
    narrow = weekly_svg(days[:3])
    assert "minor" not in narrow and "briefing-chart--wide" not in narrow
