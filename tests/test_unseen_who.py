"""Who did it, in the ways outlets write it that the rules missed on tests/fixtures/fresh-who (scored
before any rule saw them): a military saying its own aircraft struck, officials saying the attackers
belonged to a group, a claim told through "according to a statement by", a blame that was not made,
and a claimant first described and then named. Each test is a short article of its own, in two outlets'
styles. They load the spaCy model, so they are marked slow.
"""

import pytest

from tests.extract_helpers import extract_text

pytestmark = pytest.mark.slow


def run(text, kb, annotator, published="2026-05-06"):
    return extract_text(text, kb, annotator, published, "t1")


def roles(result, role):
    (c,) = result.candidates
    return sorted(a.get("actor") or "desc: " + a["description"] for a in c["actors"] if a["role"] == role)


def claimants(result):
    (c,) = result.candidates
    return sorted(x.get("actor") or "desc: " + str(x.get("description")) for x in c["claims"])


def test_a_military_saying_its_aircraft_struck_is_the_perpetrator(kb, annotator):
    wire = run("Army jets pound paramilitary positions\n\n"
               "PORT SUDAN, May 6 (Reuters) - Sudan's army said on Wednesday its warplanes struck depots of the "
               "Rapid Support Forces in the town of Kadugli on Tuesday, destroying fuel tanks.", kb, annotator)
    assert roles(wire, "perpetrator") == ["sudanese-armed-forces"]
    assert "rapid-support-forces" not in roles(wire, "perpetrator")
    communique = run("Statement of the armed forces\n\n"
                     "The Sudanese Armed Forces announce that on Tuesday the air force carried out strikes on "
                     "gatherings of the Rapid Support Forces militia at Kadugli airport.", kb, annotator)
    assert roles(communique, "perpetrator") == ["sudanese-armed-forces"]


def test_officials_saying_the_attackers_belonged_to_a_group_name_the_doer(kb, annotator):
    agency = run("Nine villagers killed in eastern Congo\n\n"
                 "Goma (AFP) - Gunmen killed nine villagers in the town of Butembo, Democratic Republic of Congo, "
                 "on Tuesday night. Police said the attackers belonged to the Allied Democratic Forces.",
                 kb, annotator)
    assert roles(agency, "perpetrator") == ["allied-democratic-forces"]
    local = run("Herders attacked near Mubi\n\n"
                "MUBI - Six herders were shot dead in the town of Mubi in Adamawa State, Nigeria, on Tuesday. "
                "The army said the assailants were members of Boko Haram.", kb, annotator)
    assert roles(local, "perpetrator") == ["boko-haram"]


def test_a_blame_not_made_accuses_no_one(kb, annotator):
    wire = run("Car bomb kills two police officers\n\n"
               "BOGOTA, May 6 (AP) - A car bomb killed two police officers outside a police station in the city "
               "of Cali, Colombia, on Tuesday. Officials did not blame the ELN, which has bombed police posts in "
               "the region before.", kb, annotator)
    assert roles(wire, "accused") == []
    local = run("Blast at police post\n\n"
                "CALI - A bomb exploded at a police post in the city of Cali, Colombia, on Tuesday, wounding four "
                "officers.\n\nThe governor has not blamed the FARC dissidents for the blast.", kb, annotator)
    assert roles(local, "accused") == []


def test_a_claim_told_according_to_a_statement_by_the_group(kb, annotator):
    radio = run("Killings near Butembo\n\n"
                "Gunmen killed twelve villagers in the town of Butembo, Democratic Republic of Congo, on Tuesday "
                "night. According to a statement posted on Telegram by the Islamic State group's news agency, "
                "fighters of its Central Africa branch carried out the killings.", kb, annotator)
    assert claimants(radio) == ["islamic-state"]
    wire = run("Market attack in Somalia\n\n"
               "MOGADISHU, May 6 (Reuters) - A bomb killed five traders at a market in the town of Baidoa, "
               "Somalia, on Tuesday. According to a statement released by al-Shabaab, its fighters carried out "
               "the bombing.", kb, annotator)
    assert claimants(wire) == ["al-shabaab"]


def test_a_claimant_described_then_named_is_the_named_one(kb, annotator):
    daily = run("Blast kills policemen in Quetta\n\n"
                "QUETTA: A bomb killed four policemen in the city of Quetta on Tuesday. Two militant groups "
                "claimed the attack. The Balochistan Liberation Army said in a statement that it carried out "
                "the bombing.", kb, annotator)
    assert claimants(daily) == ["balochistan-liberation-army"]
    wire = run("Bomb kills soldiers in Somalia\n\n"
               "MOGADISHU, May 6 (Reuters) - A roadside bomb killed three soldiers near the town of Baidoa, "
               "Somalia, on Tuesday. An Islamist group claimed responsibility. Al-Shabaab said in a statement "
               "that it had carried out the bombing.", kb, annotator)
    assert claimants(wire) == ["al-shabaab"]


def test_a_group_saying_its_fighters_or_drones_did_it_claims_the_attack(kb, annotator):
    radio = run("Soldiers killed in Baidoa blast\n\n"
                "BAIDOA - A roadside bomb killed three soldiers in the town of Baidoa, Somalia, on Tuesday. "
                "Al-Shabaab said on its radio station that its fighters had planted the bomb.", kb, annotator)
    assert claimants(radio) == ["al-shabaab"]
    wire = run("Drone hits army post in northern Israel\n\n"
               "JERUSALEM, May 6 (Reuters) - A drone struck an army post in the town of Metula in northern Israel "
               "on Tuesday, wounding two soldiers. Hezbollah said in a statement its drones struck the post.",
               kb, annotator)
    assert claimants(wire) == ["hezbollah"]


def test_two_groups_claiming_in_one_sentence_are_both_claimants(kb, annotator):
    wire = run("Bomb kills police in Quetta\n\n"
               "Quetta (Pakistan) (AFP) - A bomb killed four policemen in the city of Quetta on Tuesday. Both the "
               "Balochistan Liberation Army and the Tehreek-e-Taliban Pakistan claimed the attack.", kb, annotator)
    assert claimants(wire) == ["balochistan-liberation-army", "tehrik-i-taliban-pakistan"]
    local = run("Checkpoint bombed in Baidoa\n\n"
                "BAIDOA - A car bomb killed five soldiers at a checkpoint in the town of Baidoa, Somalia, on "
                "Tuesday. Al-Shabaab and the Islamic State both claimed responsibility.", kb, annotator)
    assert claimants(local) == ["al-shabaab", "islamic-state"]


def test_a_groups_record_of_past_claims_is_no_claim_of_this_attack(kb, annotator):
    wire = run("Bomb kills soldiers in Somalia\n\n"
               "MOGADISHU, May 6 (Reuters) - A bomb killed three soldiers in the town of Baidoa, Somalia, on "
               "Tuesday. No group claimed the attack. Al-Shabaab has claimed similar bombings in Baidoa in the "
               "past.", kb, annotator)
    assert claimants(wire) == []
    local = run("Blast at Quetta police post\n\n"
                "QUETTA: A bomb exploded at a police post in the city of Quetta on Tuesday, killing two "
                "constables. The Balochistan Liberation Army has claimed responsibility for previous attacks on "
                "police in the city.", kb, annotator)
    assert claimants(local) == []


def test_officials_naming_who_was_behind_it_or_whose_hallmarks_it_bore(kb, annotator):
    wire = run("Bomb kills soldiers in Somalia\n\n"
               "MOGADISHU, May 6 (Reuters) - A bomb killed three soldiers in the town of Baidoa, Somalia, on "
               "Tuesday. A regional official said al-Shabaab was behind the bombing.", kb, annotator)
    assert roles(wire, "perpetrator") == ["al-shabaab"]
    local = run("Police post bombed in Quetta\n\n"
                "QUETTA: A bomb exploded at a police post in the city of Quetta on Tuesday, killing two constables. "
                "Police said the blast bore the hallmarks of the Balochistan Liberation Army.", kb, annotator)
    assert roles(local, "accused") == ["balochistan-liberation-army"]
    agency = run("Nine villagers killed near Butembo\n\n"
                 "Goma (AFP) - Gunmen killed nine villagers in the town of Butembo, Democratic Republic of Congo, on "
                 "Tuesday night. The army suspects the Allied Democratic Forces.", kb, annotator)
    assert roles(agency, "accused") == ["allied-democratic-forces"]
    blamed_on = run("Blast at Baidoa checkpoint\n\n"
                    "BAIDOA - A car bomb killed five soldiers at a checkpoint in the town of Baidoa, Somalia, on "
                    "Tuesday. The regional government blamed the attack on al-Shabaab.", kb, annotator)
    assert roles(blamed_on, "accused") == ["al-shabaab"]


def test_a_group_saying_it_was_behind_the_attack_claims_it(kb, annotator):
    wire = run("Bomb kills soldiers in Somalia\n\n"
               "MOGADISHU, May 6 (Reuters) - A bomb killed three soldiers in the town of Baidoa, Somalia, on "
               "Tuesday. Al-Shabaab said in a statement it was behind the bombing.", kb, annotator)
    assert claimants(wire) == ["al-shabaab"]
    denial = run("Bomb kills soldiers in Somalia\n\n"
                 "MOGADISHU, May 6 (Reuters) - A bomb killed three soldiers in the town of Baidoa, Somalia, on "
                 "Tuesday. Al-Shabaab said it was not behind the bombing.", kb, annotator)
    assert claimants(denial) == [] and roles(denial, "perpetrator") == []


def test_suspected_before_a_long_group_name_accuses_it(kb, annotator):
    police = run("Farmers killed in Borno\n\n"
                 "MAIDUGURI - Suspected Boko Haram militants killed 12 farmers in the town of Mafa in Borno State, "
                 "Nigeria, on Tuesday, police said.", kb, annotator)
    assert roles(police, "accused") == ["boko-haram"] and roles(police, "perpetrator") == []


def test_a_country_named_before_an_air_or_drone_strike_is_its_doer(kb, annotator):
    wire = run("Strike kills militants in Somalia\n\n"
               "MOGADISHU, May 6 (Reuters) - Five al-Shabaab fighters were killed in a US air strike near the town "
               "of Jilib, Somalia, on Tuesday, the US Africa Command said.", kb, annotator)
    assert roles(wire, "perpetrator") == ["united-states"]
    local = run("Drone strike hits convoy\n\n"
                "QAMISHLI - Three fighters of the Syrian Democratic Forces were killed on Tuesday in a Turkey drone "
                "strike on their car near the town of al-Busayrah, Syria.", kb, annotator)
    assert roles(local, "perpetrator") == ["turkey"]


def test_the_group_of_fighters_a_military_killed_did_the_attack_they_made(kb, annotator):
    communique = run("Troops repel attack on Monguno base\n\n"
                     "The army said it killed 20 ISWAP fighters who attacked a base in the town of Monguno, Nigeria, "
                     "on Tuesday.", kb, annotator)
    assert "iswap" in roles(communique, "perpetrator")
    daily = run("Attack on army post repelled\n\n"
                "DAMBOA - Soldiers killed several Boko Haram insurgents who stormed an army post in the town of "
                "Damboa, Borno State, Nigeria, on Tuesday, residents said.", kb, annotator)
    assert "boko-haram" in roles(daily, "perpetrator")


def test_jihadists_linked_to_a_parent_group_said_they_ambushed_then_named(kb, annotator):
    agency = run("Convoy ambushed in Mali\n\n"
                 "Bamako (AFP) - Jihadists linked to al-Qaeda said on Tuesday they had ambushed an army convoy near "
                 "the town of Niono, Mali, on Monday. The Group for the Support of Islam and Muslims (JNIM) said in a "
                 "message carried by its media outlet that its fighters had destroyed several vehicles.",
                 kb, annotator)
    assert claimants(agency) == ["jnim"]
    wire = run("Base attacked in Burkina Faso\n\n"
               "OUAGADOUGOU, May 6 (Reuters) - Fighters of JNIM, al-Qaeda's affiliate in the Sahel, said on "
               "Wednesday they had stormed an army base in the town of Djibo, Burkina Faso, on Tuesday.",
               kb, annotator)
    assert claimants(wire) == ["jnim"]


def test_suspected_militants_linked_to_a_group_or_its_branch_accuse_it(kb, annotator):
    wire = run("Gunmen kill police in Pakistan\n\n"
               "PESHAWAR, Pakistan (AP) - Gunmen killed two police officers in the town of Khar, Pakistan, on "
               "Tuesday. Police suspected militants linked to the Islamic State group's Khorasan branch.",
               kb, annotator)
    assert roles(wire, "accused") == ["iskp"]
    local = run("Farmers killed near Mafa\n\n"
                "MAIDUGURI - Gunmen killed six farmers in the town of Mafa, Borno State, Nigeria, on Tuesday. "
                "Police said they suspected fighters loyal to Boko Haram.", kb, annotator)
    assert roles(local, "accused") == ["boko-haram"]


def test_a_parent_named_to_place_a_group_is_not_the_group_a_pronoun_means(kb, annotator):
    agency = run("Mali: al-Qaeda affiliate says it ambushed army convoy\n\n"
                 "Bamako (AFP) - Jihadists said on Tuesday they had ambushed an army convoy near the town of Niono, "
                 "Mali, on Monday, killing 11 soldiers.", kb, annotator)
    assert "al-qaeda" not in claimants(agency)
    local = run("Islamic State branch says it ambushed troops\n\n"
                "MAIDUGURI - Insurgents said on Wednesday they had ambushed soldiers in the town of Mafa, Borno "
                "State, Nigeria, on Tuesday, killing four.", kb, annotator)
    assert "islamic-state" not in claimants(local)


def test_a_statement_dated_now_about_an_attack_dated_years_ago_is_no_news(kb, annotator):
    local = run("Guerrillas deny old bombing\n\n"
                "BOGOTA - The ELN on Tuesday again denied that it was behind the 2019 car bombing of a police "
                "academy in the city of Cali, Colombia, which killed 22 cadets.", kb, annotator)
    assert local.candidates == []
    daily = run("Army rejects reports\n\n"
                "RAWALPINDI: The army on Tuesday rejected reports that its drones had struck a village in the town "
                "of Mir Ali, Pakistan, in March 2024, calling them propaganda.", kb, annotator)
    assert daily.candidates == []


def attribution(result):
    (c,) = result.candidates
    return c["attribution"]


def test_a_spokesman_saying_the_group_did_it_claims_for_the_group(kb, annotator):
    wire = run("Bomb kills soldiers in Somalia\n\n"
               "MOGADISHU, May 6 (Reuters) - A bomb killed three soldiers in the town of Baidoa, Somalia, on "
               "Tuesday. A spokesman for al-Shabaab, Ali Dhere, said the group carried out the attack.", kb, annotator)
    assert claimants(wire) == ["al-shabaab"]
    daily = run("Blast kills policemen in Quetta\n\n"
                "QUETTA: A bomb killed four policemen in the city of Quetta on Tuesday. Jeeyand Baloch, a spokesman "
                "for the Balochistan Liberation Army, said the group had planted the bomb.", kb, annotator)
    assert claimants(daily) == ["balochistan-liberation-army"]
    police = run("Blast kills policemen in Quetta\n\n"
                 "QUETTA: A bomb killed four policemen in the city of Quetta on Tuesday. The Balochistan Liberation "
                 "Army is active in the area. Police said they shot dead two of the attackers.", kb, annotator)
    assert claimants(police) == []


def test_a_denial_in_other_words_contests_the_blame(kb, annotator):
    wire = run("Car bomb kills police officers\n\n"
               "BOGOTA, May 6 (AP) - A car bomb killed two police officers in the city of Cali, Colombia, on "
               "Tuesday. The government blamed the ELN. The ELN distanced itself from the attack.", kb, annotator)
    assert attribution(wire) == "contested"
    local = run("Blast at police post\n\n"
                "CALI - A bomb exploded at a police post in the city of Cali, Colombia, on Tuesday, wounding four "
                "officers. The governor blamed the ELN, which said it had no involvement in the bombing.",
                kb, annotator)
    assert attribution(local) == "contested"


def test_blame_for_the_attack_referred_back_to_starts_no_incident(kb, annotator):
    local = run("Guerrillas call for talks\n\n"
                "CALI — The ELN on Tuesday again denied that it was behind the 2019 bombing of a police academy in "
                "the city.\n\nIn a statement, the group said the accusations were a pretext. The government has "
                "blamed the ELN for the attack since it happened.", kb, annotator)
    assert local.candidates == []
    daily = run("Army rejects reports\n\n"
                "RAWALPINDI: The army on Tuesday rejected reports that its drones had struck a village in the town "
                "of Mir Ali, Pakistan, in March 2024.\n\nTribal elders accused the army of the strike.", kb, annotator)
    assert daily.candidates == []
    wire = run("Car bomb kills police officers\n\n"
               "BOGOTA, May 6 (AP) - A car bomb killed two police officers in the city of Cali, Colombia, on "
               "Tuesday. The defence minister blamed the ELN for the attack.", kb, annotator)
    assert roles(wire, "accused") == ["eln"]


# ------------------------------------------------------------------ tests/fixtures/fresh-e (round 4)


def killed(result):
    (c,) = result.candidates
    k = c["casualties"]["killed"]
    return k and (k["low"], k["high"])


def test_fighters_of_a_named_group_and_a_verb_sharing_their_subject_name_the_doer(kb, annotator):
    # Nigerian daily: "Fighters of X" (the group in the "of" phrase); another group is only the one hit
    daily = run("Jihadists raid rival camp\n\n"
                "Fighters of the Islamic State West Africa Province (ISWAP) on Saturday overran a Boko Haram camp "
                "near Gubio in Borno State, killing 15 of the rival faction's fighters, residents said.", kb, annotator)
    assert roles(daily, "perpetrator") == ["iswap"]
    # local outlet: the doer is the subject of the first of two joined verbs ("crossed ... and overran")
    local = run("Militants overrun army outpost near Jowhar\n\n"
                "Al Shabaab fighters crossed the river before dawn on Tuesday and overran an army outpost near "
                "Jowhar, killing nine soldiers, a local elder told our reporter.", kb, annotator)
    assert roles(local, "perpetrator") == ["al-shabaab"]


def test_a_group_that_massacred_villagers_is_the_doer_and_their_number_the_toll(kb, annotator):
    # army press release, in its own verb
    release = run("Press release of the operations sector\n\n"
                  "On the night of 3 to 4 May 2026, ADF terrorists massacred nineteen civilians in the village of "
                  "Kisunga, Beni territory, North Kivu.", kb, annotator)
    assert roles(release, "perpetrator") == ["allied-democratic-forces"]
    assert killed(release) == (19, 19)


def test_a_claimants_own_toll_yields_to_the_officials(kb, annotator):
    # wire: the claimant's figure in its own account, the officer's figure beside it
    wire = run("Bomb attack on Somali army base\n\n"
               "MOGADISHU, May 5 (Reuters) - A car bomb exploded at an army base in Jowhar on Tuesday, killing at "
               "least six soldiers, an officer said.\n\n"
               "Al Shabaab said in a statement on its radio station that its fighters had killed 41 soldiers in the "
               "attack.", kb, annotator)
    assert killed(wire) == (6, None)
    # agency: the claim, "saying its fighters had killed", and the officials' own, smaller toll
    agency = run("Islamic State claims village massacre in Congo\n\n"
                 "Beni (DR Congo) (AFP) - Rebels killed at least 11 people in a night raid on a village near Beni "
                 "on Monday, officials said.\n\n"
                 "The Islamic State group claimed the attack on Tuesday through its Amaq agency, saying its "
                 "fighters had killed 25 people.", kb, annotator)
    assert killed(agency) == (11, None)
    # when the claimant's is the only figure, it is still the toll told
    alone = run("Islamic State claims village massacre in Congo\n\n"
                "Beni (DR Congo) (AFP) - Rebels raided a village near Beni on Monday night, officials said.\n\n"
                "The Islamic State group claimed the attack on Tuesday through its Amaq agency, saying its "
                "fighters had killed 25 people.", kb, annotator)
    assert killed(alone) == (25, 25)


def test_forces_that_opened_an_investigation_did_not_attack(kb, annotator):
    # state agency: the forces who cordoned off the site, alone or sharing a subject with "cordoned off"
    for after in ("The security forces opened an investigation into the blast.",
                  "The security forces cordoned off the market and opened an investigation."):
        agency = run("Explosion in market\n\n"
                     "A bomb hidden in a cart exploded in the main market of Tuz Khurmatu on Tuesday, wounding four "
                     "people, a police source said. " + after, kb, annotator)
        assert roles(agency, "perpetrator") == [], after


def test_a_name_two_governments_give_their_enemies_follows_the_attacked_country(kb, annotator):
    # Somali ministry statement: "the Khawarij" is its name for al-Shabaab
    ministry = run("Statement on the attack in Afgooye\n\n"
                   "The Ministry of Internal Security condemns the attack carried out by the Khawarij on a police "
                   "station in Afgooye on Monday night, in which three officers were killed.", kb, annotator)
    assert roles(ministry, "perpetrator") + roles(ministry, "accused") == ["al-shabaab"]
    # Pakistani military statement: the same word is its name for the TTP
    ispr = run("Terrorists attack check post\n\n"
               "RAWALPINDI: Khawarij attacked a security forces check post in Mir Ali, North Waziristan, on Monday "
               "night, martyring two soldiers, the military's media wing said.", kb, annotator)
    assert roles(ispr, "perpetrator") + roles(ispr, "accused") == ["tehrik-i-taliban-pakistan"]


def test_the_doer_after_a_wire_dateline_the_model_took_for_the_subject(kb, annotator):
    # wire, "CITY, date (Agency) - X ...": the city parsed as the subject, the doer as its apposition
    wire = run("Militants overrun Somali outpost\n\n"
               "MOGADISHU, May 5 (Reuters) - Al Shabaab fighters overran an army outpost near Jowhar on Tuesday, "
               "killing nine soldiers, officials said.", kb, annotator)
    assert roles(wire, "perpetrator") == ["al-shabaab"]
    joined = run("Militants overrun Somali outpost\n\n"
                 "MOGADISHU, May 5 (Reuters) - Al Shabaab fighters crossed the river before dawn and overran an "
                 "army outpost near Jowhar on Tuesday, killing nine soldiers, officials said.", kb, annotator)
    assert roles(joined, "perpetrator") == ["al-shabaab"]


def test_a_claim_carried_by_an_outlet_is_not_the_outlets_deed(kb, annotator):
    # wire: the claim "in a statement carried by" a website a demonym qualifies
    wire = run("Militants claim attack on Baidoa base\n\n"
               "Al-Shabaab said in a statement carried by a pro-group Somali website that its fighters had attacked "
               "an army base in Baidoa on Monday, killing 20 soldiers.", kb, annotator)
    assert roles(wire, "perpetrator") == [] and claimants(wire) == ["al-shabaab"]
    # local outlet: the claim's video "carried by" a national broadcaster
    local = run("Rebels claim Lamu bus ambush\n\n"
                "A video carried by Kenyan television on Tuesday showed al-Shabaab fighters who said they had "
                "ambushed a bus near Mpeketoni on Monday, killing six passengers.", kb, annotator)
    assert "kenya" not in roles(local, "perpetrator")


def test_doers_believed_to_be_of_a_group_are_accused(kb, annotator):
    # local outlet and wire: the hedge "believed to be" / "thought to be", as "suspected" is
    local = run("Nine killed in Oicha night raid\n\n"
                "Fighters believed to be from the ADF killed nine people in Oicha, Beni territory, on Monday night, "
                "local officials said.", kb, annotator)
    assert roles(local, "accused") == ["allied-democratic-forces"] and roles(local, "perpetrator") == []
    wire = run("Gunmen kill four teachers in Kenya\n\n"
               "NAIROBI, May 5 (Reuters) - Gunmen thought to be members of al-Shabaab killed four teachers in "
               "Mandera county in northeastern Kenya on Monday, police said.", kb, annotator)
    assert roles(wire, "accused") == ["al-shabaab"]


def test_a_group_named_only_for_its_past_attacks_is_not_the_doer(kb, annotator):
    # wire and local outlet: unnamed gunmen; the group's record told with "similar" or "in the past"
    for after in ("; the ADF, which is active in the area, has carried out similar ambushes.",
                  ". The ADF has attacked army positions around Eringeti in the past."):
        r = run("Seven soldiers killed in ambush near Beni\n\n"
                "Gunmen killed seven soldiers in an ambush on an army patrol near Beni on Monday" + after,
                kb, annotator)
        assert roles(r, "perpetrator") == [], after


def test_the_doer_of_a_verb_the_model_hung_on_its_object(kb, annotator):
    # wire: "The RSF attacked positions of ..." parsed with "attacked" as a modifier of "positions"
    wire = run("Paramilitaries attack army in El Obeid\n\n"
               "The RSF attacked positions of the Sudanese army in El Obeid on Sunday, killing 11 soldiers, the "
               "army said.", kb, annotator)
    assert roles(wire, "perpetrator") == ["rapid-support-forces"]


def test_a_claim_told_to_an_outlet_in_reported_speech(kb, annotator):
    # wire: "a spokesman for X told Reuters its forces had struck ..."
    wire = run("Paramilitaries say they hit army positions\n\n"
               "PORT SUDAN, May 5 (Reuters) - A spokesman for the Rapid Support Forces told Reuters its forces had "
               "struck army positions in El Obeid on Monday.", kb, annotator)
    assert claimants(wire) == ["rapid-support-forces"]
    # local outlet quoting a broadcaster: "told the BBC Somali service that its fighters had attacked ..."
    local = run("Militants claim Afgooye base attack\n\n"
                "A commander of al-Shabaab told the BBC Somali service that its fighters had attacked the army base "
                "in Afgooye on Monday night.", kb, annotator)
    assert claimants(local) == ["al-shabaab"]


def test_the_doer_of_a_verb_the_model_hung_on_a_noun_as_a_clause(kb, annotator):
    # agency lead: "Jihadists loyal to X killed ..." parsed with "killed" as a clause on X's noun
    agency = run("Jihadists kill rivals in Lake Chad\n\n"
                 "Jihadists loyal to the Islamic State group killed around forty villagers in an attack near "
                 "Kukawa in Borno State on Sunday.", kb, annotator)
    assert roles(agency, "perpetrator") == ["islamic-state"]
