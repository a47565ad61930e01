"""Actors the sources describe without naming them: `{description, role, sources}` entries in `actors`.

The record format, the merge with an analyst's edits and the rendering; extraction of such actors (and
the other rules about who did an attack) is tested on hand-written articles in `test_extract.py`.
"""

from __future__ import annotations

import copy

import pytest
from tests.records_helpers import (GOOD_INCIDENT, INCIDENT_ID, draft_incident, drafts, edit, problems_of, run,
                                   write_records)

from generator.extract.candidate import Candidate
from generator.extract.cluster import merge
from generator.records.io import load_records, to_plain




DESCRIBED = """\
actors:
  - description: Iran-backed militias
    role: perpetrator
    sources: [art_a]
  - actor: group-x
"""


def test_validate_accepts_an_actor_described_instead_of_named(tmp_path):
    root = write_records(tmp_path, GOOD_INCIDENT.replace("actors:\n  - actor: group-x\n", DESCRIBED))
    assert problems_of(root) == []


def test_validate_refuses_an_entry_with_both_actor_and_description_or_neither(tmp_path):
    both = GOOD_INCIDENT.replace("    role: claimed\n", "    description: a militia\n    role: claimed\n")
    root = write_records(tmp_path, both)
    assert problems_of(root) == [f"incidents/{INCIDENT_ID}.yaml:14: actors[0]: give exactly one of actor or "
                                 "description, not both and not neither"]
    neither = GOOD_INCIDENT.replace("  - actor: group-x\n    role: claimed\n", "  - role: claimed\n")
    root = write_records(tmp_path, neither)
    assert problems_of(root) == [f"incidents/{INCIDENT_ID}.yaml:14: actors[0]: give exactly one of actor or "
                                 "description, not both and not neither"]
    empty = GOOD_INCIDENT.replace(DESCRIBED.splitlines()[0], "actors:").replace(
        "  - actor: group-x\n", "  - description: ''\n")
    root = write_records(tmp_path, empty)
    assert problems_of(root) == [f"incidents/{INCIDENT_ID}.yaml:14: actors[0].description: must not be empty"]


def described(*entries) -> dict:
    """A draft whose actors are the named group plus unnamed ones, given as (description, role)."""
    record = draft_incident()
    record["actors"] += [{"description": d, "role": r, "sources": ["art_a"]} for d, r in entries]
    return record


def actors_of(root) -> list[dict]:
    return to_plain(load_records(root).incidents[INCIDENT_ID]["actors"])


def test_reconcile_keeps_two_described_actors_apart_and_an_analyst_edit_to_one(tmp_path):
    run(tmp_path, drafts(described(("gunmen", "perpetrator"), ("a foreign army", "accused"))))
    assert [a.get("description") for a in actors_of(tmp_path)] == [None, "gunmen", "a foreign army"]

    def identify(d):  # the analyst names the gunmen and narrows the accusation
        d["actors"][1]["description"] = "Taliban gunmen"
        d["actors"][2]["sources"].append("art_b")

    edit(tmp_path, identify)
    again = described(("gunmen", "perpetrator"), ("a foreign army", "accused"), ("suspected jihadists", "accused"))
    run(tmp_path, drafts(again))
    run(tmp_path, drafts(again))
    got = actors_of(tmp_path)
    assert [(a.get("description"), a["role"]) for a in got] == [
        (None, "claimed"), ("Taliban gunmen", "perpetrator"), ("a foreign army", "accused"),
        ("suspected jihadists", "accused")]
    assert got[2]["sources"] == ["art_a", "art_b"]
    assert list(got[1]) == ["description", "role", "sources"]  # the record format's key order


def test_reconcile_an_analyst_naming_a_described_actor_is_not_undone(tmp_path):
    run(tmp_path, drafts(described(("Iran-backed militias", "perpetrator"))))
    assert problems_of(tmp_path) == []

    def name_it(d):
        entry = d["actors"][1]
        del entry["description"]
        entry.insert(0, "actor", "group-x")

    edit(tmp_path, name_it)
    run(tmp_path, drafts(described(("Iran-backed militias", "perpetrator"))))
    assert [(a.get("actor"), a.get("description"), a["role"]) for a in actors_of(tmp_path)] == [
        ("group-x", None, "claimed"), ("group-x", None, "perpetrator")]
    assert problems_of(tmp_path) == []


def test_merge_keeps_described_perpetrators_only_when_no_source_names_one(kb):
    a = copy.deepcopy(_candidate("art_a", [{"description": "Iran-backed militias", "role": "perpetrator",
                                            "sources": ["art_a"]}]))
    b = _candidate("art_b", [{"actor": "kataib-hezbollah", "role": "perpetrator", "sources": ["art_b"]}])
    assert merge([a], kb)["actors"] == a["actors"]
    assert "Iran-backed militias (not named)" in merge([a], kb)["summary"]
    assert merge([a, b], kb)["actors"] == b["actors"]


def _candidate(article: str, actors: list[dict]) -> Candidate:
    record = draft_incident(article=article)
    record.update(actors=actors, claims=[], casualty_reports=[])
    return Candidate(record, article, anchor=0)


# ------------------------------------------------------------------------------- extraction (spaCy)



def extract(text, kb, annotator, published="2024-03-14"):
    import datetime as dt

    from generator.extract.article import extract_article
    from generator.records.format import Article

    day = dt.date.fromisoformat(published)
    title = text.strip().partition("\n\n")[0]
    art = Article(id="t1", path="t1.txt", title=title, text=text.strip(), published=day, published_precision="day")
    return extract_article(art, kb, annotator).candidates


def who(cands) -> set[tuple[str, str]]:
    """(actor id or description, role) of everyone named as having done, claimed or been blamed for it."""
    return {(a.get("actor") or a["description"], a["role"]) for c in cands for a in c["actors"]
            if a["role"] in ("perpetrator", "claimed", "accused")}


def claimants(cands) -> list:
    return [(cl["actor"], cl["description"]) for c in cands for cl in c["claims"]]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # wire: a president's statement about the attackers is no claim of responsibility
    "Gunmen kill 12 soldiers in central Mali\n\nBAMAKO, March 12 (Reuters) - Gunmen killed 12 soldiers at an army "
    "post near Niono on Tuesday, the army said.\n\nMalian President Assimi Goita claimed the attackers had tried to "
    "flee towards a neighbouring country. No group has claimed responsibility.",
    # local outlet: a toll "claimed lives", a denial
    "Baidoa mourns after restaurant blast\n\nA car bomb exploded outside a restaurant in Baidoa on Tuesday evening, "
    "which claimed the lives of 14 people, police said.\n\nAl-Shabaab denied responsibility for the bombing in a "
    "statement on Wednesday.",
    # official statement relayed: the authorities' account of the damage, and a search by the security forces
    "Statement on the night attack on the Saratov depot\n\nDrones attacked a fuel depot in Saratov on Tuesday "
    "night. Regional officials have claimed that a falling drone started a fire at the depot.\n\nPolice said "
    "they launched a search operation and recovered the van used in the attack.",
])
def test_extract_statements_tolls_and_denials_are_not_claims(kb, annotator, text):
    cands = extract(text, kb, annotator)
    assert cands
    assert claimants(cands) == []
    assert not any(role == "claimed" for _, role in who(cands))


@pytest.mark.slow
def test_extract_a_state_announcing_its_own_strike_is_its_perpetrator(kb, annotator):
    wire = extract("Israel strikes Hezbollah in southern Lebanon\n\nBEIRUT, March 12 (Reuters) - The Israeli army "
                   "said it struck Hezbollah positions near Nabatieh on Tuesday, killing two fighters.", kb, annotator)
    assert ("israel-defense-forces", "perpetrator") in who(wire) and claimants(wire) == []
    statement = extract("Air operation against terrorist targets\n\nTurkey's defence ministry announced air strikes "
                        "on PKK targets in northern Iraq on Tuesday, saying 32 targets were destroyed.", kb, annotator)
    assert who(statement) == {("turkey", "perpetrator")}
    local = extract("Strike on depot in Syria\n\nThe Pentagon confirmed the strike on a weapons depot in Deir "
                    "ez-Zor on Tuesday. Syria's defence ministry confirmed the strike on Syrian territory.",
                    kb, annotator)
    assert who(local) == {("united-states", "perpetrator")}
    victim = extract("Trade office hit in Erbil\n\nANKARA, March 12 (Anadolu) - Turkey confirmed the strike on its "
                     "trade office in Erbil on Tuesday, which killed two people.", kb, annotator)
    assert ("turkey", "perpetrator") not in who(victim)


@pytest.mark.slow
def test_extract_the_doer_an_attack_noun_names(kb, annotator):
    wire = extract("Depot hit near Aleppo\n\nALEPPO, March 12 (Reuters) - An Israeli air strike destroyed an "
                   "Iranian-run weapons depot near Aleppo on Tuesday, Syrian state media said.", kb, annotator)
    assert ("israel", "perpetrator") in who(wire) and ("iran", "perpetrator") not in who(wire)
    local = extract("School shelled in Kosti\n\nEleven civilians were killed on Tuesday in a shelling by the Rapid "
                    "Support Forces on a school in Kosti, medics said.", kb, annotator)
    assert who(local) == {("rapid-support-forces", "perpetrator")}
    headline = extract("Three dead in Burkina Faso attack\n\nThree people were killed in an attack on a market in "
                       "Djibo on Tuesday, residents said.", kb, annotator)
    assert who(headline) == set()  # a country named before "attack" is where, not who


@pytest.mark.slow
def test_extract_an_unnamed_army_is_the_named_or_national_military(kb, annotator):
    local = extract("Inquiry into strike on cattle market\n\nThe state governor ordered an inquiry into Tuesday's "
                    "military air strike on a cattle market in Gusau, Zamfara State, Nigeria, which killed 19 people.",
                    kb, annotator)
    assert who(local) == {("nigerian-armed-forces", "perpetrator")}
    wire = extract("Strike in northern Gaza\n\nGAZA, March 12 (AP) - The Israeli military has been fighting in "
                   "Jabalia for weeks. An army drone strike killed four people in Jabalia on Tuesday, medics said.",
                   kb, annotator)
    assert ("israel-defense-forces", "perpetrator") in who(wire)


@pytest.mark.slow
def test_extract_described_doers_and_the_act_nouns_that_name_no_one(kb, annotator):
    wire = extract("Rocket attack on base in Syria\n\nWASHINGTON, March 12 (Reuters) - A rocket attack on the Tanf "
                   "garrison in Syria wounded three U.S. troops on Tuesday. The strike, carried out by "
                   "Iran-backed militias, damaged a hangar, the Pentagon said.", kb, annotator)
    assert ("Iran-backed militias", "perpetrator") in who(wire)
    local = extract("Villagers killed in Borno\n\nSuspected jihadists attacked the village of Mafa in Borno State "
                    "on Tuesday night, killing 11 farmers, a local official said.", kb, annotator)
    assert who(local) == {("Suspected jihadists", "perpetrator")}
    gunmen = extract("Bus passengers shot near Herat\n\nGunmen opened fire on a bus near Herat on Tuesday, "
                     "killing five passengers, the police said.", kb, annotator)
    assert who(gunmen) == set()  # "gunmen" says what they did, not who they were
    dateline = extract("Attack on army post\n\nNIAMEY, Niger — (AP) — Islamic militants attacked an army post in "
                       "Tillaberi on Tuesday, officials said.", kb, annotator)
    assert who(dateline) == {("Islamic militants", "perpetrator")}  # not Niger, the dateline's country


@pytest.mark.slow
def test_extract_accused_governments_and_allusions(kb, annotator):
    local = extract("Blasts at market in Kassala\n\nTwo explosions killed nine people at a livestock market in "
                    "Kassala on Tuesday. A spokesman for the paramilitary group accused the Sudanese government of "
                    "planning the blasts.", kb, annotator)
    assert ("sudanese-government", "accused") in who(local)
    wire = extract("Blasts at market in Kassala\n\nPORT SUDAN, March 12 (AFP) - Two explosions killed nine people at "
                   "a livestock market in Kassala on Tuesday. The head of the ruling council condemned the bombing as "
                   "an attack carried out by a foreign army, implicitly referring to Eritrean forces, his office said.",
                   kb, annotator)
    assert {("eritrean-defence-forces", "accused"), ("foreign army", "accused")} <= who(wire)
    assert not any(role == "perpetrator" for _, role in who(wire))


@pytest.mark.slow
def test_extract_a_routine_or_an_earlier_attack_names_no_doer(kb, annotator):
    wire = extract("Car bomb hits Baidoa checkpoint\n\nBAIDOA, March 12 (Reuters) - A car bomb exploded at a "
                   "checkpoint in Baidoa on Tuesday, killing at least seven people, police said. No group claimed the "
                   "attack, but al-Shabaab routinely carries out such bombings.", kb, annotator)
    assert who(wire) == set()
    lead = ("Bomb kills four in Kismayo\n\nA roadside bomb exploded near a market in Kismayo on Tuesday, killing "
            "four people, police said. ")
    for habit in ("Al-Shabaab often carries out such bombings in the port city.",  # a habit, not this attack
                  "Al-Shabaab often attacks markets in the port city.",
                  "Al-Shabaab continues to carry out bombings in the region."):
        assert who(extract(lead + habit, kb, annotator)) == set(), habit
    local = extract("US strikes militia sites in Iraq\n\nThe U.S. conducted strikes on two militia facilities in Iraq "
                    "on Tuesday, responding to attacks on its forces by Iran and its proxies, officials said.",
                    kb, annotator)
    assert ("united-states", "perpetrator") in who(local) and ("iran", "perpetrator") not in who(local)


@pytest.mark.slow
def test_extract_the_group_refers_to_the_claimant_not_its_parent(kb, annotator):
    wire = extract("Attack on army base in Borno\n\nMAIDUGURI, March 12 (Reuters) - Fighters stormed an army base in "
                   "Monguno on Tuesday, killing six soldiers.\n\nISWAP, a faction that split from Boko Haram, "
                   "has grown stronger. The group claimed responsibility for the attack on Wednesday.",
                   kb, annotator)
    assert who(wire) == {("iswap", "claimed")}
    local = extract("Blast at Chabahar checkpoint\n\nA bomb killed three policemen at a checkpoint in Chabahar on "
                    "Tuesday. Jaish al-Adl, an ally of al-Qaeda in the region, operates near the border. The group "
                    "claimed the bombing in a statement.", kb, annotator)
    assert who(local) == {("jaish-al-adl", "claimed")}


@pytest.mark.slow
def test_extract_the_army_saying_it_struck_is_the_named_military_not_the_last_group(kb, annotator):
    local = extract("Strikes in southern Lebanon\n\nHezbollah fired rockets at Kiryat Shmona on Monday. The Israeli "
                    "military has been on alert since.\n\nThe army said it struck Hezbollah targets in Nabatieh on "
                    "Tuesday, killing three fighters.", kb, annotator)
    nabatieh = [c for c in local if c["location"]["name"] == "Nabatieh"]
    assert who(nabatieh) == {("israel-defense-forces", "perpetrator")} and claimants(nabatieh) == []
    wire = extract("Russia strikes energy sites\n\nMOSCOW, March 12 (Reuters) - Ukrainian drones hit a depot in "
                   "Belgorod on Monday. The Russian Defence Ministry said its forces struck Ukrainian energy "
                   "facilities in Kharkiv on Tuesday in response.", kb, annotator)
    kharkiv = [c for c in wire if c["location"]["name"] == "Kharkiv"]
    assert ("russia", "perpetrator") in who(kharkiv)
    assert not any(a in ("ukraine", "armed-forces-of-ukraine") for a, _ in who(kharkiv))


@pytest.mark.slow
def test_extract_a_headline_without_a_full_stop_leaves_the_lead_its_subject(kb, annotator):
    wire = extract("Ukraine says hit Russian fuel depot near Kursk\n\nUkraine says hit Russian fuel depot near "
                   "Kursk\n\nKYIV\nUkraine says hit Russian fuel depot\n\nUkraine on Tuesday hit a Russian fuel "
                   "depot in Kursk, near the border, in a new drone attack, officials said.", kb, annotator)
    assert ("ukraine", "perpetrator") in who(wire)
    local = extract("Morning attack on Poltava\n\nPosted by the newsroom\n\nRussia this morning struck an "
                    "industrial district of Poltava with two missiles, the regional governor said.", kb, annotator)
    assert ("russia", "perpetrator") in who(local)


@pytest.mark.slow
def test_extract_a_demonym_before_the_target_is_not_the_doer(kb, annotator):
    """'Iraqi market bombing', 'Nigerian church attack': the demonym qualifies the target named between it
    and the attack noun; before how it was made ("an Israeli air strike") or a weapon ("Russian glide
    bombs") it still names the doer."""
    for text in ("Iraqi market bombing kills five\n\nA bomb exploded at a market in Baquba on Monday, killing "
                 "five people, police said.",
                 "Nigerian church attack leaves 12 dead\n\nGunmen killed 12 worshippers at a church in Owo on "
                 "Sunday, police said."):
        assert who(extract(text, kb, annotator)) == set(), text
    strike = extract("Israeli air strike kills three\n\nAn Israeli air strike killed three people in Nabatieh on "
                     "Monday, officials said.", kb, annotator)
    assert ("israel", "perpetrator") in who(strike)
    bombs = extract("Glide bombs hit Kharkiv\n\nRussian glide bombs struck a residential area of Kharkiv on Sunday "
                    "evening, killing two people, the regional governor said.", kb, annotator)
    assert ("russia", "perpetrator") in who(bombs)


@pytest.mark.slow
def test_extract_a_claim_is_made_by_its_own_clause(kb, annotator):
    """'..., officials said, as X's local affiliate claimed the attack': a name in the clause before ("the
    northern Afghan city") is not the claimant."""
    text = ("Mosque bombing toll rises\n\nThe toll from Friday's bombing of a mosque in the northern Afghan city of "
            "Kunduz rose to 12 on Saturday, officials said, as the Islamic State's local affiliate claimed the "
            "attack.")
    assert not any(actor == "afghanistan" for actor, _ in who(extract(text, kb, annotator)))
