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
    loc = only(run("Shelling kills nine at a crowded bus station in El Obeid\n\n"
                   "At least nine people were killed on Wednesday when shells hit a crowded bus station in El "
                   "Obeid.\n\nResidents said the shelling lasted an hour.", kb, annotator))
    assert loc["place"] == "el-obeid"


# ------------------------------------------------------------------ places named in passing


def test_officials_seat_and_the_hospital_town_are_not_the_attack_place(kb, annotator):
    local = only(run("Governor orders probe into strike\n\n"
                     "Governor Ahmed Aliyu of Sokoto State has ordered an inquiry into Tuesday's air strike at "
                     "Gidan Maikano village, which killed eight people.\n\n"
                     "The injured were taken to a specialist hospital in Sokoto, the governor said.",
                     kb, annotator))
    assert "Gidan Maikano" in local["name"] and local["place"] != "sokoto"
    wire = only(run("Army drone strike kills eight villagers\n\n"
                    "SOKOTO, Nigeria (Reuters) - An army drone strike killed eight villagers at Gidan Maikano "
                    "village in Sokoto State on Tuesday, residents said.\n\n"
                    "The wounded were rushed to a hospital in Sokoto, a state official said.", kb, annotator))
    assert "Gidan Maikano" in wire["name"] and wire["place"] == "sokoto-state"
    statement = only(run("Statement on the Gidan Maikano incident\n\n"
                         "The Ministry of Defence in Abuja regrets the air strike on Tuesday at Gidan Maikano "
                         "village, in which eight civilians were killed during an operation against bandits.",
                         kb, annotator))
    assert "Gidan Maikano" in statement["name"] and statement["country"] == "NG"
    assert statement["place"] != "abuja"
    # The hospital town in the attack's own sentence, finer than the state the attack is placed in.
    one = only(run("Drone strike kills eight\n\nA drone strike killed eight villagers in Zamfara State on Tuesday, "
                   "and the wounded were rushed to a hospital in Gusau, officials said.", kb, annotator))
    assert one["place"] == "zamfara-state"


def test_dateline_city_and_reference_city_yield_to_the_place_of_the_attack(kb, annotator):
    wire = only(run("Shelling on hospital kills 20\n\n"
                    "Port Sudan, March 13 At least 20 civilians were killed in shelling on a hospital in El Obeid on "
                    "Wednesday, a medical source said.", kb, annotator))
    assert wire["place"] == "el-obeid"
    local = only(run("Gunmen kill seven near Konduga\n\n"
                     "Gunmen killed seven farmers on Wednesday about 40 km east of Maiduguri, near the town of "
                     "Konduga in Borno State, residents said.", kb, annotator))
    assert local["place"] == "konduga"


# ------------------------------------------------------------------ a named place the gazetteer lacks


def test_named_village_or_town_the_gazetteer_lacks_is_kept_as_the_place_name(kb, annotator):
    wire = only(run("Rebels kill 17 in raid on health centre\n\n"
                    "BENI, Congo (AP) - Rebels attacked a health centre in the town of Mbuluka, North Kivu province, "
                    "on Sunday, killing at least 17 patients, a local official said.", kb, annotator))
    assert wire["name"] == "Mbuluka" and wire["country"] == "CD" and wire["place"] != "beni"
    local = only(run("Dozens killed in jihadist raid\n\n"
                     "At least 40 people were killed on Saturday in a raid on Kougrimbila, a town in Burkina Faso "
                     "near the border with Niger, residents said.", kb, annotator))
    assert local["name"] == "Kougrimbila" and local["country"] == "BF"


# ------------------------------------------------------------------ another attack in the same article


def test_separate_incident_in_a_nearby_town_is_its_own_candidate(kb, annotator):
    wire = run("Shelling kills 20 at bus station in Sudan\n\n"
               "EL OBEID, Sudan (AP) — Shelling hit a crowded bus station in El Obeid on Saturday, killing 20 "
               "people, medics said.\n\n"
               "In a separate incident in Kadugli, two civilians were killed in an air strike on a residential "
               "area, a volunteer group said.", kb, annotator, published="2025-03-08")
    assert sorted(c["location"]["place"] for c in wire.candidates) == ["el-obeid", "kadugli"]
    local = run("Drone strike hits Sadr City depot\n\n"
                "A drone struck a fuel depot in Sadr City on Friday, killing three workers, the civil "
                "defence said.\n\n"
                "Elsewhere in Baghdad, mortar shells fell on a residential street, wounding five people.",
                kb, annotator, published="2025-03-08")
    assert sorted(c["location"]["place"] for c in local.candidates) == ["baghdad", "sadr-city"]


def test_country_capital_district_and_named_facility(kb, annotator):
    wire = only(run("Militants attack police academy in Burkina Faso's capital\n\n"
                    "OUAGADOUGOU, Burkina Faso (AP) — Militants attacked a police academy in Burkina Faso's capital "
                    "on Tuesday, sparking a gunbattle, officials said.", kb, annotator))
    assert wire["place"] == "ouagadougou"
    local = only(run("Gunmen storm police post\n\n"
                     "Gunmen stormed a police post in the Gounghin district of Ouagadougou, Burkina Faso, on "
                     "Thursday, killing two officers, a security source said.", kb, annotator))
    assert local["place"] == "ouagadougou" and "Gounghin" in local["name"]
    statement = only(run("Statement of the Ministry of Interior\n\n"
                         "Terrorists attacked the Kestel Rail facilities in Bursa, Türkiye, on Wednesday, "
                         "killing two employees. Both attackers were neutralised.", kb, annotator))
    assert statement["name"] == "Kestel Rail facilities" and statement["place"] == "bursa"


def test_reference_city_of_the_headline_and_the_war_theatre_make_no_incident(kb, annotator):
    wire = run("Drones strike ammunition depot west of Moscow\n\n"
               "Drones strike ammunition depot west of Moscow\n\n"
               "Drones strike ammunition depot west of Moscow\n\n"
               "Drones strike ammunition depot west of Moscow\n\n"
               "KYIV (Reuters) - Ukrainian drones struck an ammunition depot in Smolensk, west of Moscow, "
               "overnight into Thursday, a source in Kyiv said.\n\n"
               "The regional governor said a fire broke out after the attack.", kb, annotator)
    assert [c["location"]["place"] for c in wire.candidates] == ["smolensk"]
    local = run("Warehouse flattened in air strike\n\n"
                "HOMS - An air strike flattened a warehouse used by Iranian advisers near Homs on Monday, killing "
                "four people, state media said.\n\n"
                "Israel, which has struck Iranian targets across the region since the war in Gaza began, did not "
                "comment on the strike, which killed a senior adviser.", kb, annotator)
    assert [c["location"]["country"] for c in local.candidates] == ["SY"]


def test_dateline_places_an_attack_the_text_places_nowhere_else(kb, annotator):
    agency = only(run("Attack on textile plant kills three\n\n"
                      "KAYSERI\n\n"
                      "The governor said gunmen attacked a textile plant on Wednesday, leaving three dead and seven "
                      "injured.\n\n"
                      "\"Both assailants were neutralised in the attack against the Erciyes Weaving facilities,\" "
                      "he wrote.", kb, annotator))
    assert agency["place"] == "kayseri" and agency["name"] == "Erciyes Weaving facilities"
    wire = only(run("Gunmen kill four in attack on convoy\n\n"
                    "KASSALA, March 13 (Xinhua) -- Gunmen attacked a convoy of traders on Wednesday, killing four "
                    "people, a police source said.", kb, annotator))
    assert wire["place"] == "kassala"
    # The text places the attack elsewhere in the country: the dateline does not.
    far = only(run("Jihadists attack army post\n\n"
                   "BAMAKO, Mali (AP) — Jihadists attacked an army post in northern Mali on Wednesday, killing "
                   "six soldiers, the army said.", kb, annotator))
    assert far["place"] != "bamako" and far["country"] == "ML"


def test_village_named_only_below_the_lead_still_places_the_attack(kb, annotator):
    # A wire story reprinted under a mourning headline: the lead names no place, the village comes later.
    r = run("Niger declares mourning after 26 killed in attack\n\n"
            "The government announced two days of national mourning.\n\n"
            "Published on March 14, 2024 at 10:00\n\n"
            "The village of Tonkoula, which gunmen attacked on March 12, 2024, lies near the border with "
            "Mali.\n\n"
            "The victims were killed as they left a wedding in the Tonkoula quarter of the small town of "
            "Ayorou, the ministry said.", kb, annotator)
    loc = only(r)
    assert "Tonkoula" in loc["name"] and loc["country"] == "NE"


def test_ships_flag_state_is_not_where_it_was_attacked(kb, annotator):
    wire = only(run("Missile hits bulk carrier in Gulf of Aden\n\n"
                    "DUBAI (Reuters) - A Houthi missile hit a Panama-flagged bulk carrier in the Gulf of Aden on "
                    "Wednesday, causing a fire on board, the U.S. military said.", kb, annotator))
    assert wire["country"] != "PA"
    local = only(run("Cargo ship attacked off Yemen\n\n"
                     "A cargo ship registered in Malta was struck by a drone boat in the Red Sea on Wednesday, "
                     "the maritime agency UKMTO said. The Houthis claimed the attack.", kb, annotator))
    assert local["country"] != "MT"


def test_where_officials_spoke_is_not_the_attack_place(kb, annotator):
    wire = only(run("Missile strike kills nine in Zaporizhzhia\n\n"
                    "A Russian missile struck a shopping street of Zaporizhzhia on Friday, killing nine people, "
                    "officials said.\n\n"
                    "In Kyiv, the president condemned the attack and called for more air defence systems.\n\n"
                    "Speaking in Kyiv later, the foreign minister said the strike was a war crime.", kb, annotator,
                    published="2025-06-07"))
    assert wire["place"] == "zaporizhzhya"
    statement = run("Statement by the Ministry\n\n"
                    "Speaking at a news conference in Moscow, the ministry spokesman said air defences destroyed "
                    "12 drones over the Belgorod region overnight. No casualties were reported.", kb, annotator,
                    published="2025-04-05")
    assert [c["location"]["place"] for c in statement.candidates] != ["moscow"]


def test_a_town_no_named_country_holds_is_the_one_near_the_countries_named(kb, annotator):
    """A name shared by a small town near the countries the article speaks of and a bigger town across the
    world: the near one ("Mora" with only "the Nigerian border" and Boko Haram said is Cameroon's Mora)."""
    local = only(run("Raiders kill six near border\n\nSix people were killed when armed men attacked a market in Mora on Sunday "
                     "night, residents said, before the attackers fled towards the Nigerian border.", kb, annotator))
    assert local["place"] == "mora" and local["country"] == "CM"


def test_a_routes_ends_yield_to_a_distance_from_a_town(kb, annotator):
    """'on the X-Y road, 40 km north of Y': the attack is near Y, not at X; a headline's 'between X and Y'
    joins the attack its text places at Y instead of making a record of X."""
    result = run("Convoy ambushed between Gao and Ansongo\n\nGunmen ambushed a supply convoy on the Gao-Ansongo "
                 "road on Friday, about 35 km north of Ansongo, killing three drivers, the army said.",
                 kb, annotator)
    assert only(result)["place"] == "ansongo"
    plain = only(run("Bus attacked\n\nGunmen attacked a bus on the Kaya-Dori road on Friday, killing five "
                     "passengers, officials said.", kb, annotator))
    assert plain["place"] in ("kaya", "dori") and plain["country"] == "BF"


def test_a_bureau_abroad_places_no_attack(kb, annotator):
    """A wire filed from a bureau in another country ("NAIROBI (Reuters) -" over a strike in Sudan) places
    nothing: the attack is where the text says, or only in the country it tells of."""
    result = run("Sudan army says jets hit RSF camp\n\nNAIROBI (Reuters) - Sudan's army said on Sunday its jets had "
                 "struck a paramilitary camp in the country's west, killing 11 fighters.\n\nThe Rapid Support "
                 "Forces said the strike hit a market in Mellit, in North Darfur, killing six civilians.",
                 kb, annotator)
    assert [c["location"]["country"] for c in result.candidates] == ["SD"]
    assert result.candidates[0]["location"]["place"] != "nairobi"


def test_a_kebele_or_woreda_is_a_named_place_and_a_compass_word_is_no_region(kb, annotator):
    """Local administrative units English copy names ("X Kebele, Y Woreda", "Z tehsil", "W barangay") are
    places the gazetteer may lack; "West Shewa Zone" and "the Federal Government" name no region called
    "West" and no place called "Federal" (each would be a region abroad)."""
    result = run("Gunmen kill 14 at market\n\nGunmen killed 14 people in an attack on Dembi Kebele, Haro Woreda, "
                 "West Shewa Zone, on Sunday, the Oromia regional government said.\n\nIt urged the Federal "
                 "Government to send more troops to the area.", kb, annotator)
    where = only(result)
    assert where["name"] == "Dembi Kebele" and where["country"] == "ET"


def test_the_region_owning_a_place_and_strikes_across_a_region_place_nothing(kb, annotator):
    """'in Magway's Pauk Township': the region holding the township, not a town of its name; 'has stepped
    up air strikes across Magway': attacks in general over the region. The attack is the township's."""
    result = run("Air strike kills nine in Magway's Pauk Township\n\nA military jet bombed a school in Pauk Township, "
                 "Magway Region, on Tuesday, killing nine people, residents said.\n\nThe military has stepped up "
                 "air strikes across Magway in recent weeks.", kb, annotator)
    assert only(result)["name"] == "Pauk Township"


def test_a_place_name_closing_a_longer_name_gives_no_country(kb, annotator):
    """'the Operations Sector Sokola 1 Grand Nord': 'Nord' ends the sector's name, no region abroad; the
    village the sector reports is in the country the rest of the article names."""
    result = run("Army statement on Kasinga massacre\n\nThe spokesperson of the Operations Sector Sokola 1 Grand Nord "
                 "said ADF rebels massacred 14 civilians in the village of Kasinga on Sunday night.\n\n"
                 "Troops launched pursuit operations towards Lubero.", kb, annotator)
    assert only(result)["country"] == "CD"


def test_a_landmark_across_the_river_is_no_place_of_the_attack(kb, annotator):
    """'X lies across the Dnipro River from the Y plant': the plant is a landmark seen from the town and never
    outranks it, though a named site is more precise."""
    result = run("Drone hits bus in Marhanets\n\nA Russian drone hit a bus in Marhanets on Tuesday, killing one "
                 "passenger, the regional governor said.\n\nMarhanets lies across the Dnipro River from the "
                 "Zaporizhzhia Nuclear Power Plant and is shelled almost every day.", kb, annotator)
    assert only(result)["place"] == "marhanets"
