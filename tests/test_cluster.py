"""Clustering: candidates from several articles -> one incident per real attack.

Candidates are built by hand here (no language model), so these tests are fast; the last one runs
extract on the seed articles (slow).
"""

import datetime as dt

import pytest

from generator.extract.candidate import Candidate
from generator.extract.cluster import cluster


def cand(article, date, place="al-asad-airbase", name="Ain al-Asad airbase", precision="site",
         etype="rocket_attack", weapons=("rocket",), lat=33.8, lon=42.44, admin1="Anbar", country="IQ",
         venue=None, **fields):
    day = dt.date.fromisoformat(date) if date else None
    return Candidate({"date": day,
                      "date_earliest": day, "date_latest": day,
                      "date_precision": "day" if day else "unknown",
                      "event_type": etype, "weapons": list(weapons),
                      "location": {"name": name, "place": place, "admin1": admin1, "country": country,
                                   "lat": lat, "lon": lon, "precision": precision}, **fields},
                     article, anchor=0, venue=venue)


def by_articles(groups):
    return sorted(sorted(c.article for c in g) for g in groups)


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
    el_obeid = dict(place="el-obeid", name="El Obeid", precision="town", lat=13.18, lon=30.22,
                    admin1="North Kordofan", country="SD", etype="shelling", weapons=("artillery",))
    kordofan = dict(place="south-kordofan-state", name="South Kordofan", precision="province", lat=11.2,
                    lon=29.9, admin1=None, country="SD", etype="drone_attack", weapons=("drone",))
    cands = [cand("depot-wire", "2025-03-08", **el_obeid), cand("depot-local", "2025-03-08", **el_obeid),
             cand("camp-wire", "2025-05-10", **kordofan), cand("camp-local", "2025-05-10", **kordofan),
             cand("depot-undated", None, **dict(el_obeid, weapons=("artillery", "drone")))]
    groups = by_articles(cluster(cands))
    assert groups == [["camp-local", "camp-wire"], ["depot-local", "depot-undated", "depot-wire"]]


def test_province_report_joins_the_site_inside_it_and_only_one_incident():
    # A local outlet names the town (a site of the knowledge base), a wire only the region around it and
    # neither type nor weapon ("an attack in Erbil province"); two reports of an attack elsewhere in the
    # region that day. The wire joins one of them, and never chains the two into one.
    town = dict(place="al-harir-airbase", name="Harir air base", precision="site", lat=36.54, lon=44.35,
                admin1="Erbil", country="IQ")
    region = dict(place="erbil-governorate", name="Erbil", precision="province", lat=36.37, lon=44.23,
                  admin1="Erbil", country="IQ", etype="other", weapons=())
    other_site = dict(town, place="erbil-air-base", name="Erbil Air Base", lat=36.24, lon=43.96,
                      etype="drone_attack", weapons=("drone",))
    cands = [cand("local", "2024-05-18", **town), cand("statement", "2024-05-18", **town),
             cand("wire", "2024-05-18", **region), cand("agency", "2024-05-18", **other_site),
             cand("daily", "2024-05-18", **other_site)]
    groups = by_articles(cluster(cands))
    assert len(groups) == 2
    assert ["agency", "daily", "wire"] in groups or ["local", "statement", "wire"] in groups


def test_merge_names_the_village_the_gazetteer_lacks_over_its_country():
    from generator.extract.cluster import merge
    from generator.records.kb import load_kb

    def full(article, name, venue):
        return cand(article, "2024-06-15", place=None, name=name, precision="country", lat=None, lon=None,
                    admin1=None, country="BF", etype="armed_clash", weapons=("gun",), venue=venue,
                    date_basis="", munitions=[], actors=[], claims=[], casualty_reports=[],
                    sources=[{"article": article}], occurrence="reported", attribution="unknown")

    record = merge([full("a-wire", "Burkina Faso", None), full("b-local", "Dabaré", "Dabaré")], load_kb(None))
    assert record["location"]["name"] == "Dabaré"


@pytest.mark.slow
def test_undated_two_line_article_does_not_fold_the_seed_incidents(tmp_path):
    """Issue #11's reproduction: a two-line undated note about al-Asad next to the seed articles (attacks
    on the base on different days) leaves every incident, and its date, as it was."""
    import shutil
    from pathlib import Path

    import yaml

    from generator.extract.run import run_extract

    seeds = Path(__file__).resolve().parent.parent / "seeds"

    def dates(records):
        out = []
        for f in sorted((records / "incidents").glob("*.yaml")):
            rec = yaml.safe_load(f.read_text(encoding="utf-8"))
            out.append((rec["date"], len(rec["sources"])))
        return out

    shutil.copytree(seeds, tmp_path / "plain")
    run_extract(tmp_path / "plain", tmp_path / "plain-records", jobs=1)
    shutil.copytree(seeds, tmp_path / "noted")
    (tmp_path / "noted" / "note.txt").write_text(
        "Rockets hit al-Asad airbase\n\nRockets struck the Ain al-Asad airbase in western Iraq, wounding "
        "several U.S. personnel, officials said.\n", encoding="utf-8")
    run_extract(tmp_path / "noted", tmp_path / "noted-records", jobs=1)
    plain, noted = dates(tmp_path / "plain-records"), dates(tmp_path / "noted-records")
    assert [d for d, _ in noted if d is not None] == [d for d, _ in plain]
    assert sum(n for _, n in noted) == sum(n for _, n in plain) + 1  # the note is cited once


def _report(article, day, killed=None, wounded=None, **fields):
    """A full candidate as one article proposes it, with its own casualty report."""
    return cand(article, day, date_basis="", munitions=[], actors=[], claims=[],
                casualty_reports=[{"source": article, "according_to": None, "party": None,
                                   "killed": killed, "wounded": wounded}],
                sources=[{"article": article}], occurrence="reported", attribution="unknown", **fields)


def test_merge_spans_the_reports_casualties_and_confirms_what_two_outlets_report():
    from generator.extract.cluster import merge
    from generator.records.kb import load_kb

    record = merge([_report("b-local", "2024-03-02", killed={"low": 5, "high": 5, "text": "five"}),
                    _report("a-wire", "2024-03-02", killed={"low": 3, "high": 3, "text": "three"},
                            wounded={"low": 10, "high": None, "text": "at least 10"})], load_kb(None))
    assert (record["casualties"]["killed"]["low"], record["casualties"]["killed"]["high"]) == (3, 5)
    assert record["casualties"]["wounded"]["low"] == 10 and record["casualties"]["wounded"]["high"] is None
    assert [s["article"] for s in record["sources"]] == ["a-wire", "b-local"]  # sorted, whatever the order in
    assert record["occurrence"] == "confirmed"  # two outlets
    alone = merge([_report("a-wire", "2024-03-02")], load_kb(None))
    assert alone["occurrence"] == "reported"


def test_merge_takes_the_date_an_article_gives_itself_over_a_borrowed_one():
    from generator.extract.cluster import merge
    from generator.records.kb import load_kb

    own = _report("b-local", "2024-03-02")
    borrowed = _report("a-wire", "2024-03-04")
    borrowed = Candidate(borrowed.record, borrowed.article, anchor=1)  # dated from its publication day
    record = merge([borrowed, own], load_kb(None))
    assert record["date"] == dt.date(2024, 3, 2)
    # and the most precise place: a site over the province a second report names
    province = _report("c-agency", "2024-03-02", place="anbar", name="Anbar", precision="province")
    assert merge([province, own], load_kb(None))["location"]["name"] == "Ain al-Asad airbase"


def test_merge_places_the_attack_where_most_reports_place_it_at_one_precision():
    # three outlets name the town, a fourth (first by name) a namesake town of the province's name
    from generator.extract.cluster import merge
    from generator.records.kb import load_kb

    town = dict(place="kunduz", name="Kunduz", precision="town", lat=36.73, lon=68.86, admin1="Kunduz",
                country="AF", etype="bombing", weapons=("bomb",))
    other = dict(town, place="imam-sahib", name="Imam Sahib", lat=37.18, lon=68.92)
    record = merge([_report("a-followup", "2025-06-06", **other), _report("b-wire", "2025-06-06", **town),
                    _report("c-local", "2025-06-06", **town), _report("d-daily", "2025-06-06", **town)],
                   load_kb(None))
    assert record["location"]["place"] == "kunduz"
