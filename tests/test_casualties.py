"""Casualties: numbers in words and digits, qualifiers, vague words, and ranges across sources."""

import pytest

from generator.extract.casualties import combine, find_figures, to_number


def figures(text):
    return [(f.kind, f.low, f.high) for f in find_figures(text)]


@pytest.mark.parametrize("text,expected", [
    ("At least 37 people were killed in the explosions.", [("killed", 37, None)]),
    ("Eight soldiers were injured.", [("wounded", 8, 8)]),
    ("The strike killed twenty-one civilians and wounded 40 others.", [("killed", 21, 21), ("wounded", 40, 40)]),
    ("Several U.S. personnel are believed to be injured.", [("wounded", 2, None)]),
    ("More than 100 people died.", [("killed", 101, None)]),
    ("The death toll rose to 133 on Saturday.", [("killed", 133, 133)]),
    ("Dozens were wounded.", [("wounded", 24, None)]),
    ("There were no casualties.", [("killed", 0, 0), ("wounded", 0, 0)]),
    ("No injuries were reported.", [("wounded", 0, 0)]),
    ("This led to minor wounds among the guards.", [("wounded", 1, None)]),
    ("The raid led to the loss of at least 9 lives.", [("killed", 9, None)]),
    ("The number of people killed in the blast has risen to 40.", [("killed", 40, 40)]),
    ("Four pilgrims attending a festival in the town were killed.", [("killed", 4, 4)]),
    ("Doctors treated the hundreds of wounded overnight.", [("wounded", 200, None)]),
    ("Officials reported that there were deaths and injuries at the depot.",
     [("killed", 1, None), ("wounded", 1, None)]),
    ("No sailors were injured, the shipping firm added.", [("wounded", 0, 0)]),
    ("The attack resulted in injuries to eight soldiers.", [("wounded", 8, 8)]),
    ("A 12-year-old boy was killed in the strike.", [("killed", 1, 1)]),
    ("The death toll from Sunday's strike has risen to 25.", [("killed", 25, 25)]),
    ("The shelling hit a house, killing a woman and injuring three others.", [("killed", 1, 1), ("wounded", 3, 3)]),
])
def test_casualties_figures(text, expected):
    assert figures(text) == expected


def test_casualties_counts_of_weapons_are_not_people():
    assert figures("Two drones were destroyed and three rockets landed.") == []


def test_casualties_to_number():
    assert to_number("1,200") == (1200, 1200)
    assert to_number("hundreds") == (200, None)
    assert to_number("thirty-two") == (32, 32)
    assert to_number("umpteen") is None


def test_casualties_combine_takes_the_highest_stated_figure():
    found = find_figures("At least 11 people were killed. The toll later rose to 13 killed.")
    assert combine([f for f in found if f.kind == "killed"])["low"] == 13


@pytest.mark.parametrize("text,expected", [
    # wire: a list of counted groups is their sum
    ("Four children, three women and two men were killed in the strike, the ministry said.", [("killed", 9, 9)]),
    # local outlet: the list after the verb, singular items counted as one
    ("The blast killed a policeman, two traders and a child near the market gate.", [("killed", 4, 4)]),
    ("Two foreign visitors and an Iraqi were also injured, he added.", [("wounded", 3, 3)]),
])
def test_casualties_enumerations_are_summed(text, expected):
    assert figures(text) == expected
    # a part of the toll ("including two children") is not added to the next figure
    assert figures("Five people were killed, including three women, and 28 people were wounded.") == [
        ("killed", 5, 5), ("wounded", 28, 28)]


@pytest.mark.parametrize("text", [
    "The shelling caused 30 casualties, the governor said.",  # official statement
    "Medics treated 25 casualties after the blasts.",  # wire
    "The truck bomb killed or injured dozens of shoppers at the bus station.",  # local outlet
])
def test_casualties_n_casualties_is_neither_killed_nor_wounded_alone(text):
    assert figures(text) == []


@pytest.mark.parametrize("text,expected", [
    ("At least 12 people were killed and 40 injured, officials said.", [("killed", 12, None), ("wounded", 40, None)]),
    ("at least 7 dead and 15 hurt in the market blast", [("killed", 7, None), ("wounded", 15, None)]),
])
def test_casualties_at_least_holds_for_both_figures(text, expected):
    assert figures(text) == expected
    # a figure with its own qualifier keeps it
    assert figures("At least 5 were killed and more than 20 wounded.") == [("killed", 5, None), ("wounded", 21, None)]


@pytest.mark.parametrize("text,expected", [
    ("Rescuers recovered 14 bodies from the rubble on Sunday.", [("killed", 14, 14)]),
    ("\u201cMany bodies\u201d lay in the street, a witness said.", [("killed", 2, None)]),
    ("The ambush claimed the lives of over 30 herders.", [("killed", 31, None)]),
    ("\u201cWe lost 12 of our loved ones,\u201d the village elder said.", [("killed", 12, 12)]),
    ("The militia announced the death of two of its commanders.", [("killed", 2, 2)]),
    ("Between three to six guards were killed, a diplomat said.", [("killed", 3, 6)]),
    ("Monitors said the toll ranges from eighty to several hundred.", [("killed", 80, None)]),
    ("By the evening the number of dead rose to 11, and injured to 38.", [("killed", 11, 11), ("wounded", 38, 38)]),
    ("Health officials said 22 people were taken to hospital.", [("wounded", 22, 22)]),
    ("At least 57 people were woundedAccording to the health ministry.", [("wounded", 57, None)]),
    ("So far, 23 people, including schoolchildren and elderly men, have been killed.", [("killed", 23, 23)]),
    ("Field commander Abu Karam was killed in a drone strike on the outskirts.", [("killed", 1, None)]),
    ("Residents said the raid left a large number of villagers dead.", [("killed", 2, None)]),  # a vague plural
])
def test_casualties_tolls_as_reports_phrase_them(text, expected):
    assert figures(text) == expected
    # a named person killed somewhere, not in an attack the sentence names, is not counted
    assert figures("Hours later it was reported that Samir Daoud had been killed in Amman.") == []


def test_casualties_the_attackers_own_dead_are_marked():
    found = find_figures("Three attackers were killed and five guards were wounded.")
    assert [(f.kind, f.low, f.attackers) for f in found] == [("killed", 3, True), ("wounded", 5, False)]


@pytest.mark.parametrize("text,expected", [
    # an army communique's active "massacred N"; a medical network's nouns "the killing of N ... the injury of N"
    ("Rebels massacred thirty-one villagers in the night, the army said.", [("killed", 31, 31)]),
    ("The assailants had massacred at least 12 farmers before fleeing.", [("killed", 12, None)]),
    ("Doctors documented the killing of fourteen civilians and the injury of fifty-two others.",
     [("killed", 14, 14), ("wounded", 52, 52)]),
    ("The clinic recorded the wounding of 9 children.", [("wounded", 9, 9)]),
])
def test_casualties_massacred_and_the_injury_of(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a local follow-up's revised toll, its victims named between "number of" and "killed"
    ("The number of soldiers killed in Tuesday's ambush has risen to twelve, a commander said.", [("killed", 12, 12)]),
    ("The number of Somali troops wounded in the blast rose to 31 on Wednesday.", [("wounded", 31, 31)]),
])
def test_casualties_a_revised_toll_of_named_victims(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a toll revised "from N to M"; a toll in words past a hundred (not "one" of "one hundred")
    ("The death toll from Monday's bombing rose from 11 to 23, police said on Tuesday.", [("killed", 23, 23)]),
    ("The number of people killed in the raid has risen from nine to seventeen.", [("killed", 17, 17)]),
    ("The shelling killed one hundred and two civilians, the governor said.", [("killed", 102, 102)]),
    ("One hundred people were killed in the massacre.", [("killed", 100, 100)]),
    ("Medics said two hundred and forty-five people were wounded.", [("wounded", 245, 245)]),
])
def test_casualties_a_toll_revised_from_one_figure_to_another_and_hundreds_in_words(text, expected):
    assert figures(text) == expected
