"""Where an attack happened, as opposed to the places an article names in passing.

Hand-written articles in several outlets' styles (wire with dateline, local outlet, official
statement). They load the spaCy model once per module, so they are marked slow.
"""


import pytest

from tests.extract_helpers import extract_text

pytestmark = pytest.mark.slow


def run(text, kb, annotator, published="2024-03-14", aid="t1"):
    return extract_text(text, kb, annotator, published, aid)


def only(result):
    (c,) = result.candidates
    return c["location"]


# ------------------------------------------------------------------ a place at the end of a paragraph


def test_place_closing_a_headline_or_paragraph_is_found(kb, annotator):
    # A headline has no full stop; a lead may end on the place. Both must still name it.
    loc = only(run("Shelling kills nine at a crowded market in Omdurman\n\n"
                   "At least nine people were killed on Wednesday when shells hit a crowded market in Omdurman.\n\n"
                   "Residents said the shelling lasted an hour.", kb, annotator))
    assert loc["place"] == "omdurman"


# ------------------------------------------------------------------ places named in passing


def test_officials_seat_and_the_hospital_town_are_not_the_attack_place(kb, annotator):
    local = only(run("Governor orders probe into strike\n\n"
                     "Governor Musa Bello of Kaduna State has ordered an inquiry into Tuesday's air strike at "
                     "Kurmin Dangi village, which killed 12 people.\n\n"
                     "The injured were taken to a teaching hospital in Kaduna, the governor said.",
                     kb, annotator))
    assert "Kurmin Dangi" in local["name"] and local["place"] != "kaduna"
    wire = only(run("Army drone strike kills 12 villagers\n\n"
                    "KADUNA, Nigeria (Reuters) - An army drone strike killed 12 villagers at Kurmin Dangi village "
                    "in Kaduna State on Tuesday, residents said.\n\n"
                    "The wounded were rushed to a hospital in Kaduna, a state official said.", kb, annotator))
    assert "Kurmin Dangi" in wire["name"] and wire["place"] == "kaduna-state"
    statement = only(run("Statement on the Kurmin Dangi incident\n\n"
                         "The Ministry of Defence in Abuja regrets the air strike on Tuesday at Kurmin Dangi village, "
                         "in which 12 civilians were killed during an operation against bandits.", kb, annotator))
    assert "Kurmin Dangi" in statement["name"] and statement["country"] == "NG"
    assert statement["place"] != "abuja"


def test_dateline_city_and_reference_city_yield_to_the_place_of_the_attack(kb, annotator):
    wire = only(run("Shelling on market kills 20\n\n"
                    "Khartoum, March 13 At least 20 civilians were killed in shelling on a market in Omdurman on "
                    "Wednesday, a medical source said.", kb, annotator))
    assert wire["place"] == "omdurman"
    local = only(run("Gunmen kill seven near Konduga\n\n"
                     "Gunmen killed seven farmers on Wednesday about 40 km east of Maiduguri, near the town of "
                     "Konduga in Borno State, residents said.", kb, annotator))
    assert local["place"] == "konduga"


# ------------------------------------------------------------------ a named place the gazetteer lacks


def test_named_village_or_town_the_gazetteer_lacks_is_kept_as_the_place_name(kb, annotator):
    wire = only(run("Rebels kill 30 in church attack\n\n"
                    "BUNIA, Congo (AP) - Rebels attacked a church in the town of Nyakale, Ituri province, on "
                    "Sunday, killing at least 30 worshippers, a local official said.", kb, annotator))
    assert wire["name"] == "Nyakale" and wire["country"] == "CD" and wire["place"] != "bunia"
    local = only(run("Hundreds killed in jihadist attack\n\n"
                     "At least 200 people were killed on Saturday in an attack on Gidan Bawa, a town in Burkina "
                     "Faso, by jihadist fighters, a security source said.", kb, annotator))
    assert local["name"] == "Gidan Bawa" and local["country"] == "BF"


# ------------------------------------------------------------------ another attack in the same article


def test_separate_incident_in_a_nearby_town_is_its_own_candidate(kb, annotator):
    wire = run("Shelling kills 20 at market in Sudan\n\n"
               "OMDURMAN, Sudan (AP) — Shelling hit a crowded market in Omdurman on Saturday, killing 20 people, "
               "medics said.\n\n"
               "In a separate incident in Khartoum, two civilians were killed in an air strike on a residential "
               "area, a volunteer group said.", kb, annotator, published="2025-02-01")
    assert sorted(c["location"]["place"] for c in wire.candidates) == ["khartoum", "omdurman"]
    local = run("Drone strike hits Bahri neighbourhood\n\n"
                "A drone struck a fuel depot in Khartoum North on Friday, killing three workers, the civil "
                "defence said.\n\n"
                "Elsewhere in Khartoum, artillery shells fell on a residential street, wounding five people.",
                kb, annotator, published="2025-02-01")
    assert sorted(c["location"]["place"] for c in local.candidates) == ["khartoum", "khartoum-north"]


def test_country_capital_district_and_named_facility(kb, annotator):
    wire = only(run("Militants attack police academy in Mali's capital\n\n"
                    "BAMAKO, Mali (AP) — Militants attacked a police academy in Mali's capital on Tuesday, sparking "
                    "a gunbattle, officials said.", kb, annotator))
    assert wire["place"] == "bamako"
    local = only(run("Gunmen storm police post\n\n"
                     "Gunmen stormed a police post in the Sogoniko district of Bamako, Mali, on Thursday, "
                     "killing two officers, a security source said.", kb, annotator))
    assert local["place"] == "bamako" and "Sogoniko" in local["name"]
    statement = only(run("Statement of the Ministry of Interior\n\n"
                         "Terrorists attacked the Yenikent Aviation facilities in Ankara, Türkiye, on Wednesday, "
                         "killing four employees. Two attackers were neutralised.", kb, annotator))
    assert statement["name"] == "Yenikent Aviation facilities" and statement["place"] == "ankara"


def test_reference_city_of_the_headline_and_the_war_theatre_make_no_incident(kb, annotator):
    wire = run("Drones strike fuel depot south of Moscow\n\n"
               "Drones strike fuel depot south of Moscow\n\n"
               "Drones strike fuel depot south of Moscow\n\n"
               "Drones strike fuel depot south of Moscow\n\n"
               "KYIV (Reuters) - Ukrainian drones struck a fuel depot in Ryazan, south of Moscow, overnight into "
               "Thursday, a source in Kyiv said.\n\n"
               "The regional governor said a fire broke out after the attack.", kb, annotator)
    assert [c["location"]["place"] for c in wire.candidates] == ["ryazan"]
    local = run("Consulate flattened in air strike\n\n"
                "DAMASCUS - An air strike flattened Iran's consulate in Damascus on Monday, killing seven people, "
                "state media said.\n\n"
                "Israel, which has repeatedly struck Iranian targets during the war in Gaza, declined to comment "
                "on the strike, which killed a senior commander.", kb, annotator)
    assert [c["location"]["country"] for c in local.candidates] == ["SY"]


def test_dateline_places_an_attack_the_text_places_nowhere_else(kb, annotator):
    agency = only(run("Terror attack on defence company kills five\n\n"
                      "ANKARA\n\n"
                      "The interior minister said an attack on the premises of a defence company left five dead "
                      "and 19 injured on Wednesday.\n\n"
                      "\"Two terrorists were neutralised in the attack against Yenikent Aviation facilities,\" he "
                      "wrote.", kb, annotator))
    assert agency["place"] == "ankara" and agency["name"] == "Yenikent Aviation facilities"
    wire = only(run("Gunmen kill four in attack on convoy\n\n"
                    "KHARTOUM, March 13 (Xinhua) -- Gunmen attacked a convoy of traders on Wednesday, killing four "
                    "people, a police source said.", kb, annotator))
    assert wire["place"] == "khartoum"
    # The text places the attack elsewhere in the country: the dateline does not.
    far = only(run("Jihadists attack army post\n\n"
                   "BAMAKO, Mali (AP) — Jihadists attacked an army post in northern Mali on Wednesday, killing "
                   "six soldiers, the army said.", kb, annotator))
    assert far["place"] != "bamako" and far["country"] == "ML"


def test_village_named_only_below_the_lead_still_places_the_attack(kb, annotator):
    # A wire story reprinted under a mourning headline: the lead names no place, the village comes later.
    r = run("Niger declares mourning after 30 killed in attack\n\n"
            "The government announced three days of national mourning.\n\n"
            "Published on March 14, 2024 at 10:00\n\n"
            "The village of Kouré Béri, which gunmen attacked on March 12, 2024, lies near the border with "
            "Mali.\n\n"
            "The victims were killed as they left the market in the Kouré Béri quarter of the rural town of "
            "Ayorou, the ministry said.", kb, annotator)
    loc = only(r)
    assert "Kouré Béri" in loc["name"] and loc["country"] == "NE"


def test_ships_flag_state_is_not_where_it_was_attacked(kb, annotator):
    wire = only(run("Missile hits tanker in Red Sea\n\n"
                    "DUBAI (Reuters) - A Houthi missile hit a Marshall Islands-flagged tanker in the Red Sea on "
                    "Wednesday, causing a fire on board, the U.S. military said.", kb, annotator))
    assert wire["country"] != "MH"
    local = only(run("Cargo ship attacked off Yemen\n\n"
                     "A cargo ship registered in Malta was struck by a drone boat in the Red Sea on Wednesday, "
                     "the maritime agency UKMTO said. The Houthis claimed the attack.", kb, annotator))
    assert local["country"] != "MT"


def test_where_officials_spoke_is_not_the_attack_place(kb, annotator):
    wire = only(run("Missile strike kills 14 in Kryvyi Rih\n\n"
                    "A Russian missile struck a residential area of Kryvyi Rih on Friday, killing 14 people, "
                    "officials said.\n\n"
                    "In Kyiv, President Volodymyr Zelensky condemned the attack and called for more air defence "
                    "systems.\n\n"
                    "Speaking in Kyiv later, the foreign minister said the strike was a war crime.", kb, annotator,
                    published="2025-04-05"))
    assert wire["place"] == "kryvyy-rih"
    statement = run("Statement by the Ministry\n\n"
                    "Speaking at a news conference in Moscow, the ministry spokesman said air defences destroyed "
                    "12 drones over the Belgorod region overnight. No casualties were reported.", kb, annotator,
                    published="2025-04-05")
    assert [c["location"]["place"] for c in statement.candidates] != ["moscow"]
