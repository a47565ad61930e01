"""Which sentences tell an attack (generator/extract/events.py, lexicon.GROUND_VERB and THROW_VERB).

Lead sentences that tell a ground attack by what the attackers did ("raided", "torched", "stabbed") or a thrown
weapon ("hurled a grenade") give a candidate; the same verbs in police raids, riots, crimes and sport give
none. Every sentence is invented. The tests load the spaCy model, so they are marked slow.
"""

import pytest

from tests.extract_helpers import extract_text

pytestmark = pytest.mark.slow


def candidates(text, kb, annotator):
    return extract_text("Attack report\n\n" + text, kb, annotator, "2026-03-10").candidates


@pytest.mark.parametrize("text, place", [
    ("Armed men raided a police post in Zamfara state on Monday, killing four officers, police said.", "Zamfara"),
    ("Militants torched a school in the village of Tsangaya in Borno State on Tuesday.", "Tsangaya"),
    ("Attackers set fire to dozens of homes in a village in Plateau State on Monday, killing 12 people.",
     "Plateau"),
    ("Assailants stabbed three worshippers outside a church in Kaduna on Sunday.", "Kaduna"),
    ("Al-Shabaab fighters besieged a police station in Mogadishu for six hours on Friday.", "Mogadishu"),
    ("A man hurled a grenade into a crowded bar in Kampala on Saturday, wounding nine people.", "Kampala"),
    ("Militants executed five farmers in a field near Tillaberi on Friday, residents said.", "Tillaberi"),
    ("Insurgents lobbed mortar rounds at a military base in Mogadishu on Friday, wounding three soldiers.",
     "Mogadishu"),
])
def test_ground_and_thrown_weapon_verbs_tell_an_attack(text, place, kb, annotator):
    found = candidates(text, kb, annotator)
    assert len(found) == 1
    assert place in found[0].record["location"]["name"]


@pytest.mark.parametrize("text", [
    "Protesters set fire to tyres and blocked roads in Nairobi on Monday over the price of fuel.",
    "Demonstrators threw stones at police in Lahore on Friday; no one was hurt.",
    "A man stabbed his neighbour in a dispute over land in Kaduna on Monday, police said.",
    "The striker threw the ball into the net in the final minute in Lagos on Sunday.",
    "Police raided a market in Kano on Tuesday and seized counterfeit medicines.",
    "The team stormed back to win the match in Kampala on Saturday.",
    "Firefighters said a fire burned down a warehouse in Lagos on Sunday.",
    "The prison executed two inmates convicted of murder in Lagos on Tuesday.",
])
def test_the_same_verbs_without_attackers_or_weapons_tell_none(text, kb, annotator):
    assert candidates(text, kb, annotator) == []


def test_shells_that_land_are_artillery(kb, annotator):
    found = candidates("Shells landed in a market in Donetsk on Sunday, killing seven people, the mayor said.",
                       kb, annotator)
    assert [c.record["event_type"] for c in found] == ["shelling"]
    assert found[0].record["weapons"] == ["artillery"]
