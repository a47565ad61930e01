"""Drafts that say where they are unsure: each signal of generator/extract/uncertain.py on articles written
for these tests (wire copy with a dateline, a local outlet, an official statement), then how the doubts of
several sources combine into one record's `uncertain`, and records that clustering kept apart.
"""

import copy
import datetime as dt

import pytest

from generator.extract import uncertain as unsure
from generator.extract.candidate import Candidate
from generator.records.format import Article, UNCERTAIN_FIELDS




def doubts_of(text, kb, annotator, published="2024-03-14", precision="day", place=None):
    """The candidate's doubts as {field: [why, ...]}: the article's only candidate, or the one placed at
    `place` when the article reports several."""
    from generator.extract.article import extract_article

    day = dt.date.fromisoformat(published) if published else None
    title = text.strip().split("\n\n")[0]
    art = Article(id="t1", path="t1.txt", title=title, text=text.strip(), published=day,
                  published_precision=precision if day else "unknown")
    cands = extract_article(art, kb, annotator).candidates
    (cand,) = [c for c in cands if place is None or c["location"]["name"] == place]
    out = {}
    for d in cand.doubts:
        assert d["field"] in UNCERTAIN_FIELDS and d["why"].strip()
        out.setdefault(d["field"], []).append(d["why"])
    return out


def has(doubts, field, words):
    return any(words in why for why in doubts.get(field, []))


# ----------------------------------------------------------------------------------- one article

@pytest.mark.slow
def test_a_firm_wire_report_is_unsure_of_nothing(kb, annotator):
    d = doubts_of("Rocket attack kills two soldiers at Erbil air base\n\n"
                  "ERBIL, Iraq (Reuters) - Three rockets struck Erbil Air Base on Tuesday, killing two soldiers and "
                  "wounding four others, the Iraqi military said.\n\n"
                  "The Islamic Resistance in Iraq claimed responsibility for the rocket attack in a statement.",
                  kb, annotator)
    assert d == {}


@pytest.mark.slow
def test_date_signals(kb, annotator):
    local = doubts_of("Drone strikes fuel depot in Kharkiv\n\n"
                      "A drone struck a fuel depot in Kharkiv on Tuesday, the regional governor said.",
                      kb, annotator, published="2024-03-01", precision="month")
    assert has(local, "date", "'Tuesday' cannot be resolved: the article gives no publication day")
    said = doubts_of("Drone hits depot in Belgorod\n\n"
                     "A Ukrainian drone attacked an oil depot in Belgorod, the governor said on Thursday.",
                     kb, annotator)
    assert has(said, "date", "only the day it was reported ('on Thursday')")
    window = doubts_of("Shelling in Donetsk over the last 24 hours\n\n"
                       "Russian forces shelled Avdiivka over the last 24 hours, killing two civilians, the regional "
                       "governor said.", kb, annotator)
    assert has(window, "date", "'over the last 24 hours' gives a window of 2 days")
    night = doubts_of("Missile strike on Odesa port\n\n"
                      "A Russian missile hit the port of Odesa on Monday night, wounding five dock workers, officials "
                      "said.", kb, annotator)
    assert has(night, "date", "in the outlet's time: the local date may be a day later")


@pytest.mark.slow
def test_date_from_the_articles_main_news(kb, annotator):
    from generator.extract.article import extract_article

    text = ("Rockets hit Ain al-Asad base\n\n"
            "Rockets struck Ain al-Asad air base in western Iraq on Tuesday, a U.S. official said.\n\n"
            "Separately, a drone attack targeted Erbil Air Base, causing minor damage, the official said.")
    art = Article(id="t1", path="t1.txt", title="Rockets hit Ain al-Asad base", text=text,
                  published=dt.date(2024, 3, 14), published_precision="day")
    by_place = {c["location"]["name"]: c.doubts for c in extract_article(art, kb, annotator).candidates}
    erbil = [d["why"] for d in by_place["Erbil Air Base"] if d["field"] == "date"]
    # "Separately" does not borrow the lead's day (extraction dates it by the publication day): flagged.
    assert erbil == ["no date in the text: dated by its publication day"]
    lead = next(doubts for name, doubts in by_place.items() if "Asad" in name)
    assert not [d for d in lead if d["field"] == "date"]


@pytest.mark.slow
def test_place_signals(kb, annotator):
    province = doubts_of("Gunmen attack village in Ituri\n\n"
                         "Gunmen attacked a village in Ituri province on Sunday, killing 12 civilians, local officials "
                         "told our reporter.", kb, annotator)
    assert has(province, "place", "placed only at province level ('Ituri")
    unknown = doubts_of("Gunmen kill villagers\n\n"
                        "Gunmen attacked the village of Zorkoumbou in Mali on Sunday, killing seven villagers, a "
                        "local official said.", kb, annotator)
    # the village keeps its name, at the coordinates of the country that holds it: flagged
    assert has(unknown, "place", "placed only at country level ('Zorkoumbou')")
    dateline = doubts_of("Rocket attack on Israeli town\n\n"
                         "BEIRUT, Lebanon (AP) - Hezbollah fired dozens of rockets at a northern Israeli town on "
                         "Tuesday, the group said in a statement.", kb, annotator)
    assert has(dateline, "place", "'BEIRUT' only in the dateline, where the story was filed")
    two = doubts_of("Strikes in south Lebanon\n\n"
                    "Israeli drones struck cars in Nabatieh and in Baalbek on Monday, killing three people, the "
                    "health ministry said.", kb, annotator)
    assert has(two, "place", "other places tied to the attack: Baalbek")


@pytest.mark.slow
def test_type_and_weapon_signals(kb, annotator):
    strike = doubts_of("Strike on house\n\n"
                       "A strike hit a house in Khan Younis on Tuesday, killing four people, medics said.",
                       kb, annotator)
    assert has(strike, "event_type", "'air strike' inferred from 'strike' alone")
    assert has(strike, "weapons", "no weapon named")
    several = doubts_of("Heavy fighting in El Fasher\n\n"
                        "Drones, rockets and artillery shells struck the city of El Fasher on Tuesday, killing 14 "
                        "civilians, activists said.", kb, annotator)
    assert has(several, "event_type", "inferred from the weapons named")
    other = doubts_of("Attack in Burkina Faso\n\n"
                      "Dozens of people were killed in an attack on Saturday in Burkina Faso, a security source said.",
                      kb, annotator)
    assert has(other, "event_type", "the kind of attack is not named")


@pytest.mark.slow
def test_perpetrator_signals(kb, annotator):
    none = doubts_of("Blast at Kabul mosque\n\n"
                     "An explosion ripped through a mosque in Kabul on Friday, killing six worshippers, police said.",
                     kb, annotator, published="2024-03-16")
    assert none.get("perpetrator") == ["no source names who carried it out"]
    unnamed = doubts_of("Base attacked\n\n"
                        "A drone attacked Ain al-Asad air base in Iraq on Monday in an attack claimed by an "
                        "Iran-backed militia, officials said.", kb, annotator)
    assert "perpetrator" not in unnamed  # described, not named: what the sources know, not a weak draft
    accused = doubts_of("Ministry blames army for shelling\n\n"
                        "Artillery shells hit the town of Kupiansk on Monday, wounding three people, the regional "
                        "administration said.\nThe Ukrainian defence ministry blamed the Russian army for the "
                        "shelling.", kb, annotator)
    assert has(accused, "perpetrator", "only accused, not claimed or confirmed")
    statement = doubts_of("Depot fire\n\n"
                          "Ukrainian drones attacked a fuel depot in Saratov on Friday. The Russian defence "
                          "ministry claimed that a downed drone caused the fire.", kb, annotator,
                          published="2024-03-16")
    # A statement ("claimed that ...") is not a claim of responsibility: the drones' side is the doer.
    assert not has(statement, "perpetrator", "the 'claim' comes from")
    unclaimed = doubts_of("Car bomb rocks Baidoa market\n\n"
                          "Al-Shabaab militants detonated a car bomb at a busy market in Baidoa on Wednesday, "
                          "killing at least nine people, police said, although there was no immediate claim of "
                          "responsibility.", kb, annotator)
    assert has(unclaimed, "perpetrator", "the source says 'no immediate claim of responsibility', yet names Al-Shabaab")
    denied = doubts_of("Rocket attack on Kiryat Shmona\n\n"
                       "Hezbollah fired rockets at Kiryat Shmona on Tuesday, wounding two people, the Israeli army "
                       "said, though Hezbollah denied firing them.", kb, annotator)
    assert has(denied, "perpetrator", "contested: the report says a party denied")


@pytest.mark.slow
def test_casualty_signals(kb, annotator):
    unread = doubts_of("Blast at Kabul mosque\n\n"
                       "An explosion ripped through a mosque in Kabul during Friday prayers, leaving an unknown "
                       "number of people dead, witnesses said.", kb, annotator, published="2024-03-16")
    assert has(unread, "killed", "the report speaks of 'dead' but gives no killed figure that was read")
    # A toll further down belongs to the attack last named before it (here another one): this attack's
    # record has no figure, and the flag says a toll was stated elsewhere in the article.
    elsewhere = doubts_of("Drone hits Lipetsk plant\n\n"
                          "A drone struck a steel plant in Lipetsk on Tuesday, the regional governor said.\n\n"
                          "On Monday, drones also attacked a fuel depot in Kursk, officials there said.\n\n"
                          "\"There are no casualties,\" the governor added later in a post.", kb, annotator,
                          place="Lipetsk")
    assert has(elsewhere, "killed", "no figure tied to this attack, but the article says 'no casualties'")
    mixed = doubts_of("Bombing in Peshawar\n\n"
                      "A bomb exploded at a police station in Peshawar on Tuesday, causing 20 casualties, police "
                      "said.", kb, annotator)
    # "N casualties" counts the dead with the wounded, so neither figure is drafted: both are flagged
    assert has(mixed, "killed", "speaks of 'casualties' but gives no killed figure")
    assert has(mixed, "wounded", "speaks of 'casualties' but gives no wounded figure")


# ------------------------------------------------------------------------------- several sources

def candidate(article, doubts=(), **changes):
    """A candidate as extraction hands it to the merge (only what the merge reads)."""
    c = {
        "date": dt.date(2024, 3, 12), "date_earliest": dt.date(2024, 3, 12), "date_latest": dt.date(2024, 3, 12),
        "date_precision": "day", "date_basis": f"'Tuesday' in {article}", "event_type": "rocket_attack",
        "weapons": ["rocket"], "munitions": [],
        "location": {"name": "Kharkiv", "place": "kharkiv", "admin1": "Kharkiv", "country": "UA",
                     "lat": 49.98, "lon": 36.25, "precision": "town"},
        "actors": [], "occurrence": "reported", "attribution": "unknown", "claims": [],
        "casualty_reports": [], "casualties": {"killed": None, "wounded": None},
        "sources": [{"article": article, "title": None, "outlet": None, "url": None, "published": None,
                     "evidence": []}],
    }
    c.update(changes)
    return Candidate(c, article, anchor=0, doubts=list(doubts))


def merge_flags(kb, *cands):
    from generator.extract.cluster import merge

    record = merge([copy.deepcopy(c) for c in cands], kb)
    return {f["field"]: f["why"] for f in record["uncertain"]}


def test_merge_drops_a_doubt_another_source_settles(kb):
    vague = candidate("a", location={"name": "Kharkiv Oblast", "place": None, "admin1": None, "country": "UA",
                                     "lat": None, "lon": None, "precision": "province"},
                      doubts=[unsure.doubt("place_coarse", "place",
                                            "placed only at province level ('Kharkiv Oblast')", "Kharkiv Oblast"),
                               unsure.doubt("doer_none", "perpetrator", "no source names who carried it out", "")])
    assert set(merge_flags(kb, vague)) == {"place", "perpetrator"}
    precise = candidate("b", actors=[{"actor": "russian-armed-forces", "role": "perpetrator", "sources": ["b"]}])
    assert merge_flags(kb, vague, precise) == {}  # the town and the doer come from b, which is sure of both


def test_merge_keeps_a_doubt_every_source_shares_once(kb):
    night = "'Monday night' in the outlet's time: the local date may be a day later"
    evening = "'Monday evening' in the outlet's time: the local date may be a day later"
    a = candidate("a", doubts=[unsure.doubt("date_local_time", "date", night, dt.date(2024, 3, 12))])
    b = candidate("b", doubts=[unsure.doubt("date_local_time", "date", evening, dt.date(2024, 3, 12))])
    assert merge_flags(kb, a, b) == {"date": night}  # one reason per signal
    c = candidate("c")  # a third source states the same day without doubt
    assert merge_flags(kb, a, b, c) == {}


def test_merge_flags_many_kinds_of_weapon_even_from_one_source(kb):
    flags = merge_flags(kb, candidate("a", weapons=["artillery", "drone", "rocket"]))
    assert flags == {"weapons": "3 kinds of weapon named (artillery, drone, rocket): some may belong to other attacks"}
    assert merge_flags(kb, candidate("a", weapons=["drone", "other"]), candidate("b", weapons=["drone", "rocket"])) == {}


def test_merge_flags_what_the_sources_disagree_on(kb):
    a = candidate("a", weapons=["rocket"], casualty_reports=[
        {"source": "a", "according_to": None, "party": None, "killed": {"low": 2, "high": 2, "text": "two"},
         "wounded": None}],
        actors=[{"actor": "russian-armed-forces", "role": "perpetrator", "sources": ["a"]}])
    b = candidate("b", date=dt.date(2024, 3, 9), date_earliest=dt.date(2024, 3, 6), date_latest=dt.date(2024, 3, 12),
                  date_precision="week", event_type="drone_attack", weapons=["drone"], casualty_reports=[
                      {"source": "b", "according_to": None, "party": None,
                       "killed": {"low": 11, "high": 11, "text": "eleven"}, "wounded": None}],
                  actors=[{"actor": "hezbollah", "role": "claimed", "sources": ["b"]}])
    c = candidate("c", date=None, date_earliest=None, date_latest=None, date_precision="unknown")
    flags = merge_flags(kb, a, b, c)
    assert flags["date"] == "sources give dates more than a day apart: 2024-03-09, 2024-03-12"
    assert flags["event_type"] == "sources call it differently: drone attack, rocket attack"
    assert flags["weapons"] == "sources name different weapons: rocket / drone"
    assert flags["perpetrator"] == "sources name different doers: Hezbollah, Russian Armed Forces"
    assert flags["killed"] == "sources disagree: 2, 11"
    assert flags["sources"] == "merged with reports that give no date at all: c"
    # Tolls a day's update apart (4, then 6) are not a disagreement; a day's skew in dates is not either.
    d = candidate("d", date=dt.date(2024, 3, 13), casualty_reports=[
        {"source": "d", "according_to": None, "party": None, "killed": {"low": 4, "high": 4, "text": "four"},
         "wounded": None}])
    e = candidate("e", casualty_reports=[
        {"source": "e", "according_to": None, "party": None, "killed": {"low": 6, "high": 6, "text": "six"},
         "wounded": None}])
    assert merge_flags(kb, d, e) == {}


def record(rid, day, place, name, precision="town", country="UA"):
    return {"id": rid, "date": day, "uncertain": [],
            "location": {"name": name, "place": place, "country": country, "precision": precision}}


def test_kept_apart_flags_both_records_that_may_be_one_attack():
    same_place = [record("a", dt.date(2024, 4, 4), "kherson", "Kherson"),
                  record("b", dt.date(2024, 4, 7), "kherson", "Kherson")]
    unsure.kept_apart(same_place)
    assert same_place[0]["uncertain"] == [{"field": "sources", "why": "a report of Kherson on 2024-04-07 was "
                                                                        "kept apart as another record"}]
    assert same_place[1]["uncertain"][0]["why"].startswith("a report of Kherson on 2024-04-04")
    vague = [record("c", dt.date(2024, 4, 4), None, "Mali", "country", "ML"),
             record("d", dt.date(2024, 4, 5), "bamako", "Bamako", "town", "ML")]
    unsure.kept_apart(vague)
    assert [r["uncertain"][0]["field"] for r in vague] == ["sources", "sources"]
    apart = [record("e", dt.date(2024, 4, 4), "kharkiv", "Kharkiv"),  # two towns the same day: two attacks
             record("f", dt.date(2024, 4, 4), "sumy", "Sumy"),
             record("g", dt.date(2024, 4, 20), "kharkiv", "Kharkiv"),  # the same town weeks later
             record("h", dt.date(2024, 4, 4), None, "Syria", "country", "SY")]  # another country
    unsure.kept_apart(apart)
    assert all(r["uncertain"] == [] for r in apart)


class Told:
    """A group of mentions as `_actor_doubts` reads it: its sentences and the claims attached."""

    def __init__(self, *texts):
        from generator.extract.sentences import Sentence

        self.sents = [Sentence(i, 1, 0, t, [], [], news_end=len(t)) for i, t in enumerate(texts)]
        self.claims = []

    def sentences(self):
        return self.sents


def test_an_actor_described_not_named_is_no_doubt_but_nobody_at_all_is(kb):
    g = Told("Gunmen stormed the village on Sunday, officials said.")
    gunmen = [{"description": "gunmen", "role": "perpetrator", "sources": ["a"]}]
    assert unsure._actor_doubts(g, g.sents, kb, gunmen, [], "unknown") == []
    (d,) = unsure._actor_doubts(g, g.sents, kb, [], [], "unknown")
    assert d["why"] == "no source names who carried it out"
    a = candidate("a", doubts=[d])
    assert unsure.merged([a], a, kb) == [{"field": "perpetrator", "why": d["why"]}]
    described = candidate("a", actors=gunmen)  # the record once another source described the doer
    assert unsure.merged([a, candidate("b", actors=gunmen)], described, kb) == []


def test_every_drafted_incident_says_where_it_is_unsure(kb):
    from generator.extract.run import build_drafts

    arts = [Article(id=a, path=f"{a}.txt", title=a, text="") for a in ("a", "b", "c")]
    results = {
        "a": {"candidates": [candidate("a")], "new_actors": [], "context": []},
        "b": {"candidates": [candidate("b", date=dt.date(2024, 3, 15), date_earliest=dt.date(2024, 3, 15),
                                       date_latest=dt.date(2024, 3, 15))], "new_actors": [], "context": []},
        "c": {"candidates": [candidate("c", location={"name": "Sumy", "place": "sumy", "admin1": "Sumy",
                                                     "country": "UA", "lat": 50.9, "lon": 34.8,
                                                     "precision": "town"},
                                       actors=[{"actor": "russian-armed-forces", "role": "perpetrator",
                                                "sources": ["c"]}])],
              "new_actors": [], "context": []},
    }
    incidents = {r["sources"][0]["article"]: r for r in build_drafts(arts, results, kb).incidents}
    assert all(isinstance(r["uncertain"], list) for r in incidents.values())
    assert incidents["a"]["uncertain"] == [{"field": "sources", "why": "a report of Kharkiv on 2024-03-15 was "
                                                                        "kept apart as another record"}]
    assert incidents["b"]["uncertain"][0]["why"] == "a report of Kharkiv on 2024-03-12 was kept apart as another record"
    assert incidents["c"]["uncertain"] == []  # another town, a firm source: nothing to check first


def test_a_claim_by_an_actor_that_is_not_armed_is_doubted(kb):
    """A 'claim' whose author the knowledge base knows as a ministry, a news outlet or the like is more
    likely a misread statement than a claim of responsibility."""
    from generator.extract.uncertain import _actor_doubts

    class NoSentences:
        claims: list = []

        def sentences(self):
            return []

    ministry = next(a for a in sorted(kb.actors) if kb.actors[a].kind == "government")
    doubts = _actor_doubts(NoSentences(), [], kb, [{"actor": ministry, "role": "claimed", "sources": ["t1"]}],
                           [], "claimed")
    assert [d["signal"] for d in doubts] == ["doer_not_armed"]
    armed = next(a for a in sorted(kb.actors) if kb.actors[a].kind == "armed_group")
    assert _actor_doubts(NoSentences(), [], kb, [{"actor": armed, "role": "claimed", "sources": ["t1"]}],
                         [], "claimed") == []


@pytest.mark.slow
def test_an_attack_answered_but_not_placed_flags_the_record_it_may_be(kb, annotator):
    from generator.extract.article import extract_article

    def candidates(text, aid):
        art = Article(id=aid, path=f"{aid}.txt", title=text.split("\n\n")[0], text=text,
                      published=dt.date(2024, 3, 14), published_precision="day")
        return extract_article(art, kb, annotator).candidates

    # wire, leading with the strikes: the attack answered is dated but not placed, a Turkish police station its target
    wire = candidates("Warplanes hit militant targets in Iraq\n\n"
                      "Turkish warplanes struck militant targets in northern Iraq on Thursday in response to an "
                      "attack on a Turkish police station on Wednesday.", "wire")
    # official statement: the answered attack is a drone attack on Israeli troops, not placed
    statement = candidates("Statement of the army spokesperson\n\n"
                           "The army carried out air strikes on weapons depots in Lebanon on Thursday as a response "
                           "to the drone attack on Israeli troops on Wednesday.", "statement")
    records = [record("van", dt.date(2024, 3, 13), "van", "Van", country="TR"),
               record("haifa", dt.date(2024, 3, 13), "haifa", "Haifa", country="IL"),
               record("izmir-later", dt.date(2024, 3, 1), "izmir", "Izmir", country="TR"),  # another day
               record("kyiv", dt.date(2024, 3, 13), "kyiv", "Kyiv")]  # another country
    for r in records:
        r["sources"] = []
    unsure.answered_unplaced(records, wire + statement)
    flags = {r["id"]: r["uncertain"] for r in records}
    assert [f["field"] for f in flags["van"]] == ["sources"]
    assert flags["van"][0]["why"].startswith("wire answers an attack of 2024-03-13 it does not place")
    assert [f["field"] for f in flags["haifa"]] == ["sources"]
    assert flags["izmir-later"] == [] and flags["kyiv"] == []
    # a record that already cites the article is not flagged
    cited = [dict(record("van", dt.date(2024, 3, 13), "van", "Van", country="TR"),
                  sources=[{"article": "wire"}])]
    unsure.answered_unplaced(cited, wire)
    assert cited[0]["uncertain"] == []
