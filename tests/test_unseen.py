"""Classes found by scoring articles written for this round (tests/fixtures/fresh) before any rule saw
them: each test is a short article of its own, in two outlets' styles or more, that failed before the
rule it names. They load the spaCy model, so they are marked slow.
"""


import pytest

from tests.extract_helpers import extract_text

pytestmark = pytest.mark.slow


def run(text, kb, annotator, published="2025-05-06", aid="t1"):
    return extract_text(text, kb, annotator, published, aid)


def places(result):
    return sorted(c["location"]["name"] for c in result.candidates)


# ------------------------------------------------------------------ where a statement was made


def test_statement_issued_in_a_city_is_not_a_second_attack(kb, annotator):
    # wire: the reaction's city is the provincial capital; the attack is in another town
    r = run("Roadside bomb kills four policemen in Pakistan\n\n"
            "A roadside bomb struck a police van in Turbat on Monday, killing four policemen, officials said.\n\n"
            "The chief minister condemned the blast in a statement released in Quetta, the provincial capital.",
            kb, annotator)
    assert places(r) == ["Turbat"]


def test_official_who_briefed_journalists_in_the_capital_places_nothing(kb, annotator):
    # military statement: the spokesman's briefing is in the federal capital
    r = run("Troops repel attack on Damboa base\n\n"
            "Troops on Sunday repelled an attack by terrorists on a military base in Damboa, Borno State.\n\n"
            "The troops neutralised several of the attackers, while two soldiers were wounded.\n\n"
            "The army spokesman disclosed details of the attack to journalists in Abuja on Monday.", kb, annotator)
    assert places(r) == ["Damboa"]


def test_condemnation_from_the_capital_is_not_where_the_strike_hit(kb, annotator):
    # local outlet: the leader condemns "from" the capital
    r = run("Drone strike kills three near Marjayoun\n\n"
            "Three men were killed on Monday when a drone struck their car near Marjayoun, the health "
            "ministry said.\n\n"
            "The president condemned the attack from Beirut and called for restraint.", kb, annotator)
    assert places(r) == ["Marjayoun"]


# ------------------------------------------------------------------ the attack's own place, however introduced


def test_a_demonym_or_a_bare_compass_word_before_the_place_keeps_it_locative(kb, annotator):
    # under a dateline, the attack's town must be read as a location to win over the dateline's city
    wire = run("Gunmen storm police post\n\n"
               "PESHAWAR, Pakistan (Reuters) - Gunmen stormed a police post in northwest Pakistan's Dera Ismail "
               "Khan district on Monday, killing three policemen, officials said.", kb, annotator)
    assert places(wire) == ["Dera Ismail Khan"]
    afp = run("Jihadists kill soldiers\n\n"
              "KANO, Nigeria (AFP) - Jihadists killed at least six soldiers in an attack on an army post in the "
              "northeastern Nigerian town of Konduga late on Monday, a militia leader said.", kb, annotator)
    assert places(afp) == ["Konduga"]


def test_the_road_between_two_towns_places_the_attack(kb, annotator):
    local = run("Two killed in drone strike\n\n"
                "Two people were killed on Monday when a drone struck a motorcycle on the road between "
                "Kfar Kila and Khiam in south Lebanon, the health ministry said.", kb, annotator)
    assert places(local) == ["Kfar Kila"]


def test_colon_and_double_bracket_datelines(kb, annotator):
    # a Pakistani daily's "CITY:" dateline places an attack the text places nowhere else
    daily = run("Three policemen martyred\n\n"
                "KOHAT: Three policemen were martyred when militants attacked a checkpoint late on Monday, "
                "police said on Tuesday.", kb, annotator)
    assert [p.lower() for p in places(daily)] == ["kohat"]
    # an agency's "City (Country) (AFP) -" dateline yields to the town the text names
    agency = run("Jihadists kill eight\n\n"
                 "Yola (Nigeria) (AFP) - Jihadists killed eight soldiers in the town of Mubi on Monday, a "
                 "security source told AFP.", kb, annotator)
    assert places(agency) == ["Mubi"]


def test_a_cantonment_named_after_a_town_is_at_that_town(kb, annotator):
    # a military statement names only the cantonment under another city's dateline
    statement = run("Attack on Kohat Cantonment foiled\n\n"
                    "RAWALPINDI, 5 May 2025: On the night of 4/5 May, terrorists attempted to attack the "
                    "Kohat Cantonment. The attempt was thwarted by own troops.", kb, annotator)
    (c,) = statement.candidates
    assert c["location"]["name"] == "Kohat Cantonment" and c["location"]["place"] == "kohat"


# ------------------------------------------------------------------ tolls in military and local idiom


def test_martyred_and_supreme_price_are_deaths_and_sustained_injuries_wounds(kb, annotator):
    daily = run("Policemen martyred in Kohat\n\n"
                "KOHAT: Four policemen were martyred and two others injured when militants attacked a "
                "checkpoint in Kohat late on Monday, police said.", kb, annotator)
    (c,) = daily.candidates
    assert c["casualties"]["killed"]["low"] == 4
    army = run("Troops repel attack\n\n"
               "Troops on Sunday repelled an attack by terrorists on a military base in Damboa, Borno State. "
               "Regrettably, three soldiers paid the supreme price, while six others sustained injuries.",
               kb, annotator)
    (c,) = army.candidates
    assert c["casualties"]["killed"]["low"] == 3 and c["casualties"]["wounded"]["low"] == 6


# ------------------------------------------------------------------ attacks at sea


def test_nautical_miles_off_a_port_is_the_same_attack_at_sea(kb, annotator):
    # wire: the sea in the lead, a port as the reference point further down: one attack, at sea
    wire = run("Missile hits tanker in Red Sea\n\n"
               "DUBAI (AP) — Houthi rebels fired a missile at a tanker in the Red Sea on Monday, damaging the "
               "vessel, the U.S. military said.\n\n"
               "The attack happened about 40 nautical miles west of the port city of Hodeidah, a maritime "
               "security agency said.", kb, annotator)
    (c,) = wire.candidates
    assert c["location"]["country"] == "YE" and c["location"]["name"] in ("Red Sea", "Hodeidah")
    # liveblog: the claim names the sea, the maritime agency's entry the port
    live = run("Shipping updates\n\n16:20 — Houthis claim attack\n\n"
               "The Houthis say their forces targeted the tanker Blue Heron with missiles in the Red Sea.\n\n"
               "15:05 — Tanker struck off Yemen\n\n"
               "UKMTO says a tanker was struck by a missile 30 nautical miles west of Mokha. The crew are safe.",
               kb, annotator)
    (c,) = live.candidates
    assert c["location"]["country"] == "YE"


# ------------------------------------------------------------------ no new attack, one attack, its kind


def test_arrest_over_an_attack_dated_only_earlier_this_month_gives_no_incident(kb, annotator):
    wire = run("Police arrest three over rocket attack on air base\n\n"
               "BAGHDAD (Reuters) - Iraqi police have arrested three men suspected of firing rockets at the "
               "Ain al-Asad air base earlier this month, the interior ministry said on Tuesday.\n\n"
               "The men were detained in raids west of Ramadi, the ministry said.", kb, annotator,
               published="2025-05-27")
    assert wire.candidates == []
    local = run("Two held for mortar attack\n\n"
                "Police said on Monday they had detained two men accused of firing mortar rounds at a police "
                "station in Kirkuk earlier this month.", kb, annotator, published="2025-05-27")
    assert local.candidates == []


def test_the_citys_district_is_part_of_the_town_already_named(kb, annotator):
    # local outlet: district named in the next paragraph, with the later toll
    local = run("Drone attack on Kharkiv\n\n"
                "Russian drones struck Kharkiv overnight on May 6, killing two people, the mayor said.\n\n"
                "The drones hit an apartment block in the city's Saltivskyi district, he said.\n\n"
                "The death toll later rose to three.", kb, annotator)
    assert places(local) == ["Kharkiv"]
    wire = run("Missiles hit Ukrainian city\n\n"
               "KYIV, May 6 (Reuters) - Russian missiles struck Kharkiv on Tuesday, killing two people, officials "
               "said. One missile hit a school in the city's Kyivskyi district, the governor said.", kb, annotator)
    assert places(wire) == ["Kharkiv"]


def test_a_suicide_car_bomber_makes_a_bombing(kb, annotator):
    wire = run("Suicide car bomber hits checkpoint\n\n"
               "A suicide car bomber struck a police checkpoint in Kohat on Monday, killing five policemen, "
               "officials said. Gunmen then opened fire on the survivors.", kb, annotator)
    (c,) = wire.candidates
    assert c["event_type"] == "bombing" and "suicide_bomb" in c["weapons"]
    statement = run("Attack on post repulsed\n\n"
                    "On the night of 5 May, terrorists rammed an explosive-laden vehicle into a post in Tank "
                    "district, Khyber Pakhtunkhwa, and opened fire; gunmen were killed by troops.", kb, annotator)
    (c,) = statement.candidates
    assert c["event_type"] == "bombing"


# ------------------------------------------------------------------ a wire dateline's day, tolls of none


def test_the_datelines_day_is_the_filing_day_not_the_attacks(kb, annotator):
    wire = run("Militants ambush army convoy\n\n"
               "DAKAR, May 6 (Reuters) - Militants ambushed an army convoy near the town of Ansongo in Mali on "
               "Monday, killing at least nine soldiers, two security sources said.", kb, annotator)
    (c,) = wire.candidates
    assert str(c["date"]) == "2025-05-05"
    statement = run("Convoy attacked\n\n"
                    "BAMAKO, 6 May: On Monday, a convoy was attacked by terrorists near Ansongo in Mali. "
                    "Four soldiers were killed.", kb, annotator)
    (c,) = statement.candidates
    assert str(c["date"]) == "2025-05-05"


def test_no_one_hurt_crew_safe_and_material_damage_only_are_no_casualties():
    from generator.extract.casualties import find_figures

    def kinds(text):
        return sorted((f.kind, f.low) for f in find_figures(text))

    assert kinds("The crew put out the fire and no one was hurt, the agency said.") == [("killed", 0), ("wounded", 0)]
    assert kinds("A fire broke out, but the crew are reported safe.") == [("killed", 0), ("wounded", 0)]
    assert kinds("The strike caused material damage only, a military source said.") == [("killed", 0), ("wounded", 0)]
    assert kinds("The army did not say whether anyone was hurt.") == []  # "anyone" holds no "one"
    assert kinds("Seven soldiers were martyred.") == [("killed", 7)]


# ------------------------------------------------------------------ who did it


def _doers(result):
    (c,) = result.candidates
    return sorted(a.get("actor") or a.get("description") for a in c["actors"] if a["role"] == "perpetrator")


def test_a_datelines_country_is_never_the_doer(kb, annotator):
    agency = run("Gunmen kill eleven in Nigeria village attack\n\n"
                 "Yola (Nigeria) (AFP) - Jihadists killed at least 11 soldiers when they stormed a base in the "
                 "town of Mubi late on Monday, two militia leaders told AFP on Tuesday.", kb, annotator)
    assert "nigeria" not in _doers(agency)
    wire = run("Gunmen kill six in Nigeria\n\n"
               "MAIDUGURI, Nigeria, May 6 (Reuters) - Jihadists killed six soldiers when they stormed an army "
               "post in the town of Damboa late on Monday, two security sources told Reuters on Tuesday.",
               kb, annotator)
    assert "nigeria" not in _doers(wire)


def _accused(result):
    (c,) = result.candidates
    return sorted(a.get("actor") for a in c["actors"] if a["role"] == "accused")


def test_blame_in_a_sentence_of_its_own_accuses_the_doer_of_the_attack(kb, annotator):
    local = run("Bomb kills policeman in Jamundí\n\n"
                "A police officer was killed when a bomb exploded outside a police station in Jamundí, Colombia, "
                "on Monday night, the governor's office said.\n\n"
                "Authorities blamed the FARC dissidents, who are active in the area.", kb, annotator)
    assert _accused(local) == ["farc-dissidents"]
    wire = run("Gunmen kill four in Somalia\n\n"
               "MOGADISHU, May 6 (Reuters) - Gunmen killed four soldiers at a checkpoint in Beledweyne, Somalia, "
               "on Monday, a police officer said. Local officials blamed al-Shabaab.", kb, annotator)
    assert _accused(wire) == ["al-shabaab"]


# ------------------------------------------------------------------ where (tests/fixtures/fresh-where)


def test_a_district_of_a_named_city_is_placed_in_that_city_not_in_a_bigger_namesake(kb, annotator):
    # regional administration: "the X district of Y", where a district of the capital bears the same name
    r = run("Glide bomb hits tram depot\n\n"
            "On Tuesday afternoon, Russian aircraft dropped a glide bomb on a tram depot in the "
            "Shevchenkivskyi district of Zaporizhzhia, killing two workers.\n\n"
            "Five more people were injured.", kb, annotator)
    assert [c["location"]["place"] for c in r.candidates] == ["zaporizhzhya"]  # the city, 710,000 people


def test_a_paragraph_opening_on_another_day_reports_another_attack_in_the_same_city(kb, annotator):
    # wire: the day's attack, then the previous evening's in another part of the same city
    r = run("Grenade kills shopkeeper in Kandahar\n\n"
            "KANDAHAR, Afghanistan (AP) — A grenade thrown into a shop killed its owner in Kandahar city on "
            "Thursday afternoon, police said.\n\n"
            "The shop sold mobile phones near the main bus station, a police officer said.\n\n"
            "On Wednesday evening, gunmen on a motorcycle shot dead a former police officer in the Loya Wiala "
            "area, police said.", kb, annotator, published="2025-05-09")
    assert sorted(str(c["date"]) for c in r.candidates) == ["2025-05-07", "2025-05-08"]


def test_a_roundup_lead_totalling_attacks_across_a_country_is_no_attack_of_its_own(kb, annotator):
    # roundup: the lead's totals and the night's nationwide launches belong to no one paragraph's attack
    r = run("Russian strikes kill five across Ukraine\n\n"
            "Russian strikes killed five civilians across Ukraine over the past day, regional officials said on "
            "March 11.\n\n"
            "Russia launched 40 drones and two missiles overnight, the air force said.\n\n"
            "Sumy Oblast: A Russian drone hit a car in Shostka on the afternoon of March 10, killing two people.\n\n"
            "Kharkiv Oblast: Russian shelling hit Kupiansk in the evening, killing three people.",
            kb, annotator, published="2025-03-11")
    got = sorted((c["location"]["place"], str(c["date"]), c["casualties"]["killed"]["low"]) for c in r.candidates)
    assert got == [("kupyansk", "2025-03-10", 3), ("shostka", "2025-03-10", 2)]


def test_a_town_the_gazetteer_spells_with_accents_is_found_in_plain_letters(kb, annotator):
    # wire copy drops the accents the gazetteer keeps ("Bankilaré"): the town must still be found
    r = run("Gunmen kill four herders in western Niger\n\n"
            "Gunmen on motorcycles killed four herders on Sunday near Bankilare, a town in the Tillaberi region, "
            "a local official said.", kb, annotator, published="2025-06-10")
    assert [c["location"]["place"] for c in r.candidates] == ["bankilare"]


def test_another_attack_named_further_down_takes_no_mention_from_before_it(kb, annotator):
    # local daily: "In the first attack ... In another attack ...", the first in a village the gazetteer lacks
    r = run("Gunmen kill seven in two Katsina attacks\n\n"
            "Gunmen killed seven people in two attacks on villages in Katsina State, police said on Tuesday.\n\n"
            "In the first attack, gunmen stormed Dangeza village on Sunday night, killing three people.\n\n"
            "In another attack, gunmen killed four traders near Batsari on Monday morning.",
            kb, annotator, published="2025-06-17")
    assert sorted(str(c["date"]) for c in r.candidates) == ["2025-06-15", "2025-06-16"]


def test_bodies_found_after_an_attack_report_that_attack(kb, annotator):
    # local radio: the news is the discovery; the attack it follows is the incident, not background
    r = run("Twelve bodies found near Makurdi\n\n"
            "The bodies of twelve farmers were found on Thursday in fields outside Makurdi, after an attack "
            "blamed on armed herders on Wednesday night, residents said.", kb, annotator, published="2025-07-11")
    assert [c["location"]["place"] for c in r.candidates] == ["makurdi"]


def test_a_city_named_like_a_province_abroad_is_no_evidence_for_that_country(kb, annotator):
    # local agency style: the city is named in the title and the lead; a province abroad bears its name
    r = run("Clashes in Tripoli kill two\n\n"
            "Two men were killed in clashes between rival gunmen in Tripoli on Monday, the state news agency "
            "in Lebanon said.", kb, annotator, published="2025-04-08")
    assert [(c["location"]["place"], c["location"]["country"]) for c in r.candidates] == [("tripoli-lb", "LB")]


def test_a_where_clause_with_an_old_year_after_the_attacks_town_leaves_the_town_news(kb, annotator):
    # wire: the lead names only the region; the next sentence names the town, then recalls the insurgency
    r = run("Bomb kills two at bus stop in southern Thailand\n\n"
            "BANGKOK (AP) — A bomb hidden in a motorcycle exploded at a bus stop in southern Thailand on Monday, "
            "killing two people, police said.\n\n"
            "The blast hit the stop in the town of Tak Bai in Narathiwat province, where a separatist insurgency "
            "has killed thousands of people since 2004.", kb, annotator, published="2025-03-04")
    assert [c["location"]["place"] for c in r.candidates] == ["tak-bai"]


# ------------------------------------------------------------------ fresh-c: accidents and trials told over several sentences


def test_a_blast_whose_cause_the_headline_gives_as_an_accident_is_no_attack(kb, annotator):
    # wire and local styles: the lead says only "an explosion"; the headline or a later sentence says gas
    wire = run("Boiler explosion at textile mill kills four\n\n"
               "MULTAN, Pakistan (Reuters) - An explosion ripped through a textile mill in Multan on Tuesday, "
               "killing four workers and injuring nine, police said.", kb, annotator)
    local = run("Four dead as blast hits hotel kitchen\n\n"
                "Four people died when an explosion hit the kitchen of a hotel in Kandahar on Tuesday, officials said.\n\n"
                "Firefighters said a gas cylinder leak had caused the fire and the explosion.", kb, annotator)
    assert wire.candidates == [] and local.candidates == []


def test_a_trial_over_an_attack_the_lead_dates_long_ago_gives_no_attack(kb, annotator):
    # an Indian daily's "CITY:" dateline; the headline's year stands three words before "attack", and the
    # sentences after the lead speak of "the attack"
    r = run("NIA court jails two for life over 2023 Varanasi market bomb attack\n\n"
            "LUCKNOW: Two men were sentenced to life imprisonment for their role in the bomb attack on the crowded "
            "vegetable market in Varanasi in June 2023, in which two people were killed.\n\n"
            "The court held that the two, both residents of Lucknow, had acted for handlers in Nepal, who supplied "
            "the bomb and paid them to carry out the attack.\n\n"
            "\"The attack was meant to terrorise ordinary shoppers,\" the judge observed.",
            kb, annotator)
    assert r.candidates == []


def test_a_place_that_opens_an_armed_groups_name_places_nothing(kb, annotator):
    # a prosecutor's follow-up and a local outlet: the group is named after a town elsewhere
    mx = run("Six killed at bar in Irapuato\n\n"
             "Gunmen killed six people at a bar in Irapuato on Saturday night, the state prosecutor said.\n\n"
             "Investigators said the attack was carried out by a cell of the Celaya de Abajo Cartel, which is "
             "fighting a rival gang over the attack's area.", kb, annotator)
    ps = run("Two soldiers wounded near Jenin\n\n"
             "Gunmen opened fire on an army checkpoint near Jenin on Monday, wounding two soldiers.\n\n"
             "A group calling itself the Tubas Battalion said its fighters carried out the attack.", kb, annotator)
    assert places(mx) == ["Irapuato"] and places(ps) == ["Jenin"]


def test_a_compass_word_that_opens_a_zones_name_is_no_region_of_that_name(kb, annotator):
    # state media and a wire: "East Wollega Zone", "West Shewa Zone" are zones, not a region called "East"
    state = run("Militants massacre farmers in West Shewa Zone\n\n"
                "Militants killed seven farmers near Shambu in Ethiopia on Sunday, the regional government said.",
                kb, annotator)
    wire = run("Gunmen kill nine at market in North Gondar Zone\n\n"
               "NAIROBI (Reuters) - Gunmen killed nine people at a market near Gimbi in western Ethiopia on "
               "Sunday, residents said.", kb, annotator)
    assert [c.record["location"]["country"] for c in state.candidates + wire.candidates] == ["ET", "ET"]


# ------------------------------------------------------------------ fresh-d: datelines, follow-ups


def test_dated_dateline_is_the_day_of_this_morning_and_no_caption(kb, annotator):
    # Indian local paper printed the next day: a one-sentence lead under a dated dateline, "this morning"
    r = run("Three villagers shot dead in Tengnoupal\n\n"
            "IMPHAL, Mar 3: Three villagers were shot dead by unidentified gunmen near Moirang in Manipur this morning.\n\n"
            "The bodies were handed over to the families after post-mortem, police said.",
            kb, annotator, published="2025-03-04")
    assert [str(c["date"]) for c in r.candidates] == ["2025-03-03"]


def test_dateline_yields_to_a_place_the_gazetteer_lacks(kb, annotator):
    # Pakistani daily: "CITY:" dateline, the attack in a village the gazetteer lacks
    r = run("Gunmen kill five at fuel station\n\n"
            "PESHAWAR: Gunmen riding motorcycles attacked a fuel station in Shakardara on Monday, "
            "killing five people, police said.\n\n"
            "The attackers fled after the shooting.", kb, annotator, published="2025-03-04")
    assert places(r) == ["Shakardara"]
    assert r.candidates[0]["location"]["place"] is None


def test_toll_day_is_not_the_attack_day_in_a_follow_up(kb, annotator):
    # follow-up from a dateline paragraph of its own: the toll rose on Monday, the attack told further down
    r = run("Toll from bus attack rises to nine\n\n"
            "TURBAT:\n\n"
            "The death toll from the attack on a passenger bus in Hoshabpur in Balochistan rose to nine on Monday "
            "after two injured passengers died in hospital.\n\n"
            "The provincial government announced compensation for the families.\n\n"
            "Gunmen had opened fire on the bus near Hoshabpur on the evening of March 1, witnesses said.",
            kb, annotator, published="2025-03-04")
    assert [(c["location"]["name"], str(c["date"])) for c in r.candidates] == [("Hoshabpur", "2025-03-01")]


def test_a_place_owned_by_another_state_or_country_is_not_its_namesake(kb, annotator):
    # national wire: "Manipur's Bishnupur" is no town of that name in another state, so one attack, at Moirang
    r = run("Three farmers hurt in militant firing in Manipur's Bishnupur\n\n"
            "Imphal, Mar 3 (PTI) Three farmers were wounded when militants fired at them near Moirang in Manipur's "
            "Bishnupur district on Monday, police said.", kb, annotator, published="2025-03-03")
    assert places(r) == ["Moirang"]
    # wire on Haiti: "Haiti's Centre department" is no region called Centre in another country
    r = run("Gangs kill six in central Haiti\n\n"
            "Gang members attacked the farming village of Bois-Lahoye, in Haiti's Centre department, on Sunday, "
            "killing six people, officials said.", kb, annotator, published="2025-03-03")
    assert [c["location"]["country"] for c in r.candidates] == ["HT"]


def test_vehicle_that_skids_into_a_gorge_is_an_accident(kb, annotator):
    # hill-district road accident: killed, no attacker, no weapon; the accident named by how it happened
    r = run("Five pilgrims killed as jeep skids off road in Kishtwar\n\n"
            "KISHTWAR: Five pilgrims were killed and eight injured when the jeep carrying them skidded off the road "
            "and rolled into a ravine in Jammu and Kashmir on Sunday evening, police said.\n\n"
            "Rescue teams recovered the bodies after a four-hour operation.", kb, annotator, published="2025-03-03")
    assert r.candidates == []


def test_dateline_town_yields_to_the_village_a_lead_sentence_names(kb, annotator):
    # state news agency: "CITY –" dateline over a bombing in a village the gazetteer lacks, named a sentence later
    r = run("Soldier killed in Lanao del Sur roadside blast\n\n"
            "MARAWI CITY – A soldier was killed and two others were hurt when a roadside bomb exploded beside their "
            "patrol vehicle on Monday morning.\n\n"
            "The troops were returning from a medical mission in Barangay Bubong when the bomb went off, the "
            "Army's brigade commander said.", kb, annotator, published="2025-03-03")
    assert places(r) == ["Barangay Bubong"]
