"""Clustering: candidates from several articles -> one incident per real attack.

Candidates are built by hand here (no language model), so these tests are fast.
"""

import datetime as dt

from generator.cluster import cluster


def cand(article, date, place="al-asad-airbase", name="Ain al-Asad airbase", precision="site",
         etype="rocket_attack", weapons=("rocket",), lat=33.8, lon=42.44, admin1="Anbar", country="IQ"):
    day = dt.date.fromisoformat(date) if date else None
    return {"_article": article, "date": day,
            "date_earliest": day, "date_latest": day,
            "date_precision": "day" if day else "unknown",
            "event_type": etype, "weapons": list(weapons),
            "location": {"name": name, "place": place, "admin1": admin1, "country": country,
                         "lat": lat, "lon": lon, "precision": precision}}


def by_articles(groups):
    return sorted(sorted(c["_article"] for c in g) for g in groups)


def test_undated_article_never_bridges_dated_incidents_at_one_place():
    # Three attacks on one base, weeks apart, each reported by two outlets; a wire brief with no date at
    # all about the same base fits every one of them.
    cands = [cand("wire-oct", "2023-10-18"), cand("local-oct", "2023-10-18"),
             cand("wire-nov", "2023-11-20"), cand("local-nov", "2023-11-20"),
             cand("statement-aug", "2024-08-05"), cand("local-aug", "2024-08-05"),
             cand("undated-brief", None)]
    groups = by_articles(cluster(cands))
    assert len(groups) == 3
    assert sum("undated-brief" in g for g in groups) == 1
    for month in ("oct", "nov", "aug"):
        assert sum(any(a.endswith(month) for a in g) for g in groups) == 1  # each day its own incident
    # With no dated report to join, undated reports of one place are still one incident.
    assert by_articles(cluster([cand("brief-a", None), cand("brief-b", None)])) == [["brief-a", "brief-b"]]


def test_undated_candidate_joins_the_cluster_it_fits_best():
    # One outlet names the town, the undated one names the town too; a second incident elsewhere in the
    # same country only fits through its province.
    omdurman = dict(place="omdurman", name="Omdurman", precision="town", lat=15.64, lon=32.48,
                    admin1="Khartoum", country="SD", etype="shelling", weapons=("artillery",))
    darfur = dict(place="north-darfur-state", name="North Darfur", precision="province", lat=13.6,
                  lon=25.3, admin1=None, country="SD", etype="drone_attack", weapons=("drone",))
    cands = [cand("market-wire", "2025-02-01", **omdurman), cand("market-local", "2025-02-01", **omdurman),
             cand("mosque-wire", "2025-09-19", **darfur), cand("mosque-local", "2025-09-19", **darfur),
             cand("market-undated", None, **dict(omdurman, weapons=("artillery", "drone")))]
    groups = by_articles(cluster(cands))
    assert groups == [["market-local", "market-undated", "market-wire"], ["mosque-local", "mosque-wire"]]
