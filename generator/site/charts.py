"""Key figures and the incidents-per-week chart, drawn as inline SVG (no chart library, no script).

The SVG takes its colours from Material's CSS variables, so it follows the light/dark palette.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from html import escape

from generator.site.values import as_dict, incident_date, range_low
from generator.site.views import Site

MAX_BARS = 160  # beyond about three years of weeks, bars get thinner than a pixel: count by month


def stats(site: Site) -> dict:
    days = sorted(d for d in (incident_date(i) for i in site.order) if d)
    weekly = Counter(d - dt.timedelta(days=d.weekday()) for d in days)  # weeks start on Monday
    weeks: list[tuple[dt.date, int]] = []
    if days:
        start = days[0] - dt.timedelta(days=days[0].weekday())
        week = start
        while week <= days[-1]:
            weeks.append((week, weekly.get(week, 0)))
            week += dt.timedelta(days=7)
    return {
        "incidents": len(site.order), "actors": len(site.actors), "places": len(site.places),
        "first": days[0].isoformat() if days else "", "last": days[-1].isoformat() if days else "",
        "undated": len(site.order) - len(days),
        "killed": sum(range_low(as_dict(i.get("casualties")).get("killed")) for i in site.order),
        "wounded": sum(range_low(as_dict(i.get("casualties")).get("wounded")) for i in site.order),
        "confirmed": sum(1 for i in site.order if i.get("occurrence") == "confirmed"),
        "weeks": weeks,
    }


def weekly_svg(weeks: list[tuple[dt.date, int]], unit: str = "week") -> str:
    """A bar chart of incidents per week (or per `unit`, each bar starting on its date) as one line of
    SVG (a blank line would end the HTML block)."""
    if not weeks:
        return ""
    if unit == "week" and len(weeks) > MAX_BARS:
        monthly: Counter[dt.date] = Counter()
        for week, n in weeks:
            monthly[week.replace(day=1)] += n
        weeks, unit = sorted(monthly.items()), "month"
    height, pad_left, pad_bottom, pad_top = 180, 28, 22, 8
    # Bars are at most 36 units wide, so a few weeks do not look like a wall; the SVG's own width
    # then shrinks with them (CSS caps it at the column width).
    bar_w = min(692 / len(weeks), 36.0)
    width = pad_left + bar_w * len(weeks) + 8
    top = max(n for _, n in weeks) or 1
    plot_h = height - pad_bottom - pad_top
    # A wide chart shrinks to half its size on a phone; briefing.css then enlarges its labels and hides
    # every other date label (class "minor") so that those left are readable and do not overlap.
    wide = " briefing-chart--wide" if width > 400 else ""
    parts = [f'<svg class="briefing-chart{wide}" viewBox="0 0 {width:.0f} {height}" width="{width:.0f}" '
             f'height="{height}" role="img" aria-label="Incidents per {unit}" '
             'xmlns="http://www.w3.org/2000/svg">', f'<title>Incidents per {unit}</title>']
    for tick in sorted({0, top // 2, top}):
        y = pad_top + plot_h - plot_h * tick / top
        parts.append(f'<line x1="{pad_left}" x2="{width:.0f}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{pad_left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for n, (start, count) in enumerate(weeks):
        h = plot_h * count / top
        x = pad_left + n * bar_w
        label = f"{unit + ' of ' if unit != 'day' else ''}{start.isoformat()}: {count} incident{'s' if count != 1 else ''}"
        parts.append(f'<rect x="{x + 0.5:.1f}" y="{pad_top + plot_h - h:.1f}" width="{max(bar_w - 1, 0.5):.1f}" '
                     f'height="{h:.1f}"><title>{escape(label)}</title></rect>')
    # Date labels under the bars, no closer than a label's width (about 70 units) to each other.
    step = max(1, math.ceil(72 / bar_w))
    for n in range(0, len(weeks), step):
        if pad_left + n * bar_w + 70 > width and n:
            break
        minor = ' class="minor"' if wide and ((n // step) % 2 or pad_left + n * bar_w + 130 > width) else ""
        parts.append(f'<text{minor} x="{pad_left + n * bar_w:.1f}" y="{height - 6}" text-anchor="start">'
                     f'{weeks[n][0].isoformat()[:7 if unit == "month" else 10]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def monthly_svg(months: list[tuple[dt.date, int]], what: str = "Incidents") -> str:
    """A small bar chart of `what` per month (actor and place briefs), one line of SVG like `weekly_svg`.

    Every month from the first to the last is a bar (`views.monthly_counts` fills the empty ones);
    each bar's tooltip gives its month and count, labels mark each January and the first month."""
    if not months:
        return ""
    height, pad_left, pad_bottom, pad_top = 120, 28, 22, 8
    bar_w = min(692 / len(months), 28.0)
    width = max(pad_left + bar_w * len(months) + 8, 120.0)  # room for one month's label
    top = max(n for _, n in months) or 1
    plot_h = height - pad_bottom - pad_top
    label = escape(f"{what} per month")
    parts = [f'<svg class="briefing-chart briefing-chart--small" viewBox="0 0 {width:.0f} {height}" '
             f'width="{width:.0f}" height="{height}" role="img" aria-label="{label}" '
             f'xmlns="http://www.w3.org/2000/svg">', f"<title>{label}</title>"]
    for tick in sorted({0, top}):
        y = pad_top + plot_h - plot_h * tick / top
        parts.append(f'<line x1="{pad_left}" x2="{width:.0f}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{pad_left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for n, (month, count) in enumerate(months):
        h = plot_h * count / top
        tip = f"{month.isoformat()[:7]}: {count} incident{'s' if count != 1 else ''}"
        parts.append(f'<rect x="{pad_left + n * bar_w + 0.5:.1f}" y="{pad_top + plot_h - h:.1f}" '
                     f'width="{max(bar_w - 1, 0.5):.1f}" height="{h:.1f}"><title>{escape(tip)}</title></rect>')
    last_label = -10**6
    for n, (month, _) in enumerate(months):
        x = pad_left + n * bar_w
        if (n == 0 or month.month == 1 or len(months) <= 12) and x - last_label >= 52 and x + 40 <= width:
            parts.append(f'<text x="{x:.1f}" y="{height - 6}" text-anchor="start">{month.isoformat()[:7]}</text>')
            last_label = x
    parts.append("</svg>")
    return "".join(parts)
