"""Extraction on short hand-written articles: incidents, background, claims, places, casualties, evidence.

These load the spaCy model once per module (a few seconds), so they are marked slow.
"""

import datetime as dt
from pathlib import Path

import pytest

from generator.extract.article import extract_article
from generator.extract.ingest import ingest
from generator.records.format import Article

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent




def article(text, published="2024-03-14", aid="t1"):
    day = dt.date.fromisoformat(published) if published else None
    title, _, body = text.strip().partition("\n\n")
    return Article(id=aid, path=f"{aid}.txt", title=title, text=text.strip(), published=day,
                   published_precision="day" if day else "unknown")


def run(text, kb, annotator, **kw):
    return extract_article(article(text, **kw), kb, annotator)


def test_extract_two_sites_attacked_make_two_incidents(kb, annotator):
    r = run("Drones hit two bases in Syria\n\n"
            "Two drones struck the al-Tanf garrison in Syria on Wednesday, and a rocket hit Erbil Air Base in "
            "Iraq, a U.S. official said.\n\nNo injuries were reported.", kb, annotator)
    places = sorted(c["location"]["place"] for c in r.candidates)
    assert len(places) == 2 and all(places)
    by_country = {c["location"]["country"]: c for c in r.candidates}
    assert by_country["SY"]["event_type"] == "drone_attack"
    assert by_country["IQ"]["event_type"] == "rocket_attack"
    assert by_country["SY"]["date"] == dt.date(2024, 3, 13)


def test_extract_background_numbers_never_reach_casualties(kb, annotator):
    r = run("Rocket attack on base in Iraq\n\n"
            "A rocket attack hit Ain al-Asad air base in Iraq on Tuesday, wounding two soldiers, officials said.\n\n"
            "It is not the first time the base has been hit. Three soldiers were killed in January in a drone "
            "attack on a base in Jordan.", kb, annotator)
    (c,) = r.candidates
    assert c["casualties"]["killed"] is None
    assert c["casualties"]["wounded"]["low"] == 2
    assert c["location"]["place"] == "al-asad-airbase"


def test_extract_claims_named_and_pronoun_and_unnamed(kb, annotator):
    r = run("Drone attack on Harir base\n\n"
            "A drone targeted Harir Air Base in northern Iraq on Monday, a U.S. official said.\n\n"
            "The Islamic Resistance in Iraq claimed responsibility for the attack. It said it targeted the base "
            "with two drones.", kb, annotator)
    (c,) = r.candidates
    assert [a["actor"] for a in c["actors"] if a["role"] == "claimed"] == ["islamic-resistance-in-iraq"]
    assert c["attribution"] == "claimed"
    r2 = run("Rockets fired at base\n\n"
             "Rockets were fired at Ain al-Asad air base in Iraq on Monday in an attack claimed by an Iran-backed "
             "militia, an official said.", kb, annotator)
    (c2,) = r2.candidates
    assert c2["claims"][0]["actor"] is None
    assert "militia" in c2["claims"][0]["description"]
    assert not [a for a in c2["actors"] if a["role"] in ("claimed", "perpetrator")]


def test_extract_unnamed_base_joins_the_site_a_claim_names(kb, annotator):
    r = run("Drones target bases in Iraq\n\n"
            "Two drones targeted Ain al-Asad air base in western Iraq and one drone targeted a base in northern "
            "Iraq on Tuesday, an official said.\n\n"
            "A militia said in a statement that it had targeted Harir air base in northern Iraq.", kb, annotator)
    assert sorted(c["location"]["place"] for c in r.candidates) == ["al-asad-airbase", "al-harir-airbase"]


def test_extract_article_without_a_new_attack_gives_nothing(kb, annotator):
    r = run("Ministers meet over shipping costs\n\n"
            "Foreign ministers met in Cairo on Tuesday to discuss the cost of shipping. Attacks on vessels have "
            "pushed insurance prices up since last year, the ministers said.\n\n"
            "They agreed to meet again next month.", kb, annotator)
    assert r.candidates == []


def test_extract_evidence_is_verbatim_and_says_what_it_supports(kb, annotator):
    text = ("Blast kills four in market\n\n"
            "A bomb exploded in a market in Kandahar, Afghanistan, on Friday, killing four people and wounding "
            "eleven, police said.")
    r = run(text, kb, annotator, published="2024-03-15")
    (c,) = r.candidates
    assert c["event_type"] == "bombing"
    assert c["casualties"]["killed"] == {"low": 4, "high": 4, "text": "killing four people"}
    assert c["casualties"]["wounded"]["low"] == 11
    for ev in c["sources"][0]["evidence"]:
        assert ev["text"] in text
    assert any("casualties" in ev["supports"] for ev in c["sources"][0]["evidence"])


def test_extract_photo_caption_is_not_news(kb, annotator):
    r = run("Talks resume in Doha\n\n"
            "Smoke rises over a village in southern Lebanon after an Israeli strike on March 12.\n\n"
            "Negotiators resumed talks in Doha on Thursday, officials said.", kb, annotator)
    assert r.candidates == []


def test_extract_unresolvable_date_is_null(kb, annotator):
    r = run("Shelling in Kharkiv\n\n"
            "Russian artillery shelled Kharkiv on Tuesday, wounding three people, the governor said.",
            kb, annotator, published=None)
    (c,) = r.candidates
    assert c["date"] is None


def test_extract_the_seed_articles(kb, annotator):
    """The project's own seeds: three incidents, the two Al-Asad rocket reports merge (see test_pipeline)."""
    articles = {a.id: a for a in ingest(ROOT / "seeds").articles}
    first = extract_article(articles["000_cbfaaabcae6d5a8d"], kb, annotator)
    assert sorted(c["location"]["place"] for c in first.candidates) == ["al-asad-airbase", "al-harir-airbase"]
    harir = next(c for c in first.candidates if c["location"]["place"] == "al-harir-airbase")
    assert "tashkil-al-waritheen" in [a["actor"] for a in harir["actors"] if a["role"] == "claimed"]
    asad = next(c for c in first.candidates if c["location"]["place"] == "al-asad-airbase")
    assert [a["actor"] for a in asad["actors"] if a["role"] == "claimed"] == ["islamic-resistance-in-iraq"]
    second = extract_article(articles["001_bff8c5740fad93cd"], kb, annotator)
    (rocket,) = second.candidates
    assert (rocket["event_type"], rocket["date"]) == ("rocket_attack", dt.date(2024, 8, 5))
    assert rocket["casualties"]["wounded"]["low"] == 2
    assert rocket["claims"][0]["actor"] is None and rocket["claims"][0]["description"]


def test_extract_attack_and_the_strike_answering_it_are_two_incidents(kb, annotator):
    r = run("Gunship hits launcher after rocket attack on base\n\n"
            "Militants fired two rockets at Harir air base in Iraq on Monday night, wounding three "
            "soldiers, officials said. In response, a U.S. AC-130 gunship carried out a self-defense strike on "
            "the launch vehicle near the base, killing two militants.", kb, annotator)
    types = sorted(c["event_type"] for c in r.candidates)
    assert types == ["air_strike", "rocket_attack"]
    strike = next(c for c in r.candidates if c["event_type"] == "air_strike")
    attack = next(c for c in r.candidates if c["event_type"] == "rocket_attack")
    assert strike["casualties"]["killed"]["low"] == 2 and strike["weapons"] == ["other"]
    assert attack["casualties"]["wounded"]["low"] == 3 and attack["casualties"]["killed"] is None


def test_extract_follow_up_article_keeps_the_older_date(kb, annotator):
    r = run("Toll from Kandahar market bombing rises to 40\n\n"
            "The number of people killed in the bombing of a market in Kandahar has risen to 40, officials said "
            "on Friday.\n\nThe attack occurred on February 2 when a bomb exploded in the crowded market.",
            kb, annotator, published="2024-03-15")
    (c,) = r.candidates
    assert c["date"] == dt.date(2024, 2, 2)
    assert c["casualties"]["killed"]["low"] == 40


def test_extract_general_attacks_and_weak_verbs_are_not_incidents(kb, annotator):
    r = run("Port fees climb amid Houthi attacks\n\n"
            "Insurance premiums for ships crossing the Red Sea rose again in March amid Houthi attacks on "
            "shipping, brokers said.", kb, annotator)
    assert r.candidates == []


def test_extract_claimed_car_bomb_with_tolls(kb, annotator):
    r = run("Group claims car bomb at Mogadishu restaurant\n\n"
            "At least nine people were killed and 11 wounded when a car bomb exploded outside a restaurant in "
            "Mogadishu on Friday evening, police said.\n\n"
            "Al-Shabaab claimed responsibility for the attack in a statement on its radio station.",
            kb, annotator, published="2024-03-16")
    (c,) = r.candidates
    assert (c["event_type"], c["location"]["country"], c["date"]) == ("bombing", "SO", dt.date(2024, 3, 15))
    assert c["casualties"]["killed"] == {"low": 9, "high": None, "text": "At least nine people were killed"}
    assert [(a["actor"], a["role"]) for a in c["actors"]] == [("al-shabaab", "claimed")]


def test_extract_state_perpetrator_is_not_also_a_target(kb, annotator):
    r = run("Drones hit Odesa port\n\n"
            "Russian drones struck port infrastructure in Odesa overnight, killing two workers, the governor said. "
            "Ukraine's air force said it shot down 20 of 24 drones launched by Russia.",
            kb, annotator, published="2024-06-11")
    (c,) = r.candidates
    roles = {(a["actor"], a["role"]) for a in c["actors"]}
    assert ("russia", "perpetrator") in roles and ("russia", "target") not in roles
    assert c["event_type"] == "drone_attack" and c["casualties"]["killed"]["low"] == 2


def test_extract_dateline_is_where_the_story_was_filed_not_the_attack(kb, annotator):
    r = run("Explosion at checkpoint kills four soldiers\n\n"
            "BAMAKO, Mali (AP) — An improvised explosive device killed four soldiers at an army checkpoint near "
            "the central town of Mopti on Wednesday, the army said. Jihadists linked to al-Qaeda are active in "
            "the region.", kb, annotator, published="2024-05-09")
    (c,) = r.candidates
    assert c["location"]["name"] == "Mopti" and c["date"] == dt.date(2024, 5, 8)
    assert c["actors"] == [] and c["attribution"] == "unknown"  # "linked to" describes, it does not accuse


def test_extract_towns_across_a_border_are_separate_incidents(kb, annotator):
    r = run("Strike in Lebanon and rockets on Israel\n\n"
            "An Israeli drone strike on a car in the southern Lebanese town of Nabatieh on Tuesday killed two "
            "people, a security source said.\n\n"
            "Hezbollah later said it fired rockets at an army base in Kiryat Shmona. The Israeli military said "
            "no injuries were reported.", kb, annotator)
    assert sorted(c["location"]["country"] for c in r.candidates) == ["IL", "LB"]


def test_extract_rockets_that_landed_are_an_attack(kb, annotator):
    r = run("Rockets near base\n\nThree rockets landed near the Conoco gas field base in Deir ez-Zor province, "
            "Syria, on Monday, a war monitor said. There were no casualties.", kb, annotator, published="2024-01-16")
    (c,) = r.candidates
    assert (c["event_type"], c["date"], c["location"]["country"]) == ("rocket_attack", dt.date(2024, 1, 15), "SY")
    assert c["casualties"]["killed"] == {"low": 0, "high": 0, "text": "no casualties"}


# --------------------------------------------------------------------------- issue 12: type, weapons, tolls, dates


def test_extract_ground_assault_is_an_armed_clash(kb, annotator):
    # wire: a storming and a gun battle
    r = run("Militants storm army post in central Mali\n\n"
            "BAMAKO, Mali (AP) — Militants stormed an army post near the central town of Mopti on Tuesday, "
            "sparking a gun battle that lasted several hours, the army said.\n\n"
            "Troops later neutralized the attackers, a security official said.", kb, annotator, published="2024-05-08")
    (c,) = r.candidates
    assert (c["event_type"], c["weapons"]) == ("armed_clash", ["gun"])
    # local outlet: armed men attacked worshippers, no weapon named
    r = run("Terrorists kill 12 worshippers in mosque attack\n\n"
            "Heavily armed terrorists attacked worshippers at a mosque in Kandahar on Friday afternoon, killing "
            "12 people, the district chief told our correspondent.", kb, annotator, published="2024-03-16")
    (c,) = r.candidates
    assert (c["event_type"], c["weapons"]) == ("armed_clash", [])
    # a shooting into a crowd stays a shooting
    r = run("Gunmen kill tourists in Kandahar\n\n"
            "Gunmen opened fire on a group of tourists in Kandahar on Friday, killing three, police said.",
            kb, annotator, published="2024-03-16")
    assert [c["event_type"] for c in r.candidates] == ["other"]


def test_extract_suicide_bombing_has_the_suicide_bomb_weapon(kb, annotator):
    # official statement
    r = run("Statement of the Ministry of Interior\n\n"
            "A suicide bomber detonated an explosive vest at a police checkpoint in Kandahar on Monday, killing "
            "five officers and wounding nine civilians. The ministry condemns this cowardly act.",
            kb, annotator, published="2024-03-12")
    (c,) = r.candidates
    assert (c["event_type"], c["weapons"]) == ("bombing", ["bomb", "suicide_bomb"])
    # wire
    r = run("Suicide car bomb kills eight in Beledweyne\n\n"
            "BELEDWEYNE, Somalia (Reuters) - A suicide car bomb exploded outside a police station in Beledweyne on "
            "Saturday, killing at least eight people and wounding 20, police said.", kb, annotator,
            published="2024-03-16")
    (c,) = r.candidates
    assert c["event_type"] == "bombing" and "suicide_bomb" in c["weapons"]


def test_extract_weapons_of_the_background_do_not_leak(kb, annotator):
    # wire: drones kept at the airport that was attacked are not the attack's weapons
    r = run("Militants attack Gao airport\n\n"
            "GAO, Mali (AP) — Militants attacked a military zone at the airport in Gao on Tuesday, where the "
            "army's drones are kept, and exchanged gunfire with troops for hours, officials said.",
            kb, annotator, published="2024-05-14")
    (c,) = r.candidates
    assert "drone" not in c["weapons"] and c["event_type"] == "armed_clash"
    # local outlet: the drone strike is the one the ceremony remembered
    r = run("Twin blasts hit shrine crowd in Mazar-i-Sharif\n\n"
            "Two bombs exploded near a shrine in Mazar-i-Sharif on Wednesday during a gathering marking the "
            "anniversary of a cleric's killing in a drone strike, leaving 12 people dead, officials said.",
            kb, annotator, published="2024-06-13")
    (c,) = r.candidates
    assert c["weapons"] == ["bomb"] and c["event_type"] == "bombing"


def test_extract_the_attackers_own_dead_are_not_victims(kb, annotator):
    # wire
    r = run("Gunmen storm plant near Adana\n\n"
            "ADANA, May 7 (Reuters) - Gunmen stormed a chemical plant near Adana on Tuesday, killing three "
            "workers, the interior minister said. Two attackers were killed by security forces.",
            kb, annotator, published="2024-05-07")
    (c,) = r.candidates
    assert c["casualties"]["killed"]["low"] == 3
    # official statement
    r = run("Statement of the General Staff\n\n"
            "On Monday, terrorists attacked a military post near Mopti. Three soldiers were killed in the attack. "
            "Our forces repelled the assailants, and eight terrorists were killed.", kb, annotator,
            published="2024-05-08")
    (c,) = r.candidates
    assert c["casualties"]["killed"]["low"] == 3 and c["event_type"] == "armed_clash"


def test_extract_a_statement_day_is_not_the_attack_day(kb, annotator):
    # an agency's statement, published on Monday
    r = run("UN envoy condemns deadly shelling\n\n"
            "The UN envoy for children today condemned the shelling that killed 11 civilians in Kherson, "
            "Ukraine, on Friday evening.", kb, annotator, published="2024-03-18")
    (c,) = r.candidates
    assert c["date"] == dt.date(2024, 3, 15)
    # local outlet: the funeral's day is not the shelling's
    r = run("Kharkiv buries victims of shelling\n\n"
            "Residents of Kharkiv on Thursday buried the six people killed when shells hit their street late on "
            "Tuesday, the city council said.", kb, annotator, published="2024-03-14")
    (c,) = r.candidates
    assert c["date"] == dt.date(2024, 3, 12)


def test_extract_a_page_date_stamp_is_not_the_attack_date(kb, annotator):
    r = run("10/05/2024 October 5, 2024 Drone strike kills commander near Tyre\n\n"
            "A drone strike hit a car on the coastal road near Tyre late on Friday, killing a militia commander, "
            "the military said.", kb, annotator, published="2024-10-05")
    (c,) = r.candidates
    assert c["date"] == dt.date(2024, 10, 4)
    r = run("Written: 2024-10-05 09:12 Drone strike on car near Nabatieh\n\n"
            "A drone struck a car near the southern Lebanese town of Nabatieh on Thursday, killing two people, "
            "a security source said.", kb, annotator, published="2024-10-05")
    (c,) = r.candidates
    assert c["date"] == dt.date(2024, 10, 3)


def test_extract_trials_and_arrests_over_an_attack_give_no_incident(kb, annotator):
    # local outlet: a court report
    r = run("Court remands suspects over Kandahar mosque attack\n\n"
            "A court in Kandahar on Monday remanded in custody four suspected militants who attacked a mosque "
            "in the city in 2022, killing 30 worshippers. The suspects pleaded not guilty.", kb, annotator)
    assert r.candidates == []
    # the same without a year, and charges read in court; a headline naming the trial after the attack
    for text in ("Court remands suspects over Herat shrine attack\n\nA court in Herat on Monday remanded in custody "
                 "four men who attacked a Sufi shrine in the city, killing 12 worshippers.",
                 "Three charged over Garissa bus ambush\n\nProsecutors in Garissa on Wednesday charged three men over "
                 "the ambush of a passenger bus that killed nine people. The men denied the charges.",
                 "Verdict due in Sousse beach shooting trial\n\nA judge in Tunis will deliver a verdict on Friday in "
                 "the trial of six men accused of the shooting at a Sousse beach hotel that killed 38 tourists."):
        assert run(text, kb, annotator).candidates == [], text
    # wire: an arrest
    r = run("Police arrest three over Mogadishu market bombing\n\n"
            "MOGADISHU, Somalia (Reuters) - Somali police said on Tuesday they had arrested three men suspected "
            "of carrying out the bombing of a market in Mogadishu last year that killed 20 people.",
            kb, annotator)
    assert r.candidates == []
    # an inquiry into an attack of the same week is still news of that attack
    r = run("Governor orders probe of air strike\n\n"
            "The governor on Tuesday ordered an investigation into Monday's military air strike on a village near "
            "Katsina, Nigeria, which claimed the lives of more than 20 herders.", kb, annotator,
            published="2024-06-11")
    (c,) = r.candidates
    assert c["date"] == dt.date(2024, 6, 10) and c["casualties"]["killed"]["low"] == 21


def test_extract_warns_about_an_article_without_a_publication_date(tmp_path):
    from generator.extract.run import draft

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "undated.txt").write_text("Shelling in Kharkiv\n\nRussian artillery shelled Kharkiv on Tuesday, "
                                       "wounding three people, the governor said.\n", encoding="utf-8")
    (seeds / "dated.md").write_text("---\ntitle: Blast\npublished: 2024-03-15\n---\nA bomb exploded in a market in "
                                    "Kandahar on Friday, killing four people.\n", encoding="utf-8")
    _, report = draft(seeds, tmp_path / "records", jobs=1)
    (p,) = [p for p in report.problems if p.field == "published"]
    assert p.path == "undated.txt" and "`undated.txt: {published: YYYY-MM-DD}` to seeds/sources.yaml" in p.message
    assert "front matter" not in p.message  # a .txt file has none


def test_extract_attack_at_sea_is_coded_to_the_nearest_coast_named(kb, annotator):
    # maritime security notice
    r = run("Tanker hit by missile in Red Sea\n\n"
            "A missile fired by the Houthis struck a tanker in the Red Sea about 40 nautical miles off the coast "
            "of Eritrea on Tuesday, a maritime security agency said.", kb, annotator)
    (c,) = r.candidates
    assert (c["event_type"], c["location"]["country"]) == ("attack_on_ship", "ER")
    # wire
    r = run("Drone hits bulk carrier in Gulf of Aden\n\n"
            "A bulk carrier was hit by a drone in the Gulf of Aden, 60 miles east of Djibouti, on Monday, a "
            "security firm said. The Houthis later claimed the attack.", kb, annotator)
    (c,) = r.candidates
    assert c["location"]["country"] == "DJ"
    # no shore named: the country the attack was launched from
    r = run("Missile hits ship in Red Sea\n\n"
            "A Houthi missile struck a container ship in the Red Sea on Tuesday, U.S. Central Command said.",
            kb, annotator)
    assert [c["location"]["country"] for c in r.candidates] == ["YE"]


def test_extract_a_separate_incident_does_not_borrow_the_lead_date(kb, annotator):
    # wire, published on a Thursday
    r = run("Missiles hit Kharkiv\n\n"
            "Russian missiles struck Kharkiv on Tuesday, killing five people, the governor said.\n\n"
            "In a separate attack, drones hit the port of Odesa, wounding two workers, officials said.",
            kb, annotator, published="2024-03-14")
    dates = {c["location"]["name"]: (c["date"], c["date_precision"]) for c in r.candidates}
    assert dates["Kharkiv"] == (dt.date(2024, 3, 12), "day") and dates["Odesa"][1] == "unknown"
    # local outlet
    r = run("Shelling kills three in Kherson\n\n"
            "Shelling killed three people in Kherson on Monday, the regional administration said.\n\n"
            "Elsewhere, a drone struck a bus in Nikopol, injuring four passengers.", kb, annotator)
    dates = {c["location"]["name"]: c["date_precision"] for c in r.candidates}
    assert dates == {"Kherson": "day", "Nikopol": "unknown"}


def test_extract_weapons_are_named_as_the_text_names_them(kb, annotator):
    # wire: "a projectile" is the rocket the report names, not a missile
    r = run("Rockets hit northern Israel town\n\n"
            "Rockets fired from Lebanon struck Kiryat Shmona on Tuesday, the army said. A projectile hit a house "
            "in the town, wounding two people.", kb, annotator)
    assert [c["weapons"] for c in r.candidates] == [["rocket"]]
    # local outlet: the projectile is one of the mortar rounds
    r = run("Mortar rounds hit Mogadishu market\n\n"
            "Mortar rounds fired by militants landed in a market in Mogadishu on Friday; one projectile hit a "
            "shop, killing a trader, police told our reporter.", kb, annotator, published="2024-03-16")
    assert [c["weapons"] for c in r.candidates] == [["mortar"]]


def test_extract_a_recent_attack_a_retaliation_answers_is_news_too(kb, annotator):
    # wire, leading with the retaliation: the answered attack has its own day and place
    r = run("Jets pound militant camps after border post attack\n\n"
            "ANKARA, March 14 (Reuters) - Turkish warplanes struck militant positions in northern Iraq on Thursday "
            "in response to an attack on Wednesday on a border post in Sirnak province that killed four soldiers."
            "\n\nThe defence ministry said 20 targets were destroyed in the strikes.", kb, annotator)
    by_country = {c["location"]["country"]: c for c in r.candidates}
    assert sorted(by_country) == ["IQ", "TR"]
    assert by_country["IQ"]["event_type"] == "air_strike" and by_country["IQ"]["casualties"]["killed"] is None
    assert by_country["TR"]["date"] == dt.date(2024, 3, 13)
    assert by_country["TR"]["casualties"]["killed"]["low"] == 4
    # official statement: "in retaliation for" a recent named attack
    r = run("Statement on precision strikes\n\n"
            "The armed forces carried out precision strikes on weapons depots in Syria on Wednesday in "
            "retaliation for Monday's drone attack on the Tower 22 outpost in Jordan, which wounded 30 "
            "service members.", kb, annotator)
    assert sorted(c["location"]["country"] for c in r.candidates) == ["JO", "SY"]
    # an old attack answered stays background
    r = run("Jets pound militant camps\n\n"
            "Warplanes struck militant positions in northern Iraq on Wednesday in retaliation for an attack on a "
            "border post in Sirnak province on January 3 that killed four soldiers.", kb, annotator)
    assert [c["location"]["country"] for c in r.candidates] == ["IQ"]


def test_extract_strikes_in_two_countries_named_together_are_placed_alike(kb, annotator):
    # one outlet names Syria first, another Iraq first: both place the operation at the same country
    a = run("Army hits militant targets\n\n"
            "The army launched air strikes against militant hideouts in northern Syria and Iraq on Wednesday, "
            "the defence ministry said.", kb, annotator)
    b = run("Strikes across the border\n\n"
            "Warplanes carried out air strikes on Wednesday against militant hideouts in northern Iraq and Syria, "
            "destroying 30 targets, according to a ministry statement.", kb, annotator)
    assert [c["location"]["country"] for c in a.candidates] == [c["location"]["country"] for c in b.candidates]
    assert len(a.candidates) == 1


def test_extract_another_kind_of_attack_in_a_dated_paragraph_of_its_own(kb, annotator):
    # local outlet: a raid at home, then the air strikes abroad the ministry announced that night
    text = ("Gunmen storm factory in Kayseri\n\n"
            "Gunmen stormed a textile factory in Kayseri on Wednesday, killing three guards, the governor said.\n\n"
            "The attackers were shot dead by police after a two-hour standoff.\n\n"
            "Relatives gathered outside the hospital where the wounded were treated.\n\n"
            "\"Air strikes were carried out against militant targets in northern Iraq,\" the defence ministry "
            "announced on Wednesday night.\n\n"
            "The governor said the attack was planned for weeks. Two of the wounded were in serious condition.")
    r = run(text, kb, annotator, published="2024-03-14")
    by_type = {c["event_type"]: c for c in r.candidates}
    assert by_type["air_strike"]["location"]["country"] == "IQ"
    assert by_type["air_strike"]["date"] == dt.date(2024, 3, 13)
    assert by_type["air_strike"]["casualties"] == {"killed": None, "wounded": None}
    assert len(r.candidates) == 2
    # wire: an undated aside of another kind stays out
    r = run(text.replace(" on Wednesday night", ""), kb, annotator, published="2024-03-14")
    assert len(r.candidates) == 1


def test_extract_in_direct_response_to_and_a_quoted_connector_open_the_answered_attack(kb, annotator):
    # official statement quoted: the connector opens the quotation
    r = run("Strikes on depots in Syria\n\n"
            "Warplanes struck two weapons depots in eastern Syria on Wednesday. The command said the raids were "
            "\u201cin direct response to the rocket attack on a base in Iraq on Monday.\u201d", kb, annotator)
    by_country = {c["location"]["country"]: c for c in r.candidates}
    assert by_country["SY"]["weapons"] == [] and by_country["SY"]["event_type"] == "air_strike"
    assert by_country["IQ"]["event_type"] == "rocket_attack" and by_country["IQ"]["date"] == dt.date(2024, 3, 11)
    # local outlet: "in swift response to" with no quotation
    r = run("Army shells border villages\n\n"
            "The army shelled villages in southern Lebanon on Wednesday in swift response to a drone attack in "
            "Haifa on Tuesday that wounded two dock workers.", kb, annotator)
    by_country = {c["location"]["country"]: c for c in r.candidates}
    assert by_country["LB"]["casualties"]["wounded"] is None
    assert by_country["IL"]["casualties"]["wounded"]["low"] == 2
    # a country after a comma that names the speaker is no second country hit
    r = run("Strikes hit depots\n\nWarplanes struck weapons depots in Syria, Israel said on Thursday.", kb, annotator)
    assert [c["location"]["country"] for c in r.candidates] == ["SY"]


def _drafts(kb, annotator, texts: dict[str, str]):
    from generator.extract.run import build_drafts

    arts = [Article(id=aid, path=f"{aid}.txt", title=text.split("\n\n")[0], text=text, outlet=aid,
                    published=dt.date(2024, 3, 14), published_precision="day") for aid, text in texts.items()]
    results = {}
    for a in arts:
        r = extract_article(a, kb, annotator)
        results[a.id] = {"candidates": r.candidates, "context": r.context, "new_actors": r.new_actors}
    return build_drafts(arts, results, kb).incidents


def _cited(incidents):
    return {r["location"]["place"]: sorted(s["article"] for s in r["sources"]) for r in incidents}


def test_extract_a_strike_answering_an_unplaced_attack_cites_the_one_record_of_that_day(kb, annotator):
    """A report that leads with the retaliation and dates, but does not place, the attack it answers
    also reports that attack: it becomes a source of the only record of that country and day."""
    local = ("Gunmen attack police station in Diyarbakir\n\n"
             "Gunmen attacked a police station in Diyarbakir on Wednesday night, killing three officers, "
             "the governor's office said.")
    # wire, leading with the strikes; the attack answered is dated and Turkish, never placed
    wire = ("Turkish jets strike militant targets in Iraq\n\n"
            "ANKARA, March 14 (Wire) - Turkish warplanes struck militant targets in northern Iraq on Thursday "
            "in response to an attack on a Turkish police station on Wednesday, the defence ministry said.")
    incidents = _drafts(kb, annotator, {"local": local, "wire": wire})
    record = next(r for r in incidents if r["location"]["place"] == "diyarbak-r")
    assert sorted(s["article"] for s in record["sources"]) == ["local", "wire"]
    joined = next(s for s in record["sources"] if s["article"] == "wire")
    assert [e["supports"] for e in joined["evidence"]] == [["date"]] and joined["evidence"][0]["text"] in wire
    assert any(f["field"] == "sources" and "wire cited for the attack of 2024-03-13" in f["why"]
               for f in record["uncertain"])
    assert record["summary"].endswith("2 sources.")

    # official statement: the attack answered is one on the country's troops
    report = ("Drone attack on army base in Haifa\n\n"
              "A drone attack on an army base in Haifa wounded two soldiers on Wednesday, the military said.")
    statement = ("Statement of the army spokesperson\n\n"
                 "The army carried out air strikes on weapons depots in Lebanon on Thursday as a response to "
                 "the drone attack on Israeli troops on Wednesday.")
    cited = _cited(_drafts(kb, annotator, {"report": report, "statement": statement}))
    assert cited["haifa"] == ["report", "statement"]

    # two records of that country and day: either may be the attack answered, so neither cites it
    local = ("Gunmen attack police station in Diyarbakir\n\n"
             "Gunmen attacked a police station in Diyarbakir on Wednesday night, killing three officers.")
    other = ("Bomb hits bus in Izmir\n\n"
             "A bomb exploded near a bus in Izmir on Wednesday, wounding four people, police said.")
    wire = ("Turkish jets strike militant targets in Iraq\n\n"
            "Turkish warplanes struck militant targets in northern Iraq on Thursday in response to an attack "
            "on a Turkish police station on Wednesday.")
    cited = _cited(_drafts(kb, annotator, {"local": local, "other": other, "wire": wire}))
    assert cited["diyarbak-r"] == ["local"] and cited["izmir"] == ["other"]  # the city ("İzmir" in GeoNames)
